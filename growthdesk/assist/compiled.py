"""The phrase tables of `query` and `plain`, compiled ahead of time (data/assist_index.json).

Keying the ~2,000 shipped phrases (folded, stemmed) cost every `query` and `plain` run several
milliseconds (bench/bench_assist.py), so ``tools/assist_index.py`` keys them once and ships the
result. Each part belongs to one module (``glossary``, ``products``, ``query``, ``plain``), which
builds it from the source data (``compile_part``) and reads it back. A part carries a stamp of
the source files it was compiled from: after an edit of a source file the stale part is not
used and the module builds its tables from the source again (slower, same answers) until the
tool is run. tests/test_assist_index.py holds the shipped file equal to a fresh build.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

from growthdesk.core.data import DataFileError, read_bytes, read_json

__all__ = ["INDEX", "FORMAT", "SOURCES", "part", "stamp"]

INDEX = "assist_index.json"
FORMAT = 1  # bump when a part's layout changes: every part is then stale
# part -> the source files (data/) it is compiled from
SOURCES: dict[str, tuple[str, ...]] = {
    "glossary": ("glossary.json",),
    "products": ("products.json",),
    "query": ("glossary.json", "jargon.json"),
    "plain": ("jargon.json",),
}


def stamp(name: str) -> str:
    """The stamp of part *name*: the format and a checksum of each of its source files."""
    sums = [f"{source}:{zlib.crc32(read_bytes(source)):08x}" for source in SOURCES[name]]
    return " ".join([f"v{FORMAT}", *sums])


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    try:
        doc = read_json(INDEX)
    except DataFileError:  # not shipped: every module builds from the source data
        return {}
    return doc if isinstance(doc, dict) else {}


def part(name: str) -> Any:
    """The compiled part *name*, or None if it is missing or was compiled from other source
    data (the caller then builds its tables from the source data)."""
    doc = _shipped().get(name)
    if not isinstance(doc, dict) or doc.get("stamp") != stamp(name):
        return None
    return doc.get("data")
