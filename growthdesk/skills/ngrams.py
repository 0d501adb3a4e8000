"""The shipped learned tagger model: logistic regression over character n-grams and words.

It sits beside the keyword lexicon and catches what no keyword names ("the G drive is gone",
"geen kiestoon"). Trained offline by ``tools/train_tagger.py`` on a bilingual seed corpus; the
weights live in ``data/tagger_model.json`` and are read on the first scored text only, so a
`log` with ``--skill`` never pays for them. Scoring is pure Python: a dict look-up per feature.

Features of a text: every content word (stop and generic words dropped), and the 3-, 4- and
5-letter pieces of the word with its boundaries ("<printer>" gives "<pr", "nte"...), each
counted once per text, so a long text does not outvote a short one by repetition.

The model is a multinomial logistic regression (softmax), trained by plain stochastic gradient
descent with a fixed shuffle, so a rebuild gives the same file. On 5-fold cross-validation over
the seed corpus and the development sets it ranks better than the naive Bayes it replaced
(bench/cv_tagger.py), because it learns how much each n-gram adds given the others instead of
counting every overlapping piece of one word as independent evidence.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from growthdesk.core.data import DataFileError, read_json
from growthdesk.core.text import GENERIC_WORDS, STOPWORDS, tokens

__all__ = ["NgramModel", "features", "load_model", "train", "MODEL_FILE", "FORMAT"]

MODEL_FILE = "tagger_model.json"
FORMAT = 2
NGRAMS = (3, 4, 5)
MIN_COUNT = 2  # a feature seen in one text only is noise, and would double the file
EPOCHS = 12
RATE = 0.6  # SGD step, divided by (1 + epoch / 2)
L2 = 1e-4
# Classes whose gradient is smaller are not updated: training is about twice as fast and the
# 5-fold figures of bench/cv_tagger.py are the same (dev en 91.7/100, nl 66.0/90.3).
GRAD_EPS = 1e-3
KEEP = 0.05  # weights smaller than this are dropped from the file; they change no ranking


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
    """Per feature, the areas it moves and by how much (log-odds)."""

    areas: tuple[str, ...]
    bias: tuple[float, ...]
    # feature -> "area-index weight area-index weight ...": one string per feature, because
    # decoding 10,000 small lists cost ~10 ms per process and strings ~2 ms
    weights: Mapping[str, str]

    def posterior(self, feats: Iterable[str]) -> dict[str, float]:
        """{area: probability} given the known features; {} when none is known."""
        k = len(self.areas)
        score = list(self.bias)
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
        top = max(score)
        exps = [math.exp(x - top) for x in score]
        total = sum(exps)
        return {self.areas[i]: exps[i] / total for i in range(k)}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "areas": list(self.areas),
            "bias": [round(b, 3) for b in self.bias],
            "weights": self.weights,
        }


def train(
    rows: Iterable[tuple[str, str]], areas: Sequence[str], skip: Callable[[str], bool]
) -> NgramModel:
    """Softmax regression from (text, area) pairs by SGD; deterministic for the same rows."""
    index = {a: i for i, a in enumerate(areas)}
    k = len(areas)
    data = [(sorted(features(text, skip)), index[area]) for text, area in rows]
    counts: dict[str, int] = {}
    for feats, _ in data:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    w = {f: [0.0] * k for f, c in counts.items() if c >= MIN_COUNT}
    bias = [0.0] * k
    order = list(range(len(data)))
    shuffle = random.Random(0)
    for epoch in range(EPOCHS):
        shuffle.shuffle(order)
        rate = RATE / (1 + epoch / 2)
        for i in order:
            feats, y = data[i]
            vectors = [w[f] for f in feats if f in w]
            if not vectors:
                continue
            z = [b + s for b, s in zip(bias, map(sum, zip(*vectors, strict=True)), strict=True)]
            top = max(z)
            exps = [math.exp(v - top) for v in z]
            total = sum(exps)
            grad = [e / total for e in exps]
            grad[y] -= 1.0
            step = rate / math.sqrt(len(vectors))  # a long text moves each feature less
            active = [c for c in range(k) if abs(grad[c]) >= GRAD_EPS]
            for vec in vectors:
                for c in active:
                    vec[c] -= step * (grad[c] + L2 * vec[c])
            for c in range(k):
                bias[c] -= rate * 0.1 * grad[c]
    weights: dict[str, str] = {}
    for f in sorted(w):
        row = " ".join(f"{c} {v:.2f}" for c, v in enumerate(w[f]) if abs(v) >= KEEP)
        if row:
            weights[f] = row
    return NgramModel(areas=tuple(areas), bias=tuple(bias), weights=weights)


@lru_cache(maxsize=1)
def load_model() -> NgramModel | None:
    """The shipped model, read once; None if the file is missing or of another format."""
    try:
        raw = read_json(MODEL_FILE)
    except DataFileError:
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    return NgramModel(areas=tuple(raw["areas"]), bias=tuple(raw["bias"]), weights=raw["weights"])
