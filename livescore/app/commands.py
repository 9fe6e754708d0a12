"""What each command runs, once its options are built and checked (``options.py``)."""

from __future__ import annotations

import contextlib
import ipaddress
import sys
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from dataclasses import replace

from livescore.app import options as opts
from livescore.app.checks import spoken
from livescore.app.output import execute, warn
from livescore.app.sources import espn_poller, sportrix_stream
from livescore.delay import behind
from livescore.errors import LivescoreError
from livescore.model import SourceItem
from livescore.record import Recorder, RecordFn
from livescore.secrets import Redactor
from livescore.teams import GameFilter


@contextlib.contextmanager
def _recording(path: str | None) -> Iterator[RecordFn | None]:
    recorder = Recorder(path) if path else None
    try:
        yield recorder
    finally:
        if recorder is not None:
            recorder.close()


async def watch(options: opts.Watch, redact: Redactor) -> None:
    with _recording(options.record) as record:
        async with espn_poller(options.espn, once=options.output.once, record=record) as poller:
            await execute(poller, options.output, redact)


async def wait(options: opts.Wait, redact: Redactor) -> None:
    """Until the team's game starts, scores or ends: that event on stdout, exit 0; exit 1
    past --timeout, or when it can no longer happen."""
    import asyncio

    from livescore.jsonlines import event_json
    from livescore.pipeline import run
    from livescore.sinks.stdout import write_line
    from livescore.sinks.until import Happened, UntilSink

    sink = UntilSink(options.until, options.keep, len(options.espn.leagues))
    async with espn_poller(options.espn) as poller:
        source, clock = behind(poller, options.delay, warn)
        try:
            waiting = run(source, sink, warn=warn, redact=redact, clock=clock)
            await asyncio.wait_for(waiting, options.deadline)
        except Happened as done:
            write_line(sys.stdout.buffer, event_json(done.event))
            return
        except TimeoutError:
            raise LivescoreError(
                f"no {options.until} for {options.keep.described} within {options.deadline:g}s"
            ) from None
    raise LivescoreError("the scoreboard feed ended")  # pragma: no cover (ESPN polls for ever)


async def line(options: opts.Line, redact: Redactor) -> None:
    """The status-bar line: written at the start and whenever it changes."""
    from livescore.pipeline import run
    from livescore.sinks.statusline import StatusLineSink

    sink = StatusLineSink(sys.stdout.buffer, options.style, options.following)
    async with espn_poller(options.espn, once=options.once) as poller:
        source, clock = behind(poller, options.delay, warn)
        await run(source, sink, warn=warn, keep=options.keep, redact=redact, clock=clock)


async def stream(options: opts.Stream, redact: Redactor) -> None:
    once = options.output.once
    with _recording(options.record) as record:
        async with sportrix_stream(options.sportrix, warn, once=once, record=record) as source:
            if source is not None:
                await execute(source, options.output, redact)


async def matches(options: opts.Matches, redact: Redactor) -> None:
    import httpx

    from livescore.sinks.stdout import write_line
    from livescore.sportrix.rest import SportrixApi, dumps, match_row, with_retries

    sportrix = options.sportrix
    async with httpx.AsyncClient() as client:
        api = SportrixApi(client, sportrix.api_url, sportrix.key)
        rows = [match_row(m) for m in await with_retries(lambda: api.live_matches(options.sport))]
    out = sys.stdout.buffer
    if not rows and not options.json:
        print(f"no live {options.sport} matches right now", file=sys.stderr)
    for row in rows:
        if options.json:
            write_line(out, dumps(row))
        else:
            start = row["start"] or "-"
            line = f"{row['id']:<10} {row['home']} v {row['away']}  {start}  {row['status']}"
            write_line(out, line)


async def serve(options: opts.Serve, redact: Redactor) -> None:
    with _recording(options.record) as record:
        async with _upstream(options.source, record) as upstream:
            await _serve(upstream, options, redact)


@contextlib.asynccontextmanager
async def _upstream(
    source: opts.Espn | opts.Sportrix | opts.Replay | opts.FromRedis, record: RecordFn | None
) -> AsyncIterator[AsyncIterable[SourceItem]]:
    """What a bridge serves: ESPN polls, a Sportrix stream, a recording, or a Redis stream
    another bridge writes (renumbered here: this bridge is a run of its own)."""
    if isinstance(source, opts.Replay):
        from livescore.record import replay

        yield replay(source.file, source.speed)
    elif isinstance(source, opts.Sportrix):
        async with sportrix_stream(source, warn, record=record) as stream_:
            assert stream_ is not None  # only --live --once yields none
            yield stream_
    elif isinstance(source, opts.FromRedis):
        from livescore.redisstream.reader import RedisReader, as_updates

        yield as_updates(RedisReader(source.address, source.stream, source.cursor))
    else:
        async with espn_poller(source, record=record) as poller:
            yield poller


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _serve(source: AsyncIterable[SourceItem], options: opts.Serve, redact: Redactor) -> None:
    from livescore.bridge.hub import Hub
    from livescore.bridge.server import BridgeServer, BridgeSink, stop
    from livescore.pipeline import run

    bridge = options.bridge
    hub = Hub()
    sink = BridgeSink(hub)
    publisher = None
    if options.publish is not None:
        from livescore.fanin import fan_in, pumping
        from livescore.redisstream.publisher import RedisPublisher

        publish = options.publish
        publisher = RedisPublisher(
            publish.address, publish.stream, hub.epoch, hub.state, maxlen=publish.maxlen
        )
        await publisher.start()  # Redis unreachable at the start: exit 1, before listening
        sink = BridgeSink(hub, publisher.offer)
        source = fan_in([pumping(source), publisher.run])
    server = BridgeServer(hub, bridge.token)
    host, port = bridge.host, bridge.port
    try:
        listening = await server.start(host, port)
    except OSError as exc:
        raise LivescoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = listening.sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"livescore: serving ws://{shown}:{bound}/ (health: http://{shown}:{bound}/healthz)",
        file=sys.stderr,
        flush=True,
    )
    if options.publish is not None:
        address = options.publish.address
        where = f"{address.scheme}://{address.shown} stream {options.publish.stream}"
        print(f"livescore: publishing to {where}", file=sys.stderr, flush=True)
    if not is_loopback(host) and bridge.token is None:
        warn(f"listening on {host} without --token: anyone who can reach it can connect")
    if options.delay:
        where = "every client" if options.publish is None else "every client and the stream"
        print(
            f"livescore: delaying {where} by {spoken(options.delay)}", file=sys.stderr, flush=True
        )
    source, clock = behind(source, options.delay, warn)
    try:
        await run(source, sink, warn=warn, redact=redact, clock=clock)
        await listening.serve_forever()  # a replay has ended: keep serving its final state
    finally:
        await stop(listening)  # every client gets 1001 within a second, readers or not
        if publisher is not None:
            await publisher.close()


async def tail(options: opts.Tail, redact: Redactor) -> None:
    from livescore.bridge.client import BridgeClient

    if options.redis is not None:
        from livescore.redisstream.reader import RedisReader

        source = options.redis
        reader = RedisReader(source.address, source.stream, options.cursor)
        keep = GameFilter(
            options.output.keep.leagues | {*options.leagues}, options.output.keep.teams
        )
        await execute(reader, replace(options.output, keep=keep), redact)
        return

    teams = [str(spec) for spec in options.output.keep.teams]  # the bridge filters too
    client = BridgeClient(
        options.url,
        token=options.token,
        leagues=options.leagues,
        teams=teams,
        cursor=options.cursor,
    )
    await execute(client, options.output, redact)


async def replay(options: opts.ReplayRun, redact: Redactor) -> None:
    from livescore.record import replay as replayed

    source = replayed(options.replay.file, options.replay.speed)
    await execute(source, options.output, redact)


async def demo(options: opts.Demo, redact: Redactor) -> None:
    from livescore.demo import demo_source

    async with demo_source(options.speed, options.push) as source:
        await execute(source, options.output, redact)
