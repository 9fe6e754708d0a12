"""Building the live sources (ESPN poller, Sportrix stream) with their HTTP clients."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Callable

from livescore.app.options import Espn, FromRedis, Replay, Sportrix
from livescore.core.model import RecordFn, SourceItem
from livescore.espn.docs import Docs
from livescore.espn.poller import EspnPoller
from livescore.sportrix.stream import SportrixStream


@contextlib.asynccontextmanager
async def espn_poller(
    options: Espn, *, once: bool = False, record: RecordFn | None = None
) -> AsyncIterator[AsyncIterable[SourceItem]]:
    """ESPN by polling, or with ``--push`` by FastCast with polling as the floor."""
    import httpx

    limits = httpx.Limits(max_connections=max(4, len(options.leagues) + 2))
    async with httpx.AsyncClient(limits=limits) as client:  # redirects: net/http.py
        poller = EspnPoller(
            options.leagues,
            client,
            base_url=options.url,
            interval=options.interval,
            date=options.date,
            once=once,
            timeout=options.timeout,
            record=record,
            day_ends=options.day_ends,
        )
        source: AsyncIterable[SourceItem] = poller
        if options.push is not None and not once:
            from livescore.espn.fastcast.source import PushSource

            source = PushSource(poller, options.push, client)
        if options.plays is not None:
            from livescore.espn.playfeed import PlayFeed

            leagues = {league.alias: league for league in options.leagues}
            source = PlayFeed(source, client, leagues, options.url, options.timeout,
                              scoring_only=options.plays == "scoring")  # fmt: skip
        yield source


@contextlib.asynccontextmanager
async def sportrix_stream(
    options: Sportrix,
    warn: Callable[[str], None],
    *,
    once: bool = False,
    record: RecordFn | None = None,
) -> AsyncIterator[SportrixStream | None]:
    """A SportrixStream, or None when --live --once found no match to follow.

    With --live, the stream looks again every ``options.rediscover`` seconds and follows
    the matches that have started since (a run begun before kick-off waits for them).
    """
    import httpx

    from livescore.sportrix.rest import SportrixApi, with_retries

    async with httpx.AsyncClient() as client:
        api = SportrixApi(client, options.api_url, options.key, record=record)
        ids = list(options.ids)
        discover = None
        if options.live:
            sport = options.live

            async def discover() -> list[str]:
                return [str(m["id"]) for m in await api.live_matches(sport)]

            found = await with_retries(discover)
            ids += [i for i in found if i not in ids]
            if not ids and once:
                warn(f"no live {sport} matches right now")
                yield None
                return
            if not ids:
                every = f"{options.rediscover:g}s"
                warn(f"no live {sport} matches right now; looking again every {every}")
        yield SportrixStream(
            ids,
            options.stream_url,
            options.key,
            api=api,
            idle_timeout=options.idle_timeout,
            once=once,
            record=record,
            discover=discover,
            rediscover_every=options.rediscover,
        )


@contextlib.asynccontextmanager
async def upstream(
    source: Espn | Sportrix | Replay | FromRedis,
    warn: Callable[[str], None],
    record: RecordFn | None,
) -> AsyncIterator[AsyncIterable[SourceItem]]:
    """What a bridge serves: ESPN polls, a Sportrix stream, a recording, or a Redis stream
    another bridge writes (renumbered here: this bridge is a run of its own)."""
    if isinstance(source, Replay):
        from livescore.app.recording import replay

        yield replay(source.file, source.speed)
    elif isinstance(source, Sportrix):
        async with sportrix_stream(source, warn, record=record) as stream:
            assert stream is not None  # only --live --once yields none
            yield stream
    elif isinstance(source, FromRedis):
        from livescore.redisstream.reader import RedisReader, as_updates

        yield as_updates(RedisReader(source.address, source.stream, source.cursor))
    else:
        async with espn_poller(source, record=record) as poller:
            yield poller


@contextlib.asynccontextmanager
async def espn_docs(
    options: Espn, warn: Callable[[str], None], record: str | None, replay: str | None
) -> AsyncIterator[Docs]:
    """ESPN's standings, schedules and days (``espn/docs.py``): over HTTP (``--record``:
    each answer also written to FILE), or with ``--replay`` from a recording, offline."""
    if replay is not None:
        from livescore.app.recording import recorded_docs

        yield Docs(None, options.url, options.timeout, warn, replayed=recorded_docs(replay))
        return
    import httpx

    from livescore.app.recording import recording

    with recording(record) as recorder:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=10)) as client:
            yield Docs(client, options.url, options.timeout, warn, record=recorder)
