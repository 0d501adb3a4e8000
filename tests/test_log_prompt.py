"""`growthdesk log` with no text asks for it on a terminal, so it stays out of shell history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from growthdesk.store import Store

Invoke = Callable[..., Result]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from growthdesk.cli import wins as cli_wins

    monkeypatch.setattr(cli_wins, "interactive", lambda: True)


@pytest.mark.usefixtures("terminal")
def test_log_without_text_asks_for_it(invoke: Invoke, home: Path) -> None:
    result = invoke(
        "log", "-m", "7", "-s", "remote_access", input="VPN token out of sync for Ana\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "What did you solve?: VPN token out of sync for Ana\n"  # echoed input
    assert result.stdout.startswith("Logged win #1  2026-11-26 10:00  7 min\n")
    [win] = Store(home).wins()
    assert (win["problem"], win["minutes"]) == ("VPN token out of sync for Ana", 7)


@pytest.mark.usefixtures("terminal")
def test_an_empty_answer_is_asked_again(invoke: Invoke, home: Path) -> None:
    result = invoke("log", "-s", "printing", input="\n  \nprinter offline\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("What did you solve?: ") == 3  # an empty line repeats silently
    assert result.stderr.count("Error: type what you solved (Ctrl-D stops)") == 1
    assert [w["problem"] for w in Store(home).wins()] == ["printer offline"]


@pytest.mark.usefixtures("terminal")
def test_no_answer_at_all_writes_nothing(invoke: Invoke, home: Path) -> None:
    result = invoke("log", "-s", "printing", input="")  # Ctrl-D
    assert result.exit_code == 1
    assert "Aborted" in result.stderr
    assert not home.exists()


@pytest.mark.usefixtures("terminal")
def test_text_on_the_command_line_is_not_asked_for(invoke: Invoke) -> None:
    result = invoke("log", "reset MFA", "-s", "accounts_passwords", input="never read\n")
    assert result.exit_code == 0
    assert "What did you solve?" not in result.stderr


def test_without_a_terminal_a_missing_text_is_the_usage_error(invoke: Invoke, home: Path) -> None:
    result = invoke("log", "-m", "5", input="typed into a pipe\n")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Missing argument 'TEXT...'.\n")
    assert "Usage: cli log [OPTIONS] TEXT..." in result.stderr  # the runner names it cli
    assert not home.exists()
