"""Whole-process timings of `stats`, `review` and `demo` (targets: 300 ms, 300 ms, 5 s).

    python bench/bench_dashboard.py [--runs 7] [--wins 25000] [--no-bytecode]

Two 25,000-win homes are measured:
  gen   bench/gen.py's synthetic home (3 years, uniform mix, contacts and links only);
  demo  the demo generator stretched to 36 months (growthdesk.reporting.demo.generate(months=36, volume=…)):
        realistic mix plus contacts, interactions, learning and kudos.

Byte-code: an installed growthdesk has .pyc files. This sandbox sets PYTHONDONTWRITEBYTECODE, which
makes every run recompile every module (~100 ms more), so by default the benchmark drops it and
keeps the caches under bench/out/pycache; --no-bytecode measures the recompiling case too.
Each command runs once to warm the caches, then --runs times; medians are reported.
Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gen import generate as gen_generate  # noqa: E402

from growthdesk.reporting import demo  # noqa: E402
from growthdesk.store import Store  # noqa: E402

OUT = Path(__file__).parent / "out"
NOW = "2026-11-26T10:00:00+01:00"
TARGET_MS = {"stats": 300.0, "review": 300.0, "demo": 5000.0}


def _run(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return elapsed


def _median(cmd: list[str], env: dict[str, str], runs: int) -> float:
    _run(cmd, env)  # warm the OS file cache and the byte-code cache
    return statistics.median(_run(cmd, env) for _ in range(runs))


def _demo_home(home: Path, wins: int) -> int:
    # ~7 wins a day over 18 months at volume 1; scale the 36-month run to the wanted size.
    volume = wins / 6340
    sample = demo.generate(11, datetime.fromisoformat(NOW), months=36, volume=volume)
    demo.write(Store(home), sample)
    return len(sample.wins)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--wins", type=int, default=25000)
    parser.add_argument(
        "--no-bytecode", action="store_true", help="Also time with PYTHONDONTWRITEBYTECODE=1."
    )
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    homes: dict[str, Path] = {}
    sizes: dict[str, int] = {}
    home = OUT / f"dash-gen-{args.wins}"
    if not home.exists():
        gen_generate(home, args.wins, contacts=200, links=800)
    homes["gen"], sizes["gen"] = home, len(Store(home).wins())
    home = OUT / f"dash-demo-{args.wins}"
    if home.exists():
        sizes["demo"] = len(Store(home).wins())
    else:
        sizes["demo"] = _demo_home(home, args.wins)
    homes["demo"] = home

    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base.update({"GROWTHDESK_NOW": NOW, "PYTHONPYCACHEPREFIX": str(OUT / "pycache")})
    modes = {"bytecode": base}
    if args.no_bytecode:
        modes["recompile"] = {**base, "PYTHONDONTWRITEBYTECODE": "1"}
    exe = [sys.executable, "-m", "growthdesk"]
    html = OUT / "review.html"

    rows: list[tuple[str, str, str, float, float | None]] = []
    for mode, env in modes.items():
        for name, path in homes.items():
            e = {**env, "GROWTHDESK_HOME": str(path)}
            for label, cmd, target in (
                ("stats", ["stats"], "stats"),
                ("stats --json", ["stats", "--json"], "stats"),
                ("stats --period all", ["stats", "--period", "all"], None),
                ("review (md)", ["review"], "review"),
                (
                    "review --format html -o",
                    ["review", "--format", "html", "-o", str(html)],
                    "review",
                ),
                ("review --since 3y ago", ["review", "--since", "2023-11-27"], None),
            ):
                ms = _median(exe + cmd, e, args.runs)
                rows.append(
                    (
                        mode,
                        f"{name} ({sizes[name]:,} wins)",
                        label,
                        ms,
                        TARGET_MS[target] if target else None,
                    )
                )
        demo_runs = []
        for _ in range(max(3, args.runs // 2)):
            target_dir = Path(tempfile.mkdtemp(prefix="bench-demo-"))
            try:
                demo_runs.append(_run(exe + ["demo", "--home", str(target_dir)], env))
            finally:
                shutil.rmtree(target_dir, ignore_errors=True)
        rows.append((mode, "fresh folder", "demo", statistics.median(demo_runs), TARGET_MS["demo"]))

    click_ms = _median([sys.executable, "-c", "import click"], base, args.runs)
    print(f"{'mode':<10} {'home':<22} {'command':<26} {'median':>9}  target")
    for mode, home_label, label, ms, target in rows:
        verdict = (
            ""
            if target is None
            else (f"<= {target:.0f} ms ok" if ms <= target else f"<= {target:.0f} ms MISSED")
        )
        print(f"{mode:<10} {home_label:<22} {label:<26} {ms:>7.0f}ms  {verdict}")
    print(
        f"python -c 'import click' (process floor): {click_ms:.0f} ms; runs={args.runs}, cores={os.cpu_count()}"
    )


if __name__ == "__main__":
    main()
