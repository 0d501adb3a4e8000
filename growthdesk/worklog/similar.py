"""Similar wins: recall's BM25 candidates, judged on what they share, explained in words, and
cut at a relevance floor.

1. **Candidates.** recall's BM25 top ``CANDIDATES`` over the terms typed, and again with their
   Dutch/English translations from the shipped glossary (growthdesk.assist.glossary, both ways;
   at ``TRANSLATION_WEIGHT``), so "SAP loopt vast" finds "SAP freezes".
2. **Relevance** (0..1) = the share of the query's content a win shares, compared as English
   concepts (glossary.english_concepts, so Dutch and English meet): every concept counts 1, a
   product name (growthdesk.assist.products) and an error code ``STRONG`` each, and symptoms of
   one family (crashes / freezes / hangs) count as the same. A win must share a symptom, an error
   code or a word, not only a product or a place. Where something happened (a floor, a room, a
   building: ``_PLACE_WORDS``, and ordinals such as "2e" or "third") counts ``PLACE``: "printer
   on the 2nd floor" is not like "keyboard dead on the 2nd floor". It loses ``OTHER`` of its
   relevance when it is about another product (and shares no error code), and again when it
   names another symptom.
   BM25 breaks ties.
3. **Why.** Each match says what it shares: "same product: SAP GUI; same symptom: crashes;
   same words: order, screen; same place: 2e, verdieping".
4. **Floor.** Shown only from ``MIN_RELEVANCE`` (the win shares at least that share of the
   query) *and* from ``RELATIVE_FLOOR`` × the best match: one strong match hides the also-rans,
   and a home without a real match shows none instead of the least bad.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from growthdesk.core.i18n import _
from growthdesk.core.text import concept, terms
from growthdesk.worklog.recall import Ranker, rank_terms

__all__ = [
    "MIN_RELEVANCE",
    "RELATIVE_FLOOR",
    "STRONG",
    "OTHER",
    "PLACE",
    "TRANSLATION_WEIGHT",
    "Match",
    "similar",
    "error_codes",
]

MIN_RELEVANCE = 0.33
RELATIVE_FLOOR = 0.5
STRONG = 2.0  # a product name or an error code says more than one word
OTHER = 0.5  # share of the relevance lost to another product, or another symptom
PLACE = 0.25  # a shared floor or room says little about the problem
TRANSLATION_WEIGHT = 0.7  # a translated term counts a little less than the word typed
# BM25 candidates judged per query: many, because helpdesk texts repeat and 30 copies of one
# wrong text ("battery swollen, replacement *ordered*" for "SAP order entry") can fill a short list.
CANDIDATES = 200

W = TypeVar("W", bound=Mapping[str, Any])

# Error codes people paste: HRESULTs, Entra sign-in codes, KB and CVE numbers, Oracle codes,
# and "error 1603" / "foutcode 53" style numbers.
_CODE_RE = re.compile(
    r"\b(0x[0-9a-f]{4,8}|aadsts\d{4,6}|kb\d{6,7}|cve-\d{4}-\d{4,7}|(?:ora|tns)-\d{5})\b"
    r"|\b(?:error|fout|foutcode|code|errorcode)\s*[:#]?\s*(\d{3,6})\b",
    re.I,
)
# Symptoms a reason names as such, in families that count as one ("crashes" meets "loopt vast").
# Everything else shared reads as "same words".
_SYMPTOM_FAMILIES = (
    ("crashes", "crash", "freezes", "hangs", "stuck"),
    ("slow",),
    ("locked",),
    ("expired",),
    ("denied",),
    ("drops", "disconnects", "dropping"),
    ("offline",),
    ("flickering", "flickers"),
    ("swollen",),
    ("jam",),
    ("corrupted", "corrupt"),
    ("forgot",),
    ("fails", "failed", "failing"),
)


# Where a problem happened, not what it is (as core.text.concept folds them, see _places).
# Not "office" (Microsoft Office), "site" (a SharePoint site) or "location" (a file's).
_PLACE_WORDS = (
    "floor", "floors", "verdieping", "etage", "room", "rooms", "kamer", "lokaal", "building",
    "gebouw", "wing", "vleugel", "kantoor", "vestiging", "first", "second", "third", "fourth",
    "fifth", "sixth", "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "ground",
    "grond", "basement", "kelder",
)  # fmt: skip
# "2e", "3rd", "1ste", "4de": an ordinal, so a floor or a wing.
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th|e|de|ste)")


@dataclass
class Match(Generic[W]):
    win: W
    score: float
    why: list[str] = field(default_factory=list)


def error_codes(text: str) -> frozenset[str]:
    """Error codes in *text*, normalised ("Error: 1603" -> "1603", "0x8007000d" -> "0x8007000D",
    "aadsts50076" -> "AADSTS50076")."""
    found = ((m.group(1) or m.group(2)) for m in _CODE_RE.finditer(text))
    return frozenset("0x" + c[2:].upper() if c[:2].lower() == "0x" else c.upper() for c in found)


@lru_cache(maxsize=4096)
def _products(text: str) -> frozenset[str]:
    from growthdesk.assist.products import find_products
    from growthdesk.assist.words import stem_keys, words

    items = words(text)
    return frozenset(p.product for p in find_products(items, stem_keys(items)))


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Symptom concept -> its family's concept (the first word's)."""
    out: dict[str, str] = {}
    for family in _SYMPTOM_FAMILIES:
        head = concept(family[0])
        for word in family:
            out.setdefault(concept(word), head)
    return out


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(concept(w) for w in _PLACE_WORDS)


def _is_place(c: str) -> bool:
    return c in _places() or _ORDINAL_RE.fullmatch(c) is not None


def _translations(text: str) -> list[str]:
    """The glossary's translations of the phrases in *text*, Dutch to English and back."""
    return [translated for _source, translated in _translation_pairs(text)]


@lru_cache(maxsize=256)
def _translation_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """(the phrase as written in *text*, its translation): a reason names what was typed."""
    from growthdesk.assist.glossary import glossary, to_dutch
    from growthdesk.assist.words import stem_keys, words

    skip = glossary().skip["nl"]  # as english_concepts reads a text: skipped words out first
    items = [w for w in words(text) if w.key not in skip]
    keys = stem_keys(items)
    out: list[tuple[str, str]] = []
    for index in (glossary().to_en, to_dutch()):
        i = 0
        while i < len(items):
            hit = index.match(keys, i)
            if hit is None:
                i += 1
                continue
            n = hit[0]
            out.append((text[items[i].start : items[i + n - 1].end], str(hit[1])))
            i += n
    return tuple(out)


def _query(text: str) -> tuple[list[str], dict[str, float]]:
    typed = list(terms(text))
    weights: dict[str, float] = {}
    for phrase in _translations(text):
        for t in terms(phrase):
            if t not in typed and t not in weights:
                weights[t] = TRANSLATION_WEIGHT
    return typed + list(weights), weights


@lru_cache(maxsize=1)
def _family_names() -> dict[str, str]:
    """Symptom family concept -> the word a reason shows ("crashes")."""
    return {concept(family[0]): family[0] for family in _SYMPTOM_FAMILIES}


@lru_cache(maxsize=256)
def _display(text: str) -> dict[str, str]:
    """Concept -> the word as written in *text*, for the reasons."""
    from growthdesk.assist.words import words

    shown: dict[str, str] = {}
    families = _families()
    # The words typed first; then, for a concept only a translation brought in, the phrase
    # that was typed ("valt steeds weg", not "disconnecting": the reason speaks the query's
    # language).
    typed = [(w.key, w.text) for w in words(text)]
    brought = [(w.key, source) for source, p in _translation_pairs(text) for w in words(p)]
    for key, written in [*typed, *brought]:
        c = concept(key)
        shown.setdefault(c, written)
        shown.setdefault(families.get(c, c), written)
    return shown


_Content = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]


@lru_cache(maxsize=16384)
def _content(text: str) -> _Content:
    """(products, error codes, places, other concepts with symptom families merged) of *text*,
    places (see _is_place) split off once here rather than in each judgement."""
    from growthdesk.assist.glossary import english_concepts

    products, codes = _products(text), error_codes(text)
    named = {concept(w) for p in products for w in p.lower().split()} | set(codes)
    families = _families()
    plain = _CODE_RE.sub(" ", text) if codes else text  # a code is counted once, as a code
    rest = {families.get(c, c) for c in english_concepts(plain)} - named
    rest = {c for c in rest if not c.isdigit()}
    places = frozenset(filter(_is_place, rest))
    return products, codes, places, frozenset(rest - places)


def _judge(text: str, win: Mapping[str, Any]) -> tuple[float, list[str]]:
    """(relevance 0..1, reasons in words) of one candidate for the query *text*."""
    q_products, q_codes, q_places, q_rest = _content(text)
    body = " ".join(str(win.get(k) or "") for k in ("problem", "solution"))
    w_products, w_codes, w_places, w_rest = _content(body)
    total = STRONG * (len(q_products) + len(q_codes)) + PLACE * len(q_places) + len(q_rest)
    if not total:
        return 0.0, []
    products, codes, rest = q_products & w_products, q_codes & w_codes, q_rest & w_rest
    places = q_places & w_places
    if not (codes or rest):
        # A product or a place alone is not the problem ("SAP password expired" ≠ crash).
        return 0.0, []
    shared = STRONG * (len(products) + len(codes)) + PLACE * len(places) + len(rest)
    relevance = shared / total
    heads = set(_families().values())
    symptoms = rest & heads
    if q_products and w_products and not products and not codes:
        relevance *= 1.0 - OTHER  # another product, and no error code to say it is the same
    if q_rest & heads and w_rest & heads and not symptoms:
        relevance *= 1.0 - OTHER  # the same thing failing in another way
    shown = _display(text)
    names = _family_names()
    reasons = []
    if products:
        reasons.append(_("same product: {p}", p=", ".join(sorted(products))))
    if codes:
        reasons.append(_("same error code: {c}", c=", ".join(sorted(codes))))
    if symptoms:
        named_symptoms = sorted(shown.get(c) or names[c] for c in symptoms)
        reasons.append(_("same symptom: {s}", s=", ".join(named_symptoms)))
    if rest - symptoms:
        words = sorted(shown.get(c, c) for c in rest - symptoms)
        reasons.append(_("same words: {w}", w=", ".join(words)))
    if places:
        reasons.append(_("same place: {w}", w=", ".join(sorted(shown.get(c, c) for c in places))))
    return relevance, reasons


def similar(text: str, wins: Sequence[W] | Ranker, limit: int = 5) -> list[Match[W]]:
    """The wins like *text* above the relevance floor, best first, each with its reasons."""
    query, weights = _query(text)
    n = max(limit, CANDIDATES)
    # Two pools: the words typed, and with their translations. One pool alone can fill up with
    # one translated phrase ("drops" -> "valt weg": 300 Wi-Fi wins) and miss the VPN ones.
    pools = [rank_terms([t for t in query if t not in weights], wins, n)]
    if weights:
        pools.append(rank_terms(query, wins, n, weights))
    candidates: dict[int, tuple[W, float]] = {}  # by identity, first pool first
    for pool in pools:
        for w, score in pool:
            candidates.setdefault(id(w), (w, score))
    judged: list[tuple[float, float, Match[W]]] = []
    for win, bm25 in candidates.values():
        relevance, why = _judge(text, win)
        if why and relevance >= MIN_RELEVANCE:
            judged.append((relevance, bm25, Match(win, round(relevance, 3), why)))
    if not judged:
        return []
    # Stable: equal relevance and BM25 keep recall's order (the newer win first).
    judged.sort(key=lambda j: (-j[0], -j[1]))
    floor = RELATIVE_FLOOR * judged[0][0]
    return [m for rel, _b, m in judged if rel >= floor][:limit]
