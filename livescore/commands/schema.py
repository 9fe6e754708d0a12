"""``livescore schema``: the JSON Schema of JSON lines v1."""

import sys


def command() -> None:
    """Print the JSON Schema (draft 2020-12) of JSON lines v1: every line any output writes.

    Example: livescore schema > livescore-v1.schema.json
    """
    import json

    from livescore.jsonlines.schema import schema
    from livescore.sinks.stdout import write_lines

    write_lines(sys.stdout.buffer, [json.dumps(schema(), indent=2, ensure_ascii=False)])
