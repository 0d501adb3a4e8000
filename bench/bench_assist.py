"""`growthdesk query` and `growthdesk plain` as whole processes (target < 150 ms each), beside
the floor of `python -c "import click"` measured in the same run.

    .venv/bin/python bench/bench_assist.py [--runs 15] [--home DIR] [--no-pyc]

Each command runs as a fresh process (`python -m growthdesk …`), median wall time and CPU time
(user + system of the child; the machine may be shared, CPU time is steadier) of --runs runs
after one warm-up. `query` reads the contact names of the home (a demo home with 40 contacts
and ~3,000 wins is built in a temp folder unless --home is given). Also reports whether
networkx, rich or dateparser were imported by either command.

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


def _measure(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the page cache
    walls, cpus = [], []
    for _n in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


_IMPORTS = """
import sys
from growthdesk.cli import cli
for args in ({query!r}, {plain!r}):
    try:
        cli(args, standalone_mode=False)
    except SystemExit:
        pass
print(",".join(m for m in ("networkx", "rich", "dateparser") if m in sys.modules) or "none")
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
    print(f"home: {home}   runs: {args.runs} (median)   bytecode cache: {cache}")
    print(f"{'command':38} {'wall ms':>8} {'cpu ms':>8}")
    floor = None
    for label, cmd in rows:
        wall, cpu = _measure(cmd, env, args.runs)
        floor = wall if floor is None else floor
        extra = "" if label.startswith("python") else f"   (+{wall - floor:.0f} ms over the floor)"
        print(f"{label:38} {wall:8.1f} {cpu:8.1f}{extra}")
    code = _IMPORTS.format(query=["query", QUERY], plain=["plain", PLAIN])
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    print(f"heavy modules imported by query + plain: {out.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
