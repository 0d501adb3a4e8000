"""Durations as people type them: '90', '90m', '1h30', '1u30', '1:30', '1,5u', 'anderhalf uur'.

One reader for every typed duration (``log --minutes``, ``learn --minutes``, ``wins edit -m``).
A bare decimal ('1,5', '1.5') is refused: an agent may mean hours or minutes, and guessing
wrong silently stores a 90-minute win as 2 minutes. Import files have their own reader
(io/importers/dates.py), because there a column declares the unit.
"""

from __future__ import annotations

import re

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = ["parse_minutes", "is_plain_number"]

_HOURS = r"h|hr|hrs|hour|hours|u|uur|uren"
_MINS = r"m|min|mins|minute|minutes|minuut|minuten"
_NUM = r"-?\d+(?:[.,]\d+)?"
_BARE_INT = re.compile(r"^-?\d+$")
_BARE_DECIMAL = re.compile(r"^-?\d+[.,]\d+$")
_WITH_UNIT = re.compile(rf"^(?P<n>{_NUM})\s*(?P<unit>{_HOURS}|{_MINS})$")
# "1h30", "1u30", "1 uur 30", "1h 30m", "1 hour 30 minutes", "1 uur en 30 minuten"
_HOURS_MINUTES = re.compile(
    rf"^(?P<h>-?\d+)\s*(?:{_HOURS})\s*(?:(?:and|en)\s+)?(?P<m>\d{{1,2}})\s*(?:{_MINS})?$"
)
_CLOCK = re.compile(r"^(?P<h>-?\d+):(?P<m>\d{2})$")
_WORDS = {
    "kwartier": 15, "een kwartier": 15, "quarter of an hour": 15, "a quarter of an hour": 15,
    "quarter hour": 15, "a quarter hour": 15,
    "half uur": 30, "half uurtje": 30, "een half uur": 30, "halfuur": 30, "half an hour": 30,
    "half hour": 30, "a half hour": 30,
    "drie kwartier": 45, "three quarters of an hour": 45,
    "uur": 60, "een uur": 60, "an hour": 60, "one hour": 60, "uurtje": 60, "een uurtje": 60,
    "anderhalf uur": 90, "anderhalf": 90, "an hour and a half": 90, "hour and a half": 90,
    "one and a half hours": 90, "twee uur": 120, "two hours": 120,
}  # fmt: skip


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def is_plain_number(text: str) -> bool:
    """'90', '-5', '1e3', 'inf': a number as typed, without a unit."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_minutes(text: str) -> float:
    """Minutes in *text* (not yet checked for range: zero and negatives come back as they are).

    Raises InputError for text that is no duration, and for a bare decimal, naming both readings.
    """
    raw = " ".join(text.strip().lower().split())
    if _BARE_INT.match(raw):
        return float(raw)
    if _BARE_DECIMAL.match(raw):
        value = _number(raw)
        raise InputError(
            _(
                "'{text}' is ambiguous (hours or minutes?): write {text}h for {hours} minutes, "
                "or {rounded} for {rounded} minutes",
                text=text.strip(),
                hours=round(value * 60),
                rounded=max(1, round(value)),
            )
        )
    if raw in _WORDS:
        return float(_WORDS[raw])
    match = _WITH_UNIT.match(raw)
    if match:
        in_hours = re.fullmatch(_HOURS, match["unit"]) is not None
        return _number(match["n"]) * (60 if in_hours else 1)
    match = _HOURS_MINUTES.match(raw) or _CLOCK.match(raw)
    if match:
        hours, minutes = int(match["h"]), int(match["m"])
        if minutes >= 60:
            raise InputError(
                _("'{text}' has {m} minutes after the hour; write at most 59", text=text, m=minutes)
            )
        return -(abs(hours) * 60 + minutes) if raw.startswith("-") else hours * 60 + minutes
    try:
        return float(raw)  # "1e3", and "nan"/"inf", which the range check refuses
    except ValueError:
        raise InputError(
            _(
                "minutes must be a number, not '{v}'; try 90, 90m, 1h30, 1:30 or 1,5h",
                v=text,
            )
        ) from None
