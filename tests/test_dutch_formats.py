"""Dates and numbers shown in the reader's language: '1 december 2026', 'di 1 dec', '2,5'."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from growthdesk.core import i18n, numbers
from growthdesk.core.dates import long_day, short_day, show_day, show_range, show_recent


@pytest.fixture
def lang() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.usefixtures("lang")
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "nl",
            ["1 december 2026", "di 1 dec", "1 december 2026", "28 okt – 26 nov 2026",
             "28 dec 2025 – 3 jan 2026", "2,5", "3.116", "3.116,5", "42%", "2,9%", "0,5%",
             "1,5 h", "di 1 dec"],
        ),
        (
            "en",
            ["1 December 2026", "Tue 1 Dec", "2026-12-01", "2026-10-28 to 2026-11-26",
             "2025-12-28 to 2026-01-03", "2.5", "3,116", "3,116.5", "42%", "2.9%", "0.5%",
             "1.5 h", "12-01"],
        ),
    ],
)  # fmt: skip
def test_formats(code: str, expected: list[str]) -> None:
    i18n.set_language(code)
    day = date(2026, 12, 1)
    assert [
        long_day(day),
        short_day(day),
        show_day("2026-12-01T10:00:00+01:00"),
        show_range("2026-10-28", "2026-11-26"),
        show_range(date(2025, 12, 28), date(2026, 1, 3)),
        numbers.decimal(2.5),
        numbers.integer(3116),
        numbers.decimal(3116.5, grouping=True),
        numbers.percent(0.42),
        numbers.percent(0.029, small=True),
        numbers.share(0.005),
        numbers.hours(90),
        show_recent("2026-12-01"),
    ] == expected
