"""core/schema.py: the lenient check's fast path for sound records gives every record the verdict,
and the phrase, of the field-by-field walk it stands in for (tests/helpers/schema_before.py)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import schema_before
from helpers.homes import win_record
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core import schema
from growthdesk.core.records import pack_win, unpack_win

WHEN = "2026-11-26T10:00:00+01:00"
# One sound record per table, as the store holds them.
SOUND: dict[str, dict[str, Any]] = {
    "wins": {
        **win_record(WHEN, "printer offline", helped_by=[2], tags=["floor3"], ticket="INC1"),
        "created": WHEN,
        "updated": "2026-11-27T08:00:00+01:00",
        "id": 1,
    },
    "contacts": {
        "name": "Sanne", "kind": "colleague", "org": None, "email": None, "phone": None,
        "specialties": {"remote_access": 5}, "strength": 3, "met_at": None, "notes": "",
        "last_contact": "2026-11-20", "do_not_ask": False, "created": WHEN, "id": 2,
    },
    "links": {"a": 1, "b": 2, "strength": 3, "note": "", "id": 1},
    "interactions": {"contact": 2, "when": WHEN, "kind": "asked", "note": "", "id": 1},
    "events": {"name": "Meetup", "kind": "meetup", "date": "2026-10-01", "skills": [],
               "met": [2], "id": 1},
    "learning": {"when": WHEN, "kind": "course", "title": "CCNA",
                 "skills": ["network_connectivity"], "minutes": 90, "url": None, "id": 1},
    "kudos": {"when": WHEN, "from": "Mark", "note": "thanks", "win": 1, "id": 1},
    "profile": {"started": "2025-06-02", "role": None, "target_minutes": 30, "track": None,
                "lang": "en"},
}  # fmt: skip
KEYS = sorted({k for r in SOUND.values() for k in r} | {"terms", "requester", "zzz", "away_until"})

DATES = st.sampled_from(
    [
        WHEN,
        "2026-11-26",
        "2026-02-29",  # not a leap year
        "2024-02-29T23:59:59.123456-05:00",
        "2026-11-26T10:00",
        "2026-11-26T10:00Z",
        "2026-11-26T10:00:00+0100",
        "20261126T100000+0000",
        "2026-13-01",
        "2026-11-26T24:00:00+01:00",
        "2026-11-26 10:00:00",
        "",
        "٢٠٢٦-١١-٢٦",  # Arabic-Indic digits: \d matches them
    ]
) | st.from_regex(
    r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,7})?)?(Z|[+-]\d\d:\d\d)?)?", fullmatch=True
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-3, max_value=3)
    | st.sampled_from([2**63 - 1, 2**63, -(2**63)])
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
    | st.sampled_from(["printing", "remote_access", "nope", "auto", "manual"])
    | DATES
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def records(draw: st.DrawFn, table: str) -> Any:
    """A sound record of *table*, changed a few times: a field set to any value, a field
    dropped, the dates made one string (as unpack_win leaves them), or no object at all."""
    if draw(st.integers(0, 30)) == 0:
        return draw(VALUES)
    record = dict(SOUND[table])
    for _ in range(draw(st.integers(0, 3))):
        change = draw(st.sampled_from(["set", "set", "drop", "same dates"]))
        if change == "set":
            record[draw(st.sampled_from(KEYS))] = draw(VALUES)
        elif change == "drop" and record:
            del record[draw(st.sampled_from(sorted(record)))]
        elif change == "same dates" and "when" in record:
            record["created"] = record["updated"] = record["when"]
    return record


@settings(max_examples=400, deadline=None)
@given(data=st.data(), table=st.sampled_from(sorted(SOUND)))
def test_every_record_gets_the_verdict_it_got_before(data: st.DataObject, table: str) -> None:
    # Several records of one table in a row, from a forgotten cache of shapes: a shape worked
    # out for one record must not decide for the next one of that shape.
    schema._PLANS.clear()
    for record in data.draw(st.lists(records(table), min_size=1, max_size=4)):
        for strict in (False, True):
            before = schema_before.record_problem(table, record, strict=strict)
            assert schema.record_problem(table, record, strict=strict) == before, (record, strict)


def test_the_sound_record_of_each_table_is_sound() -> None:
    for table, record in SOUND.items():
        assert schema.record_problem(table, record, strict=False) is None, table
        assert schema_before.record_problem(table, record, strict=True) is None, table


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"when": "2026-02-29T10:00:00+01:00"},
         "'when' is not an ISO date: '2026-02-29T10:00:00+01:00'"),
        ({"updated": "2026-11-26T10:00"}, None),  # lenient: any ISO form
        ({"updated": "2026-11-26T25:00"}, "'updated' is not an ISO date: '2026-11-26T25:00'"),
        ({"tags": ["a", 1]}, "'tags' is not list[str]"),
        ({"helped_by": [True]}, "'helped_by' is not list[int]"),
        ({"minutes": 5.0}, "'minutes' is not int | None"),
        ({"escalated": 0}, "'escalated' is not bool"),
        ({"zzz": [1]}, None),  # lenient: fields of a newer version are left alone
    ],
)  # fmt: skip
def test_a_shape_seen_sound_still_catches_what_is_in_its_values(
    change: dict[str, Any], problem: str | None
) -> None:
    # The same keys and value types as a sound win just checked: only the values differ.
    win = unpack_win("7", pack_win({**SOUND["wins"], "updated": WHEN, "zzz": ["x"]}))
    assert schema.record_problem("wins", win, strict=False) is None
    assert schema.record_problem("wins", {**win, **change}, strict=False) == problem
