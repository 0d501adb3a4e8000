"""Where each table lives in the data folder (the folder itself is drawn in ``store/__init__``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import StoreError
from growthdesk.core.i18n import _

if TYPE_CHECKING:
    from pathlib import Path  # annotations only: store.peek imports this module for --help

__all__ = [
    "META",
    "MAIN",
    "MODELS",
    "UNDO",
    "JOURNAL",
    "LOCK",
    "GATE",
    "WINS_DIR",
    "LISTED",
    "TXID",
    "PROFILE_DEFAULTS",
    "small_file",
    "tables_of",
    "shard",
    "month_of",
    "is_shard",
    "is_summary",
    "is_chain",
    "summary_of",
    "is_data_file",
    "months_on_disk",
    "summary_files",
    "flat",
]

META = "meta.json"
MAIN = "main.json"
MODELS = "models.json"
UNDO = "undo.json"
JOURNAL = "journal.json"
LOCK = "growthdesk.lock"
GATE = "growthdesk.gate"
WINS_DIR = "wins"
LISTED = (MAIN, MODELS)  # with the month shards: the files meta.json's manifest lists
_SHARD = re.compile(r"wins/\d{4}-\d{2}\.json")
# wins/2026-11-recall.json: part "recall" of the summary derived from wins/2026-11.json
_SUMMARY = re.compile(r"wins/\d{4}-\d{2}-[a-z]+\.json")
# wins/chain-repeats-4-2026-10.json: a state folded over the shards up to 2026-10 (store.chains)
_CHAIN = re.compile(r"wins/chain-[a-z]+-[0-9a-z]+-\d{4}-\d{2}\.json")
TXID = r"\d{20}-\d+"  # a commit's id: time_ns-pid, so that ids sort by time

_SMALL_TABLES = {
    "contacts": MAIN,
    "links": MAIN,
    "interactions": MAIN,
    "events": MAIN,
    "learning": MAIN,
    "kudos": MAIN,
    "profile": META,
    "_meta": META,
    "models": MODELS,
}

PROFILE_DEFAULTS: dict[str, Any] = {
    "started": None,
    "role": None,
    "target_minutes": 15,
    "track": None,
    "lang": "en",
}


def small_file(table: str) -> str:
    """The file of every table but wins."""
    try:
        return _SMALL_TABLES[table]
    except KeyError:
        raise StoreError(_("unknown table {table}", table=table)) from None


def tables_of(rel: str) -> tuple[str, ...]:
    """The record tables a data file holds (meta.json and models.json hold single documents)."""
    if is_shard(rel):
        return ("wins",)
    return tuple(t for t, f in _SMALL_TABLES.items() if f == rel) if rel == MAIN else ()


def shard(month: str) -> str:
    """The file of one month's wins ("2026-11" -> "wins/2026-11.json")."""
    return f"{WINS_DIR}/{month}.json"


def month_of(when: str) -> str:
    # ISO "2026-11-26T..." -> "2026-11"; validated by the domain before it gets here.
    return when[:7]


def is_shard(rel: str) -> bool:
    return (
        rel.startswith(WINS_DIR + "/")
        and _SUMMARY.fullmatch(rel) is None
        and _CHAIN.fullmatch(rel) is None
    )


def is_chain(rel: str) -> bool:
    return _CHAIN.fullmatch(rel) is not None


def summary_of(rel: str, part: str) -> str:
    """A summary part's file beside its shard ("wins/2026-11.json", "recall" ->
    "wins/2026-11-recall.json")."""
    return f"{rel.removesuffix('.json')}-{part}.json"


def is_summary(rel: str) -> bool:
    return _SUMMARY.fullmatch(rel) is not None


def is_data_file(rel: str) -> bool:
    """Whether *rel* names one of the store's own data files (what a journal may touch)."""
    return (
        rel in (META, MAIN, MODELS, UNDO)
        or _SHARD.fullmatch(rel) is not None
        or _SUMMARY.fullmatch(rel) is not None
        or _CHAIN.fullmatch(rel) is not None
    )


def months_on_disk(home: Path) -> list[str]:
    """The months that have a shard in *home*, oldest first."""
    folder = home / WINS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("????-??.json"))


def summary_files(home: Path) -> list[tuple[str, str]]:
    """(month, part) of every summary file in *home* (with or without a shard)."""
    folder = home / WINS_DIR
    if not folder.is_dir():
        return []
    found = (f"{WINS_DIR}/{p.name}" for p in folder.glob("????-??-*.json"))
    return sorted((rel[5:12], rel[13:-5]) for rel in found if _SUMMARY.fullmatch(rel))


def flat(rel: str) -> str:
    """A file's name in backups/ ("wins/2026-11.json" -> "wins_2026-11.json")."""
    return rel.replace("/", "_")
