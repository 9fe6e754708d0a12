"""livescore: a live score ticker for the terminal, for scripts and for bots."""

__version__ = "0.1.0"

# How livescore introduces itself to every upstream (ESPN, Sportrix, a bridge).
USER_AGENT = f"livescore/{__version__} (+https://pypi.org/project/livescore/)"
