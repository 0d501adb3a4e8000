"""`growthdesk profile` / `profile set` and the profile domain."""

from __future__ import annotations

from datetime import date, datetime

import orjson
import pytest

from growthdesk.core.errors import InputError
from growthdesk.worklog import profile

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def test_default_profile_is_shown(invoke) -> None:
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
    ("args", "message"),
    [
        (["--started", "2027-01-01"], "the start date 2027-01-01 is in the future"),
        (["--started", "1960-01-01"], "too far in the past"),
        (["--track", "securty"], "Did you mean 'security'?"),
        (["--target-minutes", "0"], "between 1 and 480 minutes, not 0"),
        (["--target-minutes", "1000"], "between 1 and 480 minutes, not 1000"),
        (["--target-minutes", "abc"], "whole number of minutes, not 'abc'"),
        (["--lang", "de"], "language must be en or nl, not 'de'"),
        ([], "nothing to set"),
    ],
)
def test_bad_values_are_usage_errors(invoke, args: list[str], message: str) -> None:
    result = invoke("profile", "set", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    # Nothing was written.
    assert orjson.loads(invoke("profile", "--json").stdout)["track"] is None


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
    with pytest.raises(InputError, match="longer than 100"):
        profile.validate_role("x" * 101)
    assert profile.validate_track("DevOps-Dev") == "devops_dev"
    assert profile.validate_target_minutes("480") == 480
    with pytest.raises(InputError, match="unknown profile field 'trak'. Did you mean 'track'"):
        profile.validate_changes({"trak": "network"}, NOW)
    assert profile.validate_changes({"lang": "nl", "track": "euc"}, NOW) == {
        "lang": "nl",
        "track": "euc",
    }
    assert profile.view({"started": "2024-11-26"}, NOW)["months_at_helpdesk"] == 24.0
