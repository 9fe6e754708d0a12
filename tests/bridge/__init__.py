"""Tests of livescore/bridge."""
