"""A Sportrix recording's lines → what the live stream made of them, through the same
sans-I/O protocol (``session.py``), so the replay gives the live run's events. Pure."""

from __future__ import annotations

import json
import re
from datetime import datetime

from livescore.core.errors import ParseError
from livescore.core.model import Notice, SourceItem, Update
from livescore.sportrix import REST_FEED
from livescore.sportrix.session import SportrixSession


class SportrixReplay:
    """One replay: frames and REST answers share the matches as last seen."""

    def __init__(self) -> None:
        self._session = SportrixSession()

    def frame(self, body: str, at: datetime) -> SourceItem | None:
        """A recorded WebSocket frame."""
        return self._session.receive(body, at)

    def rest(self, path: str, status: object, body: str, at: datetime) -> SourceItem | None:
        """A recorded REST answer: a live snapshot (the backfill) becomes an update; the
        discovery answers (/sports, /matches/live) carry no scores and are passed over."""
        found = re.fullmatch(r"matches/(\d{1,20})/live", path)
        if found is None:
            return None
        match_id = found.group(1)
        if status != 200:
            return Notice(REST_FEED, f"match {match_id}: HTTP {status} (recorded)", at)
        try:
            game = self._session.snapshot(json.loads(body), match_id, at)
        except (ValueError, RecursionError, ParseError) as exc:
            reason = exc if isinstance(exc, ParseError) else "malformed JSON"
            return Notice(REST_FEED, f"match {match_id}: skipped {reason} (recorded)", at)
        return Update(REST_FEED, (game,), at)
