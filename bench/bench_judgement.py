"""Tagger accuracy on real problem texts, per language, with 95% Wilson intervals; `ask` on the
held-out "whom to ask" scenario; recall precision@3; the persona table.

    python bench/bench_judgement.py [--per-area] [--tagger-only]

Reads the frozen held-out sets (tests/data/heldout/, never tuned on) and the development
sets (tests/data/devset/, the ones to tune on; they also train the n-gram model, so their
lines here are training figures: bench/cv_tagger.py gives them out of fold). A language may have several files
(tagger_nl.jsonl and tagger_nl_ext.jsonl): its line pools them, the indented lines show each file. Top-1: the labelled primary area is ranked
first by growthdesk.skills.tagger.suggest; top-3: it is among the first three.

`ask` is judged on the scenario's labelled area, the PRIMARY area whose expert should be asked:
MRR and P@1 on the frozen held-out part (tests/data/network_heldout/, never tuned on) and, for
comparison, the tuning part, once with the area read by the tagger and once with the gold area;
plus how often the reading's primary area is the labelled one, overall and when `ask` says it
is sure. Then recall precision@3 on tests/data/recall_labelled.jsonl and the persona table of
tests/test_personas.py (both from bench/bench_path.py --judgement).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from growthdesk.skills import tagger  # noqa: E402

__all__ = ["SETS", "files", "load", "main", "score", "wilson"]

DATA = ROOT / "tests" / "data"
SETS = {"held-out": DATA / "heldout", "dev": DATA / "devset"}
LANGS = ("en", "nl")


def load(path: Path) -> list[dict[str, Any]]:
    """The labelled rows of one JSON Lines file."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def files(folder: Path, lang: str) -> list[Path]:
    """The files of one language in one folder: tagger_<lang>.jsonl, then tagger_<lang>_*.jsonl."""
    return [folder / f"tagger_{lang}.jsonl", *sorted(folder.glob(f"tagger_{lang}_*.jsonl"))]


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for hits/n (better than the normal one for small n)."""
    if n == 0:
        return 0.0, 0.0
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def score(rows: list[dict[str, Any]]) -> tuple[int, int, int, dict[str, list[int]]]:
    """(n, top-1 hits, top-3 hits, per primary area [n, top-1 hits])."""
    top1 = top3 = 0
    per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        ids = [area for area, _ in tagger.suggest(row["text"])]
        hit1 = bool(ids) and ids[0] == row["primary"]
        top1 += hit1
        top3 += row["primary"] in ids[:3]
        per_area[row["primary"]][0] += 1
        per_area[row["primary"]][1] += hit1
    return len(rows), top1, top3, per_area


def _cell(hits: int, n: int) -> str:
    low, high = wilson(hits, n)
    return f"{hits / n:6.1%} [{low:5.1%}, {high:5.1%}]" if n else f"{'-':>22}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-area", action="store_true", help="also print top-1 per area")
    parser.add_argument("--tagger-only", action="store_true", help="only the tagger table")
    args = parser.parse_args(argv)
    print(f"{'set':<9}{'lang':<5}{'n':>5}  {'top-1 [95% CI]':<24}{'top-3 [95% CI]':<24}")
    areas: dict[tuple[str, str], dict[str, list[int]]] = {}
    for name, folder in SETS.items():
        for lang in LANGS:
            paths = files(folder, lang)
            n, top1, top3, per_area = score([row for path in paths for row in load(path)])
            areas[(name, lang)] = per_area
            print(f"{name:<9}{lang:<5}{n:>5}  {_cell(top1, n):<24}{_cell(top3, n):<24}")
            for path in paths if len(paths) > 1 else []:
                n, top1, top3, _ = score(load(path))
                label = "  " + path.stem.removeprefix("tagger_")
                print(f"{label:<14}{n:>5}  {_cell(top1, n):<24}{_cell(top3, n):<24}")
    if args.per_area:
        for (name, lang), per_area in areas.items():
            print(f"\n== {name} {lang}: top-1 per primary area, weakest first")
            for area, (n, hits) in sorted(per_area.items(), key=lambda kv: kv[1][1] / kv[1][0]):
                print(f"  {area:<22}{hits:>3}/{n:<3} {hits / n:6.1%}")

    if not args.tagger_only:
        sureness_table()
        ask_table()
        print()
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_path import judgement  # personas and recall precision@3

        judgement()


SCENARIOS = {
    "held-out": DATA / "network_heldout" / "network_scenario.json",
    "tuning": DATA / "network_scenario.json",
}


def sureness_table() -> None:
    """Is `ask`'s "sure" worth anything? On the frozen real texts: how often it says sure, and
    how often the primary area it reads is the labelled one when sure and when not."""
    from growthdesk.network.ranking import read_problem

    print("\n`ask` sureness on the frozen held-out texts (primary area right)")
    for lang in LANGS:
        rows = [row for path in files(SETS["held-out"], lang) for row in load(path)]
        readings = [(read_problem(row["text"]), row["primary"]) for row in rows]
        sure = [r.primary == want for r, want in readings if r.sure]
        unsure = [r.primary == want for r, want in readings if not r.sure]
        # Not sure: `ask` shows people for each candidate area; is the right one among them?
        shown = [want in [a for a, _w in r.weights] for r, want in readings if not r.sure]
        print(
            f"  {lang}: says sure on {len(sure)}/{len(rows)}, right then "
            f"{_cell(sum(sure), len(sure))}\n"
            f"      not sure on {len(unsure)}, primary right {_cell(sum(unsure), len(unsure))}, "
            f"right area among those shown {_cell(sum(shown), len(shown))}"
        )


def ask_table() -> None:
    """`ask` MRR / P@1 per scenario part, with the tagger's reading and with the gold area."""
    from growthdesk.network.evaluation import evaluate, rank_scenario
    from growthdesk.network.ranking import RankParams, read_problem

    print(f"\n`ask` on the labelled scenario (judged on the primary area), {'MRR':>6} {'P@1':>6}")
    for name, path in SCENARIOS.items():
        scenario = json.loads(path.read_text("utf-8"))
        relevant = [q["relevant"] for q in scenario["queries"]]
        for label, oracle in (("tagger", False), ("gold area", True)):
            m = evaluate(rank_scenario(scenario, RankParams(), oracle=oracle), relevant)
            print(
                f"  {name:<9}{label:<11}n={int(m['queries']):<4}   {m['mrr']:6.3f} {m['p@1']:6.3f}"
            )
        readings = [(read_problem(q["text"]), q["skill"]) for q in scenario["queries"]]
        right = sum(r.primary == skill for r, skill in readings)
        sure = [(r, skill) for r, skill in readings if r.sure]
        sure_right = sum(r.primary == skill for r, skill in sure)
        print(
            f"  {name:<9}primary area read right {right}/{len(readings)}; "
            f"`ask` says sure on {len(sure)}, right on {sure_right}/{len(sure)}"
        )


if __name__ == "__main__":
    main()
