"""Tagger and recall benchmark: accuracy per language and per area, and speed at 25,000 wins.

    python bench/bench_tagger.py [--wins 25000] [--no-cli]

Accuracy is strict: the labelled primary area must be ranked first (top-1) or in the top 3.
tests/data/tagger_eval.jsonl was written before tuning and then tuned on; tests/data/
tagger_holdout.jsonl was written afterwards; both now train the n-gram model (tools/train_tagger.py),
so the honest figures are bench/bench_judgement.py on the frozen sets in tests/data/heldout/
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from growthdesk.skills import tagger  # noqa: E402
from growthdesk.skills.ids import SKILL_IDS  # noqa: E402
from growthdesk.worklog.recall import recall  # noqa: E402

DATA = ROOT / "tests" / "data"


def load(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def accuracy(rows: list[dict[str, Any]], title: str) -> None:
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        ranked = tagger.suggest(r["text"])
        ids = [s for s, _ in ranked]
        chosen, confident = tagger.decide(ranked)
        s = by_lang[r["lang"]]
        s[0] += 1
        s[1] += bool(ids) and ids[0] == r["primary"]
        s[2] += r["primary"] in ids[:3]
        s[3] += confident
        s[4] += confident and r["primary"] in chosen
        a = per_area[r["primary"]]
        a[0] += 1
        a[1] += bool(ids) and ids[0] == r["primary"]
    print(f"\n== {title} ({len(rows)} texts)")
    print(f"{'lang':<5}{'n':>5}{'top-1':>8}{'top-3':>8}{'confident':>11}{'conf. precision':>17}")
    for lang in sorted(by_lang):
        n, t1, t3, conf, good = by_lang[lang]
        prec = good / conf if conf else 0.0
        print(f"{lang:<5}{n:>5}{t1 / n:>8.1%}{t3 / n:>8.1%}{conf / n:>11.1%}{prec:>17.1%}")
    print("per-area recall (top-1), weakest first:")
    ranked_areas = sorted(per_area.items(), key=lambda kv: (kv[1][1] / kv[1][0], kv[0]))
    for area, (n, t1) in ranked_areas:
        print(f"  {area:<22}{t1:>3}/{n:<3} {t1 / n:6.1%}")


def synthetic_wins(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Varied wins built from the labelled texts plus names, numbers and site words."""
    rng = random.Random(seed)
    base = load("tagger_eval.jsonl")
    extra = ["Jansen", "floor 2", "kantoor Utrecht", "Bakker", "room 4.12", "asap", "again", "HR"]
    wins = []
    for i in range(n):
        r = rng.choice(base)
        text = f"{r['text']} {rng.choice(extra)} ref{rng.randint(1, 5000)}"
        wins.append(
            {
                "id": i + 1,
                "when": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+01:00",
                "problem": text,
                "solution": "fixed via " + rng.choice(["AD", "intune", "herstart", "new driver"]),
                "skills": [r["primary"]],
                "skills_source": "manual" if rng.random() < 0.3 else "auto",
            }
        )
    return wins


def timed(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(n_wins: int) -> dict[str, Any]:
    print(f"\n== speed ({n_wins} wins)")
    wins = synthetic_wins(n_wins)
    start = time.perf_counter()
    model = tagger.build_model(wins)
    print(
        f"build_model from {sum(w['skills_source'] == 'manual' for w in wins)} manual wins: "
        f"{time.perf_counter() - start:.2f} s; model {len(model['terms'])} terms, "
        f"{len(orjson.dumps(model)) / 1024:.0f} KB JSON"
    )
    texts = [r["text"] for r in load("tagger_holdout.jsonl")]
    cold = []
    for t in texts:  # first sight of each text: per-token caches mostly cold
        s = time.perf_counter()
        tagger.suggest(t, model)
        cold.append(time.perf_counter() - s)
    warm = [timed(lambda t=t: tagger.suggest(t, model), 5) for t in texts]
    print(
        f"suggest() median: first call {statistics.median(cold) * 1000:.3f} ms, "
        f"repeated {statistics.median(warm) * 1000:.3f} ms (max first call "
        f"{max(cold) * 1000:.2f} ms)"
    )
    learn_t = timed(
        lambda: tagger.learn(model, "kofax capture error bij scannen", ["printing"]), 20
    )
    print(f"learn() on the 25k-win model (copy + update): {learn_t * 1000:.2f} ms")
    rec = timed(lambda: recall("wachtwoord vergeten na vakantie", wins), 3)
    print(f"recall() over {n_wins} wins: {rec * 1000:.0f} ms")
    return model


def cli_speed(n_wins: int, model: dict[str, Any]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen import generate  # type: ignore[import-not-found]

    from growthdesk.store import Store

    exe = str(Path(sys.executable).with_name("growthdesk"))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        generate(home, n_wins, 200, 800)
        with Store(home).transaction("bench model") as tx:
            tx.set_model("tagger", model)

        def run(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run([exe, "--home", str(home), *args], check=True, capture_output=True)
            return time.perf_counter() - start

        print(f"\n== CLI wall time at {n_wins} wins (median of 5; includes interpreter start)")
        print(
            "python -c pass:",
            f"{timed(lambda: subprocess.run([sys.executable, '-c', 'pass']), 5):.3f} s",
        )
        for label, args in [
            (
                "skills suggest --json",
                ("skills", "suggest", "printerstoring 2e verdieping", "--json"),
            ),
            ("recall --json", ("recall", "wachtwoord verlopen", "--json")),
            ("skills --json", ("skills", "--json")),
        ]:
            print(f"{label:<24}{timed(lambda a=args: run(*a), 5):.3f} s")
        logs = [run("log", f"vpn valt weg bij thuiswerker {i}", "--minutes", "5") for i in range(5)]
        print(f"{'log (auto-tagged)':<24}{statistics.median(logs):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wins", type=int, default=25_000)
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess timings")
    args = parser.parse_args()
    accuracy(load("tagger_eval.jsonl"), "tagger_eval.jsonl (tuned and trained on)")
    accuracy(load("tagger_holdout.jsonl"), "tagger_holdout.jsonl (trained on)")
    langs = Counter(r["lang"] for r in load("tagger_eval.jsonl"))
    print(f"\n(eval languages: {dict(langs)}; areas: {len(SKILL_IDS)})")
    model = speed(args.wins)
    if not args.no_cli:
        cli_speed(args.wins, model)


if __name__ == "__main__":
    main()
