"""Dates typed by people: ISO-8601 plus everyday English and Dutch phrases.

The phrases agents actually type are parsed here without any library, so `log` stays fast.
Anything else goes to dateparser (imported only then), which costs ~0.5 s on first use.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.text import fold

__all__ = ["parse_when", "parse_day", "parse_time_of_day", "check_past", "check_day", "FLOOR"]

FUTURE_SLACK = timedelta(minutes=5)  # clock skew between a phone and the laptop
EARLIEST_YEAR = 1900  # the dates read at all; records are held to FLOOR (check_past)
FLOOR = date(1990, 1, 1)  # no win, kudos, learning entry, interaction or event before this
MAX_PHRASE = 100  # "vorige week vrijdag 14:00" is 25 characters

_WEEKDAYS = {
    "monday": 0, "mon": 0, "maandag": 0, "ma": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "dinsdag": 1, "di": 1,
    "wednesday": 2, "wed": 2, "woensdag": 2, "wo": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "donderdag": 3, "do": 3,
    "friday": 4, "fri": 4, "vrijdag": 4, "vr": 4,
    "saturday": 5, "sat": 5, "zaterdag": 5, "za": 5,
    "sunday": 6, "sun": 6, "zondag": 6, "zo": 6,
}  # fmt: skip
_DAY_WORDS = {
    "today": 0, "vandaag": 0, "now": 0, "nu": 0,
    "yesterday": 1, "gisteren": 1,
    "eergisteren": 2, "day before yesterday": 2, "the day before yesterday": 2,
}  # fmt: skip
_UNITS = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "minuut": "minutes", "minuten": "minutes",
    "hour": "hours", "hours": "hours", "uur": "hours", "uren": "hours",
    "day": "days", "days": "days", "dag": "days", "dagen": "days",
    "week": "weeks", "weeks": "weeks", "weken": "weeks",
}  # fmt: skip
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "een": 1, "two": 2, "twee": 2, "three": 3, "drie": 3}

_TIME_RE = re.compile(
    r"(?:\s+(?:at|om|@))?\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm|u|uur)?$"
)
_AGO_RE = re.compile(
    r"^(?P<n>\d+|a|an|one|een|two|twee|three|drie)\s+(?P<unit>[a-z]+)\s+(?:ago|geleden)$"
)
_NUMERIC_RE = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})$")


def _localize(naive: datetime, now: datetime) -> datetime:
    """Attach the right UTC offset to a wall-clock time.

    When *now* is in this machine's time zone, the zone's own rules decide, so a July date
    typed in November gets summer time (+02:00 in the Netherlands), not today's offset. A
    *now* from elsewhere (a pinned clock, another zone) lends its fixed offset.
    """
    if now.utcoffset() == now.replace(tzinfo=None).astimezone().utcoffset():
        return naive.astimezone()
    return naive.replace(tzinfo=now.tzinfo)


def parse_time_of_day(text: str) -> time:
    """'14:00', '9.30', '2pm', '14u' -> time."""
    match = _TIME_RE.match(" " + text.strip().lower())
    if not match:
        raise InputError(_("cannot read the time '{text}'", text=text))
    return _to_time(match)


def _to_time(match: re.Match[str]) -> time:
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"] == "pm" and hour < 12:
        hour += 12
    elif match["ampm"] == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise InputError(_("'{h}:{m:02d}' is not a time of day", h=hour, m=minute))
    return time(hour, minute)


def _split_time(text: str) -> tuple[str, time | None]:
    """Split a trailing time ('gisteren 14:00', 'friday at 2pm') from the day part."""
    match = _TIME_RE.search(text)
    if match and match.start() > 0:
        head = text[: match.start()].strip()
        # "3 days ago" must not read "3" as an hour; only split if the head is a day phrase.
        if head and not head.endswith(("ago", "geleden")):
            return head, _to_time(match)
    return text, None


def _past_weekday(today: date, weekday: int) -> date:
    """The most recent such weekday strictly before today (a bare weekday is never the future)."""
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


def _day_phrase(phrase: str, today: date) -> date | None:
    if phrase in _DAY_WORDS:
        return today - timedelta(days=_DAY_WORDS[phrase])
    words = phrase.split()
    # "friday", "last friday", "vorige vrijdag", "afgelopen vrijdag"
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return _past_weekday(today, _WEEKDAYS[words[0]])
    if (
        len(words) == 2
        and words[0] in {"last", "vorige", "afgelopen", "past"}
        and words[1] in _WEEKDAYS
    ):
        return _past_weekday(today, _WEEKDAYS[words[1]])
    # "vorige week vrijdag", "friday last week", "last week friday": that day of last calendar week
    day = None
    if (
        len(words) == 3
        and words[:2] in (["vorige", "week"], ["last", "week"])
        and words[2] in _WEEKDAYS
    ):
        day = _WEEKDAYS[words[2]]
    elif len(words) == 3 and words[1:] == ["last", "week"] and words[0] in _WEEKDAYS:
        day = _WEEKDAYS[words[0]]
    if day is not None:
        monday_last_week = today - timedelta(days=today.weekday() + 7)
        return monday_last_week + timedelta(days=day)
    return None


def _numeric(match: re.Match[str]) -> date:
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if year < 100:
        year += 2000
    if a <= 12 and b <= 12 and a != b:
        raise InputError(
            _(
                "the date '{text}' is ambiguous (day-month or month-day?); write it as "
                "{iso1} or {iso2}",
                text=match.group(0),
                iso1=f"{year}-{b:02d}-{a:02d}",
                iso2=f"{year}-{a:02d}-{b:02d}",
            )
        )
    day, month = (a, b) if b <= 12 else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(_("'{text}' is not a real date", text=match.group(0))) from None


def _iso(text: str, now: datetime) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        value = datetime.fromisoformat(text.upper().replace(" ", "T", 1))
    except ValueError:
        raise InputError(_("'{text}' is not a valid ISO-8601 date", text=text)) from None
    if len(text) == 10:  # a bare day: midday, like the other day-only phrases
        return _with_time(value.date(), None, now, default_now=False)
    if value.tzinfo is None:
        value = _localize(value, now)
    return value


def _with_time(day: date, at: time | None, now: datetime, default_now: bool) -> datetime:
    if at is None:
        # A date without a time: the current time of day for today, midday for other days.
        at = now.timetz().replace(second=0, microsecond=0) if default_now else time(12, 0)
    return _localize(datetime.combine(day, at.replace(tzinfo=None)), now)


def parse_when(text: str, now: datetime) -> datetime:
    """A moment, aware, in *now*'s time zone unless the text names an offset.

    Only years from 1900 to a century ahead are read at all: anything further ("0001-01-01",
    "1000000000 days ago") is a typo, and would overflow the date arithmetic downstream.
    """
    raw = text.strip()
    if not raw:
        raise InputError(_("empty date"))
    if len(raw) > MAX_PHRASE:
        raise InputError(_("'{text}…' is too long to be a date", text=raw[:20]))
    try:
        value = _parse_when(raw, now)
    except (OverflowError, ValueError):  # timedelta or date out of range, a 5,000-digit number
        value = None
    if value is None or not EARLIEST_YEAR <= value.year <= now.year + 100:
        raise InputError(
            _(
                "'{text}' is not a date between {first} and {last}",
                text=raw,
                first=EARLIEST_YEAR,
                last=now.year + 100,
            )
        )
    return value


def _parse_when(raw: str, now: datetime) -> datetime:
    iso = _iso(raw, now)
    if iso is not None:
        return iso
    phrase = " ".join(fold(raw).replace(",", " ").split())
    match = _AGO_RE.match(phrase)
    if match and match["unit"] in _UNITS:
        n = _NUMBER_WORDS.get(match["n"]) or int(match["n"])
        return now - timedelta(**{_UNITS[match["unit"]]: n})
    head, at = _split_time(phrase)
    if head in {"now", "nu"} and at is None:
        return now
    day = _day_phrase(head, now.date())
    if day is not None:
        return _with_time(day, at, now, default_now=day == now.date())
    numeric = _NUMERIC_RE.match(head)
    if numeric:
        return _with_time(_numeric(numeric), at, now, default_now=False)
    return _dateparser(raw, now)


def parse_day(text: str, now: datetime) -> date:
    """A calendar day (for --since, --until, --started, event dates)."""
    return parse_when(text, now).date()


def _dateparser(text: str, now: datetime) -> datetime:
    import dateparser  # ~0.5 s on first use: only for phrases the fast path does not know

    settings = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    value = dateparser.parse(text, languages=["en", "nl"], settings=settings)
    if value is None:
        raise InputError(
            _(
                "cannot read the date '{text}'; try 2026-03-14, 'yesterday 14:00', "
                "'gisteren', 'last friday' or 'vorige week vrijdag'",
                text=text,
            )
        )
    return _localize(value, now)


def check_past(when: datetime, now: datetime, what: str) -> datetime:
    """Refuse a moment in the future (beyond clock skew) or before 1990; *what* names the record."""
    if when > now + FUTURE_SLACK:
        raise InputError(
            _(
                "{when} is in the future; log {what} after it happened",
                when=when.isoformat(timespec="minutes"),
                what=what,
            )
        )
    check_day(when.date())
    return when


def check_day(day: date) -> date:
    """Refuse a day before :data:`FLOOR` (1990): older records are typos, not history."""
    if day < FLOOR:
        raise InputError(_("{when} is too far in the past", when=day.isoformat()))
    return day
