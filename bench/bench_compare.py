"""Two installs of growthdesk side by side: `log`, `ask`, `path` and `stats` on one home.

    python bench/bench_compare.py OTHER_PYTHON [--runs 9] [--wins 25000]

OTHER_PYTHON is the interpreter of a second install (e.g. a venv built from an older commit:
`git worktree add /tmp/before REV && python3 -m venv /tmp/before/.venv &&
/tmp/before/.venv/bin/pip install /tmp/before`). Both installs run the same commands on copies of
one synthetic home, interleaved run by run, so a machine whose speed drifts affects both alike.
Prints medians (ms, whole process), the ratio after/before, and `python -c "import click"` as the
floor measured in the same run. Run by hand; not part of the test suite.
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
    "log": ["log", "printer offline on 3rd floor", "-m", "5", "--skill", "printing"],
    "log (auto-tag)": ["log", "outlook loopt vast bij openen gedeelde agenda", "-m", "5"],
    "ask": ["ask", "VPN keeps disconnecting when working from home"],
    "path": ["path"],
    "stats": ["stats"],
}


def _run(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    # cwd: `python -m` puts the working folder first on sys.path; from a checkout, both
    # interpreters would import that checkout's growthdesk instead of their own install.
    proc = subprocess.run(cmd, env=env, cwd=OUT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("other_python", help="the interpreter of the install to compare with")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--wins", type=int, default=25000)
    parser.add_argument(
        "--source",
        type=Path,
        help="a home to copy instead of generating one; give one the OLDER install can read "
        "(e.g. made by its own bench/gen.py): the newer install migrates its copy first",
    )
    args = parser.parse_args()

    source = args.source or OUT / f"compare-{args.wins}"
    if not source.exists():
        print(f"generating {args.wins} wins in {source} …", file=sys.stderr)
        tmp = source.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, args.wins, contacts=200, links=800)
        tmp.rename(source)
    pythons = {"before": args.other_python, "after": sys.executable}
    envs: dict[str, dict[str, str]] = {}
    for name in pythons:
        home = OUT / f"compare-{args.wins}-{name}"
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(source, home)
        env = {**os.environ, "GROWTHDESK_HOME": str(home), "GROWTHDESK_NOW": NOW}
        # Installed packages run from cached bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("GROWTHDESK_DEBUG", None)
        envs[name] = env
        subprocess.run(
            [pythons[name], "-m", "growthdesk", "profile", "set", "--started", "2024-01-15"],
            env=env, cwd=OUT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    samples: dict[tuple[str, str], list[float]] = {}
    floor: list[float] = []
    for name, python in pythons.items():  # warm-up: OS cache and .pyc files
        for argv in COMMANDS.values():
            _run([python, "-m", "growthdesk", *argv], envs[name])
    for _ in range(args.runs):
        floor.append(_run([sys.executable, "-c", "import click"], envs["after"]))
        for label, argv in COMMANDS.items():
            for name, python in pythons.items():
                samples.setdefault((label, name), []).append(
                    _run([python, "-m", "growthdesk", *argv], envs[name])
                )
    print(f"{args.wins} wins, {args.runs} interleaved runs (ms, whole-process medians)")
    print(f"  floor `python -c 'import click'`: {statistics.median(floor):.1f}")
    print(f"  {'command':<16} {'before':>8} {'after':>8} {'after/before':>13}")
    for label in COMMANDS:
        before = statistics.median(samples[(label, "before")])
        after = statistics.median(samples[(label, "after")])
        print(f"  {label:<16} {before:8.1f} {after:8.1f} {after / before:13.2f}")


if __name__ == "__main__":
    main()
