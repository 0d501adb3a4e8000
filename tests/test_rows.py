"""Month shards as rows (schema 6): the fields named once, each win a row of values.

What a shard stores, that rows read back as exactly what the lean records of schema 5 did (the
codec, by Hypothesis), the migration of a schema-5 home, and damage inside a row."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from helpers.homes import kill_migration_at_second_file, shard_records, snapshot, win_record
from helpers.strategies import MOMENT, whole_wins
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core.records import (
    ROW_FIELDS,
    WIN_ORDER,
    pack_win,
    unpack_row,
    unpack_rows,
    unpack_win,
)
from growthdesk.io.importers.native import export_wins
from growthdesk.store import SCHEMA_VERSION, Store, chains, summaries
from growthdesk.store.files import decode, pack_shard, shard_wins, unpack_shard

Invoke = Callable[..., Result]


def _raw(home: Path, month: str) -> dict[str, Any]:
    return orjson.loads((home / "wins" / f"{month}.json").read_bytes())


# -- what a shard stores ---------------------------------------------------------------------------


def test_a_shard_names_its_fields_once_and_leaves_trailing_defaults_out(
    invoke: Invoke, home: Path
) -> None:
    invoke("log", "printer offline", "-s", "printing", "-m", "5", "--solution", "spooler")
    invoke("log", "vpn drops", "-s", "remote_access", "--ticket", "INC7")
    invoke("log", "mail", "-s", "email_calendar", "-m", "3")
    assert (home / "wins/2026-11.json").read_bytes() == (
        b'{"fields":["when","problem","solution","skills","skills_source","minutes","ticket"],'
        b'"wins":{"1":["2026-11-26T10:00:00+01:00","printer offline","spooler",["printing"],'
        b'"manual",5],"2":["2026-11-26T10:00:00+01:00","vpn drops",null,["remote_access"],'
        b'"manual",null,"INC7"],"3":["2026-11-26T10:00:00+01:00","mail",null,'
        b'["email_calendar"],"manual",3]}}'
    )
    shown = orjson.loads(invoke("wins", "show", "2", "--json").stdout)
    assert list(shown) == [k for k in WIN_ORDER if k not in ("requester", "solution_plain")]
    assert (shown["ticket"], shown["minutes"], shown["tags"], shown["id"]) == ("INC7", None, [], 2)


def test_a_win_no_row_can_hold_is_stored_as_its_lean_record(invoke: Invoke, home: Path) -> None:
    # The shard names "requester" for win 1; win 2 has none but a solution in plain words after
    # it, which only a trailing cell could leave out: win 2 keeps the lean record.
    invoke("log", "printer offline", "-s", "printing", "--for", "Finance")
    invoke("log", "vpn", "-s", "remote_access", "--solution", "reset", "--for-user", "restarted")
    raw = _raw(home, "2026-11")
    assert raw["fields"][-2:] == ["requester", "solution_plain"]
    assert type(raw["wins"]["1"]) is list and raw["wins"]["1"][-1] == "Finance"
    assert raw["wins"]["2"] == {
        "when": "2026-11-26T10:00:00+01:00",
        "problem": "vpn",
        "solution": "reset",
        "skills": ["remote_access"],
        "skills_source": "manual",
        "solution_plain": "restarted",
    }
    assert "requester" not in Store(home).win(2) and Store(home).win(1)["requester"] == "Finance"
    assert invoke("doctor").exit_code == 0


def test_a_log_into_a_month_keeps_the_other_rows_as_they_were_stored(
    invoke: Invoke, home: Path
) -> None:
    invoke("log", "printer offline", "-s", "printing", "-m", "5")
    path = home / "wins/2026-11.json"
    data = orjson.loads(path.read_bytes())
    data["wins"]["1"].append(None)  # a trailing null ticket: as meant, but never written so
    path.write_bytes(orjson.dumps({**data, "fields": [*data["fields"], "ticket"]}))
    invoke("log", "vpn", "-s", "remote_access", "-m", "2")
    after = _raw(home, "2026-11")
    assert after["wins"]["1"][-1] is None  # untouched, so not packed again
    assert after["wins"]["2"] == [
        "2026-11-26T10:00:00+01:00",
        "vpn",
        ["remote_access"],
        "manual",
        2,
    ]
    # A win that needs a field the shard does not name yet: every row is packed again.
    invoke("log", "toner", "-s", "printing", "--tag", "vip")
    again = _raw(home, "2026-11")
    assert again["fields"] == ["when", "problem", "skills", "skills_source", "minutes", "tags"]
    assert len(again["wins"]["1"]) == 5 and again["wins"]["3"][-2:] == [None, ["vip"]]
    assert [w["problem"] for w in Store(home).wins()] == ["printer offline", "vpn", "toner"]


def test_a_month_of_rows_is_a_third_smaller_than_its_lean_records() -> None:
    wins = {
        str(id): {
            **win_record(f"2026-11-{1 + id % 28:02d}T09:00:00+01:00", f"printer {id} offline"),
            "skills_source": "auto",
            "ticket": f"INC{id:06d}",
            "id": id,
        }
        for id in range(1, 41)
    }
    lean = orjson.dumps({"wins": {k: pack_win(w) for k, w in wins.items()}})
    assert len(pack_shard({"wins": wins})) < 0.7 * len(lean)


# -- the codec: rows read back what lean records did ---------------------------------------------

_text = st.text(alphabet='ab é\n"\\', max_size=5)
_win = whole_wins(_text, null_moments=True)
_odd = (
    st.none() | st.booleans() | st.integers(-3, 3) | _text | st.lists(st.integers(0, 2), max_size=2)
)
# Odd values where a damaged or hand-edited record may have them (0 is not False, [] not None)
_odd_win = st.builds(
    lambda win, odd: {**win, **odd},
    _win,
    # "when" stays a moment: a shard is kept in time order (any "when" a row may hold is in
    # test_any_row_means_the_lean_record_of_its_fields)
    st.dictionaries(st.sampled_from([*ROW_FIELDS[1:], "extra"]), _odd, max_size=3),
)


def _old_path(win: dict[str, Any]) -> dict[str, Any]:
    """A win as schema 5 stored and read it: its lean record, through JSON, unpacked."""
    return unpack_win(str(win["id"]), orjson.loads(orjson.dumps(pack_win(win))))


@settings(max_examples=300, deadline=None)
@given(wins=st.lists(_odd_win, min_size=1, max_size=5), order=st.randoms())
def test_a_shard_of_rows_reads_back_what_lean_records_did(
    wins: list[dict[str, Any]], order: Any
) -> None:
    whole = []
    for id, win in enumerate(wins, start=1):
        keys = [*win, "id"]
        order.shuffle(keys)  # an edit appends its fields: the order in memory is any order
        whole.append({k: ({**win, "id": id}[k]) for k in keys})
    data = {"wins": {str(w["id"]): w for w in whole}}
    raw = pack_shard(data)
    decoded = decode(raw)
    assert isinstance(decoded, dict)  # a file growthdesk wrote is one it reads
    back = unpack_shard(decoded)["wins"]
    for win in whole:
        expected = _old_path(win)
        got = back[str(win["id"])]
        assert got == expected
        assert list(got) == list(expected)  # the same order: export bytes follow it
    assert [w["id"] for w in shard_wins(raw)] == [
        w["id"] for w in sorted(whole, key=lambda w: (w["when"], w["id"]))
    ]


@settings(max_examples=300, deadline=None)
@given(win=_win, id=st.integers(1, 10**12), created=MOMENT, updated=MOMENT)
def test_pack_then_unpack_is_the_identity_for_the_wins_the_store_holds(
    win: dict[str, Any], id: int, created: str, updated: str
) -> None:
    # What every writer leaves: every field, created and updated set, no terms, nothing unknown.
    whole = {k: v for k, v in win.items() if k not in ("terms", "extra", "created", "updated")}
    whole = {**whole, "created": created, "updated": updated, "id": id}
    packed = pack_shard({"wins": {str(id): whole}})
    (back,) = unpack_shard(orjson.loads(packed))["wins"].values()
    assert back == whole
    assert list(back) == [k for k in WIN_ORDER if k in whole]


_fields = st.lists(st.sampled_from(ROW_FIELDS[2:]), unique=True).map(
    lambda more: ["when", "problem", *sorted(more, key=ROW_FIELDS.index)]
)


@settings(max_examples=300, deadline=None)
@given(fields=_fields, data=st.data())
def test_any_row_means_the_lean_record_of_its_fields(fields: list[str], data: Any) -> None:
    # A row as a hostile or hand-edited file may hold it, of any values: it reads as its lean
    # record would (its fields and values, in WIN_ORDER as pack_win writes), damage included,
    # so doctor sees the same.
    row = data.draw(st.lists(_odd, max_size=len(fields)))
    got = unpack_row("7", row, fields)
    lean = sorted(zip(fields, row, strict=False), key=lambda kv: WIN_ORDER.index(kv[0]))
    expected = unpack_win("7", dict(lean))
    assert got == expected and list(got) == list(expected)
    # and the shard's fast path reads it alike, beside a row of the usual shape
    usual = ["2026-11-01T09:00:00+01:00", "x"]
    both = unpack_rows({"7": row, "8": usual}, fields)
    assert both["7"] == expected and list(both["7"]) == list(expected)
    assert list(both["8"].items()) == list(unpack_row("8", usual, fields).items())


def test_a_default_list_of_a_row_is_the_records_own() -> None:
    fields = ["when", "problem"]
    one, two = (unpack_row(k, ["2026-11-01T09:00:00+01:00", "x"], fields) for k in ("1", "2"))
    assert one["tags"] == two["tags"] == [] and one["tags"] is not two["tags"]
    row = ["2026-11-01T09:00:00+01:00", "x"]
    one, two = unpack_rows({"1": row, "2": list(row)}, fields).values()
    for name in ("skills", "helped_by", "tags"):
        assert one[name] == two[name] == [] and one[name] is not two[name]


@pytest.mark.parametrize(
    "fields",
    [
        ["problem", "when"],
        ["when"],
        ["when", "problem", "ticket", "solution"],
        ["when", "problem", "ticket", "ticket"],
        ["when", "problem", "colour"],
        ["when", "problem", 3],
        "when,problem",
    ],
)
def test_a_shard_whose_fields_growthdesk_never_writes_is_damaged(
    invoke: Invoke, home: Path, fields: Any
) -> None:
    invoke("log", "printer offline", "-s", "printing")
    path = home / "wins/2026-11.json"
    path.write_bytes(orjson.dumps({**orjson.loads(path.read_bytes()), "fields": fields}))
    result = invoke("wins")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "Error: data file wins/2026-11.json is not a growthdesk file; run `growthdesk doctor "
        "--restore` to restore the newest good backup\n"
    )


# -- the migration from schema 5 -------------------------------------------------------------------


def _schema_5_home(invoke: Invoke, home: Path) -> None:
    """A home as growthdesk wrote it with schema 5 (each win its lean record, by key): written
    here through the store, then turned back into that layout with its schema version."""
    invoke("log", "printer offline", "-s", "printing", "-m", "5", "--solution", "spooler")
    invoke("log", "vpn drops", "-s", "remote_access", "--when", "2026-10-03", "--for", "Finance")
    invoke("log", "wachtwoord verlopen", "-s", "accounts_passwords", "--when", "2026-10-04",
           "--helped-by", "Ana", "--ticket", "INC9")  # fmt: skip
    invoke("wins", "edit", "2", "--escalated", "--tag", "vip")
    invoke("log", "toner", "-s", "printing", "--when", "2026-09-30T23:59")
    for month in ("2026-09", "2026-10", "2026-11"):
        lean = shard_records(home / "wins" / f"{month}.json")
        (home / "wins" / f"{month}.json").write_bytes(orjson.dumps({"wins": lean}))
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = 5
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    # The chain as schema 5 left it: folded over, and stamped with, the lean shards.
    for rel, *_rest in chains.chain_files(home):
        (home / rel).unlink()
    folded = chains.rebuild(home, "repeats")
    assert folded is not None
    (home / folded[0]).write_bytes(folded[1])


def _unmigrated(home: Path, tmp_path: Path) -> Path:
    """A copy of *home* that reads its schema-5 shards without migrating them: lean records
    are read in any shard, so a copy that claims schema 6 answers as schema 5 did."""
    copy = tmp_path / "unmigrated"
    shutil.copytree(home, copy)
    meta = orjson.loads((copy / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = SCHEMA_VERSION
    (copy / "meta.json").write_bytes(orjson.dumps(meta))
    return copy


_READS = [("wins", "--json"), ("export", "--include-personal"), ("stats", "--json"), ("skills",),
          ("recall", "wachtwoord"), ("export", "--format", "csv")]  # fmt: skip


def _exported(out: bytes) -> dict[str, Any]:
    doc = orjson.loads(out)
    doc["wins"] = export_wins(doc["wins"], "")
    return doc


def test_a_schema_5_home_migrates_after_a_backup_and_answers_identically(
    invoke: Invoke, home: Path, tmp_path: Path
) -> None:
    _schema_5_home(invoke, home)
    before = snapshot(home)
    unmigrated = _unmigrated(home, tmp_path)
    expected = [invoke("--home", str(unmigrated), *args).stdout_bytes for args in _READS]
    assert snapshot(unmigrated)["wins/2026-10.json"] == before["wins/2026-10.json"]

    answers = [invoke(*args).stdout_bytes for args in _READS]  # the first one migrates
    for args, got, want in zip(_READS, answers, expected, strict=True):
        if args[:2] == ("export", "--include-personal"):  # each month as its shard stores it
            got, want = _exported(got), _exported(want)
        assert got == want, args  # the records of the export, and every other answer byte for byte
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == SCHEMA_VERSION == 6
    for month in ("2026-09", "2026-10", "2026-11"):
        rel = f"wins/{month}.json"
        kept = sorted(p.name for p in (home / "backups" / rel.replace("/", "_")).iterdir())
        newest = home / "backups" / rel.replace("/", "_") / kept[-1]
        assert newest.read_bytes() == before[rel]  # the old shard kept as a backup
        raw = _raw(home, month)
        assert all(type(body) is list for body in raw["wins"].values())
        for name in summaries.parts():  # stamped with the new bytes, written by the migration
            found, _data = summaries.matching(home, rel, name)
            assert found, (month, name)
    # The chains, folded once by the migration's last commit, match the new shards.
    assert sorted(chains.chains()) == ["repeats"]
    assert [(f[1], f[3]) for f in chains.chain_files(home)] == [("repeats", "2026-09")]
    assert Store(home).chain("repeats") is not None
    assert invoke("doctor").exit_code == 0


def test_a_migration_to_rows_cut_short_goes_on_at_the_next_start(
    invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from growthdesk.store import migrations

    _schema_5_home(invoke, home)
    expected = Store(_unmigrated(home, tmp_path)).wins()
    calls, rows = kill_migration_at_second_file(monkeypatch, 5)
    with pytest.raises(OSError):
        Store(home).wins()
    assert calls == [["wins/2026-09.json"], ["wins/2026-10.json"]]  # one month at a time
    assert orjson.loads((home / "meta.json").read_bytes())["_meta"]["1"]["schema_version"] == 5
    assert type(_raw(home, "2026-09")["wins"]["4"]) is list  # this month is rows already
    assert type(_raw(home, "2026-10")["wins"]["2"]) is dict  # this one not yet
    monkeypatch.setitem(migrations.MIGRATIONS, 5, rows)
    assert Store(home).wins() == expected
    assert orjson.loads((home / "meta.json").read_bytes())["_meta"]["1"]["schema_version"] == 6
    assert all(
        type(b) is list for m in ("2026-10", "2026-11") for b in _raw(home, m)["wins"].values()
    )


# -- damage inside a row ---------------------------------------------------------------------------


def _two_wins_and_damage(invoke: Invoke, home: Path, change: Callable[[list[Any]], Any]) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-11-02")
    invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03", "-m", "4")
    path = home / "wins/2026-11.json"
    data = orjson.loads(path.read_bytes())
    change(data["wins"]["2"])
    path.write_bytes(orjson.dumps(data))


def test_a_row_longer_than_its_fields_is_named_and_set_aside_alone(
    invoke: Invoke, home: Path
) -> None:
    _two_wins_and_damage(invoke, home, lambda row: row.extend([1, 2, 3, 4, 5, 6, 7]))
    result = invoke("wins")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: data file wins/2026-11.json is damaged (wins record 2: its row has more values "
        "than its month file has fields); run `growthdesk doctor` to see every problem and "
        "`growthdesk doctor --restore` to set it aside\n"
    )
    report = invoke("doctor")
    assert report.exit_code == 1
    assert (
        "BROKEN wins/2026-11.json: wins record 2: its row has more values than its month file "
        "has fields" in report.stdout
    )
    assert invoke("doctor", "--restore", "--yes").exit_code == 0
    (kept,) = (home / "wins").glob("2026-11.json.damaged-*")
    aside = orjson.loads(kept.read_bytes())
    assert list(aside["wins"]) == ["2"] and aside["wins"]["2"][1] == "toner empty"
    assert aside["fields"] == ["when", "problem", "skills", "skills_source", "minutes", "created"]
    assert [w["problem"] for w in Store(home).wins()] == ["printer jam"]  # the other row kept
    assert invoke("doctor").exit_code == 0


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda row: row.__setitem__(0, 5), "'when' is not str"),
        (lambda row: row.__setitem__(4, "four"), "'minutes' is not int | None"),
        (lambda row: row.__delitem__(slice(1, None)), "'problem' is missing"),
        (lambda row: row.__setitem__(2, "printing"), "'skills' is not list[str]"),
    ],
)
def test_a_bad_value_in_a_row_is_named_and_only_that_win_set_aside(
    invoke: Invoke, home: Path, change: Callable[[list[Any]], Any], why: str
) -> None:
    _two_wins_and_damage(invoke, home, change)
    result = invoke("export")  # checks every record: a backup import would refuse is none
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"Error: data file wins/2026-11.json is damaged (wins record 2: {why})"
    )
    assert f"BROKEN wins/2026-11.json: wins record 2: {why}" in invoke("doctor").stdout
    assert invoke("doctor", "--restore", "--yes").exit_code == 0
    assert [w["problem"] for w in Store(home).wins()] == ["printer jam"]
    assert invoke("doctor").exit_code == 0
    assert invoke("stats").exit_code == 0
