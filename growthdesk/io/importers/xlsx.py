"""XLSX exports (Zammad serves them with a .xls name): title row, header row, data, footer."""

from __future__ import annotations

import io
import re

from growthdesk.core.i18n import _
from growthdesk.io.importers.base import ImportFileError
from growthdesk.io.importers.csvread import Table, unguard

__all__ = ["read_xlsx"]

_FOOTER = re.compile(r"^\s*([^:]{1,40}):\s*(.+?)\s*$")


def _filled(row: tuple[object, ...]) -> list[object]:
    return [c for c in row if c is not None and str(c).strip() != ""]


def read_xlsx(data: bytes, name: str) -> Table:
    """First sheet as a Table; the header row is the first with three or more filled cells.

    Zammad puts a title on row 1 and headers on row 3, and ends with a footer such as
    ``Timezone: Europe/Berlin`` that says in which zone the naive dates are.
    """
    import openpyxl  # lazily: only XLSX imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("{name} is not a readable XLSX workbook ({err})", name=name, err=exc)
        ) from None
    try:
        sheet = book.worksheets[0]
        raw = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header_at = next((i for i, r in enumerate(raw[:20]) if len(_filled(r)) >= 3), None)
    if header_at is None:
        raise ImportFileError(_("{name}: no header row found in the first sheet", name=name))
    headers = ["" if c is None else str(c).strip() for c in raw[header_at]]
    while headers and not headers[-1]:
        headers.pop()
    table = Table(headers=headers, rows=[], numbers=[])
    for offset, row in enumerate(raw[header_at + 1 :], start=header_at + 2):
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
        table.numbers.append(offset)
    return table
