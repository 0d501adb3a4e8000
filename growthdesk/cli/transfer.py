"""`growthdesk export` and `growthdesk import`: backups, spreadsheets and ticket-system imports."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import echo, emit_json, info, skill_areas, warn
from growthdesk.core.i18n import _, ngettext
from growthdesk.io.importers import FORMATS

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from growthdesk.io.importers.base import ImportPlan

__all__ = ["export_cmd", "import_cmd"]

_PREVIEW_ROWS = 20
_PROGRESS_MIN_ROWS = 2000


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: everything, restorable; csv: one table for spreadsheets.",
)
@click.option(
    "--table",
    type=click.Choice(["wins", "contacts", "learning"]),
    default=None,
    help="Table to export with --format csv (default: wins).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--include-personal",
    is_flag=True,
    help="Also export whom each win was for (log --for): personal data, left out by default.",
)
def export_cmd(
    fmt: str, table: str | None, output: Path | None, include_personal: bool = False
) -> None:
    """Export everything as JSON (a full backup), or one table as CSV.

    CSV cells that start with = + - @ get a leading ' so no formula runs in a spreadsheet.
    Restore a JSON export with `growthdesk import FILE --from json`.

    \b
    Examples:
      growthdesk export -o backup.json
      growthdesk export --format csv --table wins -o wins.csv
      growthdesk --home ~/new-home import backup.json --from json
      growthdesk export --include-personal -o full-backup.json
    """
    from growthdesk.io.export import ExportCounts, csv_note, export_chunks
    from growthdesk.io.files import write_output_chunks

    app = get_app()
    if fmt == "json" and table:
        raise click.BadParameter(_("--table goes with --format csv"), param_hint="--table")
    counts = ExportCounts()
    # Streamed: one month of wins in memory at a time, whatever the size of the history.
    chunks = export_chunks(app.reader, app.now(), fmt, table or "wins", include_personal, counts)
    if output is None and sys.stdout.isatty():
        for chunk in chunks:  # for a person: no control characters
            echo(chunk.decode("utf-8-sig"), nl=False)
    elif output is None:
        for chunk in chunks:  # for a program or a file: the bytes as exported
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    else:
        write_output_chunks(output, chunks)
    if fmt == "csv":  # after the write: a failed export says one thing, its error
        info(_("Note: {note}", note=csv_note(table or "wins")))
    left_out = counts.left_out
    if left_out:
        info(
            ngettext(
                "Left out whom {n} win was for (personal data); --include-personal keeps it.",
                "Left out whom {n} wins were for (personal data); --include-personal keeps it.",
                left_out,
            )
        )
    if output is not None:
        info(_("Exported to {path}", path=output))


def _parse_map(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for value in values:
        column, sep, fieldname = value.rpartition("=")
        if not sep or not column.strip():
            raise click.BadParameter(
                _("expected COLUMN=FIELD, e.g. --map \"Closed On=when\", got '{v}'", v=value),
                param_hint="--map",
            )
        pairs.append((column.strip(), fieldname.strip()))
    return pairs


class _ProgressBar:
    """A rich progress bar on stderr, only on a terminal and only for large files."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if total < _PROGRESS_MIN_ROWS or not sys.stderr.isatty():
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
        if phase not in self._tasks:
            label = _("Reading rows") if phase == "read" else _("Tagging skills")
            self._tasks[phase] = self._progress.add_task(label, total=total)
        self._progress.update(self._tasks[phase], completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _table_count(table: str, n: int) -> str:
    """'2 wins', '1 contact': a count of records of *table*, in the interface language."""
    counts = {
        "wins": ngettext("{n} win", "{n} wins", n),
        "contacts": ngettext("{n} contact", "{n} contacts", n),
        "links": ngettext("{n} link", "{n} links", n),
        "interactions": ngettext("{n} interaction", "{n} interactions", n),
        "events": ngettext("{n} event", "{n} events", n),
        "learning": ngettext("{n} learning entry", "{n} learning entries", n),
        "kudos": ngettext("{n} kudos", "{n} kudos", n),
    }
    return counts.get(table) or f"{n} {table}"


def _preview(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The rows an import would add, as the wins listing shows them (fitting the screen)."""
    from growthdesk.cli.layout import table

    cells = [
        [
            row["when"][:16].replace("T", " "),
            row.get("ticket") or "-",
            f"{row['minutes']}m" if row.get("minutes") else "-",
            skill_areas(row.get("skills") or [], short=True, first=True),
            " ".join(str(row["problem"]).split()),
        ]
        for row in rows
    ]
    return table(cells, right={2}, caps={1: 12, 3: 24}, indent="  ", flex_min=30, squeeze=[3])


def _say(text: str) -> None:
    """A summary sentence on stdout, wrapped to the screen (80 columns when piped)."""
    from growthdesk.cli.layout import wrap

    for line in wrap(text):
        echo(line)


def _print_rows(rows: list[tuple[int, str]], title: str, limit: int | None = None) -> None:
    if not rows:
        return
    info(title)
    shown = rows if limit is None else rows[:limit]
    from growthdesk.cli.layout import wrap

    for number, why in shown:
        for line in wrap(_("  row {n}: {why}", n=number, why=why), hang="      "):
            info(line)
    if len(rows) > len(shown):
        info(_("  … and {n} more", n=len(rows) - len(shown)))


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "fmt",
    required=True,
    metavar="FORMAT",
    type=click.Choice(list(FORMATS), case_sensitive=False),
    help="Source format: " + ", ".join(FORMATS) + ".",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read COLUMN as FIELD (when, problem, solution, category, tags, minutes, "
    "hours, seconds, ref, skills, details, helped_by, escalated, skills_source, ignore). "
    "Repeatable.",
)
@click.option("--delimiter", default=None, help="CSV delimiter (default: sniffed among , ; tab |).")
@click.option("--encoding", default=None, help="File encoding (default: UTF-8, else Windows-1252).")
@click.option(
    "--date-format",
    default=None,
    metavar="F",
    help="strptime format of the dates, e.g. %d-%m-%Y %H:%M.",
)
@click.option("--dayfirst", is_flag=True, help="Read dates like 03/04/2025 as day first (3 April).")
@click.option(
    "--timezone",
    default=None,
    metavar="TZ",
    help="Zone of dates without an offset, e.g. Europe/Amsterdam (default: local).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the good rows; write the rejected ones to FILE.rejected.csv.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable summary on stdout.")
def import_cmd(
    file: Path,
    fmt: str,
    mapping: tuple[str, ...],
    delimiter: str | None,
    encoding: str | None,
    date_format: str | None,
    dayfirst: bool,
    timezone: str | None,
    dry_run: bool,
    skip_invalid: bool,
    as_json: bool,
) -> None:
    """Import wins from a ticket system or work log, or restore a growthdesk export.

    The import is all or nothing: one rejected row stops it and every rejected row is listed
    (--skip-invalid imports the rest). Re-importing a file adds nothing new. Rows are tagged
    with skills automatically; `growthdesk undo` takes the whole import back.

    \b
    Examples:
      growthdesk import tickets.csv --from topdesk --dayfirst --dry-run
      growthdesk import export.xls --from zammad
      growthdesk import log.csv --from csv --map "Closed On=when"
      growthdesk --home ~/new-home import backup.json --from json
    """
    from functools import partial

    from growthdesk.io.commit import (
        ImportRejected,
        commit_import,
        known_keys,
        preview,
        refusal,
        report_path_for,
    )
    from growthdesk.io.importers import ImportOptions, parse_file

    if date_format and dayfirst:
        raise click.BadParameter(
            _("give --date-format or --dayfirst, not both"), param_hint="--dayfirst"
        )
    app = get_app()
    fmt = fmt.lower()
    options = ImportOptions(
        mapping=_parse_map(mapping),
        delimiter=delimiter,
        encoding=encoding,
        date_format=date_format,
        dayfirst=True if dayfirst else None,
        timezone=timezone,
    )
    store = app.store
    bar = _ProgressBar()
    try:
        plan = parse_file(
            file,
            fmt,
            options,
            now=app.now(),
            model=store.model("tagger"),
            progress=bar,
            known=None if fmt == "json" else partial(known_keys, store),
        )
    finally:
        bar.close()
    for note in plan.notes:
        info(_("Note: {note}", note=note))

    if plan.restore is not None:
        _restore(plan, dry_run, as_json)
        return

    new, duplicates = preview(store, plan)
    summary: dict[str, Any] = {
        "file": str(file),
        "format": fmt,
        "read": plan.total,
        "new": len(new),
        "duplicates": duplicates,
        "skipped": len(plan.skipped),
        "rejected": len(plan.rejected),
        "dry_run": dry_run,
    }
    stop = refusal(plan, skip_invalid)
    if dry_run and stop is not None:  # the real import would stop: say so, the same way
        _print_rows(stop.rejected, _("Rejected rows:"))
        raise ImportRejected(_("dry run: {reason}", reason=stop), stop.rejected)
    if dry_run:
        if as_json:
            emit_json(
                {
                    **summary,
                    "wins": new,
                    "rejected_rows": plan.rejected,
                    "skipped_rows": plan.skipped,
                }
            )
            return
        info(_("Dry run: nothing is written."))
        for line in _preview(new[:_PREVIEW_ROWS]):
            echo(line)
        if len(new) > _PREVIEW_ROWS:
            echo(_("  … and {n} more", n=len(new) - _PREVIEW_ROWS))
        _print_rows(plan.rejected, _("Rejected rows:"))
        _print_rows(plan.skipped, _("Skipped rows:"), limit=10)
        echo(
            ngettext(
                "Would import {n} win ({dup} already imported, {skip} skipped, {rej} rejected).",
                "Would import {n} wins ({dup} already imported, {skip} skipped, {rej} rejected).",
                len(new),
                dup=duplicates,
                skip=len(plan.skipped),
                rej=len(plan.rejected),
            )
        )
        if plan.rejected:
            info(_("The rejected rows would be listed in {path}.", path=report_path_for(file)))
        return

    try:
        result = commit_import(store, plan, now=app.now(), skip_invalid=skip_invalid)
    except ImportRejected as exc:  # nothing written
        _print_rows(exc.rejected, _("Rejected rows:"))
        raise
    report = result.report
    summary.update(
        added=result.added,
        duplicates=result.duplicates,
        report=str(report) if report else None,
        new_contacts=result.new_contacts,
    )
    if as_json:
        emit_json(summary)
        return
    _print_rows(plan.rejected, _("Rejected rows (not imported):"), limit=10)
    if result.added:
        echo(
            ngettext(
                "Imported {n} win from {file} ({fmt}).",
                "Imported {n} wins from {file} ({fmt}).",
                result.added,
                file=file.name,
                fmt=fmt,
            )
        )
    else:
        echo(_("Nothing new to import from {file}.", file=file.name))
    extra = []
    if result.duplicates:
        extra.append(_("{n} already imported", n=result.duplicates))
    if plan.skipped:
        extra.append(_("{n} skipped (not solved yet or not a win)", n=len(plan.skipped)))
    if plan.rejected:
        extra.append(_("{n} rejected", n=len(plan.rejected)))
    if extra:
        echo("  " + "; ".join(extra) + ".")
    if report:
        warn(_("the rejected rows are listed in {path}", path=report))
    if result.repeated_tickets:
        shown = ", ".join(result.repeated_tickets[:10])
        more = len(result.repeated_tickets) > 10
        warn(
            ngettext(
                "{n} imported ticket was already logged: {refs}",
                "{n} imported tickets were already logged: {refs}",
                len(result.repeated_tickets),
                refs=shown + (", …" if more else ""),
            )
        )
    if result.new_contacts:
        info(
            ngettext(
                "Added {n} contact who helped: {names}",
                "Added {n} contacts who helped: {names}",
                len(result.new_contacts),
                names=", ".join(result.new_contacts),
            )
        )
    if result.added:
        info(_("Take it back with: growthdesk undo"))


def _restore(plan: ImportPlan, dry_run: bool, as_json: bool) -> None:
    from growthdesk.io.restore import restore, restore_preview

    app = get_app()
    if dry_run:
        counts = restore_preview(app.store, plan)
        if as_json:
            emit_json({"dry_run": True, "restore": counts})
            return
        info(_("Dry run: nothing is written."))
        parts = ", ".join(_table_count(t, n) for t, n in counts.items())
        _say(_("Would restore {parts}.", parts=parts))
        return
    result = restore(app.store, plan)
    if as_json:
        emit_json({"restored": result.per_table, "already_present": result.duplicates})
        return
    parts = ", ".join(_table_count(t, n) for t, n in result.per_table.items() if t != "profile")
    _say(_("Restored {parts} from {file}.", parts=parts, file=plan.path.name))
    if result.duplicates:
        echo(
            ngettext(
                "  {n} record was already present.",
                "  {n} records were already present.",
                result.duplicates,
            )
        )
    if result.added:
        info(_("Take it back with: growthdesk undo"))
