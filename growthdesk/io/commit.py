"""Commit an import plan of wins: dedupe, the policy for rejected rows, one undoable transaction.

An import lands whole or not at all, and ``growthdesk undo`` takes it back in one step.
Re-importing the same file adds nothing: wins are recognised by (source, ticket ref), or by
(source, when, problem) for work logs that have no ref. One rejected row stops the import
unless *skip_invalid*; then the rejected rows go to a report next to the imported file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, ngettext
from growthdesk.io.export import neutralise
from growthdesk.io.files import write_output
from growthdesk.io.importers.base import ImportPlan, win_key

if TYPE_CHECKING:
    from growthdesk.store import Store, Transaction

__all__ = [
    "ImportRejected",
    "ImportResult",
    "commit_import",
    "known_keys",
    "preview",
    "refusal",
    "report_path_for",
]


class ImportRejected(InputError):
    """Rows were rejected, so nothing was written. ``rejected`` lists every (row, reason)."""

    def __init__(self, message: str, rejected: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.rejected = rejected


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0  # rows already in the home
    report: Path | None = None  # where the rejected rows were listed (skip_invalid)
    # Ticket refs of imported wins that a win from elsewhere (`log --ticket`) already has.
    repeated_tickets: list[str] = field(default_factory=list)
    new_contacts: list[str] = field(default_factory=list)  # helpers created as contacts


def known_keys(store: Store, rows: list[dict[str, Any]]) -> set[tuple[str, ...]]:
    """The win keys of *rows* that wins in the home already have (what an import skips)."""
    return _known(store.wins_by_month(), rows)[0]


def _known(
    months: Iterable[Iterable[Mapping[str, Any]]], rows: list[dict[str, Any]]
) -> tuple[set[tuple[str, ...]], set[str]]:
    """(the rows' win keys, the rows' ticket keys) that wins in the home already have: one pass
    over the home a month at a time, keeping only what the rows could match (an import into a
    quarter of a million wins must not hold them all)."""
    from growthdesk.worklog.wins import ticket_key

    wanted = {win_key(r) for r in rows}
    refs = {ticket_key(str(r["ticket"])) for r in rows if r.get("ticket")}
    keys: set[tuple[str, ...]] = set()
    tickets: set[str] = set()
    for month in months:
        for w in month:
            key = win_key(w)
            if key in wanted:
                keys.add(key)
            if w.get("ticket") and refs:
                ref = ticket_key(str(w["ticket"]))
                if ref in refs:
                    tickets.add(ref)
    return keys, tickets


def _split_new(
    known: set[tuple[str, ...]], rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """(rows not in the home, how many are): *known* are the win keys the home has."""
    keys = set(known)
    new: list[dict[str, Any]] = []
    duplicates = 0
    for row in rows:
        key = win_key(row)
        if key in keys:
            duplicates += 1
            continue
        keys.add(key)  # the same ticket twice in one file counts once
        new.append(row)
    return new, duplicates


def preview(store: Store, plan: ImportPlan) -> tuple[list[dict[str, Any]], int]:
    """(rows an import would add, rows already in the home) — for --dry-run."""
    new, duplicates = _split_new(_known(store.wins_by_month(), plan.rows)[0], plan.rows)
    return new, duplicates + plan.duplicates


def refusal(plan: ImportPlan, skip_invalid: bool = False) -> ImportRejected | None:
    """Why the import of *plan* stops with nothing written, or None when it goes ahead.

    The one rule for both the import and its --dry-run: a rejected row stops it unless
    *skip_invalid*.
    """
    if not plan.rejected or skip_invalid:
        return None
    rejected = plan.rejected
    # The rows' reasons are in the interface language: found by their translated start.
    marker = _("ambiguous date '{text}' (day/month): pass --dayfirst or --date-format")
    ambiguous = [n for n, why in rejected if why.startswith(marker.split("{", 1)[0])]
    rows = ", ".join(str(n) for n, _why in rejected[:10]) + (", …" if len(rejected) > 10 else "")
    if ambiguous:
        listed = ", ".join(str(n) for n in ambiguous[:10]) + (", …" if len(ambiguous) > 10 else "")
        message = ngettext(
            "nothing imported: row {rows} has an ambiguous day/month date; pass --dayfirst or "
            "--date-format (e.g. %d-%m-%Y)",
            "nothing imported: rows {rows} have ambiguous day/month dates; pass --dayfirst or "
            "--date-format (e.g. %d-%m-%Y)",
            len(ambiguous),
            rows=listed,
        )
        if len(ambiguous) < len(rejected):
            message += ngettext(
                " ({n} row rejected in all)", " ({n} rows rejected in all)", len(rejected)
            )
    else:
        good = ngettext("the {n} good row", "the {n} good rows", len(plan.rows))
        message = ngettext(
            "nothing imported: {n} row rejected (row {rows}); fix it or pass --skip-invalid "
            "to import {good}",
            "nothing imported: {n} rows rejected (rows {rows}); fix them or pass --skip-invalid "
            "to import {good}",
            len(rejected),
            rows=rows,
            good=good,
        )
    return ImportRejected(message, rejected)


def report_path_for(path: Path) -> Path:
    """Where --skip-invalid writes its report: next to the imported file."""
    return path.with_name(path.name + ".rejected.csv")


def _write_report(plan: ImportPlan) -> Path:
    """Every rejected and skipped row with its reason, as CSV (row numbers as a spreadsheet shows).

    Next to the imported file, or in the current folder when that one is read-only.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "status", "reason"])
    rows = [(n, "rejected", why) for n, why in plan.rejected]
    rows += [(n, "skipped", why) for n, why in plan.skipped]
    for n, status, why in sorted(rows):
        writer.writerow([n, status, neutralise(why)])
    data = out.getvalue().encode("utf-8-sig")
    target = report_path_for(plan.path)
    try:
        write_output(target, data)
    except OSError:
        target = Path.cwd() / target.name
        write_output(target, data)
    return target


def _contact_ids(tx: Transaction, row: Mapping[str, Any], created: list[str]) -> list[int]:
    """The row's helper names as contacts: matched by name, new ones created (their names
    added to *created*), each with a "helped" interaction on the day of the win."""
    if not row["helped_by"]:
        return []
    from growthdesk.network.contacts import credit_helpers

    # No one to ask about a name that resembles another: a new name is a new contact.
    ids, new = credit_helpers(
        tx, row["helped_by"], datetime.fromisoformat(row["when"]), allow_new_close=True
    )
    created.extend(new)
    return ids


def _repeated_tickets(known: set[str], new: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ticket refs of *new* rows that an existing win already carries (*known*: those ticket
    keys; from another source: the same source's are duplicates, not imported at all)."""
    from growthdesk.worklog.wins import ticket_key

    refs = (str(r["ticket"]) for r in new if r.get("ticket"))
    return list(dict.fromkeys(ref for ref in refs if ticket_key(ref) in known))


def commit_import(
    store: Store, plan: ImportPlan, *, now: datetime, skip_invalid: bool = False
) -> ImportResult:
    """Write the plan's new wins in one undoable transaction, or nothing at all.

    Any rejected row stops the import (ImportRejected) unless *skip_invalid*; then the report of
    rejected rows is written before anything is imported.
    """
    stop = refusal(plan, skip_invalid)
    if stop is not None:
        raise stop
    result = ImportResult()
    if plan.rejected:
        result.report = _write_report(plan)
    stamp = now.isoformat(timespec="seconds")
    label = _("import from {file} ({fmt})", file=plan.path.name, fmt=plan.fmt)
    with store.transaction(label) as tx:
        # Checked again under the lock: another process may have imported since parse_file.
        keys, tickets = _known(tx.wins_by_month(), plan.rows)
        new, duplicates = _split_new(keys, plan.rows)
        result.duplicates = duplicates + plan.duplicates
        result.repeated_tickets = _repeated_tickets(tickets, new)
        records = [
            {
                **row,
                "helped_by": _contact_ids(tx, row, result.new_contacts),
                "created": stamp,
                "updated": stamp,
            }
            for row in new
        ]
        if records:
            result.added = len(tx.insert_many("wins", records))
    return result
