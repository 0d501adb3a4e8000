"""Dates as agents type them: ISO, English and Dutch phrases; ambiguity and nonsense refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from growthdesk.core.dates import parse_day, parse_when
from growthdesk.core.errors import InputError

# Thursday 26 November 2026, 10:00 +01:00
NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", "2026-11-20T12:00:00+01:00"),
        ("2026-11-20T08:15", "2026-11-20T08:15:00+01:00"),
        ("2026-11-20 08:15+02:00", "2026-11-20T08:15:00+02:00"),
        ("yesterday", "2026-11-25T12:00:00+01:00"),
        ("yesterday 14:00", "2026-11-25T14:00:00+01:00"),
        ("gisteren", "2026-11-25T12:00:00+01:00"),
        ("eergisteren 14:00", "2026-11-24T14:00:00+01:00"),
        ("Gisteren om 9.30", "2026-11-25T09:30:00+01:00"),
        ("vandaag 08:00", "2026-11-26T08:00:00+01:00"),
        ("today", "2026-11-26T10:00:00+01:00"),
        ("friday", "2026-11-20T12:00:00+01:00"),
        ("vrijdag", "2026-11-20T12:00:00+01:00"),
        ("thursday", "2026-11-19T12:00:00+01:00"),  # a bare weekday is never today or later
        ("last friday", "2026-11-20T12:00:00+01:00"),
        ("vorige vrijdag 16:00", "2026-11-20T16:00:00+01:00"),
        ("vorige week vrijdag", "2026-11-20T12:00:00+01:00"),
        ("vorige week maandag", "2026-11-16T12:00:00+01:00"),
        ("monday last week", "2026-11-16T12:00:00+01:00"),
        ("3 dagen geleden", "2026-11-23T10:00:00+01:00"),
        ("2 days ago", "2026-11-24T10:00:00+01:00"),
        ("an hour ago", "2026-11-26T09:00:00+01:00"),
        ("25-03-2026", "2026-03-25T12:00:00+01:00"),
        ("25/03/2026 2pm", "2026-03-25T14:00:00+01:00"),
        ("05-05-2026", "2026-05-05T12:00:00+01:00"),
    ],
)
def test_phrases(text: str, expected: str) -> None:
    assert parse_when(text, NOW).isoformat() == expected


def test_dateparser_fallback_reads_dutch_month_names() -> None:
    assert parse_day("3 maart 2026", NOW).isoformat() == "2026-03-03"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03-04-2026", "ambiguous"),
        ("2026-13-01", "not a valid ISO-8601 date"),
        ("31-02-2026", "not a real date"),
        ("gisteren 25:00", "not a time of day"),
        ("blurf", "cannot read the date 'blurf'"),
        ("", "empty date"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_when(text, NOW)


def test_dates_in_the_other_half_of_the_year_get_their_own_offset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        now = datetime(2026, 11, 26, 10, 0).astimezone()  # winter: +01:00, the machine's zone
        assert parse_when("2026-07-01 10:00", now).isoformat() == "2026-07-01T10:00:00+02:00"
        assert parse_when("gisteren 14:00", now).isoformat() == "2026-11-25T14:00:00+01:00"
        # A clock pinned to another zone lends its own offset.
        pinned = datetime.fromisoformat("2026-11-26T10:00:00-05:00")
        assert parse_when("2026-07-01 10:00", pinned).isoformat() == "2026-07-01T10:00:00-05:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01",
        "1899-12-31",
        "2127-01-01",
        "9999-12-31",
        "1000000000 days ago",
        "999999999 days ago",
        "99999999999999999999 days ago",
        "10000000 weeks ago",
        "9999999999 uur geleden",
    ],
)
def test_dates_beyond_the_readable_years_are_refused_by_name(text: str) -> None:
    """Not an OverflowError deep in date arithmetic: one InputError naming the text."""
    with pytest.raises(InputError, match=f"'{text}' is not a date between 1900 and 2126"):
        parse_when(text, NOW)


def test_the_readable_years_reach_from_1900_to_a_century_ahead() -> None:
    assert parse_day("1900-01-01", NOW).isoformat() == "1900-01-01"
    assert parse_day("2126-12-31", NOW).isoformat() == "2126-12-31"
    assert parse_day("36500 days ago", NOW).year == 1926


def test_a_phrase_too_long_to_be_a_date_is_refused_quickly() -> None:
    with pytest.raises(InputError, match="is too long to be a date"):
        parse_when("next " * 1000, NOW)


def test_records_are_held_to_1990() -> None:
    from growthdesk.core.dates import check_day, check_past

    assert check_day(datetime(1990, 1, 1).date()).isoformat() == "1990-01-01"
    with pytest.raises(InputError, match="1989-12-31 is too far in the past"):
        check_day(datetime(1989, 12, 31).date())
    with pytest.raises(InputError, match="is in the future"):
        check_past(datetime.fromisoformat("2026-11-26T10:06:00+01:00"), NOW, "a win")
