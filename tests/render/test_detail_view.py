"""The detail view fits any pane (every summary fixture, from 40x8 to 160x60): never taller
than asked, never wider; the header (score, status) always on the first line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from livescore.core.leagues import resolve
from livescore.espn.detail.parse import parse_summary
from livescore.render.detail import render_detail
from livescore.render.lines import matchup
from tests.helpers import DETAIL, SKIP_SHARED

SUMMARIES = sorted(DETAIL.glob("summary_*.json")) if DETAIL.is_dir() else []
NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


def league_of(path: Path) -> str:
    slug = path.name.removeprefix("summary_").split("_")[0]
    return "soccer/fifa.world" if slug == "fifa.world" else slug


@pytest.mark.skipif(not SUMMARIES, reason=SKIP_SHARED)
@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.name[:36])
@pytest.mark.parametrize(("width", "height"), [(40, 8), (80, 24), (100, 30), (160, 60)])
def test_the_view_fits(path: Path, width: int, height: int) -> None:
    detail = parse_summary(json.loads(path.read_bytes()), resolve(league_of(path)))
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as captured:
        console.print(render_detail(detail, NOW, None, width, height))
    lines = captured.get().rstrip("\n").split("\n")
    assert len(lines) <= height
    assert all(cell_len(line) <= width for line in lines)
    assert lines[0].startswith(matchup(detail.game)[: width - 1])
    if detail.scoring and height >= 24:
        assert "Scoring" in [line.strip() for line in lines]  # what happened comes first
