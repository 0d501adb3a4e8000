"""A reader for the reader tests: reads the whole home in a loop and checks it is one commit.

argv: home, seconds, base (wins outside the writer's batches), batch. Every read must show
either base or base + batch wins (before or after an import), with ids never repeated. Prints a
JSON summary: reads, torn (a mix of two commits), failures (a read that raised).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from growthdesk.io.export import export_json
from growthdesk.io.importers.native import export_wins
from growthdesk.store import Store


def main() -> None:
    home, seconds, base, batch = Path(sys.argv[1]), float(sys.argv[2]), *map(int, sys.argv[3:5])
    deadline = time.monotonic() + seconds
    summary: dict[str, object] = {"reads": 0, "torn": 0, "failures": 0, "errors": []}
    errors: list[str] = []
    now = datetime.now(timezone.utc)
    while time.monotonic() < deadline:
        store = Store(home)
        try:
            # Alternate a plain read of every shard with a whole export (profile, tables, models).
            odd = summary["reads"] % 2  # type: ignore[operator]
            wins = export_wins(export_json(store, now)["wins"], "") if odd else store.wins()
        except Exception as exc:  # noqa: BLE001 - counted and reported
            summary["failures"] += 1  # type: ignore[operator]
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        finally:
            store.close()
        summary["reads"] += 1  # type: ignore[operator]
        ids = [w["id"] for w in wins]
        if len(wins) not in (base, base + batch) or len(set(ids)) != len(ids):
            summary["torn"] += 1  # type: ignore[operator]
            errors.append(f"saw {len(wins)} wins")
    summary["errors"] = errors[:5]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
