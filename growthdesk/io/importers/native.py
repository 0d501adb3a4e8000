"""growthdesk's own full JSON export: the format written by ``growthdesk export --format json``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from growthdesk.core.i18n import _
from growthdesk.io.importers.base import ImportFileError, ImportOptions, ImportPlan, looks_binary
from growthdesk.io.importers.csvread import decode

__all__ = ["EXPORT_FORMAT", "EXPORT_TABLES", "native_plan", "validate_export"]

EXPORT_FORMAT = "growthdesk-export"
EXPORT_TABLES = ("wins", "contacts", "links", "interactions", "events", "learning", "kudos")


def _schema_version() -> int:
    from growthdesk.store import SCHEMA_VERSION

    return SCHEMA_VERSION


def validate_export(doc: Any, name: str) -> dict[str, Any]:
    """Check the shape of an export; a newer schema is refused, never half-read."""
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
    for table in EXPORT_TABLES:
        records = doc.get(table, [])
        if not isinstance(records, list):
            raise ImportFileError(_("{name}: '{table}' is not a list", name=name, table=table))
        seen: set[int] = set()
        for i, rec in enumerate(records, start=1):
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), int) or rec["id"] < 1:
                raise ImportFileError(
                    _("{name}: {table} record {i} has no valid id", name=name, table=table, i=i)
                )
            if rec["id"] in seen:
                raise ImportFileError(
                    _("{name}: {table} id {id} appears twice", name=name, table=table, id=rec["id"])
                )
            seen.add(rec["id"])
            if table == "wins":
                try:
                    when = datetime.fromisoformat(str(rec.get("when")))
                except ValueError:
                    when = None
                if when is None or when.tzinfo is None:
                    raise ImportFileError(
                        _("{name}: win {id} has no valid 'when'", name=name, id=rec["id"])
                    )
    if not isinstance(doc.get("profile", {}), dict):
        raise ImportFileError(_("{name}: 'profile' is not an object", name=name))
    return doc


def native_plan(data: bytes, path: Path, options: ImportOptions) -> ImportPlan:
    if looks_binary(data):
        raise ImportFileError(_("{name} is a binary file, not a growthdesk export", name=path.name))
    try:
        doc = json.loads(decode(data, options.encoding, path.name))
    except ValueError as exc:
        raise ImportFileError(
            _("{name} is not valid JSON ({err})", name=path.name, err=exc)
        ) from None
    doc = validate_export(doc, path.name)
    plan = ImportPlan(fmt="json", path=path, restore=doc)
    plan.rows = list(doc.get("wins", []))
    plan.row_numbers = list(range(1, len(plan.rows) + 1))
    plan.total = sum(len(doc.get(t, [])) for t in EXPORT_TABLES)
    return plan
