"""How each feed is doing: last good update, current failure, next try. Pure state."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from livescore.core.model import FeedEvent, Game, Problem, Update, value


@value
class FeedHealth:
    feed: str  # "espn nba", "sportrix"
    last_ok: datetime | None = None
    error: str | None = None
    failed_at: datetime | None = None
    retry_at: datetime | None = None

    @property
    def stale(self) -> bool:
        return self.error is not None

    def covers(self, game: Game) -> bool:
        return self.feed in (game.source, f"{game.source} {game.league}")


class Health:
    """Feed name → FeedHealth, updated from source items."""

    def __init__(self) -> None:
        self.feeds: dict[str, FeedHealth] = {}

    def ok(self, feed: str, at: datetime) -> None:
        self.feeds[feed] = FeedHealth(feed, at)  # positional: once per update

    def failed(self, item: Problem) -> None:
        old = self.feeds.get(item.feed) or FeedHealth(item.feed)
        self.feeds[item.feed] = replace(
            old, error=item.message, failed_at=item.at, retry_at=item.retry_at
        )

    @property
    def last_ok(self) -> datetime | None:
        times = [f.last_ok for f in self.feeds.values() if f.last_ok is not None]
        return max(times) if times else None

    @property
    def stale(self) -> bool:
        return any(f.stale for f in self.feeds.values())

    def stale_for(self, game: Game) -> bool:
        return any(f.stale and f.covers(game) for f in self.feeds.values())


def relayed_feed(event: FeedEvent, now: datetime) -> Problem | Update:
    """A feed state that came from a bridge (over WebSocket or Redis) as this run's health:
    a feed stale at the bridge is stale here too."""
    if event.state == "stale":
        upstream = event.error or "failing"
        return Problem(event.feed, f"{upstream} (at the bridge)", now, event.retry_at)
    return Update(event.feed, (), event.since)
