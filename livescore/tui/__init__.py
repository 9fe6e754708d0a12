"""The live table you can drive with keys (``watch`` on a terminal with ``--keys``): Textual
for focus, keys, scrolling and layout, imported only when it starts; what a game, a day or
the standings look like stays the renderers' (``render/``)."""
