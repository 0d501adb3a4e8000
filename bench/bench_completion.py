"""Whole-process time of one Tab press (click's completion protocol) against `import click`.

    python bench/bench_completion.py [--runs 15] [--wins 25000]

Builds a home with bench/gen.py (200 contacts, 800 links), then times contact names
(`contact show T<Tab>`), skill ids (`log x --skill <Tab>`) and win ids (`wins show <Tab>`).
Prints medians and minimums (ms) and their ratios to `python -c "import click"`. Run by hand, not in CI.
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
CASES = {
    "contact names": "growthdesk contact show T",
    "helped-by names": "growthdesk log printer jam --helped-by ",
    "skill ids": "growthdesk log printer jam --skill ",
    "win ids": "growthdesk wins show ",
}


def _time(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float, str]:
    samples = []
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)  # warm-up
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append((time.perf_counter() - t0) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return statistics.median(samples), min(samples), out.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--wins", type=int, default=25000)
    args = parser.parse_args()
    base = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # installed code runs from cached bytecode
    home = OUT / f"home-complete-{args.wins}"
    if home.exists():
        shutil.rmtree(home)
    generate(home, args.wins, contacts=200, links=800)
    click_ms, click_min, _out = _time([sys.executable, "-c", "import click"], base, args.runs)
    print(
        f"python -c 'import click': median {click_ms:.0f} ms, min {click_min:.0f} ms ({args.runs} runs)"
    )
    for label, line in CASES.items():
        words = line.split()
        env = {
            **base,
            "GROWTHDESK_HOME": str(home),
            "_GROWTHDESK_COMPLETE": "bash_complete",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) if line.endswith(" ") else len(words) - 1),
        }
        ms, low, out = _time([sys.executable, "-m", "growthdesk"], env, args.runs)
        offered = len(out.splitlines())
        print(
            f"{label:16} median {ms:4.0f} ms ({ms / click_ms:4.2f}x click), "
            f"min {low:4.0f} ms ({low / click_min:4.2f}x)  [{offered} offered]"
        )


if __name__ == "__main__":
    main()
