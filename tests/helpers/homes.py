"""Shared by tests and their helper processes: a whole home as bytes, and a stored win record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["snapshot", "win_record"]


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
