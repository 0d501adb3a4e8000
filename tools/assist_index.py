"""Compile the phrase tables of `query` and `plain` into data/assist_index.json.

    python tools/assist_index.py           # rebuild data/assist_index.json from the source data
    python tools/assist_index.py --check   # what the test checks: the shipped file is up to date

Run it after editing data/glossary.json, data/products.json or data/jargon.json, or the code
that keys phrases (core.text.fold and stem, assist.words). Until then the program notices the
changed source data and builds those tables itself on every run (same answers, slower); a change
of the code is only caught by tests/test_assist_index.py. See growthdesk/assist/compiled.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from growthdesk.assist import compiled, glossary, plain, products, query

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / compiled.INDEX
BUILDERS = {
    "glossary": glossary.compile_part,
    "products": products.compile_part,
    "query": query.compile_part,
    "plain": plain.compile_part,
}


def build() -> dict[str, Any]:
    """Every part, fresh from the source data, with the stamp of its sources."""
    assert set(BUILDERS) == set(compiled.SOURCES), "a part without a builder (or sources)"
    return {
        name: {"stamp": compiled.stamp(name), "data": make()} for name, make in BUILDERS.items()
    }


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


def render() -> str:
    return _dump(build()) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only check; write nothing.")
    args = parser.parse_args()
    fresh = render()
    shipped = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if fresh != shipped:
            print(f"{TARGET.relative_to(ROOT)} is stale: run `python tools/assist_index.py`")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    if fresh != shipped:
        TARGET.write_text(fresh, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)} ({len(fresh.encode()):,} bytes)")
    else:
        print(f"{TARGET.relative_to(ROOT)} was up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
