"""Repeat-problem keys: what the clustering (stats.repeat_problems) reads of each win.

A key is ``[id, when, first skill, English concepts, content words, minutes, problem]``, both
word lists sorted and joined by spaces (one string each: a quarter of a million keys held as
lists of words cost hundreds of MB); a list stays a list when a word holds a space itself.
:func:`words_of` reads either. Working the concepts out (assist.glossary) is most of the clustering's
cost, and depends on the problem text alone, so each month summary keeps its wins' keys
(part ``repeats``) and a commit reuses the keys of texts it already had: a new win costs one
text, not the month's.

Working a new text's concepts out loads the glossary (~15 ms), too much for every `log`: a
commit that adds to a month leaves the concepts of its new texts out (null, "to work out")
until the month has ``SETTLE_AT`` of them, and :func:`settle_part` works them out for whoever
reads the part (``Store.summary`` and ``doctor`` call it), so readers always see whole keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from growthdesk import __version__
from growthdesk.assist.compiled import stamp
from growthdesk.core.text import content_words
from growthdesk.store import summaries

__all__ = ["REPEATS", "SETTLE_AT", "repeat_key", "repeats_part", "settle_part", "words_of"]

REPEATS = "repeats"
ID, WHEN, SKILL, CONCEPTS, WORDS, MINUTES, PROBLEM = range(7)
SETTLE_AT = 64  # concepts left to work out in a month's part before a commit works them out


def _joined(words: frozenset[str]) -> str | list[str]:
    ordered = sorted(words)
    joined = " ".join(ordered)
    # split() gives the words back only if none is empty or holds a space (one call, not a test
    # of each letter: a tenth of repeat_key, which doctor runs on every win)
    return joined if joined.split() == ordered else ordered


def words_of(value: str | list[str]) -> list[str]:
    """The words of a key's concepts or content words, as :func:`repeat_key` stored them."""
    return value.split() if isinstance(value, str) else value


def repeat_key(
    win: Mapping[str, Any], memo: dict[str, tuple[Any, Any]] | None = None, lazy: bool = False
) -> list[Any]:
    """The clustering's view of one win; *memo* maps a problem text to its two word lists.
    *lazy*: a text new to the memo gets null concepts, to be worked out by settle_part."""
    problem = str(win.get("problem") or "")
    found = memo.get(problem) if memo is not None else None
    if found is None:
        concepts = None if lazy else _concepts(problem)
        found = (concepts, _joined(content_words(problem)))
        if memo is not None:
            memo[problem] = found
    skills = win.get("skills") or [""]
    minutes = win.get("minutes")
    return [
        win.get("id"),
        str(win.get("when") or ""),
        skills[0],
        found[0],
        found[1],
        None if minutes is None else int(minutes),
        problem,
    ]


def _concepts(problem: str) -> str | list[str]:
    from growthdesk.assist.glossary import english_concepts  # its data loads on first use

    return _joined(english_concepts(problem))


def repeats_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> list[list[Any]]:
    """One month's keys, in shard order. *previous* keys the commit did not touch are kept as
    they are, and no text they hold is worked out again; new texts' concepts are left to
    work out (see the module docstring)."""
    memo: dict[str, tuple[Any, Any]] = {}
    if not isinstance(previous, list) or not all(
        isinstance(k, list) and len(k) == 7 and isinstance(k[PROBLEM], str) for k in previous
    ):
        return [repeat_key(w, memo) for w in wins]
    for key in previous:
        memo[key[PROBLEM]] = (key[CONCEPTS], key[WORDS])
    n = len(previous)
    head = [w.get("id") for w in wins[:n]]
    if changed is not None and head == [k[ID] for k in previous] and changed.isdisjoint(head):
        keys = previous + [repeat_key(w, memo, lazy=True) for w in wins[n:]]
    else:
        keys = [repeat_key(w, memo, lazy=True) for w in wins]
    if sum(k[CONCEPTS] is None for k in keys) >= SETTLE_AT:
        return settle_part(keys)
    return keys


def settle_part(keys: Any) -> Any:
    """The part *keys* with every concept left to work out worked out (the same list when
    there is none: then the glossary is not loaded)."""
    if not isinstance(keys, list) or not any(
        isinstance(k, list) and len(k) == 7 and k[CONCEPTS] is None for k in keys
    ):
        return keys
    memo: dict[str, Any] = {}
    out = []
    for key in keys:
        if isinstance(key, list) and len(key) == 7 and key[CONCEPTS] is None:
            problem = str(key[PROBLEM])
            if problem not in memo:
                memo[problem] = _concepts(problem)
            key = [*key[:CONCEPTS], memo[problem], *key[CONCEPTS + 1 :]]
        out.append(key)
    return out


# The word lists follow the shipped glossary: a new release, or an edit of data/glossary.json
# (its checksum is in the version), may read texts differently.
summaries.register(REPEATS, f"3/{__version__}/{stamp('glossary')}", repeats_part, settle_part)
