"""Make strings from the network safe to show: no control characters, no escape sequences.

Everything a source hands us goes through :func:`clean` before it reaches a ``Game``, so
every output (table, lines, JSON, the bridge) sees only printable text.
"""

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# strings (ESC P/X/^/_ ... ST) and two-character escapes. The 8-bit C1 forms (0x9b CSI, 0x9d
# OSC ...) are handled the same way.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?             # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])       # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?      # ... up to BEL or ST
  | \x1b[ -/]*[0-~]?                              # other ESC sequences
    """,
    re.VERBOSE,
)
# Bidirectional overrides and isolates can make text read differently from what it is.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MAX_LEN = 200


def clean(value: object, limit: int = _MAX_LEN) -> str:
    """Return ``value`` as printable one-line text.

    Non-strings become ``""``. Escape sequences are removed whole, other control characters
    (C0, C1, DEL) are dropped, runs of whitespace fold to one space, and the result is cut to
    ``limit`` characters.
    """
    if not isinstance(value, str):
        return ""
    if value.isascii() and value.isprintable():
        return value[:limit].strip()
    text = _ESCAPES.sub("", value)
    text = text.translate(_BIDI)
    text = "".join(
        " " if ch in "\t\n\r\x0b\x0c" else ch
        for ch in text
        if ch in "\t\n\r\x0b\x0c" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return " ".join(text.split())[:limit]
