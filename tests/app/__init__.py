"""Tests of livescore/app."""
