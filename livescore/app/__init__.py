"""The wiring layer between the command line and the core.

``settings`` names every setting once (default, environment variable, config key),
``config`` reads the config file, ``options`` turns flags + environment + file into one
frozen, checked options object per command, ``sources`` and ``output`` build what a
command runs, ``commands`` runs it, and ``launch`` is the one boundary where it starts.
"""
