"""Whole-process timings of `log`, `wins --limit 10` and `--help` at 1k, 25k and 100k wins.

    python bench/bench_core.py [--runs 7] [--sizes 1000,25000,100000]

Prints medians (ms) per size and the 100k/1k ratio. Run by hand; not part of the test suite.
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

sys.path.insert(0, str(Path(__file__).parent))
from gen import generate  # noqa: E402

OUT = Path(__file__).parent / "out"


def _time(cmd: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append((time.perf_counter() - t0) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,25000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    exe = [sys.executable, "-m", "growthdesk"]
    results: dict[int, dict[str, float]] = {}
    base_env = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    # Installed packages run from cached bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile growthdesk (~100 ms) and hide real start-up cost.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    click_ms = _time([sys.executable, "-c", "import click"], base_env, args.runs)
    for size in sizes:
        home = OUT / f"home-{size}"
        if home.exists():
            shutil.rmtree(home)
        generate(home, size, contacts=200, links=800)
        env = {**base_env, "GROWTHDESK_HOME": str(home)}
        results[size] = {
            "log": _time(
                exe + ["log", "reset MFA for new hire", "-m", "4", "--skill", "accounts_passwords"],
                env,
                args.runs,
            ),
            "log (auto-tag)": _time(
                exe + ["log", "printer 3e verdieping offline", "-m", "9"], env, args.runs
            ),
            "wins --limit 10": _time(exe + ["wins", "--limit", "10"], env, args.runs),
            "--help": _time(exe + ["--help"], env, args.runs),
        }
    cols = list(next(iter(results.values())))
    print(f"{'wins':>8} " + " ".join(f"{c:>16}" for c in cols))
    for size, row in results.items():
        print(f"{size:>8} " + " ".join(f"{row[c]:>14.0f}ms" for c in cols))
    if len(sizes) > 1:
        lo, hi = results[sizes[0]], results[sizes[-1]]
        print(
            f"{'ratio':>8} "
            + " ".join(f"{hi[c] / lo[c]:>16.2f}" for c in cols)
            + f"   ({sizes[-1]}/{sizes[0]})"
        )
    print(
        f"python -c 'import click': {click_ms:.0f} ms; --help / click = {results[sizes[-1]]['--help'] / click_ms:.2f}"
    )


if __name__ == "__main__":
    main()
