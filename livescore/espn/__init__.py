"""ESPN's public scoreboard API: a pure parser and an httpx poller."""
