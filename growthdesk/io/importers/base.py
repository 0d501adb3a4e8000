"""Shared types of the importers: options in, an ImportPlan out, and the file checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = [
    "MAX_IMPORT_BYTES",
    "ImportFileError",
    "ImportOptions",
    "ImportPlan",
    "Progress",
    "looks_binary",
    "read_bytes",
    "win_key",
]

# Exports over this size are refused rather than read: every row is held in memory while the
# import is checked (all or nothing), and 50 MB is already ~250,000 tickets, far beyond one
# agent's history. Splitting the export by date range is the way out, and the error says so.
MAX_IMPORT_BYTES = 50 * 1000 * 1000

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

    *rows* are win dicts in the records shape of COMMON.md, without "id". *rejected* rows stop
    the import unless skip_invalid; *skipped* rows are not wins at all (e.g. tickets that are not
    solved yet) and never block it. *restore* holds a full growthdesk export (format json).
    """

    fmt: str
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    # Per row: (text the tagger reads, the source's category as a hint).
    hints: list[tuple[str, str | None]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    restore: dict[str, Any] | None = None
    total: int = 0  # data rows read
    duplicates: int = 0  # rows already in the home (when parse_file was given known keys)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "read": self.total,
            "valid": len(self.rows),
            "rejected": len(self.rejected),
            "skipped": len(self.skipped),
            "duplicates": self.duplicates,
        }


def read_bytes(path: Path) -> bytes:
    """The file's bytes after the checks every format shares: exists, not empty, not too big."""
    if not path.exists():
        raise ImportFileError(_("{name}: no such file", name=str(path)))
    if path.is_dir():
        raise ImportFileError(_("{name} is a folder, not a file", name=str(path)))
    size = path.stat().st_size
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
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(_("{name} is empty", name=path.name))
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB mean a binary file (unless it is UTF-16 text)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in data[:8192]


def win_key(win: dict[str, Any]) -> tuple[str, ...]:
    """What makes a win the same on re-import: (source, ticket), else (source, when, problem)."""
    source = str(win.get("source") or "")
    if win.get("ticket"):
        return (source, "ticket", str(win["ticket"]))
    return (source, "entry", str(win.get("when")), str(win.get("problem")))
