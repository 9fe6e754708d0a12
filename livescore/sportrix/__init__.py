"""The Sportrix Data stream: a pure frame/snapshot parser, the WebSocket source, the REST API."""
