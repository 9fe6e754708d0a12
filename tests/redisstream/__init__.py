"""Tests of livescore/redisstream, against a real redis-server on 127.0.0.1."""
