"""Secrets (API keys, tokens) never appear in output.

A ``Redactor`` is built once per command from the secrets its options hold, and applied at
the boundaries where text leaves livescore: the pipeline (every warning, footer and health
report comes from a source item passing through it) and the command line's error boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUERY = re.compile(r"(?i)\b(key|token|api_key|apikey|password)=[^&\s'\"]+")


@dataclass(frozen=True, slots=True)
class Redactor:
    secrets: tuple[str, ...] = ()

    @classmethod
    def of(cls, *secrets: str | None) -> Redactor:
        """Secrets shorter than 4 characters are not hidden (they would hide ordinary text)."""
        kept = {s for s in secrets if s and len(s) >= 4}
        return cls(tuple(sorted(kept, key=len, reverse=True)))

    def __call__(self, text: str) -> str:
        """Hide the secrets and ``key=`` / ``token=`` query values in ``text``."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return _QUERY.sub(lambda m: f"{m.group(1)}=***", text)


redact_urls = Redactor()  # for text that can hold no known secret, only URLs with one
