"""Pieces of `growthdesk export` at 100,000 wins, in-process (CPU time, best of --runs).

    python bench/bench_export.py [--runs 5] [--wins 100000]

- cells: a CSV row's cells, io.export._cells against _cell once per value.
- check: the lenient record check of a sound win (core.schema), against the field-by-field walk
  it stands in for (tests/helpers/schema_before.py).
- rows: the lenient check of a whole month shard's rows at once (core.schema.rows_sound), against
  the check of each win it makes (the "by shape" check above), 37 months of wins.
- committed: what a month shard that a commit wrote costs the JSON export (store.summaries.
  committed: a CRC-32 compared with its summary's stamp) against checking its rows; and the
  whitespace that puts a win a line (io.export._readable).

Run by hand; not part of the test suite. Whole commands: bench/bench_scale.py --only export.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from helpers import schema_before  # noqa: E402

from growthdesk.core import schema  # noqa: E402
from growthdesk.core.records import pack_win, unpack_win  # noqa: E402
from growthdesk.io.export import CSV_TABLES, _cell, _cells, _readable  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--wins", type=int, default=100_000)
    args = parser.parse_args()
    n, runs = args.wins, args.runs

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

    raws = [pack_shard({"wins": {str(w["id"]): w for w in m}}) for m in months]
    before = _best(runs, lambda: [schema.rows_sound(s["fields"], s["wins"]) for s in shards])
    after = _best(runs, lambda: [zlib.crc32(raw) for raw in raws])
    print(
        f"a month a commit wrote     {before:6.0f} ms rows checked, {after:6.0f} ms CRC-32 compared"
    )
    lined = _best(runs, lambda: [_readable(raw) for raw in raws])
    print(f"a win a line               {lined:6.0f} ms for every month")


if __name__ == "__main__":
    main()
