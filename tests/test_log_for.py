"""`log --for` (whom it was for: personal data) and `--for-user` (the solution in plain words):
stored only when given, left out of exports unless asked, repeat calls on the dashboard without
a blame list, the review's plain-words share (issue 14, items 2 and 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers.homes import snapshot

from growthdesk.io.importers.native import export_wins

Invoke = Callable[..., Result]


def _log(invoke: Invoke, *args: str) -> Result:
    result = invoke("log", *args)
    assert result.exit_code == 0, result.output
    return result


def test_for_and_plain_words_are_stored_and_shown(invoke: Invoke) -> None:
    result = _log(
        invoke,
        "password reset",
        "-s",
        "accounts_passwords",
        "--for",
        "Finance",
        "--solution",
        "reset in AD, forced change at next logon",
        "--for-user",
        "I gave you a new password; you choose your own at the next sign-in",
        "--json",
    )
    win = json.loads(result.stdout)
    assert win["requester"] == "Finance"
    assert win["solution_plain"] == (
        "I gave you a new password; you choose your own at the next sign-in"
    )
    shown = invoke("wins", "show", "1").stdout
    assert "  plain      I gave you a new password; you choose your own at the next sign-in\n" in (
        shown
    )
    assert "  for        Finance\n" in shown


def test_new_fields_are_absent_when_not_given(invoke: Invoke) -> None:
    win = json.loads(_log(invoke, "printer jam", "-s", "printing", "--json").stdout)
    assert "requester" not in win and "solution_plain" not in win


def test_plain_words_need_a_solution(invoke: Invoke, home: Path) -> None:
    _log(invoke, "printer jam", "-s", "printing")
    before = snapshot(home)
    result = invoke("log", "toner empty", "-s", "printing", "--for-user", "new toner is coming")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --for-user explains the solution in plain words: give --solution too\n"
    )
    edit = invoke("wins", "edit", "1", "--for-user", "I cleared the paper")
    assert edit.exit_code == 1 and edit.stderr.startswith("Error: --for-user explains")
    assert snapshot(home) == before


def test_wins_edit_sets_and_clears(invoke: Invoke) -> None:
    _log(invoke, "printer jam", "-s", "printing", "--solution", "cleared tray 2")
    assert invoke("wins", "edit", "1", "--for-user", "a sheet was stuck").exit_code == 0
    assert invoke("wins", "edit", "1", "--for", "Jan").exit_code == 0
    win = json.loads(invoke("wins", "show", "1", "--json").stdout)
    assert (win["solution_plain"], win["requester"]) == ("a sheet was stuck", "Jan")
    assert invoke("wins", "edit", "1", "--for", "").exit_code == 0
    assert json.loads(invoke("wins", "show", "1", "--json").stdout)["requester"] is None


@pytest.mark.parametrize(("bad", "code"), [("\x1b[31mJan", 2), ("x" * 500, 1)])
def test_bad_for_name_is_refused(invoke: Invoke, home: Path, bad: str, code: int) -> None:
    _log(invoke, "printer jam", "-s", "printing")
    before = snapshot(home)
    result = invoke("log", "toner", "-s", "printing", "--for", bad)
    assert result.exit_code == code and "Error: " in result.stderr
    assert snapshot(home) == before


def test_for_is_left_out_of_exports_unless_asked(invoke: Invoke) -> None:
    _log(invoke, "password reset", "-s", "accounts_passwords", "--for", "Jan Smit")
    _log(invoke, "printer jam", "-s", "printing")
    result = invoke("export")
    assert result.exit_code == 0
    assert "Jan Smit" not in result.stdout and "requester" not in result.stdout
    assert result.stderr == (
        "Left out whom 1 win was for (personal data); --include-personal keeps it.\n"
    )
    full = invoke("export", "--include-personal")
    assert full.exit_code == 0 and full.stderr == ""
    wins = export_wins(json.loads(full.stdout)["wins"], "")
    assert wins[0]["requester"] == "Jan Smit"
    csv = invoke("export", "--format", "csv")
    assert "Jan Smit" not in csv.stdout and "requester" not in csv.stdout
    csv_full = invoke("export", "--format", "csv", "--include-personal")
    assert csv_full.stdout.splitlines()[0].endswith(",updated,requester")
    assert csv_full.stdout.splitlines()[1].endswith(",Jan Smit")


def test_full_export_restores_whom_it_was_for(invoke: Invoke, tmp_path: Path) -> None:
    _log(invoke, "password reset", "-s", "accounts_passwords", "--for", "Jan Smit")
    backup = tmp_path / "full.json"
    assert invoke("export", "--include-personal", "-o", str(backup)).exit_code == 0
    other = tmp_path / "other"
    restored = invoke("--home", str(other), "import", str(backup), "--from", "json")
    assert restored.exit_code == 0, restored.output
    win = json.loads(invoke("--home", str(other), "wins", "show", "1", "--json").stdout)
    assert win["requester"] == "Jan Smit"


def _repeat_month(invoke: Invoke) -> None:
    for day in ("01", "05", "09", "12"):
        _log(invoke, "password reset for Jan", "--for", "Jan Smit", "--when", f"2026-11-{day}",
             "-m", "5", "-s", "accounts_passwords")  # fmt: skip
    for day in (2, 10):
        for who in ("Finance", "Piet Bos"):
            _log(invoke, "VPN token out of sync", "--for", who, "--when", f"2026-11-{day:02}",
                 "-m", "5", "-s", "remote_access")  # fmt: skip
    _log(invoke, "printer jam", "--for", "Piet Bos", "-s", "printing", "--when", "2026-11-03")


def test_dashboard_counts_repeat_calls_kindly(invoke: Invoke) -> None:
    _repeat_month(invoke)
    result = invoke("stats")
    assert result.exit_code == 0
    assert (
        "\nComing back\n"
        "  8 repeat calls from 3 people this month, all handled\n"
        "  the same problem: Password reset; VPN token out of sync\n"
        "  a how-to saves them the call: growthdesk howto\n"
    ) in result.stdout
    # Never a blame list: nobody's name, no count per person.
    for name in ("Jan", "Smit", "Finance", "Piet"):
        assert name not in result.stdout
    data = json.loads(invoke("stats", "--json").stdout)
    assert data["repeat_calls"] == {
        "calls": 8,
        "people": 3,
        "problems": ["Password reset", "VPN token out of sync"],
    }
    assert "Jan" not in json.dumps(data["repeat_calls"])


def test_one_call_each_is_no_repeat(invoke: Invoke) -> None:
    for n, who in enumerate(("Ann", "Bob", "Cas")):
        _log(invoke, "VPN token out of sync", "--for", who, "-s", "remote_access",
             "--when", f"2026-11-1{n}")  # fmt: skip
    assert "Coming back" not in invoke("stats").stdout
    assert json.loads(invoke("stats", "--json").stdout)["repeat_calls"] is None


def test_review_shows_how_often_solutions_were_explained_in_plain_words(invoke: Invoke) -> None:
    _log(invoke, "printer jam", "-s", "printing", "--solution", "cleared tray 2",
         "--for-user", "a sheet of paper was stuck; it prints again")  # fmt: skip
    for text in ("toner empty", "driver update"):
        _log(invoke, text, "-s", "printing", "--solution", "fixed")
    _log(invoke, "no solution given", "-s", "printing")
    result = invoke("review")
    assert result.exit_code == 0
    assert "| Explained in plain words | 1 of 3 solutions (33%) |\n" in result.stdout
    html = invoke("review", "--format", "html").stdout
    assert '<div class="v">1 of 3 solutions (33%)</div><div class="l">Explained in plain words' in (
        html
    )


def test_review_without_solutions_says_so(invoke: Invoke) -> None:
    _log(invoke, "printer jam", "-s", "printing")
    assert "| Explained in plain words | – (no solutions logged) |\n" in invoke("review").stdout
