"""The agent's profile: start date at the helpdesk, role, resolution target, target track, language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.text import SHORT_TEXT, check_text, fold
from growthdesk.skills.ids import TRACK_IDS

__all__ = [
    "FIELDS",
    "LANGS",
    "MAX_TARGET_MINUTES",
    "CONFIRM_YEARS",
    "is_clear",
    "years_ago",
    "validate_started",
    "validate_role",
    "validate_target_minutes",
    "validate_track",
    "validate_lang",
    "validate_name",
    "validate_changes",
    "target_of",
    "view",
]

FIELDS = ("started", "role", "target_minutes", "track", "lang")
LANGS = ("en", "nl")
MAX_TARGET_MINUTES = 480  # a working day; a resolution target beyond that is not a target
MAX_ROLE = SHORT_TEXT
CONFIRM_YEARS = 15  # a first day longer ago than this is asked about: 1997 typed for 2017?
_CLEAR = {"", "none", "-", "geen"}


def is_clear(value: str) -> bool:
    """'none', '-', 'geen' or nothing: the user clears the field."""
    return fold(value) in _CLEAR


def years_ago(started: str | None, now: datetime) -> int | None:
    """Whole years since *started* when more than CONFIRM_YEARS, else None."""
    if not started:
        return None
    years = (now.date() - date.fromisoformat(started[:10])).days // 365
    return years if years > CONFIRM_YEARS else None


def validate_started(value: date | str | None, now: datetime) -> str | None:
    """An ISO day, not in the future and not absurdly long ago."""
    if value is None:
        return None
    if isinstance(value, str):
        if fold(value) in _CLEAR:
            return None
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(_("'{v}' is not a date (YYYY-MM-DD)", v=value)) from None
    if isinstance(value, datetime):
        value = value.date()
    if value > now.date():
        raise InputError(_("the start date {d} is in the future", d=value.isoformat()))
    if value.year < 1970:
        raise InputError(_("the start date {d} is too far in the past", d=value.isoformat()))
    return value.isoformat()


def validate_role(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    if fold(text) in _CLEAR:
        return None
    return check_text(text, _("role"), MAX_ROLE)


def validate_target_minutes(value: int | str | None) -> int:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        raise InputError(
            _("the target must be a whole number of minutes, not '{v}'", v=value)
        ) from None
    if not 1 <= minutes <= MAX_TARGET_MINUTES:
        raise InputError(
            _(
                "the target must be between 1 and {max} minutes, not {v}",
                max=MAX_TARGET_MINUTES,
                v=minutes,
            )
        )
    return minutes


def validate_track(value: str | None) -> str | None:
    if value is None:
        return None
    track = fold(value).replace("-", "_").replace(" ", "_")
    if track in _CLEAR:
        return None
    if track not in TRACK_IDS:
        from growthdesk.career.tracks import track_for_label  # the label `path` shows

        track = track_for_label(value) or track
    if track not in TRACK_IDS:
        raise InputError(
            _("unknown track '{t}'; tracks are {all}.", t=value, all=", ".join(TRACK_IDS))
            + did_you_mean(track, TRACK_IDS)
        )
    return track


def validate_name(value: str | None) -> str | None:
    """The display name on the team card ('none' clears it)."""
    if value is None:
        return None
    text = " ".join(value.split())
    return None if fold(text) in _CLEAR else check_text(text, _("name"), MAX_ROLE)


def validate_lang(value: str | None) -> str:
    lang = fold(value or "")
    if lang not in LANGS:
        raise InputError(_("language must be en or nl, not '{v}'", v=value))
    return lang


def validate_changes(changes: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """Validate the given fields (others untouched); unknown fields are an error."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "started":
            out[key] = validate_started(value, now)
        elif key == "role":
            out[key] = validate_role(value)
        elif key == "target_minutes":
            out[key] = validate_target_minutes(value)
        elif key == "track":
            out[key] = validate_track(value)
        elif key == "lang":
            out[key] = validate_lang(value)
        elif key == "name":
            out[key] = validate_name(value)
        else:
            raise InputError(_("unknown profile field '{f}'.", f=key) + did_you_mean(key, FIELDS))
    return out


def target_of(profile: Mapping[str, Any]) -> int:
    """The stored resolution target. A damaged one (meta.json edited by hand) is an InputError
    that says how to repair it; commands read it before they write, so they fail whole."""
    value = profile.get("target_minutes")
    if type(value) is int and 1 <= value <= MAX_TARGET_MINUTES:
        return value
    raise InputError(
        _(
            "the profile's target_minutes {v!r} is not valid; set it with "
            "growthdesk profile set --target-minutes 15",
            v=value,
        )
    )


def view(profile: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The profile with derived values (months at the helpdesk) for display and --json."""
    out = {f: profile.get(f) for f in FIELDS}
    months = None
    started = profile.get("started")
    if started:
        try:
            months = round((now.date() - date.fromisoformat(str(started)[:10])).days / 30.4375, 1)
        except ValueError:
            months = None
    out["months_at_helpdesk"] = months
    return out
