"""One game in full, from ESPN's summary endpoint: the model (``model.py``), the parser
(``parse.py``, with ``plays.py`` and ``box.py``), and what changed between two summaries
(``changes.py``). Pure: no I/O."""
