"""Date, time-zone and duration parsing for imports.

Import dates come in every shape ticket systems produce: ISO with or without a colon in the
offset (TOPdesk ``+0000``), Jira's ``11/May/24 03:26 PM`` (month names may be localised), day-
or month-first numbers, spreadsheet datetimes. A numeric date such as ``03/04/2025`` is refused
as ambiguous unless the user decides with ``dayfirst`` or an explicit ``date_format``: guessing
silently is how imports end up a month off.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.text import fold

__all__ = [
    "AmbiguousDateError",
    "BadDateError",
    "DateReader",
    "load_zone",
    "parse_duration_minutes",
]


class BadDateError(InputError):
    """A value that is not a date we can read."""


class AmbiguousDateError(BadDateError):
    """A numeric date that reads both day-first and month-first (e.g. 03/04/2025)."""


# Month names and abbreviations in the languages the exports come in (en, nl, de, fr).
_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "jan january januari januar janv janvier",
        "feb february februari februar fev fevr fevrier",
        "mar march maart mrt marz maerz mars",
        "apr april avr avril",
        "may mei mai",
        "jun june juni juin",
        "jul july juli juil juillet",
        "aug august augustus aout",
        "sep sept september septembre",
        "oct october oktober okt octobre",
        "nov november novembre",
        "dec december dez dezember decembre",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

_TIME = (
    r"(?:[ T,]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?"
)
_NUMERIC = re.compile(r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})" + _TIME + r"$")
_DAY_MONTHNAME = re.compile(
    r"^(?P<d>\d{1,2})[-/. ]+(?P<mon>[^\W\d_]+)\.?[-/. ,]+(?P<y>\d{2,4})" + _TIME + r"$"
)
_MONTHNAME_DAY = re.compile(
    r"^(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})" + _TIME + r"$"
)


def load_zone(name: str) -> tzinfo:
    """A ZoneInfo for *name*, or a clear error naming the zone."""
    if name.upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            _("unknown time zone '{name}' (use a name such as Europe/Amsterdam)", name=name)
        ) from None


def _year(text: str) -> int:
    value = int(text)
    if len(text) <= 2:
        # Two-digit years in exports are this century (Jira "11/May/24").
        return 2000 + value
    return value


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


class DateReader:
    """Turns import date values into aware datetimes, ISO-formatted.

    *date_format*: a strptime format that decides every value. *dayfirst*: True/False decides
    numeric dates whose day and month could be swapped; None refuses them. *timezone*: the zone
    of dates without an offset and the zone results are written in; *source_zone*: the zone a
    file declares for its naive dates (Zammad's footer), used when *timezone* is not given.
    Without either, naive dates are local time. *keep_offset*: without *timezone*, a date that
    has an offset keeps it (growthdesk's own export: the wall-clock time the win was logged at).
    """

    def __init__(
        self,
        *,
        date_format: str | None = None,
        dayfirst: bool | None = None,
        timezone: str | None = None,
        source_zone: str | None = None,
        keep_offset: bool = False,
    ) -> None:
        self.keep_offset = keep_offset
        self.date_format = date_format
        self.dayfirst = dayfirst
        self.zone: tzinfo | None = load_zone(timezone) if timezone else None
        self.source_zone: tzinfo | None = load_zone(source_zone) if source_zone else None

    def localize(self, value: datetime) -> datetime:
        """Attach the right zone to a naive datetime and convert to the output zone."""
        if value.tzinfo is None:
            naive_zone = self.zone or self.source_zone
            # astimezone() on a naive value uses the system's local zone, DST included.
            value = value.replace(tzinfo=naive_zone) if naive_zone else value.astimezone()
        elif self.keep_offset and not self.zone:
            return value
        return value.astimezone(self.zone) if self.zone else value.astimezone()

    def iso(self, value: str | datetime) -> str:
        """The ISO-8601 text (seconds, with offset) of an import date value."""
        return self.parse(value).isoformat(timespec="seconds")

    def parse(self, value: str | datetime) -> datetime:
        if isinstance(value, datetime):
            return self.localize(value)
        text = " ".join(str(value).split())
        if not text:
            raise BadDateError(_("empty date"))
        if self.date_format:
            try:
                parsed = datetime.strptime(text, self.date_format)
            except ValueError:
                raise BadDateError(
                    _(
                        "date '{text}' does not match --date-format {fmt}",
                        text=text,
                        fmt=self.date_format,
                    )
                ) from None
            return self.localize(parsed)
        return self.localize(self._parse_auto(text))

    def _parse_auto(self, text: str) -> datetime:
        match = _NUMERIC.match(text)
        if match:
            a, b, c = match["a"], match["b"], match["c"]
            if len(a) == 4:  # Y-M-D is never ambiguous
                year, month, day = int(a), int(b), int(c)
            elif len(c) in (2, 4) and len(a) <= 2:
                year = _year(c)
                first, second = int(a), int(b)
                if first > 12 >= second:
                    day, month = first, second
                elif second > 12 >= first:
                    month, day = first, second
                elif first == second:
                    day = month = first
                elif self.dayfirst is None:
                    raise AmbiguousDateError(
                        _(
                            "ambiguous date '{text}' (day/month): pass --dayfirst or --date-format",
                            text=text,
                        )
                    )
                elif self.dayfirst:
                    day, month = first, second
                else:
                    month, day = first, second
            else:
                raise BadDateError(_("unrecognised date '{text}'", text=text))
            return self._build(text, year, month, day, match)
        for pattern in (_DAY_MONTHNAME, _MONTHNAME_DAY):
            match = pattern.match(text)
            if match:
                month_num = _MONTHS.get(fold(match["mon"]).rstrip("."))
                if month_num is None:
                    raise BadDateError(
                        _("unknown month '{mon}' in date '{text}'", mon=match["mon"], text=text)
                    )
                return self._build(text, _year(match["y"]), month_num, int(match["d"]), match)
        raise BadDateError(_("unrecognised date '{text}'", text=text))

    @staticmethod
    def _build(text: str, year: int, month: int, day: int, match: re.Match[str]) -> datetime:
        hour = int(match["H"] or 0)
        minute = int(match["M"] or 0)
        second = int(match["S"] or 0)
        micro = int((match["f"] or "0")[:6].ljust(6, "0"))
        ampm = (match["ampm"] or "").replace(".", "").lower()
        if ampm:
            if not 1 <= hour <= 12:
                raise BadDateError(_("unrecognised date '{text}'", text=text))
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        try:
            return datetime(year, month, day, hour, minute, second, micro, _offset(match["tz"]))
        except ValueError:
            raise BadDateError(_("impossible date '{text}'", text=text)) from None


# --- durations -----------------------------------------------------------------------------

_UNIT_SECONDS: dict[str, int] = {}
for _secs, _words in (
    (86400, "d day days dag dagen tag tage jour jours"),
    (3600, "h hr hrs hour hours u uur uren stunde stunden heure heures"),
    (60, "m min mins minute minutes minuut minuten minuten mn"),
    (1, "s sec secs second seconds seconde seconden sekunde sekunden secondes"),
):
    for _word in _words.split():
        _UNIT_SECONDS[_word] = _secs

_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)")
_CLOCK = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")
# ServiceNow's internal value of a duration field is a datetime counted from the epoch.
_EPOCH_DURATION = re.compile(r"^1970-01-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$")


def parse_duration_minutes(value: object, unit_seconds: int = 60) -> int | None:
    """Minutes of effort from a duration cell; None for an empty or zero value.

    Plain numbers are in *unit_seconds* units (60 = minutes, 1 = seconds, 3600 = hours).
    Also reads "1:30" (h:mm), ServiceNow's "25 Days 21 Hours 1 Minute" and its raw
    "1970-01-01 00:25:00", GLPI's "1 hours 30 minutes" and Dutch "2 uur 5 minuten".
    Zero is read as "not tracked" rather than "took no time".
    """
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) * unit_seconds
    else:
        text = str(value).strip()
        if not text:
            return None
        number = text.replace(",", ".")
        try:
            seconds = float(number) * unit_seconds
        except ValueError:
            seconds = _text_duration_seconds(text)
    if not math.isfinite(seconds):  # "nan", "inf", 1e999
        raise InputError(_("'{value}' is not a duration", value=value))
    if seconds < 0:
        raise InputError(_("negative duration '{value}'", value=value))
    if seconds == 0:
        return None
    return max(1, int(seconds / 60 + 0.5))  # half up: 12.5 minutes is 13


def _text_duration_seconds(text: str) -> float:
    clock = _CLOCK.match(text)
    if clock:
        return int(clock[1]) * 3600 + int(clock[2]) * 60 + int(clock[3] or 0)
    epoch = _EPOCH_DURATION.match(text)
    if epoch:
        days = int(epoch[1]) - 1
        return days * 86400 + int(epoch[2]) * 3600 + int(epoch[3]) * 60 + int(epoch[4])
    parts = _DURATION_PART.findall(text)
    leftover = _DURATION_PART.sub("", text)
    # Only separators and the words "and"/"en" may sit between the number-unit pairs.
    if not parts or re.sub(r"\b(and|en|und|et)\b|[\s,;+]", "", leftover):
        raise InputError(_("unrecognised duration '{text}'", text=text))
    total = 0.0
    for amount, unit in parts:
        secs = _UNIT_SECONDS.get(fold(unit))
        if secs is None:
            raise InputError(_("unknown unit '{unit}' in duration '{text}'", unit=unit, text=text))
        total += float(amount.replace(",", ".")) * secs
    return total
