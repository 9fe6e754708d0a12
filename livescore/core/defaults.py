"""Every built-in default, stated once. The settings table (``livescore/app/settings.py``)
and the sources read them from here; a config file, the environment or a flag overrides them."""

ESPN_URL = "https://site.api.espn.com"
SPORTRIX_STREAM_URL = "wss://scores.sportrixdata.com/v1/stream"
SPORTRIX_API_URL = "https://api.sportrixdata.com/api"

INTERVAL = 5.0  # seconds between polls while a game is live
IDLE_INTERVAL = 60.0  # seconds between polls while nothing is live
TIMEOUT = 10.0  # seconds to wait for each HTTP response
IDLE_TIMEOUT = 60.0  # seconds a WebSocket link may stay silent (no pong) before it is dead
REDISCOVER = 60.0  # seconds between looks for newly started Sportrix matches (--live)

HOST = "127.0.0.1"  # where the bridge listens
PORT = 8765
FASTCAST_URL = "https://fastcast.semfs.engsvc.go.com"  # ESPN's push service: discovery
