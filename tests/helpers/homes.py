"""Shared by tests and their helper processes: a whole home as bytes, a stored win record, and
one random step of a Hypothesis run over a home."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "snapshot",
    "win_record",
    "as_records",
    "shard_records",
    "random_step",
    "kill_migration_at_second_file",
]


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in the data folder, byte for byte (to prove a refused command wrote nothing)."""
    return {
        str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()
    }


def win_record(when: str, problem: str, **changes: Any) -> dict[str, Any]:
    """A complete win as the store keeps it, for writing homes directly."""
    return {
        "when": when,
        "problem": problem,
        "solution": None,
        "skills": ["printing"],
        "skills_source": "manual",
        "minutes": 5,
        "helped_by": [],
        "ticket": None,
        "source": "manual",
        "tags": [],
        "escalated": False,
        **changes,
    }


def as_records(data: dict[str, Any]) -> dict[str, Any]:
    """A decoded month shard with each win's row as the lean record it means (core.records, "a
    win as a row"), in place. A shard may hold either, so a test edits records by field name
    and writes the shard back."""
    from growthdesk.core.records import WIN_ORDER

    def lean(row: list[Any]) -> dict[str, Any]:  # in the order pack_win writes
        return dict(sorted(zip(fields, row, strict=False), key=lambda kv: WIN_ORDER.index(kv[0])))

    fields = data.get("fields", [])
    wins = data.get("wins", {})
    data["wins"] = {k: lean(v) if isinstance(v, list) else v for k, v in wins.items()}
    return data


def shard_records(path: Path) -> dict[str, Any]:
    """The wins of the month shard at *path*, each as its lean record (see as_records)."""
    import orjson

    return as_records(orjson.loads(path.read_bytes()))["wins"]


def random_step(
    home: Path,
    kind: str,
    n: int,
    extra: list[dict[str, Any]],
    changes: Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]],
) -> None:
    """One step of a Hypothesis run over a home: "undo" the last change, "add" the records
    *extra* (an import; also when the home has no win), "remove" the *n*th win (wrapping), or
    update it with ``changes[kind](win)``."""
    from growthdesk.store import Store

    store = Store(home)
    if kind == "undo":
        if store.history():
            store.undo()
        return
    current = store.wins()
    with store.transaction(kind) as tx:
        if kind == "add" or not current:
            tx.insert_many("wins", extra)
            return
        win = current[n % len(current)]
        if kind == "remove":
            tx.remove("wins", win["id"])
        else:
            tx.update("wins", win["id"], changes[kind](win))


def kill_migration_at_second_file(monkeypatch: Any, version: int) -> tuple[list[list[str]], Any]:
    """Make the migration from schema *version* die ("killed") on the second batch of files it
    is given, as a process killed mid-upgrade would. Returns (the batches it was given, the real
    migration, to put back with monkeypatch.setitem)."""
    from growthdesk.store import migrations

    real = migrations.MIGRATIONS[version]
    calls: list[list[str]] = []

    def second_fails(files: dict[str, dict[str, Any]]) -> None:
        calls.append(sorted(files))
        if len(calls) == 2:
            raise OSError("killed")
        real(files)

    monkeypatch.setitem(migrations.MIGRATIONS, version, second_fails)
    return calls, real
