"""One translation function for every user-facing string (gettext style).

English strings are the keys. A Dutch catalogue can be filled in later without touching callers.
"""

from __future__ import annotations

import os

__all__ = ["_", "set_language", "language"]

_CATALOGUES: dict[str, dict[str, str]] = {
    "nl": {
        "Logged win #{id}": "Win #{id} vastgelegd",
        "Undid: {label}": "Ongedaan gemaakt: {label}",
        "No wins yet.": "Nog geen wins.",
    },
}
_lang = os.environ.get("GROWTHDESK_LANG", "en")


def set_language(lang: str) -> None:
    global _lang
    _lang = lang


def language() -> str:
    return _lang


def _(message: str, /, **kwargs: object) -> str:
    """Translate *message* and fill in its ``{placeholders}``."""
    text = _CATALOGUES.get(_lang, {}).get(message, message)
    return text.format(**kwargs) if kwargs else text
