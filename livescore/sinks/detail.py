"""Where ``livescore game`` shows a game: a full-screen detail view on a terminal (redrawn at
each summary, the final frame printed back at the end), the view printed once (``--once`` or
not a terminal), one line per play (``lines``), or JSON lines ``play`` events and the one
``detail`` object (``jsonl``). A failing fetch is a warning and, in JSON lines and lines, a
``feed`` event; the last good detail stays shown, marked stale."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.text import Text

from livescore.core.model import FeedEvent, Play
from livescore.core.timefmt import local_hms
from livescore.espn.detail.changes import Change
from livescore.espn.detail.model import Detail
from livescore.espn.summary import Failed
from livescore.sinks.screen import Screen
from livescore.sinks.stdout import write_line

Warn = Callable[[str], None]


class DetailOutput:
    """The base: remembers the last detail and the feed's state, says failures once per run
    of them (as the scoreboard's feeds do)."""

    def __init__(self, feed: str, warn: Warn) -> None:
        self.feed = feed
        self.warn = warn
        self.detail: Detail | None = None
        self.updated: datetime | None = None
        self.failing: Failed | None = None
        self.since: datetime | None = None
        self.seq = 0

    def show(self, detail: Detail, changes: list[tuple[Change, Play]], at: datetime) -> None:
        if self.failing is not None:
            self.feed_event("ok", None, at, None)
        self.failing = None
        self.detail, self.updated = detail, at

    def failed(self, failure: Failed) -> None:
        first = self.failing is None
        self.failing = failure
        if first:
            self.since = failure.at
            retry = failure.at + timedelta(seconds=failure.retry_in)
            self.feed_event("stale", failure.message, failure.at, retry)
        self.warn(f"{self.feed}: {failure.message} (retrying in {failure.retry_in:.1f}s)")

    def feed_event(
        self, state: Literal["ok", "stale"], error: str | None, at: datetime, retry: datetime | None
    ) -> None:
        """The feed went stale or is ok again: said in band by the outputs that carry feed
        events (``write_feed``)."""
        since = (self.since or at) if state == "stale" else at
        self.write_feed(
            FeedEvent(self.seq, at, self.feed, state, error, since, retry, self.updated)
        )

    def write_feed(self, event: FeedEvent) -> None:
        """Nothing by default: the view says it in its footer, warnings on stderr."""

    def close(self) -> None:
        """The game is over, or the run was stopped."""


class JsonOutput(DetailOutput):
    def __init__(self, feed: str, warn: Warn, once: bool) -> None:
        super().__init__(feed, warn)
        self.once = once

    def show(self, detail: Detail, changes: list[tuple[Change, Play]], at: datetime) -> None:
        from livescore.jsonlines.detail import detail_json, play_json

        super().show(detail, changes, at)
        if self.once:
            write_line(sys.stdout.buffer, detail_json(detail, at))
            return
        for change, play in changes:
            self.seq += 1
            write_line(sys.stdout.buffer, play_json(detail.game, play, self.seq, at, change))

    def write_feed(self, event: FeedEvent) -> None:
        if self.once:
            return
        from livescore.jsonlines.encode import feed_json

        write_line(sys.stdout.buffer, feed_json(event))


class LinesOutput(DetailOutput):
    def show(self, detail: Detail, changes: list[tuple[Change, Play]], at: datetime) -> None:
        from livescore.render.detail import play_line

        super().show(detail, changes, at)
        for change, play in changes:
            write_line(sys.stdout.buffer, play_line(detail.game, play, change, at))

    def write_feed(self, event: FeedEvent) -> None:
        from livescore.render.lines import feed_line

        write_line(sys.stdout.buffer, feed_line(event))


class ViewOutput(DetailOutput):
    """The detail view: live on the full screen of a terminal, else printed once at the
    end."""

    def __init__(self, feed: str, warn: Warn, console: Console, once: bool,
                 zone: tzinfo | None, clock: Callable[[], datetime],
                 delayed: str = "") -> None:  # fmt: skip
        super().__init__(feed, warn)
        self.delayed = delayed  # "delayed 45s": said in the footer
        self.console = console
        self.zone = zone
        self.clock = clock
        self.notes: list[str] = []
        self.screen: Screen | None = None
        if not once and console.is_terminal:
            self.screen = Screen(console, console.file)
            self.screen.start()

    def show(self, detail: Detail, changes: list[tuple[Change, Play]], at: datetime) -> None:
        super().show(detail, changes, at)
        self._draw()

    def failed(self, failure: Failed) -> None:
        if self.screen is None:
            super().failed(failure)  # stderr: nothing is drawn over it
            return
        self.failing = failure
        self.notes.append(failure.message)
        self._draw()

    def _draw(self) -> None:
        if self.screen is not None:
            game = self.detail.game if self.detail else None
            if game is not None:
                self.screen.title(f"livescore · {game.away.abbr} @ {game.home.abbr}")
            self.screen.draw(self._frame)

    def _frame(self, width: int, height: int | None) -> RenderableType:
        from livescore.render.detail import render_detail

        now = self.clock()
        footer = Text(f"{self.feed} ", style="dim")
        if self.updated is not None:
            footer.append(f"updated {local_hms(self.updated)}", style="dim")
        if self.delayed:
            footer.append(f" · {self.delayed}", style="dim")
        if self.failing is not None:
            footer.append(f" · STALE: {self.failing.message}", style="bold red")
        if self.detail is None:
            return Group(Text("waiting for ESPN…"), footer)
        body = render_detail(
            self.detail, now, self.zone, width, None if height is None else height - 1
        )
        return Group(body, footer)

    def close(self) -> None:
        if self.screen is not None:
            width, height = self.screen.size()  # a line left for the shell's prompt
            self.screen.stop(self._frame(width, height - 1) if self.detail else None)
            self.screen = None
            for note in dict.fromkeys(self.notes):
                self.warn(f"{self.feed}: {note}")
        elif self.detail is not None:
            self.console.print(self._frame(self.console.width, None))
