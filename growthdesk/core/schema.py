"""Does a record have the shape of its TypedDict in ``core.records``? One check, two strictnesses.

- strict (a restore from an export): an object with an ``id``, every required field and no
  other, ids and references between 1 and MAX_ID, known skill ids, minutes of at least 1.
- lenient (``doctor`` on the store): only the fields every command relies on must be there,
  because older versions wrote fewer fields and newer ones may write more.

Both want exact types (a bool is not an int, an int is not a bool) and ISO 8601 in the extended
form the store writes: ``20260101T100000+0000``, which ``datetime.fromisoformat`` also takes, is
refused. Strict splits moments (with an offset) from days; lenient takes either in any date field.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any, NotRequired, Union, get_args, get_origin, get_type_hints

from growthdesk.core import records
from growthdesk.core.i18n import _
from growthdesk.skills.ids import SKILL_IDS

__all__ = ["MAX_ID", "TABLES", "is_iso", "record_problem", "rows_sound"]

MAX_ID = 2**63 - 1  # what a signed 64-bit integer holds
TABLES: dict[str, Any] = {
    "wins": records.Win,
    "contacts": records.Contact,
    "links": records.Link,
    "interactions": records.Interaction,
    "events": records.Event,
    "learning": records.LearningEntry,
    "kudos": records.Kudos,
    "profile": records.Profile,  # may leave fields out: the store fills in the defaults
}
# What every command relies on; doctor asks no more of a stored record.
_RELIED_ON = {
    "wins": ("when", "problem"),
    "contacts": ("name",),
    "links": ("a", "b"),
    "interactions": ("contact", "when"),
    "events": ("name", "date"),
    "learning": ("when", "title"),
    "kudos": ("when", "note"),
}
_MOMENTS = frozenset({"when", "created", "updated"})
_DAYS = frozenset({"date", "last_contact", "started", "away_until"})
_REFS = frozenset({"id", "helped_by", "a", "b", "contact", "met_at", "met", "win"})
_DATES = _MOMENTS | _DAYS
_SKILL_FIELDS = frozenset({"skills", "specialties"})  # lists, or dicts keyed by skill
_DAY = r"\d{4}-\d\d-\d\d"
_DAY_RE = re.compile(_DAY)
_MOMENT = re.compile(_DAY + r"T\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d")
_ANY_ISO = re.compile(_DAY + r"(T\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)?)?")
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
def _fields(typed: Any) -> tuple[frozenset[str], dict[str, tuple[Check, str, Any]]]:
    """(required keys, field -> (test, words, annotation)) of a TypedDict.

    From the annotations, not ``__required_keys__``: with postponed annotations Python 3.11
    cannot see NotRequired and calls every key required.
    """
    hints = get_type_hints(typed, include_extras=True)
    required = frozenset(k for k, tp in hints.items() if get_origin(tp) is not NotRequired)
    plain = {k: get_args(tp)[0] if get_origin(tp) is NotRequired else tp for k, tp in hints.items()}
    return required, {k: (*_checker(tp), tp) for k, tp in plain.items()}


def _parses(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_iso(value: Any) -> bool:
    """A day or a moment (time and offset optional) in the extended ISO 8601 form."""
    return isinstance(value, str) and bool(_ANY_ISO.fullmatch(value)) and _parses(value)


def _strict_value_problem(key: str, value: Any) -> str | None:
    """What the types cannot say: dates, id ranges, known skills, positive minutes."""
    if value is None:
        return None
    if key in _MOMENTS and not (_MOMENT.fullmatch(value) and _parses(value)):
        return _(
            "'{f}' is not an ISO date and time (YYYY-MM-DDTHH:MM:SS+HH:MM): {v!r}", f=key, v=value
        )
    if key in _DAYS and not (_DAY_RE.fullmatch(value) and _parses(value)):
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


def _lenient_date_problem(key: str, value: Any) -> str | None:
    if key in _DATES and value is not None and not is_iso(value):
        return _("'{field}' is not an ISO date: {value!r}", field=key, value=value)
    return None


def _missing(table: str, record: dict[str, Any], *, strict: bool) -> str | None:
    if not strict:
        name = next((f for f in _RELIED_ON.get(table, ()) if f not in record), None)
        return None if name is None else _("'{field}' is missing", field=name)
    if table == "profile":
        return None
    if "id" not in record:
        return _("missing 'id'")
    missing = sorted(_fields(TABLES[table])[0] - record.keys())
    return _("missing {fields}", fields=", ".join(f"'{f}'" for f in missing)) if missing else None


def record_problem(table: str, record: Any, *, strict: bool) -> str | None:
    """What is wrong with one record of *table* (or "profile"), as a phrase, or None."""
    if not strict and type(record) is dict and _lenient_sound(table, record):
        return None
    if not isinstance(record, dict):
        return _("not an object")
    problem = _missing(table, record, strict=strict)
    if problem:
        return problem
    fields = _fields(TABLES[table])[1]
    for key, value in record.items():
        field = fields.get(key)
        if field is None and strict:
            return _("unknown field '{f}'", f=key)
        if field is not None and not field[0](value):
            if strict:
                return _("'{f}' must be {words}, not {v}", f=key, words=field[1], v=_shown(value))
            return _("'{field}' is not {type}", field=key, type=_type_name(field[2]))
        problem = _strict_value_problem(key, value) if strict else _lenient_date_problem(key, value)
        if problem:
            return problem
    return None


# -- the lenient check of a sound record, fast -----------------------------------------------------
#
# doctor and export check every win of the history, nearly all of them sound: _lenient_sound says
# "sound" without walking the fields one by one (bench/bench_export.py, "lenient check": 100,000
# wins in 250-300 ms instead of 600-700). Whether a value passes its annotation follows from its
# type alone unless it is a list or a dict (see _checker), so the verdict on a record's keys and
# value types is worked out once per shape (_lenient_plan) and only lists, dicts and dates are
# looked at each time. "Not sound" is no verdict: record_problem then walks the record as before,
# for the same first problem and phrase.

Plan = tuple[tuple[tuple[str, Check], ...], tuple[str, ...]]  # (fields to test, dates to parse)
_PLANS: dict[tuple[str, tuple[Any, ...], tuple[type, ...]], Plan | None] = {}
_MAX_PLANS = 512  # shapes remembered; a hostile file of endless shapes is checked the slow way
_UNPLANNED: Any = object()


def _lenient_sound(table: str, record: dict[Any, Any]) -> bool:
    """True only for a record that the lenient record_problem finds nothing wrong with."""
    shape = (table, tuple(record), tuple(map(type, record.values())))
    plan = _PLANS.get(shape, _UNPLANNED)
    if plan is _UNPLANNED:
        plan = _lenient_plan(table, record)
        if len(_PLANS) < _MAX_PLANS:
            _PLANS[shape] = plan
    if plan is None:
        return False
    deep, dates = plan
    for key, test in deep:
        if not test(record[key]):
            return False
    checked = None
    for key in dates:
        value = record[key]
        if value is checked:  # "created" and "updated" are often the very string "when" is
            continue
        if type(value) is not str or not _ANY_ISO.fullmatch(value):
            return False
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        checked = value
    return True


def _lenient_plan(table: str, record: dict[Any, Any]) -> Plan | None:
    """For records of this one's keys and value types: the tests left to run on each value
    (lists and dicts, by their annotation; dates), or None if no such record is sound."""
    if table not in TABLES or not all(f in record for f in _RELIED_ON.get(table, ())):
        return None
    fields = _fields(TABLES[table])[1]
    deep: list[tuple[str, Check]] = []
    dates: list[str] = []
    for key, value in record.items():
        field = fields.get(key)
        if field is not None:
            if type(value) in (list, dict):
                deep.append((key, field[0]))
            elif not field[0](value):  # true of this value, so of every value of its type
                return None
        if key in _DATES and value is not None:
            dates.append(key)
    return tuple(deep), tuple(dates)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _type_name(hint: Any) -> str:
    return str(hint).replace("typing.", "") if get_origin(hint) else hint.__name__


# -- the lenient check of a whole month shard's rows, fast ------------------------------------------
#
# export checks every win before it writes one (a backup that import would refuse is no backup).
# A schema-6 shard holds its wins as rows under one list of fields, so the check can go column by
# column, in C (set(map(type, column)), one regex over each distinct date) instead of record by
# record (bench/bench_export.py, "lenient check of rows"). Like _lenient_sound it
# can only say "sound": the caller checks record by record otherwise, for the first problem.

# A null "created" or "updated" cell is one that is absent (core.records, "a win as a row").
_NULL_IS_ABSENT = frozenset({"created", "updated"})
_ID_KEYS = re.compile(r"[1-9][0-9]*(?:,[1-9][0-9]*)*")  # keys that record_problem's id test takes


class _Gap:
    """A cell a short row leaves out (zip_longest's filler): the reader puts a default there."""


_GAP = _Gap()


def rows_sound(fields: Any, rows: dict[Any, Any]) -> bool:
    """True only if every win that core.records.unpack_rows makes of the shard *rows* (key ->
    row) under *fields* passes the store's lenient check (store.validate.record_problem)."""
    from itertools import zip_longest

    if not rows:
        return True
    bodies = list(rows.values())
    if not records.fields_ok(fields) or set(map(type, bodies)) != {list}:
        return False  # lean records among the rows, or fields unpack_rows would not take
    lengths = set(map(len, bodies))
    if min(lengths) < 2 or max(lengths) > len(fields) or not _defaults_sound():
        return False
    keys = list(rows)
    if set(map(type, keys)) != {str}:
        return False
    joined = ",".join(keys)  # one comma per key but the last: no key holds one ("1,2")
    if joined.count(",") != len(keys) - 1 or not _ID_KEYS.fullmatch(joined):
        return False
    checks = _fields(TABLES["wins"])[1]
    dates: set[Any] = set()
    for name, column in zip(fields, zip_longest(*bodies, fillvalue=_GAP), strict=False):
        if not _column_sound(checks.get(name), column, null_is_gap=name in _NULL_IS_ABSENT):
            return False
        if name in _DATES:
            dates.update(column)
    dates.discard(_GAP)
    dates.discard(None)  # a null the annotation took; unpack_rows reads it as absent
    if set(map(type, dates)) - {str} or not all(map(_ANY_ISO.fullmatch, dates)):
        return False
    try:
        for _day in map(datetime.fromisoformat, dates):
            pass
    except ValueError:
        return False
    return True


def _column_sound(
    field: tuple[Check, str, Any] | None, column: tuple[Any, ...], *, null_is_gap: bool
) -> bool:
    """Every cell of one column of rows passes its field's test (gaps aside; nulls too where
    *null_is_gap*)."""
    from itertools import chain

    if field is None:  # not a field of Win: the lenient check leaves it alone
        return True
    test, _words, hint = field
    kinds = set(map(type, column))
    kinds.discard(_Gap)
    if null_is_gap:
        kinds.discard(type(None))
    for kind in kinds:
        if kind is list or kind is dict:
            continue
        sample = next(v for v in column if type(v) is kind)
        if not test(sample):  # true of this value, so of every value of its type (see _checker)
            return False
    if not kinds & {list, dict}:
        return True
    deep = [v for v in column if type(v) is list or type(v) is dict]
    item = _list_item(hint)
    if item is not None and dict not in kinds:
        return set(map(type, chain.from_iterable(deep))) <= {item}
    return all(map(test, deep))


def _list_item(hint: Any) -> type | None:
    """X of an annotation list[X] (or list[X] | None) where X is str or int, else None."""
    if get_origin(hint) in (Union, types.UnionType):
        lists = [a for a in get_args(hint) if get_origin(a) is list]
        rest = [a for a in get_args(hint) if get_origin(a) is not list]
        if len(lists) != 1 or rest != [type(None)]:
            return None
        hint = lists[0]
    if get_origin(hint) is list and get_args(hint)[0] in (str, int):
        return get_args(hint)[0]
    return None


@cache
def _defaults_sound() -> bool:
    """The values unpack_rows puts where a row leaves its cells out pass their own tests."""
    checks = _fields(TABLES["wins"])[1]
    return all(checks[k][0](v) for k, v in records.WIN_DEFAULTS.items() if k in checks)
