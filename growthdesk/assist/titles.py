"""The example title of a repeat problem: one real problem text, without personal data.

The dashboard and `howto` show "Account locked out after holiday, unlocked" rather than the
bag of words "account locked holiday unlocked": the most common wording among the problem's
wins, in the agent's language when the problem was logged in both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from growthdesk.assist.query import scrub
from growthdesk.assist.words import detect_language
from growthdesk.core.i18n import language
from growthdesk.core.text import fold

__all__ = ["example_title", "examples"]


def examples(texts: Sequence[str], names: Iterable[str] = ()) -> list[tuple[str, int]]:
    """Distinct scrubbed wordings of *texts* with their counts, most common first (ties: the
    most recent, i.e. the later in *texts*)."""
    names = list(names)
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    latest: dict[str, int] = {}
    cleaned: dict[str, str] = {}  # a repeat problem repeats its texts: scrub each once
    for i, text in enumerate(texts):
        clean = cleaned.get(text)
        if clean is None:
            clean = cleaned[text] = scrub(text, names)
        key = fold(clean)
        if not key:
            continue
        counts[key] += 1
        shown[key] = clean
        latest[key] = i
    order = sorted(counts, key=lambda k: (-counts[k], -latest[k]))
    return [(shown[k], counts[k]) for k in order]


def example_title(texts: Sequence[str], names: Iterable[str] = (), lang: str | None = None) -> str:
    """The title for a repeat problem whose wins have problem *texts* (oldest first)."""
    found = examples(texts, names)
    if not found:
        return ""
    lang = lang or language()
    top = found[0][1]
    # Among the most common wordings (within one), the agent's language first.
    near = [t for t, n in found if n >= top - 1]
    for text in near:
        if detect_language(text) == lang:
            return text[:1].upper() + text[1:]
    return found[0][0][:1].upper() + found[0][0][1:]
