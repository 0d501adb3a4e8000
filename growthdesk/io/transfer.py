"""Export everything (JSON) or one table (CSV), and commit an import plan to the store.

An import is one store transaction: it lands whole or not at all, and ``growthdesk undo`` takes
it back in one step. Re-importing the same file adds nothing: wins are recognised by
(source, ticket ref), or by (source, when, problem) for work logs that have no ref.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from growthdesk import __version__
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.text import win_terms
from growthdesk.io.importers.base import ImportPlan, win_key
from growthdesk.io.importers.native import EXPORT_FORMAT, EXPORT_TABLES

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "CSV_TABLES",
    "ImportRejected",
    "ImportResult",
    "RestoreConflict",
    "commit_import",
    "export_csv",
    "export_json",
    "neutralise",
    "preview",
    "report_path_for",
    "restore_preview",
    "win_key",
    "write_file",
    "write_report",
]

CSV_TABLES: dict[str, tuple[str, ...]] = {
    "wins": (
        "id",
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
        "created",
        "updated",
    ),
    "contacts": (
        "id",
        "name",
        "kind",
        "org",
        "email",
        "phone",
        "specialties",
        "strength",
        "met_at",
        "notes",
        "last_contact",
        "do_not_ask",
        "created",
    ),
    "learning": ("id", "when", "kind", "title", "skills", "minutes", "url"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_MODELS = ("tagger",)


class ImportRejected(InputError):
    """Rows were rejected, so nothing was written. ``rejected`` lists every (row, reason)."""

    def __init__(self, message: str, rejected: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.rejected = rejected


class RestoreConflict(InputError):
    """The home already holds different records under the ids of the export."""


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    ids: list[int] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    label: str = ""
    per_table: dict[str, int] = field(default_factory=dict)  # restore: records added per table


# --- export --------------------------------------------------------------------------------


def export_json(store: Store, now: datetime) -> dict[str, Any]:
    """Everything in the home, ids included, with the schema version it was written in."""
    from growthdesk.store import SCHEMA_VERSION

    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "profile": store.profile(),
    }
    for table in EXPORT_TABLES:
        doc[table] = sorted(store.all(table), key=lambda r: r["id"])
    # The tagger's learned model holds the user's corrections; it cannot be rebuilt exactly.
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


def export_csv(store: Store, table: str) -> str:
    """One table as CSV for spreadsheets; helpers and met-at are shown by name."""
    if table not in CSV_TABLES:
        raise InputError(
            _(
                "cannot export '{table}' as CSV (tables: {all})",
                table=table,
                all=", ".join(CSV_TABLES),
            )
        )
    columns = CSV_TABLES[table]
    contacts = {c["id"]: c["name"] for c in store.all("contacts")} if table == "wins" else {}
    events = {e["id"]: e["name"] for e in store.all("events")} if table == "contacts" else {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    records = store.wins() if table == "wins" else store.all(table)
    for rec in records:
        row = dict(rec)
        if table == "wins":
            row["helped_by"] = [contacts.get(i, f"#{i}") for i in rec.get("helped_by") or []]
        if table == "contacts" and rec.get("met_at") is not None:
            row["met_at"] = events.get(rec["met_at"], f"#{rec['met_at']}")
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def write_file(path: Path, data: bytes) -> None:
    """Write *data* to *path* atomically (temp file in the same folder, then replace)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- import --------------------------------------------------------------------------------


def _split_new(
    existing: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    keys = {win_key(w) for w in existing}
    new: list[dict[str, Any]] = []
    duplicates = 0
    for row in rows:
        key = win_key(row)
        if key in keys:
            duplicates += 1
            continue
        keys.add(key)  # the same ticket twice in one file counts once
        new.append(row)
    return new, duplicates


def preview(store: Store, plan: ImportPlan) -> tuple[list[dict[str, Any]], int]:
    """(rows an import would add, rows already in the home) — for --dry-run."""
    new, duplicates = _split_new(store.wins(), plan.rows)
    return new, duplicates + plan.duplicates


def _refusal(plan: ImportPlan) -> ImportRejected:
    rejected = plan.rejected
    ambiguous = [n for n, why in rejected if "ambiguous date" in why]
    rows = ", ".join(str(n) for n, _why in rejected[:10]) + (", …" if len(rejected) > 10 else "")
    if ambiguous:
        listed = ", ".join(str(n) for n in ambiguous[:10]) + (", …" if len(ambiguous) > 10 else "")
        message = _(
            "nothing imported: rows {rows} have ambiguous day/month dates; pass --dayfirst or "
            "--date-format (e.g. %d-%m-%Y)",
            rows=listed,
        )
        if len(ambiguous) < len(rejected):
            message += _(" ({n} rows rejected in all)", n=len(rejected))
    else:
        message = _(
            "nothing imported: {n} rows rejected (rows {rows}); fix them or pass --skip-invalid "
            "to import the {good} good rows",
            n=len(rejected),
            rows=rows,
            good=len(plan.rows),
        )
    return ImportRejected(message, rejected)


def commit_import(
    store: Store, plan: ImportPlan, *, now: datetime, skip_invalid: bool = False
) -> ImportResult:
    """Write the plan's new wins in one undoable transaction, or nothing at all.

    Any rejected row stops the import (ImportRejected) unless *skip_invalid*.
    """
    if plan.restore is not None:
        return restore(store, plan, now=now)
    if plan.rejected and not skip_invalid:
        raise _refusal(plan)
    stamp = now.isoformat(timespec="seconds")
    result = ImportResult(rejected=list(plan.rejected), skipped=list(plan.skipped))
    label = _("import from {file} ({fmt})", file=plan.path.name, fmt=plan.fmt)
    with store.transaction(label) as tx:
        # Checked again under the lock: another process may have imported since parse_file.
        new, duplicates = _split_new(tx.all("wins"), plan.rows)
        result.duplicates = duplicates + plan.duplicates
        records = [
            {
                **row,
                "terms": win_terms(row["problem"], row.get("solution")),
                "created": stamp,
                "updated": stamp,
            }
            for row in new
        ]
        if records:
            result.ids = tx.insert_many("wins", records)
    result.added = len(result.ids)
    result.label = label
    return result


def report_path_for(path: Path) -> Path:
    """Where --skip-invalid writes its report: next to the imported file."""
    return path.with_name(path.name + ".rejected.csv")


def write_report(plan: ImportPlan, path: Path) -> Path:
    """Every rejected and skipped row with its reason, as CSV (row numbers as a spreadsheet shows)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "status", "reason"])
    rows = [(n, "rejected", why) for n, why in plan.rejected]
    rows += [(n, "skipped", why) for n, why in plan.skipped]
    for n, status, why in sorted(rows):
        writer.writerow([n, status, neutralise(why)])
    write_file(path, out.getvalue().encode("utf-8-sig"))
    return path


# --- restore --------------------------------------------------------------------------------


def _is_default_profile(profile: dict[str, Any]) -> bool:
    from growthdesk.store import PROFILE_DEFAULTS

    return all(profile.get(k) == v for k, v in PROFILE_DEFAULTS.items()) and set(profile) <= set(
        PROFILE_DEFAULTS
    )


def _restore_diff(
    read_all: Any, doc: dict[str, Any], name: str
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """(records of the export the home lacks, every record after the restore), per table.

    A different record under the same id is a conflict, because ids are what wins, contacts
    and events use to point at each other.
    """
    missing: dict[str, list[dict[str, Any]]] = {}
    after: dict[str, list[dict[str, Any]]] = {}
    for table in EXPORT_TABLES:
        have = {r["id"]: r for r in read_all(table)}
        todo = []
        for rec in doc.get(table, []):
            current = have.get(rec["id"])
            if current is None:
                todo.append(rec)
            elif current != rec:
                raise RestoreConflict(
                    _(
                        "nothing restored: this home already holds a different {table} record "
                        "#{id}; restore {name} into an empty home (growthdesk --home NEW_FOLDER "
                        "import {name} --from json)",
                        table=table.rstrip("s"),
                        id=rec["id"],
                        name=name,
                    )
                )
        missing[table] = todo
        after[table] = [*have.values(), *todo]
    _check_refs(after)
    return missing, after


def restore_preview(store: Store, plan: ImportPlan) -> dict[str, int]:
    """Per table, how many records a restore would add (raises RestoreConflict)."""
    assert plan.restore is not None
    missing, _after = _restore_diff(store.all, plan.restore, plan.path.name)
    return {t: len(v) for t, v in missing.items()}


def restore(store: Store, plan: ImportPlan, *, now: datetime) -> ImportResult:
    """Put a full export back, ids and all, in one undoable transaction.

    Into an empty home this gives identical data. Into a home that already holds some of the
    same records (an earlier restore of the same backup), only the missing ones are added.
    """
    doc = plan.restore
    assert doc is not None
    label = _("restore from {file}", file=plan.path.name)
    result = ImportResult(label=label)
    with store.transaction(label) as tx:
        # References are checked on the combined records before anything is inserted.
        missing, _after = _restore_diff(tx.all, doc, plan.path.name)
        for table, records in missing.items():
            if records:
                tx.insert_many(table, [dict(r) for r in records])
            result.per_table[table] = len(records)
        profile = doc.get("profile") or {}
        if profile and profile != tx.profile() and _is_default_profile(tx.profile()):
            tx.set_profile(dict(profile))
            result.per_table["profile"] = 1
        for name, blob in (doc.get("models") or {}).items():
            if name in EXPORT_MODELS and isinstance(blob, dict) and tx.model(name) is None:
                tx.set_model(name, blob)
    result.added = sum(n for t, n in result.per_table.items() if t != "profile")
    result.duplicates = sum(len(doc.get(t, [])) for t in EXPORT_TABLES) - result.added
    return result


def _check_refs(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Refuse a restore whose records point at contacts/events/wins that do not exist."""
    contacts = {c["id"] for c in tables["contacts"]}
    events = {e["id"] for e in tables["events"]}
    wins = {w["id"] for w in tables["wins"]}
    problems: list[str] = []
    for win in tables["wins"]:
        problems += [
            f"win #{win['id']} → contact #{c}"
            for c in win.get("helped_by") or []
            if c not in contacts
        ]
    for link in tables["links"]:
        problems += [
            f"link #{link['id']} → contact #{c}"
            for c in (link.get("a"), link.get("b"))
            if c not in contacts
        ]
    for item in tables["interactions"]:
        if item.get("contact") not in contacts:
            problems.append(f"interaction #{item['id']} → contact #{item.get('contact')}")
    for contact in tables["contacts"]:
        if contact.get("met_at") is not None and contact["met_at"] not in events:
            problems.append(f"contact #{contact['id']} → event #{contact['met_at']}")
    for event in tables["events"]:
        problems += [
            f"event #{event['id']} → contact #{c}"
            for c in event.get("met") or []
            if c not in contacts
        ]
    for kudo in tables["kudos"]:
        if kudo.get("win") is not None and kudo["win"] not in wins:
            problems.append(f"kudos #{kudo['id']} → win #{kudo['win']}")
    if problems:
        raise InputError(
            _(
                "nothing restored: the export points at records it does not contain ({first})",
                first="; ".join(problems[:3]),
            )
        )
