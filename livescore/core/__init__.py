"""The pure core: values, the board, team and league spelling, sanitising, time. No I/O
library is imported here (tests/test_core_imports.py checks the whole folder)."""
