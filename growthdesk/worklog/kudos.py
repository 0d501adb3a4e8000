"""Kudos: an end user's thanks, optionally tied to a win.

Plain domain code: builds and validates records, and reads/writes them through a ``Store``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, cast

from growthdesk.core.dates import check_past
from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.records import KEEP, Kudos
from growthdesk.core.text import SHORT_TEXT, TEXT, check_text

if TYPE_CHECKING:
    from growthdesk.store import Store, Transaction

__all__ = ["make_kudos", "add_kudos", "edit_kudos", "remove_kudos", "list_kudos", "MAX_NOTE"]

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
        _check_win(tx, win)
        new_id = tx.insert("kudos", record)
    stored: Kudos = {"id": new_id, **record}
    return stored


def _check_win(tx: Transaction, win: int | None) -> None:
    if win is not None:
        try:
            tx.win(win)
        except NotFoundError:
            raise NotFoundError(_("No win #{win}.", win=win)) from None


def edit_kudos(
    store: Store,
    kudos_id: int,
    *,
    now: datetime,
    note: str | None = None,
    when: datetime | None = None,
    from_: str | None | object = KEEP,
    win: int | None | object = KEEP,
) -> Kudos:
    """Change the given fields of a kudos, checked as on add (make_kudos); one undo step.

    *from_* and *win* may be None to clear them; left out they stay as they are.
    """
    if note is None and when is None and from_ is KEEP and win is KEEP:
        raise InputError(_("nothing to change: give at least one option, e.g. --text TEXT"))
    with store.transaction(_("edit kudos #{id}", id=kudos_id)) as tx:
        current = tx.get("kudos", kudos_id)
        record = make_kudos(
            note if note is not None else str(current.get("note") or ""),
            when=when if when is not None else datetime.fromisoformat(str(current["when"])),
            now=now,
            from_=cast("str | None", current.get("from") if from_ is KEEP else from_),
            win=cast("int | None", current.get("win") if win is KEEP else win),
        )
        if win is not KEEP:
            _check_win(tx, record["win"])
        return cast(Kudos, tx.update("kudos", kudos_id, dict(record)))


def remove_kudos(store: Store, kudos_ids: Iterable[int]) -> list[Kudos]:
    """Remove kudos in one transaction (one undo step); an unknown id removes none of them."""
    ids = list(dict.fromkeys(int(i) for i in kudos_ids))
    if not ids:
        raise InputError(_("give at least one kudos id"))
    label = _("remove kudos {ids}", ids=" ".join(f"#{i}" for i in ids))
    with store.transaction(label) as tx:
        return cast("list[Kudos]", tx.remove_many("kudos", ids))


def list_kudos(records: Iterable[Kudos]) -> list[Kudos]:
    """Kudos newest first (ties by id, so the order is stable)."""
    return sorted(records, key=lambda k: (k.get("when") or "", k.get("id") or 0), reverse=True)
