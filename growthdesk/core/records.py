"""The stored records, one TypedDict per table (DESIGN.md "Records").

Fields every writer sets are required; ``id`` is not, because a record has none until the store
inserts it (every record read from the store carries its ``id``). Dates and moments are ISO-8601
strings, exactly as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NotRequired, TypedDict

from growthdesk.core.keys import key_id

__all__ = [
    "KEEP",
    "Win",
    "Contact",
    "Link",
    "Interaction",
    "Event",
    "LearningEntry",
    "Kudos",
    "Profile",
    "WIN_DEFAULTS",
    "WIN_ORDER",
    "pack_win",
    "unpack_win",
    "ROW_FIELDS",
    "fields_ok",
    "row_cells",
    "pack_row",
    "unpack_row",
    "unpack_rows",
]

# An edit argument that means "leave the field as it is", where None means "clear it".
KEEP: object = object()


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
    # Derived search terms (core.text.win_terms): stored before schema 5, never since (the
    # month summaries hold them); still read from older exports, and dropped on the way in.
    terms: NotRequired[dict[str, Any]]
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


# -- a win as stored: lean on disk, whole in memory ------------------------------------------------
#
# A month shard stores each win without what a reader can put back: fields at their default, the
# id (it is the record's key), "created" when it is the "when" and "updated" when it is the
# "created", and the derived search terms (the month summaries hold those). unpack_win is the
# one place that fills them in, in the order below, so every reader sees the whole record.

# Default of every field that is left out when it has it (compared by type and value: 0 is not
# False). Lists are copied per record: a reader's record must not share them with another.
WIN_DEFAULTS: dict[str, Any] = {
    "solution": None,
    "skills": [],
    "skills_source": "auto",
    "minutes": None,
    "helped_by": [],
    "ticket": None,
    "source": "manual",
    "tags": [],
    "escalated": False,
}
# The fields of a whole win in the order `log` writes them (and --json, export show them).
WIN_ORDER = (
    "when",
    "problem",
    "solution",
    "skills",
    "skills_source",
    "minutes",
    "helped_by",
    "ticket",
    "source",
    "tags",
    "escalated",
    "requester",
    "solution_plain",
    "created",
    "updated",
    "id",
)
_DERIVED = frozenset({"terms", "id"})  # never stored in a shard's record
_FIRST = {k: WIN_DEFAULTS.get(k) for k in WIN_ORDER[: WIN_ORDER.index("escalated") + 1]}
# Fields not in WIN_ORDER go before "created": unpack_win appends created, updated and id.
_PLACE = {k: i for i, k in enumerate(WIN_ORDER)}
_OTHER = _PLACE["created"] - 0.5


def _is_default(key: str, value: Any) -> bool:
    if key not in WIN_DEFAULTS:
        return False
    default = WIN_DEFAULTS[key]
    return type(value) is type(default) and value == default


def pack_win(win: Mapping[str, Any]) -> dict[str, Any]:
    """A whole win as its shard stores it (see above); unpack_win(str(id), it) gives it back.

    A win without "created" (or "updated") stores null for it, so that unpacking does not
    invent one."""
    when, created = win.get("when"), win.get("created")
    out: dict[str, Any] = {}
    for key in sorted(win, key=lambda k: _PLACE.get(k, _OTHER)):
        value = win[key]
        if key in _DERIVED or _is_default(key, value):
            continue
        if type(value) is str and (
            (key == "created" and value == when)
            or (key == "updated" and value == created and "created" in win)
        ):
            continue
        out[key] = value
    for key in ("created", "updated"):
        if key not in win:
            out[key] = None
    return out


def unpack_win(key: str, body: Mapping[str, Any], _first: Mapping[str, Any] = _FIRST) -> Any:
    """The whole win of one shard record *body* stored under *key* (its id), its defaults
    filled in WIN_ORDER. A record stored whole (before schema 5) comes back as it was.

    Every read of every win runs this: the usual record takes the first few lines only."""
    win = {**_first, **body}
    if "skills" not in body:
        win["skills"] = []
    if "helped_by" not in body:
        win["helped_by"] = []
    if "tags" not in body:
        win["tags"] = []
    if "id" in body:
        return win
    created = win.setdefault("created", win["when"])
    updated = win.setdefault("updated", created)
    if (
        created is None
        or updated is None
        or "when" not in body
        or "problem" not in body
        or ("updated" in body and "created" not in body)
    ):
        return _unpack_odd(key, body, win)
    win["id"] = key_id(key)
    return win


def _unpack_odd(key: str, body: Mapping[str, Any], win: dict[str, Any]) -> dict[str, Any]:
    """unpack_win of a record with a null marker, a "created" left out but not "updated", or
    (damage, for doctor to see) no "when" or "problem"."""
    for field in ("when", "problem"):
        if field not in body:
            del win[field]
    created = body.get("created", body.get("when"))
    updated = body.get("updated", created)
    win.pop("created", None)
    win.pop("updated", None)
    return _moments_and_id(win, key, created, updated)


def _moments_and_id(win: dict[str, Any], key: str, created: Any, updated: Any) -> dict[str, Any]:
    """*win* with "created", "updated" (when known) and "id" last, as every reader orders them."""
    if created is not None:
        win["created"] = created
    if updated is not None:
        win["updated"] = updated
    win["id"] = key_id(key)
    return win


# -- a win as a row: the shard names its fields once (schema 6) ----------------------------------
#
# A month shard holds {"fields": [...], "wins": {"47524": [value, ...], ...}}: each win a list of
# the values of the shard's fields, in order, the trailing ones left out where a reader can put
# them back (defaults as above; "created" that is the "when", "updated" that is the "created";
# requester and solution_plain absent). A null "created" or "updated" is one that is absent, as
# in the lean record. The shard names only the fields its rows need, always in ROW_FIELDS order.
#
# A row means exactly the lean record of its fields and values (in WIN_ORDER, as pack_win writes
# one; unpack_row is unpack_win of it, tests/test_rows.py):
# what a row cannot say (a field of a newer version, a requester absent before a solution_plain,
# no "when" or "problem") is stored as the lean record instead, which every shard may hold.

# WIN_ORDER without the id, but created and updated before requester and solution_plain: those
# two are absent unless set, which only a trailing cell can say.
ROW_FIELDS = (*WIN_ORDER[: WIN_ORDER.index("escalated") + 1], "created", "updated", "requester",
              "solution_plain")  # fmt: skip
_ROW_PLACE = {k: i for i, k in enumerate(ROW_FIELDS)}
_ROWABLE = frozenset(ROW_FIELDS) | _DERIVED
_ABSENT: Any = object()  # a cell only the end of a row can leave out


def fields_ok(fields: Any) -> bool:
    """Whether *fields* is a shard's field list as pack_shard writes one: "when", "problem",
    then other fields of ROW_FIELDS, each once, in its order."""
    if type(fields) is not list or fields[:2] != ["when", "problem"]:
        return False
    places = [_ROW_PLACE.get(f, -1) if type(f) is str else -1 for f in fields]
    return all(a < b for a, b in zip(places, places[1:], strict=False)) and min(places) >= 0


def row_cells(win: Mapping[str, Any]) -> dict[str, tuple[Any, bool]] | None:
    """Field -> (cell, needed) of a whole win as a row stores it, for every field of
    ROW_FIELDS; *needed*: the cell cannot be left out at the end of a row. None for a win no
    row can hold (see above)."""
    if "when" not in win or "problem" not in win or not _ROWABLE.issuperset(win):
        return None
    cells: dict[str, tuple[Any, bool]] = {}
    for key in ROW_FIELDS:
        if key in WIN_DEFAULTS:
            value = win.get(key, WIN_DEFAULTS[key])
            cells[key] = (value, key in win and not _is_default(key, value))
        elif key == "created":
            value = win.get("created")  # absent: null, as in the lean record
            cells[key] = (value, not (type(value) is str and value == win["when"]))
        elif key == "updated":
            value = win.get("updated")
            same = type(value) is str and "created" in win and value == win["created"]
            cells[key] = (value, not same)
        elif key in win:
            cells[key] = (win[key], True)
        else:
            cells[key] = (_ABSENT, False)
    cells["when"] = (win["when"], True)
    cells["problem"] = (win["problem"], True)
    return cells


def pack_row(cells: Mapping[str, tuple[Any, bool]], fields: Sequence[str]) -> list[Any] | None:
    """The row of a win's row_cells under a shard's *fields* (which name every needed cell),
    or None if it cannot be one (an absent field before one that is set)."""
    row = [cells[f][0] for f in fields]
    n = len(fields)
    while n > 2 and not cells[fields[n - 1]][1]:
        n -= 1
    del row[n:]
    if _ABSENT in row:
        return None
    return row


def unpack_row(key: str, row: list[Any], fields: Sequence[str]) -> Any:
    """The whole win of one row of a shard whose fields are *fields*: unpack_win of the lean
    record the row means (see above). A row longer than its fields comes back as it is, for
    doctor to see.

    Every read of every win runs this: the usual row takes the first few lines only."""
    if len(row) > len(fields):
        return row
    if len(row) < 2:  # no problem: damage, read as the lean record would be
        return unpack_win(key, dict(zip(fields, row, strict=False)))
    win: dict[str, Any] = {**_FIRST, "skills": [], "helped_by": [], "tags": []}  # own lists
    win.update(zip(fields, row, strict=False))
    created = win.pop("created", win["when"])
    return _moments_and_id(win, key, created, win.pop("updated", created))


def unpack_rows(wins: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """{key: whole win} of a shard's records under its *fields*: unpack_row of each row,
    unpack_win of each lean record (the same records, the usual row in a quarter the time)."""
    readers: dict[int, Callable[[list[Any]], dict[str, Any]] | None] = {}
    out: dict[str, Any] = {}
    for key, body in wins.items():
        if type(body) is not list:
            out[key] = unpack_win(key, body)
            continue
        n = len(body)
        read = readers.get(n, _UNREAD)
        if read is _UNREAD:
            read = readers[n] = _reader(tuple(fields), n) if 2 <= n <= len(fields) else None
        if read is None:
            out[key] = unpack_row(key, body, fields)
            continue
        win = read(body)
        if win["created"] is None or win["updated"] is None:  # absent: the odd record's order
            win = unpack_row(key, body, fields)
        else:
            win["id"] = key_id(key)
        out[key] = win
    return out


_UNREAD: Any = object()
# Python source of each default, for _reader: a list display makes each record a list of its own.
_DEFAULT_SOURCE = {k: "[]" if type(v) is list else repr(v) for k, v in _FIRST.items()}


@lru_cache(maxsize=256)
def _reader(fields: tuple[str, ...], n: int) -> Callable[[list[Any]], dict[str, Any]]:
    """The function that makes the whole win, but its id, of a row of *n* values under
    *fields*: one dict display (fields_ok let only ROW_FIELDS names and n ints in). A dict built
    cell by cell took twice as long as unpack_win of a lean record, and export, stats and every
    listing read every win (bench/bench_scale.py --only export: 100,000 wins)."""
    names = fields[:n]
    if not all(type(name) is str and name in _ROW_PLACE for name in names):
        # What is compiled below must never hold a name a file chose: only ROW_FIELDS.
        raise ValueError("a row field outside ROW_FIELDS")
    place = {name: f"r[{i}]" for i, name in enumerate(names)}
    cells = [(k, place.get(k, _DEFAULT_SOURCE[k])) for k in _FIRST]
    cells += [(k, place[k]) for k in ("requester", "solution_plain") if k in place]
    created = place.get("created", "r[0]")
    cells += [("created", created), ("updated", place.get("updated", created))]
    source = "lambda r: {" + ", ".join(f"{k!r}: {v}" for k, v in cells) + "}"
    read: Callable[[list[Any]], dict[str, Any]] = eval(source, {"__builtins__": {}})
    return read
