"""The options several commands share, declared once for Typer (as pip's ``cmdoptions``).

Settings that a config file can hold default to None here: the default is stated once, in
``livescore/core/defaults.py``, and resolved by the settings layers (``app/settings.py``).
"""

from typing import Annotated

import typer

from livescore.core import defaults


def complete_league(incomplete: str) -> list[str]:
    from livescore.core.leagues import LEAGUES

    return [alias for alias in LEAGUES if alias.startswith(incomplete.lower())]


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, lines or jsonl. Default: table on a terminal, jsonl otherwise.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format jsonl.")]
TeamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--team",
        "-t",
        metavar="TEAM",
        help="Only games with this team: abbreviation, full or short name, optionally "
        "LEAGUE:TEAM. "
        "Repeatable.",
        show_default=False,
    ),
]
TeamLeaguesArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="LEAGUE",
        help="Where the teams play. Default: the league in --team LEAGUE:TEAM, or the config "
        "file's leagues or its favourites'.",
        autocompletion=complete_league,
        show_default=False,
    ),
]
OnceOpt = Annotated[bool, typer.Option("--once", help="Print the current state and exit.")]
OnEventOpt = Annotated[
    str | None,
    typer.Option(
        "--on-event",
        metavar="CMD",
        help="Run CMD for each score and status event (the event's JSON on stdin, "
        "LIVESCORE_* in its environment); never through a shell: use sh -c '...' for one.",
        show_default=False,
    ),
]
OnKindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--on-kind",
        metavar="KIND",
        help="Which events run --on-event: snapshot, score, status, clock, play (a scoring "
        "play: with --plays, or in game) (repeatable or comma-separated). "
        "[default: score,status]",
        show_default=False,
    ),
]
DelayOpt = Annotated[
    str | None,
    typer.Option(
        "--delay",
        metavar="DURATION",
        help="Spoiler protection: hold every update and show it this long after it came "
        "(45s, 2m, 1h30m), in order, to match a TV stream.",
        show_default=False,
    ),
]
TzOpt = Annotated[
    str | None,
    typer.Option(
        "--tz",
        metavar="ZONE",
        help="Time zone for start times (America/Los_Angeles). [default: the system's]",
        show_default=False,
    ),
]


RecordOpt = Annotated[
    str | None,
    typer.Option(
        "--record",
        metavar="FILE",
        help="Append every raw upstream answer or frame to FILE (JSON lines).",
        show_default=False,
    ),
]
IntervalOpt = Annotated[
    float | None,
    typer.Option(
        "--interval",
        "-i",
        metavar="SECONDS",
        help=f"Seconds between polls while a game is live. [default: {defaults.INTERVAL:g}]",
        show_default=False,
    ),
]
EspnTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help=f"Seconds to wait for each ESPN response. [default: {defaults.TIMEOUT:g}]",
        show_default=False,
    ),
]
EspnUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--espn-url",
        metavar="URL",
        help=f"ESPN API base URL (env LIVESCORE_ESPN_URL). [default: {defaults.ESPN_URL}]",
        show_default=False,
    ),
]
PushOpt = Annotated[
    bool,
    typer.Option(
        "--push",
        help="Get changes pushed by ESPN's FastCast service, with polling as the floor "
        "(falls back to it at once on any failure, cross-checks every 60 s).",
    ),
]
FastcastUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--fastcast-url",
        metavar="URL",
        help="FastCast discovery base URL (env LIVESCORE_FASTCAST_URL). "
        f"[default: {defaults.FASTCAST_URL}]",
        show_default=False,
    ),
]
KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--key",
        metavar="KEY",
        show_default=False,
        help="Sportrix API key (better: set SPORTRIX_API_KEY; a flag shows in ps).",
    ),
]
StreamUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--stream-url",
        metavar="URL",
        help="Sportrix WebSocket URL (env SPORTRIX_STREAM_URL). "
        f"[default: {defaults.SPORTRIX_STREAM_URL}]",
        show_default=False,
    ),
]
ApiUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        metavar="URL",
        help="Sportrix REST base URL (env SPORTRIX_API_URL). "
        f"[default: {defaults.SPORTRIX_API_URL}]",
        show_default=False,
    ),
]
RedisStreamOpt = Annotated[
    str | None,
    typer.Option(
        "--redis-stream",
        metavar="NAME",
        help="The Redis stream (default: livescore:espn, :sportrix or :replay by source; "
        "or ?stream= in the URL).",
        show_default=False,
    ),
]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        metavar="TOKEN",
        show_default=False,
        help="The bridge's token (better: env LIVESCORE_TOKEN or --token-file; a flag shows "
        "in ps).",
    ),
]
TokenFileOpt = Annotated[
    str | None,
    typer.Option(
        "--token-file",
        metavar="FILE",
        show_default=False,
        help="Read the bridge's token from FILE (its first line; keep it chmod 600).",
    ),
]
PlaysOpt = Annotated[
    bool,
    typer.Option(
        "--plays",
        help="Add the scoring plays of the games followed, as play events (from each game's "
        "summary, fetched when the scoreboard shows the game changed). JSON lines and lines.",
    ),
]
AllPlaysOpt = Annotated[
    bool, typer.Option("--all-plays", help="As --plays, with every play, not only scoring ones.")
]
SeasonOpt = Annotated[
    str | None,
    typer.Option(
        "--season",
        metavar="YEAR",
        help="ESPN's season year (2025; the NBA's 2024-25 is 2025). [default: the current one]",
        show_default=False,
    ),
]
DocsReplayOpt = Annotated[
    str | None,
    typer.Option(
        "--replay",
        metavar="FILE",
        help="Read ESPN's answers from a recording made with --record, offline.",
        show_default=False,
    ),
]
PublishMqttOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--publish",
        metavar="URL",
        help="Also publish every event to an MQTT broker: mqtt://[USER:PASSWORD@]HOST[:PORT]"
        "[/PREFIX] or mqtts:// (env LIVESCORE_MQTT_URL, better for a password).",
        show_default=False,
    ),
]
HaDiscoveryOpt = Annotated[
    bool | None,
    typer.Option(
        "--ha-discovery",
        help="With --publish mqtt://: Home Assistant discovery, a device with score and "
        "game sensors for each team followed (--team, else the favourites).",
        show_default=False,
    ),
]
NotifyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--notify",
        metavar="URL",
        help="Send a short message for the events of --notify-on to this apprise URL "
        "(discord://..., ntfys://topic, tgram://..., mailtos://..., dbus://); repeatable. "
        "Better in LIVESCORE_NOTIFY (URLs hold tokens).",
        show_default=False,
    ),
]
NotifyOnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--notify-on",
        metavar="KIND",
        help="Which events send one: score, status, start, final, play (repeatable or "
        "comma-separated). [default: score,status for the teams followed, else final]",
        show_default=False,
    ),
]
KeysOpt = Annotated[
    bool,
    typer.Option(
        "--keys/--no-keys",
        help="On a terminal, the table is driven with keys (select and open a game, change "
        "day, standings, filter, favourites; ? lists them); --no-keys: the table only.",
    ),
]
