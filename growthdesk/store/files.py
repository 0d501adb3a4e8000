"""One data file: parse and check it, write it durably, and cache it while it is unchanged."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

from growthdesk.core.errors import CorruptStoreError
from growthdesk.core.i18n import _
from growthdesk.core.records import (
    ROW_FIELDS,
    fields_ok,
    pack_row,
    pack_win,
    row_cells,
    unpack_rows,
)
from growthdesk.store import faults
from growthdesk.store.layout import is_shard

__all__ = [
    "decode",
    "read",
    "parse",
    "unpack_shard",
    "pack_shard",
    "write_file",
    "atomic_write",
    "fsync_dir",
    "FileCache",
    "in_time_order",
    "shard_wins",
]


def decode(raw: bytes) -> dict[str, Any] | str:
    """A data file's tables, or why it is none: empty, torn or foreign, never an empty table."""
    if not raw.strip(b" \t\r\n\0"):  # NUL-filled files follow crashes on some filesystems
        return _("empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _("damaged (not valid JSON)")
    # Every table a dict of dicts, but for a shard's rows (core.records, "a win as a row"); the
    # record check runs in C (set of types), as it walks every record of every shard on every
    # command.
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and set(map(type, t.values())) <= (_ROWS if name == "wins" else _DICT)
        for name, t in data.items()
        if name != "fields"
    ):
        return _("not a growthdesk file")
    if "fields" in data and not fields_ok(data["fields"]):
        return _("not a growthdesk file")
    return data


_DICT = {dict}
_ROWS = {dict, list}  # a win's row, or its lean record


def read(path: Path, rel: str) -> bytes:
    """A data file's bytes; FileNotFoundError if absent, CorruptStoreError if unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:  # a folder in its place, no permission…
        hint = _("run `growthdesk doctor --restore` to restore the newest good backup")
        why = _("unreadable ({why})", why=exc.strerror or exc)
        raise CorruptStoreError(
            _("data file {file} is {why}; {hint}", file=rel, why=why, hint=hint)
        ) from None


def parse(raw: bytes, rel: str, stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """Parse a data file; CorruptStoreError, naming it, if :func:`decode` finds it damaged.
    *stored*: receives a shard as stored (its "fields" and its records before unpack_shard)."""
    data = decode(raw)
    if isinstance(data, str):
        hint = _("run `growthdesk doctor --restore` to restore the newest good backup")
        raise CorruptStoreError(
            _("data file {file} is {why}; {hint}", file=rel, why=data, hint=hint)
        )
    if not is_shard(rel):
        return data
    if stored is not None:
        stored.update(data)
    return unpack_shard(data)


def unpack_shard(data: dict[str, Any]) -> dict[str, Any]:
    """A decoded month shard with its wins whole (core.records.unpack_rows), in place; its "fields" go (what pack_shard writes follows from the wins)."""
    fields = data.pop("fields", None) or ()
    wins = data.get("wins")
    if wins:
        data["wins"] = unpack_rows(wins, fields)
    return data


def pack_shard(
    data: dict[str, Any],
    stored: Mapping[str, Any] | None = None,
    changed: AbstractSet[int] | None = None,
) -> bytes:
    """A month shard's file: the fields its wins need, then each win as a row (or, where no
    row can hold it, as core.records.pack_win stores it), in time order.

    *stored*: the shard as on disk (see parse), and *changed*: the ids changed since it was
    read; while the fields stay the same the others are written as they were stored, not
    packed again (a `log` into a month of 7,000 wins packs one)."""
    wins = in_time_order(list(data.get("wins", {}).values()))
    rest = {k: v for k, v in data.items() if k not in ("fields", "wins")}
    old = stored.get("wins") if stored is not None else None
    fields = stored.get("fields") if stored is not None else None
    if changed is not None and isinstance(old, dict) and fields is not None and fields_ok(fields):
        kept = set(fields)
        packed: dict[str, Any] = {}
        for w in wins:
            key = str(w["id"])
            body = None if w["id"] in changed else old.get(key)
            if body is None:
                cells = row_cells(w)
                if cells is not None and not kept.issuperset(
                    f for f, (_v, needed) in cells.items() if needed
                ):
                    break  # a field the shard does not name yet: all packed again, below
                row = None if cells is None else pack_row(cells, fields)
                body = pack_win(w) if row is None else row
            packed[key] = body
        else:
            return orjson.dumps({"fields": fields, **rest, "wins": packed})
    all_cells = [row_cells(w) for w in wins]
    needed = {"when", "problem"}
    for cells in all_cells:
        if cells is not None:
            needed.update(f for f, (_v, need) in cells.items() if need)
    fields = [f for f in ROW_FIELDS if f in needed]
    packed = {}
    for w, cells in zip(wins, all_cells, strict=True):
        row = None if cells is None else pack_row(cells, fields)
        packed[str(w["id"])] = pack_win(w) if row is None else row
    return orjson.dumps({"fields": fields, **rest, "wins": packed})


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse directory fsync
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(path: Path, payload: bytes, *, sync: bool = True) -> None:
    """Create *path* (0600), write and (with *sync*) fsync it. The caller renames it into place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = faults.torn_write(fd, memoryview(payload))
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    write_file(tmp, payload)
    os.replace(tmp, path)
    fsync_dir(path.parent)


class FileCache:
    """The parsed files of one data folder, kept only while stat() says a file is unchanged."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.absent = False  # a read session that began without a data folder: no file exists
        self._entries: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}

    def load(
        self, rel: str, *, keep: bool = True, stored: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """*rel* parsed, from the cache while unchanged; *keep*: False parses a file not cached
        without caching it (a pass over every shard must not hold them all). *stored*: as for
        parse, when the file is parsed now (left empty on a cache hit)."""
        if self.absent:
            return None
        path = self.home / rel
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        hit = self._entries.get(path)
        if hit and hit[0] == key:
            return hit[1]
        data = parse(read(path, rel), rel, stored)
        if keep:
            self._entries[path] = (key, data)
        return data

    def forget(self, path: Path) -> None:
        self._entries.pop(path, None)

    def clear(self) -> None:
        self._entries.clear()


def shard_wins(raw: bytes) -> list[dict[str, Any]]:
    """The wins of a month shard's bytes, whole and in time order."""
    return in_time_order(list(unpack_shard(orjson.loads(raw)).get("wins", {}).values()))


def in_time_order(wins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wins sorted by when, then id; a linear check first, because shards are stored sorted."""
    if all(a["when"] <= b["when"] for a, b in pairwise(wins)):
        return wins
    return sorted(wins, key=lambda w: (w["when"], w["id"]))
