"""`growthdesk doctor`: every damaged file or record is named, and --restore repairs it."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import Result
from helpers.homes import as_records

from growthdesk.store import Store

Invoke = Callable[..., Result]


def gd(*args: str) -> subprocess.CompletedProcess[str]:
    """`growthdesk ARGS` as a real process, stdin not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "growthdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def _three_wins(invoke: Invoke) -> None:
    for day, text in (("02", "printer jam"), ("03", "toner empty"), ("04", "paper tray")):
        assert invoke("log", text, "-s", "printing", "--when", f"2026-11-{day}").exit_code == 0


def test_healthy_store(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    result = invoke("doctor")
    assert result.exit_code == 0
    assert result.stdout == f"Data folder: {home}\n4 files OK\n"


def test_broken_shard_is_named_then_restored_saying_what_is_lost(
    invoke: Invoke, home: Path
) -> None:
    _three_wins(invoke)
    (home / "wins" / "2026-11.json").write_bytes(b"\0" * 100)

    failing = invoke("wins")
    assert failing.exit_code == 1
    assert "data file wins/2026-11.json is empty" in failing.stderr
    assert "growthdesk doctor --restore" in failing.stderr

    report = invoke("doctor")
    assert report.exit_code == 1
    assert "BROKEN wins/2026-11.json: it is empty" in report.stdout
    assert "newest good backup: backups/wins_2026-11.json/" in report.stdout
    assert "loses: 1 change made after " in report.stdout
    assert "is not in the backup: log win: paper tray" in report.stdout

    fixed = invoke("doctor", "--restore", "--yes")
    assert fixed.exit_code == 0
    assert "restored from backups/wins_2026-11.json/" in fixed.stdout
    listed = invoke("wins", "--json")
    assert listed.exit_code == 0
    assert '"toner empty"' in listed.stdout  # everything up to the last change is back
    assert invoke("doctor").exit_code == 0


def test_without_a_terminal_it_refuses_to_discard_unless_told(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    (home / "wins" / "2026-11.json").write_bytes(b"{not json")
    before = _files(home)
    refused = gd("doctor", "--restore")
    assert refused.returncode == 1
    assert refused.stderr == (
        "Error: --restore would discard data (see 'loses'): confirm it on a terminal, "
        "or add --yes\n"
    )
    assert "loses: 1 change made" in refused.stdout
    assert _files(home) == before


def _on_a_terminal(answer: str, *args: str) -> tuple[int, str]:
    """Run growthdesk on a pseudo-terminal, answering its question; (exit code, output)."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin and stdout are the terminal
        os.execv(sys.executable, [sys.executable, "-m", "growthdesk", *args])
    output, answered = b"", False
    while True:
        ready, _w, _x = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[y/N]" in output:
            os.write(fd, answer.encode() + b"\n")
            answered = True
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_it_asks_before_it_discards(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    (home / "wins" / "2026-11.json").write_bytes(b"{not json")
    before = _files(home)

    code, output = _on_a_terminal("n", "doctor", "--restore")
    assert code == 1
    assert "Repair, losing what is listed under 'loses'? [y/N]" in output
    assert "Nothing changed." in output
    assert _files(home) == before

    code, output = _on_a_terminal("y", "doctor", "--restore")
    assert code == 0, output
    assert "restored from backups/wins_2026-11.json/" in output
    assert [w["problem"] for w in Store(home).wins()] == ["printer jam", "toner empty"]


def test_a_file_written_once_has_a_backup(invoke: Invoke, home: Path) -> None:
    invoke("contact", "add", "Ana de Vries")
    (home / "main.json").write_bytes(b"[]")
    report = invoke("doctor")
    assert "BROKEN main.json: it is not a growthdesk file" in report.stdout
    assert "newest good backup: backups/main.json/" in report.stdout
    assert "loses:" not in report.stdout  # the backup is the file as it was written
    assert invoke("doctor", "--restore").exit_code == 0  # nothing to lose: no question
    assert [c["name"] for c in Store(home).contacts()] == ["Ana de Vries"]


def test_no_backup_means_no_false_promise(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02")
    invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03")
    (home / "wins" / "2026-10.json").write_text("{not json")
    for old in (home / "backups" / "wins_2026-10.json").iterdir():
        old.unlink()
    result = invoke("doctor", "--restore")
    assert result.exit_code == 1
    assert "no good backup found" in result.stdout
    assert "loses: everything in wins/2026-10.json" in result.stdout

    # Set aside, the rest of the store works again; the damaged file is kept for inspection.
    fixed = invoke("doctor", "--restore", "--yes")
    assert fixed.exit_code == 0
    assert "fixed: set aside as wins/2026-10.json.damaged-" in fixed.stdout
    (kept,) = (home / "wins").glob("2026-10.json.damaged-*")
    assert kept.read_text() == "{not json"
    assert [w["problem"] for w in Store(home).wins()] == ["toner empty"]
    assert invoke("doctor").exit_code == 0


def test_damage_inside_records_is_reported_as_such(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    invoke("contact", "add", "Ana de Vries")
    shard_path = home / "wins" / "2026-11.json"
    shard = as_records(orjson.loads(shard_path.read_bytes()))
    shard["wins"]["2"]["when"] = 5
    del shard["wins"]["3"]["problem"]
    shard["wins"]["4"] = {**shard["wins"]["1"], "id": "4"}
    shard["wins"]["5"] = {**shard["wins"]["1"], "id": 5, "when": "20261101T100000+0100"}
    shard_path.write_bytes(orjson.dumps(shard))
    main = orjson.loads((home / "main.json").read_bytes())
    main["contacts"]["1"]["strength"] = "strong"
    (home / "main.json").write_bytes(orjson.dumps(main))

    report = gd("doctor")
    assert report.returncode == 1
    assert "internal error" not in report.stdout + report.stderr
    for line in (
        "BROKEN main.json: contacts record 1: 'strength' is not int | None",
        "BROKEN wins/2026-11.json: wins record 2: 'when' is not str",
        "BROKEN wins/2026-11.json: wins record 3: 'problem' is missing",
        "BROKEN wins/2026-11.json: wins record 4: its id '4' does not match its key 4",
        "BROKEN wins/2026-11.json: wins record 5: 'when' is not an ISO date: "
        "'20261101T100000+0100'",
    ):
        assert line in report.stdout

    assert gd("doctor", "--restore", "--yes").returncode == 0
    (kept,) = (home / "wins").glob("2026-11.json.damaged-*")
    assert sorted(orjson.loads(kept.read_bytes())["wins"]) == ["2", "3", "4", "5"]
    assert [w["problem"] for w in Store(home).wins()] == ["printer jam"]
    assert Store(home).contacts() == []
    # The ids of the records set aside are never handed out again.
    assert invoke("log", "vpn", "-s", "remote_access").stdout.startswith("Logged win #6")
    assert gd("doctor").returncode == 0


@pytest.mark.parametrize("rel", ["journal.json", "undo.json"])
@pytest.mark.parametrize("payload", [b"{torn", b'{"ops": {"x": {"y": 1}}}', b'{"undo": {"a": {}}}'])
def test_a_damaged_journal_or_undo_file_never_locks_the_user_out(
    invoke: Invoke, home: Path, rel: str, payload: bytes
) -> None:
    invoke("log", "printer jam", "-s", "printing")
    (home / rel).write_bytes(payload)

    failed = gd("log", "toner empty", "-s", "printing")
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"Error: {rel}") or failed.stderr.startswith(
        f"Error: data file {rel}"
    )
    assert "growthdesk doctor --restore" in failed.stderr
    assert failed.stderr.count("\n") == 1

    report = gd("doctor")
    assert report.returncode == 1
    assert f"BROKEN {rel}: " in report.stdout
    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"fixed: set aside as {rel}.damaged-" in fixed.stdout
    assert (home / next(p.name for p in home.glob(f"{rel}.damaged-*"))).read_bytes() == payload

    assert gd("log", "toner empty", "-s", "printing").returncode == 0
    assert [w["problem"] for w in Store(home).wins()] == ["printer jam", "toner empty"]
    assert gd("undo").returncode == 0
    assert gd("doctor").returncode == 0


def test_doctor_sweeps_leftover_temp_files(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    stray = home / "meta.json.12345.tmp"
    stray.write_text("half a write")
    mine = home / "notes.tmp"  # not a name the store writes: left alone
    mine.write_text("keep")
    assert invoke("doctor").exit_code == 0
    assert not stray.exists()
    assert mine.exists()


@pytest.mark.parametrize("rel", ["meta.json", "wins/2026-11.json", "main.json"])
def test_a_folder_in_place_of_a_data_file_is_damage_doctor_repairs(
    invoke: Invoke, home: Path, rel: str
) -> None:
    invoke("contact", "add", "Ana de Vries")
    _three_wins(invoke)
    (home / rel).unlink()
    (home / rel).mkdir()
    failed = gd("wins") if rel != "main.json" else gd("contact", "list")
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"Error: data file {rel} is unreadable (Is a directory)")
    fixed = gd("doctor", "--restore", "--yes")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"BROKEN {rel}: it is unreadable (Is a directory)" in fixed.stdout
    assert (home / rel).is_file()
    assert len(list(home.glob(f"{rel}.damaged-*"))) == 1
    assert [c["name"] for c in Store(home).contacts()] == ["Ana de Vries"]
    assert len(Store(home).wins()) >= 2
    assert gd("doctor").returncode == 0


@pytest.mark.parametrize("args", [[], ["--restore", "--yes"], ["--json"]])
def test_doctor_on_a_missing_folder_says_so_and_creates_nothing(
    invoke: Invoke, home: Path, args: list[str]
) -> None:
    result = invoke("doctor", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: no growthdesk data in {home}; check --home")
    assert not home.exists()


def test_what_doctor_sets_aside_is_named_by_the_injected_clock(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    (home / "undo.json").write_bytes(b"{torn")
    assert invoke("doctor", "--restore", "--yes").exit_code == 0
    # conftest pins GROWTHDESK_NOW to 2026-11-26T10:00:00+01:00
    assert [p.name for p in home.glob("undo.json.damaged-*")] == [
        "undo.json.damaged-20261126T100000"
    ]


def test_doctor_prints_what_it_found_terminal_safe(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    shard = home / "wins" / "2026-11.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["\x1b[2J\x1b]0;pwned\x07"] = data["wins"]["1"]  # a crafted record key
    shard.write_bytes(orjson.dumps(data))
    report = invoke("doctor")
    assert report.exit_code == 1
    assert "\x1b" not in report.stdout and "\x07" not in report.stdout
    assert (
        "BROKEN wins/2026-11.json: wins record \\x1b[2J\\x1b]0;pwned\\x07: its id" in report.stdout
    )


@pytest.mark.parametrize("damage", ["shard", "meta", "journal", "undo", "missing", "folder"])
def test_it_never_tells_you_to_run_itself(invoke: Invoke, home: Path, damage: str) -> None:
    """You are running it: a hint says what --restore does, not "run `growthdesk doctor`"."""
    _three_wins(invoke)
    shard = home / "wins" / "2026-11.json"
    if damage == "shard":
        shard.write_bytes(b"\0\0")
    elif damage == "meta":
        (home / "meta.json").write_text("garbage")
    elif damage in ("journal", "undo"):
        (home / f"{damage}.json").write_text("{bad")
    else:
        shard.unlink()
        if damage == "folder":
            shard.mkdir()
    for args in ((), ("--restore",), ("--json",)):
        result = invoke("doctor", *args)
        assert result.exit_code == 1, (damage, args, result.output)
        said = result.output.replace(str(home), "HOME")
        assert "BROKEN" in said or "--json" in args
        assert "doctor" not in said, (damage, args, said)
