"""The shipped bilingual symptom glossary (data/glossary.json): Dutch words to the English
terms people search for and back, the filler a query drops, and common first names.

`english_concepts` is what repeat-problem clustering compares, so that "Account geblokkeerd na
vakantie" and "Account locked out after holiday" are the same problem.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from growthdesk.assist import compiled
from growthdesk.assist.words import PhraseIndex, stem_keys, words
from growthdesk.core.data import read_json
from growthdesk.core.text import GENERIC_WORDS, STOPWORDS, concept, fold

__all__ = ["Glossary", "glossary", "to_dutch", "english_concepts", "compile_part"]


# A NamedTuple, not a frozen dataclass: the class is built in a quarter of the time, on every
# `query` and `plain` run (bench/bench_assist.py).
class Glossary(NamedTuple):
    to_en: PhraseIndex  # Dutch phrase -> English term
    filler: dict[str, PhraseIndex]  # per language
    skip: dict[str, frozenset[str]]  # folded words a phrase match may step over
    first_names: frozenset[str]  # folded
    same: frozenset[str]  # folded words spelled the same in both languages
    english: frozenset[str]  # folded one-word English terms of the phrases


def _split(value: object) -> list[str]:
    return [v.strip() for v in str(value or "").split("|") if v.strip()]


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    data = read_json("glossary.json")
    tables = compiled.part("glossary")
    if tables is None:  # the source data changed since tools/assist_index.py compiled it
        return _build(data)
    skip = _skip(data)
    return Glossary(
        to_en=PhraseIndex.from_rows(tables["to_en"]),
        filler={lang: PhraseIndex.from_rows(rows) for lang, rows in tables["filler"].items()},
        skip=skip,
        first_names=frozenset(tables["first_names"]),
        same=frozenset(tables["same"]),
        english=frozenset(tables["english"]),
    )


def _skip(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    return {lang: frozenset(_split(v)) for lang, v in data["skip"].items()}


def _build(data: dict[str, Any]) -> Glossary:
    """The glossary from the source data (what data/compiled_glossary.json holds)."""
    skip = _skip(data)
    to_en: list[tuple[str, object]] = []
    to_nl: list[tuple[str, object]] = []
    for row in data["phrases"]:
        nl_forms, en = _split(row["nl"]), str(row["en"])
        to_en += [(form, en) for form in nl_forms]
        to_nl += [(form, nl_forms[0]) for form in [en, *_split(row.get("en_also"))]]
    return Glossary(
        to_en=PhraseIndex(to_en, skip["nl"]),
        filler={lang: PhraseIndex((f, f) for f in _split(v)) for lang, v in data["filler"].items()},
        skip=skip,
        first_names=frozenset(n.lower() for n in _split(data["first_names"])),
        same=frozenset(fold(w) for w in _split(data["same"])),
        english=frozenset(fold(en) for en, _nl in to_nl if " " not in en),
    )


@lru_cache(maxsize=1)
def to_dutch() -> PhraseIndex:
    """English phrase -> Dutch term (the first Dutch spelling); only an English problem's Dutch
    query needs it, so it is built on first use."""
    tables = compiled.part("glossary")
    if tables is not None:
        return PhraseIndex.from_rows(tables["to_nl"])
    return _build_to_dutch(read_json("glossary.json"), glossary().skip["en"])


def _build_to_dutch(data: dict[str, Any], skip: frozenset[str]) -> PhraseIndex:
    pairs: list[tuple[str, object]] = []
    for row in data["phrases"]:
        first = _split(row["nl"])[0]
        pairs += [(form, first) for form in [str(row["en"]), *_split(row.get("en_also"))]]
    return PhraseIndex(pairs, skip)


def compile_part() -> dict[str, object]:
    """The glossary's tables built from the source data, for data/compiled_glossary.json."""
    data = read_json("glossary.json")
    g = _build(data)
    return {
        "to_en": g.to_en.rows(),
        "to_nl": _build_to_dutch(data, g.skip["en"]).rows(),
        "filler": {lang: index.rows() for lang, index in g.filler.items()},
        "first_names": sorted(g.first_names),
        "same": sorted(g.same),
        "english": sorted(g.english),
    }


@lru_cache(maxsize=16384)
def english_concepts(text: str) -> frozenset[str]:
    """The content of a problem text as English concept terms: Dutch phrases translated by the
    glossary, then core.text.concept (stemmed, bilingual synonyms merged); stop and generic words
    dropped. Cached: helpdesk texts repeat."""
    g = glossary()
    items = [w for w in words(text) if w.key not in g.skip["nl"]]
    keys = stem_keys(items)
    out: set[str] = set()
    i = 0
    while i < len(items):
        hit = g.to_en.match(keys, i)
        if hit is not None:
            n, english = hit
            out.update(_term_concepts(str(english)))
            i += n
            continue
        key = items[i].key
        if key not in STOPWORDS and key not in GENERIC_WORDS and len(key) >= 2:
            out.add(concept(key))
        i += 1
    return frozenset(out - _generic_concepts())


@lru_cache(maxsize=1024)
def _term_concepts(english: str) -> frozenset[str]:
    """The concepts of one English term of the glossary (a few hundred, met again and again)."""
    return frozenset(concept(w.key) for w in words(english) if w.key not in STOPWORDS)


@lru_cache(maxsize=1)
def _generic_concepts() -> frozenset[str]:
    """The concepts of the generic words, once: worked out on every call it was a quarter of
    english_concepts, which doctor and every rebuilt month summary run on each win."""
    return frozenset(concept(w) for w in GENERIC_WORDS)
