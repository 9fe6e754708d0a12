"""``livescore game``: one game in full (box score, scoring plays, plays, win probability),
followed until its final."""

from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from datetime import datetime

    import httpx

    from livescore.app.options import Espn
    from livescore.core.model import Play
    from livescore.core.teams import TeamSpec
    from livescore.espn.detail.changes import Change
    from livescore.espn.detail.model import Detail
    from livescore.sinks.detail import DetailOutput
    from livescore.sinks.hooks import Hook
    from livescore.sinks.notify import Notify


@dataclass(frozen=True)
class GameOptions:
    espn: "Espn"  # one league
    event_id: str | None  # an ESPN event id, or None: the team's game today
    team: "TeamSpec | None"
    format: str  # table, lines or jsonl
    once: bool
    zone: tzinfo | None
    delay: float = 0.0  # --delay, seconds
    hook: "Hook | None" = None  # --on-event
    record: str | None = None  # --record FILE
    notify: "Notify | None" = None  # --notify URL


def build(
    given: Given,
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="[LEAGUE] GAME",
            help="GAME is an ESPN event id (401705066) or a team (BOS, nba:BOS, 'Boston "
            "Celtics'), meaning that team's game on today's scoreboard. LEAGUE defaults to "
            "the one in nba:BOS, else the config file's one league.",
            show_default=False,
        ),
    ],
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    once: Annotated[
        bool, typer.Option("--once", help="Print the game as it is now and exit.")
    ] = False,
    interval: p.IntervalOpt = None,
    espn_url: p.EspnUrlOpt = None,
    timeout: p.EspnTimeoutOpt = None,
    tz: p.TzOpt = None,
    delay: p.DelayOpt = None,
    on_event: p.OnEventOpt = None,
    on_kind: p.OnKindOpt = None,
    record: p.RecordOpt = None,
    notify: p.NotifyOpt = None,
    notify_on: p.NotifyOnOpt = None,
) -> GameOptions:
    """Open one game: box score, scoring plays, the last plays and win probability, updated
    until its final.

    Example: livescore game nba BOS    (or: livescore game nba 401705066 --once --json)
    """
    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError
    from livescore.core.teams import TeamSpec

    if len(args) > 2:
        raise UsageError(f"game takes [LEAGUE] GAME, got {len(args)} arguments")
    league, target = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    target = target.strip()
    event_id = target if target.isdigit() and len(target) <= 20 else None
    team = None if event_id else TeamSpec.parse(target)
    if event_id is None and team is None:
        raise UsageError(f"GAME is an ESPN event id or a team, got {target!r}")
    named = league or (team.league if team is not None else None)
    layers = Layers(given, fmt=fmt, espn_url=espn_url, interval=interval, timeout=timeout,
                    notify=notify)  # fmt: skip
    leagues = layers.leagues([named] if named else [])
    if len(leagues) != 1:
        raise UsageError("game follows one league: say which (livescore game nba BOS)")
    output = layers.output(fmt, json_, None, once, "livescore")
    notified = layers.notify(notify_on, ())
    if notified is not None and not notify_on:  # the one game followed: its score and status
        from dataclasses import replace

        from livescore.notify import FOLLOWING

        notified = replace(notified, kinds=frozenset(FOLLOWING), teams=())
    return GameOptions(
        layers.espn(leagues), event_id, team, output.format, once, checks.zone(tz),
        checks.delay(delay), checks.hook(on_event, on_kind), record, notified,
    )  # fmt: skip


async def run(options: GameOptions, redact: Redactor) -> None:
    """Fetch the game's summary (finding the team's game first), then show it: once, or at
    every poll until the final."""
    import httpx

    from livescore.app.recording import recording
    from livescore.core.errors import LivescoreError, RejectedError
    from livescore.espn.detail.changes import PlayTracker
    from livescore.espn.response import FetchError
    from livescore.espn.summary import Failed, SummaryFollower

    league = options.espn.leagues[0]
    with recording(options.record) as recorder:
        async with httpx.AsyncClient() as client:
            event_id = options.event_id or await _find(client, options)
            follower = SummaryFollower(
                client,
                league,
                event_id,
                base_url=options.espn.url,
                interval=options.espn.interval,
                timeout=options.espn.timeout,
                record=recorder,
            )
            output = _output(options, follower.feed)
            hooks = None
            if options.hook is not None or options.notify is not None:
                hooks = _Hooks(options.hook, options.notify, follower.feed)
            tracker = PlayTracker()
            cancelled = True
            try:
                if options.once:
                    try:
                        detail, at = await follower.fetch()
                    except FetchError as exc:
                        cls = RejectedError if exc.rejected else LivescoreError
                        raise cls(redact(f"{follower.feed}: {exc}")) from None
                    output.show(detail, [("new", play) for play in detail.plays], at)
                    if hooks is not None:
                        hooks.show(detail, [], at)
                    cancelled = False
                    return
                items = follower.follow()
                if options.delay:
                    from livescore.app.delay import delayed
                    from livescore.app.launch import warn

                    items = delayed(items, options.delay, warn)
                try:
                    async for item in items:
                        if isinstance(item, Failed):
                            output.failed(Failed(redact(item.message), item.at, item.retry_in))
                            if item.rejected:
                                raise RejectedError(redact(f"{follower.feed}: {item.message}"))
                            continue
                        shown, changes = tracker.update(item[0])
                        output.show(shown, changes, item[1])
                        if hooks is not None:
                            hooks.show(shown, changes, item[1])
                except FetchError as exc:  # the game is unknown to ESPN
                    raise LivescoreError(redact(f"{follower.feed}: {exc}")) from None
                cancelled = False
            finally:
                output.close()
                if hooks is not None:
                    await hooks.sink.finish(cancelled)


class _Hooks:
    """``game --on-event`` and ``--notify``: the game's events (score, status...: each
    summary's game on a board of its own) and its scoring plays, as ``watch`` has them."""

    def __init__(self, hook: "Hook | None", notify: "Notify | None", feed: str) -> None:
        from livescore.app.launch import warn
        from livescore.core.board import Board
        from livescore.core.health import Health
        from livescore.sinks import Sink
        from livescore.sinks.hooks import HookSink

        class Quiet(Sink):
            def publish(self, *args: object) -> None: ...
            def feed(self, *args: object) -> None: ...
            def refresh(self, *args: object) -> None: ...
            def close(self, *args: object) -> None: ...

        self.sink: Sink = Quiet()
        if hook is not None:
            self.sink = HookSink(self.sink, hook, warn)
        if notify is not None:
            from livescore.sinks.notify import NotifySink

            self.sink = NotifySink(self.sink, notify, warn)
        self.board, self.health, self.feed = Board(), Health(), feed

    def show(self, detail: "Detail", changes: "list[tuple[Change, Play]]", at: "datetime") -> None:
        from datetime import UTC, datetime

        from livescore.core.model import Plays

        now = datetime.now(UTC)
        self.health.ok(self.feed, at)
        # the plays first (they made the score and the final), on every summary, even
        # without new plays: the first one's are those before the game was followed (the
        # hook skips them)
        item = Plays(self.feed, detail.game, tuple(changes), at)
        self.sink.plays(item, self.board, self.health, now)
        events = self.board.update([detail.game], at)
        self.sink.publish(events, self.board, self.health, now)


async def _find(client: "httpx.AsyncClient", options: GameOptions) -> str:
    """The team's game on today's scoreboard: the live one, else the next, else the last."""
    from livescore.core.errors import LivescoreError
    from livescore.espn.poller import EspnPoller
    from livescore.espn.response import FetchError

    assert options.team is not None  # no event id: a team
    league = options.espn.leagues[0]
    poller = EspnPoller([league], client, base_url=options.espn.url, timeout=options.espn.timeout)
    try:
        games, _, _ = await poller.fetch(league)
    except FetchError as exc:
        raise LivescoreError(f"espn {league.alias}: {exc}") from None
    team = options.team
    found = [g for g in games if team.matches(g)]
    if not found:
        raise LivescoreError(f"no {team.team} game on today's {league.alias} scoreboard")
    rank = {"in": 0, "pre": 1, "post": 2}
    return min(found, key=lambda g: (rank[g.state], g.start or "")).id


def _output(options: GameOptions, feed: str) -> "DetailOutput":
    from livescore.app.launch import warn
    from livescore.sinks import detail

    if options.format == "jsonl":
        return detail.JsonOutput(feed, warn, options.once)
    if options.format == "lines":
        return detail.LinesOutput(feed, warn)
    from datetime import UTC, datetime

    from rich.console import Console

    from livescore.app.checks import spoken

    said = f"delayed {spoken(options.delay)}" if options.delay else ""
    return detail.ViewOutput(
        feed, warn, Console(highlight=False), options.once, options.zone,
        lambda: datetime.now(UTC), said,
    )  # fmt: skip
