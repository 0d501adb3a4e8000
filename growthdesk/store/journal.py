"""The commit and its recovery: journal.json is the commit point.

A commit writes every changed file to a temp file (fsynced), links the old versions into
backups/, then atomically writes journal.json: from that moment the commit is durable. It then
os.replace()s each temp file over its target and removes the journal. The next start rolls a
left-over journal forward and sweeps temp files that never made it into a journal.

Recovery touches only what the store itself would have named: each target must be one of the
data files and each temp file that target's ``<target>.<txid>.tmp``, inside the home. A journal
that names anything else (damage, or a crafted file aiming outside the folder) is applied not
at all: it is an error until ``doctor --restore`` sets it aside.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypedDict

import orjson

from growthdesk.core.errors import CorruptStoreError
from growthdesk.core.i18n import _
from growthdesk.store import backups, chains, undo
from growthdesk.store.faults import crashpoint
from growthdesk.store.files import FileCache, atomic_write, decode, fsync_dir, write_file
from growthdesk.store.layout import (
    JOURNAL,
    TXID,
    UNDO,
    WINS_DIR,
    is_chain,
    is_data_file,
    is_shard,
    is_summary,
)

__all__ = ["commit", "recover", "problem", "set_aside"]

_LEFTOVER = re.compile(r"[\w-]+\.json\.(\d{20}-)?\d+\.tmp")


class _Op(TypedDict):
    target: str
    tmp: str | None  # None deletes the target


def commit(
    cache: FileCache,
    payloads: dict[str, bytes | None],
    undo_entry: tuple[str, str] | None,
    derive: Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]] | None = None,
) -> None:
    """All-or-nothing write of several files (None deletes a file). Caller holds the lock.

    *undo_entry* (label, ISO time) names the change in the undo history; None keeps it out
    (undo itself, migrations, repairs). *derive* (default: the month summaries of the shards
    written and the chains, see ``chains``) gets the temp files' stat results and returns more payloads,
    written in the same commit.
    """
    home = cache.home
    payloads = dict(payloads)
    txid = f"{time.time_ns():020d}-{os.getpid()}"
    if any(is_shard(rel) for rel in payloads):
        (home / WINS_DIR).mkdir(mode=0o700, exist_ok=True)

    ops: dict[str, _Op] = {}

    def write(rel: str, payload: bytes | None) -> None:
        if payload is None:
            ops[rel] = {"target": rel, "tmp": None}
            return
        tmp_rel = f"{rel}.{txid}.tmp"
        # Month summaries and chains are derived data, checked against their shard's stamp on
        # every read and rebuilt when they do not decode or match: one a power cut leaves empty
        # or torn costs a rebuild, never an answer. Not syncing them spares `log` seven of its
        # sixteen fsyncs, 3 ms each here (cProfile of `growthdesk log` on bench/gen.py's
        # 100,000-win home; bench/bench_core.py times `log`).
        write_file(home / tmp_rel, payload, sync=not (is_summary(rel) or is_chain(rel)))
        ops[rel] = {"target": rel, "tmp": tmp_rel}

    for rel, payload in payloads.items():
        write(rel, payload)
    derive = derive or chains.derive(home, payloads)
    stats = {rel: (home / op["tmp"]).stat() for rel, op in ops.items() if op["tmp"] is not None}
    for rel, payload in derive(stats).items():
        if payload is None and not (home / rel).exists():
            continue
        payloads[rel] = payload
        write(rel, payload)
    saved = backups.keep(home, payloads, txid)
    if undo_entry is not None:
        payloads[UNDO] = undo.push(cache.load(UNDO), txid, *undo_entry, saved)
        write(UNDO, payloads[UNDO])
    crashpoint("before_journal")
    atomic_write(home / JOURNAL, orjson.dumps({"ops": ops}))
    crashpoint("before_replace")  # the commit is durable from here: the journal rolls it forward

    for i, op in enumerate(ops.values()):
        target = home / op["target"]
        if op["tmp"] is None:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        else:
            os.replace(home / op["tmp"], target)
        if i == 0:
            crashpoint("mid_replace")
        cache.forget(target)
    _fsync_folders(home)
    crashpoint("after_replace")
    (home / JOURNAL).unlink()
    fsync_dir(home)
    try:
        needed = undo.needed(cache.load(UNDO))
    except CorruptStoreError:
        return  # the commit stands; with a damaged undo file no backup is pruned
    backups.prune(home, [rel for rel in saved if saved[rel]], needed)


def recover(home: Path) -> None:
    """Finish a commit that was interrupted after its journal landed; sweep temp files.

    Caller holds the lock.
    """
    journal = home / JOURNAL
    if journal.exists():
        ops, why = _read(home)
        if why:
            raise CorruptStoreError(
                _(
                    "journal.json (an interrupted change) was not applied: {why}; nothing was "
                    "changed; run `growthdesk doctor --restore` to set it aside",
                    why=why,
                )
            )
        for op in ops.values():
            target = home / op["target"]
            if op["tmp"] is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                continue
            tmp = home / op["tmp"]
            if tmp.exists():
                os.replace(tmp, target)
        _fsync_folders(home)
        journal.unlink()
        fsync_dir(home)
    for folder in (home, home / WINS_DIR):
        if folder.is_dir():
            for tmp in folder.glob("*.json.*.tmp"):
                if _LEFTOVER.fullmatch(tmp.name):  # ours only: a commit's or an atomic write's
                    tmp.unlink()


def problem(home: Path) -> str | None:
    """Why the left-over journal must not be applied, if it must not."""
    return _read(home)[1]


def _read(home: Path) -> tuple[dict[str, _Op], str | None]:
    """The journal's operations, each checked to stay inside the home, or why they are refused."""
    try:
        data = decode((home / JOURNAL).read_bytes())
    except OSError as exc:
        return {}, _("it is unreadable ({why})", why=exc.strerror or exc)
    if isinstance(data, str):
        return {}, _("it is {why}", why=data)
    ops = data.get("ops")
    if set(data) != {"ops"} or not isinstance(ops, dict):
        return {}, _("it is not a commit journal")
    inside = os.path.realpath(home) + os.sep
    for key, op in ops.items():
        target, tmp = op.get("target"), op.get("tmp", "")
        if key != target or not isinstance(target, str) or not is_data_file(target):
            return {}, _("it names {path}, not a file of this data folder", path=target)
        if tmp is not None and not (
            isinstance(tmp, str) and re.fullmatch(re.escape(target) + r"\." + TXID + r"\.tmp", tmp)
        ):
            return {}, _("it names {path}, not a file of this data folder", path=tmp)
        for rel in (target, tmp):
            # os.replace and unlink act on the folder entry: a symlinked wins/ must not carry
            # them outside the home either.
            if rel and not (os.path.realpath((home / rel).parent) + os.sep).startswith(inside):
                return {}, _("it names {path}, outside this data folder", path=rel)
    return {key: {"target": op["target"], "tmp": op["tmp"]} for key, op in ops.items()}, None


def set_aside(home: Path, rel: str, stamp: str) -> str:
    """Rename a damaged file to ``<rel>.damaged-<stamp>``, kept for inspection; its new name."""
    dest = f"{rel}.damaged-{stamp}"
    n = 1
    while (home / dest).exists():
        n += 1
        dest = f"{rel}.damaged-{stamp}-{n}"
    os.replace(home / rel, home / dest)
    fsync_dir((home / dest).parent)
    return dest


def _fsync_folders(home: Path) -> None:
    for folder in (home, home / WINS_DIR):
        if folder.exists():
            fsync_dir(folder)
