"""Kudos: an end user's thanks, optionally tied to a win.

Plain domain code: builds and validates records, and reads/writes them through a ``Store``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from growthdesk.core.dates import check_past
from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.records import Kudos
from growthdesk.core.text import SHORT_TEXT, TEXT, check_text

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["make_kudos", "add_kudos", "list_kudos", "MAX_NOTE"]

MAX_NOTE = TEXT  # a thank-you note is a quote, not a pasted e-mail thread


def make_kudos(
    note: str,
    *,
    when: datetime,
    now: datetime,
    from_: str | None = None,
    win: int | None = None,
) -> Kudos:
    """Validate and build a kudos record (without an id); add_kudos checks the *win* exists.

    The text and the sender are one line each (runs of whitespace become one space); the
    date follows the rules of a win's (core.dates.check_past: not in the future, not before 1990).
    """
    text = check_text(" ".join((note or "").split()), _("kudos text"), MAX_NOTE)
    if not text:
        raise InputError(_("Kudos text must not be empty."))
    if when.tzinfo is None:
        # Every stored time carries its offset (COMMON.md records); a naive one is a caller bug.
        raise InputError(_("The kudos time needs a time zone."))
    check_past(when, now, _("kudos"))
    who = check_text(" ".join(from_.split()), _("kudos sender"), SHORT_TEXT) if from_ else None
    if win is not None and win < 1:
        raise InputError(_("Win id must be a positive number, not {win}.", win=win))
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
    now: datetime,
    from_: str | None = None,
    win: int | None = None,
) -> Kudos:
    """Store a kudos (checking the linked win exists) and return it with its id."""
    record = make_kudos(note, when=when, now=now, from_=from_, win=win)
    label = _("kudos: {note}", note=(note or "").strip()[:40])
    with store.transaction(label) as tx:
        if win is not None:
            try:
                tx.win(win)
            except NotFoundError:
                raise NotFoundError(_("No win #{win}.", win=win)) from None
        new_id = tx.insert("kudos", record)
    stored: Kudos = {"id": new_id, **record}
    return stored


def list_kudos(records: Iterable[Kudos]) -> list[Kudos]:
    """Kudos newest first (ties by id, so the order is stable)."""
    return sorted(records, key=lambda k: (k.get("when") or "", k.get("id") or 0), reverse=True)
