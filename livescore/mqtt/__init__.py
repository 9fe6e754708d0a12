"""MQTT out (``--publish mqtt://...``): retained game states, event topics, the bridge's
online/offline status with a last will, and Home Assistant discovery, through aiomqtt (the
optional ``livescore[mqtt]`` extra)."""

MISSING = (
    "MQTT needs the optional aiomqtt package: pip install 'livescore[mqtt]' "
    "(or pip install aiomqtt)"
)
BUFFER = 10_000  # events held while the broker is away; past it the oldest are dropped
