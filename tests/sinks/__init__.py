"""Tests of livescore/sinks."""
