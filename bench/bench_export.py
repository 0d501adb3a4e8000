"""Pieces of `growthdesk export` at 100,000 wins, in-process (CPU time, best of --runs).

    python bench/bench_export.py [--runs 5] [--wins 100000]

- copy-out: the JSON export copies the rendered wins out of its spill file in id order
  (io.export._spans); wins whose ids follow their time order (a history logged day by day)
  are read as ranges, shuffled ids (bench/gen.py's homes) one by one, as before.
- cells: a CSV row's cells, io.export._cells against _cell once per value.
- check: the lenient record check of a sound win (core.schema), against the field-by-field walk
  it stands in for (tests/helpers/schema_before.py).
- rows: the lenient check of a whole month shard's rows at once (core.schema.rows_sound), against
  the check of each win it makes (the "by shape" check above), 37 months of wins.

Run by hand; not part of the test suite. Whole commands: bench/bench_scale.py --only export.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from array import array
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from helpers import schema_before  # noqa: E402

from growthdesk.core import schema  # noqa: E402
from growthdesk.core.records import pack_win, unpack_win  # noqa: E402
from growthdesk.io.export import (  # noqa: E402
    _CHUNK,
    _ITEM,
    CSV_TABLES,
    _cell,
    _cells,
    _spans,
)
from growthdesk.store.files import pack_shard  # noqa: E402

WIN: dict[str, Any] = {
    "when": "2026-10-01T00:20:32+00:00", "problem": "printer 3e verdieping offline laptop 70703",
    "solution": None, "skills": ["printing"], "skills_source": "auto", "minutes": 6,
    "helped_by": [], "ticket": "INC279225", "source": "manual", "tags": [], "escalated": False,
}  # fmt: skip


def _best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times) * 1000


def _per_win_copy(fd: int, ids: array[int], ends: array[int]) -> None:
    """The copy-out before _spans: one read per win."""
    size = 0
    out: list[bytes] = []
    for i in sorted(range(len(ids)), key=ids.__getitem__):
        start = ends[i - 1] if i else 0
        out.append(os.pread(fd, ends[i] - start, start))
        size += ends[i] - start
        if size >= _CHUNK:
            b"".join(out)
            out, size = [], 0


def _span_copy(fd: int, ids: array[int], ends: array[int]) -> None:
    size = 0
    out: list[bytes] = []
    for start, stop in _spans(ids, ends):
        out.append(os.pread(fd, stop - start, start))
        size += stop - start
        if size >= _CHUNK:
            b"".join(out)
            out, size = [], 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--wins", type=int, default=100_000)
    args = parser.parse_args()
    n, runs = args.wins, args.runs

    item = _ITEM + b"x" * 480  # about a rendered win
    ends = array("q", range(len(item), len(item) * (n + 1), len(item)))
    with tempfile.TemporaryFile() as spill:
        spill.write(item * n)
        spill.flush()
        fd = spill.fileno()
        for label, ids in (
            ("in time order", array("q", range(1, n + 1))),
            ("shuffled", array("q", random.Random(1).sample(range(1, n + 1), n))),
        ):
            before = _best(runs, partial(_per_win_copy, fd, ids, ends))
            after = _best(runs, partial(_span_copy, fd, ids, ends))
            print(f"copy-out, ids {label:14} {before:6.0f} ms per win, {after:6.0f} ms spans")

    wins = [unpack_win(str(i), pack_win({**WIN, "id": i})) for i in range(1, n + 1)]
    rows = [[w.get(c) for c in CSV_TABLES["wins"]] for w in wins]
    before = _best(runs, lambda: [[_cell(v) for v in row] for row in rows])
    after = _best(runs, lambda: [_cells(row) for row in rows])
    print(f"csv cells                  {before:6.0f} ms _cell each, {after:6.0f} ms _cells")

    before = _best(
        runs, lambda: [schema_before.record_problem("wins", w, strict=False) for w in wins]
    )
    after = _best(runs, lambda: [schema.record_problem("wins", w, strict=False) for w in wins])
    print(f"lenient check              {before:6.0f} ms field by field, {after:6.0f} ms by shape")

    size = -(-n // 37)
    months = [wins[i : i + size] for i in range(0, n, size)]
    shards = [orjson.loads(pack_shard({"wins": {str(w["id"]): w for w in m}})) for m in months]
    assert all(schema.rows_sound(s["fields"], s["wins"]) for s in shards)
    before = _best(runs, lambda: [schema.record_problem("wins", w, strict=False) for w in wins])
    after = _best(runs, lambda: [schema.rows_sound(s["fields"], s["wins"]) for s in shards])
    print(f"lenient check of rows      {before:6.0f} ms by shape, {after:6.0f} ms a month at once")


if __name__ == "__main__":
    main()
