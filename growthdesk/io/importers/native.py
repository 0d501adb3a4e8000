"""growthdesk's own full JSON export: the format written by ``growthdesk export --format json``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, cast

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.io.importers.base import (
    ImportFileError,
    ImportOptions,
    ImportPlan,
    load_json,
    looks_binary,
)
from growthdesk.io.importers.checks import clean_profile, record_problem
from growthdesk.io.importers.csvread import decode

__all__ = ["EXPORT_FORMAT", "EXPORT_TABLES", "export_wins", "native_plan", "validate_export"]

EXPORT_FORMAT = "growthdesk-export"
EXPORT_TABLES = ("wins", "contacts", "links", "interactions", "events", "learning", "kudos")


def _schema_version() -> int:
    from growthdesk.store import SCHEMA_VERSION

    return SCHEMA_VERSION


def export_wins(wins: Any, name: str) -> list[Any]:
    """The win records of an export's "wins", in id order: as export writes them, month ->
    that month's shard as the store keeps it ("fields", then one row per win: core.records);
    as exports before that wrote them, a list of whole records (taken as they are). A row that
    cannot be read comes back as it is, for the record check to name."""
    from growthdesk.core.records import fields_ok, unpack_rows

    if isinstance(wins, list):
        return wins
    if not isinstance(wins, dict):
        raise ImportFileError(_("{name}: 'wins' is neither months nor a list", name=name))
    out: list[Any] = []
    for month, body in wins.items():
        if (
            not isinstance(body, dict)
            or not isinstance(rows := body.get("wins"), dict)
            or not ((fields := body.get("fields", [])) == [] or fields_ok(fields))
        ):  # a shard of lean records only has no fields (schema 5)
            raise ImportFileError(
                _("{name}: the wins of month {month} are not growthdesk's", name=name, month=month)
            )
        fields = cast("list[str]", fields)
        try:
            out.extend(unpack_rows(rows, fields).values())
        except Exception:  # noqa: BLE001 - a hostile row: each is read alone, to name the bad one
            for key, row in rows.items():
                try:
                    out.extend(unpack_rows({key: row}, fields).values())
                except Exception:  # noqa: BLE001
                    out.append(row)
    return sorted(out, key=_order)


def _order(rec: Any) -> tuple[int, Any]:
    """Id order, whatever a damaged record holds (those first, for the check to name)."""
    rid = rec.get("id") if isinstance(rec, dict) else None
    return (1, rid) if type(rid) is int else (0, 0)


def validate_export(doc: Any, name: str, now: datetime) -> dict[str, Any]:
    """Check an export record by record (checks.py); a newer schema is refused, never half-read."""
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        hint = ""
        if isinstance(doc, dict) and "entries" in doc:
            hint = _(" (it looks like a jrnl export: --from jrnl)")
        elif isinstance(doc, list):
            hint = _(" (a JSON list: a Watson frames file is --from watson)")
        raise ImportFileError(
            _(
                "{name} is not a growthdesk export (made by growthdesk export --format json)",
                name=name,
            )
            + hint
        )
    version = doc.get("schema_version")
    mine = _schema_version()
    if not isinstance(version, int) or version < 1:
        raise ImportFileError(_("{name}: the export has no valid schema_version", name=name))
    if version > mine:
        raise ImportFileError(
            _(
                "{name} was exported by a newer growthdesk (schema {v}; this version reads up to "
                "{mine}); upgrade growthdesk to import it",
                name=name,
                v=version,
                mine=mine,
            )
        )
    if "wins" in doc:
        doc["wins"] = export_wins(doc["wins"], name)
    bad: list[str] = []  # one line per bad record: table, position, id, field
    for table in EXPORT_TABLES:
        records = doc.get(table, [])
        if not isinstance(records, list):
            raise ImportFileError(_("{name}: '{table}' is not a list", name=name, table=table))
        seen: set[int] = set()
        for i, rec in enumerate(records, start=1):
            problem = record_problem(table, rec)
            where = _("{table} record {i}", table=table, i=i)
            if problem is None and rec["id"] in seen:
                problem = _("id {id} appears twice", id=rec["id"])
            if problem is not None:
                rid = rec.get("id") if isinstance(rec, dict) else None
                bad.append(
                    f"{where} (id {rid}): {problem}" if type(rid) is int else f"{where}: {problem}"
                )
                continue
            seen.add(rec["id"])
    try:
        doc["profile"] = clean_profile(doc.get("profile", {}), now)
    except InputError as exc:
        bad.append(_("the profile: {problem}", problem=exc))
    if bad:
        more = _(" ({n} bad records in all)", n=len(bad)) if len(bad) > 1 else ""
        raise ImportFileError(
            _("{name}: nothing restored: {first}", name=name, first=bad[0]) + more
        )
    return doc


def native_plan(data: bytes, path: Path, options: ImportOptions, now: datetime) -> ImportPlan:
    if looks_binary(data):
        raise ImportFileError(_("{name} is a binary file, not a growthdesk export", name=path.name))
    if options.encoding:
        text = decode(data, options.encoding, path.name)
    else:
        try:  # growthdesk writes its exports in UTF-8; anything else is damage
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("{name} is not valid UTF-8 (byte {pos})", name=path.name, pos=exc.start)
            ) from None
    doc = validate_export(load_json(text, path.name), path.name, now)
    plan = ImportPlan(fmt="json", path=path, restore=doc)
    plan.rows = list(doc.get("wins", []))
    plan.row_numbers = list(range(1, len(plan.rows) + 1))
    plan.total = sum(len(doc.get(t, [])) for t in EXPORT_TABLES)
    return plan
