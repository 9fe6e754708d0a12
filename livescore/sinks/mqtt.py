"""``--publish mqtt://...``: every event, play and feed change also goes to the broker
(``mqtt/topics.py`` says where), beside the command's own output, which it wraps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Plays
from livescore.core.teams import TeamSpec
from livescore.mqtt.publisher import MqttPublisher
from livescore.mqtt.topics import Message, discovery, team_state
from livescore.sinks import Sink, Wrapping


class MqttSink(Wrapping):
    def __init__(
        self,
        inner: Sink,
        publisher: MqttPublisher,
        leagues: Sequence[str],
        teams: Sequence[TeamSpec] = (),
        ha_discovery: bool = False,
    ) -> None:
        super().__init__(inner)
        self.publisher = publisher
        self.topics = publisher.topics
        self.leagues = tuple(leagues)
        self.teams = tuple(teams) if ha_discovery else ()
        self._team_states: dict[str, bytes] = {}
        if ha_discovery:
            for spec in self.teams:
                publisher.offer(discovery(self.topics, spec))
            self._teams(Board())

    def _teams(self, board: Board) -> None:
        """Each followed team's state, when it reads differently (retained)."""
        games = list(board)
        changed = []
        for spec in self.teams:
            topic = self.topics.team(spec)
            state = team_state(spec, games)
            if self._team_states.get(topic) != state:
                self._team_states[topic] = state
                changed.append(Message(topic, state, 1, True))
        if changed:
            self.publisher.offer(changed)

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.inner.publish(events, board, health, now)
        if events:
            self.publisher.offer(self.topics.events(events))
            self._teams(board)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        super().feed(event, board, health, now)
        self.publisher.offer(self.topics.feed(event, self.leagues))

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.inner.plays(item, board, health, now)
        if item.changes:
            self.publisher.offer(self.topics.plays(item, board.seq))
