"""`growthdesk export`: full JSON backup that restores identically, and formula-safe CSV."""

from __future__ import annotations

import copy
import csv
import io
import os
import stat
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from helpers.homes import snapshot as _snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.io.export import CSV_NOT_IMPORTED, CSV_TABLES, _cell, _cells, export_json
from growthdesk.io.files import UnsafeOutputError, write_output
from growthdesk.io.importers import parse_file
from growthdesk.io.importers.native import EXPORT_TABLES, export_wins
from growthdesk.io.restore import restore
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.store import SCHEMA_VERSION, Store

Invoke = Callable[..., Result]
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=1)))


# A valid exported win, for tests that break one field at a time.
WIN: dict[str, Any] = {
    "id": 1,
    "when": "2026-11-02T10:00:00+01:00",
    "problem": "VPN token out of sync",
    "solution": None,
    "skills": ["remote_access"],
    "skills_source": "manual",
    "minutes": 12,
    "helped_by": [],
    "ticket": None,
    "source": "manual",
    "tags": [],
    "escalated": False,
}


def seed(home: Path) -> Store:
    """A small home with every kind of record, some cells formula-like."""
    store = Store(home)
    with store.transaction("seed") as tx:
        ana = tx.insert(
            "contacts",
            {
                "name": "Ana López",
                "kind": "colleague",
                "org": None,
                "email": "=ana@example.org",
                "phone": "+31 6 12345678",
                "specialties": {"remote_access": 4},
                "strength": 4,
                "met_at": None,
                "notes": "@network team",
                "last_contact": "2026-11-20",
                "do_not_ask": False,
                "created": "2026-01-01T09:00:00+01:00",
            },
        )
        tx.insert(
            "wins",
            {
                "when": "2026-11-02T10:00:00+01:00",
                "problem": '=HYPERLINK("http://evil")',
                "solution": "-rf was not the answer",
                "skills": ["remote_access", "security_incidents"],
                "skills_source": "manual",
                "minutes": 12,
                "helped_by": [ana],
                "ticket": "+INC1",
                "source": "manual",
                "tags": ["vpn", "@home"],
                "escalated": True,
                "created": "2026-11-02T10:01:00+01:00",
                "updated": "2026-11-02T10:01:00+01:00",
            },
        )
        tx.insert(
            "wins",
            {
                "when": "2026-10-05T09:00:00+02:00",
                "problem": "Printer jam, floor 2",
                "solution": None,
                "skills": [],
                "skills_source": "auto",
                "minutes": None,
                "helped_by": [],
                "ticket": None,
                "source": "jira",
                "tags": [],
                "escalated": False,
                "created": "2026-10-05T09:00:00+02:00",
                "updated": "2026-10-05T09:00:00+02:00",
            },
        )
        tx.insert(
            "learning",
            {
                "when": "2026-11-01T20:00:00+01:00",
                "kind": "course",
                "title": "@Risk: =SUM basics",
                "skills": ["data_reporting"],
                "minutes": 90,
                "url": "https://example.org/c",
            },
        )
        tx.set_profile({"started": "2025-09-01", "role": "Service desk", "track": "network"})
    return Store(home)


def test_json_export_has_everything(invoke: Invoke, home: Path) -> None:
    seed(home)
    result = invoke("export")
    assert result.exit_code == 0
    doc = orjson.loads(result.stdout)
    assert doc["format"] == "growthdesk-export"
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["exported_at"] == "2026-11-26T10:00:00+01:00"
    wins = export_wins(doc["wins"], "")
    assert {t: len(wins if t == "wins" else doc[t]) for t in EXPORT_TABLES} == {
        "wins": 2,
        "contacts": 1,
        "links": 0,
        "interactions": 0,
        "events": 0,
        "learning": 1,
        "kudos": 0,
    }
    assert doc["profile"] == {
        "started": "2025-09-01",
        "role": "Service desk",
        "target_minutes": 15,
        "track": "network",
        "lang": "en",
    }
    assert [w["id"] for w in wins] == [1, 2]
    assert doc["models"] == {}  # no learned tagger model yet
    assert wins[0]["problem"] == '=HYPERLINK("http://evil")'  # JSON is not neutralised


def test_csv_export_neutralises_formulas(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    seed(home)
    out = tmp_path / "wins.csv"
    result = invoke("export", "--format", "csv", "--table", "wins", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"Exported to {out}"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["2", "1"]  # oldest first
    win = rows[1]
    assert win["problem"] == '\'=HYPERLINK("http://evil")'
    assert win["solution"] == "'-rf was not the answer"
    assert win["ticket"] == "'+INC1"
    assert win["tags"] == "vpn, @home"
    assert win["helped_by"] == "Ana López"
    assert win["skills"] == "remote_access, security_incidents"
    assert win["escalated"] == "yes"
    assert win["when"] == "2026-11-02T10:00:00+01:00"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


_CELL_TEXT = st.text(max_size=4) | st.sampled_from(
    ["=1+1", "+31 6", "-", "@home", "\tx", "\rx", "'="]
)
_CELL_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats()
    | _CELL_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner)
        | st.dictionaries(_CELL_TEXT, inner, max_size=2)
    ),
    max_leaves=5,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL_VALUES, max_size=15))
def test_a_row_of_cells_is_each_value_as_a_cell(values: list[Any]) -> None:
    # _cells is _cell unrolled for speed; any value a (hand-edited) record may hold.
    assert _cells(values) == [_cell(v) for v in values]


def test_csv_export_contacts_and_learning(invoke: Invoke, home: Path) -> None:
    seed(home)
    contacts = list(
        csv.DictReader(
            io.StringIO(
                invoke("export", "--format", "csv", "--table", "contacts").stdout.lstrip("\ufeff")
            )
        )
    )
    assert contacts[0]["email"] == "'=ana@example.org"
    assert contacts[0]["phone"] == "'+31 6 12345678"
    assert contacts[0]["notes"] == "'@network team"
    assert contacts[0]["specialties"] == "remote_access:4"
    learning = list(
        csv.DictReader(
            io.StringIO(
                invoke("export", "--format", "csv", "--table", "learning").stdout.lstrip("\ufeff")
            )
        )
    )
    assert learning[0]["title"] == "'@Risk: =SUM basics"
    assert learning[0]["minutes"] == "90"


def test_csv_export_reimports_as_generic_csv(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    """Our own CSV is readable by --from csv, and the formula guards come off again."""
    seed(home)
    out = tmp_path / "wins.csv"
    invoke("export", "--format", "csv", "-o", str(out))
    plan = parse_file(out, "csv")
    assert [r["problem"] for r in plan.rows] == [
        "Printer jam, floor 2",
        '=HYPERLINK("http://evil")',
    ]
    assert plan.rows[1]["ticket"] == "+INC1"
    assert plan.rows[1]["skills"] == ["remote_access", "security_incidents"]
    assert plan.rows[1]["skills_source"] == "manual"


def test_csv_round_trip_keeps_every_field_it_exports(
    invoke: Invoke, home: Path, tmp_path: Path
) -> None:
    """export --format csv, then import --from csv into a new home: every column comes back,
    except the ones the export names as left out (and those are exactly CSV_NOT_IMPORTED)."""
    store = seed(home)
    with store.transaction("more") as tx:
        ana = tx.get("contacts", 1)
        bram = tx.insert("contacts", {k: v for k, v in ana.items() if k != "id"} | {"name": "Bram"})
        tx.insert(
            "wins",
            {
                "when": "2026-11-20T16:45:00-05:00",
                "problem": "Outlook keeps asking for the password",
                "solution": "Cleared the credential manager.\nRebuilt the profile.",
                "skills": ["email_calendar"],
                "skills_source": "auto",
                "minutes": 25,
                "helped_by": [1, bram],
                "ticket": "INC0099",
                "source": "topdesk",
                "tags": ["outlook", "mfa"],
                "escalated": False,
                "created": "2026-11-20T16:50:00-05:00",
                "updated": "2026-11-20T16:50:00-05:00",
            },
        )
    out = tmp_path / "wins.csv"
    exported = invoke("export", "--format", "csv", "-o", str(out))
    assert exported.exit_code == 0
    assert exported.stderr.splitlines()[0] == (
        f"Note: import --from csv reads this file back without {', '.join(CSV_NOT_IMPORTED)} "
        "(--format json is the full backup)"
    )
    new_home = tmp_path / "new"
    result = invoke("--home", str(new_home), "import", str(out), "--from", "csv")
    assert result.exit_code == 0, result.output

    def by_moment(s: Store) -> list[dict[str, Any]]:
        names = {c["id"]: c["name"] for c in s.contacts()}
        wins = [{**w, "helped_by": [names[i] for i in w["helped_by"]]} for w in s.wins()]
        return sorted(wins, key=lambda w: w["when"])

    before, after = by_moment(Store(home)), by_moment(Store(new_home))
    assert len(before) == len(after) == 3
    kept = [c for c in CSV_TABLES["wins"] if c not in CSV_NOT_IMPORTED]
    for old, new in zip(before, after, strict=True):
        for column in kept:
            assert new[column] == old[column], (old["problem"], column)
        assert new["source"] == "csv"
    assert invoke("--home", str(new_home), "import", str(out), "--from", "csv").stdout == (
        "Nothing new to import from wins.csv.\n  3 already imported.\n"
    )


def test_csv_export_of_other_tables_says_import_reads_wins_only(invoke: Invoke, home: Path) -> None:
    seed(home)
    result = invoke("export", "--format", "csv", "--table", "contacts")
    assert result.stderr == (
        "Note: a contacts CSV is for spreadsheets: import reads wins only "
        "(--format json is the full backup)\n"
    )


def test_table_with_json_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export", "--table", "wins")
    assert result.exit_code == 2
    assert "--table goes with --format csv" in result.stderr


def test_restore_into_empty_home_is_identical(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    original = seed(home)
    backup = tmp_path / "backup.json"
    assert invoke("export", "-o", str(backup)).exit_code == 0
    new_home = tmp_path / "new-home"
    result = invoke("--home", str(new_home), "import", str(backup), "--from", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Restored 2 wins, 1 contact, 0 links, 0 interactions, 0 events, 1 learning entry,\n"
        "0 kudos from backup.json.\n"
    )
    restored = Store(new_home)
    for table in EXPORT_TABLES:
        assert restored.all(table) == original.all(table), table
    assert restored.profile() == original.profile()
    # Restoring the same backup again adds nothing.
    again = invoke("--home", str(new_home), "import", str(backup), "--from", "json")
    assert again.exit_code == 0
    assert again.stdout == (
        "Restored 0 wins, 0 contacts, 0 links, 0 interactions, 0 events, 0 learning\n"
        "entries, 0 kudos from backup.json.\n  4 records were already present.\n"
    )
    # New records after a restore get fresh ids, never the restored ones.
    with Store(new_home).transaction("after") as tx:
        assert tx.insert("contacts", {"name": "Dev"}) == 2
    # And the restore is one undo step.
    assert invoke("--home", str(new_home), "undo").exit_code == 0
    assert invoke("--home", str(new_home), "undo").stdout == "Undid: restore from backup.json\n"
    assert Store(new_home).wins() == []


def test_restore_refuses_a_conflicting_home(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    seed(home)
    backup = tmp_path / "backup.json"
    invoke("export", "-o", str(backup))
    other = Store(tmp_path / "other")
    with other.transaction("x") as tx:
        tx.insert("contacts", {"name": "Someone else"})
    before = sorted(p.name for p in (tmp_path / "other").rglob("*"))
    result = invoke("--home", str(tmp_path / "other"), "import", str(backup), "--from", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: nothing restored: this home already holds a different contact record #1"
    )
    assert sorted(p.name for p in (tmp_path / "other").rglob("*")) == before


def test_restore_refuses_dangling_references(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    doc = {
        "format": "growthdesk-export",
        "schema_version": 1,
        "profile": {},
        "wins": [{**WIN, "id": 1, "helped_by": [7]}],
    }
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(doc))
    result = invoke("import", str(path), "--from", "json")
    assert result.exit_code == 1
    assert "points at records it does not contain (win #1 → contact #7)" in result.stderr
    assert Store(home).wins() == []


# (what is broken, how, what the error says after "nothing restored: ")
BROKEN: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "a missing field",
        lambda d: d["wins"][0].pop("escalated"),
        "wins record 1 (id 1): missing 'escalated'",
    ),
    (
        "a wrong type",
        lambda d: d["wins"][0].update(minutes="12"),
        "wins record 1 (id 1): 'minutes' must be a whole number or null, not '12'",
    ),
    (
        "an int as a bool",
        lambda d: d["wins"][1].update(escalated=1),
        "wins record 2 (id 2): 'escalated' must be true or false, not 1",
    ),
    (
        "a bool as an int",
        lambda d: d["learning"][0].update(minutes=True),
        "learning record 1 (id 1): 'minutes' must be a whole number or null, not True",
    ),
    (
        "a basic-format date",
        lambda d: d["wins"][0].update(when="20260101T100000+0000"),
        "wins record 1 (id 1): 'when' is not an ISO date and time (YYYY-MM-DDTHH:MM:SS+HH:MM): "
        "'20260101T100000+0000'",
    ),
    (
        "a moment without an offset",
        lambda d: d["contacts"][0].update(created="2026-01-01T09:00:00"),
        "contacts record 1 (id 1): 'created' is not an ISO date and time",
    ),
    (
        "an impossible day",
        lambda d: d["contacts"][0].update(last_contact="2026-02-30"),
        "contacts record 1 (id 1): 'last_contact' is not an ISO date (YYYY-MM-DD): '2026-02-30'",
    ),
    (
        "id 0",
        lambda d: d["wins"][0].update(id=0),
        "wins record 1 (id 0): 'id' holds an id that is not",
    ),
    (
        "an id as text",
        lambda d: d["wins"][0].update(id="1"),
        "wins record 1: 'id' must be a whole number, not '1'",
    ),
    (
        "a float id",
        lambda d: d["wins"][0].update(id=1.0),
        "wins record 1: 'id' must be a whole number",
    ),
    (
        "a bool id",
        lambda d: d["wins"][0].update(id=True),
        "wins record 1: 'id' must be a whole number",
    ),
    (
        "a repeated id",
        lambda d: d["wins"][1].update(id=1),
        "wins record 2 (id 1): id 1 appears twice",
    ),
    ("a missing id", lambda d: d["wins"][0].pop("id"), "wins record 1: missing 'id'"),
    (
        "a helper id as a bool",
        lambda d: d["wins"][0].update(helped_by=[True]),
        "wins record 1 (id 1): 'helped_by' must be a list, each a whole number, not [True]",
    ),
    (
        "an unknown field",
        lambda d: d["kudos"].append(
            {"id": 1, "when": NOW.isoformat(), "from": None, "note": "x", "win": None, "x": 1}
        ),
        "kudos record 1 (id 1): unknown field 'x'",
    ),
    (
        "an unknown skill",
        lambda d: d["wins"][0].update(skills=["made_up"]),
        "wins record 1 (id 1): 'skills' holds an unknown skill id",
    ),
    ("not an object", lambda d: d["links"].append("x"), "links record 1: not an object"),
    (
        "two bad records",
        lambda d: [d["wins"][0].pop("problem"), d["wins"][1].pop("problem")],
        "wins record 1 (id 1): missing 'problem' (2 bad records in all)",
    ),
    (
        "a profile target as text",
        lambda d: d["profile"].update(target_minutes="abc"),
        "the profile: 'target_minutes' must be a whole number, not 'abc'",
    ),
    (
        "a profile target as a bool",
        lambda d: d["profile"].update(target_minutes=True),
        "the profile: 'target_minutes' must be a whole number, not True",
    ),
    (
        "a profile target out of range",
        lambda d: d["profile"].update(target_minutes=0),
        "the profile: the target must be between 1 and 480 minutes, not 0",
    ),
    (
        "a profile language",
        lambda d: d["profile"].update(lang="xx"),
        "the profile: language must be en or nl, not 'xx'",
    ),
    (
        "a profile start in the future",
        lambda d: d["profile"].update(started="2030-01-01"),
        "the profile: the start date 2030-01-01 is in the future",
    ),
    (
        "a profile field",
        lambda d: d["profile"].update(colour="red"),
        "the profile: unknown field 'colour'",
    ),
    ("a profile list", lambda d: d.update(profile=[]), "the profile: not an object"),
    # Text follows the rules of typed input (core.text.check_text), limits included.
    (
        "an escape sequence in a name",
        lambda d: d["contacts"][0].update(name="Ana \x1b]0;pwned\x07"),
        "contacts record 1 (id 1): the 'name' contains a control character (\\x1b)",
    ),
    (
        "a bell in a problem",
        lambda d: d["wins"][1].update(problem="jam\x07"),
        "wins record 2 (id 2): the 'problem' contains a control character (\\x07)",
    ),
    (
        "a newline in a tag",
        lambda d: d["wins"][0].update(tags=["vpn", "a\nb"]),
        "wins record 1 (id 1): the 'tags' contains a control character (\\x0a)",
    ),
    (
        "an over-long name",
        lambda d: d["contacts"][0].update(name="x" * 201),
        "contacts record 1 (id 1): the 'name' is 201 characters long; the limit is 200",
    ),
]


# An export holds each month as its shard stores it ("fields", a row per win): a row is read back
# into the record it means and then checked like any record, so a hostile month restores nothing.
def _first(doc: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    month = doc["wins"][min(doc["wins"])]
    return month, month["wins"][min(month["wins"], key=int)]


HOSTILE_MONTHS = [
    ("a month that is a list", lambda d: d["wins"].update({"2026-01": [1]}),
     "the wins of month 2026-01 are not growthdesk's"),
    ("a field of no growthdesk", lambda d: _first(d)[0].update(fields=["when", "problem", "evil"]),
     "the wins of month 2026-10 are not growthdesk's"),
    ("a cell of the wrong type", lambda d: _first(d)[1].__setitem__(0, 12),
     "nothing restored: wins record 2 (id 2): 'when' must be text, not 12"),
    ("a row longer than its fields", lambda d: _first(d)[1].extend([1] * 20),
     "nothing restored: wins record 1: not an object"),
    ("a key that is no id", lambda d: _first(d)[0]["wins"].update(abc=list(_first(d)[1])),
     "nothing restored: wins record 1: 'id' must be a whole number, not 'abc'"),
    ("a row that is text", lambda d: _first(d)[0]["wins"].update({"9": "x"}),
     "nothing restored: wins record 1: not an object"),
    ("wins neither months nor a list", lambda d: d.update(wins=5),
     "'wins' is neither months nor a list"),
    ("a month twice", lambda d: d["wins"].update({"2020-01": copy.deepcopy(_first(d)[0])}),
     "nothing restored: wins record 3 (id 2): id 2 appears twice"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("break_it", "expected", "as_records"),
    [pytest.param(c[1], f"nothing restored: {c[2]}", True, id=c[0]) for c in BROKEN]
    + [pytest.param(*c[1:], False, id=c[0]) for c in HOSTILE_MONTHS],
)
def test_restore_refuses_invalid_records(
    invoke: Invoke,
    home: Path,
    tmp_path: Path,
    break_it: Callable[[dict[str, Any]], object],
    expected: str,
    as_records: bool,
) -> None:
    """One bad field anywhere refuses the whole restore, names the record, and writes nothing;
    in the wins as records (as exports before months wrote them) or as a month's rows."""
    doc = export_json(seed(home), NOW)
    if as_records:
        doc["wins"] = export_wins(doc["wins"], "")
    break_it(doc)
    path = tmp_path / "backup.json"
    path.write_bytes(orjson.dumps(doc))
    other = tmp_path / "other"
    with Store(other).transaction("a home with something in it") as tx:
        tx.set_profile({"role": "keep me"})
    before = _snapshot(other)
    result = invoke("--home", str(other), "import", str(path), "--from", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: backup.json: {expected}")
    assert len(result.stderr.splitlines()) == 1
    assert _snapshot(other) == before
    dry = invoke("--home", str(other), "import", str(path), "--from", "json", "--dry-run")
    assert (dry.exit_code, dry.stderr) == (1, result.stderr)


def test_an_unbroken_export_restores_into_that_home(
    invoke: Invoke, home: Path, tmp_path: Path
) -> None:
    """(The refusals above are about the one broken field.)"""
    path = tmp_path / "backup.json"
    path.write_bytes(orjson.dumps(export_json(seed(home), NOW)))
    other = tmp_path / "other"
    with Store(other).transaction("a home with something in it") as tx:
        tx.set_profile({"role": "keep me"})
    result = invoke("--home", str(other), "import", str(path), "--from", "json")
    assert result.exit_code == 0, result.output
    assert len(Store(other).wins()) == 2


@pytest.mark.parametrize(
    "command", [["log", "printer fixed", "-s", "printing"], ["wins", "edit", "1", "-m", "9"]]
)
def test_a_damaged_profile_fails_before_the_commit(
    invoke: Invoke, home: Path, command: list[str]
) -> None:
    """`log` used to save the win and then exit 1 on the profile, so a retry logged it twice.
    A command that commits exits 0; this one now stops before it writes anything."""
    seed(home)
    with Store(home).transaction("damage") as tx:  # as a hand-edited meta.json would
        tx.set_profile({"target_minutes": "abc"})
    before = _snapshot(home)
    result = invoke(*command)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the profile's target_minutes 'abc' is not valid; set it with "
        "growthdesk profile set --target-minutes 15\n"
    )
    assert _snapshot(home) == before
    assert invoke("profile", "set", "--target-minutes", "15").exit_code == 0
    assert invoke(*command).exit_code == 0
    assert len(Store(home).wins()) == 2 + (command[0] == "log")


# --- hypothesis round trip -----------------------------------------------------------------

# No control characters: a restore refuses them, as typed input does (core.text.check_text).
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
maybe_text = st.none() | text
moment = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
offset = st.sampled_from([0, 60, 120, -300, 330, 840])
iso = st.builds(
    lambda d, m: d.replace(tzinfo=timezone(timedelta(minutes=m))).isoformat(), moment, offset
)
skills = st.lists(st.sampled_from(SKILL_IDS), max_size=3, unique=True)


def _win(contacts: list[int]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "when": iso,
            "problem": text.filter(str.strip),
            "solution": maybe_text,
            "skills": skills,
            "skills_source": st.sampled_from(["manual", "auto"]),
            "minutes": st.none() | st.integers(1, 1440),
            "helped_by": st.lists(st.sampled_from(contacts), max_size=2, unique=True)
            if contacts
            else st.just([]),
            "ticket": maybe_text,
            "source": st.sampled_from(["manual", "jira", "topdesk"]),
            "tags": st.lists(text, max_size=3),
            "escalated": st.booleans(),
            "created": iso,
            "updated": iso,
        }
    )


@st.composite
def homes(draw: st.DrawFn) -> dict[str, Any]:
    contacts = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": text.filter(str.strip),
                    "kind": st.sampled_from(["colleague", "vendor", "trainer", "community"]),
                    "org": maybe_text,
                    "email": maybe_text,
                    "phone": maybe_text,
                    "specialties": st.dictionaries(
                        st.sampled_from(SKILL_IDS), st.integers(1, 5), max_size=3
                    ),
                    "strength": st.none() | st.integers(1, 5),
                    "met_at": st.none(),
                    "notes": text,
                    "last_contact": st.none() | st.dates().map(str),
                    "do_not_ask": st.booleans(),
                    "created": iso,
                }
            ),
            max_size=4,
        )
    )
    ids = list(range(1, len(contacts) + 1))
    return {
        "contacts": contacts,
        "wins": draw(st.lists(_win(ids), max_size=6)),
        "links": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "a": st.sampled_from(ids),
                        "b": st.sampled_from(ids),
                        "strength": st.integers(1, 5),
                        "note": text,
                    }
                ),
                max_size=3,
            )
        )
        if ids
        else [],
        "interactions": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "contact": st.sampled_from(ids),
                        "when": iso,
                        "kind": st.sampled_from(["asked", "helped", "met", "chat"]),
                        "note": text,
                    }
                ),
                max_size=3,
            )
        )
        if ids
        else [],
        "events": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": text,
                        "kind": st.sampled_from(["vendor", "training", "meetup", "conference"]),
                        "date": st.dates().map(str),
                        "skills": skills,
                        "met": st.lists(st.sampled_from(ids), max_size=2, unique=True)
                        if ids
                        else st.just([]),
                    }
                ),
                max_size=2,
            )
        ),
        "learning": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "when": iso,
                        "kind": st.sampled_from(["blog", "course", "lab"]),
                        "title": text,
                        "skills": skills,
                        "minutes": st.none() | st.integers(1, 600),
                        "url": maybe_text,
                    }
                ),
                max_size=3,
            )
        ),
        "kudos": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "when": iso,
                        "from": maybe_text,
                        "note": text,
                        "win": st.none(),
                    }
                ),
                max_size=2,
            )
        ),
        "profile": draw(
            st.fixed_dictionaries(
                {
                    "started": st.none()
                    | st.dates(date(1970, 1, 1), NOW.date()).map(date.isoformat),
                    # as `profile set --role` stores it: one-spaced, not a word that clears it
                    "role": st.none()
                    | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
                    .map(lambda t: " ".join(t.split()))
                    .filter(lambda t: t.lower() not in ("", "none", "-", "geen")),
                    "target_minutes": st.integers(1, 120),
                    "track": st.none() | st.sampled_from(["network", "cloud"]),
                    "lang": st.sampled_from(["en", "nl"]),
                }
            )
        ),
        "drop": draw(st.sets(st.integers(1, 6), max_size=2)),  # wins removed: ids get gaps
        "model": draw(
            st.none()
            | st.fixed_dictionaries(
                {
                    "version": st.just(1),
                    "terms": st.dictionaries(
                        text,
                        st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(-3, 9), max_size=2),
                        max_size=3,
                    ),
                }
            )
        ),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(homes())
def test_round_trip_any_home(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Store(Path(tmp) / "a")
        with source.transaction("seed") as tx:
            for table in (
                "contacts",
                "links",
                "interactions",
                "events",
                "learning",
                "kudos",
                "wins",
            ):
                tx.insert_many(table, spec[table])
            tx.set_profile(spec["profile"])
            if spec["model"] is not None:
                tx.set_model("tagger", spec["model"])
        with source.transaction("gaps") as tx:  # a separate step: ids with gaps must survive
            for win_id in spec["drop"]:
                if win_id <= len(spec["wins"]):
                    tx.remove("wins", win_id)
        source = Store(Path(tmp) / "a")
        path = Path(tmp) / "export.json"
        path.write_bytes(orjson.dumps(export_json(source, NOW)))

        target = Store(Path(tmp) / "b")
        plan = parse_file(path, "json")
        restore(target, plan)
        target = Store(Path(tmp) / "b")
        for table in EXPORT_TABLES:
            assert target.all(table) == source.all(table), table
        assert target.profile() == source.profile()
        assert target.model("tagger") == source.model("tagger")
        again = orjson.loads(orjson.dumps(export_json(target, NOW)))
        assert again == orjson.loads(path.read_bytes())


@pytest.mark.parametrize("table", ["wins", "contacts", "learning"])
def test_csv_of_empty_home_is_just_a_header(invoke: Invoke, home: Path, table: str) -> None:
    home.mkdir()  # a data folder with nothing in it
    result = invoke("export", "--format", "csv", "--table", table)
    assert result.exit_code == 0
    assert result.stdout.lstrip("\ufeff").splitlines() == [",".join(CSV_TABLES[table])]


# ---------------------------------------------------------------- write_output (every `-o`)


def test_write_output_is_private_and_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o644)
    write_output(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left


def test_write_output_refuses_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep me")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(UnsafeOutputError, match="link.txt"):
        write_output(link, b"new")
    assert link.is_symlink() and real.read_text() == "keep me"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_write_output_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeOutputError, match="pipe"):
        write_output(fifo, b"new")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_write_output_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_output(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    "args",
    [("export",), ("review",), ("network", "export", "--format", "json")],
    ids=["export", "review", "network-export"],
)
def test_every_output_option_refuses_a_symlink(
    invoke: Invoke, home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    seed(home)
    real = tmp_path / "real.txt"
    real.write_text("keep me")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = invoke(*args, "-o", str(link))
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.stderr and str(link) in result.stderr
    assert real.read_text() == "keep me" and link.is_symlink()
