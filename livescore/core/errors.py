"""The project's own exceptions, mapped to exit codes at one boundary (cli.py)."""


class LivescoreError(Exception):
    """A failure the user should see as one line; exit code 1."""

    exit_code = 1


class UsageError(LivescoreError):
    """Bad input from the command line or the environment; exit code 2."""

    exit_code = 2


class NoMatch(LivescoreError):
    """The scoreboards had games, none of the teams asked for; exit code 1."""


class RejectedError(LivescoreError):
    """The upstream refused us (HTTP 401/403); exit code 3."""

    exit_code = 3


class StdoutClosed(Exception):
    """The process reading our stdout has closed it: a quiet exit 0 (``| head -1``)."""


class StdoutStuck(StdoutClosed):
    """Asked to stop (SIGTERM) while writing to a stdout nobody reads: exit 0, said once."""


class ParseError(LivescoreError):
    """Data from the network did not have the shape we need."""
