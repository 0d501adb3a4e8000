"""Finding contacts and events by what the user typed: the one name resolver of the network.

A contact is named by its id ('#3', or '3') or its name. Names compare folded (case, accents and curly
apostrophes ignored); where two contacts fold alike ('Zoë Jansen', 'Zoe Jansen') the spelling
typed decides. A name may be shortened to its first or last words ('ana', 'de vries') when that
names one person; when it fits several it is an AmbiguousNameError listing them. A name that is
unknown but close to known ones is an AmbiguousNameError too (a typo, most likely), so nobody
gets a typo as a new contact. Events are found by name (the newest of repeats) or by '#id'.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.names import close_matches, did_you_mean
from growthdesk.core.text import fold

__all__ = [
    "AmbiguousNameError",
    "contact_id",
    "find_contact",
    "spelled_alike",
    "match_contact",
    "resolve_contact",
    "named_in_full",
    "similar_names",
    "find_event",
]

R = TypeVar("R", bound=Mapping[str, Any])

# '#3', or a bare '3' (a shell reads an unquoted #3 as a comment): nobody is called that.
_ID = re.compile(r"#?\s*(\d+)")


class AmbiguousNameError(InputError):
    """A name fits several contacts (*several*), or is unknown but looks like existing ones
    (a typo, most likely); carries the candidates' names."""

    def __init__(
        self,
        name: str,
        candidates: list[str],
        *,
        several: bool = False,
        ids: Sequence[int] = (),
    ) -> None:
        self.name = name
        self.candidates = list(candidates)
        self.several = several
        self.ids = list(ids)
        if several:
            listing = ", ".join(
                f"#{i} {c}" for i, c in zip(ids, self.candidates, strict=True)
            ) or ", ".join(self.candidates)
            message = _(
                "'{name}' fits {n} contacts: {listing}; type more of the name or its #id",
                name=name,
                n=len(self.candidates),
                listing=listing,
            )
        else:
            hint = " or ".join(f"'{c}'" for c in self.candidates)
            message = _("unknown contact '{name}'. Did you mean {hint}?", name=name, hint=hint)
        super().__init__(message)


def _names(records: Sequence[Mapping[str, Any]]) -> list[str]:
    return [str(r.get("name", "")) for r in records]


def _key(name: str, *, keep_accents: bool = False) -> str:
    return " ".join(fold(name, keep_accents=keep_accents).split())


def _named(records: Sequence[R], name: str) -> list[R]:
    """The records whose name equals *name* folded; none for an empty name."""
    key = _key(name)
    return [r for r in records if _key(str(r.get("name", ""))) == key] if key else []


def contact_id(text: str) -> int | None:
    """The id in '#3' or '3' (a contact named by id), else None."""
    m = _ID.fullmatch(text.strip())
    return int(m.group(1)) if m else None


def _by_id(contacts: Sequence[R], cid: int) -> R:
    for contact in contacts:
        if int(contact["id"]) == cid:
            return contact
    raise NotFoundError(_("there is no contact #{id}", id=cid))


def find_contact(contacts: Sequence[R], name: str) -> R | None:
    """The contact whose name equals *name* ignoring case and accents (the spelling typed
    first, where two fold alike), else None."""
    hits = _named(contacts, name)
    if len(hits) > 1:
        return next(iter(spelled_alike(hits, name)), hits[0])
    return hits[0] if hits else None


def spelled_alike(contacts: Sequence[R], name: str) -> list[R]:
    """The contacts spelled like *name*: case, spacing and apostrophes aside, accents count."""
    key = _key(name, keep_accents=True)
    return [c for c in contacts if _key(str(c.get("name", "")), keep_accents=True) == key]


def _ambiguous(name: str, hits: Sequence[Mapping[str, Any]]) -> AmbiguousNameError:
    return AmbiguousNameError(name, _names(hits), several=True, ids=[int(h["id"]) for h in hits])


def _shortened(contacts: Sequence[R], key: str) -> list[R]:
    """Contacts whose name starts or ends with the words of *key* ('ana', 'de vries')."""
    words = key.split()
    n = len(words)
    out = []
    for contact in contacts:
        have = _key(str(contact.get("name", ""))).split()
        if len(have) > n and (have[:n] == words or have[-n:] == words):
            out.append(contact)
    return out


def match_contact(
    contacts: Sequence[R], name: str, *, allow_new_close: bool = False, new: bool = False
) -> R | None:
    """The contact *name* means: '#id', the name (accents decide between names that fold
    alike), else the one contact it shortens. None means someone new. A name that fits several
    contacts raises AmbiguousNameError; so does one close to known names, unless the user said
    it is someone else (*allow_new_close*). With *new* the user said it is a new person: only
    an '#id' or the name spelled exactly (case aside) is someone known."""
    cid = contact_id(name)
    if cid is not None:
        return _by_id(contacts, cid)
    same = spelled_alike(contacts, name)
    if len(same) == 1 or (same and new):
        return same[0]
    if new:
        return None
    hits = same or _named(contacts, name)
    if len(hits) > 1:
        raise _ambiguous(name, hits)
    if hits:
        return hits[0]
    key = _key(name)
    shortened = _shortened(contacts, key) if key else []
    if len(shortened) > 1:
        raise _ambiguous(name, shortened)
    if shortened:
        return shortened[0]
    close = close_matches(name, _names(contacts))
    if close and not allow_new_close:
        raise AmbiguousNameError(name, close)
    return None


def resolve_contact(contacts: Sequence[R], name: str) -> R:
    """match_contact for someone who must exist: an unknown name is NotFoundError."""
    found = match_contact(contacts, name)
    if found is None:
        raise NotFoundError(_("unknown contact '{name}'", name=name))
    return found


def named_in_full(contact: Mapping[str, Any], name: str) -> bool:
    """Whether *name* is the contact's '#id' or whole name, not a shortening of it."""
    cid = contact_id(name)
    if cid is not None:
        return cid == int(contact["id"])
    return _key(name) == _key(str(contact.get("name", "")))


def similar_names(contacts: Sequence[Mapping[str, Any]], name: str) -> list[str]:
    """Existing names that look like *name* but are spelled otherwise: accents or apostrophes
    apart ('Zoe'/'Zoë'), or a letter or two (for refusing a near-duplicate)."""
    key = _key(name, keep_accents=True)
    alike = [n for n in _names(_named(contacts, name)) if _key(n, keep_accents=True) != key]
    close = [n for n in _names(contacts) if _key(n) != _key(name) and _typo_of(n, name)]
    return list(dict.fromkeys(alike + close))


def _typo_of(a: str, b: str) -> bool:
    """One word apart by a slip ('Jansen'/'Janssen', 'Plane'/'Plain') or an initial ('K. Lund').

    Whole-name similarity is not enough: 'Jan de Vries' and 'Ana de Vries' share most letters
    and are two people, as are 'Tim' and 'Tom', and 'Anne' and 'Sanne'; so short words must match
    exactly and a slip keeps the first letter.
    """
    x, y = _key(a).replace(".", " ").split(), _key(b).replace(".", " ").split()
    if "".join(x).replace("-", "") == "".join(y).replace("-", ""):
        return True  # 'Jan-Willem' / 'Jan Willem'
    if len(x) != len(y):
        return False
    differ = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    if len(differ) != 1:
        return False
    p, q = differ[0]
    if len(p) == 1 or len(q) == 1:
        return p[0] == q[0]
    # A slip rarely hits the first letter: 'Anne' next to 'Sanne' is another name.
    return (
        p[0] == q[0]
        and min(len(p), len(q)) >= 4
        and difflib.SequenceMatcher(None, p, q).ratio() >= 0.8
    )


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
