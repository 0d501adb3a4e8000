"""Contacts: the people you can ask, their ties to you and to each other (links, interactions).

Pure domain code: functions take a store transaction (``tx``) or plain lists of records and raise
GrowthdeskError subclasses. Never prints, never imports click/rich/networkx. Names are resolved
by growthdesk.network.lookup; events live in growthdesk.network.events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core.dates import check_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Event, Interaction, Link, Win
from growthdesk.core.text import LONG_TEXT, SHORT_TEXT, check_text, fold
from growthdesk.network.lookup import (
    contact_id,
    find_event,
    match_contact,
    resolve_contact,
    similar_names,
    spelled_alike,
)
from growthdesk.skills.validate import validate_skill

if TYPE_CHECKING:
    from growthdesk.store import Transaction

__all__ = [
    "CONTACT_KINDS",
    "INTERACTION_KINDS",
    "SHARE_LEVELS",
    "DEFAULT_LEVEL",
    "WEAK_TIE",
    "new_contact_record",
    "parse_specialty",
    "check_kind",
    "meet",
    "ensure_contacts",
    "credit_helpers",
    "add_contact",
    "list_contacts",
    "contact_details",
    "edit_contact",
    "remove_contact",
    "touch_contact",
    "link_contacts",
    "merge_contacts",
]

CONTACT_KINDS: tuple[str, ...] = ("colleague", "vendor", "trainer", "community")
INTERACTION_KINDS: tuple[str, ...] = ("asked", "helped", "met", "chat")
SHARE_LEVELS: tuple[str, ...] = ("no", "card", "details")  # what `team publish` may share

# A contact created implicitly (e.g. `log --helped-by NEW`) is most likely a colleague you work with:
# a middling tie, refined later with `contact edit`.
DEFAULT_STRENGTH = 3
DEFAULT_LEVEL = 3  # a specialty given without a level
# Someone you met once or who helped you once in person: a weak direct tie until you talk again.
WEAK_TIE = 2


def _clean_name(name: str) -> str:
    cleaned = check_text(" ".join(name.split()), _("contact name"), SHORT_TEXT)
    if not cleaned:
        raise InputError(_("a contact name cannot be empty"))
    if contact_id(cleaned) is not None:
        # '#3' names contact 3 everywhere a name is read; no one can be called that.
        raise InputError(_("a contact name cannot look like an id ('{name}')", name=cleaned))
    return cleaned


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d+)?", re.IGNORECASE)


def _short(value: str | None, what: str) -> str | None:
    """A one-line field (organisation, e-mail, phone): trimmed, None when empty."""
    return check_text(value or "", what, SHORT_TEXT) or None


def _check_email(value: str | None) -> str | None:
    email = _short(value, _("e-mail address"))
    if email is not None and not _EMAIL.fullmatch(email):
        raise InputError(_("'{v}' is not an e-mail address (name@example.com)", v=email))
    return email


def _check_phone(value: str | None) -> str | None:
    phone = _short(value, _("phone number"))
    if phone is not None:
        digits = sum(c.isdigit() for c in phone)
        if not _PHONE.fullmatch(phone) or not 3 <= digits <= 20:
            raise InputError(
                _("'{v}' is not a phone number (digits, spaces, + ( ) - . /)", v=phone)
            )
    return phone


def _note(value: str, what: str) -> str:
    """Free text over several lines (notes): trimmed, at most LONG_TEXT characters."""
    return check_text(value, what, LONG_TEXT, multiline=True)


def new_contact_record(
    name: str,
    now: datetime,
    *,
    kind: str = "colleague",
    org: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    specialties: dict[str, int] | None = None,
    strength: int | None = DEFAULT_STRENGTH,
    met_at: int | None = None,
    notes: str = "",
    last_contact: str | None = None,
) -> Contact:
    """A complete contact record (core.records.Contact), not yet stored."""
    return {
        "name": _clean_name(name),
        "kind": kind,
        "org": org,
        "email": email,
        "phone": phone,
        "specialties": specialties or {},
        "strength": strength,
        "met_at": met_at,
        "notes": notes,
        "last_contact": last_contact,
        "do_not_ask": False,
        "created": now.isoformat(timespec="seconds"),
    }


def _later_day(current: str | None, day: date) -> str:
    """The later of an ISO day and *day*: a back-dated interaction must not make a tie look older."""
    iso = day.isoformat()
    if current and current[:10] > iso:
        return current[:10]
    return iso


def parse_specialty(text: str) -> tuple[str, int]:
    """'network_connectivity:4' -> ('network_connectivity', 4); the level defaults to 3."""
    raw, sep, level_text = text.strip().rpartition(":")
    if not sep:
        raw, level_text = text.strip(), ""
    skill = validate_skill(raw)
    if not level_text:
        return skill, DEFAULT_LEVEL
    try:
        level = int(level_text)
    except ValueError:
        raise InputError(
            _("specialty level must be a number 1-5, got '{level}'", level=level_text)
        ) from None
    if not 1 <= level <= 5:
        raise InputError(_("specialty level must be 1-5, got {level}", level=level))
    return skill, level


def _check_strength(strength: int | None, what: str = "strength") -> int | None:
    if strength is None:
        return None
    if isinstance(strength, bool) or not isinstance(strength, int) or not 1 <= strength <= 5:
        raise InputError(_("{what} must be 1-5, got {value}", what=what, value=strength))
    return strength


def check_kind(kind: str, allowed: tuple[str, ...], what: str) -> str:
    key = fold(kind)
    if key not in allowed:
        raise InputError(
            _(
                "unknown {what} '{kind}' (choose from {allowed})",
                what=what,
                kind=kind,
                allowed=", ".join(allowed),
            )
        )
    return key


def _log_interaction(
    tx: Transaction,
    contact: Contact,
    when: datetime,
    kind: str,
    note: str,
    met_at: int | None = None,
) -> int:
    """Record an interaction and warm the tie: last_contact moves forward (never back) to its
    day, and someone known only via others becomes a weak direct tie. Returns the interaction id."""
    cid = int(contact["id"])
    stamp = when.isoformat(timespec="seconds")
    iid = int(
        tx.insert("interactions", {"contact": cid, "when": stamp, "kind": kind, "note": note})
    )
    changes: dict[str, Any] = {"last_contact": _later_day(contact.get("last_contact"), when.date())}
    contact["last_contact"] = changes["last_contact"]
    if contact.get("strength") is None:
        changes["strength"] = contact["strength"] = WEAK_TIE
    if met_at is not None and contact.get("met_at") is None:
        changes["met_at"] = contact["met_at"] = met_at
    tx.update("contacts", cid, changes)
    return iid


def meet(
    tx: Transaction,
    names: Sequence[str],
    when: datetime,
    *,
    kind: str,
    note: str = "",
    new_record: Callable[[str], Contact],
    allow_new_close: bool = False,
    new: bool = False,
    met_at: int | None = None,
) -> tuple[list[int], list[str]]:
    """(ids, names created): each person in *names* gets one *kind* interaction at *when*.

    Known people are matched by '#id' or name (lookup.match_contact); new names become
    *new_record(name)*. A new name that looks like an existing one (a typo, most likely) raises
    AmbiguousNameError unless *allow_new_close*; with *new* only an exact spelling or an '#id'
    is someone known. A person named twice counts once.
    """
    contacts = tx.contacts()
    ids: list[int] = []
    created: list[str] = []
    for raw in names:
        name = " ".join(raw.split())
        found = match_contact(contacts, name, allow_new_close=allow_new_close, new=new)
        if found is None:
            found = new_record(_clean_name(name))
            found["id"] = int(tx.insert("contacts", found))
            contacts.append(found)
            created.append(name)
        if int(found["id"]) in ids:
            continue
        ids.append(int(found["id"]))
        _log_interaction(tx, found, when, kind, note, met_at)
    return ids, created


def credit_helpers(
    tx: Transaction,
    names: Sequence[str],
    now: datetime,
    *,
    when: datetime | None = None,
    allow_new_close: bool = False,
    new: bool = False,
) -> tuple[list[int], list[str]]:
    """(contact ids, names created) for the helpers of a win solved at *when* (default now):
    new names become colleagues; each helper gets a "helped" interaction on that day, which
    is also their last contact unless a later one exists (see meet)."""
    at = when or now
    day = at.date().isoformat()
    return meet(
        tx,
        names,
        at,
        kind="helped",
        new_record=lambda name: new_contact_record(name, now, last_contact=day),
        allow_new_close=allow_new_close,
        new=new,
    )


def ensure_contacts(
    tx: Transaction,
    names: list[str],
    now: datetime,
    allow_new_close: bool = False,
    *,
    when: datetime | None = None,
) -> list[int]:
    """Contact ids for *names* (credit_helpers without the names created)."""
    ids, _created = credit_helpers(tx, names, now, when=when, allow_new_close=allow_new_close)
    return ids


# --------------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------------


def _find_link(links: Sequence[Link], a: int, b: int) -> Link | None:
    """The a–b link in either direction, if any."""
    for link in links:
        if {int(link["a"]), int(link["b"])} == {a, b}:
            return link
    return None


def _upsert_link(tx: Transaction, a: int, b: int, strength: int | None, note: str) -> Link:
    """Create the a–b link (strength default 3), or update an existing one (either direction):
    its strength only when *strength* is given, its note only when *note* is."""
    link = _find_link(tx.links(), a, b)
    if link is not None:
        changes: dict[str, Any] = {}
        if strength is not None:
            changes["strength"] = strength
        if note:
            changes["note"] = note
        return cast(Link, tx.update("links", int(link["id"]), changes) if changes else link)
    record: Link = {"a": a, "b": b, "strength": strength or DEFAULT_STRENGTH, "note": note}
    record["id"] = int(tx.insert("links", record))
    return record


def add_contact(
    tx: Transaction,
    name: str,
    now: datetime,
    *,
    kind: str = "colleague",
    org: str | None = None,
    specialties: list[str] | None = None,
    email: str | None = None,
    phone: str | None = None,
    strength: int | None = None,
    met_at: str | None = None,
    note: str = "",
    via: str | None = None,
    new: bool = False,
) -> Contact:
    """Add a contact. With *via*, someone known only through that contact: no direct tie
    (strength null) and a link via–new instead, whose strength is *strength* (default 3).

    A name spelled like an existing one is refused; one that only looks like an existing one
    ('Zoe Jansen' next to 'Zoë Jansen', 'Ana de Vris') too, unless *new* says it is someone else.
    """
    contacts = tx.contacts()
    clean = _clean_name(name)
    _check_new_name(contacts, clean, new=new)
    kind = check_kind(kind, CONTACT_KINDS, "contact kind")
    _check_strength(strength)
    specs = dict(parse_specialty(s) for s in specialties or [])
    via_contact = resolve_contact(contacts, via) if via else None
    event = find_event(tx.events(), met_at) if met_at else None
    record = new_contact_record(
        clean,
        now,
        kind=kind,
        org=_short(org, _("organisation")),
        email=_check_email(email),
        phone=_check_phone(phone),
        specialties=specs,
        strength=None if via_contact else (strength or DEFAULT_STRENGTH),
        met_at=int(event["id"]) if event else None,
        notes=_note(note, _("note")),
        # Met at an event: that is when you last talked. Otherwise adding someone usually
        # follows a conversation, but we do not invent one: recency falls back to "created".
        last_contact=str(event["date"]) if event and not via_contact else None,
    )
    cid = record["id"] = int(tx.insert("contacts", record))
    if via_contact is not None:
        _upsert_link(
            tx, int(via_contact["id"]), cid, strength or DEFAULT_STRENGTH, _("added via contact")
        )
    if event is not None and not via_contact:
        met = [int(m) for m in event.get("met", [])]
        if cid not in met:
            tx.update("events", int(event["id"]), {"met": [*met, cid]})
    return record


def _check_new_name(contacts: Sequence[Contact], name: str, *, new: bool) -> None:
    """Refuse a name another contact is spelled with, and (unless *new*) one that looks like
    another's: a typo or a missing accent would otherwise make a second person."""
    same = spelled_alike(contacts, name)
    if same:
        raise InputError(_("contact '{name}' already exists", name=same[0]["name"]))
    lookalikes = [] if new else similar_names(contacts, name)
    if lookalikes:
        raise InputError(
            _(
                "'{name}' looks like existing contact {names}; use that name, or add --new "
                "if this is someone else",
                name=name,
                names=" or ".join(f"'{n}'" for n in lookalikes),
            )
        )


def _contains(contact: Contact, needle: str) -> bool:
    """Search every field, not only names (Monica #2590): org, notes, email, specialties…"""
    parts: list[str] = []
    for key, value in contact.items():
        if key == "id":
            continue
        if isinstance(value, dict):
            parts.extend(str(k) for k in value)
        elif value is not None:
            parts.append(str(value))
    haystack = fold(" ".join(parts)).replace("_", " ")
    return fold(needle).replace("_", " ") in haystack


def list_contacts(
    contacts: Sequence[Contact],
    *,
    kind: str | None = None,
    skill: str | None = None,
    org: str | None = None,
    contains: str | None = None,
) -> list[Contact]:
    """Contacts matching every filter given, sorted by name."""
    wanted_kind = check_kind(kind, CONTACT_KINDS, "contact kind") if kind else None
    wanted_skill = validate_skill(skill) if skill else None
    out = []
    for contact in contacts:
        if wanted_kind and contact.get("kind") != wanted_kind:
            continue
        if wanted_skill and wanted_skill not in (contact.get("specialties") or {}):
            continue
        if org and fold(org) not in fold(str(contact.get("org") or "")):
            continue
        if contains and not _contains(contact, contains):
            continue
        out.append(contact)
    return sorted(out, key=lambda c: fold(str(c.get("name", ""))))


def contact_details(
    contact: Contact,
    contacts: Sequence[Contact],
    links: Sequence[Link],
    interactions: Sequence[Interaction],
    wins: Sequence[Win],
    events: Sequence[Event],
) -> dict[str, Any]:
    """Everything `contact show` needs: the record plus links, recent interactions, help count."""
    cid = int(contact["id"])
    by_id = {int(c["id"]): c for c in contacts}
    knows = []
    for link in links:
        a, b = int(link["a"]), int(link["b"])
        if cid in (a, b):
            other = by_id.get(b if a == cid else a)
            if other is not None:
                knows.append(
                    {
                        "name": other["name"],
                        "strength": link.get("strength"),
                        "note": link.get("note", ""),
                    }
                )
    mine = sorted(
        (i for i in interactions if int(i["contact"]) == cid),
        key=lambda i: str(i["when"]),
        reverse=True,
    )
    helped = [w for w in wins if cid in [int(h) for h in w.get("helped_by") or []]]
    event_id = contact.get("met_at")
    met_at = next((e for e in events if event_id is not None and e["id"] == int(event_id)), None)
    return {
        **contact,
        "knows": sorted(knows, key=lambda k: fold(str(k["name"]))),
        "interactions": mine[:10],
        "helped_count": len(helped),
        "last_helped": max((str(w["when"])[:10] for w in helped), default=None),
        "met_at_event": met_at,
    }


def edit_contact(
    tx: Transaction,
    name: str,
    *,
    new_name: str | None = None,
    kind: str | None = None,
    org: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    add_specialties: list[str] | None = None,
    remove_specialties: list[str] | None = None,
    strength: int | None = None,
    note: str | None = None,
    do_not_ask: bool | None = None,
    share: str | None = None,
    away_until: date | None = None,
    back: bool = False,
) -> Contact:
    """Change the given fields of a contact; None means "leave as is". *away_until* marks them
    away up to and including that day (`ask` shows them below the others); *back* clears it.

    *share* is what the team card may carry: "card" (name, org, specialties), "details" (also
    e-mail, phone and notes) or "no"."""
    contacts = tx.contacts()
    contact = resolve_contact(contacts, name)
    cid = int(contact["id"])
    changes: dict[str, Any] = {}
    if new_name is not None:
        clean = _clean_name(new_name)
        others = [c for c in contacts if int(c["id"]) != cid]
        _check_new_name(others, clean, new=True)
        changes["name"] = clean
    if kind is not None:
        changes["kind"] = check_kind(kind, CONTACT_KINDS, "contact kind")
    if org is not None:
        changes["org"] = _short(org, _("organisation"))
    if email is not None:
        changes["email"] = _check_email(email)
    if phone is not None:
        changes["phone"] = _check_phone(phone)
    if add_specialties or remove_specialties:
        specs = dict(contact.get("specialties") or {})
        for text in remove_specialties or []:
            specs.pop(validate_skill(text), None)
        for text in add_specialties or []:
            skill, level = parse_specialty(text)
            specs[skill] = level
        changes["specialties"] = specs
    if strength is not None:
        changes["strength"] = _check_strength(strength)
    if note is not None:
        changes["notes"] = _note(note, _("note"))
    if do_not_ask is not None:
        changes["do_not_ask"] = bool(do_not_ask)
    if share is not None:
        changes["share"] = check_kind(share, SHARE_LEVELS, "share")
    if away_until is not None and back:
        raise InputError(_("give a day to be away until, or 'none', not both"))
    if away_until is not None:
        changes["away_until"] = away_until.isoformat()
    elif back:
        changes["away_until"] = None
    if not changes:
        raise InputError(_("nothing to change for '{name}'", name=contact["name"]))
    return cast(Contact, tx.update("contacts", cid, changes))


def remove_contact(tx: Transaction, name: str) -> dict[str, Any]:
    """Remove a contact and every reference to it, in the caller's one transaction.

    Wins keep their text but drop the id from helped_by; links, interactions and events' "met"
    lists lose it too; contacts known only through it keep their record (they just lose the path).
    Returns counts of what was touched.
    """
    contact = resolve_contact(tx.contacts(), name)
    cid = int(contact["id"])
    touched = {"wins": 0, "links": 0, "interactions": 0, "events": 0}
    for win in tx.wins():
        helpers = [int(h) for h in win.get("helped_by") or []]
        if cid in helpers:
            tx.update("wins", int(win["id"]), {"helped_by": [h for h in helpers if h != cid]})
            touched["wins"] += 1
    for link in tx.links():
        if cid in (int(link["a"]), int(link["b"])):
            tx.remove("links", int(link["id"]))
            touched["links"] += 1
    for inter in tx.interactions():
        if int(inter["contact"]) == cid:
            tx.remove("interactions", int(inter["id"]))
            touched["interactions"] += 1
    for event in tx.events():
        met = [int(m) for m in event.get("met") or []]
        if cid in met:
            tx.update("events", int(event["id"]), {"met": [m for m in met if m != cid]})
            touched["events"] += 1
    tx.remove("contacts", cid)
    return {"contact": contact, **touched}


def touch_contact(
    tx: Transaction,
    name: str,
    now: datetime,
    *,
    kind: str = "chat",
    note: str = "",
    when: datetime | None = None,
) -> dict[str, Any]:
    """Log an interaction with a known contact (see _log_interaction)."""
    contact = resolve_contact(tx.contacts(), name)
    kind = check_kind(kind, INTERACTION_KINDS, "interaction kind")
    at = when or now
    if at.date() > now.date():
        raise InputError(
            _("an interaction cannot be in the future ({day})", day=at.date().isoformat())
        )
    check_day(at.date())
    clean = _note(note, _("note"))
    iid = _log_interaction(tx, contact, at, kind, clean)
    return {
        "contact": int(contact["id"]),
        "when": at.isoformat(timespec="seconds"),
        "kind": kind,
        "note": clean,
        "id": iid,
        "name": contact["name"],
        "last_contact": contact["last_contact"],
    }


def link_contacts(
    tx: Transaction, a: str, b: str, *, strength: int | None = None, note: str = ""
) -> dict[str, Any]:
    """Record that A knows B (undirected), strength default 3. Linking a linked pair again
    changes only what is given: the strength is kept unless *strength* is set."""
    _check_strength(strength)
    contacts = tx.contacts()
    ca = resolve_contact(contacts, a)
    cb = resolve_contact(contacts, b)
    if int(ca["id"]) == int(cb["id"]):
        raise InputError(_("cannot link '{name}' to themselves", name=ca["name"]))
    clean = _note(note, _("note"))
    link = _upsert_link(tx, int(ca["id"]), int(cb["id"]), strength, clean)
    return {
        "id": link["id"],
        "a": ca["name"],
        "b": cb["name"],
        "strength": link["strength"],
        "note": link.get("note", ""),
    }


def _merged_notes(a: str, b: str) -> str:
    if not b or b == a:
        return a
    return f"{a}\n{b}" if a else b


def _merged_record(keep: Contact, gone: Contact) -> dict[str, Any]:
    """The changes to *keep* that take in what only *gone* had: its fields where *keep* has
    none, every specialty at the higher level, the stronger tie, the later last contact."""
    changes: dict[str, Any] = {}
    for key in ("org", "email", "phone", "met_at", "share"):
        if keep.get(key) is None and gone.get(key) is not None:
            changes[key] = gone.get(key)
    specs = dict(keep.get("specialties") or {})
    for skill, level in (gone.get("specialties") or {}).items():
        specs[skill] = max(level, specs.get(skill, 0))
    if specs != (keep.get("specialties") or {}):
        changes["specialties"] = specs
    strengths = [s for s in (keep.get("strength"), gone.get("strength")) if s is not None]
    if strengths and max(strengths) != keep.get("strength"):
        changes["strength"] = max(strengths)
    for key in ("last_contact", "away_until"):  # one person: the later day is true of them
        days = [str(d) for d in (keep.get(key), gone.get(key)) if d]
        if days and max(days) != keep.get(key):
            changes[key] = max(days)
    notes = _merged_notes(keep.get("notes") or "", gone.get("notes") or "")
    if notes != (keep.get("notes") or ""):
        changes["notes"] = check_text(notes, _("note"), LONG_TEXT, multiline=True)
    if gone.get("do_not_ask") and not keep.get("do_not_ask"):
        changes["do_not_ask"] = True  # either record said so: still true of the person
    if str(gone.get("created") or "") < str(keep.get("created") or ""):
        changes["created"] = gone["created"]
    return changes


def merge_contacts(tx: Transaction, keep_name: str, gone_name: str) -> dict[str, Any]:
    """Merge contact *gone_name* into *keep_name* in the caller's one transaction: its wins,
    links, interactions and events move over, its details fill the gaps, then it is removed.

    Two links to the same person become one (the stronger); a link between the two goes.
    Returns the kept record, the removed one and counts of what moved.
    """
    contacts = tx.contacts()
    keep = resolve_contact(contacts, keep_name)
    gone = resolve_contact(contacts, gone_name)
    kid, gid = int(keep["id"]), int(gone["id"])
    if kid == gid:
        raise InputError(_("cannot merge '{name}' with themselves", name=keep["name"]))
    moved = {"wins": 0, "links": 0, "interactions": 0, "events": 0}
    for win in tx.wins():
        helpers = [int(h) for h in win.get("helped_by") or []]
        if gid in helpers:
            merged = list(dict.fromkeys(kid if h == gid else h for h in helpers))
            tx.update("wins", int(win["id"]), {"helped_by": merged})
            moved["wins"] += 1
    for link in tx.links():
        ends = (int(link["a"]), int(link["b"]))
        if gid not in ends:
            continue
        moved["links"] += 1
        other = ends[1] if ends[0] == gid else ends[0]
        twin = _find_link(tx.links(), kid, other)
        if other == kid:
            tx.remove("links", int(link["id"]))
        elif twin is not None:
            tx.update(
                "links",
                int(twin["id"]),
                {
                    "strength": max(int(twin["strength"]), int(link["strength"])),
                    "note": _merged_notes(twin.get("note", ""), link.get("note", "")),
                },
            )
            tx.remove("links", int(link["id"]))
        else:
            end = "a" if ends[0] == gid else "b"
            tx.update("links", int(link["id"]), {end: kid})
    for inter in tx.interactions():
        if int(inter["contact"]) == gid:
            tx.update("interactions", int(inter["id"]), {"contact": kid})
            moved["interactions"] += 1
    for event in tx.events():
        met = [int(m) for m in event.get("met") or []]
        if gid in met:
            merged = list(dict.fromkeys(kid if m == gid else m for m in met))
            tx.update("events", int(event["id"]), {"met": merged})
            moved["events"] += 1
    changes = _merged_record(keep, gone)
    tx.remove("contacts", gid)
    record = cast(Contact, tx.update("contacts", kid, changes) if changes else keep)
    return {"contact": record, "removed": gone, **moved}
