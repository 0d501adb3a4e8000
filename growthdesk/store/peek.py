"""Quick looks into a data folder for shell completion, kept apart from Store on purpose.

Completion runs on every Tab press, from the shell, while another growthdesk may be writing: it
takes no lock (it must never wait), recovers no journal and writes nothing (not even a lock
file), never creates the folder, and reads only the file it needs (main.json for names, the
newest month shards for win ids). Data files are replaced atomically, so a look sees one whole
commit, at worst the one before a running write. Anything missing or unreadable reads as
nothing: a completion offers fewer words, it never fails. Commands never use this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from growthdesk.store.layout import MAIN, META, months_on_disk, shard

__all__ = ["names", "recent_wins", "profile_language"]


def _table(home: Path, rel: str, table: str) -> list[dict[str, Any]]:
    import orjson

    try:
        data = orjson.loads((home / rel).read_bytes())
        records = data[table].values()
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: nothing to offer
        return []
    return [r for r in records if isinstance(r, dict)]


def names(home: Path, table: str) -> list[str]:
    """The names of a main.json table ('contacts', 'events'), in id order, no duplicates."""
    records = _table(home, MAIN, table)
    records.sort(key=lambda r: r["id"] if isinstance(r.get("id"), int) else 0)
    found = (r.get("name") for r in records)
    return list(dict.fromkeys(n for n in found if isinstance(n, str) and n.strip()))


def recent_wins(home: Path, months: int = 2) -> list[tuple[int, str]]:
    """(id, problem) of the wins in the newest *months* shards, newest id first."""
    try:
        chosen = months_on_disk(home)[-months:]
    except OSError:
        return []
    out: list[tuple[int, str]] = []
    for month in chosen:
        for rec in _table(home, shard(month), "wins"):
            if isinstance(rec.get("id"), int):
                out.append((rec["id"], str(rec.get("problem") or "")))
    return sorted(out, reverse=True)


def profile_language(home: Path) -> str | None:
    """The language the profile chose (meta.json), None if none is set or readable."""
    profile = next(iter(_table(home, META, "profile")), {})
    lang = profile.get("lang")
    return lang if isinstance(lang, str) and lang else None
