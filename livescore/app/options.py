"""One frozen options object per command, built from flags, environment and config file,
with every check done here, before anything is opened, written or connected."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from livescore.app import checks
from livescore.app.config import ConfigFile, load
from livescore.app.settings import Settings, resolve
from livescore.errors import UsageError
from livescore.leagues import League
from livescore.leagues import resolve as resolve_league
from livescore.redisstream import READ_STREAM, STREAMS
from livescore.redisstream.address import RedisAddress
from livescore.redisstream.address import parse as parse_redis
from livescore.teams import EVERYTHING, GameFilter, TeamSpec, parse_teams

if TYPE_CHECKING:
    from livescore.sinks.until import Until

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Output:
    format: str  # table, lines or jsonl
    keep: GameFilter = EVERYTHING  # --team
    favourites: tuple[TeamSpec, ...] = ()
    once: bool = False
    title: str = "livescore"
    hook: Any = None  # --on-event: a livescore.sinks.hooks.Hook, or None
    delay: float = 0.0  # --delay, seconds
    zone: Any = None  # --tz: a tzinfo for start times, None for the system's


@dataclass(frozen=True)
class Espn:
    leagues: tuple[League, ...]
    url: str
    interval: float
    timeout: float
    date: str | None = None
    day_ends: int = 6  # hour ET: see livescore/espn/sportsday.py
    push: str | None = None  # --push: the FastCast discovery base URL; None polls only


@dataclass(frozen=True)
class Sportrix:
    ids: tuple[str, ...]
    key: str = field(repr=False)
    stream_url: str
    api_url: str
    idle_timeout: float
    rediscover: float
    live: str | None = None


@dataclass(frozen=True)
class Bridge:
    host: str
    port: int
    token: str | None = field(repr=False)


@dataclass(frozen=True)
class Replay:
    file: str
    speed: float


@dataclass(frozen=True)
class FromRedis:
    address: RedisAddress
    stream: str
    cursor: str | None = None


@dataclass(frozen=True)
class Publish:
    address: RedisAddress
    stream: str
    maxlen: int


@dataclass(frozen=True)
class Wait:
    espn: Espn
    keep: GameFilter
    until: Until  # start, score or final
    deadline: float | None  # seconds, --timeout
    delay: float = 0.0  # --delay, seconds


@dataclass(frozen=True)
class Line:
    espn: Espn
    keep: GameFilter  # --team, else the favourites, else every game of the leagues
    following: bool  # teams were named: their results are shown when nothing is live or due
    style: Any  # a livescore.sinks.statusline.LineStyle
    once: bool = False
    delay: float = 0.0


@dataclass(frozen=True)
class Watch:
    espn: Espn
    output: Output
    record: str | None = None


@dataclass(frozen=True)
class Stream:
    sportrix: Sportrix
    output: Output
    record: str | None = None


@dataclass(frozen=True)
class Matches:
    sport: str
    json: bool
    sportrix: Sportrix


@dataclass(frozen=True)
class Serve:
    source: Espn | Sportrix | Replay | FromRedis
    bridge: Bridge
    record: str | None = None
    publish: Publish | None = None
    delay: float = 0.0  # --delay, seconds


@dataclass(frozen=True)
class Tail:
    url: str
    token: str | None = field(repr=False)
    leagues: tuple[str, ...]
    output: Output
    cursor: str | None = None
    redis: FromRedis | None = None  # the URL was redis://: follow a stream instead


@dataclass(frozen=True)
class ReplayRun:
    replay: Replay
    output: Output


@dataclass(frozen=True)
class Demo:
    speed: float
    output: Output
    push: bool = False


SECRETS = ("key", "token", "password")


def secrets_of(options: object) -> tuple[str, ...]:
    """Every secret an options object holds (fields named key, token or password, at any
    depth), for the redactor."""
    found: list[str] = []
    if not is_dataclass(options):
        return ()
    for item in fields(options):
        value = getattr(options, item.name)
        if item.name in SECRETS and isinstance(value, str):
            found.append(value)
        elif is_dataclass(value):
            found.extend(secrets_of(value))
    return tuple(found)


class Layers:
    """The settings of one command run: flags over environment over config over defaults."""

    def __init__(
        self,
        config: str | None,
        flags: Mapping[str, Any],
        warn: Warn,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.file: ConfigFile = load(config, warn, environ)
        self.settings: Settings = resolve(flags, self.file.values, str(self.file.path), environ)

    def __getitem__(self, key: str) -> Any:
        return self.settings.get(key)

    def label(self, key: str) -> str:
        return self.settings[key].label

    def seconds(self, key: str) -> float:
        return checks.seconds(float(self[key]), self.label(key))

    def url(self, key: str, schemes: tuple[str, ...]) -> str:
        return checks.url(str(self[key]), self.label(key), schemes)

    def output(
        self, fmt: str | None, json_: bool, teams: Sequence[str], once: bool, title: str
    ) -> Output:
        value = self.settings["format"]
        preferred = value.value if value.origin != "flag --format" else None
        chosen = checks.output_format(fmt, json_, preferred, value.label)
        return Output(
            chosen,
            GameFilter(teams=parse_teams(teams)),
            parse_teams(self["teams"]),
            once,
            title,
        )

    def espn(self, leagues: Sequence[League], date: str | None = None, push: bool = False) -> Espn:
        if push and date:
            raise UsageError("--push follows today's games: it does not take --date")
        return Espn(
            tuple(leagues),
            self.url("espn.url", ("http", "https")),
            self.seconds("espn.interval"),
            self.seconds("espn.timeout"),
            checks.date(date),
            self.day_ends(),
            self.url("espn.fastcast_url", ("http", "https")) if push else None,
        )

    def day_ends(self) -> int:
        hour = int(self["espn.day_ends"])
        if not 0 <= hour <= 12:
            raise UsageError(
                f"{self.label('espn.day_ends')} must be an hour from 0 to 12, got {hour}"
            )
        return hour

    def sportrix(self, ids: Sequence[str], live: str | None = None) -> Sportrix:
        return Sportrix(
            tuple(ids),
            checks.key(self["sportrix.key"]),
            self.url("sportrix.stream_url", ("ws", "wss")),
            self.url("sportrix.api_url", ("http", "https")),
            self.seconds("sportrix.idle_timeout"),
            self.seconds("sportrix.rediscover"),
            live.strip() if live and live.strip() else None,
        )

    def publish(self, kind: str) -> Publish | None:
        """``--publish`` / LIVESCORE_REDIS_URL / redis.url, or None."""
        if self["redis.url"] is None:
            return None
        address = parse_redis(str(self["redis.url"]), self.label("redis.url"))
        stream = self["redis.stream"] or address.stream or STREAMS[kind]
        maxlen = int(self["redis.maxlen"])
        if maxlen < 10:
            raise UsageError(f"{self.label('redis.maxlen')} must be 10 or more, got {maxlen}")
        return Publish(address, stream, maxlen)

    def from_redis(
        self,
        url: str,
        label: str,
        cursor: str | None = None,
        flags: Mapping[str, Any] | None = None,
    ) -> FromRedis:
        address = parse_redis(url, label)
        named = (flags or {}).get("redis_stream")
        stream = named or address.stream or self["redis.stream"] or READ_STREAM
        if cursor is not None:
            from livescore.cursor import read_cursor

            read_cursor(cursor, ("entry", "epoch"))  # a bad file is refused before connecting
        return FromRedis(address, stream, cursor)

    def leagues(self, names: Sequence[str], warn: Warn) -> tuple[League, ...]:
        """The leagues given, else the config's ``leagues``, else the favourites' leagues."""
        value = self.settings["leagues"]
        if names or value.value:
            return tuple(dict.fromkeys(resolve_league(n) for n in names or value.value))
        found: list[League] = []
        for spec in parse_teams(self["teams"]):
            if spec.league is None:
                continue
            try:
                found.append(resolve_league(spec.league))
            except UsageError as exc:
                warn(f"favourite {str(spec)!r}: {exc}")
        if not found:
            raise UsageError(
                "Missing argument 'LEAGUE...': give one, or set leagues (or teams such as "
                f'"nba:BOS") in the config file {self.file.path} (livescore config init)'
            )
        return tuple(dict.fromkeys(found))


def _hooked(output: Output, flags: Mapping[str, Any]) -> Output:
    """The output with ``--on-event`` and ``--delay`` (watch, stream and tail take them)."""
    hook = checks.hook(flags.get("on_event"), flags.get("on_kind"))
    return _delayed(replace(output, hook=hook), flags)


def _delayed(output: Output, flags: Mapping[str, Any]) -> Output:
    """The output with ``--delay``; a table says so in its title."""
    delay = checks.delay(flags.get("delay"))
    if not delay:
        return output
    return replace(output, delay=delay, title=f"{output.title} · delayed {checks.spoken(delay)}")


def _title(leagues: Sequence[League]) -> str:
    return "livescore · " + ", ".join(lg.alias.upper() for lg in leagues)


def watch(config: str | None, warn: Warn, flags: dict[str, Any]) -> Watch:
    layers = Layers(
        config,
        {
            "leagues": flags["leagues"],
            "format": flags["fmt"],
            "espn.url": flags["espn_url"],
            "espn.interval": flags["interval"],
            "espn.timeout": flags["timeout"],
            "espn.fastcast_url": flags["fastcast_url"],
        },
        warn,
    )
    leagues = layers.leagues(flags["leagues"] or [], warn)
    output = layers.output(
        flags["fmt"], flags["json_"], flags["team"] or [], flags["once"], _title(leagues)
    )
    output = replace(_hooked(output, flags), zone=checks.zone(flags["tz"]))
    espn = layers.espn(leagues, flags["date"], flags["push"])
    return Watch(espn, output, flags["record"])


def _espn_layers(config: str | None, warn: Warn, flags: dict[str, Any]) -> Layers:
    """The settings of a command that polls ESPN for some teams (wait, line)."""
    return Layers(
        config,
        {
            "leagues": flags["leagues"],
            "espn.url": flags["espn_url"],
            "espn.interval": flags["interval"],
        },
        warn,
    )


def _team_leagues(
    layers: Layers, flags: dict[str, Any], teams: Sequence[TeamSpec], warn: Warn
) -> tuple[League, ...]:
    """The leagues given, else those of ``--team LEAGUE:TEAM``, else the config's leagues or
    its favourites'."""
    named = flags["leagues"] or [s.league for s in teams if s.league is not None]
    return layers.leagues(named, warn)


def wait(config: str | None, warn: Warn, flags: dict[str, Any]) -> Wait:
    from livescore.sinks.until import UNTIL

    layers = _espn_layers(config, warn, flags)
    keep = GameFilter(teams=parse_teams(flags["team"] or []))
    if not keep.teams:
        raise UsageError("wait needs --team TEAM: the game to wait for")
    chosen = str(flags["until"]).strip().lower()
    until = next((u for u in UNTIL if u == chosen), None)
    if until is None:
        raise UsageError(f"--until is one of {', '.join(UNTIL)}, got {flags['until']!r}")
    deadline = checks.duration(flags["within"], "--timeout")
    leagues = _team_leagues(layers, flags, keep.teams, warn)
    return Wait(layers.espn(leagues), keep, until, deadline, checks.delay(flags["delay"]))


def line(config: str | None, warn: Warn, flags: dict[str, Any]) -> Line:
    from livescore.render.statusline import PROGRAMS, check_template
    from livescore.sinks.statusline import LineStyle

    layers = _espn_layers(config, warn, flags)
    program = str(flags["program"]).strip().lower()
    if program not in PROGRAMS:
        raise UsageError(f"--for is one of {', '.join(PROGRAMS)}, got {flags['program']!r}")
    template = check_template(flags["template"]) if flags["template"] is not None else None
    most = int(flags["most"])
    if most < 1:
        raise UsageError(f"--max must be 1 or more, got {most}")
    teams = parse_teams(flags["team"] or []) or parse_teams(layers["teams"])
    leagues = _team_leagues(layers, flags, teams, warn)
    style = LineStyle(program, template, flags["separator"], most, checks.zone(flags["tz"]))
    keep = GameFilter(teams=teams)
    espn = layers.espn(leagues)
    return Line(espn, keep, bool(teams), style, flags["once"], checks.delay(flags["delay"]))


def _sportrix_flags(flags: dict[str, Any]) -> dict[str, Any]:
    return {
        "sportrix.key": flags.get("key"),
        "sportrix.stream_url": flags.get("stream_url"),
        "sportrix.api_url": flags.get("api_url"),
        "sportrix.idle_timeout": flags.get("idle_timeout"),
        "sportrix.rediscover": flags.get("rediscover"),
    }


def stream(config: str | None, warn: Warn, flags: dict[str, Any]) -> Stream:
    layers = Layers(config, {"format": flags["fmt"], **_sportrix_flags(flags)}, warn)
    ids = checks.match_ids(flags["match_ids"] or [])
    if not ids and not (flags["live"] or "").strip():
        raise UsageError("give at least one MATCH_ID, or --live SPORT")
    sportrix = layers.sportrix(ids, flags["live"])
    output = layers.output(
        flags["fmt"], flags["json_"], flags["team"] or [], flags["once"], "livescore · Sportrix"
    )
    return Stream(sportrix, _hooked(output, flags), flags["record"])


def matches(config: str | None, warn: Warn, flags: dict[str, Any]) -> Matches:
    layers = Layers(config, _sportrix_flags(flags), warn)
    sport = flags["live"].strip()
    if not sport:
        raise UsageError("--live needs a sport, e.g. --live soccer")
    return Matches(sport, flags["json_"], layers.sportrix((), sport))


def serve(config: str | None, warn: Warn, flags: dict[str, Any]) -> Serve:
    layers = Layers(
        config,
        {
            "espn.url": flags["espn_url"],
            "espn.interval": flags["interval"],
            "espn.fastcast_url": flags["fastcast_url"],
            "bridge.host": flags["host"],
            "bridge.port": flags["port"],
            "bridge.token": flags["token"],
            "redis.url": flags["publish"],
            "redis.stream": flags["redis_stream"],
            "redis.maxlen": flags["redis_maxlen"],
            **_sportrix_flags(flags),
        },
        warn,
    )
    names, streaming, file = flags["targets"] or [], flags["stream_"], flags["replay_file"]
    upstream = flags["from_"]
    chosen = (names and not streaming, streaming, file, upstream)
    if sum(bool(x) for x in chosen) > 1 or (streaming and not names):
        raise UsageError(
            "give LEAGUE..., or --stream MATCH_ID..., or --replay FILE, or --from redis://..."
        )
    source: Espn | Sportrix | Replay | FromRedis
    kind = "espn"
    if upstream:
        source = layers.from_redis(upstream, "--from")
        kind = ""
    elif file:
        source = replay_source(file, flags["speed"])
        kind = "replay"
    elif streaming:
        source = layers.sportrix(checks.match_ids(names))
        kind = "sportrix"
    else:
        source = layers.espn(layers.leagues(names, warn), push=flags["push"])
    if flags["push"] and not isinstance(source, Espn):
        raise UsageError("--push is for ESPN leagues: not with --stream, --replay or --from")
    publish = layers.publish(kind or "espn")
    same = publish is not None and isinstance(source, FromRedis)
    if same and (publish.address.shown, publish.stream) == (source.address.shown, source.stream):  # type: ignore[union-attr]
        raise UsageError("--from and --publish name the same stream: that would loop")
    bridge = Bridge(
        str(layers["bridge.host"]).strip() or "127.0.0.1",
        checks.port(int(layers["bridge.port"]), layers.label("bridge.port")),
        checks.token(layers["bridge.token"], layers.label("bridge.token")),
    )
    return Serve(source, bridge, flags["record"], publish, checks.delay(flags["delay"]))


def replay_source(file: str, speed: float) -> Replay:
    from livescore.record import check_readable

    return Replay(check_readable(file), checks.speed(speed, "--speed", zero_ok=True, most=1e6))


def tail(config: str | None, warn: Warn, flags: dict[str, Any]) -> Tail:
    layers = Layers(
        config,
        {"format": flags["fmt"], "bridge.url": flags["url"], "bridge.token": flags["token"]},
        warn,
    )
    if layers["bridge.url"] is None:
        raise UsageError("give the bridge's URL (ws://HOST:PORT/), or set bridge.url in the config")
    given = str(layers["bridge.url"]).strip()
    redis = None
    if given.startswith(("redis://", "rediss://")):
        redis = layers.from_redis(given, layers.label("bridge.url"), flags["cursor"], flags)
        url = f"{redis.address.scheme}://{redis.address.shown}?stream={redis.stream}"
    else:
        url = layers.url("bridge.url", ("ws", "wss"))
    output = layers.output(
        flags["fmt"], flags["json_"], flags["team"] or [], False, f"livescore · {url}"
    )
    token = checks.token(layers["bridge.token"], layers.label("bridge.token"))
    cursor = flags["cursor"]
    if cursor is not None and redis is None:
        from livescore.bridge.client import read_position

        read_position(cursor)  # a bad file is refused now, before connecting
    leagues = tuple(flags["league"] or ())
    return Tail(url, token, leagues, _hooked(output, flags), cursor, redis)


def replay(config: str | None, warn: Warn, flags: dict[str, Any]) -> ReplayRun:
    layers = Layers(config, {"format": flags["fmt"]}, warn)
    source = replay_source(flags["file"], flags["speed"])
    title = f"livescore · replay of {source.file}"
    output = layers.output(flags["fmt"], flags["json_"], flags["team"] or [], False, title)
    return ReplayRun(source, output)


def demo(config: str | None, warn: Warn, flags: dict[str, Any]) -> Demo:
    layers = Layers(config, {"format": flags["fmt"]}, warn)
    speed = checks.speed(flags["speed"], "--speed", zero_ok=False, most=1000)
    title = "livescore demo · NBA, EPL (ESPN-shaped) + Sportrix soccer, cricket (simulated)"
    if flags["push"]:
        title = title.replace("(ESPN-shaped)", "(ESPN FastCast push)")
    output = layers.output(flags["fmt"], flags["json_"], flags["team"] or [], False, title)
    return Demo(speed, output, flags["push"])
