"""``livescore serve``: the bridge. Poll or stream once, push every change to any number of
WebSocket clients (and optionally to a Redis stream)."""

import contextlib
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.bridge.limits import MAX_CLIENTS
from livescore.commands import params as p
from livescore.core import defaults
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from collections.abc import AsyncIterable, Callable

    from livescore.app.options import Bridge, Espn, FromRedis, Mqtt, Publish, Replay, Sportrix
    from livescore.core.model import SourceItem


@dataclass(frozen=True)
class Serve:
    source: "Espn | Sportrix | Replay | FromRedis"
    bridge: "Bridge"
    record: str | None = None
    publish: "Publish | None" = None
    delay: float = 0.0  # --delay, seconds
    mqtt: "Mqtt | None" = None  # --publish mqtt://...


def build(
    given: Given,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LEAGUE|MATCH_ID",
            help="Leagues to poll (default: the config file's), or with --stream Sportrix "
            "match ids.",
            autocompletion=p.complete_league,
            show_default=False,
        ),
    ] = None,
    stream_: Annotated[
        bool, typer.Option("--stream", help="The arguments are Sportrix match ids: stream them.")
    ] = False,
    replay_file: Annotated[
        str | None,
        typer.Option(
            "--replay",
            metavar="FILE",
            help="Serve a recording instead of a live source.",
            show_default=False,
        ),
    ] = None,
    speed: Annotated[
        float, typer.Option("--speed", metavar="N", help="Replay speed (with --replay).")
    ] = 1.0,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="ADDRESS",
            help=f"Address to listen on. [default: {defaults.HOST}]",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",
            help=f"Port (0 = any free one). [default: {defaults.PORT}]",
            show_default=False,
        ),
    ] = None,
    token: p.TokenOpt = None,
    token_file: p.TokenFileOpt = None,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-origin",
            metavar="ORIGIN",
            help="Let web pages from ORIGIN (https://dash.example) connect; browser pages are "
            "refused otherwise. Repeatable.",
            show_default=False,
        ),
    ] = None,
    max_clients: Annotated[
        int,
        typer.Option(
            "--max-clients",
            metavar="N",
            help="Clients connected at once; more are refused with HTTP 503.",
        ),
    ] = MAX_CLIENTS,
    interval: p.IntervalOpt = None,
    espn_url: p.EspnUrlOpt = None,
    key: p.KeyOpt = None,
    stream_url: p.StreamUrlOpt = None,
    api_url: p.ApiUrlOpt = None,
    record: p.RecordOpt = None,
    publish: Annotated[
        list[str] | None,
        typer.Option(
            "--publish",
            metavar="URL",
            help="Also append every event to a Redis stream: redis://[user:password@]HOST:"
            "PORT/DB or rediss:// (env LIVESCORE_REDIS_URL); and/or publish it to an MQTT "
            "broker: mqtt://[USER:PASSWORD@]HOST[:PORT][/PREFIX] or mqtts:// (env "
            "LIVESCORE_MQTT_URL). Repeatable: one of each.",
            show_default=False,
        ),
    ] = None,
    redis_stream: p.RedisStreamOpt = None,
    redis_maxlen: Annotated[
        int | None,
        typer.Option(
            "--redis-maxlen",
            metavar="N",
            help="Entries the Redis stream keeps, approximately. [default: 10000]",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="URL",
            help="Serve the Redis stream another bridge publishes (redis://HOST:PORT/DB"
            "?stream=NAME) instead of polling.",
            show_default=False,
        ),
    ] = None,
    delay: p.DelayOpt = None,
    push: p.PushOpt = False,
    fastcast_url: p.FastcastUrlOpt = None,
    plays: p.PlaysOpt = False,
    all_plays: p.AllPlaysOpt = False,
    ha_discovery: p.HaDiscoveryOpt = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            "--team",
            "-t",
            metavar="TEAM",
            help="With --ha-discovery: the teams to make devices for (LEAGUE:TEAM; "
            "repeatable). Default: the config's favourite teams.",
            show_default=False,
        ),
    ] = None,
) -> Serve:
    """The bridge: poll or stream once, push every change to any number of WebSocket clients."""
    from dataclasses import replace

    from livescore.app import checks
    from livescore.app import settings as s
    from livescore.app.layers import Layers, replay_source, split_publish
    from livescore.app.options import Bridge, Espn, FromRedis, Publish, Replay, Sportrix
    from livescore.core.errors import UsageError
    from livescore.core.teams import parse_teams

    redis, mqtt = split_publish(publish)
    layers = Layers(
        given,
        espn_url=espn_url,
        interval=interval,
        fastcast_url=fastcast_url,
        host=host,
        port=port,
        token=checks.given_token(token, token_file, given.warn),
        publish=redis,
        mqtt=mqtt,
        ha_discovery=ha_discovery,
        redis_stream=redis_stream,
        redis_maxlen=redis_maxlen,
        key=key,
        stream_url=stream_url,
        api_url=api_url,
    )
    names = targets or []
    chosen = (names and not stream_, stream_, replay_file, from_)
    if sum(bool(x) for x in chosen) > 1 or (stream_ and not names):
        raise UsageError(
            "give LEAGUE..., or --stream MATCH_ID..., or --replay FILE, or --from redis://..."
        )
    source: Espn | Sportrix | Replay | FromRedis
    kind = "espn"
    if from_:
        source = layers.from_redis(from_, "--from")
    elif replay_file:
        source = replay_source(replay_file, speed)
        kind = "replay"
    elif stream_:
        source = layers.sportrix(checks.match_ids(names))
        kind = "sportrix"
    else:
        which = "all" if all_plays else "scoring" if plays else None
        source = replace(layers.espn(layers.leagues(names), push=push), plays=which)
    if push and not isinstance(source, Espn):
        raise UsageError("--push is for ESPN leagues: not with --stream, --replay or --from")
    if (plays or all_plays) and not isinstance(source, Espn):
        raise UsageError("--plays is for ESPN leagues: not with --stream, --replay or --from")
    published: Publish | None = layers.publish(kind)
    if published is not None and isinstance(source, FromRedis):
        same = (published.address.shown, published.stream) == (
            source.address.shown,
            source.stream,
        )
        if same:
            raise UsageError("--from and --publish name the same stream: that would loop")
    if max_clients < 1:
        raise UsageError(f"--max-clients must be 1 or more, got {max_clients}")
    bridge = Bridge(
        (layers.text(s.BRIDGE_HOST) or "").strip() or "127.0.0.1",
        checks.port(layers.whole(s.BRIDGE_PORT), layers.label(s.BRIDGE_PORT)),
        checks.token(layers.text(s.BRIDGE_TOKEN), layers.label(s.BRIDGE_TOKEN)),
        tuple(checks.origin(o) for o in allow_origin or ()),
        max_clients,
    )
    mqtt_out = layers.mqtt(parse_teams(team or []))
    return Serve(source, bridge, record, published, checks.delay(delay), mqtt_out)


async def run(options: Serve, redact: Redactor) -> None:
    from livescore.app.launch import warn
    from livescore.app.recording import recording
    from livescore.app.sources import upstream

    with recording(options.record) as record:
        async with upstream(options.source, warn, record) as source:
            await _serve(source, options, redact)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


FILES_KEPT = 64  # descriptors kept for everything that is not a client (upstream, Redis...)


def _room_for(clients: int, warn: "Callable[[str], None]") -> int:
    """As many clients as asked, within the open-files limit (raised to its hard limit
    first): each client is a descriptor, and running out makes accept() fail in a loop."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
    if soft == resource.RLIM_INFINITY:
        return clients
    room = max(1, soft - FILES_KEPT)
    if clients > room:
        warn(f"--max-clients {clients} is over what this process may open: {room} at most")
        return room
    return clients


def _say(message: str) -> None:
    print(f"livescore: {message}", file=sys.stderr, flush=True)


async def _serve(source: "AsyncIterable[SourceItem]", options: Serve, redact: Redactor) -> None:
    from livescore.app.checks import spoken
    from livescore.app.compose import compose, publishing
    from livescore.app.launch import warn
    from livescore.bridge.hub import Hub
    from livescore.bridge.server import BridgeServer, BridgeSink, stop
    from livescore.core.errors import LivescoreError

    bridge = options.bridge
    hub = Hub()
    sink = BridgeSink(hub)
    publisher = None
    if options.publish is not None:
        from livescore.net.fanin import fan_in, pumping
        from livescore.redisstream.publisher import RedisPublisher

        publish = options.publish
        publisher = RedisPublisher(
            publish.address, publish.stream, hub.epoch, hub.state, maxlen=publish.maxlen
        )
        await publisher.start()  # Redis unreachable at the start: exit 1, before listening
        sink = BridgeSink(hub, publisher.offer)
        source = fan_in([pumping(source), publisher.run])
    clients = _room_for(bridge.max_clients, warn)
    server = BridgeServer(hub, bridge.token, origins=bridge.origins, max_clients=clients, warn=warn)
    host, port = bridge.host, bridge.port
    try:
        listening = await server.start(host, port)
    except OSError as exc:
        raise LivescoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = listening.sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    _say(f"serving ws://{shown}:{bound}/ (health: http://{shown}:{bound}/healthz)")
    if options.publish is not None:
        address = options.publish.address
        _say(f"publishing to {address.scheme}://{address.shown} stream {options.publish.stream}")
    if not is_loopback(host) and bridge.token is None:
        warn(f"listening on {host} without --token: anyone who can reach it can connect")
    if options.delay:
        where = "every client" if options.publish is None else "every client and the stream"
        _say(f"delaying {where} by {spoken(options.delay)}")
    try:
        async with publishing(options.mqtt, sink, source) as (out, fed):
            if options.mqtt is not None:
                _say(f"publishing to {options.mqtt.address.shown}")
            await compose(fed, out, redact, delay=options.delay)
            await listening.serve_forever()  # a replay has ended: keep serving its final state
    finally:
        await stop(listening)  # every client gets 1001 within a second, readers or not
        if publisher is not None:
            await publisher.close()
