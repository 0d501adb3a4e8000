"""Rebuild data/tagger_model.json, the tagger's learned n-gram model.

    python tools/train_tagger.py [--check]

Trains on the seed corpora (tests/data/seed/, written for training), the older tuned sets
(tests/data/tagger_eval.jsonl, tagger_holdout.jsonl) and the real development texts
(tests/data/devset/): on 5-fold cross-validation real texts in training raise top-1 on the
real texts left out (bench/cv_tagger.py), so the dev figures of bench/bench_judgement.py are
training figures; cv_tagger.py gives the honest ones. The development files in SCORED_ONLY
are tuned on but never trained on (see there). Never on the frozen held-out sets
(tests/data/heldout/): those measure it. ``--check`` only reports whether the shipped file is
up to date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from growthdesk.skills import ngrams, tagger  # noqa: E402
from growthdesk.skills.ids import SKILL_IDS  # noqa: E402

__all__ = ["TRAINING_FILES", "SCORED_ONLY", "build", "main"]

DATA = ROOT / "tests" / "data"
# The fourth Dutch round is mostly news and FAQ sentences *about* outages and leaks, not tickets.
# On 5-fold cross-validation (bench/cv_tagger.py, 144 Dutch dev texts) training on it lowered
# Dutch dev top-1 / top-3 from 66.0% / 90.3% to 62.5% / 88.9% (English unchanged), so it only
# scores the model. So do the fifth rounds (29 Dutch blog and FAQ texts, 179 English issue-tracker
# texts, 2026-12-02): training on the English one left its own texts unchanged out of fold and cost
# one old English and two Dutch dev texts. The atd-data-tech queue file (tagger_en_atd.jsonl, 175 English
# service-desk tickets) is trained on: on the same cross-validation that raised English dev top-1 / top-3
# from 77.9% / 93.4% to 78.9% / 94.6% (its own texts 70.9% / 89.1% -> 74.3% / 92.6% out of fold) for one
# Dutch dev text (2026-12-02).
_SCORED = ("tagger_nl_r4.jsonl", "tagger_nl_r5.jsonl", "tagger_en_r5.jsonl", "tagger_nl_r6.jsonl")
TRAINING_FILES = (
    DATA / "seed" / "tagger_seed.jsonl",
    DATA / "seed" / "tagger_seed_users.jsonl",
    DATA / "seed" / "tagger_seed_nl3.jsonl",
    DATA / "tagger_eval.jsonl",
    DATA / "tagger_holdout.jsonl",
    *sorted(p for p in (DATA / "devset").glob("tagger_*.jsonl") if p.name not in _SCORED),
)
SCORED_ONLY = tuple(DATA / "devset" / name for name in _SCORED)
OUT = ROOT / "data" / ngrams.MODEL_FILE


def build() -> str:
    """The model file's text, trained from TRAINING_FILES (deterministic)."""
    rows: list[tuple[str, str]] = []
    for path in TRAINING_FILES:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                rows.append((item["text"], item["primary"]))
    model = ngrams.train(rows, SKILL_IDS, tagger.skip_token)
    return json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file is stale")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print("up to date" if same else "stale: run tools/train_tagger.py")
        raise SystemExit(0 if same else 1)
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
