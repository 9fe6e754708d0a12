"""``watch --keys``: the live table on a terminal, driven with keys.

↑/↓ (k/j) select a game, Enter opens it (``livescore game``'s view, updated while it is
on), Esc/Backspace go back, ←/→ show the day before or after (ESPN's days; ``t`` the live
day again), ``s`` the standings of the selected game's league, ``/`` filters by team or
league as you type, ``f`` toggles the selected game's first team as a favourite in the
config file, ``?`` the keys, ``q`` quits (exit 0; Ctrl-C exits 130). Every view is drawn by
the renderers the other outputs use; the board behind a view keeps updating.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import AsyncIterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, ClassVar

import httpx
from rich.console import RenderableType
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.leagues import League, resolve
from livescore.core.model import Event, FeedEvent, Game, Plays, SourceItem
from livescore.core.secrets import Redactor
from livescore.core.teams import GameFilter, TeamSpec
from livescore.espn.sportsday import us_eastern
from livescore.sinks import Sink

KEYS = (
    ("↑ ↓  k j", "select a game"),
    ("Enter", "open the game: box score, scoring plays, plays, win probability"),
    ("Esc  Backspace", "back"),
    ("← →", "the day before / after (t: today, live)"),
    ("s", "the standings of the selected game's league"),
    ("/", "filter by team or league as you type (Enter or Esc to leave it)"),
    ("f", "the selected game's first team: favourite or not (in the config file)"),
    ("?", "these keys"),
    ("q", "quit (Ctrl-C too)"),
)
FOOTER = (
    "↑↓ select · Enter open · Esc back · ←→ day · s standings · / filter · f fav · ? keys · q quit"
)


def _words(game: Game) -> str:
    return " ".join((game.league, game.home.abbr, game.home.name, game.away.abbr,
                     game.away.name)).lower()  # fmt: skip


class StdoutDriver(LinuxDriver):
    """Textual draws on stderr by default; livescore's screen is stdout, so that
    ``watch --keys 2>watch.log`` keeps the screen on the terminal and warnings in the log."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._file = sys.__stdout__

    def _get_terminal_size(self) -> tuple[int, int]:
        """The terminal's own size (its ioctl), not LINES and COLUMNS from the environment,
        which Textual would take first: exported by a shell or a parent (pytest exports
        80x24), they made a 12-row pane draw 24 rows, that is nothing."""
        import os

        for stream in (sys.__stdout__, sys.__stdin__):
            try:
                size = os.get_terminal_size(stream.fileno()) if stream else None
            except (OSError, ValueError):
                continue
            if size is not None and size.columns and size.lines:
                return size.columns, size.lines
        return super()._get_terminal_size()


class Lines(Widget):
    """The open view, as lines: a new view repaints only the lines that differ from the
    last (a Static repaints all of itself, and the table changes a line or two a second: the
    whole screen went out again every second, 30 times the plain table's bytes)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines: list[list[Segment]] = []
        self._width = 0

    def show(self, view: RenderableType) -> None:
        width = max(1, self.size.width or self.app.size.width)
        console = self.app.console
        lines = console.render_lines(view, console.options.update_width(width), pad=True)
        old, self._lines = self._lines, lines
        if width != self._width:
            self._width = width
            self.refresh()  # the first view, or a new width: all of it
            return
        for y in range(max(len(old), len(lines))):
            if y >= len(old) or y >= len(lines) or old[y] != lines[y]:
                self.refresh(Region(0, y, width, 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < len(self._lines):
            strip = Strip(self._lines[y]).adjust_cell_length(width).apply_style(self.rich_style)
            return strip.simplify()  # one style change per run of cells, not per segment
        return Strip.blank(width, self.rich_style)


class _Feed(Sink):
    """The pipeline's sink: hands the board to the app at every change."""

    def __init__(self, app: KeysApp) -> None:
        self.app = app

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.app.live(board, health)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.app.live(board, health)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self.app.live(board, health)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self.app.live(board, health)

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        return None

    def note(self, message: str) -> bool:
        """In the footer while the screen is up; each once, counted, on stderr after it."""
        from livescore.sinks.table import without_countdown

        self.app.note = message
        self.app.notes[without_countdown(message)] += 1
        return True


class KeysApp(App[int]):
    CSS = """
    Screen, VerticalScroll, #view { background: ansi_default; color: ansi_default; }
    #view { height: 1fr; }
    #filter { dock: bottom; display: none; }
    #footer { dock: bottom; height: 1; color: $text-muted; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("enter", "open", show=False),
        Binding("escape,backspace", "go_back", show=False),
        Binding("left", "day(-1)", show=False),
        Binding("right", "day(1)", show=False),
        Binding("t", "today", show=False),
        Binding("s", "standings", show=False),
        Binding("slash", "filter", show=False),
        Binding("f", "favourite", show=False),
        Binding("question_mark", "keys", show=False),
        Binding("q", "leave(0)", show=False),
        Binding("ctrl+c", "leave(130)", show=False, priority=True),
    ]

    def __init__(
        self,
        source: AsyncIterable[SourceItem],
        redact: Redactor,
        output: Any,
        *,
        leagues: Sequence[League],
        espn_url: str,
        timeout: float,
        config: Path | None,
    ) -> None:
        # the terminal's own colours and background, as the plain table: no colour of the
        # app's theme behind every cell (and written out with each of them)
        super().__init__(driver_class=StdoutDriver, ansi_color=True)
        from livescore.sinks.table import Columns

        self.output = output  # the command's Output: hooks, notifications, MQTT, --delay...
        self.failure: BaseException | None = None  # what ended the feed, said after the screen
        self.leaving = False
        self.notes: Counter[str] = Counter()  # the diagnostics shown in the footer
        self.columns = Columns(output.favourites, output.zone)
        self._window = ""  # the terminal window's title, as last set
        self._shown: tuple[Any, ...] | None = None  # what the board view last drew
        self.source, self.redact = source, redact
        self.leagues = tuple(leagues)
        self.espn_url, self.timeout = espn_url, timeout
        self.board_title: str = output.title
        self.favourites: tuple[TeamSpec, ...] = tuple(output.favourites)
        self.zone: tzinfo | None = output.zone
        self.config = config
        self.keep: GameFilter = output.keep
        self.board: Board | None = None
        self.health = Health()
        self.note: str | None = None
        self.mode = "board"  # board, detail, standings, keys
        self.selected: tuple[str, str, str] | None = None
        self.day_selected: tuple[str, str, str] | None = None
        self.filter = ""
        self.offset = 0  # days from today (ESPN's day)
        self.other_day: list[Game] = []
        self.detail: Any = None
        self.standings: Any = None
        self.message = ""
        self._task: asyncio.Task[None] | None = None
        self.client: httpx.AsyncClient | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Lines(id="view")
        yield Input(placeholder="team or league", id="filter")
        yield Static(FOOTER, id="footer")

    async def on_mount(self) -> None:
        self.client = httpx.AsyncClient()
        self.run_worker(self._run_feed(), exclusive=False, exit_on_error=False)
        self.redraw()

    async def _run_feed(self) -> None:
        """The source through the same composition as the plain table's (``show``): the
        command's hooks, notifications, MQTT and ``--delay`` work with the keys too. A
        failure (an MQTT broker that refuses us) ends the app and is said after it."""
        from livescore.app.compose import compose, publishing

        out = self.output
        try:
            async with publishing(out.mqtt, _Feed(self), self.source) as (sink, fed):
                await compose(fed, sink, self.redact, keep=out.keep, delay=out.delay,
                              hook=out.hook, favourites=out.favourites,
                              notify=out.notify)  # fmt: skip
            if not self.leaving:  # the source is over (the demo's end): so is the table
                self.leaving = True
                self.exit(0)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # raised again by run_keys once the screen is given back
            if not self.leaving:
                self.failure, self.leaving = exc, True
                self.exit(1)

    # the board

    def live(self, board: Board, health: Health) -> None:
        from textual.css.query import NoMatches

        self.board, self.health = board, health
        if self.leaving:
            return
        if self.mode == "board" and not self._changed(board, health):
            return  # the pipeline's tick every second, with nothing new to show
        try:
            self.redraw()
        except NoMatches:  # the screen is being taken down (SIGTERM): nothing to draw on
            self.leaving = True

    def _changed(self, board: Board, health: Health) -> bool:
        """Whether the board view would differ from the last one drawn (cheap checks, as the
        plain table makes them): rendering the table costs milliseconds, comparing this
        microseconds."""
        from livescore.sinks.table import moving_parts

        signature = (
            moving_parts(board, health, datetime.now(UTC), self.message or self.note),
            self.size,
            self.selected,
            self.filter,
            self.offset,
            self.favourites,
        )
        if signature == self._shown:
            return False
        self._shown = signature
        return True

    def games(self) -> list[Game]:
        from livescore.render.table import order

        every = self.other_day if self.offset else list(self.board or ())
        text = self.filter.strip().lower()
        if text:
            every = [g for g in every if text in _words(g)]
        return order(every, GameFilter(teams=self.favourites) if self.favourites else None)

    def selected_game(self) -> Game | None:
        """The selected game of the view (the live day and another day keep each their own
        selection), the first when none is."""
        games = self.games()
        chosen = self.day_selected if self.offset else self.selected
        found = next((g for g in games if g.key == chosen), None)
        if found is None and games:
            found = games[0]
            self._select(found.key)
        return found

    def _select(self, key: tuple[str, str, str]) -> None:
        if self.offset:
            self.day_selected = key
        else:
            self.selected = key

    def redraw(self) -> None:
        now = datetime.now(UTC)
        width = max(20, self.size.width)
        view: RenderableType
        if self.mode == "keys":
            lines = [Text("Keys", style="bold")] + [
                Text.assemble((f"{k:<16}", "bold"), v) for k, v in KEYS]  # fmt: skip
            from rich.console import Group

            view = Group(*lines)
        elif self.mode == "detail" and self.detail is not None:
            from livescore.render.detail import render_detail

            view = render_detail(self.detail, now, self.zone, width)
        elif self.mode == "standings" and self.standings is not None:
            from livescore.render.standings import render_standings

            standings, league = self.standings
            favourite = self._favourite_team(league)
            view = render_standings(standings, league.sport, width, favourite,
                                    f"{league.name} standings {standings.season}")  # fmt: skip
        elif self.mode in ("detail", "standings"):
            view = Text(self.message or "loading…", style="dim")
        else:
            from livescore.render.table import render_board

            self.selected_game()
            title = self.board_title
            if self.offset:
                day = self._day()
                title = f"{day:%a %b %-d} (t: today) · {title}"
            if self.filter:
                title = f"filter: {self.filter} · {title}"
            empty = f"no games on {self._day():%a %b %-d}" if self.offset else "no games"
            rows = self.query_one("#view", Lines).size.height  # fits it, as the table its pane
            if self.board is not None:
                self._title(self.board, now)
            games = self.games()
            view = render_board(games, now=now, health=self.health, title=title,
                                favourites=self.favourites, zone=self.zone, width=width,
                                height=rows or None, widths=self.columns(games, width, now),
                                note=self.message or self.note,
                                selected=self.day_selected if self.offset else self.selected,
                                empty=empty)  # fmt: skip
        self.query_one("#view", Lines).show(view)

    def _title(self, board: Board, now: datetime) -> None:
        """The terminal window's title, as the plain table sets it: the one followed game
        (``--team``, or the one favourite on the board), else the leagues."""
        from livescore.core.sanitize import clean
        from livescore.sinks.table import window_title

        followed = list(board) if self.keep.teams else []
        text = window_title(board, followed, now, self.board_title, self.favourites, self.zone)
        text = clean(text, 120)
        if text != self._window and self._driver is not None:
            self._window = text
            self._driver.write(f"\x1b]2;{text}\x07")

    def print_final(self) -> None:
        """The live day's table on the normal screen once the app is gone, as the plain
        table leaves its last frame: fitted to the terminal, without the key footer."""
        import os

        from rich.console import Console

        from livescore.render.table import render_board

        if self.board is None or not sys.stdout.isatty():
            return
        try:
            width, height = os.get_terminal_size(sys.stdout.fileno())
        except OSError:
            return
        now = datetime.now(UTC)
        games = list(self.board)
        view = render_board(games, now=now, health=self.health, title=self.board_title,
                            favourites=self.favourites, zone=self.zone, width=width,
                            height=max(3, height - 1), widths=self.columns(games, width, now),
                            note=self.note)  # fmt: skip
        Console(file=sys.stdout, width=width, force_terminal=True).print(view)

    def _favourite_team(self, league: League) -> Any:
        specs = [s for s in self.favourites if s.league in (None, league.alias)]
        return lambda team: any(team.named(s.team) for s in specs)

    def _day(self) -> date:
        return us_eastern(datetime.now(UTC)).date() + timedelta(days=self.offset)

    # keys

    def action_move(self, step: int) -> None:
        if self.mode != "board":
            return
        games = self.games()
        if not games:
            return
        keys = [g.key for g in games]
        current = self.selected_game()
        at = keys.index(current.key) if current is not None else 0
        self._select(keys[max(0, min(len(keys) - 1, at + step))])
        self.redraw()

    def action_open(self) -> None:
        if self.mode != "board":
            return
        game = self.selected_game()
        if game is None:
            return
        if game.source != "espn":
            self._say(f"{game.source} games have no detail view")
            return
        self.mode, self.detail, self.message = "detail", None, ""
        self._start(self._follow(game))
        self.redraw()

    async def _follow(self, game: Game) -> None:
        from livescore.espn.summary import Failed, SummaryFollower

        league = self._league(game.league)
        if league is None or self.client is None:
            self._say(f"no detail for {game.league}")
            return
        follower = SummaryFollower(self.client, league, game.id, base_url=self.espn_url,
                                   timeout=self.timeout)  # fmt: skip
        try:
            async for item in follower.follow():
                if isinstance(item, Failed):
                    self.message = self.redact(f"{follower.feed}: {item.message}")
                else:
                    self.detail = item[0]
                self.redraw()
        except Exception as exc:
            self._say(self.redact(f"{follower.feed}: {exc}"))

    def _say(self, message: str) -> None:
        """A line under the view (what a key could not do, a failed fetch), shown now."""
        self.message = message
        self.redraw()

    def _docs(self) -> Any:
        """ESPN's documents (other days, standings), as the schedule and standings commands
        read them."""
        from livescore.espn.docs import Docs

        return Docs(self.client, self.espn_url, self.timeout, lambda _: None)

    def action_go_back(self) -> None:
        if self.mode == "board" and not self.offset and not self.filter:
            return
        self._stop()
        if self.mode == "board":
            self.filter, self.offset = "", 0
        self.mode, self.message = "board", ""
        self.redraw()

    def action_day(self, step: int) -> None:
        if self.mode != "board":
            return
        self.offset += step
        if not self.offset:
            self.redraw()
            return
        self.other_day, self.message, self.day_selected = [], "loading…", None
        self._start(self._load_day(self.offset))
        self.redraw()

    async def _load_day(self, offset: int) -> None:
        from livescore.core.errors import LivescoreError
        from livescore.espn import season

        docs = self._docs()
        day = self._day()
        found: list[Game] = []
        try:
            for league in self.leagues:
                found += [f.game for f in await season.day_fixtures(docs, league, day)]
            self.message = "" if found else f"no games on {day:%a %b %-d}"
        except LivescoreError as exc:
            self.message = self.redact(str(exc))
        if offset == self.offset:
            self.other_day = found
            self.redraw()

    def action_today(self) -> None:
        if self.mode == "board" and self.offset:
            self._stop()
            self.offset, self.message = 0, ""
            self.redraw()

    def action_standings(self) -> None:
        if self.mode != "board":
            return
        game = self.selected_game()
        league = self._league(game.league) if game is not None else (
            self.leagues[0] if self.leagues else None)  # fmt: skip
        if league is None:
            self._say(f"no standings for {game.league if game else 'these games'}")
            return
        self.mode, self.standings, self.message = "standings", None, ""
        self._start(self._load_standings(league))
        self.redraw()

    async def _load_standings(self, league: League) -> None:
        from livescore.core.errors import LivescoreError
        from livescore.espn import season

        docs = self._docs()
        try:
            self.standings = (await season.standings(docs, league), league)
        except LivescoreError as exc:
            self.message = self.redact(str(exc))
        self.redraw()

    def action_filter(self) -> None:
        if self.mode != "board":
            return
        box = self.query_one("#filter", Input)
        box.display = True
        box.value = self.filter
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter = event.value
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._leave_filter()

    def on_key(self, event: Any) -> None:
        box = self.query_one("#filter", Input)
        if box.display and event.key == "escape":
            self._leave_filter()
            event.stop()

    def _leave_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = False
        self.set_focus(None)
        self.redraw()

    def action_favourite(self) -> None:
        if self.mode != "board" or self.config is None:
            return
        game = self.selected_game()
        if game is None:
            return
        from livescore.app.favourites import toggle
        from livescore.core.errors import UsageError
        from livescore.render.table import sides

        first = sides(game)[0]
        spec = f"{game.league}:{first.abbr}"
        try:
            on = toggle(self.config, spec)
        except UsageError as exc:
            self._say(str(exc))
            return
        parsed = TeamSpec.parse(spec)
        others = tuple(s for s in self.favourites if str(s).upper() != spec.upper())
        self.favourites = (*others, parsed) if on and parsed is not None else others
        self.columns.favourites = self.favourites
        self._say(f"{spec} {'is a favourite' if on else 'is no longer a favourite'}")

    def action_keys(self) -> None:
        self._stop()
        self.mode = "keys" if self.mode != "keys" else "board"
        self.redraw()

    def action_leave(self, code: int) -> None:
        self.leaving = True  # the feed's last words (its close) come after the screen went
        self.exit(code)

    def on_resize(self) -> None:
        self.redraw()

    # background work

    def _start(self, work: Any) -> None:
        self._stop()
        self._task = asyncio.ensure_future(work)

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _league(self, alias: str) -> League | None:
        found = next((lg for lg in self.leagues if lg.alias == alias), None)
        if found is not None:
            return found
        try:
            return resolve(alias)
        except Exception:
            return None

    async def on_unmount(self) -> None:
        self._stop()
        if self.client is not None:
            await self.client.aclose()


async def run_keys(
    source: AsyncIterable[SourceItem], redact: Redactor, output: Any, leagues: Sequence[League],
    espn_url: str, timeout: float, config: Path | None,
) -> None:  # fmt: skip
    """Run the table with keys until q (exit 0), Ctrl-C (130) or SIGTERM (0)."""
    app = KeysApp(source, redact, output, leagues=leagues, espn_url=espn_url, timeout=timeout,
                  config=config)  # fmt: skip
    from livescore.app.launch import warn
    from livescore.sinks.table import said_once

    try:
        # the mouse left to the terminal: selecting text to copy (a score, a play) and its
        # scrollback work as with the table-only view; the keys do what the mouse would
        code = await app.run_async(mouse=False)
    finally:
        if app.failure is None:
            app.print_final()
        for line in said_once(app.notes):  # the screen is gone: the log (or terminal) has them
            warn(line)
    if app.failure is not None:
        raise app.failure
    if code == 130:
        raise KeyboardInterrupt
