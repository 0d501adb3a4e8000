"""Data safety around the store (issue 11): missing files, restores and ids, readers during
commits, and a journal that aims outside the home. Real files and real processes throughout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import Result
from helpers.homes import as_records

from growthdesk.store import SCHEMA_VERSION, Store

Invoke = Callable[..., Result]
HELPERS = Path(__file__).parent / "helpers"


def gd(*args: str) -> subprocess.CompletedProcess[str]:
    """`growthdesk ARGS` as a real process (GROWTHDESK_HOME and _NOW come from conftest)."""
    return subprocess.run(
        [sys.executable, "-m", "growthdesk", *args], capture_output=True, text=True, timeout=120
    )


def _files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def _ids(home: Path) -> list[int]:
    """Every win id in every month shard on disk, repeats included."""
    return sorted(
        int(key)  # a win's id is its key in the shard
        for path in (home / "wins").glob("????-??.json")
        for key in orjson.loads(path.read_bytes())["wins"]
    )


@pytest.fixture
def full_home(invoke: Invoke, home: Path) -> Path:
    """Contacts in main.json, wins in two months, the tagger model in models.json."""
    assert invoke("contact", "add", "Ana de Vries", "--strength", "4").exit_code == 0
    assert invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02").exit_code == 0
    assert invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03").exit_code == 0
    assert (home / "models.json").exists()
    return home


# -- 1. a missing file is never an empty table ------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "command"),
    [
        ("main.json", ["contact", "list"]),
        ("wins/2026-10.json", ["wins"]),
        ("models.json", ["export", "--format", "json"]),
        ("meta.json", ["wins"]),
    ],
)
def test_a_missing_file_is_an_error_naming_it_and_doctor_brings_it_back(
    full_home: Path, rel: str, command: list[str]
) -> None:
    before = (full_home / rel).read_bytes()
    (full_home / rel).unlink()

    failed = gd(*command)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr == (
        f"Error: data file {rel} is missing; run `growthdesk doctor --restore` to bring back "
        "its newest backup\n"
    )

    report = gd("doctor")
    assert report.returncode == 1
    assert f"BROKEN {rel}: it is missing" in report.stdout
    assert f"newest good backup: backups/{rel.replace('/', '_')}/" in report.stdout

    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"restored from backups/{rel.replace('/', '_')}/" in fixed.stdout
    assert gd(*command).returncode == 0
    if rel in ("main.json", "wins/2026-10.json"):  # written once: the backup is the file
        assert (full_home / rel).read_bytes() == before
        assert "loses:" not in report.stdout
    elif rel == "models.json":  # the newest backup is from before the last change
        assert "1 change made after" in report.stdout
        assert "is not in the backup: log win: toner empty" in report.stdout
    assert gd("doctor").returncode == 0


def test_a_shard_emptied_by_a_commit_is_not_missing(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02")
    invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03")
    assert invoke("wins", "edit", "1", "--when", "2026-11-04").exit_code == 0
    assert not (home / "wins" / "2026-10.json").exists()
    listed = orjson.loads((home / "meta.json").read_bytes())["_meta"]["1"]["files"]
    assert listed == ["models.json", "wins/2026-11.json"]
    assert len(Store(home).wins()) == 2
    assert invoke("undo").exit_code == 0  # the undo brings the October shard and its listing back
    assert Store(home).win_months() == ["2026-10", "2026-11"]


def test_an_old_store_gets_its_manifest_after_a_backup(home: Path) -> None:
    home.mkdir(mode=0o700)
    (home / "wins").mkdir(mode=0o700)
    win = {"when": "2026-11-01T10:00:00+01:00", "problem": "one", "skills": [], "minutes": 5}
    meta = {"_meta": {"1": {"schema_version": 2, "next_id": {"wins": 2, "contacts": 2}}}}
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    (home / "main.json").write_bytes(orjson.dumps({"contacts": {"1": {"id": 1, "name": "Ana"}}}))
    (home / "wins" / "2026-11.json").write_bytes(orjson.dumps({"wins": {"1": {**win, "id": 1}}}))

    assert [w["problem"] for w in Store(home).wins()] == ["one"]
    doc = orjson.loads((home / "meta.json").read_bytes())["_meta"]["1"]
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["files"] == ["main.json", "wins/2026-11.json"]
    assert any((home / "backups" / "meta.json").iterdir())  # migrated after a backup

    (home / "main.json").unlink()
    failed = gd("contact", "list")
    assert failed.returncode == 1
    assert "data file main.json is missing" in failed.stderr


# -- 2. restores never create duplicate ids ---------------------------------------------------


def _export_imports_cleanly(tmp_path: Path) -> None:
    exported = gd("export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    backup = tmp_path / "export.json"
    backup.write_text(exported.stdout)
    fresh = subprocess.run(
        [sys.executable, "-m", "growthdesk", "--home", str(tmp_path / "fresh"), "import"]
        + [str(backup), "--from", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fresh.returncode == 0, fresh.stderr


def test_restoring_meta_json_never_reuses_an_id(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    for day in ("02", "03", "04"):
        invoke("log", f"printer jam {day}", "-s", "printing", "--when", f"2026-11-{day}")
    (home / "meta.json").write_bytes(b"{broken")
    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout
    # The newest backup of meta.json is from before the third win: its counter said 3.
    assert "BROKEN meta.json: the next wins id would be 3, but #3 exists" in fixed.stdout
    assert "fixed: counter raised to 4" in fixed.stdout
    assert invoke("log", "toner", "-s", "printing").exit_code == 0
    assert _ids(home) == [1, 2, 3, 4]
    _export_imports_cleanly(tmp_path)


def test_restoring_a_shard_never_brings_back_a_win_that_moved(
    invoke: Invoke, home: Path, tmp_path: Path
) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02")
    invoke("log", "vpn drops", "-s", "remote_access", "--when", "2026-10-05")
    invoke("wins", "edit", "2", "--when", "2026-09-30")  # win 2 moves from October to September
    (home / "wins" / "2026-10.json").write_bytes(b"")  # its newest backup still holds win 2

    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout
    assert "BROKEN wins/2026-10.json: win #2 is also in wins/2026-09.json" in fixed.stdout
    assert _ids(home) == [1, 2]  # no id twice
    assert Store(home).win(2)["when"].startswith("2026-09-30")
    assert gd("doctor").returncode == 0
    _export_imports_cleanly(tmp_path)


def test_doctor_finds_and_repairs_a_counter_behind_and_an_id_in_two_shards(
    invoke: Invoke, home: Path
) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02")
    invoke("log", "vpn drops", "-s", "remote_access", "--when", "2026-11-05")
    october, november = home / "wins" / "2026-10.json", home / "wins" / "2026-11.json"
    stale = as_records(orjson.loads(november.read_bytes()))["wins"]["2"]
    copy = {**stale, "when": "2026-10-09T10:00:00+01:00", "updated": "2026-10-09T10:00:00+01:00"}
    shard = orjson.loads(october.read_bytes())
    shard["wins"]["2"] = copy
    october.write_bytes(orjson.dumps(shard))
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["next_id"]["wins"] = 2
    (home / "meta.json").write_bytes(orjson.dumps(meta))

    report = gd("doctor")
    assert report.returncode == 1
    assert "BROKEN meta.json: the next wins id would be 2, but #2 exists" in report.stdout
    assert "BROKEN wins/2026-10.json: win #2 is also in wins/2026-11.json" in report.stdout

    # Both copies sit in the shard of their own month: the newest updated one is kept.
    assert gd("doctor", "--restore", "--yes").returncode == 0
    assert _ids(home) == [1, 2]
    assert Store(home).win(2)["when"].startswith("2026-11-05")
    assert invoke("log", "toner", "-s", "printing").exit_code == 0
    assert _ids(home) == [1, 2, 3]
    assert gd("doctor").returncode == 0


# -- 4. readers see whole commits -------------------------------------------------------------


@pytest.mark.slow
def test_readers_in_other_processes_see_whole_commits(home: Path) -> None:
    sys.path.insert(0, str(HELPERS))
    try:
        from commit_loop import BATCH, batch
    finally:
        sys.path.remove(str(HELPERS))
    store = Store(home)
    with store.transaction("seed") as tx:
        tx.insert_many("wins", batch(99)[:3])
    store.close()

    writer = subprocess.Popen(
        [sys.executable, str(HELPERS / "commit_loop.py"), str(home), "6"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    readers = [
        subprocess.Popen(
            [sys.executable, str(HELPERS / "reader.py"), str(home), "5", "3", str(BATCH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    rounds, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert int(rounds) >= 10  # readers never starved the writer
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        summary = json.loads(out)
        assert summary["reads"] >= 50
        assert (summary["torn"], summary["failures"]) == (0, 0), summary["errors"]


def test_a_transaction_after_reads_in_the_same_process_does_not_wait_for_itself(
    home: Path,
) -> None:
    home.mkdir()  # a read session on no folder reads nothing to its end, and locks nothing
    reader, writer = Store(home), Store(home)
    assert reader.wins() == []  # the process now holds the shared lock
    with writer.transaction("log") as tx:
        tx.insert("wins", {"when": "2026-11-01T10:00:00+01:00", "problem": "x", "skills": []})
    assert len(reader.wins()) == 1  # and holds it again, seeing the new commit


# -- 10. the journal cannot reach outside the home --------------------------------------------


@pytest.mark.parametrize("how", ["relative", "absolute", "moved in", "symlinked wins"])
def test_a_crafted_journal_touches_nothing_outside_the_home(
    invoke: Invoke, home: Path, tmp_path: Path, how: str
) -> None:
    invoke("contact", "add", "Ana de Vries")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    outside = tmp_path / "outside"
    outside.mkdir()
    if how == "relative":
        ops = {"../victim.txt": {"target": "../victim.txt", "tmp": None}}
    elif how == "absolute":
        ops = {str(victim): {"target": str(victim), "tmp": None}}
    elif how == "moved in":  # a temp file outside the home moved over our data
        ops = {"main.json": {"target": "main.json", "tmp": "../victim.txt"}}
    else:  # wins/ is a link to a folder outside: the journal must not delete through it
        (home / "wins").symlink_to(outside)
        (outside / "2026-11.json").write_text("precious")
        ops = {"wins/2026-11.json": {"target": "wins/2026-11.json", "tmp": None}}
    (home / "journal.json").write_bytes(orjson.dumps({"ops": ops}))
    before = {k: v for k, v in _files(home).items() if not k.startswith("wins")}

    failed = gd("contact", "list")
    assert failed.returncode == 1
    assert failed.stderr.startswith("Error: journal.json (an interrupted change) was not applied")
    assert "run `growthdesk doctor --restore` to set it aside" in failed.stderr
    assert failed.stderr.count("\n") == 1
    assert victim.read_text() == "precious"
    assert {k: v for k, v in _files(home).items() if not k.startswith("wins")} == before
    if how == "symlinked wins":
        assert (outside / "2026-11.json").read_text() == "precious"
        (home / "wins").unlink()  # without the link, the same journal is harmless and applied
        assert "Ana de Vries" in gd("contact", "list").stdout
        return

    report = gd("doctor")
    assert report.returncode == 1
    assert "BROKEN journal.json: it names" in report.stdout
    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "fixed: set aside as journal.json.damaged-" in fixed.stdout
    assert not (home / "journal.json").exists()
    assert len(list(home.glob("journal.json.damaged-*"))) == 1
    assert victim.read_text() == "precious"
    assert "Ana de Vries" in gd("contact", "list").stdout


def test_a_sound_journal_is_still_rolled_forward(invoke: Invoke, home: Path) -> None:
    invoke("contact", "add", "Ana de Vries")
    main = orjson.loads((home / "main.json").read_bytes())
    main["contacts"]["1"]["org"] = "Contoso"
    tmp = "main.json.01764150000000000000-1.tmp"
    (home / tmp).write_bytes(orjson.dumps(main))
    ops = {"main.json": {"target": "main.json", "tmp": tmp}}
    (home / "journal.json").write_bytes(orjson.dumps({"ops": ops}))
    assert Store(home).contacts()[0]["org"] == "Contoso"
    assert not (home / "journal.json").exists()
    assert os.listdir(home).count(tmp) == 0


# -- 3. a damaged record is named, never an internal error ------------------------------------


def _damaged(
    rel: str, table: str, key: str, change: Callable[[dict], None]
) -> Callable[[Path], None]:
    def apply(home: Path) -> None:
        data = orjson.loads((home / rel).read_bytes())
        if table == "wins":
            as_records(data)
        change(data[table][key])
        (home / rel).write_bytes(orjson.dumps(data))

    return apply


_SHARD = "wins/2026-11.json"
_DAMAGE = {
    "when is a number": (_SHARD, "wins", "2", lambda r: r.update(when=5), "'when' is not str"),
    "no problem": (_SHARD, "wins", "2", lambda r: r.pop("problem"), "'problem' is missing"),
    "minutes is text": (
        _SHARD,
        "wins",
        "2",
        lambda r: r.update(minutes="five"),
        "'minutes' is not",
    ),
    "when is no date": (
        _SHARD,
        "wins",
        "2",
        lambda r: r.update(when="garbage"),
        "'when' is not an",
    ),
    "name is a number": (
        "main.json",
        "contacts",
        "1",
        lambda r: r.update(name=42),
        "'name' is not",
    ),
}
# Every command that reads the damaged field; export reads them all (a backup that import would
# refuse is no backup), the others only what they use.
_BROKEN_BY = [
    *[("when is a number", c) for c in ("wins", "stats", "ask", "path", "review", "export")],
    *[("no problem", c) for c in ("wins", "export")],
    *[("minutes is text", c) for c in ("wins", "stats", "review", "export")],
    *[("when is no date", c) for c in ("stats", "export")],
    ("name is a number", "export"),
]
_ARGS = {"ask": ["ask", "printer"], "export": ["export", "--format", "json"]}


@pytest.mark.parametrize(("damage", "command"), _BROKEN_BY)
def test_a_damaged_record_is_named_by_every_command_that_reads_it(
    invoke: Invoke, home: Path, damage: str, command: str
) -> None:
    assert invoke("contact", "add", "Bob", "--specialty", "printing:4").exit_code == 0
    for day, text in (("02", "printer jam"), ("03", "toner empty")):
        assert invoke("log", text, "-s", "printing", "--when", f"2026-11-{day}").exit_code == 0
    rel, table, key, change, why = _DAMAGE[damage]
    _damaged(rel, table, key, change)(home)
    before = _files(home)

    result = invoke(*_ARGS.get(command, [command]))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"Error: data file {rel} is damaged ({table} record {key}: {why}"
    )
    assert "run `growthdesk doctor` to see every problem" in result.stderr
    assert _files(home) == before


def test_a_damaged_record_in_a_real_process_gives_one_line(invoke: Invoke, home: Path) -> None:
    assert invoke("log", "printer jam", "-s", "printing", "--when", "2026-11-02").exit_code == 0
    assert invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03").exit_code == 0
    _damaged(_SHARD, "wins", "2", lambda r: r.pop("problem"))(home)
    result = gd("wins")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "Error: data file wins/2026-11.json is damaged (wins record 2: 'problem' is missing)"
    )
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert gd("doctor", "--restore", "--yes").returncode == 0  # the record is set aside
    assert gd("wins").returncode == 0


# -- 12. no command creates a data folder it does not write to --------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["log", "printer jam", "--ticket", "T" * 201],  # refused before the transaction
        ["contact", "add", "Ana", "--email", "not-an-address"],  # refused inside it
        [
            "event",
            "add",
            "Cisco Live",
            "--kind",
            "vendor",
            "--date",
            "2026-06-02",
            "--met",
            "x" * 201,
        ],
        ["import", "tickets.csv", "--from", "csv", "--dry-run"],
        ["skills"],
        ["undo"],
        ["doctor"],
    ],
)
def test_a_command_that_writes_nothing_creates_no_folder(
    invoke: Invoke, home: Path, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "tickets.csv").write_text("date,title\n2026-11-01,printer jam\n")
    invoke(*args)
    assert not home.exists()
