"""XLSX exports (Zammad serves them with a .xls name): title row, header row, data, footer.

An XLSX file is a zip of XML parts. Before openpyxl sees it, the zip's directory is checked:
the sizes it declares are what Python's zipfile will ever inflate (it stops there and fails
the CRC check), so refusing large or suspiciously compressible parts bounds what is read.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any

from growthdesk.core.i18n import _
from growthdesk.io.importers.base import MAX_COLUMNS, MAX_ROWS, ImportFileError
from growthdesk.io.importers.csvread import Table, unguard

__all__ = ["MAX_XLSX_INFLATED", "MAX_ZIP_MEMBERS", "MAX_ZIP_RATIO", "read_xlsx"]

# All parts together, inflated: a 25,000-ticket Zammad export is about 30 MB.
MAX_XLSX_INFLATED = 100 * 1000 * 1000
# Inflated / compressed, for a part over 1 MB: sheet XML compresses 5-20 times, a bomb ~1000.
MAX_ZIP_RATIO = 100
# Parts in the zip: a workbook has a dozen or so, a few hundred with many sheets.
MAX_ZIP_MEMBERS = 10_000
_END_OF_DIRECTORY = b"PK\x05\x06"

_FOOTER = re.compile(r"^\s*([^:]{1,40}):\s*(.+?)\s*$")


def _filled(row: tuple[object, ...]) -> list[object]:
    return [c for c in row if c is not None and str(c).strip() != ""]


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose directory promises too many parts, too many bytes or a bomb."""
    import zipfile

    # The entry count sits in the end-of-directory record, within the last 64 KB + 22 bytes;
    # reading it first keeps zipfile from building a million ZipInfo objects.
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 12:
        raise ImportFileError(
            _("{name} is not a readable XLSX workbook (no zip directory)", name=name)
        )
    (count,) = struct.unpack_from("<H", data, end + 10)
    if count > MAX_ZIP_MEMBERS:  # 0xFFFF (zip64) included
        raise ImportFileError(_("{name}: the workbook has {n} parts or more", name=name, n=count))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError(
            _("{name} is not a readable XLSX workbook ({err})", name=name, err=exc)
        ) from None
    inflated = sum(p.file_size for p in parts)
    bomb = any(
        p.file_size > 1_000_000 and p.file_size > MAX_ZIP_RATIO * p.compress_size for p in parts
    )
    if bomb or inflated > MAX_XLSX_INFLATED:
        raise ImportFileError(
            _(
                "{name} inflates to {mb} MB; XLSX imports are limited to {limit} MB unpacked and "
                "{ratio}x compression (save it as CSV, or export a shorter date range)",
                name=name,
                mb=inflated // 1_000_000,
                limit=MAX_XLSX_INFLATED // 1_000_000,
                ratio=MAX_ZIP_RATIO,
            )
        )


def read_xlsx(data: bytes, name: str) -> Table:
    """First sheet as a Table; the header row is the first with three or more filled cells.

    Zammad puts a title on row 1 and headers on row 3, and ends with a footer such as
    ``Timezone: Europe/Berlin`` that says in which zone the naive dates are.
    """
    _check_zip(data, name)
    import openpyxl  # lazily: only XLSX imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("{name} is not a readable XLSX workbook ({err})", name=name, err=exc)
        ) from None
    try:
        raw = _rows(book.worksheets[0], name)
    finally:
        book.close()
    header_at = next(
        (i for i, (number, r) in enumerate(raw) if number <= 20 and len(_filled(r)) >= 3), None
    )
    if header_at is None:
        raise ImportFileError(_("{name}: no header row found in the first sheet", name=name))
    headers = ["" if c is None else str(c).strip() for c in raw[header_at][1]]
    while headers and not headers[-1]:
        headers.pop()
    table = Table(headers=headers, rows=[], numbers=[])
    for number, row in raw[header_at + 1 :]:
        filled = _filled(row)
        if not filled:
            continue
        if len(filled) == 1 and row[0] is not None and isinstance(row[0], str):
            footer = _FOOTER.match(row[0])
            if footer:  # "Timezone: Europe/Berlin" and other footer notes are not tickets
                if footer[1].strip().lower() in ("timezone", "time zone", "tijdzone", "zeitzone"):
                    table.zone = footer[2]
                continue
        table.rows.append([unguard(c) if isinstance(c, str) else c for c in row])
        table.numbers.append(number)
    return table


def _rows(sheet: Any, name: str) -> list[tuple[int, tuple[object, ...]]]:
    """(row number, cells) of the rows that are not empty; at most MAX_COLUMNS wide and
    MAX_ROWS long (+ title and header)."""
    too_wide = ImportFileError(
        _("{name}: the sheet has more than {n} columns", name=name, n=MAX_COLUMNS)
    )
    # openpyxl pads every row to the width the sheet declares (else to its last cell).
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise too_wide
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if len(row) > MAX_COLUMNS:
            raise too_wide
        if row.count(None) == len(row):
            continue
        if len(rows) > MAX_ROWS + 20:
            raise ImportFileError(
                _("{name} has more than {n} rows; import it in parts", name=name, n=MAX_ROWS)
            )
        rows.append((number, row))
    return rows
