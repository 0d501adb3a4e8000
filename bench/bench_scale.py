"""Costs against the size of the history: 1k, 25k and 100k wins (250k with --big).

    python bench/bench_scale.py [--runs 5] [--big] [--sizes 1000,25000] [--only ask,stats]
                                [--python OTHER_INSTALL/bin/python]

Builds each home once with bench/gen.py (kept in bench/out/scale-N; delete it to rebuild), then
runs every command as a whole process, prints medians (ms), peak memory (MB, the largest of the
runs, from wait4's rusage of that child alone), the 100k/1k ratios and the floor
`python -c "import click"`. Also prints the bytes on disk per win (month shards only, and with
everything else in wins/). `log` runs on a copy, so it does not grow the home the others read.
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
NOW = "2026-11-26T10:00:00+01:00"
COMMANDS: dict[str, list[str]] = {
    "ask": ["ask", "VPN keeps disconnecting when working from home"],
    "recall": ["recall", "printer offline on the third floor"],
    "path": ["path"],
    "stats": ["stats"],
    "stats --period all": ["stats", "--period", "all"],
    "review": ["review", "--format", "html"],
    "export": ["export"],
    "log": ["log", "printer offline on 3rd floor", "-m", "5", "--skill", "printing"],
}


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall ms, peak RSS MB) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - t0) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def _home(wins: int) -> Path:
    home = OUT / f"scale-{wins}"
    if not home.exists():
        print(f"generating {wins} wins in {home} …", file=sys.stderr, flush=True)
        tmp = home.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, wins, contacts=200, links=800)
        tmp.rename(home)
    return home


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "GROWTHDESK_HOME": str(home), "GROWTHDESK_NOW": NOW}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages run from cached bytecode
    env.pop("GROWTHDESK_DEBUG", None)
    return env


def _disk(home: Path, wins: int) -> tuple[float, float]:
    folder = home / "wins"
    shards = sum(p.stat().st_size for p in folder.glob("????-??.json"))
    every = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return shards / wins, every / wins


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also 250,000 wins (slow to build)")
    parser.add_argument("--sizes", help="comma-separated win counts instead of the defaults")
    parser.add_argument("--only", help="comma-separated command labels to run")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter of the install to measure"
    )
    args = parser.parse_args()
    sizes = [1000, 25000, 100000] + ([250000] if args.big else [])
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    chosen = {k: v for k, v in COMMANDS.items() if not args.only or k in args.only.split(",")}
    py = args.python
    OUT.mkdir(exist_ok=True)

    floor = [_run([py, "-c", "import click"], _env(OUT), OUT)[0] for _ in range(args.runs)]
    table: dict[tuple[str, int], tuple[float, float]] = {}
    disk: dict[int, tuple[float, float]] = {}
    for n in sizes:
        source = _home(n)
        home = OUT / f"scale-{n}-run"
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(source, home)
        env = _env(home)
        # The first command migrates a copy made by an older schema, and warms the OS cache.
        subprocess.run(
            [py, "-m", "growthdesk", "profile", "set", "--started", "2024-01-15"],
            env=env, cwd=OUT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        disk[n] = _disk(home, n)
        scratch = OUT / f"scale-{n}-log"
        for label, argv in chosen.items():
            if label == "log":
                shutil.rmtree(scratch, ignore_errors=True)
                shutil.copytree(home, scratch)
                run_env = _env(scratch)
            else:
                run_env = env
            _run([py, "-m", "growthdesk", *argv], run_env, OUT)  # warm-up
            times, peaks = [], []
            for _ in range(args.runs):
                ms, mb = _run([py, "-m", "growthdesk", *argv], run_env, OUT)
                times.append(ms)
                peaks.append(mb)
            table[(label, n)] = (statistics.median(times), max(peaks))
            print(f"  {n:>7} {label:<20} {table[(label, n)][0]:8.0f} ms", file=sys.stderr)
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)

    print(f"{args.runs} runs per cell; ms = whole-process median, MB = peak RSS of the runs")
    print(f"floor `python -c 'import click'`: {statistics.median(floor):.0f} ms")
    head = "".join(f" | {n // 1000}k ms | {n // 1000}k MB" for n in sizes)
    ratio = 1000 in sizes and 100000 in sizes
    print(f"| command{head}{' | 100k/1k' if ratio else ''} |")
    print("|---" * (1 + 2 * len(sizes) + ratio) + "|")
    for label in chosen:
        cells = "".join(
            f" | {table[(label, n)][0]:.0f} | {table[(label, n)][1]:.0f}" for n in sizes
        )
        tail = f" | {table[(label, 100000)][0] / table[(label, 1000)][0]:.2f}" if ratio else ""
        print(f"| `{label}`{cells}{tail} |")
    for n in sizes:
        shards, every = disk[n]
        print(f"disk at {n} wins: {shards:.0f} bytes/win in month shards, {every:.0f} with wins/*")


if __name__ == "__main__":
    main()
