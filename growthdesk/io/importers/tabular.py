"""Table-shaped exports (CSV, XLSX, JSON record lists) turned into win records via a preset."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.text import fold
from growthdesk.io.importers.base import (
    ImportFileError,
    ImportOptions,
    ImportPlan,
    Progress,
    load_json,
    looks_binary,
)
from growthdesk.io.importers.csvread import Table, decode, read_csv
from growthdesk.io.importers.dates import BadDateError, DateReader, parse_duration_minutes
from growthdesk.io.importers.presets import FIELDS, PRESETS, UNIT_FIELDS, Preset
from growthdesk.skills.ids import SKILL_IDS

__all__ = ["load_table", "table_plan", "Columns", "resolve_columns", "detect_preset"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_TAG = re.compile(r"<\s*/?\s*(p|br|div|span|ul|ol|li|strong|em|b|i|a)\b[^>]*>", re.I)


def _key(header: str) -> str:
    return " ".join(fold(header).split())


def load_table(data: bytes, name: str, options: ImportOptions) -> Table:
    """A Table from XLSX (by its PK magic, whatever the file is called), JSON records or CSV."""
    if data.startswith(b"PK\x03\x04"):
        from growthdesk.io.importers.xlsx import read_xlsx

        return read_xlsx(data, name)
    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _("{name} is an old binary .xls workbook; save it as .xlsx or CSV first", name=name)
        )
    if looks_binary(data):
        raise ImportFileError(_("{name} is a binary file, not a CSV/XLSX export", name=name))
    text = decode(data, options.encoding, name)
    if text.lstrip("\ufeff \r\n\t")[:1] in ("[", "{"):
        return _json_table(text, name)
    return read_csv(text, name, options.delimiter)


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


def _json_table(text: str, name: str) -> Table:
    """API exports (TOPdesk /tas/api/incidents, ServiceNow {"result": [...]}) as a Table."""
    doc = load_json(text, name)
    if isinstance(doc, dict):
        lists = [
            v
            for k, v in doc.items()
            if isinstance(v, list) and k in ("result", "records", "data", "tickets", "incidents")
        ]
        doc = lists[0] if lists else None
    if not isinstance(doc, list) or not all(isinstance(r, dict) for r in doc):
        raise ImportFileError(_("{name}: expected a JSON list of records", name=name))
    flat = [_flatten(r) for r in doc]
    headers: list[str] = []
    seen: set[str] = set()
    for record in flat:
        for key in record:
            if key not in seen:
                seen.add(key)
                headers.append(key)
    rows: list[list[object]] = [[r.get(h) for h in headers] for r in flat]
    return Table(headers=headers, rows=rows, numbers=list(range(1, len(rows) + 1)))


class Columns:
    """Which column indices feed which field, after presets and --map."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[int]] = {}
        self.minutes_units: dict[int, int] = {}

    def add(self, fieldname: str, index: int) -> None:
        cols = self.by_field.setdefault(fieldname, [])
        if index not in cols:
            cols.append(index)


def _match(alias: str, key: str) -> bool:
    if alias.startswith("*"):
        return key.endswith(alias[1:])
    return key == alias


def resolve_columns(headers: list[str], preset: Preset, mapping: list[tuple[str, str]]) -> Columns:
    """Bind header columns to fields: --map first (it replaces the preset for that field)."""
    keys = [_key(h) for h in headers]
    cols = Columns()
    claimed: set[int] = set()
    overridden: set[str] = set()
    for column, target in mapping:
        target_key = target.strip().lower() or "ignore"
        if target_key not in FIELDS and target_key not in UNIT_FIELDS:
            raise InputError(
                _(
                    "--map {col}={field}: unknown field '{field}' (fields: {all})",
                    col=column,
                    field=target,
                    all=", ".join(FIELDS + ("hours", "seconds")),
                )
                + did_you_mean(target, FIELDS)
            )
        hits = [i for i, k in enumerate(keys) if k == _key(column)]
        if not hits:
            raise InputError(
                _(
                    "--map: no column '{col}' in the file (columns: {all})",
                    col=column,
                    all=", ".join(headers),
                )
                + did_you_mean(column, headers)
            )
        claimed.update(hits)
        if target_key == "ignore":
            continue
        fieldname = "minutes" if target_key in UNIT_FIELDS else target_key
        overridden.add(fieldname)
        for i in hits:
            cols.add(fieldname, i)
            if fieldname == "minutes":
                cols.minutes_units[i] = UNIT_FIELDS[target_key]
    for fieldname, aliases in preset.fields.items():
        if fieldname in overridden:
            continue
        for alias in aliases:
            for i, k in enumerate(keys):
                if i not in claimed and _match(
                    _key(alias) if not alias.startswith("*") else alias, k
                ):
                    cols.add(fieldname, i)
    return cols


def detect_preset(headers: list[str], exclude: str) -> str | None:
    """The preset whose required columns this file has, to suggest the right --from."""
    for name, preset in PRESETS.items():
        if name in (exclude, "csv"):
            continue
        cols = resolve_columns(headers, preset, [])
        if all(f in cols.by_field for f in preset.required):
            return name
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _clean(text: str, preset: Preset) -> str:
    if preset.fix_quotes:
        text = text.replace("''", '"')
    if preset.strip_html and _HTML_TAG.search(text):
        text = re.sub(r"<\s*br\s*/?>|</\s*(p|div|li)\s*>", "\n", text, flags=re.I)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text.strip()


_YES = frozenset({"yes", "y", "true", "1", "ja", "j", "x"})
_NO = frozenset({"", "no", "n", "false", "0", "nee"})


def _yes_no(text: str, what: str) -> bool:
    value = text.strip().lower()
    if value in _YES or value in _NO:
        return value in _YES
    raise InputError(_("{what} must be yes or no, not '{v}'", what=what, v=text))


def _jira_comment(text: str) -> str:
    # Jira writes comments as "11/May/24 3:26 PM;accountid;the text".
    parts = text.split(";", 2)
    return parts[2].strip() if len(parts) == 3 else text


def table_plan(
    table: Table,
    fmt: str,
    path: Path,
    options: ImportOptions,
    progress: Progress | None = None,
) -> ImportPlan:
    """Every data row as a win record, a rejection or a skip."""
    preset = PRESETS[fmt]
    cols = resolve_columns(table.headers, preset, options.mapping)
    missing = [f for f in preset.required if f not in cols.by_field]
    if missing:
        lacking = missing[0]
        aliases = [a for a in preset.fields.get(lacking, ()) if not a.startswith("*")][:4]
        message = _(
            "{name}: missing required column for '{field}' ({label} export: expected one of {aliases}); "
            "name the column with --map COLUMN={field}",
            name=path.name,
            field=lacking,
            label=preset.label,
            aliases=", ".join(f"'{a}'" for a in aliases),
        )
        other = detect_preset(table.headers, fmt)
        if other:
            message += _(
                " (the file looks like a {label} export: --from {fmt})",
                label=PRESETS[other].label,
                fmt=other,
            )
        raise ImportFileError(message)

    reader = DateReader(
        date_format=options.date_format,
        dayfirst=options.dayfirst,
        timezone=options.timezone,
        source_zone=table.zone,
        keep_offset=preset.verbatim,
    )
    plan = ImportPlan(fmt=fmt, path=path, total=len(table.rows), notes=list(table.notes))
    if table.zone and not options.timezone:
        plan.notes.append(
            _("dates without an offset read in {zone}, as the file says", zone=table.zone)
        )
    tag_split = re.compile(preset.tag_split)
    comment_cols = [
        i for i, h in enumerate(table.headers) if _key(h) in ("comment", "comments", "opmerking")
    ]
    width = len(table.headers)
    by_field = cols.by_field

    def first(row: list[object], fieldname: str) -> tuple[str, int | None]:
        for i in by_field.get(fieldname, ()):
            if i < len(row):
                value = _text(row[i])
                if value:
                    return value, i
        return "", None

    def every(row: list[object], fieldname: str) -> list[str]:
        out: list[str] = []
        for i in by_field.get(fieldname, ()):
            if i < len(row):
                cell = row[i]
                values = cell if isinstance(cell, list) else [cell]
                out.extend(v for v in (_text(x) for x in values) if v)
        return out

    for n, (row, number) in enumerate(zip(table.rows, table.numbers, strict=True)):
        if progress and n % 500 == 0:
            progress("read", n, len(table.rows))
        if len(row) > width and any(_text(c) for c in row[width:]):
            plan.rejected.append(
                (
                    number,
                    _(
                        "{cells} cells but the header has {width} (wrong --delimiter, or an unquoted delimiter in a cell?)",
                        cells=len(row),
                        width=width,
                    ),
                )
            )
            continue
        when_text, wi = first(row, "when")
        if not when_text:
            column = table.headers[by_field["when"][0]] if by_field.get("when") else "when"
            if preset.unsolved_ok:
                plan.skipped.append((number, _("not solved yet (no '{col}')", col=column)))
            else:
                plan.rejected.append((number, _("no date (column '{col}')", col=column)))
            continue
        problem = _clean(first(row, "problem")[0], preset)
        details = "\n".join(_clean(t, preset) for t in every(row, "details"))
        if not problem:
            problem = details.split("\n", 1)[0][:200].strip()
        if not problem:
            plan.rejected.append(
                (
                    number,
                    _(
                        "no problem text (column '{col}')",
                        col=table.headers[by_field["problem"][0]],
                    ),
                )
            )
            continue
        try:
            raw_when = row[wi] if wi is not None else None
            when = reader.iso(raw_when if isinstance(raw_when, datetime) else when_text)
        except BadDateError as exc:
            plan.rejected.append((number, str(exc)))
            continue
        minutes_text, mi = first(row, "minutes")
        try:
            unit = cols.minutes_units.get(mi, preset.minutes_unit) if mi is not None else 60
            minutes = parse_duration_minutes(minutes_text, unit) if minutes_text else None
        except InputError as exc:
            plan.rejected.append((number, str(exc)))
            continue
        skills_text = every(row, "skills")
        skills = [s.strip() for t in skills_text for s in re.split(r"[,;|\s]+", t) if s.strip()]
        bad = [s for s in skills if s not in SKILL_IDS]
        if bad:
            plan.rejected.append(
                (
                    number,
                    _("unknown skill '{skill}'", skill=bad[0]) + did_you_mean(bad[0], SKILL_IDS),
                )
            )
            continue
        solution = _clean(first(row, "solution")[0], preset)
        if not solution and preset.comment_solution:
            comments = [_text(row[i]) for i in comment_cols if i < len(row) and _text(row[i])]
            if comments:
                solution = _jira_comment(comments[-1])
        tags: list[str] = []
        for value in every(row, "tags"):
            for tag in tag_split.split(value):
                tag = tag.strip() if preset.verbatim else tag.strip().lstrip("@")
                if tag and tag not in tags:
                    tags.append(tag)
        try:
            escalated = _yes_no(first(row, "escalated")[0], "escalated")
            given_source = first(row, "skills_source")[0].lower()
            if given_source not in ("", "manual", "auto"):
                raise InputError(
                    _("skills_source must be manual or auto, not '{v}'", v=given_source)
                )
        except InputError as exc:
            plan.rejected.append((number, str(exc)))
            continue
        helpers = [h.strip() for t in every(row, "helped_by") for h in t.split(",") if h.strip()]
        category = " / ".join(dict.fromkeys(every(row, "category")))
        ref = first(row, "ref")[0] or None
        win: dict[str, Any] = {
            "when": when,
            "problem": problem,
            "solution": solution or None,
            "skills": list(dict.fromkeys(skills)),
            "skills_source": given_source or ("manual" if skills else "auto"),
            "minutes": minutes,
            "helped_by": list(dict.fromkeys(helpers)),  # names; contact ids once committed
            "ticket": ref,
            "source": fmt,
            "tags": tags,
            "escalated": escalated,
        }
        plan.rows.append(win)
        plan.row_numbers.append(number)
        plan.hints.append(
            None  # the file says how its skills were set: keep them, even none
            if given_source
            else (" ".join(x for x in (problem, details, solution) if x), category or None)
        )
    if progress:
        progress("read", len(table.rows), len(table.rows))
    return plan
