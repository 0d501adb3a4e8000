"""The store: atomic multi-file commits, rollback on error, backups, undo, doctor, schema versions."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from growthdesk.core.errors import (
    CorruptStoreError,
    NewerStoreError,
    NothingToUndoError,
    StoreBusyError,
    StoreError,
)
from growthdesk.store import BACKUPS_PER_FILE, SCHEMA_VERSION, UNDO_DEPTH, Store, lock, migrations


def _win(day: str, text: str) -> dict:
    return {"when": f"{day}T10:00:00+01:00", "problem": text, "skills": [], "minutes": 5}


def _log(store: Store, day: str, text: str) -> int:
    with store.transaction(f"log {text}") as tx:
        return tx.insert("wins", _win(day, text))


def test_wins_are_sharded_by_month_and_merged_on_read(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-10-03", "october")
    _log(s, "2026-11-02", "november")
    assert s.win_months() == ["2026-10", "2026-11"]
    assert sorted(p.name for p in (home / "wins").glob("????-??.json")) == [
        "2026-10.json",
        "2026-11.json",
    ]
    assert [w["problem"] for w in s.wins()] == ["october", "november"]
    assert [w["id"] for w in s.wins()] == [1, 2]


def test_logging_rewrites_only_the_current_month(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-10-03", "october")
    before = (home / "wins" / "2026-10.json").stat().st_ino
    _log(s, "2026-11-02", "november")
    assert (home / "wins" / "2026-10.json").stat().st_ino == before


def test_folder_0700_files_0600(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-02", "x")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_an_exception_inside_a_transaction_writes_nothing(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-02", "kept")
    snapshot = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), s.transaction("doomed") as tx:
        tx.insert("wins", _win("2026-11-03", "lost"))
        tx.insert("contacts", {"name": "Ana"})
        raise RuntimeError("boom")
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == snapshot
    assert [w["problem"] for w in Store(home).wins()] == ["kept"]


def test_update_moves_a_win_between_month_shards(home: Path) -> None:
    s = Store(home)
    win_id = _log(s, "2026-11-02", "x")
    with s.transaction("move") as tx:
        tx.update("wins", win_id, {"when": "2026-09-30T09:00:00+01:00"})
    assert s.win_months() == ["2026-09"]
    assert s.get("wins", win_id)["when"].startswith("2026-09-30")


def test_multi_level_undo(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    _log(s, "2026-11-02", "two")
    with s.transaction("edit two") as tx:
        tx.update("wins", 2, {"problem": "two, longer now"})
    assert s.undo() == "edit two"
    assert [w["problem"] for w in s.wins()] == ["one", "two"]
    assert s.undo() == "log two"
    assert s.undo() == "log one"
    assert s.wins() == []
    with pytest.raises(NothingToUndoError):
        s.undo()


def test_undo_depth_and_backup_rotation(home: Path) -> None:
    s = Store(home)
    for i in range(UNDO_DEPTH + 5):
        _log(s, "2026-11-01", f"w{i}")
    assert len(s.history()) == UNDO_DEPTH
    assert len(list((home / "backups" / "wins_2026-11.json").iterdir())) == BACKUPS_PER_FILE
    for _ in range(UNDO_DEPTH):
        s.undo()
    assert len(s.wins()) == 5
    with pytest.raises(NothingToUndoError):
        s.undo()


def test_recovery_rolls_a_journaled_commit_forward(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    target = home / "wins" / "2026-11.json"
    new = orjson.loads(target.read_bytes())
    new["wins"]["2"] = {**_win("2026-11-02", "two"), "id": 2}
    tmp = target.with_name(target.name + ".01764150000000000000-123.tmp")
    tmp.write_bytes(orjson.dumps(new))
    (home / "journal.json").write_bytes(
        orjson.dumps(
            {
                "ops": {
                    "wins/2026-11.json": {"target": "wins/2026-11.json", "tmp": "wins/" + tmp.name}
                }
            }
        )
    )
    assert [w["problem"] for w in Store(home).wins()] == ["one", "two"]
    assert not (home / "journal.json").exists()
    assert not tmp.exists()


def test_temp_files_without_a_journal_are_rolled_back(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    stray = home / "wins" / "2026-11.json.999.tmp"
    stray.write_bytes(b'{"wins": {}}')
    with Store(home).transaction("anything"):
        pass
    assert not stray.exists()
    assert [w["problem"] for w in Store(home).wins()] == ["one"]


@pytest.mark.parametrize("payload", [b"", b"\0\0\0", b'{"wins": {"1": {', b"[]", b'{"wins": [1]}'])
def test_broken_files_are_errors_not_empty_tables(home: Path, payload: bytes) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    (home / "wins" / "2026-11.json").write_bytes(payload)
    with pytest.raises(CorruptStoreError, match="wins/2026-11.json"):
        Store(home).wins()


def test_doctor_finds_and_restores_the_newest_good_backup(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    _log(s, "2026-11-02", "two")
    _log(s, "2026-11-03", "three")
    (home / "wins" / "2026-11.json").write_bytes(b"")
    report = Store(home).check()
    assert not report.healthy
    (problem,) = report.problems
    assert (problem.file, problem.why) == ("wins/2026-11.json", "it is empty")
    assert problem.backup is not None
    Store(home).repair(report)
    # The newest backup is the version before the last change: "three" is the price of the damage.
    assert [w["problem"] for w in Store(home).wins()] == ["one", "two"]
    assert Store(home).check().healthy


def test_newer_schema_is_refused(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    with pytest.raises(NewerStoreError, match="newer growthdesk"):
        Store(home).wins()


def test_older_schema_is_migrated_after_a_backup(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")

    def add_escalated(files: dict) -> None:
        for rel, data in files.items():
            if rel.startswith("wins/"):
                for doc in data.get("wins", {}).values():
                    doc.setdefault("escalated", False)

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, add_escalated)
    migrated = Store(home)
    assert migrated.wins()[0]["escalated"] is False
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == SCHEMA_VERSION + 1
    assert len(list((home / "backups" / "wins_2026-11.json").iterdir())) >= 1


def test_home_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Store(path).wins()


def test_restore_keeps_ids(home: Path) -> None:
    s = Store(home)
    with s.transaction("restore") as tx:
        tx.insert_many("wins", [{"id": 40, **_win("2026-11-01", "a")}])
    assert _log(s, "2026-11-02", "b") == 41


def test_lock_file_is_separate_from_data(home: Path) -> None:
    s = Store(home)
    _log(s, "2026-11-01", "one")
    for name in ("growthdesk.lock", "growthdesk.gate"):
        assert os.path.getsize(home / name) == 0


def test_a_read_session_holds_writers_off_until_it_is_closed(home: Path) -> None:
    _log(Store(home), "2026-11-01", "one")
    writer = [sys.executable, "-m", "growthdesk", "log", "two", "-s", "printing"]
    env = {**os.environ, "GROWTHDESK_LOCK_TIMEOUT": "0.3"}
    reader = Store(home)
    assert len(reader.wins()) == 1
    blocked = subprocess.run(writer, env=env, capture_output=True, text=True, timeout=60)
    assert blocked.returncode == 1
    assert "another growthdesk is still writing" in blocked.stderr
    assert len(reader.wins()) == 1  # still the commit it started with
    reader.close()
    assert subprocess.run(writer, env=env, capture_output=True, timeout=60).returncode == 0
    assert len(reader.wins()) == 2  # reading again opens a new session
    reader.close()


def test_a_held_lock_times_out_with_a_clear_error(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    s = Store(home)
    _log(s, "2026-11-01", "one")
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.2)
    holder = os.open(home / "growthdesk.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another "terminal" in the middle of a write
    try:
        with (
            pytest.raises(StoreBusyError, match="still writing"),
            s.transaction("blocked"),
        ):
            pass
    finally:
        os.close(holder)
    _log(s, "2026-11-02", "two")
    assert len(s.wins()) == 2


def test_a_transaction_sees_its_own_new_month(home: Path) -> None:
    s = Store(home)
    with s.transaction("new month") as tx:
        win_id = tx.insert("wins", _win("2026-08-01", "august"))
        assert [w["problem"] for w in tx.all("wins")] == ["august"]
        assert tx.get("wins", win_id)["problem"] == "august"
        tx.update("wins", win_id, {"problem": "august, edited"})
    assert [w["problem"] for w in s.wins()] == ["august, edited"]


def test_a_schema_1_store_is_migrated_to_records_with_ids(home: Path) -> None:
    home.mkdir(mode=0o700)
    (home / "wins").mkdir(mode=0o700)
    meta = {"_meta": {"1": {"schema_version": 1, "next_id": {"wins": 3, "contacts": 2}}}}
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    (home / "main.json").write_bytes(orjson.dumps({"contacts": {"1": {"name": "Ana"}}}))
    shard = {"wins": {"1": _win("2026-11-01", "one"), "2": _win("2026-11-02", "two")}}
    (home / "wins" / "2026-11.json").write_bytes(orjson.dumps(shard))
    s = Store(home)
    assert [(w["id"], w["problem"]) for w in s.wins()] == [(1, "one"), (2, "two")]
    assert s.all("contacts") == [{"name": "Ana", "id": 1}]
    stored = orjson.loads((home / "meta.json").read_bytes())
    assert stored["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert (home / "backups" / "wins_2026-11.json").is_dir()  # the old version is kept
    assert _log(s, "2026-11-03", "three") == 3


# -- reads never create the data folder; a write that commits nothing leaves none --------------


def test_reading_never_creates_the_data_folder(home: Path) -> None:
    s = Store(home)
    assert s.wins() == [] and s.contacts() == [] and s.history() == []
    assert s.profile()["target_minutes"] == 15 and s.model("tagger") is None
    assert s.damage() is None
    s.close()
    assert not home.exists()  # nor lock files in it


def test_a_read_session_on_no_folder_reads_nothing_to_its_end(home: Path) -> None:
    reader = Store(home)
    assert reader.wins() == []
    _log(Store(home), "2026-11-01", "meanwhile")  # another writer creates the folder
    assert reader.wins() == [] and reader.history() == []  # one state per session, not a mix
    reader.close()
    assert [w["problem"] for w in reader.wins()] == ["meanwhile"]


@pytest.mark.parametrize("fails", [True, False])
def test_a_transaction_that_commits_nothing_leaves_no_folder(home: Path, fails: bool) -> None:
    s = Store(home)
    s.profile()  # a read session first, as commands have
    refused = pytest.raises(StoreError) if fails else contextlib.nullcontext()
    with refused, s.transaction("refused by validation"):
        if fails:
            raise StoreError("refused")
    assert not home.exists()
    assert s.wins() == []
    _log(s, "2026-11-01", "then a real write")  # the same Store and lock state still work
    assert [w["problem"] for w in Store(home).wins()] == ["then a real write"]
    home_files = sorted(p.name for p in home.iterdir())
    with pytest.raises(StoreError), s.transaction("refused on an existing folder"):
        raise StoreError("refused")
    assert sorted(p.name for p in home.iterdir()) == home_files


def test_a_writer_waiting_on_a_folder_that_is_dropped_locks_the_new_one(home: Path) -> None:
    """A writer that opened the lock of a new folder, which the first transaction then dropped
    (it committed nothing), must not go on holding the removed lock file: it would guard
    nothing against the next writer."""
    waiting = lock.HomeLock(home)  # a second descriptor: flock conflicts as between processes
    seen: list[bool] = []

    def write() -> None:
        with waiting.exclusive():
            held = os.fstat(waiting._fds[0])  # type: ignore[index]
            now = os.stat(home / "growthdesk.lock")
            seen.append((held.st_ino, held.st_dev) == (now.st_ino, now.st_dev))

    s = Store(home)
    with pytest.raises(StoreError), s.transaction("refused"):
        thread = threading.Thread(target=write)
        thread.start()
        deadline = time.monotonic() + 10
        while waiting._fds is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # it now waits for our lock
        raise StoreError("refused")
    thread.join(10)
    assert seen == [True]


def test_undo_history_is_stamped_by_the_stores_clock(home: Path) -> None:
    fixed = datetime(2031, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    s = Store(home, now=lambda: fixed)
    _log(s, "2026-11-01", "one")
    assert [e["at"] for e in s.history()] == ["2031-05-06T07:08:09+02:00"]
