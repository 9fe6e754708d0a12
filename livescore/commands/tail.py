"""``livescore tail``: follow a livescore bridge (``ws://``) or a Redis stream (``redis://``)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import FromRedis, Output


@dataclass(frozen=True)
class Tail:
    url: str
    token: str | None = field(repr=False)
    leagues: tuple[str, ...]
    output: "Output"
    cursor: str | None = None
    redis: "FromRedis | None" = None  # the URL was redis://: follow a stream instead


def build(
    given: Given,
    url: Annotated[
        str | None,
        typer.Argument(
            metavar="URL",
            help="The bridge: ws://HOST:PORT/, or a Redis stream: redis://HOST:PORT/DB"
            "?stream=NAME (default: the config file's bridge.url).",
            show_default=False,
        ),
    ] = None,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    league: Annotated[
        list[str] | None,
        typer.Option(
            "--league",
            "-l",
            metavar="LEAGUE",
            help="Only this league. Repeatable.",
            autocompletion=p.complete_league,
            show_default=False,
        ),
    ] = None,
    team: p.TeamOpt = None,
    token: p.TokenOpt = None,
    token_file: p.TokenFileOpt = None,
    cursor: Annotated[
        str | None,
        typer.Option(
            "--cursor",
            metavar="FILE",
            help="Keep the position in FILE, so a restarted tail resumes where this one "
            "stopped (missed events, no repeats).",
            show_default=False,
        ),
    ] = None,
    redis_stream: p.RedisStreamOpt = None,
    on_event: p.OnEventOpt = None,
    on_kind: p.OnKindOpt = None,
    notify: p.NotifyOpt = None,
    notify_on: p.NotifyOnOpt = None,
    delay: p.DelayOpt = None,
) -> Tail:
    """Follow a livescore bridge; resumes where it left off after a restart of either side."""
    from livescore.app import checks
    from livescore.app import settings as s
    from livescore.app.layers import Layers, delayed, with_hook, with_notify
    from livescore.core.errors import UsageError

    token = checks.given_token(token, token_file, given.warn)
    layers = Layers(given, fmt=fmt, url=url, token=token, notify=notify)
    given_url = layers.text(s.BRIDGE_URL)
    if given_url is None:
        raise UsageError("give the bridge's URL (ws://HOST:PORT/), or set bridge.url in the config")
    given_url = given_url.strip()
    if cursor is not None:
        from livescore.net.cursor import check_writable

        check_writable(cursor)  # a position that could never be kept is refused now
    redis = None
    if given_url.startswith(("redis://", "rediss://")):
        redis = layers.from_redis(given_url, layers.label(s.BRIDGE_URL), cursor, redis_stream)
        shown = f"{redis.address.scheme}://{redis.address.shown}?stream={redis.stream}"
    else:
        try:
            shown = layers.url(s.BRIDGE_URL, ("ws", "wss"))
        except UsageError:  # (redis:// and rediss:// are taken above)
            where = layers.label(s.BRIDGE_URL)
            raise UsageError(
                f"bad {where}: expected a ws://, wss://, redis:// or rediss:// URL"
            ) from None
    output = layers.output(fmt, json_, team, False, f"livescore · {shown}")
    secret = checks.token(layers.text(s.BRIDGE_TOKEN), layers.label(s.BRIDGE_TOKEN))
    if cursor is not None and redis is None:
        from livescore.bridge.client import read_position

        read_position(cursor)  # a bad file is refused now, before connecting
    output = delayed(with_hook(output, on_event, on_kind), delay)
    output = with_notify(output, layers, notify_on)
    return Tail(shown, secret, tuple(league or ()), output, cursor, redis)


async def run(options: Tail, redact: Redactor) -> None:
    from dataclasses import replace

    from livescore.app.compose import show
    from livescore.core.teams import GameFilter

    if options.redis is not None:
        from livescore.redisstream.reader import RedisReader

        source = options.redis
        reader = RedisReader(source.address, source.stream, options.cursor)
        keep = GameFilter(
            options.output.keep.leagues | {*options.leagues}, options.output.keep.teams
        )
        await show(reader, replace(options.output, keep=keep), redact)
        return

    from livescore.bridge.client import BridgeClient

    teams = [str(spec) for spec in options.output.keep.teams]  # the bridge filters too
    client = BridgeClient(
        options.url,
        token=options.token,
        leagues=options.leagues,
        teams=teams,
        cursor=options.cursor,
    )
    await show(client, options.output, redact)
