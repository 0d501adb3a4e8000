"""K-fold cross-validation of the tagger's learned model: the number to tune on.

    python bench/cv_tagger.py [--folds 5] [--no-dev-training] [--misses] [--lexicon REV]

Pools the training texts (tools/train_tagger.py's TRAINING_FILES, the development sets
(tests/data/devset/) among them), splits them into folds by a hash of the text (of the source thread for
real texts), trains the model on all folds but one and scores the one left out. Prints top-1 /
top-3 per language on the real development texts (out of fold: the honest tuning number), on
those of them no fold trains on ("scored", tools/train_tagger.py's SCORED_ONLY) and on all
texts. Never reads tests/data/heldout/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_tagger  # noqa: E402

from growthdesk.skills import ngrams, tagger, taxonomy  # noqa: E402
from growthdesk.skills.ids import SKILL_IDS  # noqa: E402

__all__ = ["pool", "folds", "cross_validate", "main"]


def _rows(path: Path, origin: str) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            item["origin"] = origin
            out.append(item)
    return out


def pool() -> list[dict[str, Any]]:
    """Every text the tagger may learn or be tuned on, with its origin: the training file's name
    ("seed", "eval"...) or "dev" for the real development texts ("train" False: scored only)."""
    rows: list[dict[str, Any]] = []
    for path in train_tagger.TRAINING_FILES:
        origin = "dev" if path.parent.name == "devset" else path.stem.removeprefix("tagger_")
        rows += _rows(path, origin)
    for path in train_tagger.SCORED_ONLY:  # scored in every fold, trained on in none
        rows += [{**row, "train": False} for row in _rows(path, "dev")]
    return rows


def folds(rows: list[dict[str, Any]], k: int) -> list[int]:
    """The fold of each row, by a hash of its source thread (or text): stable across runs."""
    out = []
    for row in rows:
        key = row.get("source") or row["text"]
        out.append(int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % k)
    return out


def cross_validate(
    rows: list[dict[str, Any]],
    k: int,
    dev_training: bool = True,
    misses: list[tuple[dict[str, Any], list[str]]] | None = None,
) -> dict[tuple[str, str], tuple[int, int, int]]:
    """{(origin, lang): (n, top-1 hits, top-3 hits)} out of fold; 'all' pools every origin.
    Development texts ranked wrong at top-1 are appended to *misses* with their ranking."""
    fold_of = folds(rows, k)
    result: dict[tuple[str, str], list[int]] = {}
    original = ngrams.load_model
    try:
        for f in range(k):
            train = [
                (r["text"], r["primary"])
                for r, g in zip(rows, fold_of, strict=True)
                if g != f and r.get("train", True) and (dev_training or r["origin"] != "dev")
            ]
            model = ngrams.train(train, SKILL_IDS, tagger.skip_token)
            ngrams.load_model = lambda m=model: m  # type: ignore[assignment]
            for r, g in zip(rows, fold_of, strict=True):
                if g != f:
                    continue
                ids = [a for a, _ in tagger.suggest(r["text"])]
                if misses is not None and r["origin"] == "dev" and ids[:1] != [r["primary"]]:
                    misses.append((r, ids[:3]))
                # "scored": the development texts no fold trains on (SCORED_ONLY), the nearest
                # thing to a held-out figure that may be tuned on
                scored = ("scored",) if not r.get("train", True) else ()
                for origin in (r["origin"], "all", *scored):
                    cell = result.setdefault((origin, r["lang"]), [0, 0, 0])
                    cell[0] += 1
                    cell[1] += bool(ids) and ids[0] == r["primary"]
                    cell[2] += r["primary"] in ids[:3]
    finally:
        ngrams.load_model = original  # type: ignore[assignment]
    return {key: (n, a, b) for key, (n, a, b) in result.items()}


def report(result: dict[tuple[str, str], tuple[int, int, int]]) -> str:
    parts = []
    order = {"dev": 0, "scored": 1, "all": 3}
    for origin in sorted({o for o, _ in result}, key=lambda o: (order.get(o, 2), o)):
        for lang in ("en", "nl"):
            n, a, b = result.get((origin, lang), (0, 0, 0))
            if n:
                parts.append(f"{origin}-{lang} n={n} top1 {a / n:.1%} top3 {b / n:.1%}")
    return " | ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-dev-training", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list the dev texts ranked wrong")
    parser.add_argument(
        "--lexicon",
        metavar="REV",
        help="score with data/skills.json as of git revision REV, e.g. one from before a dev "
        "round's words were chosen from its misses: that round's line is then not a tuning figure",
    )
    args = parser.parse_args(argv)
    if args.lexicon:
        raw = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{args.lexicon}:data/skills.json"],
            capture_output=True,
            check=True,
        ).stdout
        older = taxonomy.parse_taxonomy(json.loads(raw))
        tagger.load_taxonomy = lambda: older  # type: ignore[assignment]
    missed: list[tuple[dict[str, Any], list[str]]] = []
    result = cross_validate(pool(), args.folds, not args.no_dev_training, missed)
    if args.misses:
        for row, ids in sorted(missed, key=lambda m: (m[0]["lang"], m[0]["primary"])):
            print(
                f"{row['lang']} {row['primary']:<22} got {' '.join(ids) or '-'}: {row['text'][:160]}"
            )
    print(report(result))


if __name__ == "__main__":
    main()
