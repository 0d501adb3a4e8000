"""The building blocks of imports: dates, durations, encodings, delimiters, duplicate headers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from growthdesk.core.errors import InputError
from growthdesk.io.importers.csvread import decode, read_csv, sniff_delimiter, unguard
from growthdesk.io.importers.dates import (
    AmbiguousDateError,
    BadDateError,
    DateReader,
    parse_duration_minutes,
)

UTC = DateReader(timezone="UTC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-02-11T06:32:36.303+0000", "2021-02-11T06:32:36+00:00"),  # TOPdesk: no colon
        ("2021-02-11T07:32:36+01:00", "2021-02-11T06:32:36+00:00"),
        ("2024-05-11T15:26:00Z", "2024-05-11T15:26:00+00:00"),
        ("11/May/24 03:26 PM", "2024-05-11T15:26:00+00:00"),  # Jira
        ("11/May/24 12:05 AM", "2024-05-11T00:05:00+00:00"),
        ("14/mei/24 10:00 AM", "2024-05-14T10:00:00+00:00"),  # Jira, Dutch month names
        ("3/okt./24 9:15 AM", "2024-10-03T09:15:00+00:00"),
        ("May 27, 2024 09:30", "2024-05-27T09:30:00+00:00"),
        ("27 May 2024", "2024-05-27T00:00:00+00:00"),
        ("13-05-2024 08:45", "2024-05-13T08:45:00+00:00"),  # day > 12: day-first
        ("05/13/2024 8:45 pm", "2024-05-13T20:45:00+00:00"),  # month-first
        ("07.07.2024", "2024-07-07T00:00:00+00:00"),  # day == month: not ambiguous
        ("2024-05-06 10:15:00", "2024-05-06T10:15:00+00:00"),
    ],
)
def test_dates(text: str, expected: str) -> None:
    assert UTC.iso(text) == expected


def test_ambiguous_needs_a_decision() -> None:
    with pytest.raises(AmbiguousDateError, match="ambiguous date '03/04/2025'"):
        UTC.iso("03/04/2025")
    assert (
        DateReader(timezone="UTC", dayfirst=True).iso("03/04/2025") == "2025-04-03T00:00:00+00:00"
    )
    assert (
        DateReader(timezone="UTC", dayfirst=False).iso("03/04/2025") == "2025-03-04T00:00:00+00:00"
    )
    assert DateReader(timezone="UTC", date_format="%m/%d/%Y").iso("03/04/2025")[:10] == "2025-03-04"


@pytest.mark.parametrize("text", ["31/02/2024", "yesterday", "11/Foo/24", "2024-13-01", "13:00"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(BadDateError):
        UTC.iso(text)


def test_zones_and_dst() -> None:
    ams = DateReader(timezone="Europe/Amsterdam")
    assert ams.iso("2024-01-15 10:00") == "2024-01-15T10:00:00+01:00"
    assert ams.iso("2024-07-15 10:00") == "2024-07-15T10:00:00+02:00"
    # A date with its own offset keeps its instant and is shown in the chosen zone.
    assert ams.iso("2024-07-15T08:00:00+0000") == "2024-07-15T10:00:00+02:00"
    # A zone declared by the file is used for naive dates unless --timezone overrides it.
    declared = DateReader(source_zone="Europe/Berlin")
    assert datetime.fromisoformat(declared.iso("2024-07-15 10:00")) == datetime(
        2024, 7, 15, 8, 0, tzinfo=timezone.utc
    )
    with pytest.raises(InputError, match="unknown time zone 'Mars/Olympus'"):
        DateReader(timezone="Mars/Olympus")


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_iso_round_trip(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=offset_minutes)))
    for text in (aware.isoformat(), aware.strftime("%Y-%m-%dT%H:%M:%S%z")):
        assert datetime.fromisoformat(UTC.iso(text)) == aware


@pytest.mark.parametrize(
    ("value", "unit", "minutes"),
    [
        ("25 Days 21 Hours 1 Minute", 60, 37261),  # ServiceNow display value
        ("1 Hour 5 Minutes", 60, 65),
        ("1970-01-01 00:45:00", 60, 45),  # ServiceNow raw duration
        ("1970-01-02 01:00:00", 60, 1500),
        ("1 hours 30 minutes", 60, 90),  # GLPI
        ("2 uur en 5 minuten", 60, 125),  # Dutch
        ("1:30", 60, 90),
        ("00:20", 60, 20),
        ("1800", 1, 30),  # Jira seconds
        ("12,5", 60, 13),
        ("45 seconds", 60, 1),
        ("0", 60, None),  # not tracked
        ("", 60, None),
        ("0 seconds", 60, None),
        (2.5, 3600, 150),
    ],
)
def test_durations(value: object, unit: int, minutes: int | None) -> None:
    assert parse_duration_minutes(value, unit) == minutes


@pytest.mark.parametrize("value", ["soon", "5 fortnights", "1h30", "-5"])
def test_bad_durations(value: str) -> None:
    with pytest.raises(InputError):
        parse_duration_minutes(value)


def test_decode_fallbacks() -> None:
    assert decode("\ufeffnaïve".encode(), None, "f") == "naïve"
    assert decode("café – ok".encode("cp1252"), None, "f") == "café – ok"
    assert decode("a;b\n".encode("utf-16"), None, "f") == "a;b\n"
    assert decode(b"caf\xe9", "latin-1", "f") == "café"
    assert decode(b"\xef\xbb\xbfTicket", "utf-8", "f") == "Ticket"  # explicit utf-8, BOM dropped
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"x", "klingon", "f")
    with pytest.raises(InputError, match="not valid utf-8"):
        decode(b"caf\xe9", "utf-8", "f")


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_sniff_each_delimiter(delim: str) -> None:
    rows = [
        ["Ticket", "Subject, short", "Closed"],
        ["1", "VPN; again", "2024-05-06"],
        ["2", "Printer | jam", "2024-05-07"],
    ]
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delim).writerows(rows)
    assert sniff_delimiter(out.getvalue()) == delim
    table = read_csv(out.getvalue(), "f")
    assert table.headers == rows[0]
    assert table.rows == rows[1:]


def test_multiline_cells_duplicate_headers_and_row_numbers() -> None:
    text = 'Key,Labels,Labels,Note\r\nA-1,vpn,mfa,"line one\r\nline two"\r\n\r\nA-2,x,,plain\r\n'
    table = read_csv(text, "f")
    assert table.headers == ["Key", "Labels", "Labels", "Note"]
    assert table.rows == [["A-1", "vpn", "mfa", "line one\r\nline two"], ["A-2", "x", "", "plain"]]
    assert table.numbers == [2, 3]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'+31 6 1234", "+31 6 1234"),
        ("'@home", "@home"),
        ("'-5", "-5"),
        ("'quoted'", "'quoted'"),
        ("'", "'"),
        ("it's", "it's"),
    ],
)
def test_unguard_only_formula_guards(cell: str, expected: str) -> None:
    assert unguard(cell) == expected
