"""Minutes as agents type them: '90', '1h30', '1u30', '1:30', '1,5u', 'anderhalf uur'; a bare
decimal is refused as ambiguous, and so are zero, negative and absurd durations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from growthdesk.core.errors import InputError
from growthdesk.worklog import learning, wins

Invoke = Callable[..., Result]


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        (" 90 ", 90),
        ("90m", 90),
        ("90 min", 90),
        ("90 minuten", 90),
        ("1h30", 90),
        ("1u30", 90),
        ("1H30", 90),
        ("1h 30m", 90),
        ("1 uur 30", 90),
        ("1 uur en 30 minuten", 90),
        ("1 hour 30 minutes", 90),
        ("1:30", 90),
        ("0:05", 5),
        ("1h", 60),
        ("2u", 120),
        ("2 uur", 120),
        ("1,5u", 90),
        ("1.5h", 90),
        ("1,5 uur", 90),
        ("0,25h", 15),
        ("7.5m", 8),  # a decimal with a unit is clear; whole minutes are stored
        ("anderhalf uur", 90),
        ("half uur", 30),
        ("een half uur", 30),
        ("kwartier", 15),
        ("drie kwartier", 45),
        ("half an hour", 30),
    ],
)
def test_typed_durations(typed: str, minutes: int) -> None:
    assert wins.validate_minutes(typed) == minutes


def test_numbers_from_code_keep_their_meaning() -> None:
    assert wins.validate_minutes(7.5) == 8
    assert wins.validate_minutes(12) == 12


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "1,5",
            "'1,5' is ambiguous (hours or minutes?): write 1,5h for 90 minutes, or 2 for 2 minutes",
        ),
        (
            "1.5",
            "'1.5' is ambiguous (hours or minutes?): write 1.5h for 90 minutes, or 2 for 2 minutes",
        ),
        ("0", "minutes must be more than 0, not 0"),
        ("0h", "minutes must be more than 0, not 0h"),
        ("0:00", "minutes must be more than 0, not 0:00"),
        ("-5", "minutes must be more than 0, not -5"),
        ("-1h", "minutes must be more than 0, not -1h"),
        ("-1:30", "minutes must be more than 0, not -1:30"),
        ("25h", "'25h' is 1500 minutes, more than the limit of 1440 (24 hours)"),
        ("30:00", "'30:00' is 1800 minutes, more than the limit of 1440 (24 hours)"),
        ("1441", "1441 minutes is more than the limit of 1440 (24 hours)"),
        ("1:75", "'1:75' has 75 minutes after the hour; write at most 59"),
        ("1h75", "'1h75' has 75 minutes after the hour; write at most 59"),
        ("ten", "minutes must be a number, not 'ten'; try 90, 90m, 1h30, 1:30 or 1,5h"),
        ("1x30", "minutes must be a number, not '1x30'"),
        ("nan", "minutes must be more than 0, not nan"),
    ],
)
def test_refused(typed: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        wins.validate_minutes(typed)
    assert str(caught.value).startswith(message)


def test_learning_has_its_own_limit() -> None:
    assert learning.validate_minutes("100u") == 6000
    with pytest.raises(InputError, match="'101u' is 6060 minutes, more than the limit of 6000"):
        learning.validate_minutes("101u")


def test_log_reads_typed_minutes(invoke: Invoke) -> None:
    result = invoke("log", "vpn drops", "--minutes", "1u30", "--skill", "remote_access")
    assert result.exit_code == 0, result.stderr
    shown = invoke("wins", "--json")
    assert '"minutes": 90' in shown.stdout
    assert invoke("wins", "edit", "1", "-m", "kwartier").exit_code == 0
    assert '"minutes": 15' in invoke("wins", "--json").stdout


def test_log_refuses_an_ambiguous_number_in_one_line(invoke: Invoke) -> None:
    result = invoke("log", "vpn drops", "--minutes", "1,5", "--skill", "remote_access")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--minutes' / '-m': '1,5' is ambiguous (hours or minutes?): "
        "write 1,5h for 90 minutes, or 2 for 2 minutes"
    )
    assert "vpn drops" not in invoke("wins", "--json").stdout
