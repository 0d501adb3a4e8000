"""Stored kind values (learning, contact, event, interaction) as words of the interface language.

The records keep the English value (``"vendor"``); only what is shown is translated. One word
with two Dutch meanings gets its own context ("vendor" contact vs "vendor" event).
"""

from __future__ import annotations

from collections.abc import Callable

from growthdesk.core.i18n import pgettext

__all__ = ["learning_kind", "contact_kind", "event_kind", "interaction_kind"]


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
