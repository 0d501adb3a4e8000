"""What a stored record must look like, for ``doctor``: ids, required fields, types, ISO dates.

Types come from the TypedDicts of ``core.records``; the required fields are the few every
command relies on (records written by older versions may lack the others).
"""

from __future__ import annotations

import re
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any

from growthdesk.core import records
from growthdesk.core.i18n import _

__all__ = ["record_problem", "meta_problem", "is_iso"]

_TYPES: dict[str, Any] = {
    "wins": records.Win,
    "contacts": records.Contact,
    "links": records.Link,
    "interactions": records.Interaction,
    "events": records.Event,
    "learning": records.LearningEntry,
    "kudos": records.Kudos,
}
_REQUIRED = {
    "wins": ("when", "problem"),
    "contacts": ("name",),
    "links": ("a", "b"),
    "interactions": ("contact", "when"),
    "events": ("name", "date"),
    "learning": ("when", "title"),
    "kudos": ("when", "note"),
}
_DATES = ("when", "date", "created", "updated", "last_contact", "started")
# ISO 8601 extended format only: 20260101T100000+0000 is not a date the store writes.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")


@cache
def _hints(table: str) -> dict[str, Any]:
    return typing.get_type_hints(_TYPES[table])


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, h) for h in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            _fits(k, key) and _fits(v, item) for k, v in value.items()
        )
    if hint is type(None):
        return value is None
    return type(value) is hint  # exact: a bool is no int, a float no int


def _type_name(hint: Any) -> str:
    return str(hint).replace("typing.", "") if typing.get_origin(hint) else hint.__name__


def is_iso(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def record_problem(table: str, key: str, record: dict[str, Any]) -> str | None:
    """What is wrong with one stored record, if anything (a phrase to follow its name)."""
    id = record.get("id")
    if type(id) is not int or id < 1 or key != str(id):
        return _("its id {id!r} does not match its key {key}", id=id, key=key)
    for name in _REQUIRED[table]:
        if name not in record:
            return _("'{field}' is missing", field=name)
    hints = _hints(table)
    for name, value in record.items():
        hint = hints.get(name)
        if hint is not None and not _fits(value, hint):
            return _("'{field}' is not {type}", field=name, type=_type_name(hint))
        if name in _DATES and value is not None and not is_iso(value):
            return _("'{field}' is not an ISO date: {value!r}", field=name, value=value)
    return None


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
    if started is not None and not is_iso(started):
        return _("the profile's start date is not an ISO date: {value!r}", value=started)
    return None
