"""backups/<file>/<tx>: the previous versions of each data file, as hard links."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from growthdesk.core.errors import CorruptStoreError
from growthdesk.store.files import parse, write_file
from growthdesk.store.layout import UNDO, flat

__all__ = ["BACKUPS_PER_FILE", "keep", "prune", "newest_good"]

BACKUPS_PER_FILE = 10


def keep(home: Path, payloads: Mapping[str, bytes | None], txid: str) -> dict[str, str | None]:
    """Back up each existing file about to be replaced; rel -> its backup (None: no old file).

    Hard links cost nothing and keep the old inode alive after os.replace. A new file's first
    version is kept as ``<txid>.new``, a copy (the live file could be damaged in place), so that
    even a file written once can be restored.
    """
    backups: dict[str, str | None] = {}
    for rel, payload in payloads.items():
        if rel == UNDO:
            continue
        target = home / rel
        folder = home / "backups" / flat(rel)
        if not target.exists():
            backups[rel] = None
            if payload is not None:
                _folder(home, folder)
                write_file(folder / f"{txid}.new", payload)
            continue
        _folder(home, folder)
        dest = folder / txid
        try:
            os.link(target, dest)
        except OSError:
            dest.write_bytes(target.read_bytes())
            os.chmod(dest, 0o600)
        backups[rel] = str(dest.relative_to(home))
    return backups


def _folder(home: Path, folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(home / "backups", 0o700)


def prune(home: Path, rels: Iterable[str], needed: set[str]) -> None:
    """Keep the newest versions of each file, and every version in *needed* (by undo)."""
    for rel in rels:
        folder = home / "backups" / flat(rel)
        if not folder.is_dir():
            continue
        versions = sorted(folder.iterdir())
        for old in versions[:-BACKUPS_PER_FILE]:
            if str(old.relative_to(home)) not in needed:
                with contextlib.suppress(OSError):
                    old.unlink()


def newest_good(
    home: Path, rel: str, valid: Callable[[dict[str, Any]], bool] | None = None
) -> str | None:
    """The newest backup of *rel* that parses (and passes *valid*), relative to *home*."""
    folder = home / "backups" / flat(rel)
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir(), reverse=True):
        try:
            data = parse(candidate.read_bytes(), rel)
        except (CorruptStoreError, OSError):
            continue
        if valid is None or valid(data):
            return str(candidate.relative_to(home))
    return None
