"""Recall: your own past wins most similar to a problem, ranked with BM25.

BM25 (Robertson & Zaragoza 2009) over problem + solution, using the tagger's tokenizer
(growthdesk.textnorm.terms: folding, light EN/NL stemming, Dutch compound splitting and a
bilingual synonym table), so "wachtwoord vergeten" finds a win logged as "forgot password".
The problem text counts twice as much as the solution: it is what the user will type again.
Written here rather than pulled from a library: about 40 lines, no numpy, and it has to share
our tokenizer anyway.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from growthdesk.textnorm import _text_terms, terms

__all__ = ["recall", "bm25_scores", "K1", "B"]

K1 = 1.2
B = 0.75
PROBLEM_WEIGHT = 2  # term frequency multiplier for the problem text


def bm25_scores(
    query: Sequence[str], docs: Sequence[Mapping[str, int]], lengths: Sequence[float]
) -> list[float]:
    """BM25 score of every document (term -> frequency) for the query terms."""
    n = len(docs)
    if n == 0:
        return []
    avgdl = (sum(lengths) / n) or 1.0
    qterms = list(dict.fromkeys(query))
    df = {t: sum(1 for d in docs if t in d) for t in qterms}
    idf = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in qterms if df[t]}
    scores: list[float] = []
    for doc, dl in zip(docs, lengths, strict=True):
        norm = K1 * (1 - B + B * dl / avgdl)
        s = 0.0
        for t, w in idf.items():
            tf = doc.get(t)
            if tf:
                s += w * tf * (K1 + 1) / (tf + norm)
        scores.append(s)
    return scores


def _doc(win: Mapping[str, Any], qset: set[str]) -> tuple[dict[str, int], float]:
    """(frequencies of the query's terms, weighted length) of one win."""
    problem = _text_terms(str(win.get("problem") or ""))
    solution = _text_terms(str(win.get("solution") or "")) if win.get("solution") else ()
    counts: dict[str, int] = {}
    for t in problem:
        if t in qset:
            counts[t] = counts.get(t, 0) + PROBLEM_WEIGHT
    for t in solution:
        if t in qset:
            counts[t] = counts.get(t, 0) + 1
    return counts, float(PROBLEM_WEIGHT * len(problem) + len(solution))


def recall(
    text: str, wins: Sequence[dict[str, Any]], limit: int = 5
) -> list[tuple[dict[str, Any], float]]:
    """The *limit* wins most like *text*, best first, with their BM25 scores (> 0 only).

    Ties go to the more recent win.
    """
    query = terms(text)
    if not query or not wins or limit <= 0:
        return []
    qset = set(query)
    docs: list[dict[str, int]] = []
    lengths: list[float] = []
    for win in wins:
        # Only the query's terms matter for scoring; keeping just those keeps memory flat.
        counts, length = _doc(win, qset)
        docs.append(counts)
        lengths.append(length)
    scores = bm25_scores(query, docs, lengths)
    ranked = sorted(
        (i for i, s in enumerate(scores) if s > 0),
        key=lambda i: (-scores[i], _neg_when(wins[i])),
    )
    return [(wins[i], round(scores[i], 3)) for i in ranked[:limit]]


def _neg_when(win: Mapping[str, Any]) -> tuple[int, ...]:
    # Sort key helper: newer "when" first among equal scores (ISO strings compare as text).
    return tuple(-ord(c) for c in str(win.get("when") or ""))
