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
from growthdesk.core.records import Contact, Event
from growthdesk.core.text import SHORT_TEXT, check_text, fold
from growthdesk.network.contacts import (
    DEFAULT_LEVEL,
    WEAK_TIE,
    check_kind,
    meet,
    new_contact_record,
)
from growthdesk.skills.validate import validate_skill

if TYPE_CHECKING:
    from growthdesk.store import Transaction

__all__ = ["EVENT_KINDS", "add_event", "list_events"]

EVENT_KINDS: tuple[str, ...] = ("vendor", "training", "meetup", "conference")
_KIND_FOR_EVENT = {
    "vendor": "vendor",
    "training": "trainer",
    "meetup": "community",
    "conference": "community",
}


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
    title = check_text(" ".join(name.split()), _("event name"), SHORT_TEXT)
    if not title:
        raise InputError(_("an event needs a name"))
    check_day(day)
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
    skill_ids = list(dict.fromkeys(validate_skill(s) for s in skills or []))
    for event in tx.events():
        if (
            fold(str(event.get("name", ""))) == fold(title)
            and str(event.get("date")) == day.isoformat()
        ):
            raise InputError(
                _("event '{name}' on {day} already exists", name=event["name"], day=day)
            )
    record: Event = {
        "name": title,
        "kind": kind,
        "date": day.isoformat(),
        "skills": skill_ids,
        "met": [],
    }
    eid = int(tx.insert("events", record))
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

    noon = datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo).replace(hour=12)
    met_ids, created = meet(
        tx,
        met,
        noon,
        kind="met",
        note=title,
        new_record=new_record,
        allow_new_close=allow_new_close,
        new=allow_new_close,  # --new: like `log --new`, a look-alike name is someone else
        met_at=eid,
    )
    tx.update("events", eid, {"met": met_ids})
    return {"id": eid, **record, "met": met_ids, "created": created}


def list_events(events: Sequence[Event], contacts: Sequence[Contact]) -> list[dict[str, Any]]:
    """Events newest first, with the names of the people met."""
    by_id = {int(c["id"]): c["name"] for c in contacts}
    out = []
    for event in sorted(events, key=lambda e: (str(e.get("date", "")), int(e["id"])), reverse=True):
        out.append({**event, "met_names": [by_id[m] for m in event.get("met") or [] if m in by_id]})
    return out
