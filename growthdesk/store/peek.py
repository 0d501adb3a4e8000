"""The profile's language, read before a command is parsed (for its --help and click's errors),
without opening the store: no lock, no tinydb. Cosmetic: anything unreadable is None, and the
command itself reports a damaged file when it opens the store."""

from __future__ import annotations

import json
from pathlib import Path

from growthdesk.store.layout import META

__all__ = ["profile_language"]


def profile_language(home: Path) -> str | None:
    """``lang`` of the profile in *home*'s meta.json (replaced atomically, so never torn)."""
    try:
        raw = (home / META).read_bytes()
    except OSError:
        return None
    if b'"lang"' not in raw:  # the common English profile: no parse at all
        return None
    try:
        data = json.loads(raw)
        lang = data["profile"]["1"]["lang"]
    except (ValueError, KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) else None
