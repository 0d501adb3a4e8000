"""The lenient check of a whole month shard's rows at once (core.schema.rows_sound).

It may only say "sound" of a shard whose every win the record-by-record check passes; export
and Store.damage() then skip that check. Anything else falls back to it, so a damaged row is
still named as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core.records import ROW_FIELDS, WIN_DEFAULTS, unpack_rows
from growthdesk.core.schema import rows_sound
from growthdesk.store import Store
from growthdesk.store.files import pack_shard
from growthdesk.store.validate import record_problem

Invoke = Callable[..., Result]

_MOMENTS = ["2026-11-01T09:00:00+01:00", "2026-11-02T10:30:00.5+00:00", "2026-11-03"]
_BAD_DATES = ["2026-02-30T10:00:00+01:00", "2026-13-01", "20261101T100000+0000", "yesterday"]
_scalar = (
    st.none()
    | st.booleans()
    | st.integers(-2, 3)
    | st.floats(allow_nan=False, width=16)
    | st.text(alphabet="ab é\n", max_size=4)
    | st.sampled_from(_MOMENTS + _BAD_DATES + ["printing", "auto", "manual"])
)
_cell = _scalar | st.lists(_scalar, max_size=3) | st.dictionaries(st.sampled_from("ab"), _scalar)
_fields = st.lists(st.sampled_from(ROW_FIELDS[2:]), unique=True).map(
    lambda more: ["when", "problem", *sorted(more, key=ROW_FIELDS.index)]
)
_key = st.sampled_from(["1", "2", "17", "01", "0", "x", "1 ", "²", "1,2", "3,"])


def _rarely(odd: st.SearchStrategy[Any], usual: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """*odd* one time in eight, else *usual*."""
    return st.integers(0, 7).flatmap(lambda k: odd if k == 0 else usual)


def _typical(fields: list[str]) -> st.SearchStrategy[Any]:
    """A row each of whose cells is usually of its field's own kind, so that sound shards are
    drawn often and a single odd cell is what makes the difference."""
    # Near misses too: a date that is no date, a list with one item of the wrong kind.
    moment = _rarely(st.sampled_from(_BAD_DATES), st.sampled_from(_MOMENTS))
    own = {
        "when": moment,
        "problem": st.text(max_size=3),
        "skills": st.lists(_rarely(_scalar, st.sampled_from(["printing", "hardware"])), max_size=2),
        "minutes": st.none() | st.integers(1, 30),
        "helped_by": st.lists(_rarely(_scalar, st.integers(1, 5)), max_size=2),
        "tags": st.lists(_rarely(_scalar, st.text(max_size=2)), max_size=2),
        "escalated": st.booleans(),
        "created": st.none() | moment,
        "updated": st.none() | moment,
    }
    cells = [_rarely(_cell, own.get(f, st.none() | st.text(max_size=3))) for f in fields]
    return st.integers(2, len(fields)).flatmap(lambda n: st.tuples(*cells[:n]).map(list))


@settings(max_examples=250, deadline=None)
@given(fields=_fields, data=st.data())
def test_a_shard_called_sound_has_no_win_the_record_check_refuses(
    fields: list[str], data: Any
) -> None:
    row = _rarely(st.lists(_cell, max_size=4), _typical(fields))
    rows = data.draw(st.dictionaries(_rarely(_key, st.sampled_from(["1", "2", "17"])), row))
    if rows_sound(fields, rows):
        for key, win in unpack_rows(rows, fields).items():
            assert record_problem("wins", key, win) is None, (key, win)


_win = st.fixed_dictionaries(
    {
        "when": st.sampled_from(_MOMENTS[:2]),
        "problem": st.text(min_size=1, max_size=5),
        "solution": st.none() | st.text(max_size=5),
        "skills": st.lists(st.sampled_from(["printing", "hardware"]), max_size=2, unique=True),
        "minutes": st.none() | st.integers(1, 90),
        "helped_by": st.lists(st.integers(1, 9), max_size=2),
        "ticket": st.none() | st.text(max_size=4),
        "tags": st.lists(st.text(min_size=1, max_size=3), max_size=2),
        "escalated": st.booleans(),
    },
    optional={"created": st.sampled_from(_MOMENTS[:2]), "requester": st.text(max_size=3)},
)


@settings(max_examples=200, deadline=None)
@given(wins=st.lists(_win, min_size=1, max_size=6))
def test_the_rows_the_store_writes_are_sound_as_a_whole(wins: list[dict[str, Any]]) -> None:
    # Otherwise export would quietly take the slow path again.
    shard = {"wins": {str(n): {**w, "id": n} for n, w in enumerate(wins, 1)}}
    stored = orjson.loads(pack_shard(shard))
    assert all(type(row) is list for row in stored["wins"].values())
    assert rows_sound(stored["fields"], stored["wins"])


@pytest.mark.parametrize(
    ("cell", "value", "why"),
    [
        (0, "2026-11-31T10:00:00+01:00", "'when' is not an ISO date: '2026-11-31T10:00:00+01:00'"),
        ("minutes", "5", "'minutes' is not int | None"),
        ("helped_by", [1, True], "'helped_by' is not list[int]"),
        ("skills", ["printing", None], "'skills' is not list[str]"),
        ("escalated", 0, "'escalated' is not bool"),
    ],
)
def test_a_damaged_cell_of_a_row_is_named_as_before(
    invoke: Invoke, home: Path, cell: Any, value: Any, why: str
) -> None:
    for n in range(3):
        invoke("log", f"printer {n} jams", "--when", f"2026-11-0{n + 1}T10:00", "-m", "5")
    invoke("contact", "add", "Ana de Vries")
    log = ("log", "vpn drops", "--when", "2026-11-04T10:00", "--escalated", "--helped-by", "Ana")
    assert invoke(*log).exit_code == 0
    path = home / "wins/2026-11.json"
    stored = orjson.loads(path.read_bytes())
    fields = stored["fields"]
    row = stored["wins"]["2"]
    place = cell if type(cell) is int else fields.index(cell)
    row.extend(
        WIN_DEFAULTS.get(f) for f in fields[len(row) :]
    )  # the trailing defaults, written out
    row[place] = value
    path.write_bytes(orjson.dumps(stored))

    expected = f"data file wins/2026-11.json is damaged (wins record 2: {why})"
    damage = Store(home).damage()
    assert damage is not None and str(damage).startswith(expected)
    result = invoke("export")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.output.startswith("Error: " + expected)


@pytest.mark.parametrize("key", ["1,2", "2,", "01", "0", "x", "²", " 1"])
def test_a_key_that_is_no_id_makes_the_shard_unsound(key: str) -> None:
    row = ["2026-11-01T09:00:00+01:00", "printer jams"]
    assert rows_sound(["when", "problem"], {"1": row, "2": row})
    rows = {"1": row, key: row}
    assert not rows_sound(["when", "problem"], rows)
    assert any(
        record_problem("wins", k, w) for k, w in unpack_rows(rows, ["when", "problem"]).items()
    )


@pytest.mark.parametrize("key", ["²", "1,2"])
def test_a_shard_key_that_is_no_id_is_damage_not_a_crash(
    invoke: Invoke, home: Path, key: str
) -> None:
    # "²".isdigit() is true and int() refuses it: read as damage, named, nothing written.
    for n in range(2):
        invoke("log", f"printer {n} jams", "--when", f"2026-11-0{n + 1}T10:00", "-m", "5")
    path = home / "wins/2026-11.json"
    stored = orjson.loads(path.read_bytes())
    stored["wins"][key] = stored["wins"].pop("2")
    path.write_bytes(orjson.dumps(stored))
    result = invoke("export")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.output.startswith(
        f"Error: data file wins/2026-11.json is damaged (wins record {key}: its id {key!r} does not"
    )
    checked = invoke("doctor")
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    assert f"wins record {key}" in checked.output
