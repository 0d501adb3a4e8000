"""The manifest: which data files a home must have, so that a missing one is never an empty table.

It lives in meta.json (``_meta.1.files``: main.json, models.json and the month shards that
exist) and every commit that creates or removes one of those files rewrites it, in the same
journaled commit. Readers check it only for the files they read, and only when one is absent,
so the check costs nothing while the store is whole. meta.json itself is expected as soon as
the home holds any data file or a backup of meta.json.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from growthdesk.core.errors import CorruptStoreError
from growthdesk.core.i18n import _
from growthdesk.store.layout import LISTED, MAIN, META, MODELS, WINS_DIR, flat, is_shard

__all__ = ["listed", "set_listed", "is_listed_kind", "missing", "meta_expected"]


def listed(meta: Mapping[str, Any] | None) -> frozenset[str]:
    """The files *meta* says the home has (empty for a store older than the manifest)."""
    files = ((meta or {}).get("_meta") or {}).get("1", {}).get("files")
    return (
        frozenset(f for f in files if isinstance(f, str))
        if isinstance(files, list)
        else frozenset()
    )


def set_listed(meta: dict[str, Any], rels: Iterable[str]) -> None:
    meta["_meta"]["1"]["files"] = sorted(rels)


def is_listed_kind(rel: str) -> bool:
    return rel in LISTED or is_shard(rel)


def missing(rel: str) -> CorruptStoreError:
    return CorruptStoreError(
        _(
            "data file {file} is missing; run `growthdesk doctor --restore` to bring back its "
            "newest backup",
            file=rel,
        )
    )


def meta_expected(home: Path) -> bool:
    """Whether a missing meta.json is damage rather than a new home (a few stats, only then)."""
    if (home / MAIN).exists() or (home / MODELS).exists():
        return True
    saved = home / "backups" / flat(META)
    if saved.is_dir() and any(saved.iterdir()):
        return True
    wins = home / WINS_DIR
    return wins.is_dir() and any(wins.glob("????-??.json"))
