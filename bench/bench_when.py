"""Whole-process timings of `log` with the typed forms of issue 13: Dutch day phrases for
--when and minutes like '1u30', against the forms that were fast before.

    python bench/bench_when.py [--runs 9] [--wins 1000] [--code DIR]

--code runs another checkout's growthdesk (e.g. an export of main) for a before/after table.
Prints medians (ms) and each one divided by `python -c "import click"`. Run by hand.
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
LOG = ["log", "printer offline", "-s", "printing"]
CASES = {
    "log -m 5 (plain)": [*LOG, "-m", "5"],
    "log -m 1u30": [*LOG, "-m", "1u30"],
    "log -m 'anderhalf uur'": [*LOG, "-m", "anderhalf uur"],
    "log --when gisteren": [*LOG, "--when", "gisteren"],
    "log --when gisteravond": [*LOG, "--when", "gisteravond"],
    "log --when 'vrijdag vorige week'": [*LOG, "--when", "vrijdag vorige week"],
    "log --when 'gisteren half 3'": [*LOG, "--when", "gisteren half 3"],
    "log --when '25 november'": [*LOG, "--when", "25 november"],
    "log --when 'Nov 25'": [*LOG, "--when", "Nov 25"],
}


def _once(cmd: list[str], env: dict[str, str]) -> float | None:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000 if proc.returncode == 0 else None


def _medians(cmds: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float | None]:
    """Round-robin over the commands, so that a busy machine slows all of them alike."""
    for cmd in cmds.values():
        _once(cmd, env)  # warm-up
    samples: dict[str, list[float | None]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(_once(cmd, env))
    return {
        name: None if None in got else statistics.median(x for x in got if x is not None)
        for name, got in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--wins", type=int, default=1000)
    parser.add_argument("--code", type=Path, default=None)
    args = parser.parse_args()
    env = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure start-up from cached bytecode
    exe = [sys.executable, "-m", "growthdesk"]
    if args.code is not None:
        # The editable install's finder comes before PYTHONPATH: drop it, then run that code.
        exe = [
            sys.executable,
            "-c",
            "import runpy, sys; "
            "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
            f"sys.path.insert(0, {str(args.code.resolve())!r}); "
            "sys.argv[0] = 'growthdesk'; runpy.run_module('growthdesk', run_name='__main__')",
        ]
    home = OUT / f"home-when-{args.wins}"
    if home.exists():
        shutil.rmtree(home)
    generate(home, args.wins, contacts=50, links=100)
    env["GROWTHDESK_HOME"] = str(home)
    cmds = {"python -c 'import click'": [sys.executable, "-c", "import click"]}
    cmds.update({name: exe + case for name, case in CASES.items()})
    found = _medians(cmds, env, args.runs)
    click_ms = found.pop("python -c 'import click'") or 1.0
    print(f"python -c 'import click': {click_ms:.0f} ms (median of {args.runs})")
    print(f"{'case':<36} {'median':>8} {'/ click':>8}")
    for name, ms in found.items():
        shown = "refused" if ms is None else f"{ms:.0f} ms"
        ratio = "" if ms is None else f"{ms / click_ms:.2f}"
        print(f"{name:<36} {shown:>8} {ratio:>8}")


if __name__ == "__main__":
    main()
