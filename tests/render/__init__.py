"""Tests of livescore/render."""
