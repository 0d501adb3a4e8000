"""A writer for the kill tests: random log / edit (length-changing) / rm, journaled to an ack file.

Each operation writes "intent" before it starts and "done" after the store call returned, so the
checker knows exactly which records were acknowledged.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

from growthdesk.store import Store
from growthdesk.worklog import wins


def main() -> None:
    home, ack_path, seed, ops = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
    )
    rng = random.Random(seed)
    store = Store(home)
    now = datetime(2026, 11, 26, 10, 0).astimezone()
    ack = open(ack_path, "a", buffering=1)

    def note(entry: dict) -> None:
        ack.write(json.dumps(entry) + "\n")
        ack.flush()
        os.fsync(ack.fileno())

    for _ in range(ops):
        existing = [w["id"] for w in store.wins()]
        kind = rng.choice(["log", "log", "edit", "rm"]) if existing else "log"
        if kind == "log":
            text = (f"problem {rng.random():.6f} " + "x" * rng.randint(0, 400)).strip()
            when = now - timedelta(days=rng.randint(0, 90))
            note({"op": "intent", "kind": "log", "text": text})
            draft = wins.prepare(text, now=now, when=when, minutes=5, skills=["printing"])
            win = wins.add(store, draft, now=now)
            note({"op": "done", "kind": "log", "id": win["id"], "text": text})
        elif kind == "edit":
            target = rng.choice(existing)
            text = (f"edited {rng.random():.6f} " + "y" * rng.randint(0, 800)).strip()
            # Moving between months exercises the two-shard commit.
            when = now - timedelta(days=rng.randint(0, 90))
            note({"op": "intent", "kind": "edit", "id": target, "text": text})
            wins.edit(store, target, now=now, text=text, when=when)
            note({"op": "done", "kind": "edit", "id": target, "text": text})
        else:
            target = rng.choice(existing)
            note({"op": "intent", "kind": "rm", "id": target})
            wins.remove(store, target)
            note({"op": "done", "kind": "rm", "id": target})


if __name__ == "__main__":
    main()
