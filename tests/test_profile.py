"""`growthdesk profile` / `profile set` and the profile domain."""

from __future__ import annotations

from datetime import date, datetime

import orjson
import pytest

from growthdesk.core.errors import InputError
from growthdesk.worklog import profile

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def test_default_profile_is_shown(invoke, home) -> None:
    home.mkdir()  # an empty data folder: `profile` only reads, it creates none
    result = invoke("profile")
    assert result.exit_code == 0
    assert result.stdout == (
        "started         -\n"
        "role            -\n"
        "target minutes  15\n"
        "track           -\n"
        "language        en\n"
    )


def test_set_then_show_and_json(invoke) -> None:
    result = invoke(
        "profile",
        "set",
        "--started",
        "2025-06-01",
        "--role",
        "  service   desk ",
        "--track",
        "Security",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "Profile saved.\n"
    assert result.stdout == (
        "started         2025-06-01  (17.8 months at the helpdesk)\n"
        "role            service desk\n"
        "target minutes  15\n"
        "track           security  (Security)\n"
        "language        en\n"
    )
    dutch = invoke("--lang", "nl", "profile").stdout.splitlines()[0]
    assert dutch == "begonnen             2025-06-01  (17,8 maanden bij de helpdesk)"
    data = orjson.loads(invoke("profile", "--json").stdout)
    assert data == {
        "started": "2025-06-01",
        "role": "service desk",
        "target_minutes": 15,
        "track": "security",
        "lang": "en",
        "months_at_helpdesk": 17.8,
    }
    # Fields left out stay as they are; 'none' clears.
    invoke("profile", "set", "--target-minutes", "20", "--track", "none", "--lang", "NL")
    data = orjson.loads(invoke("profile", "--json").stdout)
    assert (data["target_minutes"], data["track"], data["lang"], data["role"]) == (
        20,
        None,
        "nl",
        "service desk",
    )


def test_started_accepts_phrases(invoke) -> None:
    assert invoke("profile", "set", "--started", "yesterday").exit_code == 0
    assert orjson.loads(invoke("profile", "--json").stdout)["started"] == "2026-11-25"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--started", "2027-01-01"], 1, "Error: the start date 2027-01-01 is in the future\n"),
        (
            ["--started", "1960-01-01"],
            1,
            "Error: the start date 1960-01-01 is too far in the past\n",
        ),
        (["--track", "securty"], 1, "Did you mean 'security'?\n"),
        (["--lang", "de"], 1, "Error: language must be en or nl, not 'de'\n"),
        (["--role", "r" * 201], 1, "Error: the role is 201 characters long; the limit is 200\n"),
        (["--target-minutes", "0"], 2, "'--target-minutes': 0 is not in the range 1<=x<=480."),
        (["--target-minutes", "1000"], 2, "1000 is not in the range 1<=x<=480."),
        (["--target-minutes", "abc"], 2, "'abc' is not a valid integer range."),
        (["--track", "a", "--track", "b"], 2, "option '--track' is given more than once"),
        ([], 2, "nothing to set"),
    ],
)
def test_bad_values_exit_1_or_2_by_the_rule(
    invoke, args: list[str], code: int, message: str
) -> None:
    """Numbers out of their declared range and malformed command lines exit 2; values that
    growthdesk's own rules refuse exit 1. Either way nothing is written."""
    invoke("profile", "set", "--role", "agent")
    result = invoke("profile", "set", *args)
    assert result.exit_code == code, result.output
    assert result.stderr.endswith(message) if code == 1 else message in result.stderr
    assert "Traceback" not in result.output
    assert orjson.loads(invoke("profile", "--json").stdout)["track"] is None


def test_a_start_decades_ago_needs_yes_without_a_terminal(invoke) -> None:
    result = invoke("profile", "set", "--started", "2005-03-01")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the start date 2005-03-01 is 21 years ago; add --yes if that is right\n",
    )
    assert invoke("profile", "set", "--started", "2012-01-01").exit_code == 0  # 14 years: fine
    assert invoke("profile", "set", "--started", "2005-03-01", "--yes").exit_code == 0
    assert orjson.loads(invoke("profile", "--json").stdout)["started"] == "2005-03-01"


def test_a_start_decades_ago_is_asked_about_on_a_terminal(invoke, monkeypatch) -> None:
    monkeypatch.setattr("growthdesk.cli.career.interactive", lambda: True)

    asked: list[str] = []
    answer = {"value": False}

    def confirm(text: str, **_kw: object) -> bool:
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr("growthdesk.cli.career.confirm", confirm)  # cli.output's, in the language
    refused = invoke("profile", "set", "--started", "1999-09-01")
    assert refused.exit_code == 1 and asked == [
        "1999-09-01 is 27 years ago; is that your first day at the helpdesk?"
    ]
    answer["value"] = True
    assert invoke("profile", "set", "--started", "1999-09-01").exit_code == 0
    assert orjson.loads(invoke("profile", "--json").stdout)["started"] == "1999-09-01"


def test_profile_set_is_undoable(invoke) -> None:
    invoke("profile", "set", "--track", "network")
    undo = invoke("undo")
    assert undo.exit_code == 0, undo.output
    assert "profile set" in undo.output
    assert orjson.loads(invoke("profile", "--json").stdout)["track"] is None


def test_domain_validation() -> None:
    assert profile.validate_started(date(2020, 1, 31), NOW) == "2020-01-31"
    assert profile.validate_started(datetime(2020, 1, 31, 9, 0), NOW) == "2020-01-31"
    assert profile.validate_started("none", NOW) is None
    with pytest.raises(InputError, match="not a date"):
        profile.validate_started("31-31-2020", NOW)
    assert profile.validate_role("  first   line ") == "first line"
    assert profile.validate_role("") is None
    assert profile.validate_role("x" * 200) == "x" * 200
    with pytest.raises(InputError, match="the role is 201 characters long; the limit is 200"):
        profile.validate_role("x" * 201)
    with pytest.raises(InputError, match="control character"):
        profile.validate_role("lead\x1b[2J")
    assert profile.validate_track("DevOps-Dev") == "devops_dev"
    assert profile.validate_target_minutes("480") == 480
    with pytest.raises(InputError, match="unknown profile field 'trak'. Did you mean 'track'"):
        profile.validate_changes({"trak": "network"}, NOW)
    assert profile.validate_changes({"lang": "nl", "track": "euc"}, NOW) == {
        "lang": "nl",
        "track": "euc",
    }
    assert profile.view({"started": "2024-11-26"}, NOW)["months_at_helpdesk"] == 24.0


@pytest.mark.parametrize(
    ("typed", "track"),
    [
        ("Networking", "network"),  # the label `profile` shows next to the id
        ("netwerken", "network"),  # the Dutch label
        ("Functioneel beheer", "app_support"),
        ("Cloud & Microsoft 365", "cloud"),
        ("Generalist", "generalist"),  # the label without its bracket
    ],
)
def test_track_by_the_label_shown_in_either_language(invoke, typed: str, track: str) -> None:
    result = invoke("profile", "set", "--track", typed)
    assert result.exit_code == 0, result.output
    assert orjson.loads(invoke("profile", "--json").stdout)["track"] == track
