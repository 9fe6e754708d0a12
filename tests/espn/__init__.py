"""Tests of livescore/espn."""
