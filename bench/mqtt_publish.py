"""MQTT out against a local mosquitto (Debian's; the bench starts its own on a free port).

    python -m bench.mqtt_publish [--events 20000] [--seconds 60]

1. Throughput: ``--events`` game events offered to ``MqttPublisher`` at once (each is three
   QoS 1 messages: the retained state, the game's and the league's events topics) and
   drained to the broker, beside the floor: the same messages published with aiomqtt
   directly, in the same batches, with nothing around it. Target: at least 5 000 events/s.
2. Idle CPU: ``livescore serve nba`` polling a local ESPN-shaped server with 15 live games
   (one scores every 5 s poll... every poll here, ``--interval 1``), alone and with
   ``--publish mqtt://``, for ``--seconds`` each; CPU seconds from /proc. Target: at most
   1.2 times ``serve`` alone.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from livescore.core.model import Event, Game, Team
from livescore.mqtt.address import parse
from livescore.mqtt.publisher import BATCH, MqttPublisher
from livescore.mqtt.topics import Topics
from livescore.sim.http import Request, Response, serve
from tests.helpers import board_json, cli_env, event
from tests.mqttbroker import Broker
from tests.procstat import cpu_seconds


def events(count: int) -> list[Event]:
    now = datetime.now(UTC)
    out = []
    for n in range(count):
        game = Game("espn", "nba", "basketball", str(n % 15), "in", "8:41 - 4th",
                    Team("Boston Celtics", "BOS", n), Team("Philadelphia 76ers", "PHI", 90),
                    4, "8:41")  # fmt: skip
        out.append(Event(n + 1, now, "score", ("score",), game))
    return out


def paho_alone(port: int, count: int) -> float:
    """The client library's own ceiling: paho-mqtt in its thread, every message handed over
    at once, the last acknowledged."""
    import paho.mqtt.client as mqtt

    messages = Topics("bench").events(events(count))
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.max_inflight_messages_set(BATCH)
    client.connect("127.0.0.1", port)
    client.loop_start()
    start = time.perf_counter()
    infos = [client.publish(m.topic, m.payload, qos=1, retain=m.retain) for m in messages]
    infos[-1].wait_for_publish(120)
    took = time.perf_counter() - start
    client.disconnect()
    client.loop_stop()
    return took


async def throughput(port: int, count: int) -> tuple[float, float]:
    import aiomqtt

    messages = Topics("bench").events(events(count))
    async with aiomqtt.Client("127.0.0.1", port, max_inflight_messages=BATCH) as client:
        start = time.perf_counter()
        for i in range(0, len(messages), BATCH):
            await asyncio.gather(*(client.publish(m.topic, m.payload, qos=1, retain=m.retain)
                                   for m in messages[i : i + BATCH]))  # fmt: skip
        floor = time.perf_counter() - start

    publisher = MqttPublisher(parse(f"mqtt://127.0.0.1:{port}/bench", "url"), buffer=10**7)
    await publisher.start()

    async def put(item: object) -> None:
        return None

    runner = asyncio.create_task(publisher.run(put))
    start = time.perf_counter()
    publisher.offer(messages)
    while publisher.pending or publisher.sent < len(messages):
        await asyncio.sleep(0.005)
    ours = time.perf_counter() - start
    runner.cancel()
    await publisher.close()
    return floor, ours


class Slate:
    def __init__(self) -> None:
        self.polls = 0
        self.scores = [50] * 15
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.polls += 1
            self.scores[self.polls % 15] += 2
            games = [event(str(i), home=(f"H{i:02d}", str(self.scores[i])),
                           away=(f"A{i:02d}", "40")) for i in range(15)]  # fmt: skip
        return Response(200, board_json(*games))


def idle_cpu(url: str, seconds: float, *extra: str) -> float:
    proc = subprocess.Popen(
        [sys.executable, "-m", "livescore", "serve", "nba", "--espn-url", url, "--interval", "1",
         "--port", "0", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(),
    )  # fmt: skip
    time.sleep(3)  # started up; the measure is the steady state after it
    before = cpu_seconds(proc.pid)
    time.sleep(seconds)
    used = cpu_seconds(proc.pid) - before
    proc.terminate()
    proc.wait(30)
    return used


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        broker = Broker(Path(tmp)).start()
        try:
            floor, ours = asyncio.run(throughput(broker.port, args.events))
            ceiling = paho_alone(broker.port, args.events)
            print(f"{args.events} events ({3 * args.events} QoS 1 messages)")
            print(f"paho-mqtt alone, threaded {ceiling:6.2f} s  {args.events / ceiling:8.0f} "
                  "events/s")  # fmt: skip
            print(f"aiomqtt publish()s      {floor:6.2f} s  {args.events / floor:8.0f} events/s")
            print(f"MqttPublisher           {ours:6.2f} s  {args.events / ours:8.0f} events/s"
                  f"   ({ours / floor:.2f}x the floor; target >= 5000 events/s)")  # fmt: skip
            with serve(Slate()) as url:
                alone = idle_cpu(url, args.seconds)
                mqtt = idle_cpu(url, args.seconds, "--publish", broker.url())
            print(f"serve, 15 live games, {args.seconds:g} s:  alone {alone:.2f} CPU s "
                  f"({100 * alone / args.seconds:.2f}% of a core), with --publish mqtt "
                  f"{mqtt:.2f} CPU s ({mqtt / max(alone, 1e-9):.2f}x; target <= 1.2x)")  # fmt: skip
        finally:
            broker.stop()


if __name__ == "__main__":
    main()
