"""The settings of one command run, layered: flag over environment over config file over
built-in default (``settings.py`` names each setting once, with the parameter its flag
arrives in), and the shared option values built from them, every check done here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from livescore.app import checks
from livescore.app import settings as s
from livescore.app.config import ConfigFile, load
from livescore.app.options import Espn, FromRedis, Mqtt, Output, Publish, Replay, Sportrix
from livescore.app.settings import Setting, Settings, resolve
from livescore.core.errors import LivescoreError, UsageError
from livescore.core.leagues import League
from livescore.core.leagues import resolve as resolve_league
from livescore.core.teams import GameFilter, TeamSpec, parse_teams
from livescore.redisstream import READ_STREAM, STREAMS
from livescore.redisstream.address import parse as parse_redis

if TYPE_CHECKING:
    from livescore.app.launch import Given
    from livescore.sinks.notify import Notify

Warn = Callable[[str], None]


class Layers:
    """One run's settings. ``given`` are the command's parameters by name: each setting
    takes the one its ``param`` names."""

    def __init__(self, given: Given, **params: object) -> None:
        self.warn: Warn = given.warn
        self.file: ConfigFile = load(given.config, given.warn, given.environ)
        self.settings: Settings = resolve(
            params, self.file.values, str(self.file.path), given.environ
        )

    def __getitem__(self, setting: Setting) -> object:
        return self.settings.get(setting)

    def label(self, setting: Setting) -> str:
        return self.settings[setting].label

    def text(self, setting: Setting) -> str | None:
        value = self[setting]
        return None if value is None else str(value)

    def number(self, setting: Setting) -> float:
        return float(self.settings.get(setting))

    def whole(self, setting: Setting) -> int:
        return int(self.settings.get(setting))

    def strings(self, setting: Setting) -> list[str]:
        return [str(v) for v in self.settings.get(setting) or ()]

    def seconds(self, setting: Setting) -> float:
        return checks.seconds(self.number(setting), self.label(setting))

    def url(self, setting: Setting, schemes: tuple[str, ...]) -> str:
        return checks.url(str(self[setting]), self.label(setting), schemes)

    def output(
        self, fmt: str | None, json_: bool, teams: Sequence[str] | None, once: bool, title: str
    ) -> Output:
        value = self.settings[s.FORMAT]
        preferred = value.value if value.origin != "flag --format" else None
        chosen = checks.output_format(fmt, json_, preferred, value.label)
        return Output(
            chosen,
            GameFilter(teams=parse_teams(teams or [])),
            self.favourites(),
            once,
            title,
        )

    def favourites(self) -> tuple[TeamSpec, ...]:
        return parse_teams(self.strings(s.TEAMS))

    def espn(self, leagues: Sequence[League], date: str | None = None, push: bool = False) -> Espn:
        if push and date:
            raise UsageError("--push follows today's games: it does not take --date")
        return Espn(
            tuple(leagues),
            self.url(s.ESPN_URL, ("http", "https")),
            self.seconds(s.ESPN_INTERVAL),
            self.seconds(s.ESPN_TIMEOUT),
            checks.date(date),
            self.day_ends(),
            self.url(s.FASTCAST_URL, ("http", "https")) if push else None,
        )

    def day_ends(self) -> int:
        hour = self.whole(s.DAY_ENDS_AT)
        if not 0 <= hour <= 12:
            raise UsageError(
                f"{self.label(s.DAY_ENDS_AT)} must be an hour from 0 to 12, got {hour}"
            )
        return hour

    def sportrix(self, ids: Sequence[str], live: str | None = None) -> Sportrix:
        return Sportrix(
            tuple(ids),
            checks.key(self.text(s.SPORTRIX_KEY)),
            self.url(s.SPORTRIX_STREAM_URL, ("ws", "wss")),
            self.url(s.SPORTRIX_API_URL, ("http", "https")),
            self.seconds(s.IDLE_TIMEOUT),
            self.seconds(s.REDISCOVER),
            live.strip() if live and live.strip() else None,
        )

    def publish(self, kind: str) -> Publish | None:
        """``--publish`` / LIVESCORE_REDIS_URL / redis.url, or None."""
        url = self.text(s.REDIS_URL)
        if url is None:
            return None
        address = parse_redis(url, self.label(s.REDIS_URL))
        stream = self.text(s.REDIS_STREAM) or address.stream or STREAMS[kind]
        maxlen = self.whole(s.REDIS_MAXLEN)
        if maxlen < 10:
            raise UsageError(f"{self.label(s.REDIS_MAXLEN)} must be 10 or more, got {maxlen}")
        return Publish(address, stream, maxlen)

    def mqtt(self, teams: Sequence[TeamSpec] = ()) -> Mqtt | None:
        """``--publish mqtt://...`` / LIVESCORE_MQTT_URL / mqtt.url, or None; with
        ``--ha-discovery``, a device for each team followed (``teams``, else favourites)."""
        url = self.text(s.MQTT_URL)
        discovery = bool(self[s.MQTT_HA])
        if url is None:
            if discovery and self.settings[s.MQTT_HA].origin.startswith("flag"):
                raise UsageError("--ha-discovery publishes to MQTT: add --publish mqtt://...")
            return None
        from livescore.mqtt.address import parse as parse_mqtt

        address = parse_mqtt(url, self.label(s.MQTT_URL))
        chosen = tuple(teams) or self.favourites()
        if discovery and not chosen:
            raise UsageError("--ha-discovery makes a device for each team followed: give "
                             "--team, or favourite teams in the config file")  # fmt: skip
        if discovery and any(spec.league is None for spec in chosen):
            bare = next(str(spec) for spec in chosen if spec.league is None)
            raise UsageError(f"--ha-discovery: say the league of {bare!r} (nba:{bare})")
        return Mqtt(address, chosen if discovery else (), discovery)

    def notify(self, on: Sequence[str] | None, teams: Sequence[TeamSpec] = ()) -> Notify | None:
        """``--notify URL`` / LIVESCORE_NOTIFY / notify, or None; ``--notify-on`` kinds,
        by default score and status for the teams followed (``teams``, else favourites),
        else the finals of every game. Each URL checked by apprise before the run."""
        from livescore.notify import EVERYONE, FOLLOWING, KINDS, MISSING
        from livescore.sinks.notify import Notify, shown

        urls = self.strings(s.NOTIFY)
        chosen = [k.strip().lower() for text in on or () for k in text.split(",") if k.strip()]
        if not urls:
            if chosen:
                raise UsageError("--notify-on goes with --notify URL")
            return None
        for kind in chosen:
            if kind not in KINDS:
                raise UsageError(f"--notify-on is one or more of {', '.join(KINDS)}, got {kind!r}")
        try:
            import apprise
        except ImportError:
            raise LivescoreError(MISSING) from None
        for url in urls:
            if not apprise.Apprise().add(url):
                raise UsageError(f"--notify: apprise cannot use {shown(url)} (see apprise's "
                                 "list of services; a bad token fails here too)")  # fmt: skip
        followed = tuple(teams) or self.favourites()
        kinds = chosen or list(FOLLOWING if followed else EVERYONE)
        return Notify(tuple(urls), frozenset(kinds), followed)

    def from_redis(
        self, url: str, label: str, cursor: str | None = None, named: str | None = None
    ) -> FromRedis:
        """A Redis stream to read: ``named`` (--redis-stream), else the URL's ?stream=, else
        the config's redis.stream, else the default."""
        address = parse_redis(url, label)
        stream = named or address.stream or self.text(s.REDIS_STREAM) or READ_STREAM
        if cursor is not None:
            from livescore.net.cursor import read_cursor

            read_cursor(cursor, ("entry", "epoch"))  # a bad file is refused before connecting
        return FromRedis(address, stream, cursor)

    def bridge_url(self) -> str | None:
        return self.text(s.BRIDGE_URL)

    def leagues(self, names: Sequence[str]) -> tuple[League, ...]:
        """The leagues given, else the config's ``leagues``, else the favourites' leagues."""
        configured = self.strings(s.LEAGUES)
        if names or configured:
            return tuple(dict.fromkeys(resolve_league(n) for n in names or configured))
        found: list[League] = []
        for spec in self.favourites():
            if spec.league is None:
                continue
            try:
                found.append(resolve_league(spec.league))
            except UsageError as exc:
                self.warn(f"favourite {str(spec)!r}: {exc}")
        if not found:
            raise UsageError(
                "Missing argument 'LEAGUE...': give one, or set leagues (or teams such as "
                f'"nba:BOS") in the config file {self.file.path} (livescore config init)'
            )
        return tuple(dict.fromkeys(found))

    def team_leagues(
        self, names: Sequence[str] | None, teams: Sequence[TeamSpec]
    ) -> tuple[League, ...]:
        """The leagues given, else those of ``--team LEAGUE:TEAM``, else the config's
        leagues or its favourites'."""
        named = list(names or []) or [t.league for t in teams if t.league is not None]
        return self.leagues(named)


def with_hook(output: Output, on_event: str | None, on_kind: list[str] | None) -> Output:
    """The output with ``--on-event`` / ``--on-kind``."""
    return replace(output, hook=checks.hook(on_event, on_kind))


def delayed(output: Output, delay: str | None) -> Output:
    """The output with ``--delay``; a table says so in its title."""
    seconds = checks.delay(delay)
    if not seconds:
        return output
    return replace(
        output, delay=seconds, title=f"{output.title} · delayed {checks.spoken(seconds)}"
    )


def replay_source(file: str, speed: float) -> Replay:
    from livescore.app.recording import check_readable

    return Replay(check_readable(file), checks.speed(speed, "--speed", zero_ok=True, most=1e6))


def title(leagues: Sequence[League]) -> str:
    return "livescore · " + ", ".join(lg.alias.upper() for lg in leagues)


def split_publish(urls: Sequence[str] | None) -> tuple[str | None, str | None]:
    """``--publish URL`` (repeatable): (the Redis URL, the MQTT URL), each at most once."""
    redis: list[str] = []
    mqtt: list[str] = []
    for url in urls or ():
        scheme = url.strip().partition("://")[0].lower()
        if scheme in ("redis", "rediss"):
            redis.append(url)
        elif scheme in ("mqtt", "mqtts"):
            mqtt.append(url)
        else:
            raise UsageError(
                "bad --publish: expected redis://, rediss://, mqtt:// or mqtts:// (one of each)"
            )
    if len(redis) > 1 or len(mqtt) > 1:
        raise UsageError("--publish: at most one Redis and one MQTT URL")
    return (redis[0] if redis else None), (mqtt[0] if mqtt else None)


def with_notify(output: Output, layers: Layers, on: Sequence[str] | None) -> Output:
    """The output with ``--notify`` / ``--notify-on`` (for its ``--team``, else the
    favourites)."""
    return replace(output, notify=layers.notify(on, output.keep.teams))
