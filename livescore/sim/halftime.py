"""Half time in the simulators' soccer scripts: the share of a match from 0.45 to 0.55."""


def played(fraction: float) -> float:
    """A moment of the match's playing time for a draw in [0, 1): half time left out."""
    at = fraction * 0.9
    return at if at < 0.45 else at + 0.1
