"""Bulk retag: move wins from one skill area to another, taught to the tagger like hand edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.records import Win
from growthdesk.worklog.wins import query, teach_tagger, validate_skills

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["Retag", "RetagPlan", "plan", "apply"]


@dataclass
class Retag:
    """One win's change: its skills before and after."""

    win: Win
    before: list[str]
    after: list[str]


@dataclass
class RetagPlan:
    """What a retag would change: the checked skill ids and the wins, oldest first."""

    old: str
    new: str
    changes: list[Retag]


def _replace(skills: list[str], old: str, new: str) -> list[str]:
    """*old* becomes *new* in its place; a *new* already there is not repeated."""
    return list(dict.fromkeys(new if s == old else s for s in skills))


def plan(
    store: Store,
    *,
    old: str,
    new: str,
    contains: str | None = None,
    since: date | None = None,
) -> RetagPlan:
    """The wins tagged *old* (matching the filters), oldest first, with their new skills.

    Reads only; :func:`apply` writes. Unknown skill ids are refused like on ``log``.
    """
    old_id, new_id = validate_skills([old])[0], validate_skills([new])[0]
    if old_id == new_id:
        raise InputError(_("--from and --to are the same skill ({skill})", skill=old_id))
    wins = query(store, since=since, skill=old_id, contains=contains)
    changes = [
        Retag(win, list(win["skills"]), _replace(list(win["skills"]), old_id, new_id))
        for win in reversed(wins)
    ]
    return RetagPlan(old_id, new_id, changes)


def apply(store: Store, planned: RetagPlan, *, now: datetime) -> None:
    """Write the planned changes in one transaction (one undo step).

    Each win becomes hand-tagged and teaches the tagger exactly as ``wins edit --skill`` does
    (wins.teach_tagger): a learned old tag is forgotten, the new one learned.
    """
    old, new, changes = planned.old, planned.new, planned.changes
    if not changes:
        return
    label = ngettext(
        "retag {n} win from {old} to {new}",
        "retag {n} wins from {old} to {new}",
        len(changes),
        old=old,
        new=new,
    )
    stamp = now.isoformat(timespec="seconds")
    with store.transaction(label) as tx:
        updates: dict[int, dict[str, Any]] = {}
        for change in changes:
            win_id = int(change.win["id"])
            current = tx.win(win_id)  # the transaction's own copy, read under the lock
            if old not in current["skills"]:
                continue  # changed since the plan was read: nothing of *old* left to move
            after = _replace(list(current["skills"]), old, new)
            updates[win_id] = {"skills": after, "skills_source": "manual", "updated": stamp}
            teach_tagger(tx, current, {**current, **updates[win_id]})
        tx.update_many("wins", updates)
