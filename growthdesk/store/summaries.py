"""Per-month summaries: data derived from one month shard, kept beside it, never trusted blindly.

``wins/2026-11-summary.json`` holds, for ``wins/2026-11.json``::

    {"shard": {"size": …, "mtime_ns": …, "crc": …}, "parts": {name: {"v": version, "data": …}}}

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

import os
import zlib
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import orjson

from growthdesk.core.errors import StoreError
from growthdesk.core.i18n import _
from growthdesk.store.files import in_time_order
from growthdesk.store.layout import is_shard, summary_of

__all__ = [
    "Builder",
    "register",
    "parts",
    "builder",
    "stamp",
    "build",
    "build_one",
    "encode",
    "decode",
    "fresh",
    "part",
    "derive",
    "matching",
]

# (wins in shard order, the part before this commit or None, the ids this commit added,
# changed or removed or None when unknown) -> the part's JSON data
Builder = Callable[[Sequence[Mapping[str, Any]], Any, "AbstractSet[int] | None"], Any]
_PARTS: dict[str, tuple[int | str, Builder]] = {}


def register(name: str, version: int | str, build_part: Builder) -> None:
    """Keep part *name* (bump *version* when what *build_part* returns changes) in every summary."""
    _PARTS[name] = (version, build_part)


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


def build(wins: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every registered part of one month's wins, from scratch, as it reads back from JSON."""
    return dict(orjson.loads(orjson.dumps(_build(wins, None, None))))


def _build(
    wins: Sequence[Mapping[str, Any]],
    previous: Mapping[str, Any] | None,
    changed: AbstractSet[int] | None,
) -> dict[str, Any]:
    """*previous*: the parts of a summary that matched the shard these wins replace."""
    return {
        name: {"v": v, "data": fn(wins, _previous(previous, name, v), changed)}
        for name, (v, fn) in sorted(_PARTS.items())
    }


def _previous(parts: Mapping[str, Any] | None, name: str, version: int | str) -> Any:
    entry = (parts or {}).get(name)
    return entry.get("data") if isinstance(entry, dict) and entry.get("v") == version else None


def build_one(name: str, wins: Sequence[Mapping[str, Any]]) -> Any:
    """Part *name* of one month's wins, from scratch, as it reads back from JSON."""
    return orjson.loads(orjson.dumps(builder(name)[1](wins, None, None)))


def encode(
    shard_stamp: Mapping[str, int],
    wins: Sequence[Mapping[str, Any]],
    previous: Mapping[str, Any] | None = None,
    changed: AbstractSet[int] | None = None,
) -> bytes:
    parts = _build(wins, previous, changed if previous is not None else None)
    return orjson.dumps({"shard": dict(shard_stamp), "parts": parts})


def matching(home: Path, rel: str) -> dict[str, Any] | None:
    """The parts of shard *rel*'s summary on disk if it matches the shard, else None."""
    path = home / rel
    try:
        doc = decode((home / summary_of(rel)).read_bytes())
        if doc is None or not fresh(doc, path.stat(), path.read_bytes):
            return None
    except OSError:
        return None
    return dict(doc["parts"])


def decode(raw: bytes) -> dict[str, Any] | None:
    """A summary file's content, or None if it is not one (it is then rebuilt, never used)."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not (
        isinstance(doc, dict)
        and isinstance(doc.get("shard"), dict)
        and isinstance(doc.get("parts"), dict)
        and all(isinstance(p, dict) for p in doc["parts"].values())
    ):
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


def part(doc: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """(found, data) of part *name* in a fresh summary, at the registered version only."""
    version, _build = builder(name)
    entry = doc["parts"].get(name)
    if not isinstance(entry, dict) or entry.get("v") != version or "data" not in entry:
        return False, None
    return True, entry["data"]


def derive(
    home: Path,
    payloads: Mapping[str, bytes | None],
    docs: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    touched: Mapping[str, AbstractSet[int] | None] | None = None,
) -> Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]]:
    """The summaries a commit writes with *payloads*, once their shards' temp files exist.

    *docs*: a shard's wins in file order when the caller has them parsed (else they are parsed
    from the payload); *touched*: the win ids the commit added, changed or removed per shard
    (unknown: none reused). A removed shard takes its summary with it. With no part registered,
    summaries are not written; an old one then no longer matches its shard and is not used.
    """

    def summaries(stats: Mapping[str, os.stat_result]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        for rel, payload in payloads.items():
            if not is_shard(rel):
                continue
            if payload is None or not _PARTS:
                out[summary_of(rel)] = None
                continue
            wins = docs.get(rel) if docs else None
            if wins is None:
                wins = in_time_order(list(orjson.loads(payload).get("wins", {}).values()))
            try:
                previous = matching(home, rel)  # the shard on disk is still the old one
                changed = (touched or {}).get(rel)
                out[summary_of(rel)] = encode(stamp(stats[rel], payload), wins, previous, changed)
            except Exception:  # noqa: BLE001 - a record no part can read must not block a commit
                out[summary_of(rel)] = None  # readers build from the shard (and fail there)
        return out

    return summaries
