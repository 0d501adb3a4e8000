"""Export everything as JSON (a restorable backup) or one table as CSV for spreadsheets.

The JSON backup holds the wins by month, each month as its shard stores it: the fields its wins
use, then one row of values per win, keyed by id, a win a line (core.records, "a win as a row";
``import --from json`` reads them back into whole records, and the list of whole records that
earlier exports wrote). So an export copies the shards rather than renders 100,000 records:
160 ms against 830 at 100,000 wins (bench/bench_scale.py --only export), and a third of the
size. :func:`export_chunks` streams it: one month is held at a time, and nothing is handed on
before every shard stood its check, the months waiting in a spill file meanwhile.
Whole records, for other programs: the CSV export and `growthdesk wins --json`.
"""

from __future__ import annotations

import csv
import io
import re
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
    import orjson

    _check(store)
    without = () if include_personal else PERSONAL_FIELDS
    doc = _head(store, now)
    for table in EXPORT_TABLES:
        if table == "wins":
            doc[table] = {m: orjson.loads(raw) for m, raw, _n in store.sound_shards(without)}
        else:
            doc[table] = sorted(store.all(table), key=lambda r: r["id"])
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
_WINS = b'\n  "wins": {}'  # how the document's empty win months dump (indented, top level)
_MONTH = b'\n    "%s": '  # what goes before a month of the top-level "wins" (after a comma)
# One win a line: a row ends in "]" and a lean record in "}", and the next win's key is a
# number; a quote after a comma is never inside a JSON string, so the JSON stays the same.
_NEXT_ROW = re.compile(rb'\],(?="\d+":)')
_NEXT_RECORD = re.compile(rb'\},(?="\d+":)')
_FIRST_WIN = b'"wins":{'


def _readable(raw: bytes) -> bytes:
    """A month shard's compact JSON with each win on its own line (whitespace only)."""
    lined = _NEXT_RECORD.sub(b"},\n      ", _NEXT_ROW.sub(b"],\n      ", raw))
    return lined.replace(_FIRST_WIN, _FIRST_WIN + b"\n      ", 1)


def _json_chunks(
    store: Store, now: datetime, include_personal: bool, counts: ExportCounts
) -> Iterator[bytes]:
    import orjson

    from growthdesk.io.files import spill_file

    _check(store, wins=False)  # the shards are checked as they are read, below
    without = () if include_personal else PERSONAL_FIELDS
    with spill_file() as spill:
        # Nothing is handed on before every shard stood its check: the months wait in the
        # spill file, each as its shard stores it (one win a line), not held in memory.
        first = True
        for month, raw, personal in store.sound_shards(without):
            counts.left_out += personal
            spill.write((b"" if first else b",") + _MONTH % month.encode() + _readable(raw))
            first = False
        # Read only now, as after a whole check (damage()): the first damage found is the same.
        doc = _head(store, now)
        doc.update({t: {} if t == "wins" else sorted(store.all(t), key=_id) for t in EXPORT_TABLES})
        doc["models"] = _models(store)
        whole = orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"
        if first:
            yield whole
            return
        # A newline never occurs inside a JSON string, so this is the top-level "wins" key.
        at = whole.index(_WINS) + len(_WINS) - 1
        yield whole[:at]
        spill.flush()
        spill.seek(0)
        while chunk := spill.read(_CHUNK):
            yield chunk
        yield b"\n  " + whole[at:]


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
