"""A writer for the reader tests: multi-file commits in a loop, for a number of seconds.

Each round imports BATCH wins, one per month (so one commit creates BATCH shards and rewrites
meta.json), then undoes it (one commit removing them again). Prints the rounds done.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from homes import win_record  # this folder is sys.path[0] for a script

from growthdesk.store import Store

BATCH = 12


def batch(round_: int) -> list[dict[str, object]]:
    return [
        win_record(
            f"{2000 + round_ % 20}-{month:02d}-15T10:00:00+01:00", f"round {round_} month {month}"
        )
        for month in range(1, BATCH + 1)
    ]


def main() -> None:
    home, seconds = Path(sys.argv[1]), float(sys.argv[2])
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        store = Store(home)
        with store.transaction(f"import round {rounds}") as tx:
            tx.insert_many("wins", batch(rounds))
        store.undo()
        store.close()
        rounds += 1
    print(rounds)


if __name__ == "__main__":
    main()
