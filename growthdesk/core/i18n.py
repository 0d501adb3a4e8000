"""One translation function for every user-facing string (gettext style).

English strings are the keys. A Dutch catalogue can be filled in later without touching callers.
"""

from __future__ import annotations

import os

__all__ = ["_", "ngettext", "pgettext", "set_language", "language"]

_CATALOGUES: dict[str, dict[str, str]] = {
    # The daily path first; the rest of the interface falls back to English until translated.
    "nl": {
        "Logged win {desc}": "Win vastgelegd {desc}",
        "Updated win {desc}": "Win bijgewerkt {desc}",
        "Removed win #{id}: {text}": "Win #{id} verwijderd: {text}",
        "Undid: {label}": "Ongedaan gemaakt: {label}",
        "No wins yet.": "Nog geen wins.",
        "Nothing to undo.": "Niets om ongedaan te maken.",
        "nothing to undo": "niets om ongedaan te maken",
        "skills": "vaardigheden",
        "auto-tagged": "automatisch herkend",
        "set by you": "door jou gekozen",
        "Warning: {message}": "Let op: {message}",
        "no confident skill (top 3: {listing}); set one with --skill": (
            "geen zekere vaardigheid (top 3: {listing}); kies er een met --skill"
        ),
        "the {what} text is empty": "de tekst ({what}) is leeg",
        "minutes must be more than 0, not {v}": "minuten moeten meer dan 0 zijn, niet {v}",
        "minutes must be a number, not '{v}'": "minuten moeten een getal zijn, niet '{v}'",
        "{when} is in the future; log {what} after it happened": (
            "{when} ligt in de toekomst; leg {what} vast nadat het gebeurd is"
        ),
        "a win": "een win",
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


def ngettext(singular: str, plural: str, n: int, /, **kwargs: object) -> str:
    """Translate the form of *singular*/*plural* that fits *n*; ``{n}`` is filled in too."""
    text = singular if n == 1 else plural
    text = _CATALOGUES.get(_lang, {}).get(text, text)
    return text.format(n=n, **kwargs)


def pgettext(context: str, message: str, /, **kwargs: object) -> str:
    """Translate *message* in *context*, for one English word with two meanings elsewhere."""
    text = _CATALOGUES.get(_lang, {}).get(f"{context}\x04{message}", message)
    return text.format(**kwargs) if kwargs else text
