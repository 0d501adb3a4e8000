"""Finding contacts and events by what the user typed: the one name resolver of the network.

Names compare folded (case and accents ignored). A contact name may be shortened to its first
words ('ana' for 'Ana de Vries') when that names one person; a name that is unknown but close to
known ones is an AmbiguousNameError carrying the candidates, so nobody gets a typo as a new
contact. Events are found by name (the newest of repeats) or by '#id'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.names import close_matches, did_you_mean
from growthdesk.core.text import fold

__all__ = [
    "AmbiguousNameError",
    "find_contact",
    "match_contact",
    "resolve_contact",
    "similar_names",
    "find_event",
]

R = TypeVar("R", bound=Mapping[str, Any])


class AmbiguousNameError(InputError):
    """A name is unknown but looks like an existing contact; carries the candidates."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        hint = " or ".join(f"'{c}'" for c in self.candidates)
        super().__init__(_("unknown contact '{name}'. Did you mean {hint}?", name=name, hint=hint))


def _names(records: Sequence[Mapping[str, Any]]) -> list[str]:
    return [str(r.get("name", "")) for r in records]


def _named(records: Sequence[R], name: str) -> list[R]:
    """The records whose name equals *name* folded; none for an empty name."""
    key = fold(name)
    return [r for r in records if fold(str(r.get("name", ""))) == key] if key else []


def find_contact(contacts: Sequence[R], name: str) -> R | None:
    """The contact whose name equals *name* ignoring case and accents, else None."""
    hits = _named(contacts, name)
    return hits[0] if hits else None


def match_contact(contacts: Sequence[R], name: str, *, allow_new_close: bool = False) -> R | None:
    """The contact *name* means: exact, else the one contact whose name starts with it as whole
    words. None means someone new; a name close to known ones raises AmbiguousNameError unless
    the user said it is someone else (*allow_new_close*)."""
    found = find_contact(contacts, name)
    if found is not None:
        return found
    key = fold(name)
    prefixed = [c for c in contacts if key and fold(str(c.get("name", ""))).startswith(key + " ")]
    if len(prefixed) == 1:
        return prefixed[0]
    hits = _names(prefixed) or close_matches(name, _names(contacts))
    if hits and not allow_new_close:
        raise AmbiguousNameError(name, hits)
    return None


def resolve_contact(contacts: Sequence[R], name: str) -> R:
    """match_contact for someone who must exist: an unknown name is NotFoundError."""
    found = match_contact(contacts, name)
    if found is None:
        raise NotFoundError(_("unknown contact '{name}'", name=name))
    return found


def similar_names(contacts: Sequence[Mapping[str, Any]], name: str) -> list[str]:
    """Existing names that look like *name* (for a warning when adding a near-duplicate)."""
    return [n for n in close_matches(name, _names(contacts)) if fold(n) != fold(name)]


def find_event(events: Sequence[R], name: str) -> R:
    """An event by name (case/accent-insensitive; newest if repeated) or by '#id'/number."""
    text = name.strip().lstrip("#")
    if text.isdigit():
        for event in events:
            if int(event["id"]) == int(text):
                return event
    hits = _named(events, name)
    if hits:
        return max(hits, key=lambda e: (str(e.get("date", "")), int(e["id"])))
    raise NotFoundError(
        _("unknown event '{name}'.", name=name) + did_you_mean(name, _names(events))
    )
