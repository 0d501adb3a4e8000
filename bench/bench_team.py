"""The team directory: publishers racing for one bare repository, and `ask --team` at 200 cards.

    .venv/bin/python bench/bench_team.py [--publishers 40] [--rounds 3] [--cards 200] [--runs 7]

1. Stress: --publishers processes publish to one bare repository at once, --rounds times (each
   round every publisher changes its card, so a lost update would show as an old value).
2. `ask --team` with --cards cards in the cache: in-process time of reading and validating the
   cards and ranking the team, and `growthdesk ask` as a fresh process with and without --team.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_team import run_publishers  # noqa: E402

from growthdesk.team.directory import load, merge, team_suggestions  # noqa: E402
from growthdesk.team.repo import Repo  # noqa: E402

_AREAS = ["remote_access", "printing", "network_connectivity", "email_calendar", "hardware"]


def stress(publishers: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        remote = Path(tmp) / "directory.git"
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        for r in range(rounds):
            start = time.perf_counter()
            files = run_publishers(remote, Path(tmp) / f"round{r}", publishers, f"r{r}")
            took = time.perf_counter() - start
            assert len(files) == publishers, (r, len(files))
            tip = subprocess.run(
                ["git", "--git-dir", str(remote), "ls-tree", "-r", "main"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            shas = [line.split()[2] for line in tip.splitlines()]
            bodies = subprocess.run(
                ["git", "--git-dir", str(remote), "cat-file", "--batch"],
                input="\n".join(shas) + "\n",
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            lost = publishers - bodies.count(f'"tag": "r{r}"')
            assert lost == 0, f"{lost} lost updates in round {r + 1}"
            print(
                f"round {r + 1}: {publishers} publishers, all {len(files)} landed in {took:.1f} s"
            )


def _cards_repo(tmp: Path, n: int) -> Path:
    remote = tmp / "directory.git"
    work = tmp / "admin"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(work)], check=True)
    (work / "agents").mkdir()
    for i in range(n):
        agent = f"{i:032x}"
        card = {
            "schema": 1,
            "id": agent,
            "name": f"Agent {i}",
            "role": "service desk",
            "updated": "2026-11-26",
            "areas": {
                a: {"wins": 5 + (i * 7 + k) % 50, "level": 1 + (i + k) % 5}
                for k, a in enumerate(_AREAS)
                if (i + k) % 3
            },
            "declared": {_AREAS[i % 5]: 1 + i % 5},
            "certifications": [{"title": "CCNA", "when": "2025-04"}] if i % 4 == 0 else [],
            "contacts": [
                {
                    "name": f"Vendor {i}-{j}",
                    "kind": "vendor",
                    "org": "Partner BV",
                    "specialties": {_AREAS[(i + j) % 5]: 1 + j % 5},
                }
                for j in range(5)
            ],
        }
        (work / "agents" / f"{agent}.json").write_text(json.dumps(card))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@b",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@b",
    }
    for args in (["add", "-A"], ["commit", "-qm", "cards"], ["push", "-q", str(remote), "main"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, env=env)
    return remote


def ask_latency(cards: int, runs: int) -> None:
    gd = [sys.executable, "-m", "growthdesk"]
    with tempfile.TemporaryDirectory() as tmp:
        remote = _cards_repo(Path(tmp), cards)
        home = Path(tmp) / "home"
        env = {**os.environ, "GROWTHDESK_HOME": str(home)}
        subprocess.run(
            [*gd, "log", "VPN token fails", "--skill", "remote_access"],
            env=env,
            check=True,
            capture_output=True,
        )
        subprocess.run([*gd, "team", "init", str(remote)], env=env, check=True, capture_output=True)
        repo = Repo(home / "team.git")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            directory = load(repo)
            team = team_suggestions([("remote_access", 1.0)], directory.cards, own_id=None)
            merge([], team, [], 5)
            times.append(time.perf_counter() - start)
        print(
            f"{len(directory.cards)} cards: load + rank + merge median "
            f"{statistics.median(times) * 1000:.0f} ms in process"
        )
        for flag in ("--no-team", "--team"):
            wall = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(
                    [*gd, "ask", "VPN AnyConnect token keeps failing", flag],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                wall.append(time.perf_counter() - start)
            print(f"growthdesk ask {flag}: median {statistics.median(wall) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--publishers", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cards", type=int, default=200)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    ask_latency(args.cards, args.runs)
    stress(args.publishers, args.rounds)


if __name__ == "__main__":
    main()
