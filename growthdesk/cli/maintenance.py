"""`growthdesk undo` and `growthdesk doctor`: getting data back."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import confirm, echo, emit_json, info, style
from growthdesk.core.i18n import _, ngettext

if TYPE_CHECKING:
    from growthdesk.store.doctor import DoctorReport, Problem

__all__ = ["undo_cmd", "doctor_cmd"]


@click.command("undo")
@click.option("--list", "show_list", is_flag=True, help="Show what can be undone, newest first.")
@click.option("--json", "as_json", is_flag=True, help="With --list: machine-readable output.")
def undo_cmd(show_list: bool, as_json: bool) -> None:
    """Undo the last change; run it again to go further back.

    \b
    Examples:
      growthdesk undo
      growthdesk undo --list
    """
    if as_json and not show_list:  # a script asking for JSON must not undo by surprise
        raise click.UsageError(_("--json needs --list"))
    store = get_app().reader
    if show_list:
        entries = [{"label": e["label"], "at": e["at"]} for e in store.history()]
        if as_json:
            emit_json(entries)
        elif not entries:
            info(_("Nothing to undo."))
        for i, entry in enumerate(entries if not as_json else [], 1):
            echo(f"{i:>2}. {entry['at'][:16].replace('T', ' ')}  {entry['label']}")
        return
    echo(_("Undid: {label}", label=store.undo()))


@click.command("doctor")
@click.option(
    "--restore",
    is_flag=True,
    help="Repair what it finds: newest good backups, damaged side files set aside, ids fixed.",
)
@click.option("--yes", is_flag=True, help="With --restore: do not ask before discarding anything.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
def doctor_cmd(restore: bool, yes: bool, as_json: bool) -> None:
    """Check every data file and record; offer (and with --restore, apply) the repairs.

    \b
    Examples:
      growthdesk doctor
      growthdesk doctor --restore
    """
    store = get_app().reader
    report = store.check()
    fixable = [p for p in report.problems if p.fix]
    fixed: list[Problem] = []
    if restore and fixable:
        if any(p.loses for p in fixable) and not yes:
            _confirm_losses(report, as_json)
        fixed = store.repair(report)
    done = {(p.file, p.why) for p in fixed}
    if as_json:
        emit_json(
            {
                "home": str(report.home),
                "ok": report.ok,
                "problems": [
                    {
                        "file": p.file,
                        "error": p.why,
                        "fix": p.fix,
                        "loses": p.loses,
                        "backup": p.backup,
                        "fixed": (p.file, p.why) in done,
                        "stale": p.stale,
                    }
                    for p in report.problems
                ],
                "restored": [p.file for p in fixed if p.backup],
                "warnings": report.warnings,
            }
        )
    else:
        _render(report, done)
    # Out-of-date summaries are no failure: readers rebuild them (Problem.stale).
    if any((p.file, p.why) not in done for p in report.broken):
        raise SystemExit(1)


def _render(report: DoctorReport, done: set[tuple[str, str]]) -> None:
    echo(_("Data folder: {home}", home=report.home))
    echo(ngettext("{n} file OK", "{n} files OK", len(report.ok)))
    for p in report.broken:
        applied = (p.file, p.why) in done
        echo(style(_("BROKEN {file}: {why}", file=p.file, why=p.why), fg="red"))
        if p.backup and applied:
            echo(_("  restored from {backup}", backup=p.backup))
        elif p.backup:
            echo(
                _(
                    "  newest good backup: {backup} (--restore puts it back)",
                    backup=p.backup,
                )
            )
        elif p.whole_file:
            echo(_("  no good backup found"))
        if p.fix and not p.backup:
            echo(
                _("  fixed: {fix}", fix=p.fix)
                if applied
                else _("  fix (with --restore): {fix}", fix=p.fix)
            )
        if p.loses:
            echo(
                _("  lost: {what}", what=p.loses) if applied else _("  loses: {what}", what=p.loses)
            )
    _render_stale([p for p in report.problems if p.stale], done)
    for warning in report.warnings:
        info(_("Warning: {w}", w=warning))


_STALE_SHOWN = 5  # after an upgrade every month's summaries are out of date: a few, then a count


def _render_stale(stale: list[Problem], done: set[tuple[str, str]]) -> None:
    if not stale:
        return
    for p in stale[:_STALE_SHOWN]:
        echo(style(_("OUT OF DATE {file}: {why}", file=p.file, why=p.why), fg="yellow"))
        if (p.file, p.why) in done:
            echo(_("  fixed: {fix}", fix=p.fix))
    if len(stale) > _STALE_SHOWN:
        more = len(stale) - _STALE_SHOWN
        echo(_("  … and {n} more", n=more))
    n = len(stale)
    if all((p.file, p.why) in done for p in stale):
        echo(ngettext("{n} summary file rewritten.", "{n} summary files rewritten.", n))
        return
    echo(
        ngettext(
            "{n} summary file is out of date; no answer is affected (it is rebuilt from its "
            "month when read, only slower); `growthdesk doctor --restore` rewrites it.",
            "{n} summary files are out of date; no answer is affected (each is rebuilt from its "
            "month when read, only slower); `growthdesk doctor --restore` rewrites them.",
            n,
        )
    )


def _confirm_losses(report: DoctorReport, as_json: bool) -> None:
    """Show what the repair discards and ask; without a terminal, refuse unless --yes."""
    if not as_json:
        _render(report, set())
    if not sys.stdin.isatty():
        raise click.ClickException(
            _("--restore would discard data (see 'loses'): confirm it on a terminal, or add --yes")
        )
    if not confirm(_("Repair, losing what is listed under 'loses'?")):
        info(_("Nothing changed."))
        raise SystemExit(1)
