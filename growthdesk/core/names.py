"""Case-insensitive name matching with "did you mean" suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["fold", "close_matches", "did_you_mean"]


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Ümit ' -> 'umit'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
    return " Did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"
