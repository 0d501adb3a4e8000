"""Contacts and events: the people you can ask, and where you met them.

Pure domain code: functions take a store transaction (``tx``) or plain lists of dicts and raise
GrowthdeskError subclasses. Never prints, never imports click/rich/networkx.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from growthdesk.errors import InputError, NotFoundError
from growthdesk.i18n import _
from growthdesk.names import close_matches, fold

__all__ = [
    "AmbiguousNameError",
    "CONTACT_KINDS",
    "INTERACTION_KINDS",
    "find_contact",
    "resolve_contact",
    "ensure_contacts",
    "new_contact_record",
]

CONTACT_KINDS: tuple[str, ...] = ("colleague", "vendor", "trainer", "community")
INTERACTION_KINDS: tuple[str, ...] = ("asked", "helped", "met", "chat")

# A contact created implicitly (e.g. `log --helped-by NEW`) is most likely a colleague you work with:
# a middling tie, refined later with `contact edit`.
DEFAULT_STRENGTH = 3


class AmbiguousNameError(InputError):
    """A name is unknown but looks like an existing contact; carries the candidates."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        hint = " or ".join(f"'{c}'" for c in self.candidates)
        super().__init__(_("unknown contact '{name}'. Did you mean {hint}?", name=name, hint=hint))


def find_contact(contacts: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The contact whose name equals *name* ignoring case and accents, else None."""
    key = fold(name)
    if not key:
        return None
    for contact in contacts:
        if fold(str(contact.get("name", ""))) == key:
            return contact
    return None


def resolve_contact(contacts: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """Like find_contact, but an unknown name is an error (with "did you mean" when close)."""
    found = find_contact(contacts, name)
    if found is not None:
        return found
    names = [str(c.get("name", "")) for c in contacts]
    hits = close_matches(name, names)
    if hits:
        raise AmbiguousNameError(name, hits)
    raise NotFoundError(_("unknown contact '{name}'", name=name))


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError(_("a contact name cannot be empty"))
    return cleaned


def new_contact_record(name: str, now: datetime, **fields: Any) -> dict[str, Any]:
    """A complete contact record with defaults for every field (see COMMON.md "Records")."""
    record: dict[str, Any] = {
        "name": _clean_name(name),
        "kind": "colleague",
        "org": None,
        "email": None,
        "phone": None,
        "specialties": {},
        "strength": DEFAULT_STRENGTH,
        "met_at": None,
        "notes": "",
        "last_contact": None,
        "do_not_ask": False,
        "created": now.isoformat(timespec="seconds"),
    }
    record.update(fields)
    return record


def _later_day(current: str | None, day: date) -> str:
    """The later of an ISO day and *day*: a back-dated interaction must not make a tie look older."""
    iso = day.isoformat()
    if current and current[:10] > iso:
        return current[:10]
    return iso


def ensure_contacts(
    tx: Any, names: list[str], now: datetime, allow_new_close: bool = False
) -> list[int]:
    """Contact ids for *names* (e.g. ``log --helped-by``), creating colleagues for new names.

    Each helper also gets a "helped" interaction and a fresh last_contact. A new name that looks
    like an existing one (a typo, most likely) raises AmbiguousNameError unless *allow_new_close*.
    Repeated names in *names* give one id once.
    """
    contacts: list[dict[str, Any]] = list(tx.all("contacts"))
    ids: list[int] = []
    when = now.isoformat(timespec="seconds")
    for raw in names:
        name = _clean_name(raw)
        found = find_contact(contacts, name)
        if found is None:
            hits = close_matches(name, [str(c.get("name", "")) for c in contacts])
            if hits and not allow_new_close:
                raise AmbiguousNameError(name, hits)
            record = new_contact_record(name, now, last_contact=now.date().isoformat())
            cid = int(tx.insert("contacts", record))
            contacts.append({**record, "id": cid})
        else:
            cid = int(found["id"])
            if cid in ids:
                continue
            day = _later_day(found.get("last_contact"), now.date())
            tx.update("contacts", cid, {"last_contact": day})
            found["last_contact"] = day
        if cid in ids:
            continue
        ids.append(cid)
        tx.insert("interactions", {"contact": cid, "when": when, "kind": "helped", "note": ""})
    return ids
