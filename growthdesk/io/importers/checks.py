"""Check the records of a growthdesk export against ``core.records`` before a restore.

Each field must be present (unless NotRequired), have the annotated type (a bool is not an int,
an int is not a bool), ids and references must be positive and fit in 64 bits, and dates must be
ISO 8601 in the extended form the store writes (``2026-01-01T10:00:00+00:00``; the basic form
``20260101T100000+0000`` that ``datetime.fromisoformat`` also takes is refused).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, NotRequired, Union, get_args, get_origin, get_type_hints

from growthdesk.core import records
from growthdesk.core.i18n import _
from growthdesk.core.text import TERMS_VERSION
from growthdesk.skills.ids import SKILL_IDS

__all__ = ["MAX_ID", "clean_profile", "record_problem"]

MAX_ID = 2**63 - 1  # what a signed 64-bit integer holds
TABLES: dict[str, Any] = {
    "wins": records.Win,
    "contacts": records.Contact,
    "links": records.Link,
    "interactions": records.Interaction,
    "events": records.Event,
    "learning": records.LearningEntry,
    "kudos": records.Kudos,
}
_MOMENTS = frozenset({"when", "created", "updated"})
_DAYS = frozenset({"date", "last_contact", "started"})
_REFS = frozenset({"id", "helped_by", "a", "b", "contact", "met_at", "met", "win"})
_SKILL_FIELDS = frozenset({"skills", "specialties"})  # lists, or dicts keyed by skill
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_KNOWN_SKILLS = frozenset(SKILL_IDS)

Check = Callable[[Any], bool]


def _checker(tp: Any) -> tuple[Check, str]:
    """(test, words for the error) for one annotation: str, int, bool, None, Any, X | Y,
    list[X], dict[K, V]. An annotation it does not know fails closed."""
    origin = get_origin(tp)
    if tp is Any:
        return (lambda v: True), "any value"
    if tp is type(None):
        return (lambda v: v is None), "null"
    if tp is bool:
        return (lambda v: v is True or v is False), "true or false"
    if tp is int:
        return (lambda v: type(v) is int), "a whole number"
    if tp is str:
        return (lambda v: type(v) is str), "text"
    if origin in (Union, types.UnionType):
        parts = [_checker(a) for a in get_args(tp)]
        return (lambda v: any(test(v) for test, _w in parts)), " or ".join(w for _t, w in parts)
    if origin is list:
        item, words = _checker(get_args(tp)[0])
        return (lambda v: type(v) is list and all(map(item, v))), f"a list, each {words}"
    if origin is dict:
        (key, _k), (value, words) = (_checker(a) for a in get_args(tp))
        return (
            lambda v: type(v) is dict and all(map(key, v)) and all(map(value, v.values()))
        ), f"an object, each value {words}"
    return (lambda v: False), str(tp)


@cache
def _fields(typed: Any) -> tuple[frozenset[str], dict[str, tuple[Check, str]]]:
    """(required keys, field -> checker) of a TypedDict.

    From the annotations, not ``__required_keys__``: with postponed annotations Python 3.11
    cannot see NotRequired and calls every key required.
    """
    hints = get_type_hints(typed, include_extras=True)
    required = frozenset(k for k, tp in hints.items() if get_origin(tp) is not NotRequired)
    plain = {k: get_args(tp)[0] if get_origin(tp) is NotRequired else tp for k, tp in hints.items()}
    return required, {k: _checker(tp) for k, tp in plain.items()}


def _value_problem(key: str, value: Any) -> str | None:
    """What the types cannot say: dates, id ranges, known skills, positive minutes."""
    if value is None:
        return None
    if key in _MOMENTS and not (_MOMENT.fullmatch(value) and _parses(datetime, value)):
        return _(
            "'{f}' is not an ISO date and time (YYYY-MM-DDTHH:MM:SS+HH:MM): {v!r}", f=key, v=value
        )
    if key in _DAYS and not (_DAY.fullmatch(value) and _parses(date, value)):
        return _("'{f}' is not an ISO date (YYYY-MM-DD): {v!r}", f=key, v=value)
    if key in _REFS:
        ids = value if isinstance(value, list) else [value]
        if not all(1 <= i <= MAX_ID for i in ids):
            return _("'{f}' holds an id that is not between 1 and 2**63-1", f=key)
    if key in _SKILL_FIELDS and not _KNOWN_SKILLS.issuperset(value):
        return _("'{f}' holds an unknown skill id", f=key)
    if key == "minutes" and value < 1:
        return _("'minutes' must be at least 1, not {v}", v=value)
    return None


def _parses(kind: type[date], value: str) -> bool:
    try:
        kind.fromisoformat(value)
    except ValueError:
        return False
    return True


def _problem(typed: Any, rec: Mapping[str, Any], *, partial: bool = False) -> str | None:
    required, fields = _fields(typed)
    if not partial:
        missing = sorted(required - rec.keys())
        if missing:
            return _("missing {fields}", fields=", ".join(f"'{f}'" for f in missing))
    for key, value in rec.items():
        if key not in fields:
            return _("unknown field '{f}'", f=key)
        test, words = fields[key]
        if not test(value):
            return _("'{f}' must be {words}, not {v}", f=key, words=words, v=_shown(value))
        problem = _value_problem(key, value)
        if problem:
            return problem
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def record_problem(table: str, rec: Any) -> str | None:
    """What is wrong with one exported record of *table* (``id`` required), or None.

    A win's derived search terms are not checked: they are dropped unless they have the
    current shape (recall trusts them, and rebuilds the missing ones itself).
    """
    if not isinstance(rec, dict):
        return _("not an object")
    if "id" not in rec:
        return _("missing 'id'")
    problem = _problem(TABLES[table], rec)
    if problem is None and "terms" in rec and not _current_terms(rec["terms"]):
        del rec["terms"]
    return problem


def _current_terms(terms: Any) -> bool:
    return (
        type(terms) is dict
        and terms.keys() == {"v", "p", "s"}
        and terms["v"] == TERMS_VERSION
        and type(terms["p"]) is str
        and type(terms["s"]) is str
    )


def clean_profile(profile: Any, now: datetime) -> dict[str, Any]:
    """An exported profile (fields may be left out) as the profile validators normalise it;
    InputError names what is wrong."""
    from growthdesk.core.errors import InputError
    from growthdesk.worklog.profile import validate_changes

    if not isinstance(profile, dict):
        raise InputError(_("not an object"))
    problem = _problem(records.Profile, profile, partial=True)
    if problem:
        raise InputError(problem)
    return validate_changes(profile, now)
