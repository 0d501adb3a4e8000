"""Kudos: an end user's thanks, optionally tied to a win.

Plain domain code: builds and validates records, and reads/writes them through a ``Store``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["make_kudos", "add_kudos", "list_kudos", "MAX_NOTE"]

# A thank-you note is a quote, not an essay; a cap stops a pasted e-mail thread bloating the store.
MAX_NOTE = 2000


def make_kudos(
    note: str,
    *,
    when: datetime,
    from_: str | None = None,
    win: int | None = None,
    win_ids: Iterable[int] | None = None,
) -> dict[str, Any]:
    """Validate and build a kudos record (without an id).

    *win_ids*, when given, are the ids of existing wins; a *win* not among them is an error.
    """
    text = " ".join((note or "").split())
    if not text:
        raise InputError(_("Kudos text must not be empty."))
    if len(text) > MAX_NOTE:
        raise InputError(
            _("Kudos text is too long ({n} characters, at most {max}).", n=len(text), max=MAX_NOTE)
        )
    if when.tzinfo is None:
        # Every stored time carries its offset (COMMON.md records); a naive one is a caller bug.
        raise InputError(_("The kudos time needs a time zone."))
    who = " ".join(from_.split()) if from_ else None
    if win is not None:
        if win < 1:
            raise InputError(_("Win id must be a positive number, not {win}.", win=win))
        if win_ids is not None and win not in set(win_ids):
            raise NotFoundError(_("No win #{win}.", win=win))
    return {
        "when": when.isoformat(timespec="seconds"),
        "from": who or None,
        "note": text,
        "win": win,
    }


def add_kudos(
    store: Store,
    note: str,
    *,
    when: datetime,
    from_: str | None = None,
    win: int | None = None,
) -> dict[str, Any]:
    """Store a kudos (checking the linked win exists) and return it with its id."""
    label = _("kudos: {note}", note=(note or "").strip()[:40])
    with store.transaction(label) as tx:
        record = make_kudos(note, when=when, from_=from_, win=None)
        if win is not None:
            if win < 1:
                raise InputError(_("Win id must be a positive number, not {win}.", win=win))
            try:
                tx.get("wins", win)
            except NotFoundError:
                raise NotFoundError(_("No win #{win}.", win=win)) from None
            record["win"] = win
        new_id = tx.insert("kudos", record)
    return {"id": new_id, **record}


def list_kudos(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Kudos newest first (ties by id, so the order is stable)."""
    return sorted(records, key=lambda k: (k.get("when") or "", k.get("id") or 0), reverse=True)
