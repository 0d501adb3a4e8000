"""`growthdesk undo`: a missing folder, `--json` without `--list`, the clock, terminal-safe labels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
from click.testing import CliRunner, Result

from growthdesk.cli import cli
from growthdesk.cli.app import App

Invoke = Callable[..., Result]
NO_DATA = "Error: no growthdesk data in {home}; check --home or GROWTHDESK_HOME"


def test_undo_on_a_missing_folder_says_so_and_creates_nothing(invoke: Invoke, home: Path) -> None:
    for args in (["undo"], ["undo", "--list"], ["undo", "--list", "--json"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.startswith(NO_DATA.format(home=home))
    assert not home.exists()


def test_json_without_list_is_refused_and_undoes_nothing(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    result = invoke("undo", "--json")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --json needs --list\n")
    assert result.stdout == ""
    assert len(orjson.loads(invoke("wins", "--json").stdout)) == 1
    assert invoke("undo").exit_code == 0  # plain undo still undoes


def test_undo_stamps_come_from_the_injected_clock(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")  # GROWTHDESK_NOW, from conftest
    fixed = datetime(2031, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    result = CliRunner().invoke(
        cli, ["log", "toner empty", "-s", "printing", "--when", "2026-11-20"],
        obj=App(now=lambda: fixed), catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0
    listed = orjson.loads(invoke("undo", "--list", "--json").stdout)
    assert [e["at"] for e in listed] == ["2031-05-06T07:08:09+02:00", "2026-11-26T10:00:00+01:00"]
    assert invoke("undo", "--list").stdout.splitlines()[1].startswith(" 2. 2026-11-26 10:00  log")


def test_undo_labels_are_printed_terminal_safe(invoke: Invoke, home: Path) -> None:
    invoke("log", "printer jam", "-s", "printing")
    data = orjson.loads((home / "undo.json").read_bytes())
    (entry,) = data["undo"].values()
    entry["label"] = "log win: \x1b]0;pwned\x07\x1b[2J"  # a label from an older or crafted file
    (home / "undo.json").write_bytes(orjson.dumps(data))
    listed = invoke("undo", "--list")
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert "log win: \\x1b]0;pwned\\x07\\x1b[2J" in listed.stdout
    undone = invoke("undo")
    assert undone.exit_code == 0
    assert undone.stdout == "Undid: log win: \\x1b]0;pwned\\x07\\x1b[2J\n"
