"""Shared types of the importers: options in, an ImportPlan out, and the file checks.

The bounds below keep a hostile or broken file from taking the memory or the minutes of the
machine: each one ends the import with one error line before anything is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = [
    "MAX_COLUMNS",
    "MAX_IMPORT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_ROWS",
    "MAX_ROW_CHARS",
    "ImportFileError",
    "ImportOptions",
    "ImportPlan",
    "Progress",
    "load_json",
    "looks_binary",
    "read_bytes",
    "win_key",
]

# Exports over this size are refused rather than read: every row is held in memory while the
# import is checked (all or nothing), and 50 MB is already ~250,000 tickets, far beyond one
# agent's history. Splitting the export by date range is the way out, and the error says so.
MAX_IMPORT_BYTES = 50 * 1000 * 1000
# Data rows (or records) per file: ~8 years of a busy agent's tickets.
MAX_ROWS = 200_000
# Columns per row: a Jira export with every custom field has a few hundred.
MAX_COLUMNS = 2000
# Characters per row, all cells together (one cell is at most csv's 131,072).
MAX_ROW_CHARS = 1_000_000
# Nesting of JSON arrays/objects: our own export is 4 deep, ticket APIs under 10.
MAX_JSON_DEPTH = 64

# progress(phase, done, total): phase is "read" or "tag".
Progress = Callable[[str, int, int], None]


class ImportFileError(InputError):
    """The import file cannot be read at all (empty, binary, too big, wrong format)."""


@dataclass
class ImportOptions:
    """How to read an import file. Field names follow the CLI options."""

    mapping: list[tuple[str, str]] = field(default_factory=list)  # (column, field) from --map
    delimiter: str | None = None
    encoding: str | None = None
    date_format: str | None = None
    dayfirst: bool | None = None
    timezone: str | None = None
    tag: bool = True  # auto-tag skills with the tagger


@dataclass
class ImportPlan:
    """What an import would add: win records (no ids yet), rejected and skipped rows.

    *rows* are win dicts in the records shape of COMMON.md, without "id" and with helper names
    in "helped_by" (contact ids once committed). *rejected* rows stop
    the import unless skip_invalid; *skipped* rows are not wins at all (e.g. tickets that are not
    solved yet) and never block it. *restore* holds a full growthdesk export (format json).
    """

    fmt: str
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    # Per row: (text the tagger reads, the source's category as a hint); None: do not tag.
    hints: list[tuple[str, str | None] | None] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    restore: dict[str, Any] | None = None
    total: int = 0  # data rows read
    duplicates: int = 0  # rows already in the home (when parse_file was given known keys)


def read_bytes(path: Path) -> bytes:
    """The file's bytes after the checks every format shares: a regular file, not empty, not
    too big. Only regular files are opened: a FIFO would block and a device never ends."""
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ImportFileError(_("{name}: no such file", name=name)) from None
    if stat.S_ISDIR(mode):
        raise ImportFileError(_("{name} is a folder, not a file", name=name))
    special = ImportFileError(
        _("{name} is not a regular file (a device, FIFO or socket)", name=name)
    )
    if not stat.S_ISREG(mode):
        raise special
    # O_NONBLOCK: a FIFO swapped in after the stat must not hang the open; fstat sees it.
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise special
        # Never more than the limit, even from a file that grows while it is read.
        data = fh.read(MAX_IMPORT_BYTES)
    size = max(info.st_size, len(data))
    if size >= MAX_IMPORT_BYTES:
        raise ImportFileError(
            _(
                "{name} is {mb:.1f} MB; imports are limited to files under {limit} MB "
                "(export a shorter date range and import the parts)",
                name=path.name,
                mb=size / 1e6,
                limit=MAX_IMPORT_BYTES // 1000000,
            )
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(_("{name} is empty", name=path.name))
    return data


def _too_deep(doc: Any) -> bool:
    """True when arrays/objects nest deeper than MAX_JSON_DEPTH (walked without recursion)."""
    level: list[Any] = [doc]
    for _depth in range(MAX_JSON_DEPTH):
        level = [
            child
            for value in level
            if isinstance(value, (list, dict))
            for child in (value.values() if isinstance(value, dict) else value)
        ]
        if not level:
            return False
    return any(isinstance(value, (list, dict)) for value in level)


def load_json(text: str | bytes, name: str) -> Any:
    """Parsed JSON, refused as a whole when it is malformed or nested too deep.

    orjson, not json: it refuses NaN and Infinity (never valid JSON, and never a valid minute
    count) and stops at 1024 levels where json overflows the Python stack.
    """
    import orjson

    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(_("{name} is not valid JSON ({err})", name=name, err=exc)) from None
    if _too_deep(doc):
        raise ImportFileError(
            _("{name}: JSON nested more than {n} levels deep", name=name, n=MAX_JSON_DEPTH)
        )
    return doc


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB mean a binary file (unless it is UTF-16 text)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in data[:8192]


def win_key(win: Mapping[str, Any]) -> tuple[str, ...]:
    """What makes a win the same on re-import: (source, ticket), else (source, when, problem)."""
    source = str(win.get("source") or "")
    if win.get("ticket"):
        return (source, "ticket", str(win["ticket"]))
    return (source, "entry", str(win.get("when")), str(win.get("problem")))
