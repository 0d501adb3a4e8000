"""`growthdesk ask`: ranking quality (ablation) and whole-process latency.

    .venv/bin/python bench/bench_ask.py [--runs 9] [--keep DIR] [--skip-latency]

1. Ablation on tests/data/network_scenario.json (62 labelled EN/NL queries): random, topic only,
   + help history, + reach (full). Reported twice: with the query's labelled skill area given
   ("oracle", the ranking alone) and with skill areas read from the text by growthdesk.tagger
   (end to end), when the tagger is installed.
2. Latency: a synthetic home with 2,000 contacts, 10,000 links and 25,000 wins (bench/gen.py),
   then `growthdesk ask TEXT` as a fresh process, median of --runs (networkx import included).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from growthdesk.ranking import RankParams, evaluate, rank  # noqa: E402

SCENARIO = ROOT / "tests" / "data" / "network_scenario.json"
ABLATION = [
    ("topic only", RankParams(use_history=False, use_reach=False, use_recent_penalty=False)),
    ("+ help history", RankParams(use_reach=False, use_recent_penalty=False)),
    ("+ reach (full)", RankParams()),
]


def quality(oracle: bool) -> list[tuple[str, dict[str, float]]]:
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    today = date.fromisoformat(data["today"])
    relevant = [q["relevant"] for q in data["queries"]]
    rng = random.Random(7)
    names = [c["name"] for c in data["contacts"] if not c["do_not_ask"]]
    rounds = []
    for _ in range(50):
        rounds.append(evaluate([rng.sample(names, len(names)) for _q in data["queries"]], relevant))
    rows = [
        (
            "random (mean of 50)",
            {k: statistics.mean(r[k] for r in rounds) for k in ("mrr", "p@1", "p@3")},
        )
    ]
    for label, params in ABLATION:
        ranked = []
        for q in data["queries"]:
            result = rank(
                q["text"],
                contacts=data["contacts"],
                links=data["links"],
                wins=data["wins"],
                interactions=data["interactions"],
                events=data["events"],
                today=today,
                skills=[(q["skill"], 1.0)] if oracle else None,
                top=10,
                params=params,
            )
            ranked.append([p.name for p in result.people])
        rows.append((label, evaluate(ranked, relevant)))
    return rows


def latency(runs: int, keep: Path | None) -> None:
    import gen  # bench/gen.py (main engineer)

    home = keep or Path(tempfile.mkdtemp(prefix="gd-bench-ask-"))
    if not (home / "wins").exists():
        t0 = time.perf_counter()
        gen.generate(home, wins=25_000, contacts=2_000, links=10_000, seed=1)
        print(f"generated home in {time.perf_counter() - t0:.1f} s: {home}")
    exe = [sys.executable, "-m", "growthdesk"]
    env = {
        **os.environ,
        "GROWTHDESK_HOME": str(home),
        "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00",
    }
    queries = [
        "VPN disconnects every 10 minutes",
        "printer 3e verdieping offline",
        "shared mailbox not showing",
    ]
    for q in queries:  # warm the OS page cache once, like a user's second run
        subprocess.run([*exe, "ask", q], env=env, capture_output=True, check=True)
    import resource

    times, cpu = [], []
    for n in range(runs):
        q = queries[n % len(queries)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(
            [*exe, "ask", q, "--json"], env=env, capture_output=True, text=True, check=True
        )
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    people = json.loads(out.stdout)["people"]
    base = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import networkx"], capture_output=True, check=True)
        base.append(time.perf_counter() - t0)
    print(
        f"\nask latency, 2,000 contacts / 10,000 links / 25,000 wins, {runs} runs (whole process):"
    )
    print(
        f"  median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    print(f"  CPU time (user+sys): median {statistics.median(cpu) * 1000:.0f} ms")
    print(f"  load average after the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"  for scale: `python -c 'import networkx'` alone: median {statistics.median(base) * 1000:.0f} ms"
    )
    print(f"  last answer: {len(people)} people, top: {people[0]['name'] if people else '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="Reuse/keep the synthetic home here.")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    modes = [("skill area given (ranking alone)", True)]
    if importlib.util.find_spec("growthdesk.tagger") is not None:
        modes.append(("skills from the text by the tagger (end to end)", False))
    else:
        print("(growthdesk.tagger not installed: end-to-end quality skipped)")
    for title, oracle in modes:
        print(f"\nQuality on {SCENARIO.name}, {title}:")
        print(f"  {'variant':<22} {'MRR':>6} {'P@1':>6} {'P@3':>6}")
        for label, m in quality(oracle):
            print(f"  {label:<22} {m['mrr']:6.3f} {m['p@1']:6.3f} {m['p@3']:6.3f}")
    if not args.skip_latency:
        latency(args.runs, args.keep)


if __name__ == "__main__":
    main()
