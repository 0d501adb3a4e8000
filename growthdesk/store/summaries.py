"""Per-month summaries: data derived from one month shard, kept beside it, never trusted blindly.

``wins/2026-11-recall.json`` holds part ``recall`` of the summary of ``wins/2026-11.json``::

    {"shard": {"size": …, "mtime_ns": …, "crc": …}, "v": version, "data": …}

(one file per part, so that a command parses only the parts it reads).

What goes into a part is the domain's business: a domain module registers a plain function
(see ``Builder``) under a name and a version with :func:`register`; the store only calls it.
A commit hands the builder the part as it was (when that summary matched the shard being
replaced) and the ids of the wins it touched, so that a commit that adds one win need not
re-read the other 3,000 of its month. Every commit that writes a shard writes its summary
in the same journaled commit (``journal.commit``'s *derive*), so undo, crash recovery and
backups treat both alike.

A summary is used only while its stamp matches the shard on disk: same size and modification
time (what the commit saw after writing the shard), or else same size and CRC-32 of the bytes.
Anything else (no summary, an unreadable one, another part version, a shard edited by hand)
makes the reader rebuild the part from the shard itself, so a summary can cost time but never
change an answer. ``doctor`` compares every summary with a fresh build and rewrites those that
differ.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import orjson

from growthdesk.core.errors import StoreError
from growthdesk.core.i18n import _
from growthdesk.store.files import shard_wins
from growthdesk.store.layout import is_shard, summary_files, summary_of

__all__ = [
    "Builder",
    "register",
    "settle",
    "parts",
    "builder",
    "stamp",
    "build",
    "encode",
    "decode",
    "fresh",
    "derive",
    "matching",
    "committed",
]

# (wins in shard order, the part before this commit or None, the ids this commit added,
# changed or removed or None when unknown) -> the part's JSON data
Builder = Callable[[Sequence[Mapping[str, Any]], Any, "AbstractSet[int] | None"], Any]
_PARTS: dict[str, tuple[int | str, Builder]] = {}
# A part a commit may leave unfinished (cheap commits): what readers call to finish it.
_SETTLE: dict[str, Callable[[Any], Any]] = {}


def register(
    name: str, version: int | str, build_part: Builder, settle: Callable[[Any], Any] | None = None
) -> None:
    """Keep part *name* ([a-z]+; bump *version* when what *build_part* returns changes).

    *settle*: for a builder that, given a previous part, may leave work undone: the part as a
    build from scratch makes it (readers and doctor see the part only through it)."""
    _PARTS[name] = (version, build_part)
    if settle is not None:
        _SETTLE[name] = settle
    else:
        _SETTLE.pop(name, None)


def settle(name: str, data: Any) -> Any:
    """Part *name*'s *data* as read from its file, finished (see register)."""
    finish = _SETTLE.get(name)
    return data if finish is None else finish(data)


def parts() -> dict[str, tuple[int | str, Builder]]:
    return dict(_PARTS)


def builder(name: str) -> tuple[int | str, Builder]:
    try:
        return _PARTS[name]
    except KeyError:
        raise StoreError(_("unknown summary part {name}", name=name)) from None


def stamp(st: os.stat_result, raw: bytes) -> dict[str, int]:
    """What identifies the shard a summary was built from."""
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc": zlib.crc32(raw)}


def build(name: str, wins: Sequence[Mapping[str, Any]]) -> Any:
    """Part *name* of one month's wins, from scratch, as it reads back from JSON."""
    return orjson.loads(orjson.dumps(builder(name)[1](wins, None, None)))


def encode(
    name: str,
    shard_stamp: Mapping[str, int],
    wins: Sequence[Mapping[str, Any]],
    previous: Any = None,
    changed: AbstractSet[int] | None = None,
) -> bytes:
    """A part's file. *previous*: its data in a file that matched the shard these wins replace;
    *changed*: the ids the commit touched (None: unknown, nothing of *previous* is kept)."""
    version, fn = builder(name)
    data = fn(wins, previous, changed if previous is not None else None)
    return orjson.dumps({"shard": dict(shard_stamp), "v": version, "data": data})


def decode(raw: bytes) -> dict[str, Any] | None:
    """A summary file's content, or None if it is not one (it is then rebuilt, never used)."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not (isinstance(doc, dict) and isinstance(doc.get("shard"), dict) and "data" in doc):
        return None
    return doc


def fresh(doc: Mapping[str, Any], st: os.stat_result, raw: Callable[[], bytes]) -> bool:
    """Whether summary *doc* was built from the shard as it is now (*st*; *raw* reads it)."""
    recorded = doc["shard"]
    if recorded.get("size") != st.st_size:
        return False
    if recorded.get("mtime_ns") == st.st_mtime_ns:
        return True
    return bool(recorded.get("crc") == zlib.crc32(raw()))  # copied or restored: same bytes?


def matching(home: Path, rel: str, name: str) -> tuple[bool, Any]:
    """(found, data) of part *name* of shard *rel* on disk, if its file matches the shard at
    the registered version."""
    path = home / rel
    try:
        doc = decode((home / summary_of(rel, name)).read_bytes())
        if doc is None or doc.get("v") != builder(name)[0]:
            return False, None
        if not fresh(doc, path.stat(), path.read_bytes):
            return False, None
    except OSError:
        return False, None
    return True, doc["data"]


def committed(home: Path, rel: str, raw: bytes, names: Sequence[str]) -> bool:
    """Whether *raw* (shard *rel*'s bytes) is byte for byte a shard that a commit wrote, so its
    records were checked before they were written: the stamp of the smallest of its summary
    parts *names* has their size and CRC-32 (a stale or missing part: False, check them)."""
    paths = [home / summary_of(rel, name) for name in names]
    sizes = []
    for path in paths:
        with contextlib.suppress(OSError):
            sizes.append((path.stat().st_size, path))
    if not sizes:
        return False
    try:
        doc = decode(min(sizes)[1].read_bytes())
    except OSError:
        return False
    if doc is None:
        return False
    recorded = doc["shard"]
    return bool(recorded.get("size") == len(raw) and recorded.get("crc") == zlib.crc32(raw))


def derive(
    home: Path,
    payloads: Mapping[str, bytes | None],
    docs: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    touched: Mapping[str, AbstractSet[int] | None] | None = None,
) -> Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]]:
    """The summaries a commit writes with *payloads*, once their shards' temp files exist.

    *docs*: a shard's wins in file order when the caller has them parsed (else they are parsed
    from the payload); *touched*: the win ids the commit added, changed or removed per shard
    (unknown: none reused). A removed shard takes its summary files with it, and so do parts
    no longer registered: an old file then no longer matches its shard and is never used.
    """

    def summaries(stats: Mapping[str, os.stat_result]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        on_disk: dict[str, list[str]] = {}
        for month, name in summary_files(home):
            on_disk.setdefault(f"wins/{month}.json", []).append(name)
        for rel, payload in payloads.items():
            if not is_shard(rel):
                continue
            for name in on_disk.get(rel, []):
                out[summary_of(rel, name)] = None  # unless written below
            if payload is None:
                continue
            wins = docs.get(rel) if docs else None
            if wins is None:
                wins = shard_wins(payload)
            shard_stamp = stamp(stats[rel], payload)
            changed = (touched or {}).get(rel)
            for name in sorted(_PARTS):
                try:
                    found, previous = matching(home, rel, name)  # the old shard is still there
                    out[summary_of(rel, name)] = encode(
                        name, shard_stamp, wins, previous if found else None, changed
                    )
                except Exception:  # noqa: BLE001 - a record a part cannot read must not block a commit
                    out[summary_of(rel, name)] = (
                        None  # readers build from the shard (and fail there)
                    )
        return out

    return summaries
