"""Quick looks into a data folder for shell completion, kept apart from Store on purpose.

Completion runs on every Tab press, from the shell, while another growthdesk may be writing: it
takes no lock (it must never wait), recovers no journal and writes nothing (not even a lock
file), never creates the folder, and reads only the file it needs (main.json for names, the
newest month shards for win ids). Data files are replaced atomically, so a look sees one whole
commit, at worst the one before a running write. Anything missing or unreadable reads as
nothing: a completion offers fewer words, it never fails. Commands use only
:func:`profile_language`, to choose the language before a command line is parsed (for its
--help and click's errors), which is why that one needs neither orjson nor pathlib.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from growthdesk.core.keys import key_id
from growthdesk.store.layout import MAIN, META, months_on_disk, shard

if TYPE_CHECKING:
    from pathlib import Path  # annotations only: the language of every --help reads this module

__all__ = ["names", "recent_wins", "profile_language"]


def _items(home: Path, rel: str, table: str, kinds: Any = dict) -> list[tuple[str, Any]]:
    """(key, record) of one table of a data file, as stored (records of *kinds*)."""
    import orjson

    try:
        data = orjson.loads((home / rel).read_bytes())
        records = data[table].items()
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: nothing to offer
        return []
    return [(str(k), r) for k, r in records if isinstance(r, kinds)]


def _table(home: Path, rel: str, table: str) -> list[dict[str, Any]]:
    return [r for _k, r in _items(home, rel, table)]


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
        for key, rec in _items(home, shard(month), "wins", (dict, list)):
            id = key_id(key)  # a win's id is its key (schema 5 stores it nowhere else)
            if type(id) is int:
                # a row's second value is its problem (core.records, "a win as a row")
                problem = rec.get("problem") if isinstance(rec, dict) else rec[1:2] and rec[1]
                out.append((id, str(problem or "")))
    return sorted(out, reverse=True)


# meta.json as orjson writes it: {"profile":{"1":{…,"lang":"nl",…}},"_meta":{…}}. The profile
# is the only table of meta.json with a "lang" field.
_LANG = re.compile(rb'"lang":\s*"([A-Za-z_-]{1,16})"')


def profile_language(home: str | os.PathLike[str]) -> str | None:
    """The language the profile chose (meta.json), None if none is set or readable: a regex
    over the bytes, the JSON parser only if "lang" appears more than once."""
    try:
        with open(os.path.join(home, META), "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    found = _LANG.findall(raw)
    if len(found) == 1:
        return found[0].decode("ascii")
    if not found:
        return None
    import json

    try:
        lang = json.loads(raw)["profile"]["1"]["lang"]
    except (ValueError, KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) and lang else None
