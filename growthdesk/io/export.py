"""Export everything as JSON (a restorable backup) or one table as CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
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


def personal_count(store: Store) -> int:
    """How many wins carry personal fields (what an export without them leaves out)."""
    return sum(1 for w in store.wins() if any(w.get(f) for f in PERSONAL_FIELDS))


def export_json(store: Store, now: datetime, include_personal: bool = False) -> dict[str, Any]:
    """Everything in the home, ids included, with the schema version it was written in;
    whom each win was for only with *include_personal*."""
    from growthdesk.store import SCHEMA_VERSION

    damage = store.damage()  # a backup that import would refuse is no backup: say so now
    if damage is not None:
        raise damage
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "profile": store.profile(),
    }
    for table in EXPORT_TABLES:
        doc[table] = sorted(store.all(table), key=lambda r: r["id"])
    if not include_personal and "wins" in doc:
        doc["wins"] = [_without_personal(w) for w in doc["wins"]]
    models = {name: store.model(name) for name in EXPORT_MODELS}
    doc["models"] = {name: blob for name, blob in models.items() if blob is not None}
    return doc


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
        row = dict(rec)
        if table == "wins":
            row["helped_by"] = [contacts.get(i, f"#{i}") for i in rec.get("helped_by") or []]
        if table == "contacts" and rec.get("met_at") is not None:
            row["met_at"] = events.get(rec["met_at"], f"#{rec['met_at']}")
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


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
    if fmt == "json":
        import orjson

        doc = export_json(store, now, include_personal)
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"
    # utf-8-sig: Excel reads UTF-8 only when the file starts with a BOM.
    return export_csv(store, table, include_personal).encode("utf-8-sig")
