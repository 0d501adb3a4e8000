"""Words as written, with their place in the text: what `query` quotes and `plain` flags.

core.text.tokens() folds and drops the spelling; these helpers keep the surface form and its
span (a code must be quoted as typed, an acronym only counts in capitals) and fold each word with
the one core.text.fold, so that every comparison is still made on the same folded form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from growthdesk.core.text import fold, stem

__all__ = [
    "Word",
    "words",
    "phrase_key",
    "PhraseIndex",
    "stem_keys",
    "inflection_key",
    "detect_language",
    "sentences",
]

# Letters and digits, with inner apostrophes kept ("can't", "pc's") and inner dots before a digit
# or a lower-case letter ("7.2", "login.microsoftonline.com", but "error.The" is two words);
# hyphens split ("DNS-server" -> "DNS", "server"), as they do in core.text.
_WORD_RE = re.compile(r"[^\W_]+(?:\.[0-9a-z][^\W_]*|['’][^\W_]+)*")


# A NamedTuple, not a frozen dataclass: the class is built in a quarter of the time, on every
# `query` and `plain` run (bench/bench_assist.py).
class Word(NamedTuple):
    text: str  # as written
    key: str  # folded
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of *text* in order, each with its folded form and span."""
    return [Word(m.group(), fold(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=4096)
def _stem_key(key: str) -> str:
    return key if len(key) <= 3 or not key.isalpha() else stem(key)


@lru_cache(maxsize=4096)
def inflection_key(key: str) -> str:
    """*key* without a plural or verb ending ("drivers", "rebooted", "pinging"): a lighter key
    than the stemmer's, for lists where "drive" and "driver" must stay apart."""
    for ending in ("ing", "ed", "s"):
        if key.endswith(ending) and len(key) - len(ending) >= 3 and not key.endswith("ss"):
            return key[: -len(ending)]
    return key


Keyer = Callable[[str], str]


def phrase_key(
    text: str, drop: frozenset[str] = frozenset(), key: Keyer = _stem_key
) -> tuple[str, ...]:
    """The lookup key of a phrase: its folded, lightly stemmed words, without *drop* words."""
    # No Word objects: thousands of shipped phrases are keyed when a command starts.
    folded = (fold(w) for w in _WORD_RE.findall(text))
    return tuple(key(k) for k in folded if k not in drop)


class PhraseIndex:
    """Longest-match lookup of multi-word phrases over a word list (stemmed, folded).

    *drop* words (pronouns, "meer", "nog") are left out of every phrase, so that a caller who
    leaves them out of the text too finds "kan ik niet meer inloggen" as "kan niet inloggen".
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, object]],
        drop: frozenset[str] = frozenset(),
        key: Keyer = _stem_key,
    ) -> None:
        self._table: dict[tuple[str, ...], object] = {}
        self.longest = 1
        self.key = key
        for phrase, value in entries:
            key_ = phrase_key(phrase, drop, key)
            if key_:
                self._table.setdefault(key_, value)
                self.longest = max(self.longest, len(key_))

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[Sequence[str], object]], key: Keyer = _stem_key
    ) -> PhraseIndex:
        """The index of :meth:`rows` (a compiled index): no phrase is keyed again."""
        index = cls((), key=key)
        index._table = {tuple(k): value for k, value in rows}
        index.longest = max((len(k) for k in index._table), default=1)
        return index

    def rows(self) -> list[tuple[tuple[str, ...], object]]:
        """(key, value) of every phrase, sorted by key: what :meth:`from_rows` takes."""
        return sorted(self._table.items(), key=lambda row: row[0])

    def match(self, keys: Sequence[str], at: int) -> tuple[int, object] | None:
        """(length, value) of the longest phrase starting at *keys[at]*, or None."""
        for n in range(min(self.longest, len(keys) - at), 0, -1):
            hit = self._table.get(tuple(keys[at : at + n]))
            if hit is not None:
                return n, hit
        return None

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase, key=self.key) in self._table


def stem_keys(items: Sequence[Word], key: Keyer = _stem_key) -> list[str]:
    """The lookup keys of *items* (the stemmer's by default)."""
    return [key(w.key) for w in items]


# Function words that tell the two languages apart (none shared by both).
_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "to",
        "you",
        "your",
        "my",
        "it",
        "this",
        "that",
        "with",
        "have",
        "has",
        "does",
        "doesnt",
        "dont",
        "cant",
        "cannot",
        "not",
        "when",
        "after",
        "for",
        "on",
        "from",
        "but",
        "are",
        "were",
        "will",
        "would",
        "should",
        "could",
        "please",
    ]
)
_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "je",
        "jij",
        "uw",
        "mijn",
        "dit",
        "dat",
        "met",
        "heeft",
        "hebben",
        "doet",
        "kan",
        "niet",
        "geen",
        "wanneer",
        "na",
        "voor",
        "op",
        "uit",
        "maar",
        "zijn",
        "waren",
        "wordt",
        "worden",
        "zal",
        "zou",
        "graag",
        "ik",
        "er",
        "wel",
        "bij",
        "ook",
        "nog",
    ]
)


def detect_language(text: str) -> str:
    """'nl' when *text* has more Dutch than English function words, else 'en'."""
    en = nl = 0
    for w in words(text):
        en += w.key in _EN
        nl += w.key in _NL
    return "nl" if nl > en else "en"


_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def sentences(text: str) -> list[str]:
    """Sentences: split after . ! ? (not inside "7.2" or "e.g.x") and at line ends."""
    out: list[str] = []
    for m in _SENTENCE_RE.finditer(re.sub(r"(?<=\d)\.(?=\d)", "\u2024", text)):
        part = m.group().replace("\u2024", ".").strip()
        if any(ch.isalnum() for ch in part):
            out.append(part)
    return out
