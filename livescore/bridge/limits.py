"""The bridge's limits, in one light module (the command line reads the defaults)."""

MAX_CLIENTS = 1000  # connections at once, by default (serve --max-clients)
MAX_FILTER = 100  # leagues, and teams, one client's filter may name
CONTROL_RATE = 2.0  # control messages a client may send per second, on average...
CONTROL_BURST = 10  # ...and at once; past that they get an error frame and are not read
