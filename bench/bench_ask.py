"""`growthdesk ask`: ranking quality (ablation) and whole-process latency.

    .venv/bin/python bench/bench_ask.py [--runs 9] [--keep DIR] [--skip-latency] [--skip-quality]
                                        [--pyc]

1. Ablation on tests/data/network_scenario.json (62 labelled EN/NL queries, the tuning part):
   random, topic only, + help history, + reach (full), and full without recency or without the
   recent-ask penalty. Reported twice: with the query's labelled skill area given
   ("oracle", the ranking alone) and with skill areas read from the text by growthdesk.skills.tagger
   (end to end), when the tagger is installed.
2. Latency: a synthetic home with 2,000 contacts, 10,000 links and 25,000 wins (bench/gen.py),
   then `growthdesk ask TEXT` as a fresh process, median of --runs, with CPU time (the machine
   may be shared: CPU time is steadier than wall time). --pyc gives the child processes a
   bytecode cache (PYTHONPYCACHEPREFIX in a temp dir) when PYTHONDONTWRITEBYTECODE is set, as an
   installed package has: otherwise modules without a current .pyc are compiled on every run.
3. Per-step timings measured inside one process (wall and CPU): store load, tagger, ranking
   (split into the Dijkstra reach and the rest), recall, and whether networkx got imported.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from growthdesk.network.evaluation import evaluate, rank_scenario  # noqa: E402
from growthdesk.network.ranking import RankParams  # noqa: E402

SCENARIO = ROOT / "tests" / "data" / "network_scenario.json"
ABLATION = [
    ("topic only", RankParams(use_history=False, use_reach=False, use_recent_penalty=False)),
    ("+ help history", RankParams(use_reach=False, use_recent_penalty=False)),
    ("+ reach (full)", RankParams()),
    ("full − recency", RankParams(use_recency=False)),
    ("full − recent asks", RankParams(use_recent_penalty=False)),
]


def quality(oracle: bool) -> list[tuple[str, dict[str, float]]]:
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
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
        ranked = rank_scenario(data, params, oracle=oracle)
        rows.append((label, evaluate(ranked, relevant)))
    return rows


def ensure_home(keep: Path | None) -> Path:
    import gen  # bench/gen.py (main engineer)

    home = keep or Path(tempfile.mkdtemp(prefix="gd-bench-ask-"))
    if not (home / "wins").exists():
        t0 = time.perf_counter()
        gen.generate(home, wins=25_000, contacts=2_000, links=10_000, seed=1)
        print(f"generated home in {time.perf_counter() - t0:.1f} s: {home}")
    return home


QUERIES = [
    "VPN disconnects every 10 minutes",
    "printer 3e verdieping offline",
    "shared mailbox not showing",
]


def latency(runs: int, home: Path, pyc: bool) -> None:
    exe = [sys.executable, "-m", "growthdesk"]
    env = {
        **os.environ,
        "GROWTHDESK_HOME": str(home),
        "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00",
    }
    cache = "on (normal)"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        cache = "no new .pyc (PYTHONDONTWRITEBYTECODE): stale or missing ones compile every run"
        if pyc:
            env.pop("PYTHONDONTWRITEBYTECODE")
            env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gd-bench-pyc-")
            cache = f"on (--pyc: {env['PYTHONPYCACHEPREFIX']})"
    queries = QUERIES
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
    base, base_cpu = [], []
    for code in ("import networkx", "pass"):
        walls, cpus = [], []
        for _ in range(5):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        base.append(statistics.median(walls))
        base_cpu.append(statistics.median(cpus))
    print(
        f"\nask latency, 2,000 contacts / 10,000 links / 25,000 wins, {runs} runs (whole process):"
    )
    print(f"  bytecode cache: {cache}")
    print(
        f"  median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    print(f"  CPU time (user+sys): median {statistics.median(cpu) * 1000:.0f} ms")
    print(f"  load average after the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"  for scale: `python -c 'import networkx'` {base[0] * 1000:.0f} ms "
        f"(CPU {base_cpu[0] * 1000:.0f} ms); `python -c pass` {base[1] * 1000:.0f} ms "
        f"(CPU {base_cpu[1] * 1000:.0f} ms)"
    )
    print(f"  last answer: {len(people)} people, top: {people[0]['name'] if people else '-'}")


STEPS_CODE = r"""
import gc, sys, time, json
from datetime import date
from pathlib import Path
gc.disable()  # as growthdesk.cli.main does
marks = []
def lap(label, t, c):
    marks.append((label, time.perf_counter() - t, time.process_time() - c))
home, q = Path(sys.argv[1]), sys.argv[2]
t0, c0 = time.perf_counter(), time.process_time()
t, c = t0, c0
from growthdesk.store import Store
store = Store(home)
data = dict(contacts=store.all("contacts"), links=store.all("links"), wins=store.wins(),
            interactions=store.all("interactions"), events=store.all("events"))
model = store.model("tagger")
lap("store load (all tables, all shards)", t, c)
t, c = time.perf_counter(), time.process_time()
from growthdesk.network.ranking import query_skills, rank
skills = query_skills(q, None, model)
lap("tagger (imports + suggest)", t, c)
t, c = time.perf_counter(), time.process_time()
result = rank(q, today=date(2026, 11, 26), skills=skills, **data)
lap("ranking (with reach)", t, c)
t, c = time.perf_counter(), time.process_time()
from growthdesk.network.graph import reach_from
reach_from(data["contacts"], data["links"], date(2026, 11, 26))
lap("  reach alone (Dijkstra, run again)", t, c)
t, c = time.perf_counter(), time.process_time()
from growthdesk.worklog.recall import recall
similar = recall(q, data["wins"], 3)
lap("recall (BM25 over all wins)", t, c)
lap("total in-process (without the re-run)", t0, c0)
print(json.dumps({"marks": marks, "networkx": "networkx" in sys.modules}))
"""


def steps(home: Path, runs: int) -> None:
    """Each step timed inside a fresh process (cold caches, like a real `ask`); medians."""
    env = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    rows: dict[str, list[tuple[float, float]]] = {}
    networkx = False
    for n in range(runs):
        q = QUERIES[n % len(QUERIES)]
        out = subprocess.run(
            [sys.executable, "-c", STEPS_CODE, str(home), q],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(out.stdout)
        networkx = networkx or data["networkx"]
        marks = data["marks"]
        # The reach re-run is not part of an ask: take it out of the total.
        total = marks[-1]
        marks[-1] = [total[0], total[1] - marks[3][1], total[2] - marks[3][2]]
        for label, wall, cpu in marks:
            rows.setdefault(label, []).append((wall, cpu))
    print(f"\nper step, measured in-process, fresh process each, median of {runs}:")
    for label, vals in rows.items():
        wall = statistics.median(v[0] for v in vals) * 1000
        cpu = statistics.median(v[1] for v in vals) * 1000
        print(f"  {label:<38} {wall:6.0f} ms wall {cpu:6.0f} ms CPU")
    print(f"  networkx imported: {'yes' if networkx else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="Reuse/keep the synthetic home here.")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--pyc", action="store_true", help="Bytecode cache for the children.")
    args = parser.parse_args()
    modes = [("skill area given (ranking alone)", True)]
    if importlib.util.find_spec("growthdesk.skills.tagger") is not None:
        modes.append(("skills from the text by the tagger (end to end)", False))
    else:
        print("(growthdesk.skills.tagger not installed: end-to-end quality skipped)")
    for title, oracle in [] if args.skip_quality else modes:
        print(f"\nQuality on {SCENARIO.name}, {title}:")
        print(f"  {'variant':<22} {'MRR':>6} {'P@1':>6} {'P@3':>6}")
        for label, m in quality(oracle):
            print(f"  {label:<22} {m['mrr']:6.3f} {m['p@1']:6.3f} {m['p@3']:6.3f}")
    if not args.skip_latency:
        home = ensure_home(args.keep)
        latency(args.runs, home, args.pyc)
        steps(home, args.runs)


if __name__ == "__main__":
    main()
