"""Notifications (``--notify URL``): a short plain-text message for the chosen events, to
Discord, Slack, Telegram, ntfy, Pushover, Matrix, email, the desktop and the rest of what
apprise speaks by URL (the optional ``livescore[notify]`` extra)."""

MISSING = (
    "--notify needs the optional apprise package: pip install 'livescore[notify]' "
    "(or pip install apprise)"
)
KINDS = ("score", "status", "start", "final", "play")
FOLLOWING = ("score", "status")  # the default with teams followed
EVERYONE = ("final",)  # the default for every game of the leagues
