"""Case- and accent-insensitive "did you mean" suggestions for names and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from growthdesk.core.text import fold

__all__ = ["close_matches", "did_you_mean"]


def close_matches(
    name: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.75
) -> list[str]:
    """Candidates that look like *name*, best first, compared after folding."""
    by_fold: dict[str, str] = {}
    for cand in candidates:
        by_fold.setdefault(fold(cand), cand)
    hits = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[h] for h in hits]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """' Did you mean X?' or '' — ready to append to an error message."""
    hits = close_matches(name, candidates)
    if not hits:
        return ""
    from growthdesk.core.i18n import _

    return " " + _("Did you mean {names}?", names=_(" or ").join(f"'{h}'" for h in hits))
