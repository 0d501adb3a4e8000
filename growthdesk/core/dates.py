"""Dates typed by people: ISO-8601 plus everyday English and Dutch phrases.

The phrases agents actually type are parsed here without any library, so `log` stays fast.
Anything else goes to dateparser (imported only then), which costs ~0.5 s on first use.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from growthdesk.core.date_words import (
    DATE_VOCABULARY,
    DAY_PREFIXES,
    DAY_WORDS,
    HOUR_WORDS,
    MINUTE_WORDS,
    MONTHS,
    PARTS_OF_DAY,
    WEEKDAYS,
    WORKDAY_FIRST_HOUR,
    month_abbr,
    month_name,
    weekday_abbr,
)
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, language
from growthdesk.core.text import fold

__all__ = [
    "parse_when",
    "parse_day",
    "parse_time_of_day",
    "check_past",
    "check_day",
    "FLOOR",
    "long_day",
    "short_day",
    "show_day",
    "show_range",
    "show_recent",
]

FUTURE_SLACK = timedelta(minutes=5)  # clock skew between a phone and the laptop
EARLIEST_YEAR = 1900  # the dates read at all; records are held to FLOOR (check_past)
FLOOR = date(1990, 1, 1)  # no win, kudos, learning entry, interaction or event before this
MAX_PHRASE = 100  # "vorige week vrijdag 14:00" is 25 characters

_WEEKDAYS = WEEKDAYS
_DAY_WORDS = DAY_WORDS
_UNITS = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "minuut": "minutes", "minuten": "minutes",
    "hour": "hours", "hours": "hours", "uur": "hours", "uren": "hours",
    "day": "days", "days": "days", "dag": "days", "dagen": "days",
    "week": "weeks", "weeks": "weeks", "weken": "weeks",
}  # fmt: skip
_AGO_PHRASES = {  # in months
    "last month": 1, "vorige maand": 1, "afgelopen maand": 1,
    "last year": 12, "vorig jaar": 12, "afgelopen jaar": 12,
}  # fmt: skip
_DAYS_AGO = {"last week": 7, "vorige week": 7, "afgelopen week": 7, "a week ago": 7}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "een": 1, "two": 2, "twee": 2, "three": 3, "drie": 3}

_TIME_RE = re.compile(
    r"(?:\s+(?:at|om|@))?\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm|u|uur)?$"
)
_AGO_RE = re.compile(
    r"^(?P<n>\d+|a|an|one|een|two|twee|three|drie)\s+(?P<unit>[a-z]+)\s+(?:ago|geleden)$"
)
# "25-03-2026", "25/03/26", and without a year "25-03", "25/3" (a dot there is a time: 9.30)
_NUMERIC_RE = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?$"
)
_HOUR = r"\d{1,2}|" + "|".join(HOUR_WORDS)
# "half 3", "kwart over 2", "kwart voor 3", "half past 2", "quarter to 3" at the end of a phrase
_CLOCK_WORDS_RE = re.compile(
    r"(?:^|\s+)(?:(?:at|om|@)\s+)?"
    rf"(?:(?P<n>\d{{1,2}}|{'|'.join(MINUTE_WORDS)})\s+(?P<nkind>over half|voor half|over|voor|past|to)"
    r"|(?P<kind>half past|quarter past|quarter to|kwart over|kwart voor|half))\s+"
    rf"(?P<h>{_HOUR})(?:\s*(?P<ampm>am|pm|uur))?$"
)
_CLOCK_OFFSETS = {  # minutes from the named hour
    "half": -30, "half past": 30, "kwart over": 15, "quarter past": 15,
    "kwart voor": -15, "quarter to": -15,
}  # fmt: skip
_N_SIGNS = {"over half": (-30, 1), "voor half": (-30, -1), "over": (0, 1), "voor": (0, -1),
            "past": (0, 1), "to": (0, -1)}  # fmt: skip
_ORDINAL = r"(?:st|nd|rd|th|e|ste|de)?"
# "25 november", "4 maart 2026", "di 1 dec", "Nov 25", "November 25 2026", "friday 20 nov"
_DAY_MONTH_RE = re.compile(
    rf"^(?:(?P<wd>[a-z]+)\s+)?(?P<d>\d{{1,2}}){_ORDINAL}\s+(?P<mon>[a-z]+)\.?(?:\s+(?P<y>\d{{4}}))?$"
)
_MONTH_DAY_RE = re.compile(
    rf"^(?:(?P<wd>[a-z]+)\s+)?(?P<mon>[a-z]+)\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}(?:\s+(?P<y>\d{{4}}))?$"
)


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
    """Split a trailing time ('gisteren 14:00', 'friday at 2pm', 'vrijdag half 3') from the day.

    The head is "" for a time alone ('14:00', 'half 3'); a bare number ('25') is no time.
    """
    words = _CLOCK_WORDS_RE.search(text)
    if words:
        return text[: words.start()].strip(), _clock_words(words)
    match = _TIME_RE.search(" " + text)
    if match:
        head = (" " + text)[: match.start()].strip()
        # "3 days ago" must not read "3" as an hour; only split if the head is a day phrase.
        if head.endswith(("ago", "geleden")) or not (head or match["m"] or match["ampm"]):
            return text, None
        return head, _to_time(match)
    return text, None


def _clock_words(match: re.Match[str]) -> time:
    """'half 3' -> 14:30, 'tien over half 3' -> 14:40: a Dutch 'half' names the coming hour;
    on the 12-hour clock 1 to 6 o'clock is the afternoon (see date_words.WORKDAY_FIRST_HOUR)."""
    named = match["h"]
    hour = HOUR_WORDS[named] if named in HOUR_WORDS else int(named)
    if not 1 <= hour <= 24:
        raise InputError(_("'{text}' is not a time of day", text=match.group(0).strip()))
    if match["kind"]:
        offset = _CLOCK_OFFSETS[match["kind"]]
    else:  # "tien over half 3", "vijf voor 12", "ten past 2"
        n = MINUTE_WORDS.get(match["n"]) or int(match["n"])
        if not 1 <= n <= 29:
            raise InputError(_("'{text}' is not a time of day", text=match.group(0).strip()))
        base, sign = _N_SIGNS[match["nkind"]]
        offset = base + sign * n
    hour, minute = divmod(hour * 60 + offset, 60)
    if hour <= 12:  # a 12-hour clock: pick the working-hours reading unless am/pm says
        hour = hour or 12
        if match["ampm"] == "pm" or (match["ampm"] is None and hour < WORKDAY_FIRST_HOUR):
            hour = hour % 12 + 12
        elif match["ampm"] == "am":
            hour %= 12
    return time(hour % 24, minute)


def _part_of_day(head: str, today: date) -> tuple[date, time] | None:
    """'vanochtend', 'gisteravond', 'vrijdagmiddag', 'this morning', 'friday afternoon'."""
    if head == "tonight":
        return today, PARTS_OF_DAY["evening"]
    if head in ("last night", "gisternacht"):
        return today - timedelta(days=1), PARTS_OF_DAY["night"]
    words = head.split()
    if not words:
        return None
    last, rest = words[-1], words[:-1]
    part = last if last in PARTS_OF_DAY and rest else None
    if part is None:  # Dutch glues the part on: "gisteravond", "vrijdagmiddag"
        part = next((p for p in PARTS_OF_DAY if last.endswith(p) and len(last) > len(p)), None)
        if part is None:
            return None
        rest = [*rest, last[: -len(part)]]
    day_words = " ".join(rest)
    if day_words in DAY_PREFIXES and day_words != "last":
        day: date | None = today - timedelta(days=DAY_PREFIXES[day_words])
    else:
        day = _day_phrase(day_words, today)
    return None if day is None else (day, PARTS_OF_DAY[part])


def _month_day(phrase: str, today: date) -> date | None:
    """'25 november', 'Nov 25', '4 maart 2026': without a year, the most recent such day."""
    match = _DAY_MONTH_RE.match(phrase) or _MONTH_DAY_RE.match(phrase)
    if match is None or match["mon"] not in MONTHS:
        return None
    if match["wd"] is not None and match["wd"] not in WEEKDAYS:
        return None
    year = int(match["y"]) if match["y"] else today.year
    try:
        day = date(year, MONTHS[match["mon"]], int(match["d"]))
        if not match["y"] and day > today:
            day = date(year - 1, day.month, day.day)
    except ValueError:
        raise InputError(_("'{text}' is not a real date", text=phrase)) from None
    return day


def _past_weekday(today: date, weekday: int) -> date:
    """The most recent such weekday strictly before today (a bare weekday is never the future)."""
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


def _day_phrase(phrase: str, today: date) -> date | None:
    if phrase in _DAY_WORDS:
        return today - timedelta(days=_DAY_WORDS[phrase])
    if phrase in _DAYS_AGO:
        return today - timedelta(days=_DAYS_AGO[phrase])
    if phrase in _AGO_PHRASES:  # "vorige maand": a month ago (as dateparser reads it), quickly
        from growthdesk.core.months import add_months

        return add_months(today, -_AGO_PHRASES[phrase])
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
    # "vorige week vrijdag", "vrijdag vorige week", "friday last week": that day of last week
    day = None
    if (
        len(words) == 3
        and words[:2] in (["vorige", "week"], ["last", "week"])
        and words[2] in _WEEKDAYS
    ):
        day = _WEEKDAYS[words[2]]
    elif (
        len(words) == 3
        and words[1:] in (["last", "week"], ["vorige", "week"])
        and words[0] in _WEEKDAYS
    ):
        day = _WEEKDAYS[words[0]]
    if day is not None:
        monday_last_week = today - timedelta(days=today.weekday() + 7)
        return monday_last_week + timedelta(days=day)
    return None


def _numeric(match: re.Match[str], today: date) -> date:
    a, b = int(match["a"]), int(match["b"])
    year = int(match["y"]) if match["y"] else today.year
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
        found = date(year, month, day)
        if not match["y"] and found > today:  # no year: the most recent such day
            found = date(year - 1, month, day)
        return found
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
    today = now.date()
    match = _AGO_RE.match(phrase)
    if match and match["unit"] in _UNITS:
        n = _NUMBER_WORDS.get(match["n"]) or int(match["n"])
        return now - timedelta(**{_UNITS[match["unit"]]: n})
    day = _month_day(phrase, today)  # before the time split, so "nov 25" is not 25 o'clock
    if day is not None:
        return _with_time(day, None, now, default_now=day == today)
    head, at = _split_time(phrase)
    if head in {"now", "nu"} and at is None:
        return now
    if not head and at is not None:  # "14:00", "half 3": today
        return _with_time(today, at, now, default_now=False)
    part = _part_of_day(head, today)
    if part is not None:
        day, default = part
        if at is not None and at.hour < 12 and default.hour >= 12:  # "vanavond 8" is 20:00
            at = at.replace(hour=at.hour + 12)
        return _with_time(day, at or default, now, default_now=False)
    day = _day_phrase(head, today) or _month_day(head, today)
    if day is not None:
        return _with_time(day, at, now, default_now=day == today)
    numeric = _NUMERIC_RE.match(head)
    if numeric:
        day = _numeric(numeric, today)
        return _with_time(day, at, now, default_now=day == today)
    if not re.search(r"\d", phrase) and not DATE_VOCABULARY.intersection(phrase.split()):
        raise InputError(_cannot_read(raw))  # no date words at all: not worth dateparser's 0.6 s
    return _dateparser(raw, now)


def _cannot_read(text: str) -> str:
    return _(
        "cannot read the date '{text}'; try 2026-03-14, 'yesterday 14:00', "
        "'gisteren', 'last friday' or 'vorige week vrijdag'",
        text=text,
    )


def parse_day(text: str, now: datetime) -> date:
    """A calendar day (for --since, --until, --started, event dates)."""
    return parse_when(text, now).date()


def _dateparser(text: str, now: datetime) -> datetime:
    import dateparser  # ~0.6 s on first use: only for phrases the fast path does not know

    settings = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    value = dateparser.parse(text, languages=["en", "nl"], settings=settings)
    if value is None:
        raise InputError(_cannot_read(text))
    if value.time() == time(0, 0) and not re.search(r"\d[:.]\d\d|\d\s*(?:am|pm|u|uur)\b", text):
        # A day without a time of day: the same default as the fast path (midday, or now)
        return _with_time(value.date(), None, now, default_now=value.date() == now.date())
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


def long_day(day: date | str) -> str:
    """'1 December 2026' / '1 december 2026' (*day* may be an ISO string)."""
    day = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{day.day} {month_name(day.month)} {day.year}"


def short_day(day: date | str) -> str:
    """'Tue 1 Dec' / 'di 1 dec': a day near today, where the year goes without saying."""
    day = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{weekday_abbr(day.weekday())} {day.day} {month_abbr(day.month)}"


def show_day(day: date | str) -> str:
    """A day inside a sentence: '1 december 2026' in Dutch; ISO in English, as it always was
    (English readers and scripts know 2026-12-01). Listings keep ISO in both: fixed width."""
    if language() == "nl":
        return long_day(day)
    return day[:10] if isinstance(day, str) else day.isoformat()


def show_range(start: date | str, end: date | str) -> str:
    """A period in a heading: '2026-10-28 to 2026-11-26' in English, '28 okt – 26 nov 2026'
    in Dutch (the year once when both days share it), short enough for 80 columns."""
    if language() != "nl":
        return _("{start} to {end}", start=show_day(start), end=show_day(end))
    first = date.fromisoformat(start[:10]) if isinstance(start, str) else start
    last = date.fromisoformat(end[:10]) if isinstance(end, str) else end

    def day(d: date, year: bool) -> str:
        text = f"{d.day} {month_abbr(d.month)}"
        return f"{text} {d.year}" if year else text

    return f"{day(first, first.year != last.year)} – {day(last, True)}"


def show_recent(day: date | str) -> str:
    """A day of the last weeks, in a tight spot: '11-18' in English (as it always was),
    'wo 18 nov' in Dutch."""
    if language() == "nl":
        return short_day(day)
    return (day[:10] if isinstance(day, str) else day.isoformat())[5:]
