"""Personal work logs: jrnl's JSON export and Watson's frames (file, ``log --json``, ``log --csv``)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from growthdesk.core.i18n import _
from growthdesk.io.importers.base import (
    ImportFileError,
    ImportOptions,
    ImportPlan,
    load_json,
    looks_binary,
)
from growthdesk.io.importers.csvread import decode, read_csv
from growthdesk.io.importers.dates import BadDateError, DateReader

__all__ = ["jrnl_plan", "watson_plan"]


def _load_json(data: bytes, name: str, options: ImportOptions, what: str) -> Any:
    if looks_binary(data):
        raise ImportFileError(
            _("{name} is a binary file, not a {what} export", name=name, what=what)
        )
    return load_json(decode(data, options.encoding, name), name)


def _reader(options: ImportOptions) -> DateReader:
    return DateReader(
        date_format=options.date_format, dayfirst=options.dayfirst, timezone=options.timezone
    )


def jrnl_plan(data: bytes, path: Path, options: ImportOptions) -> ImportPlan:
    """``jrnl --format json``: {"tags": {...}, "entries": [{title, body, date, time, tags}]}.

    jrnl has no ticket reference, so re-imports are recognised by (when, problem).
    """
    doc = _load_json(data, path.name, options, "jrnl")
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ImportFileError(
            _(
                '{name} is not a jrnl JSON export (no "entries" list); use jrnl --format json',
                name=path.name,
            )
        )
    reader = _reader(options)
    plan = ImportPlan(fmt="jrnl", path=path, total=len(doc["entries"]))
    for number, entry in enumerate(doc["entries"], start=1):
        if not isinstance(entry, dict):
            plan.rejected.append((number, _("entry is not an object")))
            continue
        title = " ".join(str(entry.get("title") or "").split())
        body = str(entry.get("body") or "").strip()
        if not title:
            title, _sep, body = body.partition("\n")
            title, body = title.strip(), body.strip()
        day, clock = str(entry.get("date") or ""), str(entry.get("time") or "00:00")
        if not title:
            plan.rejected.append((number, _("entry has no title or body")))
            continue
        try:
            # jrnl writes local wall-clock time, ISO day first: never ambiguous.
            when = reader.iso(datetime.fromisoformat(f"{day}T{clock}"))
        except ValueError:
            plan.rejected.append((number, _("bad date '{d} {t}'", d=day, t=clock)))
            continue
        tags = [str(t).lstrip("@").strip() for t in entry.get("tags") or [] if str(t).strip("@ ")]
        plan.rows.append(
            {
                "when": when,
                "problem": title,
                "solution": body or None,
                "skills": [],
                "skills_source": "auto",
                "minutes": None,
                "helped_by": [],
                "ticket": None,
                "source": "jrnl",
                "tags": list(dict.fromkeys(tags)),
                "escalated": False,
            }
        )
        plan.row_numbers.append(number)
        plan.hints.append((f"{title} {body}".strip(), " ".join(tags) or None))
    return plan


def _frame_fields(frame: Any) -> dict[str, Any] | None:
    """One frame as {start, stop, project, id, tags}; None if it is not a frame."""
    if isinstance(frame, dict):
        return {k: frame.get(k) for k in ("start", "stop", "project", "id", "tags")}
    if isinstance(frame, list) and len(frame) >= 4:
        tags = frame[4] if len(frame) > 4 and isinstance(frame[4], list) else []
        return {
            "start": frame[0],
            "stop": frame[1],
            "project": frame[2],
            "id": frame[3],
            "tags": tags,
        }
    return None


def watson_plan(data: bytes, path: Path, options: ImportOptions) -> ImportPlan:
    """Watson frames: ``[[start, stop, project, id, tags, updated_at], …]`` (UTC epoch seconds;
    old files lack tags and/or updated_at), ``watson log --json`` (ISO times) or ``--csv``."""
    stripped = data.lstrip(b"\xef\xbb\xbf \r\n\t")
    if stripped[:1] in (b"[", b"{"):
        doc = _load_json(data, path.name, options, "Watson")
        frames = doc if isinstance(doc, list) else None
    else:
        if looks_binary(data):
            raise ImportFileError(_("{name} is a binary file, not a Watson export", name=path.name))
        table = read_csv(decode(data, options.encoding, path.name), path.name, options.delimiter)
        keys = [h.strip().lower() for h in table.headers]
        if not {"start", "stop", "project"} <= set(keys):
            raise ImportFileError(
                _(
                    "{name} is not a Watson export: expected frames JSON or `watson log --csv` "
                    "columns id, start, stop, project, tags",
                    name=path.name,
                )
            )
        frames = []
        for row in table.rows:
            rec = {k: (row[i] if i < len(row) else "") for i, k in enumerate(keys)}
            rec["tags"] = [t.strip() for t in str(rec.get("tags") or "").split(",") if t.strip()]
            frames.append(rec)
    if frames is None:
        raise ImportFileError(
            _("{name} is not a Watson frames file (expected a JSON list)", name=path.name)
        )
    reader = _reader(options)
    plan = ImportPlan(fmt="watson", path=path, total=len(frames))
    for number, raw in enumerate(frames, start=1):
        frame = _frame_fields(raw)
        if frame is None or not frame["project"]:
            plan.rejected.append((number, _("not a Watson frame")))
            continue
        try:
            start, stop = (_moment(frame[k], reader) for k in ("start", "stop"))
        except (BadDateError, ValueError, TypeError, OverflowError) as exc:
            plan.rejected.append((number, _("bad start/stop time ({err})", err=exc)))
            continue
        if stop < start:
            plan.rejected.append((number, _("frame stops before it starts")))
            continue
        project = " ".join(str(frame["project"]).split())
        tags = [str(t).strip() for t in frame["tags"] or [] if str(t).strip()]
        seconds = (stop - start).total_seconds()
        plan.rows.append(
            {
                "when": stop.isoformat(timespec="seconds"),
                "problem": f"{project}: {', '.join(tags)}" if tags else project,
                "solution": None,
                "skills": [],
                "skills_source": "auto",
                "minutes": max(1, round(seconds / 60)) if seconds > 0 else None,
                "helped_by": [],
                "ticket": str(frame["id"]) if frame["id"] else None,
                "source": "watson",
                "tags": list(dict.fromkeys(tags)),
                "escalated": False,
            }
        )
        plan.row_numbers.append(number)
        plan.hints.append((" ".join([project, *tags]), project))
    return plan


def _moment(value: Any, reader: DateReader) -> datetime:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Frames store UTC epoch seconds.
        return reader.localize(datetime.fromtimestamp(value, tz=timezone.utc))
    return reader.parse(str(value))
