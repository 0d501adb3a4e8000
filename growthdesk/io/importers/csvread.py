"""Reading CSV exports the way ticket systems really write them.

* Encoding: UTF-8 with or without BOM, falling back to Windows-1252 (the BOM comes and goes
  between GLPI versions); UTF-16 when the file starts with its BOM (Excel "Unicode text").
* Delimiter: sniffed only among ``, ; \\t |`` (Dutch and German Excel use ``;``).
* Quoted cells may span lines, so the file is opened with ``newline=''`` semantics and never
  split on lines by hand.
* Duplicate headers (Jira's ``Labels,Labels``) keep every value: rows are lists, not dicts.
* A leading ``'`` that only guards a formula cell (``'=SUM(…)``) is removed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.io.importers.base import MAX_COLUMNS, MAX_ROW_CHARS, MAX_ROWS

__all__ = ["Table", "DELIMITERS", "decode", "read_csv", "sniff_delimiter", "unguard"]

DELIMITERS = (",", ";", "\t", "|")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """Header cells plus data rows; ``numbers[i]`` is the row number a spreadsheet shows."""

    headers: list[str]
    rows: list[list[object]]
    numbers: list[int]
    notes: list[str] = field(default_factory=list)
    zone: str | None = None  # a time zone the file itself declares (Zammad)


def unguard(cell: str) -> str:
    """Drop the ``'`` that spreadsheets put before a formula-like value, and nothing else."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def decode(data: bytes, encoding: str | None, name: str) -> str:
    """Text of *data*: the given encoding, else UTF-8 (BOM or not), else Windows-1252."""
    if encoding:
        try:
            # An explicit "utf-8" on a file with a BOM must not glue U+FEFF to the first header.
            return data.decode(encoding).removeprefix("\ufeff")
        except LookupError:
            raise InputError(_("unknown encoding '{enc}'", enc=encoding)) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                _(
                    "{name} is not valid {enc} (byte {pos}); try another --encoding",
                    name=name,
                    enc=encoding,
                    pos=exc.start,
                )
            ) from None
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            _("{name} is neither UTF-8 nor Windows-1252; pass --encoding", name=name)
        ) from None


def sniff_delimiter(text: str) -> str:
    """The candidate delimiter that splits the first records most consistently.

    csv.Sniffer guesses among every character and trips on prose; here each candidate parses a
    sample and the one giving the header the most columns, consistently, wins.
    """
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (-1.0, 0)
    for delim in DELIMITERS:
        records = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delim))[:50]
        records = [r for r in records if any(c.strip() for c in r)]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:] or records
        consistent = sum(1 for r in body if len(r) == width) / len(body)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _check_size(record: list[str], seen: int, line: int, name: str) -> None:
    """Stop at the first record past MAX_ROWS (blank ones count too), MAX_COLUMNS or
    MAX_ROW_CHARS."""
    if seen > MAX_ROWS + 1:  # + the header
        raise InputError(
            _(
                "{name} has more than {n} rows; import it in parts (a shorter date range each)",
                name=name,
                n=MAX_ROWS,
            )
        )
    if len(record) > MAX_COLUMNS:
        raise InputError(
            _(
                "{name}: line {line} has {cells} columns; the limit is {n} (wrong --delimiter?)",
                name=name,
                line=line,
                cells=len(record),
                n=MAX_COLUMNS,
            )
        )
    if sum(map(len, record)) > MAX_ROW_CHARS:
        raise InputError(
            _(
                "{name}: line {line} is longer than {n} characters",
                name=name,
                line=line,
                n=MAX_ROW_CHARS,
            )
        )


def read_csv(text: str, name: str, delimiter: str | None = None) -> Table:
    """Parse CSV *text* into a Table, skipping blank records."""
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise InputError(_("--delimiter must be one character, got '{d}'", d=delimiter))
    delim = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    headers: list[str] | None = None
    rows: list[list[object]] = []
    numbers: list[int] = []
    record_no = 0
    try:
        for seen, record in enumerate(reader, start=1):
            _check_size(record, seen, reader.line_num, name)
            if not any(cell.strip() for cell in record):
                continue
            record_no += 1
            if headers is None:
                headers = [cell.strip() for cell in record]
                continue
            rows.append([unguard(cell) for cell in record])
            # Rows as a spreadsheet numbers them: the header is row 1.
            numbers.append(record_no)
    except csv.Error as exc:
        raise InputError(
            _(
                "{name}: broken CSV near line {line}: {err}",
                name=name,
                line=reader.line_num,
                err=exc,
            )
        ) from None
    if headers is None:
        raise InputError(_("{name} has no header row", name=name))
    return Table(headers=headers, rows=rows, numbers=numbers)
