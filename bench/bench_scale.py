"""Costs against the size of the history: 1k, 25k and 100k wins (250k with --big).

    python bench/bench_scale.py [--runs 5] [--big] [--sizes 1000,25000] [--only ask,stats]
                                [--python INSTALL/bin/python] [--before OLDER_INSTALL/bin/python]

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
    "skills": ["skills"],
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


def _prepare(py: str, n: int, name: str) -> dict[str, str]:
    """A fresh copy of the n-win home for install *name*; the first command migrates it."""
    home = OUT / f"scale-{n}-{name}"
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(_home(n), home)
    env = _env(home)
    subprocess.run(
        [py, "-m", "growthdesk", "profile", "set", "--started", "2024-01-15"],
        env=env, cwd=OUT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return env


def _table(
    name: str,
    table: dict[tuple[str, int], tuple[float, float]],
    labels: list[str],
    sizes: list[int],
) -> None:
    print(f"\n{name}")
    head = "".join(f" | {n // 1000}k ms | {n // 1000}k MB" for n in sizes)
    ratio = 1000 in sizes and 100000 in sizes
    print(f"| command{head}{' | 100k/1k' if ratio else ''} |")
    print("|---" * (1 + 2 * len(sizes) + ratio) + "|")
    for label in labels:
        cells = "".join(
            f" | {table[(label, n)][0]:.0f} | {table[(label, n)][1]:.0f}" for n in sizes
        )
        tail = f" | {table[(label, 100000)][0] / table[(label, 1000)][0]:.2f}" if ratio else ""
        print(f"| `{label}`{cells}{tail} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also 250,000 wins (slow to build)")
    parser.add_argument("--sizes", help="comma-separated win counts instead of the defaults")
    parser.add_argument("--only", help="comma-separated command labels to run")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter of the install to measure"
    )
    parser.add_argument(
        "--before",
        help="the interpreter of a second install (an older commit), measured interleaved run "
        "by run on its own copy of each home, so that a drifting machine affects both alike",
    )
    args = parser.parse_args()
    sizes = [1000, 25000, 100000] + ([250000] if args.big else [])
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    labels = [k for k in COMMANDS if not args.only or k in args.only.split(",")]
    pythons = {"after": args.python, **({"before": args.before} if args.before else {})}
    OUT.mkdir(exist_ok=True)

    floor = [_run([args.python, "-c", "import click"], _env(OUT), OUT)[0] for _ in range(args.runs)]
    tables: dict[str, dict[tuple[str, int], tuple[float, float]]] = {p: {} for p in pythons}
    disk: dict[tuple[str, int], tuple[float, float]] = {}
    for n in sizes:
        envs = {name: _prepare(py, n, name) for name, py in pythons.items()}
        for name, env in envs.items():
            disk[(name, n)] = _disk(Path(env["GROWTHDESK_HOME"]), n)
        for label in labels:
            argv = COMMANDS[label]
            run_envs = dict(envs)
            if label == "log":  # on a copy: the other commands read the home as generated
                for name, env in envs.items():
                    scratch = OUT / f"scale-{n}-{name}-log"
                    shutil.rmtree(scratch, ignore_errors=True)
                    shutil.copytree(env["GROWTHDESK_HOME"], scratch)
                    run_envs[name] = _env(scratch)
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in pythons}
            for name, py in pythons.items():
                _run([py, "-m", "growthdesk", *argv], run_envs[name], OUT)  # warm-up
            for _ in range(args.runs):
                for name, py in pythons.items():
                    samples[name].append(_run([py, "-m", "growthdesk", *argv], run_envs[name], OUT))
            for name in pythons:
                ms = statistics.median(t for t, _mb in samples[name])
                tables[name][(label, n)] = (ms, max(mb for _t, mb in samples[name]))
                print(f"  {n:>7} {label:<20} {name:<6} {ms:8.0f} ms", file=sys.stderr, flush=True)
        for name in pythons:
            for suffix in ("", "-log"):
                shutil.rmtree(OUT / f"scale-{n}-{name}{suffix}", ignore_errors=True)

    print(f"{args.runs} runs per cell; ms = whole-process median, MB = peak RSS of the runs")
    print(f"floor `python -c 'import click'`: {statistics.median(floor):.0f} ms")
    for name in reversed(pythons):
        _table(name.upper(), tables[name], labels, sizes)
    for (name, n), (shards, every) in sorted(disk.items()):
        print(f"{name} at {n} wins: {shards:.0f} bytes/win in month shards, {every:.0f} in wins/")


if __name__ == "__main__":
    main()
