"""What goes where on the broker: the topics and payloads of events, retained states, team
states and Home Assistant discovery. Pure: no I/O.

Under the prefix (``livescore`` by default):

- ``<prefix>/status``: ``online``, retained; the connection's last will sets ``offline``;
- ``<prefix>/<league>/<game id>/state``: the game's latest JSON lines event, retained, so a
  device that connects later sees every game at once;
- ``<prefix>/<league>/<game id>/events`` and ``<prefix>/<league>/events``: every event
  (game, ``play``, ``feed``), QoS 1, not retained; a feed with no league (``sportrix``)
  goes to ``<prefix>/events``;
- ``<prefix>/team/<league>/<team>``: ``--ha-discovery``: each followed team's game in a
  few fields (``score``, ``opponent_score``, ``opponent``, ``state``, ``detail``), retained;
  and Home Assistant's discovery configs under ``homeassistant/sensor/...``.

A topic level made from network text (a league, a game id) has ``/``, ``+``, ``#`` and
control characters replaced by ``_``: a name can never reach another topic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from livescore.core.model import Event, FeedEvent, Game, Plays
from livescore.core.teams import TeamSpec
from livescore.jsonlines import event_bytes

DISCOVERY = "homeassistant"
_UNSAFE = re.compile(r"[/+#\s\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class Message:
    topic: str
    payload: bytes
    qos: int = 1
    retain: bool = False


def level(text: str) -> str:
    """One topic level from any text."""
    return _UNSAFE.sub("_", text.strip())[:80] or "_"


class Topics:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    @property
    def status(self) -> str:
        return f"{self.prefix}/status"

    def state(self, game: Game) -> str:
        return f"{self.prefix}/{level(game.league)}/{level(game.id)}/state"

    def _events(self, game: Game) -> tuple[str, str]:
        league = level(game.league)
        return f"{self.prefix}/{league}/{level(game.id)}/events", f"{self.prefix}/{league}/events"

    def events(self, events: Iterable[Event]) -> list[Message]:
        """Each event on its game's and its league's topics; the game's state retained."""
        out: list[Message] = []
        for event in events:
            line = event_bytes(event)
            game_topic, league_topic = self._events(event.game)
            out += [
                Message(self.state(event.game), line, 1, True),
                Message(game_topic, line),
                Message(league_topic, line),
            ]
        return out

    def plays(self, item: Plays, seq: int) -> list[Message]:
        from livescore.jsonlines.detail import play_json

        game_topic, league_topic = self._events(item.game)
        out: list[Message] = []
        for change, play in item.changes:
            line = play_json(item.game, play, seq, item.at, change, feed=item.feed).encode()
            out += [Message(game_topic, line), Message(league_topic, line)]
        return out

    def feed(self, event: FeedEvent, leagues: Sequence[str]) -> list[Message]:
        """A feed's health on its league's events topic (``espn nba`` → ``nba``)."""
        from livescore.jsonlines.encode import feed_json

        line = feed_json(event).encode()
        words = event.feed.split()
        league = words[-1] if len(words) > 1 and words[-1] in leagues else None
        topic = f"{self.prefix}/{level(league)}/events" if league else f"{self.prefix}/events"
        return [Message(topic, line)]

    def team(self, spec: TeamSpec) -> str:
        return f"{self.prefix}/team/{level(spec.league or 'any')}/{level(spec.team)}"


def team_state(spec: TeamSpec, games: Iterable[Game]) -> bytes:
    """The followed team's game (live, else the next, else the last) in a few fields."""
    mine = [g for g in games if spec.matches(g)]
    live = [g for g in mine if g.state == "in"]
    ahead = sorted((g for g in mine if g.state == "pre"), key=lambda g: g.start or "~")
    done = sorted((g for g in mine if g.state == "post"), key=lambda g: g.start or "",
                  reverse=True)  # fmt: skip
    chosen = live or ahead or done
    if not chosen:
        return json.dumps({"state": "none", "detail": "no game"}).encode()
    game = chosen[0]
    home = spec.team in (game.home.abbr.upper(), game.home.name.upper(), game.home.short.upper())
    me, them = (game.home, game.away) if home else (game.away, game.home)
    return json.dumps({
        "state": game.state, "detail": game.detail, "score": me.score,
        "opponent_score": them.score, "opponent": them.abbr, "team": me.abbr,
        "home": home, "game_id": game.id, "start": game.start,
    }).encode()  # fmt: skip


SENSORS = (  # (object, name, template, icon)
    ("score", "Score", "{{ value_json.score }}", "mdi:scoreboard"),
    ("opponent_score", "Opponent score", "{{ value_json.opponent_score }}",
     "mdi:scoreboard-outline"),
    ("opponent", "Opponent", "{{ value_json.opponent }}", "mdi:account-group"),
    ("state", "Game state", "{{ value_json.state }}", "mdi:clock-outline"),
    ("detail", "Game", "{{ value_json.detail }}", "mdi:information-outline"),
)  # fmt: skip


def discovery(topics: Topics, spec: TeamSpec) -> list[Message]:
    """Home Assistant MQTT discovery: one device per followed team, a sensor per field of
    its team state (the keys HA documents for an MQTT sensor), retained."""
    node = level(f"livescore_{spec.league or 'any'}_{spec.team}".lower())
    device = {
        "identifiers": [node],
        "name": f"{spec.team} ({spec.league.upper()})" if spec.league else spec.team,
        "manufacturer": "livescore",
        "model": f"{spec.league.upper() if spec.league else 'Any league'} team",
    }
    out = []
    for key, name, template, icon in SENSORS:
        config = {
            "name": name,
            "unique_id": f"{node}_{key}",
            "object_id": f"{node}_{key}",
            "state_topic": topics.team(spec),
            "value_template": template,
            "availability_topic": topics.status,
            "payload_available": "online",
            "payload_not_available": "offline",
            "icon": icon,
            "device": device,
        }
        topic = f"{DISCOVERY}/sensor/{node}/{key}/config"
        out.append(Message(topic, json.dumps(config).encode(), 1, True))
    return out
