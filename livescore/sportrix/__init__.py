"""The Sportrix Data stream: a pure frame/snapshot parser, the WebSocket source, the REST API."""

FEED = "sportrix"  # the WebSocket stream, as feeds and recordings name it
REST_FEED = "sportrix rest"  # the REST backfill, as a feed
REST_SOURCE = "sportrix-rest"  # how Sportrix REST answers are marked in a recording
