"""Contacts and events: the people you can ask, and where you met them.

Pure domain code: functions take a store transaction (``tx``) or plain lists of dicts and raise
GrowthdeskError subclasses. Never prints, never imports click/rich/networkx.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.names import close_matches, did_you_mean, fold
from growthdesk.skills.ids import validate_skill

__all__ = [
    "AmbiguousNameError",
    "CONTACT_KINDS",
    "INTERACTION_KINDS",
    "find_contact",
    "resolve_contact",
    "similar_names",
    "ensure_contacts",
    "new_contact_record",
    "EVENT_KINDS",
    "validate_skill",
    "parse_specialty",
    "check_strength",
    "find_event",
    "add_contact",
    "list_contacts",
    "contact_details",
    "edit_contact",
    "remove_contact",
    "touch_contact",
    "link_contacts",
    "add_event",
    "list_events",
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


def _prefix_matches(contacts: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Contacts whose name starts with *name* as whole words: 'ana' -> 'Ana de Vries'."""
    key = fold(name)
    if not key:
        return []
    return [c for c in contacts if fold(str(c.get("name", ""))).startswith(key + " ")]


def resolve_contact(contacts: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The contact called *name*: exact (case/accent-insensitive), else the one contact whose
    name starts with it ('ana' for 'Ana de Vries'). Unknown or ambiguous names are errors with
    "did you mean"."""
    found = find_contact(contacts, name)
    if found is not None:
        return found
    prefixed = _prefix_matches(contacts, name)
    if len(prefixed) == 1:
        return prefixed[0]
    names = [str(c.get("name", "")) for c in contacts]
    hits = [str(c["name"]) for c in prefixed] or close_matches(name, names)
    if hits:
        raise AmbiguousNameError(name, hits)
    raise NotFoundError(_("unknown contact '{name}'", name=name))


def similar_names(contacts: list[dict[str, Any]], name: str) -> list[str]:
    """Existing names that look like *name* (for a warning when adding a near-duplicate)."""
    return [n for n in close_matches(name, _names(contacts)) if fold(n) != fold(name)]


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


def _existing_or_new(
    contacts: list[dict[str, Any]], name: str, allow_new_close: bool
) -> dict[str, Any] | None:
    """The contact *name* means (exact, then a unique first-name prefix), or None for someone
    new. A new name that looks like a known one is probably a typo: AmbiguousNameError, unless
    the user already said it is someone else (*allow_new_close*)."""
    found = find_contact(contacts, name)
    if found is not None:
        return found
    prefixed = _prefix_matches(contacts, name)
    if len(prefixed) == 1:
        return prefixed[0]
    hits = [str(c["name"]) for c in prefixed] or close_matches(name, _names(contacts))
    if hits and not allow_new_close:
        raise AmbiguousNameError(name, hits)
    return None


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
        found = _existing_or_new(contacts, name, allow_new_close)
        if found is None:
            record = new_contact_record(name, now, last_contact=now.date().isoformat())
            cid = int(tx.insert("contacts", record))
            contacts.append({**record, "id": cid})
        else:
            cid = int(found["id"])
            if cid in ids:
                continue
            day = _later_day(found.get("last_contact"), now.date())
            changes: dict[str, Any] = {"last_contact": day}
            if found.get("strength") is None:
                # They helped you in person: a direct (weak) tie now, not only "via" someone.
                changes["strength"] = EVENT_TIE
            tx.update("contacts", cid, changes)
            found.update(changes)
        if cid in ids:
            continue
        ids.append(cid)
        tx.insert("interactions", {"contact": cid, "when": when, "kind": "helped", "note": ""})
    return ids


# --------------------------------------------------------------------------------------------
# Validation helpers
# --------------------------------------------------------------------------------------------

EVENT_KINDS: tuple[str, ...] = ("vendor", "training", "meetup", "conference")
DEFAULT_LEVEL = 3


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


def check_strength(strength: int | None, what: str = "strength") -> int | None:
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


def _names(contacts: list[dict[str, Any]]) -> list[str]:
    return [str(c.get("name", "")) for c in contacts]


def _iso(now: datetime) -> str:
    return now.isoformat(timespec="seconds")


def find_event(events: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """An event by name (case/accent-insensitive; newest if repeated) or by '#id'/number."""
    text = name.strip().lstrip("#")
    if text.isdigit():
        for event in events:
            if int(event["id"]) == int(text):
                return event
    key = fold(name)
    hits = [e for e in events if fold(str(e.get("name", ""))) == key]
    if hits:
        return max(hits, key=lambda e: (str(e.get("date", "")), int(e["id"])))
    hint = did_you_mean(name, [str(e.get("name", "")) for e in events])
    raise NotFoundError(_("unknown event '{name}'.", name=name) + hint)


# --------------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------------


def _upsert_link(tx: Any, a: int, b: int, strength: int, note: str) -> int:
    """Create the a–b link, or update it when the pair is already linked (either direction)."""
    for link in tx.all("links"):
        if {int(link["a"]), int(link["b"])} == {a, b}:
            changes: dict[str, Any] = {"strength": strength}
            if note:
                changes["note"] = note
            tx.update("links", int(link["id"]), changes)
            return int(link["id"])
    return int(tx.insert("links", {"a": a, "b": b, "strength": strength, "note": note}))


def add_contact(
    tx: Any,
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
) -> dict[str, Any]:
    """Add a contact. With *via*, someone known only through that contact: no direct tie
    (strength null) and a link via–new instead, whose strength is *strength* (default 3)."""
    contacts = list(tx.all("contacts"))
    clean = _clean_name(name)
    existing = find_contact(contacts, clean)
    if existing is not None:
        raise InputError(_("contact '{name}' already exists", name=existing["name"]))
    kind = check_kind(kind, CONTACT_KINDS, "contact kind")
    check_strength(strength)
    specs = dict(parse_specialty(s) for s in specialties or [])
    via_contact = resolve_contact(contacts, via) if via else None
    event = find_event(list(tx.all("events")), met_at) if met_at else None
    record = new_contact_record(
        clean,
        now,
        kind=kind,
        org=(org or "").strip() or None,
        email=(email or "").strip() or None,
        phone=(phone or "").strip() or None,
        specialties=specs,
        strength=None if via_contact else (strength or DEFAULT_STRENGTH),
        met_at=int(event["id"]) if event else None,
        notes=note.strip(),
        # Met at an event: that is when you last talked. Otherwise adding someone usually
        # follows a conversation, but we do not invent one: recency falls back to "created".
        last_contact=str(event["date"]) if event and not via_contact else None,
    )
    cid = int(tx.insert("contacts", record))
    if via_contact is not None:
        _upsert_link(
            tx, int(via_contact["id"]), cid, strength or DEFAULT_STRENGTH, _("added via contact")
        )
    if event is not None and not via_contact:
        met = [int(m) for m in event.get("met", [])]
        if cid not in met:
            tx.update("events", int(event["id"]), {"met": [*met, cid]})
    return {**record, "id": cid}


def _contains(contact: dict[str, Any], needle: str) -> bool:
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
    contacts: list[dict[str, Any]],
    *,
    kind: str | None = None,
    skill: str | None = None,
    org: str | None = None,
    contains: str | None = None,
) -> list[dict[str, Any]]:
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
    contact: dict[str, Any],
    contacts: list[dict[str, Any]],
    links: list[dict[str, Any]],
    interactions: list[dict[str, Any]],
    wins: list[dict[str, Any]],
    events: list[dict[str, Any]],
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
    met_at = None
    if contact.get("met_at") is not None:
        met_at = next((e for e in events if int(e["id"]) == int(contact["met_at"])), None)
    return {
        **contact,
        "knows": sorted(knows, key=lambda k: fold(str(k["name"]))),
        "interactions": mine[:10],
        "helped_count": len(helped),
        "last_helped": max((str(w["when"])[:10] for w in helped), default=None),
        "met_at_event": met_at,
    }


def edit_contact(
    tx: Any,
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
) -> dict[str, Any]:
    """Change the given fields of a contact; None means "leave as is"."""
    contacts = list(tx.all("contacts"))
    contact = resolve_contact(contacts, name)
    cid = int(contact["id"])
    changes: dict[str, Any] = {}
    if new_name is not None:
        clean = _clean_name(new_name)
        clash = find_contact(contacts, clean)
        if clash is not None and int(clash["id"]) != cid:
            raise InputError(_("contact '{name}' already exists", name=clash["name"]))
        changes["name"] = clean
    if kind is not None:
        changes["kind"] = check_kind(kind, CONTACT_KINDS, "contact kind")
    if org is not None:
        changes["org"] = org.strip() or None
    if email is not None:
        changes["email"] = email.strip() or None
    if phone is not None:
        changes["phone"] = phone.strip() or None
    if add_specialties or remove_specialties:
        specs = dict(contact.get("specialties") or {})
        for text in remove_specialties or []:
            specs.pop(validate_skill(text), None)
        for text in add_specialties or []:
            skill, level = parse_specialty(text)
            specs[skill] = level
        changes["specialties"] = specs
    if strength is not None:
        changes["strength"] = check_strength(strength)
    if note is not None:
        changes["notes"] = note.strip()
    if do_not_ask is not None:
        changes["do_not_ask"] = bool(do_not_ask)
    if not changes:
        raise InputError(_("nothing to change for '{name}'", name=contact["name"]))
    return dict(tx.update("contacts", cid, changes))


def remove_contact(tx: Any, name: str) -> dict[str, Any]:
    """Remove a contact and every reference to it, in the caller's one transaction.

    Wins keep their text but drop the id from helped_by; links, interactions and events' "met"
    lists lose it too; contacts known only through it keep their record (they just lose the path).
    Returns counts of what was touched.
    """
    contact = resolve_contact(list(tx.all("contacts")), name)
    cid = int(contact["id"])
    touched = {"wins": 0, "links": 0, "interactions": 0, "events": 0}
    for win in tx.all("wins"):
        helpers = [int(h) for h in win.get("helped_by") or []]
        if cid in helpers:
            tx.update("wins", int(win["id"]), {"helped_by": [h for h in helpers if h != cid]})
            touched["wins"] += 1
    for link in tx.all("links"):
        if cid in (int(link["a"]), int(link["b"])):
            tx.remove("links", int(link["id"]))
            touched["links"] += 1
    for inter in tx.all("interactions"):
        if int(inter["contact"]) == cid:
            tx.remove("interactions", int(inter["id"]))
            touched["interactions"] += 1
    for event in tx.all("events"):
        met = [int(m) for m in event.get("met") or []]
        if cid in met:
            tx.update("events", int(event["id"]), {"met": [m for m in met if m != cid]})
            touched["events"] += 1
    tx.remove("contacts", cid)
    return {"contact": contact, **touched}


def touch_contact(
    tx: Any,
    name: str,
    now: datetime,
    *,
    kind: str = "chat",
    note: str = "",
    when: datetime | None = None,
) -> dict[str, Any]:
    """Log an interaction; last_contact moves forward (never back) to its day."""
    contact = resolve_contact(list(tx.all("contacts")), name)
    kind = check_kind(kind, INTERACTION_KINDS, "interaction kind")
    at = when or now
    if at.date() > now.date():
        raise InputError(
            _("an interaction cannot be in the future ({day})", day=at.date().isoformat())
        )
    record = {"contact": int(contact["id"]), "when": _iso(at), "kind": kind, "note": note.strip()}
    iid = int(tx.insert("interactions", record))
    day = _later_day(contact.get("last_contact"), at.date())
    changes: dict[str, Any] = {"last_contact": day}
    if contact.get("strength") is None:
        changes["strength"] = EVENT_TIE  # talked directly: no longer known only via someone
    tx.update("contacts", int(contact["id"]), changes)
    return {**record, "id": iid, "name": contact["name"], "last_contact": day}


def link_contacts(
    tx: Any, a: str, b: str, *, strength: int = DEFAULT_STRENGTH, note: str = ""
) -> dict[str, Any]:
    """Record that A knows B (undirected). Linking an existing pair updates strength/note."""
    check_strength(strength)
    contacts = list(tx.all("contacts"))
    ca = resolve_contact(contacts, a)
    cb = resolve_contact(contacts, b)
    if int(ca["id"]) == int(cb["id"]):
        raise InputError(_("cannot link '{name}' to themselves", name=ca["name"]))
    lid = _upsert_link(tx, int(ca["id"]), int(cb["id"]), strength, note.strip())
    return {"id": lid, "a": ca["name"], "b": cb["name"], "strength": strength, "note": note.strip()}


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------

# People first met at an event: a weak tie until you talk again.
EVENT_TIE = 2
_KIND_FOR_EVENT = {
    "vendor": "vendor",
    "training": "trainer",
    "meetup": "community",
    "conference": "community",
}


def add_event(
    tx: Any,
    name: str,
    now: datetime,
    *,
    kind: str,
    day: date,
    met: list[str] | None = None,
    skills: list[str] | None = None,
    allow_new_close: bool = False,
) -> dict[str, Any]:
    """Record an event; people met are linked (or created as weak ties) and get a "met" interaction.

    A future event may be planned, but nobody can have been met there yet: refused.
    """
    title = " ".join(name.split())
    if not title:
        raise InputError(_("an event needs a name"))
    kind = check_kind(kind, EVENT_KINDS, "event kind")
    met = [m for m in (met or []) if m.strip()]
    if met and day > now.date():
        raise InputError(
            _(
                "event '{name}' is on {day}, in the future: you cannot have met anyone there yet",
                name=title,
                day=day,
            )
        )
    skill_ids: list[str] = []
    for s in skills or []:
        sid = validate_skill(s)
        if sid not in skill_ids:
            skill_ids.append(sid)
    for event in tx.all("events"):
        if (
            fold(str(event.get("name", ""))) == fold(title)
            and str(event.get("date")) == day.isoformat()
        ):
            raise InputError(
                _("event '{name}' on {day} already exists", name=event["name"], day=day)
            )
    eid = int(
        tx.insert(
            "events",
            {"name": title, "kind": kind, "date": day.isoformat(), "skills": skill_ids, "met": []},
        )
    )
    contacts = list(tx.all("contacts"))
    met_ids: list[int] = []
    created: list[str] = []
    when = datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo).replace(hour=12)
    for person in met:
        clean = _clean_name(person)
        found = _existing_or_new(contacts, clean, allow_new_close)
        if found is None:
            record = new_contact_record(
                clean,
                now,
                kind=_KIND_FOR_EVENT[kind],
                strength=EVENT_TIE,
                met_at=eid,
                last_contact=day.isoformat(),
                specialties={s: DEFAULT_LEVEL for s in skill_ids[:3]}
                if kind in ("vendor", "training")
                else {},
            )
            cid = int(tx.insert("contacts", record))
            found = {**record, "id": cid}
            contacts.append(found)
            created.append(clean)
        cid = int(found["id"])
        if cid in met_ids:
            continue
        met_ids.append(cid)
        tx.insert(
            "interactions", {"contact": cid, "when": _iso(when), "kind": "met", "note": title}
        )
        changes: dict[str, Any] = {"last_contact": _later_day(found.get("last_contact"), day)}
        if found.get("strength") is None:
            # You now know them yourself: no longer only "via" someone.
            changes["strength"] = EVENT_TIE
        if found.get("met_at") is None:
            changes["met_at"] = eid
        tx.update("contacts", cid, changes)
        found.update(changes)
    tx.update("events", eid, {"met": met_ids})
    return {
        "id": eid,
        "name": title,
        "kind": kind,
        "date": day.isoformat(),
        "skills": skill_ids,
        "met": met_ids,
        "created": created,
    }


def list_events(
    events: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Events newest first, with the names of the people met."""
    by_id = {int(c["id"]): c["name"] for c in contacts}
    out = []
    for event in sorted(events, key=lambda e: (str(e.get("date", "")), int(e["id"])), reverse=True):
        out.append({**event, "met_names": [by_id[m] for m in event.get("met") or [] if m in by_id]})
    return out
