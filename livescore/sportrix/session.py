"""The Sportrix stream's protocol, without I/O (in the style of the websockets library's
``Protocol``): feed it each frame with the time it came, get back what the frame means as
a source item. The live stream (``stream.py``) and the replay of a recording
(``replay.py``) both go through it, so a replay gives the events the live run gave.

It keeps what a frame alone does not say: each match as last seen (a cricket frame names
only the batting side, so the other keeps the name the match had), the subscriptions not
yet answered (an error frame carries no match id: it answers the oldest open one), and
which matches are being seen again after a reconnect (their next update is a resync).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from datetime import datetime

from livescore.core.errors import ParseError
from livescore.core.model import Game, Notice, SourceItem, Update
from livescore.sportrix import FEED
from livescore.sportrix.frames import DataFrame, ErrorFrame, decode_frame
from livescore.sportrix.parse import keep_teams, parse_snapshot


class SportrixSession:
    def __init__(self) -> None:
        self.last: dict[str, Game] = {}  # each match, as last seen (kept across reconnects)
        self.pending: deque[str] = deque()  # subscriptions sent, not yet answered
        self.waiting: set[str] = set()  # matches that have not answered on this connection
        self.answered_with_data = False  # some match answered with a game on this connection
        self._fresh: set[str] = set()  # seen again after a reconnect: the next update resyncs
        self._data: dict[str, object] = {}  # each match's last frame data, read leniently

    def connected(self, match_ids: Iterable[str], resync: bool) -> list[str]:
        """A new connection: the subscribe messages to send, in order. ``resync`` says the
        connection replaces one that was lost (what each match says next is a resync)."""
        ids = list(match_ids)
        self.pending = deque()
        self.waiting = set(ids)
        self.answered_with_data = False
        self._fresh = set(ids) if resync else set()
        return [self.subscribe(match_id) for match_id in ids]

    def subscribe(self, match_id: str) -> str:
        """The subscribe message for one match, counted as waiting for its answer."""
        self.pending.append(match_id)
        return json.dumps({"action": "subscribe", "match_id": int(match_id)})

    def receive(self, message: str | bytes, now: datetime) -> SourceItem | None:
        """One frame received at ``now``: an update, a notice, or None (nothing to say)."""
        try:
            frame = decode_frame(message)
        except ParseError as exc:
            return Notice(FEED, f"skipped {exc}", now)
        if isinstance(frame, DataFrame):
            mid = frame.match_id
            if mid is None:
                return Notice(FEED, "skipped a frame without a match_id", now)
            if mid in self.pending:
                self.pending.remove(mid)
            self.waiting.discard(mid)
            try:
                game = self._frame_game(frame, mid, now)
            except ParseError as exc:
                return Notice(FEED, f"match {mid}: skipped {exc}", now)
            self.answered_with_data = True
            again = mid in self._fresh
            self._fresh.discard(mid)
            return Update(FEED, (game,), now, again)
        if isinstance(frame, ErrorFrame):
            answered = self.pending.popleft() if self.pending else None
            if answered is not None:
                self.waiting.discard(answered)
            where = f"match {answered}: " if answered is not None else ""
            return Notice(FEED, f"{where}{frame.message}", now)
        return None

    def snapshot(self, data: object, match_id: str, now: datetime, ascii: bool = False) -> Game:
        """A match's live snapshot (a frame's data, or the REST backfill's answer) as a game,
        remembered; the sides a frame does not name keep their names. Raises ParseError."""
        self._data.pop(match_id, None)
        game = keep_teams(self.last.get(match_id), parse_snapshot(data, match_id, now, ascii))
        self.last[match_id] = game
        return game

    def _frame_game(self, frame: DataFrame, match_id: str, now: datetime) -> Game:
        """A data frame's game. A frame of a sport read leniently (a dict) whose data equals
        the match's previous frame's is the same game: it is not parsed again. (A typed
        soccer frame is not compared: its game depends on when it came, for the clock.)"""
        data = frame.data
        if type(data) is not dict:
            return self.snapshot(data, match_id, now)
        before = self._data.get(match_id)
        if before is not None and before == data and match_id in self.last:
            return self.last[match_id]
        game = self.snapshot(data, match_id, now, frame.plain)
        if game.sport != "soccer":
            self._data[match_id] = data
        return game
