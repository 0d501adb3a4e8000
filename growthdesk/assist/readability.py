"""Reading ease of a message: Flesch (1948) for English, Flesch–Douma (1960) for Dutch.

  Flesch        206.835 − 1.015 · words/sentence − 84.6 · syllables/word
  Flesch–Douma  206.84  − 0.93  · words/sentence − 77   · syllables/word

Both read 0 (very hard) to 100 (very easy); 60–70 is plain language. Syllables are counted
with the usual vowel-group rules (a silent final e in English; in Dutch a diaeresis starts a
new syllable, "geüpdatet" = ge-üp-da-tet), which is what these formulas were fitted with.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from growthdesk.assist.words import sentences, words
from growthdesk.core.i18n import N_, _

__all__ = ["Readability", "syllables", "readability"]

_EN_SILENT = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_EN_GROUPS = re.compile(r"[aeiouy]{1,2}")
_NL_GROUPS = re.compile(r"[aeiouy]+")
_DIAERESIS = re.compile("[äëïöü]")
_PLAIN_VOWEL = str.maketrans("äëïöüáéíóúàèìòùâêîôû", "aeiouaeiouaeiouaeiou")

# (lowest score, label) from Flesch's own table.
_BANDS = (
    (90.0, N_("very easy")),
    (80.0, N_("easy")),
    (70.0, N_("fairly easy")),
    (60.0, N_("plain")),
    (50.0, N_("fairly difficult")),
    (30.0, N_("difficult")),
    (float("-inf"), N_("very difficult")),
)


def syllables(word: str, lang: str = "en") -> int:
    """Syllables in one word (at least 1 for a word with letters)."""
    low = word.lower()
    if lang == "nl":
        parts = _DIAERESIS.split(low)
        count = len(_NL_GROUPS.findall(parts[0].translate(_PLAIN_VOWEL)))
        count += sum(1 + len(_NL_GROUPS.findall(p[1:].translate(_PLAIN_VOWEL))) for p in parts[1:])
        # "ü…": the split ate the vowel that starts each later part; counted as its own group.
        return max(1, count)
    letters = re.sub(r"[^a-z]", "", low.translate(_PLAIN_VOWEL))
    if len(letters) <= 3:
        return 1
    letters = _EN_SILENT.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(_EN_GROUPS.findall(letters)))


# A NamedTuple, not a frozen dataclass: the class is built in a quarter of the time, on every
# `query` and `plain` run (bench/bench_assist.py).
class Readability(NamedTuple):
    score: float
    formula: str
    words: int
    sentences: int
    syllables: int

    @property
    def label(self) -> str:
        return next(_(label) for low, label in _BANDS if self.score >= low)

    def as_json(self) -> dict[str, object]:
        return {
            "score": round(self.score, 1),
            "label": self.label,
            "formula": self.formula,
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
        }


def readability(text: str, lang: str = "en") -> Readability | None:
    """The reading ease of *text* in *lang*, or None for a text without words."""
    counted = [w.text for w in words(text) if any(c.isalpha() for c in w.text)]
    if not counted:
        return None
    n_sentences = max(1, len(sentences(text)))
    n_syllables = sum(syllables(w, lang) for w in counted)
    per_sentence = len(counted) / n_sentences
    per_word = n_syllables / len(counted)
    if lang == "nl":
        score = 206.84 - 0.93 * per_sentence - 77.0 * per_word
        formula = "Flesch-Douma"
    else:
        score = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        formula = "Flesch"
    return Readability(score, formula, len(counted), n_sentences, n_syllables)
