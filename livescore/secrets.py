"""Secrets (API keys, tokens) never appear in output: every message to the user passes here."""

from __future__ import annotations

import re

_SECRETS: set[str] = set()
_QUERY = re.compile(r"(?i)\b(key|token|api_key|apikey)=[^&\s'\"]+")


def register(secret: str | None) -> None:
    """Remember a secret so that ``redact`` hides it wherever it turns up."""
    if secret and len(secret) >= 4:
        _SECRETS.add(secret)


def redact(text: str) -> str:
    """Hide registered secrets and ``key=`` / ``token=`` query values in ``text``."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return _QUERY.sub(lambda m: f"{m.group(1)}=***", text)
