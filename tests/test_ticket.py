"""Ticket references: `wins --ticket REF` finds them (imported ones too), and logging a
reference that is already there warns (the win is still logged: it may be a reopened ticket)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers.homes import snapshot

from growthdesk.store import Store

Invoke = Callable[..., Result]


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def test_a_ticket_logged_twice_warns_and_is_still_logged(invoke: Invoke, home: Path) -> None:
    first = _ok(invoke("log", "printer jam", "-s", "printing", "--ticket", "INC0012345"))
    assert first.stderr == ""
    again = _ok(invoke("log", "printer jam again", "-s", "printing", "-t", " inc0012345 "))
    assert again.stdout == (
        "Logged win #2  2026-11-26 10:00\n  skills: Printing & scanning  [set by you]\n"
    )
    assert again.stderr == "Warning: ticket inc0012345 is already logged as win #1\n"
    third = _ok(invoke("log", "printer jam, third time", "-s", "printing", "-t", "INC0012345"))
    assert third.stderr == "Warning: ticket INC0012345 is already logged as win #1, #2\n"
    assert [w["ticket"] for w in Store(home).wins()] == ["INC0012345", "inc0012345", "INC0012345"]
    other = _ok(invoke("log", "vpn token", "-s", "remote_access", "-t", "INC0012346"))
    assert other.stderr == ""


def test_json_output_stays_clean_and_the_warning_goes_to_stderr(invoke: Invoke) -> None:
    _ok(invoke("log", "printer jam", "-s", "printing", "-t", "T-1"))
    again = _ok(invoke("log", "printer jam", "-s", "printing", "-t", "T-1", "--json"))
    assert json.loads(again.stdout)["ticket"] == "T-1"
    assert again.stderr == "Warning: ticket T-1 is already logged as win #1\n"


def test_editing_a_win_onto_a_used_ticket_warns(invoke: Invoke) -> None:
    _ok(invoke("log", "printer jam", "-s", "printing", "-t", "T-1"))
    _ok(invoke("log", "vpn token", "-s", "remote_access"))
    edited = _ok(invoke("wins", "edit", "2", "--ticket", "t-1"))
    assert edited.stderr == "Warning: ticket t-1 is already logged as win #1\n"
    # Its own reference again is no repeat.
    assert _ok(invoke("wins", "edit", "1", "--ticket", "T-1")).stderr == (
        "Warning: ticket T-1 is already logged as win #2\n"
    )
    assert _ok(invoke("wins", "edit", "2", "-m", "5")).stderr == ""  # no --ticket: no check


def test_wins_ticket_filters_case_blind(invoke: Invoke) -> None:
    _ok(invoke("log", "printer jam", "-s", "printing", "-t", "INC1", "--when", "2026-11-20"))
    _ok(invoke("log", "toner empty", "-s", "printing", "-t", "INC12"))
    _ok(invoke("log", "printer jam again", "-s", "printing", "-t", "inc1"))
    listed = _ok(invoke("wins", "--ticket", "Inc1"))
    assert listed.stdout == (
        "#3  2026-11-26 10:00  Printing  printer jam again\n"
        "#1  2026-11-20 12:00  Printing  printer jam\n"
    )  # INC12 is another ticket, not a match of a prefix
    rows = json.loads(_ok(invoke("wins", "-t", "INC12", "--json")).stdout)
    assert [r["id"] for r in rows] == [2]
    none = _ok(invoke("wins", "--ticket", "INC9"))
    assert (none.stdout, none.stderr) == ("", "No wins match these filters.\n")


def test_an_empty_ticket_filter_is_refused(invoke: Invoke, home: Path) -> None:
    _ok(invoke("log", "printer jam", "-s", "printing", "-t", "INC1"))
    before = snapshot(home)
    result = invoke("wins", "--ticket", "  ")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: the ticket reference is empty\n"
    assert snapshot(home) == before


def test_imported_tickets_count_too(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(
        "ticket,problem,when\nT-1,VPN down,2026-05-02 10:00\nT-2,Printer jam,2026-05-03 10:00\n",
        encoding="utf-8",
    )
    _ok(invoke("import", str(path), "--from", "csv"))
    assert "VPN down" in _ok(invoke("wins", "--ticket", "t-1")).stdout
    again = _ok(invoke("log", "vpn down again", "-s", "remote_access", "-t", "T-1"))
    assert again.stderr == "Warning: ticket T-1 is already logged as win #1\n"


def test_references_the_byte_search_could_miss_are_still_found(invoke: Invoke) -> None:
    # The months are narrowed by a byte search of the month files first; these references are
    # stored differently from how they are typed (escaped, other case, other month).
    for ref, again in (('ticket "A"', 'TICKET "a"'), ("ÄB-1", "äb-1"), ("inc 77", "INC  77")):
        _ok(invoke("log", "printer jam", "-s", "printing", "-t", ref, "--when", "2026-09-02"))
        second = _ok(invoke("log", "printer jam", "-s", "printing", "-t", again))
        assert second.stderr.startswith(f"Warning: ticket {again} is already logged as win #")
        assert len(json.loads(_ok(invoke("wins", "--ticket", again, "--json")).stdout)) == 2


def test_an_import_of_tickets_logged_by_hand_warns(invoke: Invoke, tmp_path: Path) -> None:
    _ok(invoke("log", "vpn down", "-s", "remote_access", "-t", "t-1"))
    path = tmp_path / "tickets.csv"
    path.write_text(
        "ticket,problem,when\nT-1,VPN down,2026-05-02 10:00\nT-2,Printer jam,2026-05-03 10:00\n",
        encoding="utf-8",
    )
    result = _ok(invoke("import", str(path), "--from", "csv"))
    assert result.stdout == "Imported 2 wins from tickets.csv (csv).\n"
    assert result.stderr == (
        "Warning: 1 imported ticket was already logged: T-1\nTake it back with: growthdesk undo\n"
    )
    again = _ok(invoke("import", str(path), "--from", "csv"))  # the same rows: not imported
    assert "Warning" not in again.stderr
