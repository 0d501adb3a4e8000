"""`growthdesk undo` and `growthdesk doctor`: getting data back."""

from __future__ import annotations

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import emit_json, info, style
from growthdesk.core.i18n import _

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
    store = get_app().store
    if show_list:
        entries = [{"label": e["label"], "at": e["at"]} for e in store.history()]
        if as_json:
            emit_json(entries)
        elif not entries:
            info(_("Nothing to undo."))
        for i, entry in enumerate(entries if not as_json else [], 1):
            click.echo(f"{i:>2}. {entry['at'][:16].replace('T', ' ')}  {entry['label']}")
        return
    click.echo(_("Undid: {label}", label=store.undo()))


@click.command("doctor")
@click.option(
    "--restore", is_flag=True, help="Restore each broken file from its newest good backup."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
def doctor_cmd(restore: bool, as_json: bool) -> None:
    """Check every data file; offer (and with --restore, apply) the newest good backup.

    \b
    Examples:
      growthdesk doctor
      growthdesk doctor --restore
    """
    store = get_app().store
    report = store.check()
    restored: list[str] = []
    if restore:
        for rel, (_why, backup) in report.broken.items():
            if backup:
                store.restore(rel, backup)
                restored.append(rel)
    if as_json:
        emit_json(
            {
                "home": str(report.home),
                "ok": report.ok,
                "broken": {r: {"error": e, "backup": b} for r, (e, b) in report.broken.items()},
                "restored": restored,
                "warnings": report.warnings,
            }
        )
    else:
        click.echo(_("Data folder: {home}", home=report.home))
        click.echo(_("{n} file(s) OK", n=len(report.ok)))
        for rel, (why, backup) in report.broken.items():
            click.echo(style(_("BROKEN {file}: {why}", file=rel, why=why), fg="red"))
            if rel in restored:
                click.echo(_("  restored from {backup}", backup=backup))
            elif backup:
                click.echo(
                    _(
                        "  newest good backup: {backup} (run `growthdesk doctor --restore`)",
                        backup=backup,
                    )
                )
            else:
                click.echo(_("  no good backup found"))
        for warning in report.warnings:
            info(_("Warning: {w}", w=warning))
    if len(restored) < len(report.broken):
        raise SystemExit(1)
