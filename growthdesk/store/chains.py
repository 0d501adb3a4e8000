"""Chained summaries: data folded over every month shard but the newest, kept for the next reader.

A month summary (``summaries``) depends on one shard; some answers depend on all shards in
order (the repeat-problem clusters of the whole history: each win's cluster depends on every
win before it). A chain is the state a domain function folds from the oldest month up to and
including month ``upto``, the last month before the newest ``OPEN`` months, in
``wins/chain-<name>-<version>-<upto>.json``::

    {"v": version, "upto": "2026-10", "shards": {"2023-11": stamp, …}, "state": …}

Readers take the state and fold only the months after ``upto`` (``OPEN`` of them). Every
commit keeps it in the same journaled commit as the shards (:func:`derive`): a commit to the newest months leaves it alone (no file is read: logging
yesterday's win on the first of the month is one of them), the first commit of a new month
folds one more month into it, and a commit that changes a month the chain has folded folds
every month again. The chain is used only while the shards it names
are exactly the shards up to ``upto`` and each matches its stamp (as month summaries are
judged), so it can cost time but never change an answer; ``doctor`` rebuilds one that is
stale or disagrees with a fresh fold.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import orjson

from growthdesk.store import summaries
from growthdesk.store.files import shard_wins
from growthdesk.store.layout import WINS_DIR, is_shard, months_on_disk, shard, summary_of

__all__ = [
    "Fold",
    "OPEN",
    "register",
    "chains",
    "chain_file",
    "chain_files",
    "load",
    "follow",
    "derive",
    "rebuild",
]

# (the state after the month before: None, as read from the file, or as the fold returned it;
#  the month; its part by name) -> the state after it
Fold = Callable[[Any, str, Callable[[str], Any]], Any]
_CHAINS: dict[str, tuple[str, Fold, Callable[[Any], Any]]] = {}
# Months after the chain's last, folded by each reader: a commit into one of them (a win
# logged late for last month) never folds the history again.
OPEN = 2
_NAME = re.compile(r"chain-([a-z]+)-([0-9a-z]+)-(\d{4}-\d{2})\.json")


def register(name: str, version: int | str, fold: Fold, dump: Callable[[Any], Any]) -> None:
    """Keep chain *name* ([a-z]+), folded by *fold*, written as *dump* (state) returns it;
    bump *version* ([0-9a-z]+) when what it keeps changes (and with any month part it reads)."""
    _CHAINS[name] = (str(version), fold, dump)


def chains() -> dict[str, tuple[str, Fold, Callable[[Any], Any]]]:
    return dict(_CHAINS)


def chain_file(name: str, version: str, upto: str) -> str:
    return f"{WINS_DIR}/chain-{name}-{version}-{upto}.json"


def chain_files(home: Path) -> list[tuple[str, str, str, str]]:
    """(file, name, version, upto) of every chain file in *home*."""
    folder = home / WINS_DIR
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob("chain-*.json"):
        m = _NAME.fullmatch(path.name)
        if m is not None:
            out.append((f"{WINS_DIR}/{path.name}", m[1], m[2], m[3]))
    return sorted(out)


def _matches(home: Path, recorded: Mapping[str, Any], months: list[str], upto: str) -> bool:
    """Whether *recorded* stamps name exactly the shards up to *upto* as they are on disk."""
    wanted = [m for m in months if m <= upto]
    if sorted(recorded) != wanted:
        return False
    for month in wanted:
        path = home / shard(month)
        try:
            st = path.stat()
            doc = {"shard": recorded[month]}
            if not isinstance(recorded[month], dict) or not summaries.fresh(
                doc, st, path.read_bytes
            ):
                return False
        except OSError:
            return False
    return True


def load(home: Path, name: str, months: list[str]) -> tuple[str, Any, dict[str, Any]] | None:
    """(upto, state, stamps) of chain *name* if a file holds it for the shards on disk
    (*months*)."""
    version = _CHAINS[name][0]
    for rel, found, v, upto in chain_files(home):
        if found != name or v != version:
            continue
        try:
            doc = orjson.loads((home / rel).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            continue
        if (
            isinstance(doc, dict)
            and doc.get("v") == version
            and doc.get("upto") == upto
            and isinstance(doc.get("shards"), dict)
            and "state" in doc
            and _matches(home, doc["shards"], months, upto)
        ):
            return upto, doc["state"], doc["shards"]
    return None


def _part_reader(
    home: Path,
    month: str,
    written: Mapping[str, bytes | None],
    derived: Mapping[str, bytes | None],
    parts: bool = True,
) -> Callable[[str], Any]:
    """Part *name* of *month* as this commit leaves it (built from its shard, unless *parts*
    lets a month summary that matches the shard stand in)."""
    rel = shard(month)

    def part(name: str) -> Any:
        if rel in written:
            encoded = derived.get(summary_of(rel, name))
            doc = summaries.decode(encoded) if encoded else None
            if doc is not None:
                return summaries.settle(name, doc["data"])
            payload = written[rel]
            assert payload is not None  # a removed shard is never folded
            return summaries.build(name, shard_wins(payload))
        if parts:
            found, data = summaries.matching(home, rel, name)
            if found:
                return summaries.settle(name, data)
        return summaries.build(name, shard_wins((home / rel).read_bytes()))

    return part


def _fold(
    home: Path,
    name: str,
    months: list[str],
    upto: str,
    written: Mapping[str, bytes | None],
    derived: Mapping[str, bytes | None],
    stats: Mapping[str, os.stat_result],
    start: tuple[str, Any, dict[str, Any]] | None,
    parts: bool = True,
) -> bytes:
    """The chain file of *name* folded up to *upto* (from *start* = (upto, state, stamps))."""
    version, fold, dump = _CHAINS[name]
    state: Any = None
    stamps: dict[str, Any] = {}
    after = ""
    if start is not None:
        after, state, stamps = start[0], start[1], dict(start[2])
    for month in months:
        if month <= after or month > upto:
            continue
        rel = shard(month)
        state = fold(state, month, _part_reader(home, month, written, derived, parts))
        if rel in written:
            payload = written[rel]
            assert payload is not None
            stamps[month] = summaries.stamp(stats[rel], payload)
        else:
            path = home / rel
            stamps[month] = summaries.stamp(path.stat(), path.read_bytes())
    doc = {"v": version, "upto": upto, "shards": stamps, "state": dump(state)}
    return orjson.dumps(doc)


def follow(
    home: Path,
    written: Mapping[str, bytes | None],
    derived: Mapping[str, bytes | None],
    stats: Mapping[str, os.stat_result],
) -> dict[str, bytes | None]:
    """The chain files a commit writes (None: removes) with shards *written* and the month
    summaries *derived* from them; *stats* of the written shards' temp files."""
    if not _CHAINS:
        return {}
    on_disk = months_on_disk(home)
    months = set(on_disk)
    changed: set[str] = set()
    for rel, payload in written.items():
        if is_shard(rel):
            month = rel[len(WINS_DIR) + 1 : -len(".json")]
            changed.add(month)
            if payload is None:
                months.discard(month)
            else:
                months.add(month)
    ordered = sorted(months)
    target = _upto(ordered)
    files = chain_files(home)
    out: dict[str, bytes | None] = {}
    for name, (version, _fold_fn, _dump) in sorted(_CHAINS.items()):
        mine = [f for f in files if f[1] == name]
        keep = [f for f in mine if f[2] == version and f[3] == target]
        if keep and len(mine) == 1 and not any(m <= keep[0][3] for m in changed):
            continue  # a commit to the newest month: the chain stays as it is
        for rel, *_rest in mine:
            out[rel] = None
        if target is None:
            continue
        start = load(home, name, on_disk)
        if start is not None and (start[0] > target or any(m <= start[0] for m in changed)):
            start = None  # the months it folded changed: fold them all again
        # A record a fold cannot read must not block a commit: readers then fold every month
        # themselves (and fail there, naming the file).
        with contextlib.suppress(Exception):
            out[chain_file(name, version, target)] = _fold(
                home, name, ordered, target, written, derived, stats, start
            )
    return out


def _upto(ordered: list[str]) -> str | None:
    """The last month a chain folds, of the months with shards (oldest first)."""
    return ordered[-OPEN - 1] if len(ordered) > OPEN else None


def derive(
    home: Path,
    payloads: Mapping[str, bytes | None],
    docs: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    touched: Mapping[str, AbstractSet[int] | None] | None = None,
) -> Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]]:
    """``summaries.derive`` and then the chains (:func:`follow`): what every commit writes
    beside its shards."""
    months = summaries.derive(home, payloads, docs, touched)

    def derived(stats: Mapping[str, os.stat_result]) -> dict[str, bytes | None]:
        out = months(stats)
        out.update(follow(home, payloads, out, stats))
        return out

    return derived


def rebuild(home: Path, name: str, parts: bool = True) -> tuple[str, bytes] | None:
    """(file, content) of chain *name* folded afresh from the shards on disk, or None when
    there is nothing before the newest ``OPEN`` months. Without *parts* every month's part is
    built from its shard, trusting no month summary (``doctor`` judges those separately)."""
    ordered = months_on_disk(home)
    target = _upto(ordered)
    if target is None:
        return None
    version = _CHAINS[name][0]
    content = _fold(home, name, ordered, target, {}, {}, {}, None, parts)
    return chain_file(name, version, target), content
