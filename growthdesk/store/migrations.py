"""Schema versions: refuse data from a newer growthdesk, upgrade data from an older one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import CorruptStoreError, NewerStoreError
from growthdesk.core.i18n import _
from growthdesk.store.layout import MAIN, META, MODELS, is_shard, months_on_disk, shard
from growthdesk.store.manifest import is_listed_kind, set_listed

if TYPE_CHECKING:
    from growthdesk.store.api import Store

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "fresh_meta", "check", "migrate"]

SCHEMA_VERSION = 6


def _v1_ids_into_records(files: dict[str, dict[str, Any]]) -> None:
    """Schema 2: every record carries its own "id", so readers can hand records out uncopied."""
    for rel, data in files.items():
        if rel in (META, MODELS):
            continue  # single documents (schema, profile, models), not records
        for table in data.values():
            for key, doc in table.items():
                doc["id"] = int(key)


def _v2_manifest(files: dict[str, dict[str, Any]]) -> None:
    """Schema 3: meta.json lists the data files, built from those on disk (see ``manifest``)."""
    set_listed(files[META], (rel for rel in files if is_listed_kind(rel)))


def _v3_summaries(files: dict[str, dict[str, Any]]) -> None:
    """Schema 4: each month shard has its summary beside it (see ``summaries``).

    The records stay as they are; the migration's commit rewrites every shard, and every
    commit that writes a shard writes its summary with it.
    """


def _v4_lean_wins(files: dict[str, dict[str, Any]]) -> None:
    """Schema 5: month shards store lean wins (core.records.pack_win): no defaults, no id in
    the record, no derived search terms (the month summaries have them).

    Reading fills everything in (core.records.unpack_win), so the records stay as they are
    here; the migration's commit rewrites every shard lean, and with it every summary part
    registered (the commit path writes them all).
    """
    for rel, data in files.items():
        for win in data.get("wins", {}).values() if is_shard(rel) else ():
            win.pop("terms", None)  # derived: never stored again


def _v5_rows(files: dict[str, dict[str, Any]]) -> None:
    """Schema 6: a month shard names its fields once and stores each win as a row of values
    (core.records, "a win as a row"; files.pack_shard), a third smaller on disk.

    Every shard read alike before (a shard may hold lean records too), so the records stay as
    they are here; the migration's commit rewrites each shard as rows, and with it every
    summary part (they are stamped with their shard's bytes).
    """


# version -> function(files: dict[rel, data]) that upgrades the in-memory files to version+1.
MIGRATIONS: dict[int, Callable[[dict[str, dict[str, Any]]], None]] = {
    1: _v1_ids_into_records,
    2: _v2_manifest,
    3: _v3_summaries,
    4: _v4_lean_wins,
    5: _v5_rows,
}
_BY_MONTH = 4  # from this version on, a migration changes one month shard at a time


def fresh_meta() -> dict[str, Any]:
    """meta.json of a new data folder."""
    return {"_meta": {"1": {"schema_version": SCHEMA_VERSION, "next_id": {}, "files": []}}}


def _version(meta: dict[str, Any]) -> int:
    doc = meta.get("_meta", {}).get("1")
    if not doc or not isinstance(doc.get("schema_version"), int):
        raise CorruptStoreError(_("data file {file} has no schema version", file=META))
    return int(doc["schema_version"])


def check(meta: dict[str, Any], home: Path) -> bool:
    """True if the data needs migrating; NewerStoreError if a newer growthdesk wrote it."""
    version = _version(meta)
    if version > SCHEMA_VERSION:
        raise NewerStoreError(
            _(
                "the data in {path} was written by a newer growthdesk (schema {v}, this "
                "version reads up to {mine}); upgrade growthdesk",
                path=home,
                v=version,
                mine=SCHEMA_VERSION,
            )
        )
    return version < SCHEMA_VERSION


def migrate(store: Store) -> None:
    """Upgrade every file to SCHEMA_VERSION in (backed-up, not undoable) transactions.

    From schema 4, one month shard per transaction (see _by_month); from an older one, every
    file in one transaction."""
    with store.transaction("migrate schema", undoable=False) as tx:
        version = _version(tx.file(META))
        if version >= SCHEMA_VERSION:
            return  # another process migrated while we waited for the lock
    if version >= _BY_MONTH:
        _by_month(store, version)
        return
    with store.transaction("migrate schema", undoable=False) as tx:
        version = _version(tx.file(META))
        if version >= SCHEMA_VERSION:
            return
        rels = [META, MAIN, MODELS, *(shard(m) for m in months_on_disk(store.home))]
        files = {rel: tx.file(rel) for rel in rels if (store.home / rel).exists()}
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](files)
            version += 1
        for rel, data in files.items():
            tx.put_file(rel, data)
        tx.file(META)["_meta"]["1"]["schema_version"] = SCHEMA_VERSION


def _by_month(store: Store, version: int) -> None:
    """From schema *version* (4 or later) one month at a time, so that memory holds one month,
    not the history.

    Each shard's commit (journaled, its old version backed up first) rewrites it with all its
    summary parts; the version goes up in a last commit, which folds the chains again. Cut short, the home is still at
    *version* with some shards already upgraded, which read alike (from schema 4: lean records
    or rows); the next start goes on.
    """
    for month in months_on_disk(store.home):
        with store.transaction("migrate schema", undoable=False) as tx:
            if _version(tx.file(META)) >= SCHEMA_VERSION:
                return  # another process finished it while we waited for the lock
            rel = shard(month)
            if not (store.home / rel).exists():
                continue  # emptied by another process meanwhile
            data = tx.file(rel)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step]({rel: data})
            tx.put_file(rel, data)
            # Folding every chain again after each month was 115 of the 131 s of a migration
            # of 100,000 wins (cProfile of the first command on bench/gen.py's home): the last
            # commit folds them once.
            tx.chains_after("leave")
    with store.transaction("migrate schema", undoable=False) as tx:
        meta = tx.file(META)
        if _version(meta) < SCHEMA_VERSION:
            meta["_meta"]["1"]["schema_version"] = SCHEMA_VERSION
            tx.put_file(META, meta)
            tx.chains_after("refold")
