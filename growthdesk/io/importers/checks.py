"""Check the records and profile of a growthdesk export before a restore: ``core.schema``'s
strict check, plus what a restore does about derived terms and the profile's own rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from growthdesk.core import schema
from growthdesk.core.text import TERMS_VERSION

__all__ = ["clean_profile", "record_problem"]


def record_problem(table: str, rec: Any) -> str | None:
    """What is wrong with one exported record of *table* (``id`` required), or None.

    A win's derived search terms are not checked: they are dropped unless they have the
    current shape (recall trusts them, and rebuilds the missing ones itself).
    """
    problem = schema.record_problem(table, rec, strict=True)
    if problem is None and "terms" in rec and not _current_terms(rec["terms"]):
        del rec["terms"]
    return problem


def _current_terms(terms: Any) -> bool:
    return (
        type(terms) is dict
        and terms.keys() == {"v", "p", "s"}
        and terms["v"] == TERMS_VERSION
        and type(terms["p"]) is str
        and type(terms["s"]) is str
    )


def clean_profile(profile: Any, now: datetime) -> dict[str, Any]:
    """An exported profile (fields may be left out) as the profile validators normalise it;
    InputError names what is wrong."""
    from growthdesk.core.errors import InputError
    from growthdesk.worklog.profile import validate_changes

    problem = schema.record_problem("profile", profile, strict=True)
    if problem:
        raise InputError(problem)
    return validate_changes(profile, now)
