"""The bridge: one upstream, many local WebSocket clients (`livescore serve`, `livescore tail`)."""
