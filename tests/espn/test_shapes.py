"""The typed ESPN decode (only what the parser reads) gives the same games as decoding the
whole body, on every real capture and on any scoreboard-shaped document; and every key
the parser reads is one the shapes keep."""

from __future__ import annotations

import ast
import json
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import livescore.espn.parse as parser
import livescore.espn.result as result
from livescore.core.errors import ParseError
from livescore.core.leagues import resolve
from livescore.espn.parse import parse_scoreboard
from livescore.espn.shapes import SHAPES, decode_scoreboard
from tests.helpers import ESPN_FIXTURES, SHARED, SKIP_SHARED, TIMELINE
from tests.strategies import json_values

WILD = SHARED / "fixtures" / "espn-wild"
CAPTURES = [
    path
    for folder in (ESPN_FIXTURES, TIMELINE, WILD)
    if folder.is_dir()
    for path in sorted(folder.rglob("*.json"))
]
NBA, MLB = resolve("nba"), resolve("mlb")


def _games(data: object) -> object:
    try:
        return parse_scoreboard(data, NBA), parse_scoreboard(data, MLB)
    except ParseError as exc:
        return str(exc)


@pytest.mark.skipif(not CAPTURES, reason=SKIP_SHARED)
@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_capture_reads_the_same_through_the_shapes(path: Path) -> None:
    body = path.read_bytes()
    try:
        whole = json.loads(body)
    except ValueError:
        pytest.skip("not UTF-8 JSON as ESPN sends it")
    assert _games(decode_scoreboard(body)) == _games(whole)


def test_the_shapes_keep_every_key_the_parser_reads() -> None:
    source = ast.Module(
        [*ast.parse(Path(parser.__file__).read_text()).body,
         *ast.parse(Path(result.__file__).read_text()).body],
        [],
    )  # fmt: skip
    read = {
        node.args[0].value
        for node in ast.walk(source)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    read |= {  # keys read in loops over a tuple of names
        elt.value
        for node in ast.walk(source)
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple)
        for elt in node.iter.elts
        if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
    }
    kept = {key for shape in SHAPES for key in typing.get_type_hints(shape)}
    assert len(read) > 20
    # inside a score object, a competition's notes and a tennis grouping: kept whole (Any)
    assert read - kept <= {"value", "displayValue", "headline", "text", "grouping"}


sometimes = st.one_of(st.none(), st.integers(), st.text(max_size=5), json_values)
team = st.fixed_dictionaries(
    {"displayName": st.text(max_size=8), "abbreviation": st.text(max_size=4)},
    optional={"logo": st.text(max_size=4), "name": sometimes},
)
competitor = st.fixed_dictionaries(
    {"homeAway": st.sampled_from(["home", "away", "neutral"]), "team": team | sometimes},
    optional={"score": st.one_of(st.text("0123456789", max_size=3), sometimes)},
)
status = st.fixed_dictionaries(
    {
        "type": st.fixed_dictionaries(
            {"state": st.sampled_from(["pre", "in", "post", "x"])},
            optional={"name": st.text(max_size=6), "completed": sometimes, "detail": sometimes},
        )
        | sometimes
    },
    optional={"period": sometimes, "displayClock": sometimes},
)
event = st.fixed_dictionaries(
    {
        "id": st.text("0123456789", min_size=1, max_size=4) | sometimes,
        "competitions": st.lists(
            st.fixed_dictionaries(
                {"competitors": st.lists(competitor, max_size=3) | sometimes},
                optional={"status": status | sometimes, "odds": json_values},
            ),
            max_size=2,
        )
        | sometimes,
    },
    optional={"status": status, "date": st.just("2026-05-02T23:30Z") | sometimes},
)


@settings(max_examples=200)
@given(st.fixed_dictionaries({"events": st.lists(event, max_size=3) | sometimes}))
def test_any_scoreboard_shaped_document_reads_the_same_through_the_shapes(doc: object) -> None:
    body = json.dumps(doc).encode()
    assert _games(decode_scoreboard(body)) == _games(json.loads(body))
