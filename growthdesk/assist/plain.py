"""The jargon check of a message to an end user (`growthdesk plain`).

Flags the IT terms the user may not know (data/jargon.json: each with a plain alternative, in
English and Dutch), passive sentences that hide who does what ("your ticket has been
escalated"), and blaming or belittling phrases ("you should have", "gewoon even"); and scores
the text's reading ease (growthdesk.assist.readability).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from growthdesk.assist import compiled
from growthdesk.assist.readability import Readability, readability
from growthdesk.assist.words import (
    PhraseIndex,
    Word,
    detect_language,
    inflection_key,
    sentences,
    stem_keys,
    words,
)
from growthdesk.core.data import read_json
from growthdesk.core.i18n import _, pgettext, speaking
from growthdesk.core.text import fold

__all__ = ["Flag", "PlainReport", "check", "jargon_words", "area_phrase", "compile_part"]

LANGS = ("en", "nl")
_FILLER_ADVERBS = frozenset(
    ["not", "already", "now", "also", "still", "just", "then", "all", "often", "usually"]
)
_NL_PREFIXES = ("be", "ver", "ont", "her", "ge")
_NL_PARTICLES = ("op", "aan", "af", "door", "in", "uit", "mee", "terug", "over", "bij", "weg", "na")


# A NamedTuple, not a frozen dataclass: the class is built in a quarter of the time, on every
# `query` and `plain` run (bench/bench_assist.py).
class Flag(NamedTuple):
    kind: str  # "jargon", "passive" or "blame"
    text: str  # as written in the message
    suggestion: str  # a plainer wording ("" = leave it out)
    term: str = ""  # the jargon term's id

    def as_json(self) -> dict[str, str]:
        out = {"kind": self.kind, "text": self.text, "suggestion": self.suggestion}
        if self.term:
            out["term"] = self.term
        return out


@dataclass
class PlainReport:
    lang: str
    flags: list[Flag] = field(default_factory=list)
    readability: Readability | None = None

    def of_kind(self, kind: str) -> list[Flag]:
        return [f for f in self.flags if f.kind == kind]

    def as_json(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "readability": self.readability.as_json() if self.readability else None,
            "counts": {k: len(self.of_kind(k)) for k in ("jargon", "passive", "blame")},
            "flags": [f.as_json() for f in self.flags],
        }


class _Term(NamedTuple):
    id: str
    plain: str
    caps: bool  # an acronym of up to three letters: only in capitals ("AD", not "ad")


class _Lexicon(NamedTuple):
    terms: PhraseIndex
    suffixes: tuple[tuple[str, _Term], ...]  # Dutch compounds: "printerdriver" ends in "driver"
    blame: PhraseIndex


@lru_cache(maxsize=1)
def _data() -> dict[str, object]:
    data: dict[str, object] = read_json("jargon.json")
    return data


@lru_cache(maxsize=2)
def _lexicon(lang: str) -> _Lexicon:
    tables = compiled.part("plain")
    if tables is None:  # the source data changed since tools/assist_index.py compiled it
        return _build_lexicon(lang)
    mine = tables[lang]
    terms = {n: _Term(*row) for n, row in enumerate(mine["terms"])}
    return _Lexicon(
        PhraseIndex.from_rows(((k, terms[n]) for k, n in mine["index"]), key=inflection_key),
        tuple((suffix, terms[n]) for suffix, n in mine["suffixes"]),
        PhraseIndex.from_rows(mine["blame"], key=inflection_key),
    )


def _build_lexicon(lang: str) -> _Lexicon:
    """The jargon lexicon of *lang* from the source data (data/compiled_plain.json holds
    it)."""
    data = _data()
    entries: list[tuple[str, object]] = []
    suffixes: list[tuple[str, _Term]] = []
    for row in data["terms"]:  # type: ignore[attr-defined]
        spellings = str(row.get(lang) or row["en"]).split("|")
        for spelling in spellings:
            caps = spelling.isupper() and len(spelling) <= 3
            term = _Term(str(row["id"]), str(row["plain"][lang]), caps)
            entries.append((spelling, term))
            folded = fold(spelling)
            if len(folded) >= 5 and folded.isalpha():
                suffixes.append((folded, term))
    blame = [(phrase, better) for phrase, better in data["blame"][lang]]  # type: ignore[index]
    suffixes.sort(key=lambda st: -len(st[0]))
    return _Lexicon(
        PhraseIndex(entries, key=inflection_key),
        tuple(suffixes),
        PhraseIndex(blame, key=inflection_key),
    )


@lru_cache(maxsize=2)
def jargon_words(lang: str) -> frozenset[str]:
    """The folded one-word spellings of every jargon term in *lang* (without building the
    phrase lexicon)."""
    out: set[str] = set()
    for row in _data()["terms"]:  # type: ignore[attr-defined]
        for spelling in str(row.get(lang) or row["en"]).split("|"):
            if " " not in spelling and "-" not in spelling:
                out.add(fold(spelling))
    return frozenset(out)


def compile_part() -> dict[str, object]:
    """The jargon lexicons built from the source data, for data/compiled_plain.json: the terms
    once per language (id, plain words, capitals only), the indexes pointing at them by
    number."""
    out: dict[str, object] = {}
    for lang in LANGS:
        lex = _build_lexicon(lang)
        terms: dict[_Term, int] = {}
        for _key, term in lex.terms.rows():
            terms.setdefault(term, len(terms))  # type: ignore[arg-type]
        for _suffix, term in lex.suffixes:
            terms.setdefault(term, len(terms))
        out[lang] = {
            "terms": [[t.id, t.plain, t.caps] for t in terms],
            "index": [[key, terms[term]] for key, term in lex.terms.rows()],  # type: ignore[index]
            "suffixes": [[suffix, terms[term]] for suffix, term in lex.suffixes],
            "blame": lex.blame.rows(),
        }
    return out


def area_phrase(skill: str, lang: str) -> str:
    """A skill area in plain words ("the printer", "uw wachtwoord of het inloggen")."""
    areas = _data()["areas"]
    row = areas.get(skill) if isinstance(areas, dict) else None
    if row:
        return str(row[lang])
    with speaking(lang):  # the end user's language
        return pgettext("to an end user", "your problem")


def _capitals(text: str) -> bool:
    """ "AD", "URLs", "API's": written in capitals, a plural ending aside."""
    return text.removesuffix("s").rstrip("'’").isupper()


def _span(text: str, items: Sequence[Word]) -> str:
    return text[items[0].start : items[-1].end]


def _jargon(text: str, items: Sequence[Word], lang: str, report: PlainReport) -> None:
    lex = _lexicon(lang)
    keys = stem_keys(items, inflection_key)
    seen: set[str] = set()
    i = 0
    while i < len(items):
        hit = lex.terms.match(keys, i)
        if hit is not None:
            n, term = hit
            assert isinstance(term, _Term)
            written = items[i : i + n]
            if not term.caps or all(_capitals(w.text) for w in written):
                if term.id not in seen:
                    seen.add(term.id)
                    report.flags.append(Flag("jargon", _span(text, written), term.plain, term.id))
                i += n
                continue
        word = items[i]
        if lang == "nl" and len(word.key) >= 8 and word.key.isalpha():
            for suffix, found in lex.suffixes:
                if word.key.endswith(suffix) and len(word.key) > len(suffix) + 2:
                    if found.id not in seen:
                        seen.add(found.id)
                        report.flags.append(Flag("jargon", word.text, found.plain, found.id))
                    break
        i += 1


def _blame(text: str, items: Sequence[Word], lang: str, report: PlainReport) -> None:
    lex = _lexicon(lang)
    keys = stem_keys(items, inflection_key)
    i = 0
    while i < len(items):
        hit = lex.blame.match(keys, i)
        if hit is None:
            i += 1
            continue
        n, better = hit
        report.flags.append(Flag("blame", _span(text, items[i : i + n]), str(better)))
        i += n


def _split(value: object) -> frozenset[str]:
    return frozenset(str(value or "").split("|"))


def _english_participle(word: Word, rules: dict[str, object]) -> bool:
    key = word.key
    if key in _split(rules["not_passive"]):
        return False
    return key in _split(rules["irregular"]) or (len(key) > 4 and key.endswith("ed"))


def _dutch_participle(word: Word) -> bool:
    key = word.key
    if len(key) < 5 or not key.isalpha() or key[-1] not in "dtn":
        return False
    for particle in ("", *_NL_PARTICLES):
        if key.startswith(particle) and key[len(particle) :].startswith(_NL_PREFIXES):
            return key.endswith(("d", "t", "en"))
    return False


def _passive(sentence: str, lang: str, report: PlainReport) -> None:
    rules: dict[str, object] = _data()["passive"][lang]  # type: ignore[index]
    items = words(sentence)
    keys = [w.key for w in items]
    strong = _split(rules["strong"])
    if lang == "nl":
        for i, key in enumerate(keys):
            if key in strong or key == "word":
                for j in range(i + 1, min(i + 7, len(items))):
                    if _dutch_participle(items[j]):
                        found = _span(sentence, items[i : j + 1])
                        report.flags.append(Flag("passive", found, _passive_hint(lang)))
                        return
        return
    weak = _split(rules["aux"]) - strong
    for i, key in enumerate(keys):
        two = " ".join(keys[i - 1 : i + 1]) if i else ""
        aux_strong = key in strong or two in strong
        if not aux_strong and key not in weak:
            continue
        j = i + 1
        while j < len(items) and (items[j].key in _FILLER_ADVERBS or items[j].key.endswith("ly")):
            j += 1
        if j >= len(items) or not _english_participle(items[j], rules):
            continue
        by_follows = "by" in keys[j + 1 : j + 4]
        if aux_strong or key in ("was", "were") or by_follows:
            start = i - 1 if two in strong else i
            found = _span(sentence, items[start : j + 1])
            report.flags.append(Flag("passive", found, _passive_hint(lang)))
            return


def _passive_hint(lang: str) -> str:
    with speaking(lang):  # the text's language: its examples are phrases to write in it
        return _('say who does it: "I will pass it on", "we fixed it"')


def check(text: str, lang: str | None = None) -> PlainReport:
    """The jargon, passive and blame flags and the reading ease of *text* (language detected
    when *lang* is None)."""
    lang = lang if lang in LANGS else detect_language(text)
    report = PlainReport(lang=lang)
    items = words(text)
    _jargon(text, items, lang, report)
    for sentence in sentences(text):
        _passive(sentence, lang, report)
        _blame(sentence, words(sentence), lang, report)
    report.readability = readability(text, lang)
    return report
