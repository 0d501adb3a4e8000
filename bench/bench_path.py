"""Whole-process timing of `growthdesk path` (text and --json) at 25,000 wins.

    python bench/bench_path.py [--runs 9] [--wins 25000] [--judgement]

Target: median <= 300 ms as a whole process. Also prints, in-process, how that time splits
between loading the store and the career analysis itself, so a miss can be placed.
--judgement prints instead what the advice says for the personas of tests/test_personas.py
(recommended track, label, fit) and recall precision@3 on tests/data/recall_labelled.jsonl,
raw BM25 top 3 against similar() (precision of what is shown).
Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from gen import generate  # noqa: E402

OUT = Path(__file__).parent / "out"
NOW = "2026-11-26T10:00:00+01:00"
TARGET_MS = 300.0


def _time(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append((time.perf_counter() - t0) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return samples


def _split(home: Path) -> dict[str, float]:
    """In-process: store load vs analysis (ms), the median of 5."""
    code = f"""
import gc, statistics, time
gc.disable()  # as growthdesk.cli.main does for every command
from datetime import datetime
from pathlib import Path
t0 = time.perf_counter()
from growthdesk.store import Store
from growthdesk.career import analysis as career
t1 = time.perf_counter()
loads, runs = [], []
for _ in range(5):
    a = time.perf_counter()
    store = Store(Path({str(home)!r}))
    wins, learning, profile = store.wins(), store.all("learning"), store.profile()
    b = time.perf_counter()
    career.analyse(wins, learning, profile, datetime.fromisoformat({NOW!r}))
    c = time.perf_counter()
    loads.append((b - a) * 1000); runs.append((c - b) * 1000)
print((t1 - t0) * 1000, statistics.median(loads), statistics.median(runs))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imports, load, analyse = (float(x) for x in out.stdout.split())
    return {"imports": imports, "store load": load, "analyse": analyse}


def judgement() -> None:
    """The persona table and recall precision@3 (see the module doc)."""
    import json
    from datetime import datetime, timedelta

    tests = Path(__file__).resolve().parent.parent / "tests"
    sys.path.insert(0, str(tests))
    from test_personas import PERSONAS

    from growthdesk.career.analysis import analyse
    from growthdesk.worklog.recall import recall
    from growthdesk.worklog.similar import similar

    now = datetime.fromisoformat(NOW)
    print(f"{'persona':<20} {'coach says':<12} {'growthdesk':<12} {'label':<16} best fit")
    for name, (counts, months, learning, want, _label) in PERSONAS.items():
        slots = sorted(((j + 0.5) / n, s) for s, n in counts.items() for j in range(n))
        days = months * 30.4375
        wins: list[Any] = [
            {"when": (now - timedelta(days=days * (1 - (k + 0.5) / len(slots)))).isoformat(),
             "skills": [s]}
            for k, (_p, s) in enumerate(slots)
        ]  # fmt: skip
        learn: list[Any] = [
            {"when": NOW, "kind": k, "title": t, "skills": [s]} for t, k, s in learning
        ]
        started = (now - timedelta(days=days)).date().isoformat()
        profile: Any = {"started": started}
        r = analyse(wins, learn, profile, now)
        got = r.recommended or "-"
        best = f"{r.fits[0].track} {r.fits[0].fit:.0%}"
        ok = "" if (r.recommended == want) else "  <- differs"
        print(f"{name:<20} {want or '-':<12} {got:<12} {r.label:<16} {best}{ok}")
    rows = [json.loads(line) for line in (tests / "data" / "recall_labelled.jsonl").open()]
    labelled = [r["win"] for r in rows if "win" in r]
    queries = [r for r in rows if "query" in r]

    def precision(shown: list[int], relevant: set[int]) -> float:
        top = shown[:3]
        return sum(i in relevant for i in top) / len(top) if top else float(not relevant)

    before = [precision([w["id"] for w, _s in recall(q["query"], labelled, 3)], set(q["relevant"]))
              for q in queries]  # fmt: skip
    after = [precision([m.win["id"] for m in similar(q["query"], labelled, 3)], set(q["relevant"]))
             for q in queries]  # fmt: skip
    print(f"recall precision@3 on {len(queries)} labelled queries: BM25 top 3 "
          f"{sum(before) / len(before):.3f}, similar() {sum(after) / len(after):.3f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--wins", type=int, default=25000)
    parser.add_argument("--judgement", action="store_true", help="Personas and recall P@3.")
    args = parser.parse_args()
    if args.judgement:
        judgement()
        return

    home = OUT / f"path-{args.wins}"
    if not home.exists():
        print(f"generating {args.wins} wins in {home} …", file=sys.stderr)
        tmp = home.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, args.wins, contacts=200, links=800)
        tmp.rename(home)
    env = {**os.environ, "GROWTHDESK_HOME": str(home), "GROWTHDESK_NOW": NOW}
    env.pop("GROWTHDESK_DEBUG", None)
    subprocess.run(
        [sys.executable, "-m", "growthdesk", "profile", "set", "--started", "2024-01-15"],
        env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = [sys.executable, "-m", "growthdesk"]
    # Warm the OS file cache and .pyc files first.
    _time([*base, "path"], env, 2)
    rows = {
        "--help": _time([*base, "--help"], env, args.runs),
        "path": _time([*base, "path"], env, args.runs),
        "path --json": _time([*base, "path", "--json"], env, args.runs),
    }
    print(f"growthdesk path at {args.wins} wins, {args.runs} runs (ms, whole process)")
    for name, samples in rows.items():
        med = statistics.median(samples)
        print(f"  {name:<12} median {med:7.1f}   min {min(samples):7.1f}   max {max(samples):7.1f}")
    med = statistics.median(rows["path"])
    ratio = med / statistics.median(rows["--help"])
    verdict = "meets" if med <= TARGET_MS else "MISSES"
    print(f"  path / --help ratio {ratio:.2f}; {verdict} the {TARGET_MS:.0f} ms target")
    split = _split(home)
    print("  in-process split (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in split.items()))


if __name__ == "__main__":
    main()
