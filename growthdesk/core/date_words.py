"""The words of dates in English and Dutch: weekdays, months, parts of the day, clock words.

Tables (read by core/dates.py for parsing) and the names dates are shown with (through the
catalogue, in the interface language), so that the parser stays readable and the display
names live next to the words people type.
"""

from __future__ import annotations

from datetime import time

from growthdesk.core.i18n import pgettext

__all__ = [
    "WEEKDAYS",
    "MONTHS",
    "DAY_WORDS",
    "PARTS_OF_DAY",
    "DAY_PREFIXES",
    "HOUR_WORDS",
    "MINUTE_WORDS",
    "DATE_VOCABULARY",
    "weekday_abbr",
    "month_name",
    "month_abbr",
    "WORKDAY_FIRST_HOUR",
]

WEEKDAYS = {
    "monday": 0, "mon": 0, "maandag": 0, "ma": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "dinsdag": 1, "di": 1,
    "wednesday": 2, "wed": 2, "woensdag": 2, "wo": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "donderdag": 3, "do": 3,
    "friday": 4, "fri": 4, "vrijdag": 4, "vr": 4,
    "saturday": 5, "sat": 5, "zaterdag": 5, "za": 5,
    "sunday": 6, "sun": 6, "zondag": 6, "zo": 6,
}  # fmt: skip
MONTHS = {
    "january": 1, "jan": 1, "januari": 1,
    "february": 2, "feb": 2, "februari": 2,
    "march": 3, "mar": 3, "maart": 3, "mrt": 3, "mrt.": 3,
    "april": 4, "apr": 4,
    "may": 5, "mei": 5,
    "june": 6, "jun": 6, "juni": 6,
    "july": 7, "jul": 7, "juli": 7,
    "august": 8, "aug": 8, "augustus": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
DAY_WORDS = {
    "today": 0, "vandaag": 0, "now": 0, "nu": 0,
    "yesterday": 1, "gisteren": 1, "gister": 1,
    "eergisteren": 2, "day before yesterday": 2, "the day before yesterday": 2,
}  # fmt: skip

# A part of the day without a time: the hour an agent most likely means.
PARTS_OF_DAY = {
    "morning": time(9, 0), "ochtend": time(9, 0), "morgen": time(9, 0),
    "afternoon": time(14, 0), "middag": time(14, 0),
    "evening": time(19, 0), "avond": time(19, 0), "night": time(21, 0),
}  # fmt: skip
# What comes before a part of the day: "vanochtend", "gisteravond", "this morning", "last night".
DAY_PREFIXES = {"van": 0, "this": 0, "gister": 1, "gisteren": 1, "yesterday": 1, "last": 1}
# "half drie", "kwart over twee": Dutch and English hour words.
HOUR_WORDS = {
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12,
    "twelve": 12,
}  # fmt: skip
# "tien over half 3", "five past 2"
MINUTE_WORDS = {
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "tien": 10, "ten": 10, "twintig": 20, "twenty": 20,
}  # fmt: skip
# "half 3" names an hour on a 12-hour clock: 1 to 6 are afternoon hours at a helpdesk
# (14:30, not 02:30), 7 to 12 are the morning and midday.
WORKDAY_FIRST_HOUR = 7

# Words that make a phrase worth handing to the slow parser (dateparser): without a digit or
# one of these, the text is no date at all and is refused at once.
_OTHER_DATE_WORDS = (
    "ago geleden last next vorige vorig afgelopen volgende this deze dit past previous "
    "week weken weeks month months maand maanden year years jaar jaren day days dag dagen "
    "hour hours uur uren minute minutes minuut minuten in over before after voor na "
    "begin end eind einde start midden middle noon midnight tomorrow morgen overmorgen "
    "tonight vannacht"
)
DATE_VOCABULARY = frozenset(
    {*WEEKDAYS, *MONTHS, *DAY_WORDS, *PARTS_OF_DAY, *HOUR_WORDS, *_OTHER_DATE_WORDS.split()}
)


def weekday_abbr(weekday: int) -> str:
    """'Tue' / 'di' (Monday is 0), in the interface language."""
    return (
        pgettext("weekday, short", "Mon"),
        pgettext("weekday, short", "Tue"),
        pgettext("weekday, short", "Wed"),
        pgettext("weekday, short", "Thu"),
        pgettext("weekday, short", "Fri"),
        pgettext("weekday, short", "Sat"),
        pgettext("weekday, short", "Sun"),
    )[weekday]


def month_name(month: int) -> str:
    """'December' / 'december' (January is 1), in the interface language."""
    return (
        pgettext("month", "January"),
        pgettext("month", "February"),
        pgettext("month", "March"),
        pgettext("month", "April"),
        pgettext("month", "May"),
        pgettext("month", "June"),
        pgettext("month", "July"),
        pgettext("month", "August"),
        pgettext("month", "September"),
        pgettext("month", "October"),
        pgettext("month", "November"),
        pgettext("month", "December"),
    )[month - 1]


def month_abbr(month: int) -> str:
    """'Dec' / 'dec' (January is 1), in the interface language."""
    return (
        pgettext("month, short", "Jan"),
        pgettext("month, short", "Feb"),
        pgettext("month, short", "Mar"),
        pgettext("month, short", "Apr"),
        pgettext("month, short", "May"),
        pgettext("month, short", "Jun"),
        pgettext("month, short", "Jul"),
        pgettext("month, short", "Aug"),
        pgettext("month, short", "Sep"),
        pgettext("month, short", "Oct"),
        pgettext("month, short", "Nov"),
        pgettext("month, short", "Dec"),
    )[month - 1]
