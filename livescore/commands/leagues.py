"""``livescore leagues``: the league aliases."""

import sys


def command() -> None:
    """List the league aliases."""
    from livescore.core.leagues import LEAGUES
    from livescore.sinks.stdout import write_lines

    lines = [f"{lg.alias:<14}{lg.path:<40}{lg.name}" for lg in LEAGUES.values()]
    lines += ["", "Any ESPN path sport/league works too, e.g. soccer/sco.1."]
    write_lines(sys.stdout.buffer, lines)  # a reader gone early (| head -1) is StdoutClosed
