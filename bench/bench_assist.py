"""`growthdesk query` and `growthdesk plain` as whole processes (target < 150 ms each), beside
the floor of `python -c "import click"` measured in the same run.

    .venv/bin/python bench/bench_assist.py [--runs 15] [--home DIR] [--no-pyc]

Each command runs as a fresh process (`python -m growthdesk …`), median wall time and CPU time
(user + system of the child; the machine may be shared, CPU time is steadier) of --runs runs
after one warm-up, the commands in turns; each with its ratio to the floor (target ≤ 1.6×). `query` reads the contact names of the home (a demo home with 40 contacts
and ~3,000 wins is built in a temp folder unless --home is given). Also reports whether
networkx, rich, dateparser, tinydb or importlib.resources were imported by either command.

When PYTHONDONTWRITEBYTECODE is set (as in this workplace), the children get a bytecode cache
in a temp dir (PYTHONPYCACHEPREFIX), as an installed package has; --no-pyc measures without it,
when every module without a current .pyc is compiled on every run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

QUERY = "Hoi, de klant Jan zegt dat Outlook 2016 vastloopt met foutcode 0x800CCC0F sinds de update"
PLAIN = "I flushed your DNS cache and reset your profile; the ticket has been escalated."
NOW = "2026-11-26T10:00:00+01:00"


def _demo_home() -> Path:
    from growthdesk.reporting import demo
    from growthdesk.store import Store

    home = Path(tempfile.mkdtemp(prefix="gd-bench-assist-")) / "home"
    store = Store(home)
    demo.build(store, 7, datetime.fromisoformat(NOW))
    store.close()
    return home


def _measure(rows: list[list[str]], env: dict[str, str], runs: int) -> list[tuple[float, float]]:
    """(median wall ms, median cpu ms) of each command, run in turns (one run of each, then the
    next round), so that a change in the machine's load weighs on every row alike."""
    for cmd in rows:
        subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the page cache
    walls: list[list[float]] = [[] for _cmd in rows]
    cpus: list[list[float]] = [[] for _cmd in rows]
    for _n in range(runs):
        for i, cmd in enumerate(rows):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, capture_output=True, check=True)
            walls[i].append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [
        (statistics.median(w) * 1000, statistics.median(c) * 1000)
        for w, c in zip(walls, cpus, strict=True)
    ]


_IMPORTS = """
import sys
from growthdesk.cli import cli
for args in ({query!r}, {plain!r}):
    try:
        cli(args, standalone_mode=False)
    except SystemExit:
        pass
heavy = ("networkx", "rich", "dateparser", "tinydb", "importlib.resources")
print(",".join(m for m in heavy if m in sys.modules) or "none")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--no-pyc", action="store_true", help="No bytecode cache for children.")
    args = parser.parse_args()
    home = args.home or _demo_home()
    env = {**os.environ, "GROWTHDESK_HOME": str(home), "GROWTHDESK_NOW": NOW}
    cache = "as the environment has it"
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not args.no_pyc:
        env.pop("PYTHONDONTWRITEBYTECODE")
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gd-bench-pyc-")
        cache = f"on ({env['PYTHONPYCACHEPREFIX']})"
    exe = [sys.executable, "-m", "growthdesk"]
    rows = [
        ('python -c "import click" (floor)', [sys.executable, "-c", "import click"]),
        ("growthdesk --help", [*exe, "--help"]),
        ("growthdesk query TEXT", [*exe, "query", QUERY]),
        ("growthdesk query TEXT --json", [*exe, "query", QUERY, "--json"]),
        ("growthdesk plain TEXT", [*exe, "plain", PLAIN]),
        ("growthdesk plain TEXT --json", [*exe, "plain", PLAIN, "--json"]),
    ]
    print(f"home: {home}   runs: {args.runs} (median, in turns)   bytecode cache: {cache}")
    print(f"{'command':38} {'wall ms':>8} {'cpu ms':>8}   {'× floor (wall, cpu)'}")
    results = _measure([cmd for _label, cmd in rows], env, args.runs)
    floor_wall, floor_cpu = results[0]
    for (label, _cmd), (wall, cpu) in zip(rows, results, strict=True):
        extra = ""
        if not label.startswith("python"):
            extra = f"   {wall / floor_wall:.2f}×, {cpu / floor_cpu:.2f}×  (+{wall - floor_wall:.0f} ms)"
        print(f"{label:38} {wall:8.1f} {cpu:8.1f}{extra}")
    code = _IMPORTS.format(query=["query", QUERY], plain=["plain", PLAIN])
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    print(f"heavy modules imported by query + plain: {out.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
