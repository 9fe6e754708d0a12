"""Tests of livescore/sportrix."""
