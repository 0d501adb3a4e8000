"""The shipped learned tagger model: naive Bayes over character n-grams and words.

It sits beside the keyword lexicon and catches what no keyword names ("the G drive is gone",
"geen kiestoon"). Trained offline by ``tools/train_tagger.py`` on a bilingual seed corpus; the
weights live in ``data/tagger_model.json`` and are read on the first scored text only, so a
`log` with ``--skill`` never pays for them. Scoring is pure Python: a dict look-up per feature.

Features of a text: every content word (stop and generic words dropped) as its stem, and the
3-, 4- and 5-letter pieces of the word with its boundaries ("<printer>" gives "<pr", "nte"...),
each counted once per text, so a long text does not outvote a short one by repetition.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from growthdesk.core.data import DataFileError, read_json
from growthdesk.core.text import GENERIC_WORDS, STOPWORDS, tokens

__all__ = ["NgramModel", "features", "load_model", "train", "MODEL_FILE", "FORMAT"]

MODEL_FILE = "tagger_model.json"
FORMAT = 1
NGRAMS = (3, 4, 5)
ALPHA = 0.1  # additive smoothing of the per-area feature counts


def features(text: str, skip: Callable[[str], bool]) -> set[str]:
    """The features of *text*; *skip* drops a token (the tagger's generic words)."""
    out: set[str] = set()
    for tok in tokens(text):
        if len(tok) < 2 or tok.isdigit() or tok in STOPWORDS or tok in GENERIC_WORDS or skip(tok):
            continue
        out.add("w:" + tok)
        padded = f"<{tok}>"
        for n in NGRAMS:
            out.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass(frozen=True)
class NgramModel:
    """Per feature, the areas it was seen with and how much it raises their likelihood."""

    areas: tuple[str, ...]
    base: tuple[float, ...]  # log-likelihood of any known feature under each area
    # feature -> "area-index gain area-index gain ...": one string per feature, because
    # decoding 8,000 small lists cost ~10 ms per process and strings ~2 ms
    weights: Mapping[str, str]

    def posterior(self, feats: Iterable[str], temperature: float) -> dict[str, float]:
        """{area: probability} given the known features; {} when none is known."""
        k = len(self.areas)
        score = [0.0] * k
        known = 0
        for f in feats:
            row = self.weights.get(f)
            if row is None:
                continue
            known += 1
            parts = row.split()
            for j in range(0, len(parts), 2):
                score[int(parts[j])] += float(parts[j + 1])
        if not known:
            return {}
        logits = [(known * self.base[i] + score[i]) / temperature for i in range(k)]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return {self.areas[i]: exps[i] / total for i in range(k)}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "areas": list(self.areas),
            "base": [round(b, 4) for b in self.base],
            "weights": self.weights,
        }


def train(
    rows: Iterable[tuple[str, str]], areas: Sequence[str], skip: Callable[[str], bool]
) -> NgramModel:
    """Multinomial naive Bayes with a flat prior from (text, area) pairs.

    A feature seen once in the whole corpus is dropped: it is noise, and it would make the
    file several times larger.
    """
    index = {a: i for i, a in enumerate(areas)}
    counts: dict[str, dict[int, int]] = {}
    totals = [0] * len(areas)
    for text, area in rows:
        i = index[area]
        for f in features(text, skip):
            row = counts.setdefault(f, {})
            row[i] = row.get(i, 0) + 1
            totals[i] += 1
    kept = {f: row for f, row in counts.items() if sum(row.values()) > 1}
    vocab = len(kept)
    base = tuple(math.log(ALPHA / (totals[i] + ALPHA * vocab)) for i in range(len(areas)))
    weights = {
        f: " ".join(f"{i} {math.log1p(n / ALPHA):.2f}" for i, n in sorted(row.items()))
        for f, row in sorted(kept.items())
    }
    return NgramModel(areas=tuple(areas), base=base, weights=weights)


@lru_cache(maxsize=1)
def load_model() -> NgramModel | None:
    """The shipped model, read once; None if the file is missing or of another format."""
    try:
        raw = read_json(MODEL_FILE)
    except DataFileError:
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    return NgramModel(areas=tuple(raw["areas"]), base=tuple(raw["base"]), weights=raw["weights"])
