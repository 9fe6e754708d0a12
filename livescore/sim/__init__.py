"""Local simulators of the upstream services, for `livescore demo` and for tests."""
