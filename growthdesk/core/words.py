"""Stored kind values (learning, contact, event, interaction) as words of the interface language.

The records keep the English value (``"vendor"``); only what is shown is translated. One word
with two Dutch meanings gets its own context ("vendor" contact vs "vendor" event).
"""

from __future__ import annotations

from collections.abc import Callable

from growthdesk.core.i18n import ngettext, pgettext

__all__ = [
    "learning_kind",
    "contact_kind",
    "event_kind",
    "interaction_kind",
    "learning_count",
    "contact_count",
]


def _word(table: Callable[[], dict[str, str]], value: str) -> str:
    return table().get(value, value)


def _learning() -> dict[str, str]:
    return {
        "blog": pgettext("learning kind", "blog"),
        "reading": pgettext("learning kind", "reading"),
        "course": pgettext("learning kind", "course"),
        "lab": pgettext("learning kind", "lab"),
        "side-project": pgettext("learning kind", "side-project"),
        "certification": pgettext("learning kind", "certification"),
        "event": pgettext("learning kind", "event"),
    }


def _contact() -> dict[str, str]:
    return {
        "colleague": pgettext("contact kind", "colleague"),
        "vendor": pgettext("contact kind", "vendor"),
        "trainer": pgettext("contact kind", "trainer"),
        "community": pgettext("contact kind", "community"),
    }


def _event() -> dict[str, str]:
    return {
        "vendor": pgettext("event kind", "vendor"),
        "training": pgettext("event kind", "training"),
        "meetup": pgettext("event kind", "meetup"),
        "conference": pgettext("event kind", "conference"),
    }


def _interaction() -> dict[str, str]:
    return {
        "asked": pgettext("interaction kind", "asked"),
        "helped": pgettext("interaction kind", "helped"),
        "met": pgettext("interaction kind", "met"),
        "chat": pgettext("interaction kind", "chat"),
    }


def learning_kind(value: str) -> str:
    return _word(_learning, value)


def contact_kind(value: str) -> str:
    return _word(_contact, value)


def event_kind(value: str) -> str:
    return _word(_event, value)


def interaction_kind(value: str) -> str:
    return _word(_interaction, value)


def learning_count(value: str, n: int) -> str:
    """'2 courses', '1 blog': a count of learning entries of one kind."""
    counts = {
        "blog": ngettext("{n} blog", "{n} blogs", n),
        "reading": ngettext("{n} reading", "{n} readings", n),
        "course": ngettext("{n} course", "{n} courses", n),
        "lab": ngettext("{n} lab", "{n} labs", n),
        "side-project": ngettext("{n} side-project", "{n} side-projects", n),
        "certification": ngettext("{n} certification", "{n} certifications", n),
        "event": ngettext("{n} event", "{n} events", n),
    }
    return counts.get(value) or f"{n} {value}"


def contact_count(value: str, n: int) -> str:
    """'2 colleagues', '1 vendor': a count of contacts of one kind."""
    counts = {
        "colleague": ngettext("{n} colleague", "{n} colleagues", n),
        "vendor": ngettext("{n} vendor", "{n} vendors", n),
        "trainer": ngettext("{n} trainer", "{n} trainers", n),
        "community": ngettext("{n} community contact", "{n} community contacts", n),
    }
    return counts.get(value) or f"{n} {value}"
