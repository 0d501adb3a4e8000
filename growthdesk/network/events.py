"""Events: vendor days, trainings, meetups and conferences, and the people met there.

People met at an event are matched to known contacts (or created as weak ties) and get a "met"
interaction, like helpers of a win do (growthdesk.network.contacts.meet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from growthdesk.core.dates import check_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Event, Interaction
from growthdesk.core.text import SHORT_TEXT, check_text, fold
from growthdesk.network.contacts import (
    DEFAULT_LEVEL,
    WEAK_TIE,
    check_kind,
    meet,
    new_contact_record,
)
from growthdesk.network.lookup import find_event, match_contact
from growthdesk.skills.validate import validate_skill

if TYPE_CHECKING:
    from growthdesk.store import Transaction

__all__ = ["EVENT_KINDS", "add_event", "edit_event", "remove_events", "list_events", "upcoming"]

EVENT_KINDS: tuple[str, ...] = ("vendor", "training", "meetup", "conference")
_KIND_FOR_EVENT = {
    "vendor": "vendor",
    "training": "trainer",
    "meetup": "community",
    "conference": "community",
}


def _title(name: str) -> str:
    title = check_text(" ".join(name.split()), _("event name"), SHORT_TEXT)
    if not title:
        raise InputError(_("an event needs a name"))
    return title


def _check_met(title: str, day: date, met: Sequence[object], now: datetime) -> None:
    """A future event may be planned, but nobody can have been met there yet."""
    if met and day > now.date():
        raise InputError(
            _(
                "event '{name}' is on {day}, in the future: you cannot have met anyone there yet",
                name=title,
                day=day,
            )
        )


def _check_unique(tx: Transaction, title: str, day: date, *, own: int | None = None) -> None:
    for event in tx.events():
        if (
            int(event["id"]) != own
            and fold(str(event.get("name", ""))) == fold(title)
            and str(event.get("date")) == day.isoformat()
        ):
            raise InputError(
                _("event '{name}' on {day} already exists", name=event["name"], day=day)
            )


def _noon(day: date, now: datetime) -> datetime:
    """When the people met at an event are recorded as met: noon of its day."""
    return datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo).replace(hour=12)


def _meet_there(
    tx: Transaction,
    eid: int,
    names: list[str],
    now: datetime,
    *,
    title: str,
    kind: str,
    day: date,
    skill_ids: list[str],
    allow_new_close: bool,
) -> tuple[list[int], list[str]]:
    """People met at event *eid*: matched or created as weak ties, each with a "met" interaction."""
    # A vendor or trainer you meet there is presumably versed in what the event covered.
    taught = {s: DEFAULT_LEVEL for s in skill_ids[:3]} if kind in ("vendor", "training") else {}

    def new_record(person: str) -> Contact:
        return new_contact_record(
            person,
            now,
            kind=_KIND_FOR_EVENT[kind],
            strength=WEAK_TIE,
            met_at=eid,
            last_contact=day.isoformat(),
            specialties=dict(taught),
        )

    return meet(
        tx,
        names,
        _noon(day, now),
        kind="met",
        note=title,
        new_record=new_record,
        allow_new_close=allow_new_close,
        new=allow_new_close,  # --new: like `log --new`, a look-alike name is someone else
        met_at=eid,
    )


def add_event(
    tx: Transaction,
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
    title = _title(name)
    check_day(day)
    kind = check_kind(kind, EVENT_KINDS, "event kind")
    met = [m for m in (met or []) if m.strip()]
    _check_met(title, day, met, now)
    skill_ids = list(dict.fromkeys(validate_skill(s) for s in skills or []))
    _check_unique(tx, title, day)
    record: Event = {
        "name": title,
        "kind": kind,
        "date": day.isoformat(),
        "skills": skill_ids,
        "met": [],
    }
    eid = int(tx.insert("events", record))
    met_ids, created = _meet_there(
        tx,
        eid,
        met,
        now,
        title=title,
        kind=kind,
        day=day,
        skill_ids=skill_ids,
        allow_new_close=allow_new_close,
    )
    tx.update("events", eid, {"met": met_ids})
    return {"id": eid, **record, "met": met_ids, "created": created}


def _its_interactions(tx: Transaction, event: Event) -> list[Interaction]:
    """The "met" interactions the event recorded: its people, its name as note, on its day."""
    met = {int(m) for m in event.get("met") or []}
    return [
        i
        for i in tx.interactions()
        if int(i["contact"]) in met
        and i.get("kind") == "met"
        and i.get("note") == event.get("name")
        and str(i.get("when", ""))[:10] == str(event.get("date"))
    ]


def _forget(tx: Transaction, event: Event, contact_ids: set[int]) -> None:
    """Take back what the event recorded about these people: the interaction and "met at"."""
    eid = int(event["id"])
    for inter in _its_interactions(tx, event):
        if int(inter["contact"]) in contact_ids:
            tx.remove("interactions", int(inter["id"]))
    for contact in tx.contacts():
        if int(contact["id"]) in contact_ids and contact.get("met_at") == eid:
            tx.update("contacts", int(contact["id"]), {"met_at": None})


def edit_event(
    tx: Transaction,
    ref: str,
    now: datetime,
    *,
    name: str | None = None,
    kind: str | None = None,
    day: date | None = None,
    met: list[str] | None = None,
    skills: list[str] | None = None,
    allow_new_close: bool = False,
) -> dict[str, Any]:
    """Change an event (by name or '#id'), checked as on add, in the caller's transaction.

    *met* replaces the people met: newcomers get a "met" interaction, people dropped lose the
    one this event gave them. A new name or day moves the kept people's interactions with it.
    """
    event = find_event(tx.events(), ref)
    eid = int(event["id"])
    title = _title(name) if name is not None else str(event["name"])
    new_day = check_day(day) if day is not None else date.fromisoformat(str(event["date"]))
    new_kind = check_kind(kind, EVENT_KINDS, "event kind") if kind is not None else event["kind"]
    skill_ids = (
        list(dict.fromkeys(validate_skill(s) for s in skills))
        if skills is not None
        else list(event.get("skills") or [])
    )
    if name is None and kind is None and day is None and met is None and skills is None:
        raise InputError(_("nothing to change: give at least one option, e.g. --date DATE"))
    old_met = [int(m) for m in event.get("met") or []]
    names = [m for m in met if m.strip()] if met is not None else None
    _check_met(title, new_day, names if names is not None else old_met, now)
    _check_unique(tx, title, new_day, own=eid)
    contacts = tx.contacts()
    kept: list[int] = old_met
    newcomers: list[str] = []
    if names is not None:
        kept, newcomers = [], []
        for person in names:
            found = match_contact(
                contacts, person, allow_new_close=allow_new_close, new=allow_new_close
            )
            if found is not None and int(found["id"]) in old_met:
                if int(found["id"]) not in kept:
                    kept.append(int(found["id"]))
            else:
                newcomers.append(person)
        _forget(tx, event, set(old_met) - set(kept))
    if title != event["name"] or new_day.isoformat() != event["date"]:
        stamp = _noon(new_day, now).isoformat(timespec="seconds")
        for inter in _its_interactions(tx, event):
            if int(inter["contact"]) in kept:
                tx.update("interactions", int(inter["id"]), {"when": stamp, "note": title})
        for contact in contacts:
            if int(contact["id"]) in kept:
                # Moves forward, never back: an earlier day must not make a tie look older.
                later = max(str(contact.get("last_contact") or ""), new_day.isoformat())
                tx.update("contacts", int(contact["id"]), {"last_contact": later})
    added, created = _meet_there(
        tx,
        eid,
        newcomers,
        now,
        title=title,
        kind=new_kind,
        day=new_day,
        skill_ids=skill_ids,
        allow_new_close=allow_new_close,
    )
    met_ids = kept + [i for i in added if i not in kept]
    changes = {
        "name": title,
        "kind": new_kind,
        "date": new_day.isoformat(),
        "skills": skill_ids,
        "met": met_ids,
    }
    updated = tx.update("events", eid, changes)
    dropped = [m for m in old_met if m not in met_ids]
    return {**updated, "created": created, "dropped": dropped}


def remove_events(tx: Transaction, refs: Sequence[str]) -> list[dict[str, Any]]:
    """Remove events (by name or '#id') in the caller's transaction; an unknown one is an error
    before anything is removed, and an event named twice goes once.

    The people met there stay contacts; the "met" interactions each event recorded go with it,
    and nobody is "met at" it any more. Returns each event and how many people it touched.
    """
    found: dict[int, Event] = {}
    for ref in refs:
        event = find_event(tx.events(), ref)
        found.setdefault(int(event["id"]), event)
    out: list[dict[str, Any]] = []
    for eid, event in found.items():
        people = {int(m) for m in event.get("met") or []}
        people |= {int(c["id"]) for c in tx.contacts() if c.get("met_at") == eid}
        _forget(tx, event, people)
        tx.remove("events", eid)
        out.append({"event": event, "people": len(people)})
    return out


def list_events(
    events: Sequence[Event], contacts: Sequence[Contact], today: date | None = None
) -> list[dict[str, Any]]:
    """Events newest first (so those still to come lead), with the names of the people met.

    Given *today*, each event says in how many days it is ("in_days", negative: past).
    """
    by_id = {int(c["id"]): c["name"] for c in contacts}
    out = []
    for event in sorted(events, key=lambda e: (str(e.get("date", "")), int(e["id"])), reverse=True):
        row = {**event, "met_names": [by_id[m] for m in event.get("met") or [] if m in by_id]}
        if today is not None:
            row["in_days"] = _days_until(event, today)
        out.append(row)
    return out


def _days_until(event: Event, today: date) -> int | None:
    try:
        return (date.fromisoformat(str(event.get("date"))) - today).days
    except ValueError:
        return None


def upcoming(events: Sequence[Event], today: date, *, limit: int = 3) -> list[dict[str, Any]]:
    """The next events from *today* on, soonest first: {id, name, kind, date, in_days}."""
    ahead = [(e, _days_until(e, today)) for e in events]
    soon = sorted(
        ((e, n) for e, n in ahead if n is not None and n >= 0),
        key=lambda pair: (pair[1], int(pair[0]["id"])),
    )
    return [
        {"id": e["id"], "name": e["name"], "kind": e["kind"], "date": e["date"], "in_days": n}
        for e, n in soon[:limit]
    ]
