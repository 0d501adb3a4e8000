"""Whole-process timings of the issue-16 edit work at 1k and 25k wins (100k with --sizes).

    python bench/bench_edit.py [--runs 5] [--sizes 1000,25000]

`log --ticket` against `log` (the repeat check reads only the month files whose bytes hold
the reference), `wins --ticket`, `stats --period day`, `wins retag` (dry run, and for real on
a fresh copy of the home each run), and `wins rm` of three ids. Medians (ms) per size, the
ratio of the largest size to the smallest, and each figure against `python -c "import click"`.
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

sys.path.insert(0, str(Path(__file__).parent))
from gen import generate  # noqa: E402

OUT = Path(__file__).parent / "out"
LOG = ["log", "printer jam", "-s", "printing", "-m", "5"]
COMMANDS: dict[str, tuple[list[str], bool]] = {  # name -> (arguments, needs a fresh home)
    "log": (LOG, False),
    "log --ticket": ([*LOG, "--ticket", "REQ-424242"], False),
    "wins --ticket": (["wins", "--ticket", "REQ-424242"], False),
    "stats -p day": (["stats", "--period", "day"], False),
    "retag --dry-run": (
        ["wins", "retag", "--from", "printing", "--to", "hardware", "--dry-run"],
        False,
    ),
    "retag": (["wins", "retag", "--from", "printing", "--to", "hardware"], True),
    "wins rm 1 2 3": (["wins", "rm", "1", "2", "3"], True),
}


def _time(cmd: list[str], env: dict[str, str], runs: int, fresh_from: Path | None) -> float:
    samples = []
    for n in range(runs + 1):  # the first run warms the caches and is not counted
        if fresh_from is not None:
            copy = Path(env["GROWTHDESK_HOME"])
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(fresh_from, copy)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if n:
            samples.append((time.perf_counter() - t0) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,25000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    exe = [sys.executable, "-m", "growthdesk"]
    base_env = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)  # see bench_core: bytecode as installed
    click_ms = _time([sys.executable, "-c", "import click"], base_env, args.runs, None)
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        home = OUT / f"edit-{size}"
        if home.exists():
            shutil.rmtree(home)
        generate(home, size, contacts=200, links=800)
        pristine = OUT / f"edit-{size}-pristine"
        shutil.rmtree(pristine, ignore_errors=True)
        shutil.copytree(home, pristine)
        results[size] = {}
        for name, (cmd, fresh) in COMMANDS.items():
            target = OUT / f"edit-{size}-copy" if fresh else home
            env = {**base_env, "GROWTHDESK_HOME": str(target)}
            results[size][name] = _time(exe + cmd, env, args.runs, pristine if fresh else None)
    print(f"{'':<16}" + "".join(f"{size:>10}" for size in sizes) + "     ratio  × click")
    for name in COMMANDS:
        row = [results[size][name] for size in sizes]
        cells = "".join(f"{ms:>8.0f}ms" for ms in row)
        print(f"{name:<16}{cells}{row[-1] / row[0]:>10.2f}{row[-1] / click_ms:>9.1f}")
    print(f"python -c 'import click': {click_ms:.0f} ms")


if __name__ == "__main__":
    main()
