"""One translation function for every user-facing string: standard gettext catalogues.

English strings are the msgids. The Dutch catalogue is ``growthdesk/locale/nl/LC_MESSAGES/
growthdesk.mo``, compiled from the ``.po`` next to it (docs/TRANSLATING.md has the workflow).
The language is explicit state: the CLI resolves it once per command (``--lang``,
``GROWTHDESK_LANG``, the profile, the locale variables) and calls :func:`set_language`.

Calling style, the same for the three functions::

    _("Logged win {desc}", desc=...)
    ngettext("{n} win", "{n} wins", n)          # {n} is filled in
    pgettext("kind of contact", "vendor")
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "_",
    "N_",
    "ngettext",
    "pgettext",
    "gettext",
    "set_language",
    "language",
    "speaking",
    "translations",
    "mo_path",
    "LANGUAGES",
    "DOMAIN",
    "LOCALEDIR",
]

DOMAIN = "growthdesk"
LOCALEDIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")
# English is the source language (no catalogue); every other one has a .mo in LOCALEDIR.
LANGUAGES = ("en", "nl")

_lang = "en"
_cache: dict[str, _gettext.NullTranslations] = {}


def set_language(lang: str) -> None:
    """Speak *lang* from now on (one of :data:`LANGUAGES`)."""
    global _lang
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _lang = lang


def language() -> str:
    return _lang


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Text for a reader of *lang* whatever the interface speaks (a how-to page in the
    document's language, a message to an end user in theirs): `_()` inside the block speaks
    *lang* (English if unknown); the interface language is back after it."""
    global _lang
    before = _lang
    _lang = lang if lang in LANGUAGES else "en"
    try:
        yield
    finally:
        _lang = before


def translations(lang: str | None = None) -> _gettext.NullTranslations:
    """The catalogue of *lang* (default: the current language), loaded once, on first use.
    English reads no file."""
    lang = lang or _lang
    found = _cache.get(lang)
    if found is None:
        found = _gettext.NullTranslations() if lang == "en" else _load(lang)
        _cache[lang] = found
    return found


def mo_path(lang: str) -> str:
    return os.path.join(LOCALEDIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def _load(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of *lang*: what gettext.translation(DOMAIN, LOCALEDIR, [lang])
    returns, opened directly, since the path is known (its search through the locale aliases
    costs 1-2 ms on every command). A missing .mo (a broken install) speaks English."""
    try:
        with open(mo_path(lang), "rb") as fp:
            return _gettext.GNUTranslations(fp)
    except OSError:
        return _gettext.NullTranslations()


def gettext(message: str) -> str:
    """*message* translated, nothing filled in (for text with braces of its own)."""
    return translations().gettext(message)


def N_(message: str) -> str:
    """Marks *message* for extraction only; it is translated where it is shown (help text)."""
    return message


def _(message: str, /, **kwargs: object) -> str:
    """Translate *message* and fill in its ``{placeholders}``."""
    text = translations().gettext(message)
    return text.format(**kwargs) if kwargs else text


def ngettext(singular: str, plural: str, n: float, /, **kwargs: object) -> str:
    """Translate the form of *singular*/*plural* that fits *n*; ``{n}`` is filled in too.
    A float count (18.5 months) takes the plural unless it is exactly 1: gettext's plural
    rules accept whole numbers only."""
    form = n if isinstance(n, int) else (1 if n == 1 else 2)
    return translations().ngettext(singular, plural, form).format(n=n, **kwargs)


def pgettext(context: str, message: str, /, **kwargs: object) -> str:
    """Translate *message* in *context*, for one English word with two meanings elsewhere."""
    text = translations().pgettext(context, message)
    return text.format(**kwargs) if kwargs else text
