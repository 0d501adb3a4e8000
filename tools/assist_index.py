"""Compile the phrase tables of `query` and `plain` into data/compiled_*.json.

    python tools/assist_index.py           # rebuild data/compiled_*.json from the source data
    python tools/assist_index.py --check   # what the test checks: the shipped files are up to date

Run it after editing data/glossary.json, data/products.json or data/jargon.json, or the code
that keys phrases (core.text.fold and stem, assist.words). Until then the program notices the
changed source data and builds those tables itself on every run (same answers, slower); a change
of the code is only caught by tests/test_assist_speed.py. See growthdesk/assist/compiled.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from growthdesk.assist import compiled, glossary, plain, products, query

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUILDERS = {
    "glossary": glossary.compile_part,
    "products": products.compile_part,
    "query": query.compile_part,
    "plain": plain.compile_part,
}


def build(name: str) -> dict[str, Any]:
    """Part *name*, fresh from the source data, with the stamp of its sources."""
    return {"stamp": compiled.stamp(name), "data": BUILDERS[name]()}


def _dump(value: Any, depth: int = 0) -> str:
    """JSON with one key or one table row per line: a rebuild reads as a small diff."""
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {_dump(v, depth + 1)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list | tuple) and value and isinstance(value[0], list | tuple | dict):
        items = [f"{inner}{_dump(v, depth + 1) if isinstance(v, dict) else _row(v)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _row(value)


def _row(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(name: str) -> str:
    """The text of part *name*'s file as the tool writes it."""
    return _dump(build(name)) + "\n"


def target(name: str) -> Path:
    return DATA / compiled.file_of(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only check; write nothing.")
    args = parser.parse_args()
    assert set(BUILDERS) == set(compiled.SOURCES), "a part without a builder (or sources)"
    stale = 0
    for name in BUILDERS:
        path, fresh = target(name), render(name)
        shown = path.relative_to(ROOT)
        if path.exists() and path.read_text(encoding="utf-8") == fresh:
            print(f"{shown} is up to date")
        elif args.check:
            print(f"{shown} is stale: run `python tools/assist_index.py`")
            stale += 1
        else:
            path.write_text(fresh, encoding="utf-8")
            print(f"wrote {shown} ({len(fresh.encode()):,} bytes)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
