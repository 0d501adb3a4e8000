"""Importers: read another system's export into an ImportPlan of growthdesk wins.

``parse_file(path, fmt, options)`` reads and checks every row and writes nothing; committing a
plan (dedupe, all-or-nothing, one undoable transaction) is ``growthdesk.io.commit``'s job
(and ``growthdesk.io.restore``'s for a growthdesk export).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from growthdesk.core.dates import check_past
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.text import SHORT_TEXT
from growthdesk.io.importers.base import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ImportOptions,
    ImportPlan,
    Progress,
    read_bytes,
    win_key,
)

__all__ = [
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "ImportFileError",
    "ImportOptions",
    "ImportPlan",
    "parse_file",
]

# name -> one-line description (shown by --help); table formats are presets in presets.py.
FORMATS: dict[str, str] = {
    "json": "growthdesk's own full export (restore)",
    "csv": "any CSV, columns named with --map COLUMN=FIELD",
    "topdesk": "TOPdesk incidents (CSV, Dutch or English headers, or API JSON)",
    "zammad": "Zammad ticket export (XLSX, even when named .xls)",
    "osticket": "osTicket ticket export (CSV)",
    "glpi": "GLPI ticket list (glpi.csv)",
    "jira": "Jira / Jira Service Management issues (CSV)",
    "servicenow": "ServiceNow incidents (CSV or Excel export)",
    "freshdesk": "Freshdesk tickets (CSV)",
    "zendesk": "Zendesk tickets (CSV)",
    "jrnl": "jrnl journal (jrnl --format json)",
    "watson": "Watson frames file, or watson log --json / --csv",
}


def parse_file(
    path: str | Path,
    fmt: str,
    options: ImportOptions | None = None,
    *,
    now: datetime | None = None,
    model: dict[str, Any] | None = None,
    progress: Progress | None = None,
    known: Callable[[list[dict[str, Any]]], set[tuple[str, ...]]] | None = None,
) -> ImportPlan:
    """Read *path* as format *fmt* into a plan; writes nothing.

    Rows are validated like ``growthdesk log`` input and auto-tagged (the tagger's learned
    *model*, with the source's category as a hint). Rows whose ``win_key`` is among
    ``known(rows)`` (the keys of those rows that wins already in the home have) are counted as
    duplicates and dropped before the costly tagging. Raises ImportFileError when the file as a
    whole cannot be read; row-level problems end up in ``plan.rejected``.
    """
    options = options or ImportOptions()
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(
            _("unknown import format '{fmt}' (formats: {all})", fmt=fmt, all=", ".join(FORMATS))
            + did_you_mean(fmt, FORMATS)
        )
    path = Path(path)
    if options.mapping and fmt in ("json", "jrnl", "watson"):
        raise InputError(
            _("--map applies to table formats (CSV/XLSX), not to --from {fmt}", fmt=fmt)
        )
    data = read_bytes(path)
    if fmt == "json":
        from growthdesk.io.importers.native import native_plan

        return native_plan(data, path, options, now or _now())
    if fmt == "jrnl":
        from growthdesk.io.importers.worklogs import jrnl_plan

        plan = jrnl_plan(data, path, options)
    elif fmt == "watson":
        from growthdesk.io.importers.worklogs import watson_plan

        plan = watson_plan(data, path, options)
    else:
        from growthdesk.io.importers.tabular import load_table, table_plan

        table = load_table(data, path.name, options)
        plan = table_plan(table, fmt, path, options, progress)
    if known is not None and plan.rows:
        _drop_known(plan, known(plan.rows))
    _validate(plan, now or _now())
    if options.tag:
        _autotag(plan, model, progress)
    return plan


def _now() -> datetime:
    from growthdesk.core import clock

    return clock.now()


def _keep(plan: ImportPlan, keep: list[int]) -> None:
    if len(keep) != len(plan.rows):
        plan.rows = [plan.rows[i] for i in keep]
        plan.row_numbers = [plan.row_numbers[i] for i in keep]
        plan.hints = [plan.hints[i] for i in keep]


def _drop_known(plan: ImportPlan, known: set[tuple[str, ...]]) -> None:
    keep = [i for i, row in enumerate(plan.rows) if win_key(row) not in known]
    plan.duplicates += len(plan.rows) - len(keep)
    _keep(plan, keep)


# Cc characters (what wins.validate_text refuses), for a fast first check.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # CR too: check_text makes it LF
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _text(value: str, what: str, limit: int, multiline: bool = False) -> str:
    """wins.validate_text, with a fast path for the common clean value (25k rows add up)."""
    from growthdesk.worklog import wins

    stripped = value.strip()
    bad = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(stripped)
    if stripped and len(stripped) <= limit and not bad:
        return stripped
    return wins.validate_text(value, what, limit=limit, multiline=multiline)


def _validate(plan: ImportPlan, now: datetime) -> None:
    """Apply the rules of ``growthdesk log`` to each row; failures become rejected rows."""
    from growthdesk.worklog import wins

    keep: list[int] = []
    for i, row in enumerate(plan.rows):
        try:
            row["problem"] = _text(" ".join(row["problem"].split()), "problem", wins.MAX_TEXT)
            if row["solution"]:
                row["solution"] = _text(
                    row["solution"], "solution", wins.MAX_SOLUTION, multiline=True
                )
            if row["ticket"]:
                row["ticket"] = _text(row["ticket"], "ticket", SHORT_TEXT)
            if row["minutes"] is not None:
                row["minutes"] = wins.validate_minutes(row["minutes"])
            row["tags"] = list(
                dict.fromkeys(_text(t, "tag", SHORT_TEXT).lower() for t in row["tags"])
            )
            row["helped_by"] = [_text(h, "helper name", SHORT_TEXT) for h in row["helped_by"]]
            check_past(datetime.fromisoformat(row["when"]), now, _("a win"))
        except InputError as exc:
            plan.rejected.append((plan.row_numbers[i], str(exc)))
            continue
        keep.append(i)
    _keep(plan, keep)
    plan.rejected.sort()


def _autotag(
    plan: ImportPlan, model: dict[str, Any] | None, progress: Progress | None = None
) -> None:
    """Skills from the tagger, applied only when it is confident (as for ``growthdesk log``)."""
    todo = [i for i, row in enumerate(plan.rows) if not row["skills"] and plan.hints[i]]
    if not todo:
        return
    try:
        from growthdesk.skills import tagger
    except ImportError:
        plan.notes.append(_("the tagger is not available: rows were imported without skills"))
        return
    # Ticket exports repeat the same titles ("Password reset") many times: tag each text once.
    cache: dict[tuple[str, str | None], list[str]] = {}
    for n, i in enumerate(todo):
        if progress and n % 500 == 0:
            progress("tag", n, len(todo))
        key = plan.hints[i]
        assert key is not None
        if key not in cache:
            ranked = tagger.suggest(key[0], model=model, hint=key[1])
            skills, confident = tagger.decide(ranked)
            cache[key] = list(skills) if confident else []
        plan.rows[i]["skills"] = list(cache[key])
        plan.rows[i]["skills_source"] = "auto"
    if progress:
        progress("tag", len(todo), len(todo))
