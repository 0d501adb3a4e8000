"""Import 25,000 generic CSV rows into an empty home: wall time and peak memory.

    python bench/bench_import.py [--rows 25000] [--runs 3]

Each run is a fresh `growthdesk import FILE --from csv` process (parse, validate, auto-tag,
dedupe, one transaction). Peak memory is the child's max RSS. Also times a re-import of the same
file into the filled home (everything is a duplicate, nothing is written).
Target (issue 7): <= 15 s and <= 300 MB. Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

PROBLEMS = [
    ("Reset MFA token for {who}", "Re-registered the authenticator app", "Accounts"),
    ("Printer on floor {n} shows paper jam", "Cleared the jam and reset the tray", "Printing"),
    ("VPN fails with error 809 for {who}", "Enabled NAT-T and rebooted", "Remote Access"),
    ("Outlook keeps asking for password", "Removed stale credentials", "Email"),
    ("Wachtwoord verlopen voor {who}", "Wachtwoord gereset via AD", "Accounts"),
    ("Teams calls drop every few minutes", "Updated the Wi-Fi driver", "Network"),
    ("Shared drive S: not mapped", "Re-ran the login script", "Files"),
    ("Laptop docking station no display", "Updated DisplayLink driver", "Hardware"),
    ("Excel macro blocked after update", "Unblocked file; added trusted location", "Office"),
    ("New starter {who} needs access to HR share", "Added to the HR-Read group", "Access"),
]
NAMES = ["Ana", "Bob", "Eva", "Tom", "Lisa", "Karel", "Priya", "Mo"]


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    start = datetime(2023, 11, 1, 8, 0)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["ticket", "when", "problem", "solution", "category", "minutes", "tags"])
        for i in range(rows):
            problem, solution, category = rng.choice(PROBLEMS)
            when = start + timedelta(minutes=i * 60 + rng.randint(0, 50))
            out.writerow(
                [
                    f"INC{100000 + i}",
                    when.strftime("%Y-%m-%d %H:%M"),
                    # A per-row asset tag makes every text unique, so the importer's tag cache
                    # (real exports repeat titles a lot) cannot flatter the timing.
                    problem.format(who=rng.choice(NAMES), n=rng.randint(1, 6))
                    + f" (asset LT-{rng.randint(10000, 99999)})",
                    solution,
                    category,
                    rng.randint(2, 90),
                    rng.choice(["", "vip", "onsite", "vip, onsite"]),
                ]
            )


def run(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"failed: {proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=25000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gd-bench-import-"))
    try:
        data = tmp / "tickets.csv"
        make_csv(data, args.rows)
        env = {
            **os.environ,
            "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00",
            "TZ": "Europe/Amsterdam",
        }
        exe = [sys.executable, "-m", "growthdesk"]
        first, again, peaks = [], [], []
        for i in range(args.runs):
            home = tmp / f"home-{i}"
            cmd = [*exe, "--home", str(home), "import", str(data), "--from", "csv"]
            first.append(run(cmd, env))
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            again.append(run(cmd, env))
        # ru_maxrss of children is the max over all children so far (KiB on Linux).
        peak_mb = max(peaks) / 1024
        size_mb = data.stat().st_size / 1e6
        print(f"rows: {args.rows} ({size_mb:.1f} MB CSV), runs: {args.runs}")
        print(
            f"import into empty home: median {statistics.median(first):.2f} s "
            f"(min {min(first):.2f}, max {max(first):.2f})"
        )
        print(f"re-import (all duplicates): median {statistics.median(again):.2f} s")
        print(f"peak RSS of an import process: {peak_mb:.0f} MB")
        print(
            f"target: <= 15 s ({statistics.median(first) / 15:.0%} of it), "
            f"<= 300 MB ({peak_mb / 300:.0%} of it)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
