"""Recall: your own past wins most similar to a problem, ranked with BM25.

BM25 (Robertson & Zaragoza 2009) over problem + solution, using the tagger's tokenizer
(growthdesk.textnorm.terms: folding, light EN/NL stemming, Dutch compound splitting and a
bilingual synonym table), so "wachtwoord vergeten" finds a win logged as "forgot password".
The problem text counts twice as much as the solution: it is what the user will type again.
Written here rather than pulled from a library: about 40 lines, no numpy, and it has to share
our tokenizer anyway.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

from growthdesk.textnorm import TERMS_VERSION, _text_terms, terms

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
    return _doc_texts(win.get("problem"), win.get("solution"), qset)


def _doc_texts(problem: Any, solution: Any, qset: set[str]) -> tuple[dict[str, int], float]:
    p_terms = _text_terms(str(problem or ""))
    s_terms = _text_terms(str(solution or "")) if solution else ()
    return _count(p_terms, s_terms, qset), float(PROBLEM_WEIGHT * len(p_terms) + len(s_terms))


_TEXTS = itemgetter("problem", "solution")


def _bm25_sparse(
    query: Sequence[str],
    hits: Sequence[tuple[int, Mapping[str, int], float]],
    n: int,
    total_length: float,
) -> dict[int, float]:
    """bm25_scores for the documents that contain a query term (the rest score 0).

    *hits* are (index, frequencies, length) of those documents; *n* and *total_length* cover
    every document, for the average length. Same arithmetic in the same order as bm25_scores,
    so the scores are identical, without a pass over the thousands of documents that cannot
    match. (Lengths are whole numbers, so their float total is exact in any order.)
    """
    avgdl = (total_length / n) or 1.0
    qterms = list(dict.fromkeys(query))
    df = dict.fromkeys(qterms, 0)
    for _i, doc, _dl in hits:
        for t in doc:
            if t in df:
                df[t] += 1
    idf = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in qterms if df[t]}
    scores: dict[int, float] = {}
    for i, doc, dl in hits:
        norm = K1 * (1 - B + B * dl / avgdl)
        s = 0.0
        for t, w in idf.items():
            tf = doc.get(t)
            if tf:
                s += w * tf * (K1 + 1) / (tf + norm)
        scores[i] = s
    return scores


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
    # Whole-term matches of the query inside the stored space-joined terms, found in C.
    pattern = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(qset))) + r")(?!\S)")
    hits: list[tuple[int, Mapping[str, int], float]] = []
    total = 0.0
    rest: list[int] = []  # wins without current stored terms (older records, other versions)
    for i, win in enumerate(wins):
        stored = win.get("terms")
        if stored.__class__ is not dict or stored.get("v") != TERMS_VERSION:
            rest.append(i)
            continue
        p_text, s_text = stored["p"], stored["s"]
        length = float(
            PROBLEM_WEIGHT * (p_text.count(" ") + 1 if p_text else 0)
            + (s_text.count(" ") + 1 if s_text else 0)
        )
        total += length
        p_hits = pattern.findall(p_text)
        s_hits = pattern.findall(s_text) if s_text else ()
        if p_hits or s_hits:
            hits.append((i, _count(p_hits, s_hits, qset), length))
    if rest:
        more, more_total = _hits_by_text([wins[i] for i in rest], qset)
        hits.extend((rest[j], counts, dl) for j, counts, dl in more)
        total += more_total
    scores = _bm25_sparse(query, hits, len(wins), total)
    best = [i for i, s in scores.items() if s > 0]
    if len(best) > limit:
        # Only wins scoring at least the limit-th best can be shown; rank just those.
        cut = heapq.nlargest(limit, (scores[i] for i in best))[-1]
        best = [i for i in best if scores[i] >= cut]
    whens = {i: str(wins[i].get("when") or "") for i in best}
    if len({len(w) for w in whens.values()}) <= 1:
        # Equal-length ISO stamps: newest first is plain reverse string order. Two stable sorts
        # give (score desc, when desc, log order), exactly the _neg_when order below.
        best.sort(key=whens.__getitem__, reverse=True)
        best.sort(key=lambda i: -scores[i])
    else:
        best.sort(key=lambda i: (-scores[i], _neg_when(wins[i])))
    return [(wins[i], round(scores[i], 3)) for i in best[:limit]]


def _neg_when(win: Mapping[str, Any]) -> tuple[int, ...]:
    # Sort key helper: newer "when" first among equal scores (ISO strings compare as text).
    return tuple(-ord(c) for c in str(win.get("when") or ""))
