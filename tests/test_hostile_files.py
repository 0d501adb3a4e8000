"""Hostile import files end quickly with one `Error:` line, bounded memory and the store unchanged.

Each case runs `growthdesk import` as a real process with a timeout and a 2 GiB address-space
cap (RLIMIT_AS), so a file that made it read forever or build a huge structure fails the test
with a MemoryError or a timeout instead of taking the machine. Every file of the home is
compared byte for byte before and after.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from helpers.homes import snapshot as _snapshot
from helpers.homes import win_record

from growthdesk.io.importers.base import MAX_COLUMNS, MAX_IMPORT_BYTES, MAX_JSON_DEPTH, MAX_ROWS
from growthdesk.io.importers.xlsx import MAX_ZIP_MEMBERS
from growthdesk.store import SCHEMA_VERSION, Store

TIMEOUT = 60  # seconds: generous, the cases take well under one each
MEMORY = 2 * 1024**3

Build = Callable[[Path], Path]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _seed(home: Path) -> None:
    with Store(home).transaction("seed") as tx:
        tx.insert(
            "wins",
            win_record("2026-11-02T10:00:00+01:00", "seed win"),
        )


def _write(name: str, data: bytes | str) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return build


def _device(path: str) -> Build:
    return lambda folder: Path(path)


def _fifo(folder: Path) -> Path:
    path = folder / "tickets.csv"
    os.mkfifo(path)  # nobody ever writes to it: opening it for reading would block
    return path


def _folder(folder: Path) -> Path:
    path = folder / "export.csv"
    path.mkdir()
    return path


def _long_cell(folder: Path) -> Path:
    path = folder / "long.csv"
    with path.open("w") as fh:
        fh.write("when,problem\n2026-01-01,")
        fh.write("x" * (MAX_IMPORT_BYTES - 1_000_000))
    return path


def _long_line_of_cells(folder: Path) -> Path:
    path = folder / "cells.csv"
    with path.open("w") as fh:
        fh.write("when,problem\n")
        fh.write("x," * ((MAX_IMPORT_BYTES - 1_000_000) // 2))
    return path


def _too_big(folder: Path) -> Path:
    path = folder / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    return path


def _workbook() -> dict[str, bytes]:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Number", "Title", "Closed at"])
    sheet.append(["1", "VPN token", "2026-01-01 10:00"])
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


_SHEET = "xl/worksheets/sheet1.xml"
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
)


def _zip_bomb(folder: Path) -> Path:
    """A 130 KB workbook whose sheet XML inflates to 128 MiB (about 1000:1)."""
    path = folder / "export.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in _workbook().items():
            if name != _SHEET:
                out.writestr(name, data)
        with out.open(_SHEET, "w") as fh:
            fh.write(_SHEET_HEAD)
            chunk = b"x" * (1 << 24)
            for _ in range(8):
                fh.write(chunk)
            fh.write(b"</t></is></c></row></sheetData></worksheet>")
    assert path.stat().st_size < 1_000_000
    return path


def _many_parts(folder: Path) -> Path:
    path = folder / "export.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for name, data in _workbook().items():
            out.writestr(name, data)
        for i in range(MAX_ZIP_MEMBERS + 1):
            out.writestr(f"x/{i}", b"")
    return path


def _wide_sheet(folder: Path) -> Path:
    """A sheet that declares 18,278 columns (A1:ZZZ2): openpyxl would pad every row to that."""
    path = folder / "export.xlsx"
    parts = _workbook()
    sheet = parts[_SHEET].decode()
    start = sheet.index("<dimension ref=")
    end = sheet.index("/>", start)
    parts[_SHEET] = (sheet[:start] + '<dimension ref="A1:ZZZ2"' + sheet[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _export(**tables: object) -> bytes:
    return orjson.dumps(
        {"format": "growthdesk-export", "schema_version": SCHEMA_VERSION, "profile": {}, **tables}
    )


_WIN = {
    "id": 1,
    "when": "2026-11-02T10:00:00+01:00",
    "problem": "VPN",
    "solution": None,
    "skills": [],
    "skills_source": "auto",
    "minutes": 5,
    "helped_by": [],
    "ticket": None,
    "source": "manual",
    "tags": [],
    "escalated": False,
}


def _export_with(**fields: object) -> bytes:
    return _export(wins=[{**_WIN, **fields}])


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# (case id, file builder, --from, what the error line says, rows listed before it)
CASES: list[tuple[str, Build, str, str, bool]] = [
    (
        "a million columns",
        _write("wide.csv", ",".join(f"c{i}" for i in range(1_000_000)) + "\n"),
        "csv",
        f"line 1 has 1000000 columns; the limit is {MAX_COLUMNS}",
        False,
    ),
    ("one 49 MB cell", _long_cell, "csv", "field larger than field limit", False),
    ("one 49 MB line of cells", _long_line_of_cells, "csv", "columns; the limit is", False),
    ("over 50 MB", _too_big, "csv", "imports are limited to files under 50 MB", False),
    (
        "too many rows",
        _write("rows.csv", "when,problem\n" + "2026-01-01,p\n" * (MAX_ROWS + 1)),
        "csv",
        f"has more than {MAX_ROWS} rows",
        False,
    ),
    (
        "a flood of blank lines",
        _write("blank.csv", "when,problem\n" + "\n" * (MAX_ROWS + 2)),
        "csv",
        f"has more than {MAX_ROWS} rows",
        False,
    ),
    ("xlsx zip bomb", _zip_bomb, "zammad", "inflates to 134 MB", False),
    ("xlsx of many parts", _many_parts, "zammad", "the workbook has 10010 parts", False),
    ("xlsx declaring 18,278 columns", _wide_sheet, "zammad", "more than 2000 columns", False),
    ("/dev/zero", _device("/dev/zero"), "csv", "is not a regular file", False),
    ("/dev/urandom", _device("/dev/urandom"), "json", "is not a regular file", False),
    ("a FIFO", _fifo, "csv", "is not a regular file", False),
    ("a folder", _folder, "csv", "is a folder, not a file", False),
    (
        "random bytes",
        _write("random.csv", os.urandom(1_000_000)),
        "csv",
        "is a binary file",
        False,
    ),
    (
        "JSON nested past the limit (export)",
        _write("deep.json", _nested(MAX_JSON_DEPTH + 1)),
        "json",
        f"JSON nested more than {MAX_JSON_DEPTH} levels deep",
        False,
    ),
    (
        "JSON nested past the limit (ticket API)",
        _write("deep.json", '[{"a": ' * 40 + "1" + "}]" * 40),
        "topdesk",
        f"JSON nested more than {MAX_JSON_DEPTH} levels deep",
        False,
    ),
    (
        "JSON nested 100,000 deep",
        _write("deep.json", _nested(100_000)),
        "jrnl",
        "depth limit exceeded",
        False,
    ),
    (
        "invalid UTF-8 in an export",
        _write("backup.json", _export().replace(b'"profile"', b'"pr\xc3\x28ofile"')),
        "json",
        "is not valid UTF-8 (byte",
        False,
    ),
    (
        "neither UTF-8 nor Windows-1252",
        _write("bad.csv", b"when,problem\n2026-01-01,\x81\x8d\x90\n"),
        "csv",
        "is neither UTF-8 nor Windows-1252",
        False,
    ),
    (
        "a broken UTF-16 file",
        _write("bad.csv", b"\xff\xfe" + "when,problem\n".encode("utf-16-le") + b"\x00\xd8"),
        "csv",
        "missing required column",  # read as Windows-1252 instead: no such columns
        False,
    ),
    (
        "nan, inf and negative minutes",
        _write(
            "minutes.csv",
            "when,problem,minutes\n2026-01-01,a,nan\n2026-01-02,b,inf\n2026-01-03,c,-5\n",
        ),
        "csv",
        "nothing imported: 3 rows rejected (rows 2, 3, 4)",
        True,
    ),
    (
        "NaN minutes in an export",
        _write("backup.json", _export_with(minutes=0).replace(b'"minutes":0', b'"minutes":NaN')),
        "json",
        "is not valid JSON",
        False,
    ),
    (
        "negative minutes in an export",
        _write("backup.json", _export_with(minutes=-5)),
        "json",
        "wins record 1 (id 1): 'minutes' must be at least 1, not -5",
        False,
    ),
    (
        "NaN in a Watson frames file",
        _write("frames", '[[NaN, 1700000000, "vpn", "a1"]]'),
        "watson",
        "is not valid JSON",
        False,
    ),
    (
        "an id of 2**64",
        _write("backup.json", _export_with(id=0).replace(b'"id":0', b'"id":18446744073709551616')),
        "json",
        "wins record 1: 'id' must be a whole number, not 1.8446744073709552e+19",
        False,
    ),
    (
        "an id of 2**63",
        _write("backup.json", _export_with(id=2**63)),
        "json",
        "'id' holds an id that is not between 1 and 2**63-1",
        False,
    ),
    (
        "a helper id of 2**70",
        _write(
            "backup.json",
            _export_with(helped_by=[0]).replace(b'"helped_by":[0]', b'"helped_by":[%d]' % 2**70),
        ),
        "json",
        "'helped_by' must be a list, each a whole number",
        False,
    ),
]


@pytest.mark.parametrize(
    ("build", "fmt", "expected", "rows_listed"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_hostile_file(
    home: Path, tmp_path: Path, build: Build, fmt: str, expected: str, rows_listed: bool
) -> None:
    _seed(home)
    before = _snapshot(home)
    path = build(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "growthdesk", "import", str(path), "--from", fmt],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
    )
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert [line for line in lines if line.startswith("Error:")] == [lines[-1]], proc.stderr
    assert expected in lines[-1]
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    if not rows_listed:
        assert len(lines) == 1, proc.stderr
    assert _snapshot(home) == before
