"""undo.json: the newest UNDO_DEPTH changes, each naming the backups that undo it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypedDict, cast

import orjson

from growthdesk.core.errors import CorruptStoreError, NothingToUndoError, StoreError
from growthdesk.core.i18n import _
from growthdesk.store.layout import META, TXID, UNDO, flat, is_data_file
from growthdesk.store.migrations import fresh_meta

__all__ = ["UNDO_DEPTH", "UndoEntry", "history", "push", "needed", "pop", "problem"]

UNDO_DEPTH = 10


class UndoEntry(TypedDict):
    tx: str  # the commit's id; sorts by time
    label: str
    at: str
    files: dict[str, str | None]  # rel -> its backup before the change (None: it was new)


def _entries(data: dict[str, Any] | None) -> dict[str, UndoEntry]:
    return cast("dict[str, UndoEntry]", (data or {}).get("undo", {}))


def problem(data: dict[str, Any] | None) -> str | None:
    """What is wrong with the undo file, if anything: its paths are checked like a journal's."""
    if data is None:
        return None
    if set(data) - {"undo"}:
        return _("it is not an undo history")
    for key, entry in _entries(data).items():
        files = entry.get("files")
        if (
            entry.get("tx") != key
            or not re.fullmatch(TXID, key)
            or not isinstance(entry.get("label"), str)
            or not isinstance(entry.get("at"), str)
            or not isinstance(files, dict)
        ):
            return _("entry {tx} is damaged", tx=key)
        for rel, backup in files.items():
            if rel == UNDO or not is_data_file(rel):
                return _(
                    "entry {tx} names {path}, not a file of this data folder", tx=key, path=rel
                )
            if backup is not None and not re.fullmatch(
                re.escape(f"backups/{flat(rel)}/") + TXID, str(backup)
            ):
                return _("entry {tx} names {path}, not a backup", tx=key, path=backup)
    return None


def _checked(data: dict[str, Any] | None) -> dict[str, UndoEntry]:
    why = problem(data)
    if why:
        raise CorruptStoreError(
            _(
                "data file {file} is damaged ({why}); run `growthdesk doctor --restore` to set "
                "it aside",
                file=UNDO,
                why=why,
            )
        )
    return _entries(data)


def history(data: dict[str, Any] | None) -> list[UndoEntry]:
    """Undo entries, newest first."""
    return sorted(_checked(data).values(), key=lambda e: e["tx"], reverse=True)


def push(
    data: dict[str, Any] | None, txid: str, label: str, at: str, backups: dict[str, str | None]
) -> bytes:
    """The undo file with a new entry for commit *txid* made *at*, trimmed to UNDO_DEPTH."""
    entries = dict(_checked(data))
    entries[txid] = {"tx": txid, "label": label, "at": at, "files": backups}
    for old in sorted(entries)[:-UNDO_DEPTH]:
        del entries[old]
    return orjson.dumps({"undo": entries})


def needed(data: dict[str, Any] | None) -> set[str]:
    """The backups that some undo entry still needs."""
    return {
        backup for entry in _checked(data).values() for backup in entry["files"].values() if backup
    }


def pop(home: Path, data: dict[str, Any] | None) -> tuple[str, dict[str, bytes | None]]:
    """(label, payloads) that undo the newest entry; the payloads include the shorter undo file."""
    entries = _checked(data)
    if not entries:
        raise NothingToUndoError(_("nothing to undo"))
    key = max(entries, key=lambda k: entries[k]["tx"])
    entry = entries[key]
    payloads: dict[str, bytes | None] = {}
    for rel, backup in entry["files"].items():
        if backup is None:
            # meta.json stays once written, so that its absence always means damage.
            payloads[rel] = orjson.dumps(fresh_meta()) if rel == META else None
            continue
        path = home / backup
        if not path.exists():
            raise StoreError(_("the backup {file} needed for undo is missing", file=backup))
        payloads[rel] = path.read_bytes()
    remaining = {k: v for k, v in entries.items() if k != key}
    payloads[UNDO] = orjson.dumps({"undo": remaining})
    return str(entry["label"]), payloads
