"""Kudos: the domain rules and the `growthdesk kudos` commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest
from click.testing import Result

from growthdesk.core.errors import InputError
from growthdesk.worklog.kudos import list_kudos, make_kudos

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")
Invoke = Callable[..., Result]


def test_make_kudos_cleans_and_validates() -> None:
    rec = make_kudos("  Thanks\n so   much! ", now=NOW, when=NOW, from_="  Mia  (Finance) ", win=3)
    assert rec == {
        "when": "2026-11-26T10:00:00+01:00",
        "from": "Mia (Finance)",
        "note": "Thanks so much!",
        "win": 3,
    }
    assert make_kudos("ok", now=NOW, when=NOW, from_="   ")["from"] is None
    with pytest.raises(InputError):
        make_kudos("   ", now=NOW, when=NOW)
    with pytest.raises(InputError):
        make_kudos("x" * 2001, now=NOW, when=NOW)
    with pytest.raises(InputError):
        make_kudos("ok", now=NOW, when=datetime(2026, 11, 26, 10, 0))  # no time zone
    with pytest.raises(InputError):
        make_kudos("ok", now=NOW, when=NOW, win=0)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("2026-11-27T10:00:00+01:00", "is in the future; log kudos after it happened"),
        ("1989-12-31T12:00:00+01:00", "1989-12-31 is too far in the past"),
    ],
)
def test_kudos_dates_follow_the_rules_of_a_win(when: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        make_kudos("ok", now=NOW, when=datetime.fromisoformat(when))


def test_kudos_sender_and_text_have_the_documented_limits() -> None:
    assert make_kudos("x" * 2000, now=NOW, when=NOW, from_="y" * 200)["from"] == "y" * 200
    with pytest.raises(
        InputError, match="the kudos sender is 201 characters long; the limit is 200"
    ):
        make_kudos("ok", now=NOW, when=NOW, from_="y" * 201)
    with pytest.raises(InputError, match="the kudos text is 2001 characters long"):
        make_kudos("x" * 2001, now=NOW, when=NOW)
    with pytest.raises(
        InputError, match=r"the kudos sender contains a control character \(\\x1b\)"
    ):
        make_kudos("ok", now=NOW, when=NOW, from_="Mia\x1b]0;pwned\x07")


def test_kudos_dates_on_the_command_line(invoke: Invoke) -> None:
    r = invoke("kudos", "ok", "--when", "morgen")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: 2026-11-27T10:00+01:00 is in the future; log kudos after it happened\n",
    )
    r = invoke("kudos", "ok", "--when", "1950-06-01")
    assert (r.exit_code, r.stderr) == (1, "Error: 1950-06-01 is too far in the past\n")
    assert invoke("kudos", "ok", "--when", "1990-01-01").exit_code == 0


def test_list_kudos_is_newest_first_and_stable() -> None:
    rows = [
        {"id": 1, "when": "2026-11-01T10:00:00+01:00"},
        {"id": 3, "when": "2026-11-02T10:00:00+01:00"},
        {"id": 2, "when": "2026-11-02T10:00:00+01:00"},
    ]
    assert [r["id"] for r in list_kudos(rows)] == [3, 2, 1]


def test_kudos_text_without_subcommand_adds(invoke: Invoke) -> None:
    r = invoke("kudos", "Thanks for the quick fix!", "--from", "Mia")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Recorded kudos #1 (from Mia)\n"
    r = invoke("kudos", "Top geholpen", "--when", "gisteren")
    assert r.stdout == "Recorded kudos #2\n"
    r = invoke("kudos", "list", "--json")
    rows = json.loads(r.stdout)
    assert [(k["id"], k["note"], k["from"], k["when"][:10]) for k in rows] == [
        (1, "Thanks for the quick fix!", "Mia", "2026-11-26"),
        (2, "Top geholpen", None, "2026-11-25"),
    ]
    r = invoke("kudos", "list")
    assert r.stdout.splitlines() == [
        "#1 2026-11-26  Thanks for the quick fix!  — Mia",
        "#2 2026-11-25  Top geholpen  — an end user",
    ]


def test_kudos_tied_to_a_win(invoke: Invoke) -> None:
    assert (
        invoke(
            "log", "printer 3e verdieping papierstoring", "--minutes", "5", "--skill", "printing"
        ).exit_code
        == 0
    )
    r = invoke("kudos", "add", "Printer works again!", "--win", "1", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["win"] == 1
    r = invoke("kudos", "Thanks", "--win", "99")
    assert (r.exit_code, r.stderr) == (1, "Error: No win #99.\n")
    assert len(json.loads(invoke("kudos", "list", "--json").stdout)) == 1  # nothing stored on error


def test_kudos_bad_input(invoke: Invoke) -> None:
    r = invoke("kudos", "   ")
    assert (r.exit_code, r.stderr) == (1, "Error: Kudos text must not be empty.\n")
    assert invoke("kudos", "ok", "--win", "0").exit_code == 2
    assert invoke("kudos", "ok", "--win", "abc").exit_code == 2
    r = invoke("kudos", "ok", "--when", "not a date at all")
    assert r.exit_code == 1 and r.stderr.startswith("Error: cannot read the date")
    r = invoke("kudos", "list")  # the refused commands wrote nothing, not even a data folder
    assert r.stdout == "" and r.stderr.startswith("Error: no growthdesk data in ")


def test_kudos_help_has_examples(invoke: Invoke) -> None:
    for args in (("kudos", "--help"), ("kudos", "add", "--help"), ("kudos", "list", "--help")):
        r = invoke(*args)
        assert r.exit_code == 0 and "Example" in r.stdout
