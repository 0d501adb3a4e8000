"""The stored records, one TypedDict per table (DESIGN.md "Records").

Fields every writer sets are required; ``id`` is not, because a record has none until the store
inserts it (every record read from the store carries its ``id``). Dates and moments are ISO-8601
strings, exactly as stored.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

__all__ = ["Win", "Contact", "Link", "Interaction", "Event", "LearningEntry", "Kudos", "Profile"]


class Win(TypedDict):
    """A solved problem; stored in the month shard of its ``when``."""

    id: NotRequired[int]
    when: str  # moment with UTC offset
    problem: str
    solution: str | None
    skills: list[str]  # skill ids
    skills_source: str  # "manual" (set by hand, teaches the tagger) or "auto"
    minutes: int | None
    helped_by: list[int]  # contact ids
    ticket: str | None
    source: str  # "manual" or the import format
    tags: list[str]
    escalated: bool
    terms: NotRequired[dict[str, Any]]  # derived search terms (core.text.win_terms)
    # Optional, absent unless set. requester (log --for): the end user or department it was
    # for, personal data like contacts (left out of exports unless asked). solution_plain
    # (--for-user): the solution explained in plain words for the end user.
    requester: NotRequired[str | None]
    solution_plain: NotRequired[str | None]
    created: NotRequired[str]
    updated: NotRequired[str]


class Contact(TypedDict):
    id: NotRequired[int]
    name: str
    kind: str  # colleague / vendor / trainer / community
    org: str | None
    email: str | None
    phone: str | None
    specialties: dict[str, int]  # skill id -> level 1-5
    strength: int | None  # tie 1-5; None when known only through a link
    met_at: int | None  # event id
    notes: str
    last_contact: str | None  # date
    do_not_ask: bool
    created: str
    away_until: NotRequired[str | None]  # day: away (leave, course) up to and including it
    share: NotRequired[str]  # team card: "card" (name, org, specialties) or "details" (+ contact)


class Link(TypedDict):
    """Contact ``a`` knows contact ``b``."""

    id: NotRequired[int]
    a: int
    b: int
    strength: int
    note: str


class Interaction(TypedDict):
    id: NotRequired[int]
    contact: int
    when: str
    kind: str  # asked / helped / met / chat
    note: str


class Event(TypedDict):
    id: NotRequired[int]
    name: str
    kind: str  # vendor / training / meetup / conference
    date: str
    skills: list[str]
    met: list[int]  # contact ids


class LearningEntry(TypedDict):
    id: NotRequired[int]
    when: str
    kind: str  # blog / course / lab / side-project / certification / reading / event
    title: str
    skills: list[str]
    minutes: int | None
    url: str | None


# Functional form: "from" is a keyword.
Kudos = TypedDict(
    "Kudos",
    {"id": NotRequired[int], "when": str, "from": str | None, "note": str, "win": int | None},
)


class Profile(TypedDict):
    """The profile with its defaults filled in (the store fills them on read)."""

    started: str | None  # date
    role: str | None
    target_minutes: int
    track: str | None
    lang: str
    name: NotRequired[str | None]  # the name teammates see on the team card
    agent_id: NotRequired[str]  # the team card's stable id (uuid4 hex), set once by team init
