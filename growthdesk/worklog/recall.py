"""Recall: your own past wins most similar to a problem, ranked with BM25.

BM25 (Robertson & Zaragoza 2009) over problem + solution, using the tagger's tokenizer
(growthdesk.core.text.terms: folding, light EN/NL stemming, Dutch compound splitting and a
bilingual synonym table), so "wachtwoord vergeten" finds a win logged as "forgot password".
The problem text counts twice as much as the solution: it is what the user will type again.
Written here rather than pulled from a library: about 40 lines, no numpy, and it has to share
our tokenizer anyway.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any, Protocol, TypeVar

from growthdesk.core.text import TERMS_VERSION, terms

__all__ = [
    "recall",
    "rank_terms",
    "rank_hits",
    "rank_scores",
    "idf_weights",
    "average_length",
    "length_norm",
    "term_score",
    "hits_from_texts",
    "win_texts",
    "Ranker",
    "bm25_scores",
    "K1",
    "B",
]

K1 = 1.2
B = 0.75
PROBLEM_WEIGHT = 2  # term frequency multiplier for the problem text

W = TypeVar("W", bound=Mapping[str, Any])  # a stored Win, or any record with its fields


def _doc(win: Mapping[str, Any], qset: set[str]) -> tuple[dict[str, int], float]:
    """(frequencies of the query's terms, weighted length) of one win."""
    return _doc_texts(win.get("problem"), win.get("solution"), qset)


def _doc_texts(problem: Any, solution: Any, qset: set[str]) -> tuple[dict[str, int], float]:
    p_terms = terms(str(problem or ""))
    s_terms = terms(str(solution or "")) if solution else ()
    return _count(p_terms, s_terms, qset), float(PROBLEM_WEIGHT * len(p_terms) + len(s_terms))


_TEXTS = itemgetter("problem", "solution")


def bm25_scores(
    query: Sequence[str],
    hits: Sequence[tuple[int, Mapping[str, int], float]],
    n: int,
    total_length: float,
    weights: Mapping[str, float] | None = None,
) -> dict[int, float]:
    """BM25 score of every document that contains a query term (the others score 0).

    *hits* are (index, frequencies of the query's terms, length) of those documents; *n* and
    *total_length* cover all *n* documents, for the average length. Only the matching ones are
    passed: most of 25,000 wins share no term with the query and need no pass at all.
    """
    avgdl = average_length(n, total_length)
    qterms = list(dict.fromkeys(query))
    df = dict.fromkeys(qterms, 0)
    for _i, doc, _dl in hits:
        for t in doc:
            if t in df:
                df[t] += 1
    idf = idf_weights(df, n, weights)
    scores: dict[int, float] = {}
    memo: dict[tuple[tuple[tuple[str, int], ...], float], float] = {}
    for i, doc, dl in hits:
        # Helpdesk texts repeat: many documents share their frequencies and length.
        key = (tuple(doc.items()), dl)
        s = memo.get(key)
        if s is None:
            norm = length_norm(dl, avgdl)
            s = 0.0
            for t, w in idf.items():
                tf = doc.get(t)
                if tf:
                    s += term_score(w, tf, norm)
            memo[key] = s
        scores[i] = s
    return scores


def average_length(n: int, total_length: float) -> float:
    """The average document length BM25 normalises by (1 for an empty collection)."""
    return (total_length / n) or 1.0


def idf_weights(
    df: Mapping[str, int], n: int, weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Each query term's (weighted) idf, in query order, for the terms some document has: a
    document's score adds its terms' parts in this order (the same floats on every path)."""
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items() if d}
    if weights:
        idf = {t: w * weights.get(t, 1.0) for t, w in idf.items()}
    return idf


def length_norm(dl: float, avgdl: float) -> float:
    return K1 * (1 - B + B * dl / avgdl)


def term_score(idf: float, tf: int, norm: float) -> float:
    """One term's part of a document's score."""
    return idf * tf * (K1 + 1) / (tf + norm)


def _count(p_terms: Sequence[str], s_terms: Sequence[str], qset: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in p_terms:
        if t in qset:
            counts[t] = counts.get(t, 0) + PROBLEM_WEIGHT
    for t in s_terms:
        if t in qset:
            counts[t] = counts.get(t, 0) + 1
    return counts


def _hits_by_text(
    wins: Sequence[Mapping[str, Any]], qset: set[str]
) -> tuple[list[tuple[int, Mapping[str, int], float]], float]:
    """(hits, total length) for wins tokenised here: each distinct text once, since they repeat."""
    try:
        keys = list(map(_TEXTS, wins))
    except KeyError:  # a record without one of the fields: read it leniently
        keys = [(w.get("problem"), w.get("solution")) for w in wins]
    try:
        times = Counter(keys)  # distinct texts and how often each occurs, counted in C
    except TypeError:  # a damaged record with a list for a text: score it without the memo
        docs = [_doc(w, qset) for w in wins]
        return [(i, c, dl) for i, (c, dl) in enumerate(docs) if c], sum(dl for _c, dl in docs)
    total = 0.0
    matching: dict[Any, tuple[dict[str, int], float]] = {}
    for key, count in times.items():
        # Only the query's terms matter for scoring; keeping just those keeps memory flat.
        counts, length = _doc_texts(key[0], key[1], qset)
        total += length * count
        if counts:
            matching[key] = (counts, length)
    found = compress(range(len(keys)), map(matching.__contains__, keys))
    return [(i, *matching[keys[i]]) for i in found], total


_TERMS = itemgetter("terms")
_VERSION = itemgetter("v")
_P_TERMS = itemgetter("p")
_S_TERMS = itemgetter("s")


def _split_by_terms(wins: Sequence[Mapping[str, Any]]) -> tuple[list[int], list[int]]:
    """(indices of wins with current stored terms, the others). One C pass when all are current."""
    try:
        if set(map(_VERSION, map(_TERMS, wins))) == {TERMS_VERSION}:
            return list(range(len(wins))), []
    except (KeyError, TypeError):
        pass
    current: list[int] = []
    rest: list[int] = []
    for i, win in enumerate(wins):
        stored = win.get("terms")
        ok = stored.__class__ is dict and stored.get("v") == TERMS_VERSION
        (current if ok else rest).append(i)
    return current, rest


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _total_words(texts: list[str]) -> int:
    # Terms are space-separated: words = spaces + 1 for every non-empty text, counted in C.
    return sum(map(str.count, texts, repeat(" "))) + sum(map(bool, texts))


def _lines_matching(qset: set[str], texts: list[str]) -> set[int]:
    """Indices of *texts* that contain a query term as a whole term.

    The texts are joined by newlines and searched with str.find, which runs at memory speed;
    a regex over the same megabyte cost ~35 ms. Only the (few) occurrences are looked at in
    Python, to check that they are whole terms and to find their text by bisection.
    """
    big = "\n".join(texts)
    ends = list(accumulate(map((1).__add__, map(len, texts))))  # offset just past each newline
    size = len(big)
    found: set[int] = set()
    for term in qset:
        width = len(term)
        i = big.find(term)
        while i != -1:
            j = i + width
            if (i == 0 or big[i - 1] in " \n") and (j == size or big[j] in " \n"):
                found.add(bisect_right(ends, i))
            i = big.find(term, j)
    return found


def _hits_from_terms(
    wins: Sequence[Mapping[str, Any]], indices: list[int], qset: set[str]
) -> tuple[list[tuple[int, Mapping[str, int], float]], float]:
    """(hits, total length) from the wins' stored space-joined terms, walked in C loops and
    one regex pass: a Python loop over 25,000 wins alone cost ~80 ms."""
    if not indices:
        return [], 0.0
    if len(indices) == len(wins):
        stored = list(map(_TERMS, wins))
    else:
        stored = [wins[i]["terms"] for i in indices]
    hits, total = hits_from_texts(list(map(_P_TERMS, stored)), list(map(_S_TERMS, stored)), qset)
    return [(indices[j], counts, dl) for j, counts, dl in hits], total


def hits_from_texts(
    p_texts: list[str], s_texts: list[str], qset: set[str]
) -> tuple[list[tuple[int, Mapping[str, int], float]], float]:
    """(hits, total length) of documents given as space-joined problem and solution terms."""
    total = float(PROBLEM_WEIGHT * _total_words(p_texts) + _total_words(s_texts))
    found = _lines_matching(qset, p_texts) | _lines_matching(qset, s_texts)
    hits: list[tuple[int, Mapping[str, int], float]] = []
    for j in sorted(found):
        p_text, s_text = p_texts[j], s_texts[j]
        length = float(PROBLEM_WEIGHT * _words(p_text) + _words(s_text))
        hits.append((j, _count(p_text.split(), s_text.split(), qset), length))
    return hits, total


def win_texts(win: Mapping[str, Any]) -> tuple[str, str]:
    """The space-joined (problem, solution) terms recall scores a win by: stored, or made here."""
    stored = win.get("terms")
    if stored.__class__ is dict and stored.get("v") == TERMS_VERSION:
        return stored["p"], stored["s"]
    problem, solution = win.get("problem"), win.get("solution")
    p_terms = terms(str(problem or ""))
    s_terms = terms(str(solution or "")) if solution else ()
    return " ".join(p_terms), " ".join(s_terms)


class Ranker(Protocol):
    """Something that ranks its own wins (worklog.index.WinIndex: from the month summaries)."""

    def rank_terms(
        self, query: Sequence[str], limit: int, weights: Mapping[str, float] | None
    ) -> list[tuple[Any, float]]: ...


def recall(text: str, wins: Sequence[W] | Ranker, limit: int = 5) -> list[tuple[W, float]]:
    """The *limit* wins most like *text*, best first, with their BM25 scores (> 0 only): every
    win sharing a term, no floor (:func:`growthdesk.worklog.similar.similar` judges them).

    Ties go to the more recent win.
    """
    return rank_terms(terms(text), wins, limit)


def rank_terms(
    query: Sequence[str],
    wins: Sequence[W] | Ranker,
    limit: int = 5,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[W, float]]:
    """recall() for ready query terms, each optionally weighted (default 1)."""
    if not isinstance(wins, Sequence):
        return wins.rank_terms(query, limit, weights)
    if not query or not wins or limit <= 0:
        return []
    qset = set(query)
    current, rest = _split_by_terms(wins)
    hits, total = _hits_from_terms(wins, current, qset)
    if rest:
        more, more_total = _hits_by_text([wins[i] for i in rest], qset)
        hits.extend((rest[j], counts, dl) for j, counts, dl in more)
        total += more_total
    whens = lambda i: str(wins[i].get("when") or "")  # noqa: E731
    return [
        (wins[i], s) for i, s in rank_hits(query, hits, len(wins), total, weights, limit, whens)
    ]


def rank_hits(
    query: Sequence[str],
    hits: Sequence[tuple[int, Mapping[str, int], float]],
    n: int,
    total: float,
    weights: Mapping[str, float] | None,
    limit: int,
    when: Callable[[int], str],
) -> list[tuple[int, float]]:
    """The best *limit* (index, score) of the *hits* among *n* documents: score, then newer
    "when", then log order (the index)."""
    return rank_scores(bm25_scores(query, hits, n, total, weights), limit, when)


def rank_scores(
    scores: Mapping[int, float], limit: int, when: Callable[[int], str]
) -> list[tuple[int, float]]:
    """The best *limit* (index, score) of documents scored *scores*: score, then newer
    "when", then log order (the index)."""
    # C loops throughout: 30,000 matching wins are common at 100,000 wins.
    best = sorted(compress(scores, map((0.0).__lt__, scores.values())))
    if len(best) > limit:
        # Only wins scoring at least the limit-th best can be shown; rank just those.
        cut = heapq.nlargest(limit, map(scores.__getitem__, best))[-1]
        best = list(compress(best, map(cut.__le__, map(scores.__getitem__, best))))
    whens = {i: when(i) for i in best}
    if len({len(w) for w in whens.values()}) <= 1:
        # Equal-length ISO stamps: newest first is plain reverse string order. Two stable sorts
        # give (score desc, when desc, log order), exactly the _neg_when order below.
        best.sort(key=whens.__getitem__, reverse=True)
        best.sort(key=lambda i: -scores[i])
    else:
        best.sort(key=lambda i: (-scores[i], _neg_when(whens[i])))
    return [(i, round(scores[i], 3)) for i in best[:limit]]


def _neg_when(when: str) -> tuple[int, ...]:
    # Sort key helper: newer "when" first among equal scores (ISO strings compare as text).
    return tuple(-ord(c) for c in when)
