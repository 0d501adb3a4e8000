"""Dutch (and English) day phrases for --when: parts of the day, clock words, month names.

The common phrases are read by the fast path: a test makes the slow parser (dateparser) fail,
so a phrase that silently falls through to it is caught.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from click.testing import Result

from growthdesk.core import dates
from growthdesk.core.dates import parse_when
from growthdesk.core.errors import InputError

Invoke = Callable[..., Result]

# Thursday 26 November 2026, 10:00 +01:00 (the pinned clock of tests/conftest.py)
NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")

FAST = [
    ("vanochtend", "2026-11-26T09:00"),
    ("vanmorgen", "2026-11-26T09:00"),
    ("vanmiddag", "2026-11-26T14:00"),
    ("vanavond", "2026-11-26T19:00"),
    ("vanavond 8", "2026-11-26T20:00"),
    ("vanmiddag 15:30", "2026-11-26T15:30"),
    ("gisteravond", "2026-11-25T19:00"),
    ("Gisteravond", "2026-11-25T19:00"),
    ("gistermiddag", "2026-11-25T14:00"),
    ("gisterochtend", "2026-11-25T09:00"),
    ("gisteravond 21:15", "2026-11-25T21:15"),
    ("vrijdagmiddag", "2026-11-20T14:00"),
    ("vrijdag vorige week", "2026-11-20T12:00"),
    ("maandag vorige week", "2026-11-16T12:00"),
    ("afgelopen vrijdag", "2026-11-20T12:00"),
    ("vorige maand", "2026-10-26T12:00"),
    ("vorig jaar", "2025-11-26T12:00"),
    # "half 3" is half past two; 1 to 6 o'clock read as the afternoon (working hours)
    ("half 3", "2026-11-26T14:30"),
    ("half drie", "2026-11-26T14:30"),
    ("half 9", "2026-11-26T08:30"),
    ("half 1", "2026-11-26T12:30"),
    ("half 3 am", "2026-11-26T02:30"),
    ("kwart over 2", "2026-11-26T14:15"),
    ("kwart voor 3", "2026-11-26T14:45"),
    ("kwart over 9", "2026-11-26T09:15"),
    ("gisteren half 3", "2026-11-25T14:30"),
    ("tien over half 3", "2026-11-26T14:40"),
    ("vijf voor half 3", "2026-11-26T14:25"),
    ("vijf voor 12", "2026-11-26T11:55"),
    ("gisteren om vijf over half 4", "2026-11-25T15:35"),
    ("ten past 2", "2026-11-26T14:10"),
    ("twenty to 3", "2026-11-26T14:40"),
    ("vrijdag om kwart over 2", "2026-11-20T14:15"),
    ("14:00", "2026-11-26T14:00"),
    ("this morning", "2026-11-26T09:00"),
    ("this afternoon", "2026-11-26T14:00"),
    ("this evening", "2026-11-26T19:00"),
    ("tonight", "2026-11-26T19:00"),
    ("last night", "2026-11-25T21:00"),
    ("yesterday morning", "2026-11-25T09:00"),
    ("yesterday afternoon", "2026-11-25T14:00"),
    ("yesterday evening", "2026-11-25T19:00"),
    ("friday afternoon", "2026-11-20T14:00"),
    ("last friday", "2026-11-20T12:00"),
    ("friday last week", "2026-11-20T12:00"),
    ("half past 2", "2026-11-26T14:30"),
    ("quarter past 2", "2026-11-26T14:15"),
    ("quarter to 3", "2026-11-26T14:45"),
    ("last month", "2026-10-26T12:00"),
    # month names: the same midday default as the other day phrases; no year = the last one
    ("25 november", "2026-11-25T12:00"),
    ("4 maart", "2026-03-04T12:00"),
    ("4 maart 2025", "2025-03-04T12:00"),
    ("Nov 25", "2026-11-25T12:00"),
    ("November 25, 2025", "2025-11-25T12:00"),
    ("nov 25 14:00", "2026-11-25T14:00"),
    ("25 november 14:00", "2026-11-25T14:00"),
    ("25 nov om half 3", "2026-11-25T14:30"),
    ("di 1 dec", "2025-12-01T12:00"),
    ("1 december 2026", "2026-12-01T12:00"),
    ("26 november", "2026-11-26T10:00"),  # today: the current time, like "vandaag"
    ("25-11", "2026-11-25T12:00"),
    ("25/11 14:00", "2026-11-25T14:00"),
    ("28-12", "2025-12-28T12:00"),  # no year: the last 28 December, not one to come
    ("vorige week", "2026-11-19T12:00"),
    ("last week", "2026-11-19T12:00"),
]


@pytest.fixture
def no_slow_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, now: datetime) -> datetime:
        raise AssertionError(f"{text!r} went to the slow parser")

    monkeypatch.setattr(dates, "_dateparser", refuse)


@pytest.mark.usefixtures("no_slow_parser")
@pytest.mark.parametrize(("text", "expected"), FAST)
def test_fast_phrases(text: str, expected: str) -> None:
    assert parse_when(text, NOW).isoformat() == expected + ":00+01:00"


@pytest.mark.usefixtures("no_slow_parser")
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 feb", "'31 feb' is not a real date"),
        ("gisteren 25:00", "'25:00' is not a time of day"),
        ("half 30", "'half 30' is not a time of day"),
        ("30 over 2", "'30 over 2' is not a time of day"),
        ("03-04", "the date '03-04' is ambiguous"),
        ("31-02", "'31-02' is not a real date"),
        ("blurf", "cannot read the date 'blurf'"),  # no date words: refused without dateparser
    ],
)
def test_refused_quickly(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_when(text, NOW)


def test_the_slow_parser_gives_a_day_the_same_default_time() -> None:
    # Month names are fast now; a day dateparser reads gets midday too, not 00:00.
    assert dates._dateparser("3 maart 2026", NOW).isoformat() == "2026-03-03T12:00:00+01:00"
    assert dates._dateparser("3 maart 2026 16:00", NOW).isoformat() == "2026-03-03T16:00:00+01:00"


def test_log_when_in_dutch(invoke: Invoke) -> None:
    result = invoke(
        "log", "printer offline", "-m", "5", "-s", "printing", "--when", "gisteravond", "--json"
    )
    assert result.exit_code == 0, result.stderr
    assert '"when": "2026-11-25T19:00:00+01:00"' in result.stdout
    later = invoke("log", "printer offline", "-m", "5", "-s", "printing", "--when", "vanavond")
    assert later.exit_code == 1
    assert "in the future" in later.stderr
