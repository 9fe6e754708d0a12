"""The bridge on Redis Streams: one bridge publishes every event it emits to a stream, and
readers anywhere (`tail redis://…`, `serve --from redis://…`) follow it.

Layout in Redis, for a stream named NAME (README "Many machines"):

- NAME: a stream; one entry per event, field ``json`` = the JSON lines v1 text (with the
  bridge run's ``epoch``), field ``epoch``. Trimmed approximately (``MAXLEN ~``) to
  ``--redis-maxlen`` entries. An entry id is a resume position.
- NAME:state: a hash the publisher keeps in the same transaction as each XADD: ``epoch``,
  ``last_id`` (the entry that state includes), ``g:<game key>`` → the latest event of each
  game, ``f:<feed>`` → the latest feed event. A reader starts from it (resync snapshots).
"""

DEFAULT_MAXLEN = 10_000  # entries kept in the stream (approximately)
BUFFER = 10_000  # entries the publisher holds while Redis is unreachable
STREAMS = {"espn": "livescore:espn", "sportrix": "livescore:sportrix", "replay": "livescore:replay"}
READ_STREAM = "livescore:espn"  # what a reader follows when the URL names no ?stream=
