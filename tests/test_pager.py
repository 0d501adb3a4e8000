"""Long output goes through a pager on a terminal (`wins`, `contact list`, `path`, `review`),
with --no-pager and GROWTHDESK_PAGER, and never when stdout is not a terminal."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Invoke = Callable[..., Result]

# A stand-in pager: copies what it is fed to the file named by its argument.
PAGER = "import shutil, sys\nwith open(sys.argv[1], 'wb') as f: shutil.copyfileobj(sys.stdin.buffer, f)\n"


@pytest.fixture
def paged_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 'terminal' of 10 lines whose pager writes to the returned file."""
    script, out = tmp_path / "pager.py", tmp_path / "paged.txt"
    script.write_text(PAGER)
    monkeypatch.setattr("growthdesk.cli.output._stdout_tty", lambda: True)
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("GROWTHDESK_PAGER", shlex.join([sys.executable, str(script), str(out)]))
    return out


def _log(invoke: Invoke, n: int) -> None:
    for i in range(n):
        assert invoke("log", f"printer {i} jammed", "-m", "5", "-s", "printing").exit_code == 0


def test_long_wins_go_through_the_pager(invoke: Invoke, paged_to: Path, monkeypatch) -> None:
    _log(invoke, 12)
    result = invoke("wins")
    assert result.exit_code == 0
    assert result.stdout == ""
    shown = paged_to.read_text()
    assert shown.count("\n") == 12 and shown.startswith("#12  2026-11-26 10:00  5 min  Printing")
    monkeypatch.setattr("growthdesk.cli.output._stdout_tty", lambda: False)
    assert invoke("wins").stdout == shown  # exactly what a pipe gets


def test_output_that_fits_is_printed(invoke: Invoke, paged_to: Path) -> None:
    _log(invoke, 9)  # 9 lines and the prompt fit in 10
    result = invoke("wins")
    assert result.stdout.count("\n") == 9
    assert not paged_to.exists()


def test_a_line_wider_than_the_terminal_counts_as_more_than_one(
    invoke: Invoke, paged_to: Path, monkeypatch
) -> None:
    _log(invoke, 5)
    monkeypatch.setenv("COLUMNS", "20")  # each row wraps onto 3 lines
    assert invoke("wins").stdout == ""
    assert paged_to.read_text().count("\n") == 5


@pytest.mark.parametrize("how", [["--no-pager"], "GROWTHDESK_PAGER=", "GROWTHDESK_PAGER=cat"])
def test_the_pager_can_be_turned_off(invoke: Invoke, paged_to: Path, monkeypatch, how) -> None:
    _log(invoke, 12)
    args = ["wins"]
    if isinstance(how, list):
        args += how
    else:
        monkeypatch.setenv("GROWTHDESK_PAGER", how.partition("=")[2])
    result = invoke(*args)
    assert result.stdout.count("\n") == 12
    assert not paged_to.exists()


def test_never_when_piped(invoke: Invoke, paged_to: Path, monkeypatch) -> None:
    _log(invoke, 12)
    monkeypatch.setattr("growthdesk.cli.output._stdout_tty", lambda: False)
    assert invoke("wins").stdout.count("\n") == 12
    assert not paged_to.exists()


def test_pager_falls_back_to_PAGER_and_printing(
    invoke: Invoke, paged_to: Path, monkeypatch
) -> None:
    _log(invoke, 12)
    pager = shlex.split(__import__("os").environ["GROWTHDESK_PAGER"])
    monkeypatch.delenv("GROWTHDESK_PAGER")
    monkeypatch.setenv("PAGER", shlex.join(pager))
    assert invoke("wins").stdout == ""
    assert paged_to.read_text().count("\n") == 12
    paged_to.unlink()
    monkeypatch.setenv("GROWTHDESK_PAGER", str(paged_to.parent / "no-such-pager"))
    assert invoke("wins").stdout.count("\n") == 12  # a pager that cannot start: just print
    assert not paged_to.exists()


def test_contact_list_path_and_review_page(invoke: Invoke, paged_to: Path, monkeypatch) -> None:
    for i in range(12):
        assert invoke("contact", "add", f"Person {i:02d}", "--kind", "colleague").exit_code == 0
    _log(invoke, 3)
    expected = {}
    monkeypatch.setattr("growthdesk.cli.output._stdout_tty", lambda: False)
    for args in (["contact", "list"], ["path"], ["review"]):
        expected[args[0]] = invoke(*args).stdout
    monkeypatch.setattr("growthdesk.cli.output._stdout_tty", lambda: True)
    for args in (["contact", "list"], ["path"], ["review"]):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout == "", args
        assert paged_to.read_text() == expected[args[0]], args
        paged_to.unlink()
        assert invoke(*args, "--no-pager").stdout == expected[args[0]]
    assert not paged_to.exists()


def test_json_and_files_are_never_paged(invoke: Invoke, paged_to: Path, tmp_path: Path) -> None:
    _log(invoke, 12)
    assert invoke("wins", "--json").stdout.startswith("[")
    assert invoke("review", "-o", str(tmp_path / "r.md")).exit_code == 0
    assert not paged_to.exists()
