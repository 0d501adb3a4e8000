"""The phrase tables of `query` and `plain`, compiled ahead of time (data/compiled_*.json).

Keying the ~2,000 shipped phrases (folded, stemmed) cost every `query` and `plain` run several
milliseconds (bench/bench_assist.py), so ``tools/assist_index.py`` keys them once and ships the
result, one file per part (``query`` reads three, ``plain`` one). Each part belongs to one module
(``glossary``, ``products``, ``query``, ``plain``), which builds it from the source data
(``compile_part``) and reads it back. A part carries a stamp of
the source files it was compiled from: after an edit of a source file the stale part is not
used and the module builds its tables from the source again (slower, same answers) until the
tool is run. tests/test_assist_speed.py holds the shipped files equal to a fresh build.
"""

from __future__ import annotations

import zlib
from functools import cache
from typing import Any

from growthdesk.core.data import DataFileError, read_bytes, read_json

__all__ = ["FORMAT", "SOURCES", "file_of", "part", "stamp"]

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


def file_of(name: str) -> str:
    """The file (in data/) of part *name*."""
    return f"compiled_{name}.json"


@cache
def part(name: str) -> Any:
    """The compiled part *name*, or None if it is missing or was compiled from other source
    data (the caller then builds its tables from the source data)."""
    try:
        doc = read_json(file_of(name))
    except DataFileError:  # not shipped: the module builds its tables from the source data
        return None
    if not isinstance(doc, dict) or doc.get("stamp") != stamp(name):
        return None
    return doc.get("data")
