"""`growthdesk doctor`: a broken file is named, and the newest good backup is put back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Invoke = Callable[..., Result]


def test_healthy_store(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    result = invoke("doctor")
    assert result.exit_code == 0
    assert result.stdout == f"Data folder: {home}\n4 file(s) OK\n"


def test_broken_shard_is_named_then_restored(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-11-02")
    invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-03")
    invoke("log", "paper tray", "-s", "printing", "--when", "2026-11-04")
    (home / "wins" / "2026-11.json").write_bytes(b"\0" * 100)

    failing = invoke("wins")
    assert failing.exit_code == 1
    assert "data file wins/2026-11.json is empty" in failing.stderr
    assert "growthdesk doctor" in failing.stderr

    report = invoke("doctor")
    assert report.exit_code == 1
    assert "BROKEN wins/2026-11.json" in report.stdout
    assert "newest good backup: backups/wins_2026-11.json/" in report.stdout

    fixed = invoke("doctor", "--restore")
    assert fixed.exit_code == 0
    assert "restored from backups/wins_2026-11.json/" in fixed.stdout
    listed = invoke("wins", "--json")
    assert listed.exit_code == 0
    assert '"toner empty"' in listed.stdout  # everything up to the last change is back
    assert invoke("doctor").exit_code == 0


def test_no_backup_means_no_false_promise(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-10-02")
    (home / "wins" / "2026-10.json").write_text("{not json")
    result = invoke("doctor", "--restore")
    assert result.exit_code == 1
    assert "no good backup found" in result.stdout


def test_doctor_sweeps_leftover_temp_files(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    stray = home / "meta.json.12345.tmp"
    stray.write_text("half a write")
    assert invoke("doctor").exit_code == 0
    assert not stray.exists()
