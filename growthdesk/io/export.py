"""Export everything as JSON (a restorable backup) or one table as CSV for spreadsheets.

:func:`export_chunks` streams it: the wins are read one month at a time, so an export of a
quarter of a million wins holds one month of them, not the history. The JSON lists wins by id
(which need not follow the months: `log --when`, imports), so each win is rendered as it is
read into an anonymous temporary file and copied out in id order. The bytes are exactly those
of the whole document (:func:`export_json`) dumped at once; the tests compare both.
"""

from __future__ import annotations

import csv
import io
import os
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from growthdesk import __version__
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.io.importers.native import EXPORT_FORMAT, EXPORT_TABLES

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "CSV_NOT_IMPORTED",
    "CSV_TABLES",
    "EXPORT_MODELS",
    "csv_note",
    "export_bytes",
    "export_chunks",
    "ExportCounts",
    "export_csv",
    "export_json",
    "neutralise",
    "PERSONAL_FIELDS",
    "personal_count",
]

# Columns per table, in spreadsheet order.
CSV_TABLES: dict[str, tuple[str, ...]] = {
    "wins": ("id", "when", "problem", "solution", "skills", "skills_source", "minutes", "helped_by",
             "ticket", "source", "tags", "escalated", "created", "updated"),
    "contacts": ("id", "name", "kind", "org", "email", "phone", "specialties", "strength", "met_at",
                 "notes", "last_contact", "do_not_ask", "created"),
    "learning": ("id", "when", "kind", "title", "skills", "minutes", "url"),
}  # fmt: skip
# Columns that `import --from csv` does not take back: the import numbers, stamps and labels
# the wins it adds itself.
CSV_NOT_IMPORTED = ("id", "source", "created", "updated")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The tagger's learned model holds the user's corrections; it cannot be rebuilt exactly.
EXPORT_MODELS = ("tagger",)
# Fields of a win that name a person outside the home (log --for): like contacts, personal
# data. Exports leave them out unless the user asks (--include-personal).
PERSONAL_FIELDS = ("requester",)


def _without_personal(win: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in win.items() if k not in PERSONAL_FIELDS}


def _is_personal(win: Mapping[str, Any]) -> bool:
    return any(win.get(f) for f in PERSONAL_FIELDS)


def personal_count(store: Store) -> int:
    """How many wins carry personal fields (what an export without them leaves out)."""
    return sum(1 for month in store.wins_by_month() for w in month if _is_personal(w))


@dataclass
class ExportCounts:
    """What a streamed export found on its way (known once its chunks are all taken)."""

    left_out: int = 0  # wins whose personal fields were left out


def export_json(store: Store, now: datetime, include_personal: bool = False) -> dict[str, Any]:
    """Everything in the home, ids included, with the schema version it was written in;
    whom each win was for only with *include_personal*. The whole history in memory: the
    command streams it instead (export_chunks)."""
    _check(store)
    doc = _head(store, now)
    for table in EXPORT_TABLES:
        doc[table] = sorted(store.all(table), key=lambda r: r["id"])
    if not include_personal and "wins" in doc:
        doc["wins"] = [_without_personal(w) for w in doc["wins"]]
    doc["models"] = _models(store)
    return doc


def _check(store: Store, *, wins: bool = True) -> None:
    """A backup that import would refuse is no backup: say so before anything is written.
    *wins*: False leaves the month shards to Store.sound_wins_by_month, which checks each as
    it is read."""
    damage = store.damage(wins=wins)
    if damage is not None:
        raise damage


def _head(store: Store, now: datetime) -> dict[str, Any]:
    """The export document's first fields, once the store is known to be sound."""
    from growthdesk.store import SCHEMA_VERSION

    return {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "profile": store.profile(),
    }


def _models(store: Store) -> dict[str, Any]:
    models = {name: store.model(name) for name in EXPORT_MODELS}
    return {name: blob for name, blob in models.items() if blob is not None}


def neutralise(value: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would run as a formula (= + - @)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value: Any) -> str:
    """A record value as spreadsheet text; every text cell goes through neutralise()."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}:{v}" for k, v in value.items())
    return neutralise(str(value))


def export_csv(store: Store, table: str, include_personal: bool = False) -> str:
    """One table as CSV for spreadsheets; helpers and met-at are shown by name; a "requester"
    column (whom the win was for) only with *include_personal*."""
    if table not in CSV_TABLES:
        raise InputError(
            _(
                "cannot export '{table}' as CSV (tables: {all})",
                table=table,
                all=", ".join(CSV_TABLES),
            )
        )
    columns = CSV_TABLES[table]
    if table == "wins" and include_personal:
        columns = (*columns, *PERSONAL_FIELDS)
    contacts = {c["id"]: c["name"] for c in store.contacts()} if table == "wins" else {}
    events = {e["id"]: e["name"] for e in store.events()} if table == "contacts" else {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    records: Sequence[Mapping[str, Any]] = store.wins() if table == "wins" else store.all(table)
    for rec in records:
        writer.writerow(_csv_row(rec, table, columns, contacts, events))
    return out.getvalue()


def _csv_row(
    rec: Mapping[str, Any],
    table: str,
    columns: Sequence[str],
    contacts: Mapping[int, str],
    events: Mapping[int, str],
) -> list[str]:
    values = [rec.get(c) for c in columns]
    if table == "wins":
        names = [contacts.get(i, f"#{i}") for i in rec.get("helped_by") or []]
        values[columns.index("helped_by")] = names
    if table == "contacts" and rec.get("met_at") is not None:
        values[columns.index("met_at")] = events.get(rec["met_at"], f"#{rec['met_at']}")
    return _cells(values)


def _cells(values: Sequence[Any]) -> list[str]:
    """[_cell(v) for v in values], the types a record holds worked out here rather than in a
    call per cell: _cell was a third of `export --format csv` at 100,000 wins
    (bench/bench_export.py, "csv cells": 600 ms down to 300)."""
    out: list[str] = []
    add = out.append
    for v in values:
        t = type(v)
        if t is str:
            add("'" + v if v.startswith(_FORMULA_START) else v)
        elif v is None:
            add("")
        elif t is list:
            text = ", ".join(map(str, v))
            add("'" + text if text.startswith(_FORMULA_START) else text)
        elif t is bool:
            add("yes" if v else "no")
        elif t is int:
            text = str(v)
            add("'" + text if v < 0 else text)  # "-5": the one formula start a number has
        else:
            add(_cell(v))
    return out


def csv_note(table: str) -> str:
    """What a CSV export leaves behind when it is imported again, for the user to see."""
    if table != "wins":
        return _(
            "a {table} CSV is for spreadsheets: import reads wins only "
            "(--format json is the full backup)",
            table=table,
        )
    return _(
        "import --from csv reads this file back without {columns} "
        "(--format json is the full backup)",
        columns=", ".join(CSV_NOT_IMPORTED),
    )


def export_bytes(
    store: Store,
    now: datetime,
    fmt: str = "json",
    table: str = "wins",
    include_personal: bool = False,
) -> bytes:
    """The export as the bytes of a file: indented JSON, or CSV with a BOM for Excel."""
    return b"".join(export_chunks(store, now, fmt, table, include_personal))


def export_chunks(
    store: Store,
    now: datetime,
    fmt: str = "json",
    table: str = "wins",
    include_personal: bool = False,
    counts: ExportCounts | None = None,
) -> Iterator[bytes]:
    """export_bytes in pieces, the wins read one month at a time (see the module docstring).
    Nothing is yielded before the store has been checked, so a damaged store writes nothing.
    *counts* learns what was left out."""
    counts = counts if counts is not None else ExportCounts()
    if fmt == "json":
        return _json_chunks(store, now, include_personal, counts)
    if table != "wins":
        # utf-8-sig: Excel reads UTF-8 only when the file starts with a BOM.
        return iter([export_csv(store, table, include_personal).encode("utf-8-sig")])
    return _csv_win_chunks(store, include_personal, counts)


_CHUNK = 1 << 18  # bytes handed on at a time
_WINS = b'\n  "wins": []'  # how the document's empty win list dumps (indented, top level)
_ITEM = b",\n    "  # what goes before an item of the top-level win list (the first: no comma)


def _json_chunks(
    store: Store, now: datetime, include_personal: bool, counts: ExportCounts
) -> Iterator[bytes]:
    import orjson

    from growthdesk.io.files import spill_file

    indent = orjson.OPT_INDENT_2
    _check(store, wins=False)  # the shards are checked as they are read, below
    with spill_file() as spill:
        # Each win rendered as an item of the list, _ITEM first, in the order read; ends[n] is
        # where the n-th ends in the spill file.
        ids, ends = array("q"), array("q")
        end = 0
        for month in store.sound_wins_by_month():
            rendered = []
            for win in month:
                shown: Mapping[str, Any] = win
                if not include_personal and not win.keys().isdisjoint(PERSONAL_FIELDS):
                    if _is_personal(win):
                        counts.left_out += 1
                    shown = _without_personal(win)
                # Indented as an item of the top-level list: 4 more spaces on every line.
                text = _ITEM + orjson.dumps(shown, option=indent).replace(b"\n", b"\n    ")
                end += len(text)
                ids.append(win["id"])
                ends.append(end)
                rendered.append(text)
            spill.write(b"".join(rendered))
        # Read only now, as after a whole check (damage()): the first damage found is the same.
        doc = _head(store, now)
        doc.update({t: [] if t == "wins" else sorted(store.all(t), key=_id) for t in EXPORT_TABLES})
        doc["models"] = _models(store)
        whole = orjson.dumps(doc, option=indent) + b"\n"
        if not ids:
            yield whole
            return
        # A newline never occurs inside a JSON string, so this is the top-level "wins" key.
        at = whole.index(_WINS) + len(_WINS) - 1
        spill.flush()
        fd = spill.fileno()
        out = [whole[:at]]
        size = 0
        for start, stop in _spans(ids, ends):
            out.append(os.pread(fd, stop - start, start))
            size += stop - start
            if size >= _CHUNK:
                yield b"".join(out)
                out, size = [], 0
        out.append(b"\n  " + whole[at:])
        yield b"".join(out)


def _spans(ids: Sequence[int], ends: Sequence[int]) -> Iterator[tuple[int, int]]:
    """The spill file's byte ranges (start, stop) that make up the win list, in id order: wins
    next to each other in both orders are read as one range (up to _CHUNK bytes), so a history
    logged in time order takes a few hundred reads, not one per win (bench/bench_export.py,
    "copy-out": 100 ms down to 25 at 100,000 wins; shuffled ids cost what they did)."""
    start = stop = 0
    for n, i in enumerate(sorted(range(len(ids)), key=ids.__getitem__)):
        begin = ends[i - 1] if i else 0
        if n == 0:
            begin += 1  # the first item without its comma
        elif begin == stop and stop - start < _CHUNK:
            stop = ends[i]
            continue
        if stop > start:
            yield start, stop
        start, stop = begin, ends[i]
    yield start, stop


def _csv_win_chunks(store: Store, include_personal: bool, counts: ExportCounts) -> Iterator[bytes]:
    columns = CSV_TABLES["wins"]
    if include_personal:
        columns = (*columns, *PERSONAL_FIELDS)
    contacts = {c["id"]: c["name"] for c in store.contacts()}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    encoding = "utf-8-sig"  # the BOM once, at the start
    for month in store.wins_by_month():
        if not include_personal:
            counts.left_out += sum(map(_is_personal, month))
        writer.writerows([_csv_row(rec, "wins", columns, contacts, {}) for rec in month])
        yield out.getvalue().encode(encoding)
        encoding = "utf-8"
        out.seek(0)
        out.truncate()
    if encoding == "utf-8-sig":  # no wins at all: the header alone
        yield out.getvalue().encode(encoding)


def _id(record: Mapping[str, Any]) -> Any:
    return record["id"]
