"""Every kind of bad input: one clear line, a non-zero exit, and the store unchanged byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from growthdesk.cli import cli
from growthdesk.store import Store


def _snapshot(home: Path) -> dict[str, bytes]:
    if home.is_file():
        return {".": home.read_bytes()}
    return {
        str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()
    }


def _seed(home: Path) -> None:
    store = Store(home)
    with store.transaction("seed") as tx:
        for i in range(3):
            tx.insert(
                "wins",
                {
                    "when": f"2026-11-0{i + 1}T10:00:00+01:00",
                    "problem": f"seed win {i}",
                    "solution": None,
                    "skills": ["printing"],
                    "skills_source": "manual",
                    "minutes": 5,
                    "helped_by": [],
                    "ticket": None,
                    "source": "manual",
                    "tags": [],
                    "escalated": False,
                },
            )


def _corrupt(rel: str, payload: bytes) -> Callable[[Path], None]:
    def prepare(home: Path) -> None:
        _seed(home)
        (home / rel).write_bytes(payload)

    return prepare


def _newer(home: Path) -> None:
    _seed(home)
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = 99
    (home / "meta.json").write_bytes(orjson.dumps(meta))


def _home_is_file(home: Path) -> None:
    home.write_text("not a folder")


BIG = "x" * 1_000_000

ROWS: list[tuple[str, list[str], str, Callable[[Path], None]]] = [
    (
        "unreadable date",
        ["log", "fixed it", "--when", "blurf"],
        "cannot read the date 'blurf'",
        _seed,
    ),
    ("ambiguous date", ["log", "fixed it", "--when", "03-04-2026"], "is ambiguous", _seed),
    ("impossible date", ["log", "fixed it", "--when", "31-02-2026"], "not a real date", _seed),
    (
        "bad ISO date",
        ["log", "fixed it", "--when", "2026-13-45"],
        "not a valid ISO-8601 date",
        _seed,
    ),
    ("future date", ["log", "fixed it", "--when", "2027-01-01"], "is in the future", _seed),
    ("future phrase", ["log", "fixed it", "--when", "tomorrow"], "is in the future", _seed),
    (
        "future time today",
        ["log", "fixed it", "--when", "vandaag 18:00"],
        "is in the future",
        _seed,
    ),
    (
        "negative minutes",
        ["log", "fixed it", "--minutes", "-5"],
        "minutes must be more than 0",
        _seed,
    ),
    ("zero minutes", ["log", "fixed it", "--minutes", "0"], "minutes must be more than 0", _seed),
    (
        "huge minutes",
        ["log", "fixed it", "--minutes", "100000"],
        "more than the limit of 1440",
        _seed,
    ),
    ("text minutes", ["log", "fixed it", "--minutes", "ten"], "minutes must be a number", _seed),
    ("NaN minutes", ["log", "fixed it", "--minutes", "nan"], "minutes must be more than 0", _seed),
    (
        "unknown skill",
        ["log", "fixed it", "--skill", "printng"],
        "unknown skill 'printng'. Did you mean 'printing'?",
        _seed,
    ),
    (
        "skill given as a topic",
        ["log", "fixed it", "--skill", "vpn"],
        "unknown skill 'vpn'. Did you mean 'remote_access'?",
        _seed,
    ),
    ("empty skill", ["log", "fixed it", "--skill", ""], "unknown skill ''", _seed),
    ("empty text", ["log", ""], "the problem text is empty", _seed),
    ("blank text", ["log", "   "], "the problem text is empty", _seed),
    ("1 MB text", ["log", BIG], "the problem text is 1000000 characters long", _seed),
    ("control characters", ["log", "bell\x07here"], "contains control characters", _seed),
    (
        "huge ticket",
        ["log", "fixed it", "--ticket", "T" * 500],
        "the ticket text is 500 characters",
        _seed,
    ),
    ("empty tag", ["log", "fixed it", "--tag", " "], "the tag text is empty", _seed),
    ("show unknown win", ["wins", "show", "999"], "no win record with id 999", _seed),
    (
        "edit unknown win",
        ["wins", "edit", "999", "--minutes", "5"],
        "no win record with id 999",
        _seed,
    ),
    ("rm unknown win", ["wins", "rm", "999"], "no win record with id 999", _seed),
    ("edit without changes", ["wins", "edit", "1"], "nothing to change", _seed),
    (
        "edit bad minutes",
        ["wins", "edit", "1", "--minutes", "-1"],
        "minutes must be more than 0",
        _seed,
    ),
    ("edit future", ["wins", "edit", "1", "--when", "2030-01-01"], "is in the future", _seed),
    (
        "since after until",
        ["wins", "--since", "2026-12-01", "--until", "2026-01-01"],
        "is after --until",
        _seed,
    ),
    ("zero limit", ["wins", "--limit", "0"], "--limit must be at least 1", _seed),
    ("filter unknown skill", ["wins", "--skill", "vpn"], "unknown skill 'vpn'", _seed),
    (
        "empty store file",
        ["log", "fixed it"],
        "data file meta.json is empty",
        _corrupt("meta.json", b""),
    ),
    (
        "truncated shard",
        ["wins"],
        "data file wins/2026-11.json is damaged",
        _corrupt("wins/2026-11.json", b'{"wins": {"1": {"when"'),
    ),
    (
        "NUL-filled file",
        ["wins"],
        "data file wins/2026-11.json is empty",
        _corrupt("wins/2026-11.json", b"\0" * 64),
    ),
    (
        "foreign JSON",
        ["log", "fixed it"],
        "data file meta.json is not a growthdesk file",
        _corrupt("meta.json", b"[1, 2, 3]"),
    ),
    ("newer store", ["wins"], "written by a newer growthdesk (schema 99", _newer),
    ("home is a file", ["log", "fixed it"], "is a file, not a folder", _home_is_file),
]


@pytest.mark.parametrize(("label", "args", "message", "prepare"), ROWS, ids=[r[0] for r in ROWS])
def test_bad_input_changes_nothing(
    home: Path, label: str, args: list[str], message: str, prepare: Callable[[Path], None]
) -> None:
    prepare(home)
    before = _snapshot(home)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, (label, result.output)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert _snapshot(home) == before


def test_usage_errors_exit_2(home: Path) -> None:
    _seed(home)
    before = _snapshot(home)
    for args in (["wins", "show", "abc"], ["log"], ["log", "x", "--nope"], ["nosuchcommand"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert "Error:" in result.stderr
    assert _snapshot(home) == before


def test_table_is_long_enough() -> None:
    assert len(ROWS) >= 25
