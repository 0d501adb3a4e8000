"""What a stored record and meta.json must look like, for ``doctor``.

The record check is ``core.schema``'s lenient one (records written by older versions may lack
fields); the store adds that each record's id is its key.
"""

from __future__ import annotations

from typing import Any

from growthdesk.core import schema
from growthdesk.core.i18n import _

__all__ = ["record_problem", "meta_problem"]


def record_problem(table: str, key: str, record: Any) -> str | None:
    """What is wrong with one stored record, if anything (a phrase to follow its name)."""
    if type(record) is list:  # a shard's row with more values than the shard has fields
        return _("its row has more values than its month file has fields")
    id = record.get("id")
    if type(id) is not int or id < 1 or key != str(id):
        return _("its id {id!r} does not match its key {key}", id=id, key=key)
    return schema.record_problem(table, record, strict=False)


def meta_problem(meta: dict[str, Any]) -> str | None:
    """What is wrong with meta.json's own documents (schema, id counters, manifest, profile)."""
    doc = meta.get("_meta", {}).get("1")
    if not doc or type(doc.get("schema_version")) is not int or doc["schema_version"] < 1:
        return _("it has no schema version")
    counters = doc.get("next_id", {})
    if not isinstance(counters, dict) or not all(
        type(v) is int and v >= 1 for v in counters.values()
    ):
        return _("its id counters are damaged")
    files = doc.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return _("its list of data files is damaged")
    started = meta.get("profile", {}).get("1", {}).get("started")
    if started is not None and not schema.is_iso(started):
        return _("the profile's start date is not an ISO date: {value!r}", value=started)
    return None
