"""Every file we write outside the home (`review -o`, `network export -o`, `export -o`), end
to end through the command line: private (0600), atomic, never through a symlink, never over a
device or FIFO, and a failure leaves the old file whole."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Invoke = Callable[..., Result]

COMMANDS = {
    "review": ("review",),
    "review-html": ("review", "--format", "html"),
    "network-export": ("network", "export", "--format", "graphml"),
    "export-json": ("export",),
    "export-csv": ("export", "--format", "csv"),
}


@pytest.fixture(params=list(COMMANDS), ids=list(COMMANDS))
def command(request: pytest.FixtureRequest, invoke: Invoke) -> tuple[str, ...]:
    assert (
        invoke("log", "printer jam", "-s", "printing", "-m", "5", "--helped-by", "Ana").exit_code
        == 0
    )
    assert invoke("contact", "add", "Dev Patel", "--kind", "vendor").exit_code == 0
    return COMMANDS[request.param]


def _one_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    return result.stderr


def test_a_new_file_is_private(invoke: Invoke, command: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "out" / "file.txt"
    target.parent.mkdir()
    old = os.umask(0o022)
    try:
        result = invoke(*command, "-o", str(target))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]  # no temp file left


def test_an_existing_file_is_replaced_and_made_private(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("old")
    target.chmod(0o644)
    inode = target.stat().st_ino
    assert invoke(*command, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8-sig") != "old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.stat().st_ino != inode  # renamed over, never rewritten in place


def test_a_symlink_at_the_target_is_refused(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep me")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    message = _one_error(invoke(*command, "-o", str(link)))
    assert message == (
        f"Error: refusing to write {link}: it is a symbolic link; name the real file\n"
    )
    assert link.is_symlink() and real.read_text() == "keep me"


def test_a_dangling_symlink_is_refused_too(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere" / "new.txt")
    assert "it is a symbolic link" in _one_error(invoke(*command, "-o", str(link)))
    assert not (tmp_path / "nowhere").exists()


def test_a_device_is_refused(invoke: Invoke, command: tuple[str, ...]) -> None:
    message = _one_error(invoke(*command, "-o", os.devnull))
    assert message == f"Error: refusing to write {os.devnull}: it is not a regular file\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_blocking(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # A reader is waiting, so that a writer that wrongly opened the FIFO would not block
    # (the test fails instead of hanging) and what it wrote would show up here.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        message = _one_error(invoke(*command, "-o", str(fifo)))
        try:
            leaked = os.read(reader, 1)
        except BlockingIOError:
            leaked = b""
    finally:
        os.close(reader)
    assert message == f"Error: refusing to write {fifo}: it is not a regular file\n"
    assert leaked == b"" and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_full_disk_leaves_the_old_file_whole(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("the old report")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert _one_error(invoke(*command, "-o", str(target))) == "Error: No space left on device\n"
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["file.txt"]


def test_a_folder_at_the_target_is_a_usage_error(
    invoke: Invoke, command: tuple[str, ...], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = invoke(*command, "-o", str(folder))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    assert list(folder.iterdir()) == []


def test_a_real_process_writes_0600_under_a_permissive_umask(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "GROWTHDESK_HOME": str(home)}
    run = [sys.executable, "-m", "growthdesk"]
    code = "import os, sys, runpy; os.umask(0); sys.argv = ['growthdesk', *sys.argv[1:]]; runpy.run_module('growthdesk', run_name='__main__')"
    subprocess.run([*run, "log", "vpn reset", "-s", "remote_access"], env=env, check=True)
    for n, args in enumerate(COMMANDS.values()):
        target = tmp_path / f"out{n}"
        done = subprocess.run(
            [sys.executable, "-c", code, *args, "-o", str(target)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, args
