"""The data folder: TinyDB tables made crash-safe, lock-protected, backed up and undoable.

Layout of a home folder::

    meta.json            _meta (schema version, id counters, the manifest of data files), profile
    main.json            contacts, links, interactions, events, learning, kudos
    models.json          small cached blobs (the tagger's learned model)
    wins/YYYY-MM.json    wins, one shard per month, so a new win rewrites one small file; it
                         names its fields once and holds each win as a row of values
                         (core.records, "a win as a row")
    wins/YYYY-MM-<part>.json  what the domain derives from that month (recall's postings, the
                         repeat-problem keys, the helped wins), written in the shard's commit
                         and used only while it matches the shard (see ``summaries``)
    undo.json            the undo history (newest last)
    backups/<file>/<tx>  previous versions of each file (hard links, the newest 10 per file), and
                         <tx>.new, a copy of a file's first version
    journal.json         present only while a commit is being applied (the commit point)
    growthdesk.lock      the lock: exclusive for a writer, shared for readers (never a data file:
    growthdesk.gate      os.replace changes inodes), and the turnstile that keeps writers fed
    *.damaged-<time>     what ``doctor --restore`` set aside

Modules: ``api`` (Store) and ``transaction`` (Transaction) on top; ``reads`` (the typed read
facade both share); ``journal`` (commit and recovery), ``backups``, ``undo``, ``doctor`` (with
``validate``, the record checks), ``migrations``, ``manifest``, ``summaries`` (the per-month
derived files), ``lock``; ``files`` (parse,
atomic write, cache) and ``layout`` (which table lives in which file) at the bottom; ``faults``
holds the kill tests' crash points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from growthdesk.store.api import Store
    from growthdesk.store.backups import BACKUPS_PER_FILE
    from growthdesk.store.layout import PROFILE_DEFAULTS
    from growthdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
    from growthdesk.store.transaction import Transaction
    from growthdesk.store.undo import UNDO_DEPTH, UndoEntry

# Loaded on first use, so that importing one small module of the package (store.peek, which
# shell completion runs on every Tab press) does not load the whole store and TinyDB.
_HOMES = {
    "Store": "api",
    "BACKUPS_PER_FILE": "backups",
    "PROFILE_DEFAULTS": "layout",
    "MIGRATIONS": "migrations",
    "SCHEMA_VERSION": "migrations",
    "Transaction": "transaction",
    "UNDO_DEPTH": "undo",
    "UndoEntry": "undo",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Store",
    "Transaction",
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "BACKUPS_PER_FILE",
    "UNDO_DEPTH",
    "PROFILE_DEFAULTS",
    "UndoEntry",
]
