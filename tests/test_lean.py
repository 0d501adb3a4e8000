"""Lean wins on disk (schema 5) and the streamed export: what is stored, what is read back,
the migration from schema 4, and an export that holds one month at a time."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from helpers.homes import (
    as_records,
    kill_migration_at_second_file,
    shard_records,
    snapshot,
    win_record,
)
from helpers.strategies import whole_wins
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core.records import WIN_ORDER, pack_win, unpack_win
from growthdesk.core.text import win_terms
from growthdesk.io.export import ExportCounts, export_chunks, export_csv, export_json
from growthdesk.io.files import write_output_chunks
from growthdesk.io.importers.native import export_wins
from growthdesk.store import SCHEMA_VERSION, Store, summaries
from growthdesk.store.peek import recent_wins

Invoke = Callable[..., Result]
NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def _shard(home: Path, month: str) -> dict[str, Any]:
    """A shard's wins as the lean records its rows mean (see helpers.homes.as_records)."""
    return shard_records(home / "wins" / f"{month}.json")


# -- what a shard stores ------------------------------------------------------------------------


def test_a_logged_win_is_stored_without_defaults_id_or_terms(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer offline", "-s", "printing", "-m", "5", "--solution", "spooler")
    assert _shard(home, "2026-11") == {
        "1": {
            "when": "2026-11-26T10:00:00+01:00",
            "problem": "printer offline",
            "solution": "spooler",
            "skills": ["printing"],
            "skills_source": "manual",
            "minutes": 5,
        }
    }
    shown = orjson.loads(invoke("wins", "show", "1", "--json").stdout)
    assert list(shown) == [k for k in WIN_ORDER if k not in ("requester", "solution_plain")]
    assert shown["created"] == shown["updated"] == shown["when"]
    assert (shown["id"], shown["tags"], shown["escalated"]) == (1, [], False)


def test_an_edited_win_keeps_what_differs_from_its_defaults(invoke: Invoke, home: Path) -> None:
    invoke("log", "vpn drops", "-s", "remote_access", "--when", "2026-11-20T09:00")
    invoke("wins", "edit", "1", "--escalated", "--tag", "vip")
    stored = _shard(home, "2026-11")["1"]
    assert stored["escalated"] is True and stored["tags"] == ["vip"]
    assert stored["created"] == "2026-11-26T10:00:00+01:00"  # logged later than it happened
    assert "updated" not in stored  # the same moment as "created" (the pinned clock)
    assert Store(home).win(1)["updated"] == "2026-11-26T10:00:00+01:00"


_text = st.text(alphabet="ab é", max_size=6)
_win = whole_wins(_text)


@settings(max_examples=300, deadline=None)
@given(win=_win, id=st.integers(1, 10**12), order=st.randoms())
def test_unpack_gives_back_every_win_pack_stored(win: dict[str, Any], id: int, order) -> None:
    whole = {**win, "id": id}
    keys = list(whole)
    order.shuffle(keys)  # an edit appends its fields: the stored order is any order
    shuffled = {k: whole[k] for k in keys}
    stored = orjson.loads(orjson.dumps(pack_win(shuffled)))  # as it reads back from disk
    assert "id" not in stored and "terms" not in stored
    back = unpack_win(str(id), stored)
    expected = {k: v for k, v in whole.items() if k != "terms"}
    assert back == expected
    # In the order `log` writes, whatever order it had: created, updated and id last.
    known = [k for k in WIN_ORDER if k in back]
    assert [k for k in back if k in WIN_ORDER[-3:]] == [k for k in known if k in WIN_ORDER[-3:]]
    assert [k for k in back if k in known] == known
    assert list(back)[-1] == "id"
    # A default list is the record's own, never shared with other records.
    if not back["tags"]:
        assert back["tags"] is not unpack_win(str(id), stored)["tags"]


def test_a_record_stored_whole_reads_as_it_was() -> None:
    old = {**win_record("2026-11-01T09:00:00+01:00", "x"), "created": "c", "updated": "u", "id": 7}
    assert list(unpack_win("7", old).items()) == list(old.items())


# -- the migration from schema 4 -------------------------------------------------------------------


def _schema_4_home(home: Path) -> list[dict[str, Any]]:
    """A home as growthdesk wrote it with schema 4 (whole records, stored terms, no summaries):
    the records as they should read after the migration."""
    wins = [
        win_record("2026-10-02T09:00:00+02:00", "toner empty", skills_source="auto"),
        win_record(
            "2026-11-03T08:00:00+01:00",
            "wachtwoord verlopen",
            solution="reset in AD",
            helped_by=[1],
            tags=["vip"],
            escalated=True,
            minutes=None,
        ),
        win_record("2026-11-04T08:00:00+01:00", "vpn", requester="Finance", source="csv"),
        win_record("2026-11-05T08:00:00+01:00", "mail", requester=None, ticket="INC1"),
    ]
    out = []
    for id, win in enumerate(wins, start=1):
        stamp = "2026-11-20T12:00:00+01:00" if id == 2 else win["when"]
        rec = {
            **win,
            "created": stamp,
            "updated": "2026-11-21T12:00:00+01:00" if id == 3 else stamp,
        }
        out.append({**rec, "id": id})
    shards: dict[str, dict[str, Any]] = {}
    for rec in out:
        terms = win_terms(rec["problem"], rec["solution"])
        body = {**{k: v for k, v in rec.items() if k != "id"}, "terms": terms, "id": rec["id"]}
        shards.setdefault(rec["when"][:7], {})[str(rec["id"])] = body
    (home / "wins").mkdir(parents=True)
    for month, records in shards.items():
        (home / "wins" / f"{month}.json").write_bytes(orjson.dumps({"wins": records}))
    contact = {"name": "Ana", "kind": "colleague", "org": None, "email": None, "phone": None,
               "specialties": {}, "strength": 3, "met_at": None, "notes": "",
               "last_contact": None, "do_not_ask": False, "created": "2026-10-01", "id": 1}  # fmt: skip
    (home / "main.json").write_bytes(orjson.dumps({"contacts": {"1": contact}}))
    files = ["main.json", *(f"wins/{m}.json" for m in shards)]
    meta = {"_meta": {"1": {"schema_version": 4, "next_id": {"wins": 5, "contacts": 2},
                            "files": files}}}  # fmt: skip
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    return out


def test_a_schema_4_home_migrates_after_a_backup_and_reads_identically(
    invoke: Invoke, home: Path
) -> None:
    expected = _schema_4_home(home)
    before = snapshot(home)
    listed = invoke("wins", "--json")  # any command migrates
    assert listed.exit_code == 0, listed.output
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == SCHEMA_VERSION == 6
    for rel in ("wins/2026-10.json", "wins/2026-11.json"):  # the old shard kept as a backup
        (backup,) = (home / "backups" / rel.replace("/", "_")).iterdir()
        assert backup.read_bytes() == before[rel]
    store = Store(home)
    assert store.wins() == expected  # every field as it was, the stored terms gone
    assert [list(w) for w in store.wins()] == [list(w) for w in expected]
    for month in ("2026-10", "2026-11"):
        raw = orjson.loads((home / "wins" / f"{month}.json").read_bytes())
        assert all(type(body) is list for body in raw["wins"].values())  # rows, every one
        for body in _shard(home, month).values():
            assert "id" not in body and "terms" not in body
        for name in summaries.parts():  # every registered part, written by the migration
            found, _data = summaries.matching(home, f"wins/{month}.json", name)
            assert found, (month, name)
    assert _shard(home, "2026-11")["4"]["requester"] is None  # null is not "absent"
    assert "requester" not in store.win(2)
    exported = orjson.loads(invoke("export", "--include-personal").stdout)["wins"]
    assert export_wins(exported, "") == sorted(expected, key=lambda w: w["id"])
    assert invoke("doctor").exit_code == 0
    # The recall index came through: the Dutch win is found by its English meaning too.
    assert "wachtwoord verlopen" in invoke("recall", "wachtwoord").stdout


def test_a_migration_cut_short_reads_alike_and_goes_on(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growthdesk.store import migrations

    expected = _schema_4_home(home)
    calls, lean = kill_migration_at_second_file(monkeypatch, 4)
    with pytest.raises(OSError):
        Store(home).wins()
    assert calls == [["wins/2026-10.json"], ["wins/2026-11.json"]]  # one month at a time
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == 4  # not done: the next start goes on
    assert "id" not in _shard(home, "2026-10")["1"]  # this month is lean already
    assert "id" in _shard(home, "2026-11")["2"]  # this one not yet
    monkeypatch.setitem(migrations.MIGRATIONS, 4, lean)
    assert Store(home).wins() == expected
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_smaller_disk_per_win(invoke: Invoke, home: Path) -> None:
    expected = _schema_4_home(home)
    old = sum(len(b) for rel, b in snapshot(home).items() if rel.startswith("wins/"))
    invoke("wins")
    new = sum(p.stat().st_size for p in (home / "wins").glob("????-??.json"))
    assert new < 0.6 * old, (new / len(expected), old / len(expected))


# -- the streamed export --------------------------------------------------------------------------


def _mixed_home(invoke: Invoke) -> None:
    """Wins over three months whose ids do not follow their months, personal data included."""
    invoke("log", "printer offline", "-s", "printing", "--for", "Finance")
    invoke("log", "vpn drops", "-s", "remote_access", "--when", "2026-09-03")
    invoke("log", "toner", "-s", "printing", "--when", "2026-10-05", "--solution", "=1+1")
    invoke("log", "wachtwoord", "-s", "accounts_passwords", "--when", "2026-09-01")
    invoke("log", "beamer", "-s", "telephony_av", "--helped-by", "Ana")
    invoke("contact", "add", "Bo", "--kind", "vendor")


@pytest.mark.parametrize("personal", [False, True])
def test_the_streamed_json_export_is_the_whole_document_by_month_a_win_a_line(
    invoke: Invoke, home: Path, personal: bool
) -> None:
    _mixed_home(invoke)
    whole = export_json(Store(home), NOW, personal)
    counts = ExportCounts()
    streamed = b"".join(export_chunks(Store(home), NOW, "json", "wins", personal, counts))
    assert orjson.loads(streamed) == whole
    assert counts.left_out == (0 if personal else 1)
    assert list(whole["wins"]) == ["2026-09", "2026-10", "2026-11"]
    assert [w["id"] for w in export_wins(whole["wins"], "")] == [1, 2, 3, 4, 5]
    assert export_wins(whole["wins"], "") == [
        {k: v for k, v in w.items() if personal or k != "requester"}
        for w in sorted(Store(home).wins(), key=lambda w: w["id"])
    ]
    # Each month is its shard as stored, each win on a line of its own.
    shard = orjson.loads((home / "wins" / "2026-11.json").read_bytes())
    assert (whole["wins"]["2026-11"] == shard) is personal  # without: packed again, no requester
    assert whole["wins"]["2026-09"] == orjson.loads((home / "wins" / "2026-09.json").read_bytes())
    lines = streamed.decode().splitlines()
    keys = [m[1] for m in (re.match(r' {6}"(\d+)":\[', line) for line in lines) if m]
    assert sorted(keys) == ["1", "2", "3", "4", "5"]
    assert ("Finance" in streamed.decode()) is personal


def test_the_streamed_export_of_an_empty_home_is_the_whole_document(home: Path) -> None:
    store = Store(home)
    streamed = b"".join(export_chunks(store, NOW))
    assert orjson.loads(streamed) == export_json(store, NOW)
    assert b'\n  "wins": {},\n' in streamed


@pytest.mark.parametrize("personal", [False, True])
def test_the_streamed_csv_export_is_the_whole_table(
    invoke: Invoke, home: Path, personal: bool
) -> None:
    _mixed_home(invoke)
    whole = export_csv(Store(home), "wins", personal).encode("utf-8-sig")
    chunks = list(export_chunks(Store(home), NOW, "csv", "wins", personal))
    assert len(chunks) == 3  # one a month
    assert b"".join(chunks) == whole
    rows = list(csv.reader(io.StringIO(whole.decode("utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == [
        "wachtwoord",
        "vpn drops",
        "toner",
        "printer offline",
        "beamer",
    ]


def test_an_export_holds_one_month_of_wins_at_a_time(invoke: Invoke, home: Path) -> None:
    _mixed_home(invoke)
    store = Store(home)
    held = []

    def watched(read):  # after each month: which shards the store keeps parsed
        def months(*args):
            for month in read(*args):
                yield month
                held.append([p.name for p in store.files._entries if p.parent.name == "wins"])

        return months

    # json reads the months through the checking pass, csv through the plain one
    store.wins_by_month = watched(store.wins_by_month)  # type: ignore[method-assign]
    store.sound_shards = watched(store.sound_shards)  # type: ignore[method-assign]
    for fmt in ("json", "csv"):
        b"".join(export_chunks(store, NOW, fmt))
    assert held == [[]] * 6  # three months, twice, none of them kept


def test_export_o_writes_the_stream_or_leaves_the_file_alone(
    invoke: Invoke, tmp_path: Path
) -> None:
    _mixed_home(invoke)
    out = tmp_path / "backup.json"
    result = invoke("export", "-o", str(out))
    assert result.exit_code == 0 and "Left out whom 1 win was for" in result.output
    assert out.read_bytes() == invoke("export").stdout_bytes
    assert out.stat().st_mode & 0o777 == 0o600

    def failing():
        yield b"partial"
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_output_chunks(out, failing())
    assert out.read_bytes() == invoke("export").stdout_bytes  # the old file, whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_export_of_a_damaged_store_writes_nothing(invoke: Invoke, home: Path) -> None:
    _mixed_home(invoke)
    shard = home / "wins/2026-10.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["3"]["when"] = 5
    shard.write_bytes(orjson.dumps(data))
    result = invoke("export")
    assert result.exit_code == 1 and result.stdout == ""
    assert "data file wins/2026-10.json is damaged" in result.output


def _damage_record(home: Path, month: str, key: str, **fields: Any) -> None:
    shard = home / f"wins/{month}.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"][key].update(fields)
    shard.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize("target", ["stdout", "new file", "old file"])
def test_a_damaged_win_in_the_last_month_still_writes_nothing(
    invoke: Invoke, home: Path, tmp_path: Path, target: str
) -> None:
    # The shards are checked as the export reads them: the last one is read after every other
    # month is already rendered, and must still stop the export before a byte is written.
    _mixed_home(invoke)
    out = tmp_path / "backup.json"
    if target == "old file":
        out.write_bytes(b"an older backup")
    _damage_record(home, "2026-11", "5", when="2026-11-31T10:00:00+01:00")
    args = ("export",) if target == "stdout" else ("export", "-o", str(out))
    result = invoke(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "Error: data file wins/2026-11.json is damaged (wins record 5: 'when' is not an ISO "
        "date: '2026-11-31T10:00:00+01:00'); run `growthdesk doctor` to see every problem and "
        "`growthdesk doctor --restore` to set it aside\n"
    )
    if target == "old file":
        assert out.read_bytes() == b"an older backup"
    else:
        assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def _torn(home: Path, rel: str) -> None:
    (home / rel).write_bytes(b'{"wins": {"1": {"when"')


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda h: _damage_record(h, "2026-09", "4", problem=None), id="first month"),
        pytest.param(
            lambda h: (
                _damage_record(h, "2026-11", "1", tags=[3]),
                _damage_record(h, "2026-10", "3", minutes="5"),
            ),
            id="two months",
        ),
        pytest.param(
            lambda h: (_torn(h, "wins/2026-11.json"), _damage_record(h, "2026-09", "2", id=7)),
            id="a torn shard after a damaged record",
        ),
        pytest.param(
            lambda h: (_damage_record(h, "2026-10", "3", when=5), _torn(h, "main.json")),
            id="main.json and a shard",
        ),
        pytest.param(lambda h: (h / "wins/2026-10.json").unlink(), id="a shard gone"),
    ],
)
def test_the_export_names_the_damage_a_whole_check_finds_first(
    invoke: Invoke, home: Path, damage: Callable[[Path], Any]
) -> None:
    _mixed_home(invoke)
    damage(home)
    expected = Store(home).damage()
    assert expected is not None
    result = invoke("export")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: {expected}\n"


def test_shell_completion_reads_the_ids_of_lean_wins(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer offline", "-s", "printing")
    invoke("log", "vpn", "-s", "remote_access", "--when", "2026-10-30")
    assert recent_wins(home) == [(2, "vpn"), (1, "printer offline")]


# -- bounded memory elsewhere: a search, doctor ------------------------------------------------


def test_a_search_holds_one_month_at_a_time(invoke: Invoke, home: Path) -> None:
    from growthdesk.worklog.wins import query

    _mixed_home(invoke)
    store = Store(home)
    assert [w["id"] for w in query(store, contains="toner")] == [3]
    assert [p for p in store.files._entries if p.parent.name == "wins"] == []


def test_doctor_lets_go_of_each_sound_shard(
    invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growthdesk.store import doctor

    _mixed_home(invoke)
    held: list[list[str]] = []
    scan = doctor._Check.scan

    def watched(self: Any, rel: str) -> None:
        scan(self, rel)
        held.append([r for r in self.view if r.startswith("wins/")])

    monkeypatch.setattr(doctor._Check, "scan", watched)
    assert invoke("doctor").exit_code == 0
    assert held[-3:] == [[], [], []]  # three sound months, none held after its check


def test_doctor_moves_a_win_found_in_another_month(invoke: Invoke, home: Path) -> None:
    _mixed_home(invoke)
    october, november = home / "wins/2026-10.json", home / "wins/2026-11.json"
    moved = as_records(orjson.loads(october.read_bytes()))
    data = as_records(orjson.loads(november.read_bytes()))
    data["wins"]["3"] = moved["wins"].pop("3")  # October's win, put in November by hand
    november.write_bytes(orjson.dumps(data))
    october.unlink()
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["files"].remove("wins/2026-10.json")
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    report = invoke("doctor")
    assert "BROKEN wins/2026-11.json: win #3 belongs in wins/2026-10.json" in report.stdout
    assert invoke("doctor", "--restore", "--yes").exit_code == 0
    assert list(_shard(home, "2026-10")) == ["3"]
    assert invoke("doctor").exit_code == 0


# -- log leaves the glossary alone ----------------------------------------------------------------


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh `growthdesk ARGS` process had imported when it ended."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from growthdesk.cli import main; sys.argv = ['growthdesk', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(['@@modules', *sorted(sys.modules)]), file=sys.stderr)"
    )
    scratch = Path(os.environ["GROWTHDESK_HOME"]).parent  # not the checkout: see test_ask_speed
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=scratch
    )
    assert out.returncode == 0, out.stderr
    return set(out.stderr.split("@@modules", 1)[1].split())


def test_log_leaves_a_new_texts_concepts_to_whoever_reads_them(invoke: Invoke, home: Path) -> None:
    from growthdesk.reporting.repeats import CONCEPTS, REPEATS

    invoke("log", "printer offline", "-s", "printing")
    modules = _modules_after("log", "wachtwoord verlopen", "-s", "accounts_passwords")
    assert "growthdesk.worklog.wins" in modules
    assert "growthdesk.assist.glossary" not in modules  # ~15 ms of its data not loaded
    raw = orjson.loads((home / "wins/2026-11-repeats.json").read_bytes())["data"]
    assert [k[CONCEPTS] is None for k in raw] == [False, True]
    store = Store(home)
    assert store.summary("2026-11", REPEATS) == summaries.build(REPEATS, store.wins())
    assert "passwor" in store.summary("2026-11", REPEATS)[1][CONCEPTS].split()
    assert invoke("doctor").exit_code == 0  # a part left to work out is no damage


def test_a_commit_works_the_concepts_out_once_a_month_has_enough(
    invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growthdesk.reporting import repeats

    monkeypatch.setattr(repeats, "SETTLE_AT", 2)
    for text in ("printer offline", "vpn drops", "mail full"):
        invoke("log", text, "-s", "printing")
    raw = orjson.loads((home / "wins/2026-11-repeats.json").read_bytes())["data"]
    assert [k[repeats.CONCEPTS] is None for k in raw] == [False, False, False]


def test_a_commit_packs_only_the_wins_it_changed(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer offline", "-s", "printing")
    path = home / "wins/2026-11.json"
    data = as_records(orjson.loads(path.read_bytes()))
    data["wins"]["1"]["tags"] = []  # a lean record, with a default: no commit of ours writes it
    path.write_bytes(orjson.dumps(data))
    invoke("log", "vpn drops", "-s", "remote_access")
    raw = orjson.loads(path.read_bytes())["wins"]
    assert raw["1"]["tags"] == []  # untouched: written as it was stored
    assert type(raw["2"]) is list and "tags" not in _shard(home, "2026-11")["2"]
    invoke("wins", "edit", "1", "--minutes", "7")
    raw = orjson.loads(path.read_bytes())["wins"]
    assert type(raw["1"]) is list and "tags" not in _shard(home, "2026-11")["1"]  # packed again
    assert Store(home).win(1)["minutes"] == 7


def test_a_bulk_change_beside_a_new_win_reaches_the_shard_and_its_summary(
    invoke: Invoke, home: Path
) -> None:
    from growthdesk.reporting.repeats import REPEATS

    invoke("log", "printer offline", "-s", "printing", "--helped-by", "Ana")
    store = Store(home)
    with store.transaction("retag") as tx:
        tx.insert("wins", win_record("2026-11-20T09:00:00+01:00", "vpn drops"))
        tx.update_many("wins", {1: {"skills": ["hardware"]}})
    assert Store(home).win(1)["skills"] == ["hardware"]
    wins = Store(home).wins()
    for name in ("helped", REPEATS):
        found, data = summaries.matching(home, "wins/2026-11.json", name)
        assert found and summaries.settle(name, data) == summaries.build(name, wins), name
