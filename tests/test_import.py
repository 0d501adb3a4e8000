"""`growthdesk import`: dedupe, all-or-nothing, --skip-invalid, --dry-run, undo and bad input."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import Result

from growthdesk.store import SCHEMA_VERSION, Store

DATA = Path(__file__).parent / "data" / "imports"
Invoke = Callable[..., Result]


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home)


def copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copy(DATA / name, target)
    return target


def data_files(home: Path) -> list[tuple[str, bytes]]:
    """Every file of the home but its lock files, with its bytes."""
    from growthdesk.store.layout import GATE, LOCK

    files = sorted(p for p in home.rglob("*") if p.is_file() and p.name not in (LOCK, GATE))
    return [(str(p.relative_to(home)), p.read_bytes()) for p in files]


def nothing_written(home: Path) -> bool:
    """No data file exists: the store was at most opened, never committed to."""
    return not data_files(home)


def test_import_then_reimport_adds_nothing(invoke: Invoke, store: Store, tmp_path: Path) -> None:
    path = copy(tmp_path, "jira.csv")
    result = invoke("import", str(path), "--from", "jira", "--timezone", "UTC")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 2 wins from jira.csv (jira).\n  1 skipped (not solved yet or not a win).\n"
    )
    wins = Store(store.home).wins()
    assert [(w["ticket"], w["source"], w["when"], w["minutes"], w["tags"]) for w in wins] == [
        ("HD-101", "jira", "2024-05-11T15:26:00+00:00", 30, ["vpn", "windows"]),
        ("HD-102", "jira", "2024-05-13T09:05:00+00:00", 15, ["printer", "hp", "onsite"]),
    ]
    assert {w["created"] for w in wins} == {"2026-11-26T10:00:00+01:00"}
    assert all(w["helped_by"] == [] and w["escalated"] is False for w in wins)

    again = invoke("import", str(path), "--from", "JIRA", "--timezone", "UTC")
    assert again.exit_code == 0
    assert again.stdout == (
        "Nothing new to import from jira.csv.\n"
        "  2 already imported; 1 skipped (not solved yet or not a win).\n"
    )
    fresh = Store(store.home)
    assert len(fresh.wins()) == 2
    assert len(fresh.history()) == 1  # the empty re-import left no undo step


def test_same_ticket_twice_in_one_file_counts_once(
    invoke: Invoke, tmp_path: Path, home: Path
) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "ticket,problem,when\nT-1,VPN down,2024-05-02 10:00\nT-1,VPN down,2024-05-02 10:00\n"
        "T-2,Printer jam,2024-05-03 10:00\n",
        encoding="utf-8",
    )
    result = invoke("import", str(path), "--from", "csv")
    assert result.exit_code == 0
    assert "Imported 2 wins" in result.stdout
    assert "1 already imported" in result.stdout
    assert [w["ticket"] for w in Store(home).wins()] == ["T-1", "T-2"]


def test_jrnl_reimport_dedupes_without_ref(invoke: Invoke, home: Path) -> None:
    for _ in range(2):
        assert invoke("import", str(DATA / "jrnl.json"), "--from", "jrnl").exit_code == 0
    assert len(Store(home).wins()) == 3


def test_undo_takes_back_the_whole_import(invoke: Invoke, home: Path) -> None:
    result = invoke("import", str(DATA / "servicenow.csv"), "--from", "servicenow")
    assert result.exit_code == 0
    assert len(Store(home).wins()) == 3
    undone = invoke("undo")
    assert undone.exit_code == 0
    assert undone.stdout == "Undid: import from servicenow.csv (servicenow)\n"
    assert Store(home).wins() == []


def test_all_or_nothing_lists_every_rejected_row(invoke: Invoke, home: Path) -> None:
    result = invoke("import", str(DATA / "topdesk_nl.csv"), "--from", "topdesk")
    assert result.exit_code == 1
    assert "Rejected rows:\n  row 2: ambiguous date '03-05-2024 14:30' (day/month)" in result.stderr
    assert "  row 5: ambiguous date '04-06-2024 16:05' (day/month)" in result.stderr
    assert result.stderr.rstrip().endswith(
        "Error: nothing imported: rows 2, 5 have ambiguous day/month dates; "
        "pass --dayfirst or --date-format (e.g. %d-%m-%Y)"
    )
    assert nothing_written(home)
    dutch = invoke("--lang", "nl", "import", str(DATA / "topdesk_nl.csv"), "--from", "topdesk")
    assert dutch.stderr.rstrip().endswith(  # the same hint: the rows are found in Dutch too
        "Fout: niets geïmporteerd: rijen 2, 5 hebben dubbelzinnige dag/maand-datums; "
        "geef --dayfirst of --date-format op (bijvoorbeeld %d-%m-%Y)"
    )
    assert nothing_written(home)
    ok = invoke("import", str(DATA / "topdesk_nl.csv"), "--from", "topdesk", "--dayfirst")
    assert ok.exit_code == 0
    assert [w["ticket"] for w in Store(home).wins()] == ["I 2405 001", "I 2405 002", "I 2406 004"]


def test_bad_row_stops_everything(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "when,problem,minutes\n2024-05-02 10:00,VPN down,5\n2024-05-03 10:00,Printer jam,lots\n"
        "2099-01-01 10:00,From the future,5\n2024-05-04 10:00,,5\n",
        encoding="utf-8",
    )
    result = invoke("import", str(path), "--from", "csv", "--timezone", "UTC")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-5:] == [
        "Rejected rows:",
        "  row 3: unrecognised duration 'lots'",
        "  row 4: 2099-01-01T10:00+00:00 is in the future; log a win after it happened",
        "  row 5: no problem text (column 'problem')",
        "Error: nothing imported: 3 rows rejected (rows 3, 4, 5); fix them or pass "
        "--skip-invalid to import the 1 good row",
    ]
    assert nothing_written(home)


def test_skip_invalid_imports_good_rows_and_writes_report(
    invoke: Invoke, home: Path, tmp_path: Path
) -> None:
    path = copy(tmp_path, "topdesk_nl.csv")
    result = invoke("import", str(path), "--from", "topdesk", "--skip-invalid")
    assert result.exit_code == 0
    report = tmp_path / "topdesk_nl.csv.rejected.csv"
    assert f"Warning: the rejected rows are listed in {report}" in result.stderr
    assert "Imported 1 win from topdesk_nl.csv (topdesk)." in result.stdout
    assert [w["ticket"] for w in Store(home).wins()] == ["I 2405 002"]
    assert report.read_text(encoding="utf-8-sig").splitlines() == [
        "row,status,reason",
        "2,rejected,ambiguous date '03-05-2024 14:30' (day/month): pass --dayfirst or --date-format",
        "4,skipped,not solved yet (no 'Datum afgemeld')",
        "5,rejected,ambiguous date '04-06-2024 16:05' (day/month): pass --dayfirst or --date-format",
    ]


def test_report_goes_to_the_current_folder_when_the_import_folder_is_read_only(
    invoke: Invoke, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growthdesk.io import commit

    source = tmp_path / "readonly"
    source.mkdir()
    path = copy(source, "topdesk_nl.csv")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    real = commit.write_output

    def read_only(target: Path, data: bytes) -> None:
        if Path(target).parent == source:  # (root ignores chmod, so refuse like a read-only mount)
            raise PermissionError(13, "Permission denied", str(target))
        real(target, data)

    monkeypatch.setattr(commit, "write_output", read_only)
    result = invoke("import", str(path), "--from", "topdesk", "--skip-invalid")
    assert result.exit_code == 0, result.output
    report = here / "topdesk_nl.csv.rejected.csv"
    assert f"Warning: the rejected rows are listed in {report}" in result.stderr
    assert report.read_text(encoding="utf-8-sig").startswith("row,status,reason\n")
    assert not (source / "topdesk_nl.csv.rejected.csv").exists()


def test_dry_run_writes_nothing(invoke: Invoke, home: Path) -> None:
    result = invoke(
        "import", str(DATA / "glpi.csv"), "--from", "glpi", "--dry-run", "--timezone", "UTC"
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("  2024-05-14 11:20  1042")
    assert lines[0].endswith("Excel macro blocked after update")
    assert lines[1].startswith("  2024-05-15 09:00  1043")
    assert lines[-1] == "Would import 2 wins (0 already imported, 1 skipped, 0 rejected)."
    assert "Dry run: nothing is written." in result.stderr
    assert nothing_written(home)


def test_dry_run_json(invoke: Invoke, home: Path) -> None:
    result = invoke(
        "import", str(DATA / "osticket.csv"), "--from", "osticket", "--dry-run", "--json"
    )
    doc = orjson.loads(result.stdout)
    assert {k: doc[k] for k in ("read", "new", "duplicates", "skipped", "rejected")} == {
        "read": 3,
        "new": 2,
        "duplicates": 0,
        "skipped": 1,
        "rejected": 0,
    }
    assert [w["ticket"] for w in doc["wins"]] == ["100231", "100232"]
    assert nothing_written(home)


def test_zammad_xls_name_via_cli(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    path = copy(tmp_path, "zammad.xlsx", "tickets.xls")
    result = invoke("import", str(path), "--from", "zammad")
    assert result.exit_code == 0, result.output
    assert "Note: dates without an offset read in Europe/Berlin, as the file says" in result.stderr
    assert [w["ticket"] for w in Store(home).wins()] == ["31001", "31002"]


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        (b"", "csv", "Error: empty.csv is empty"),
        (b"\xef\xbb\xbf  \r\n", "jira", "Error: empty.csv is empty"),
        (
            b"\x00\x01\x02garbage\x00" * 50,
            "csv",
            "Error: empty.csv is a binary file, not a CSV/XLSX export",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "zammad",
            "Error: empty.csv is an old binary .xls workbook; save it as .xlsx or CSV first",
        ),
        (b"\x00\x01", "json", "Error: empty.csv is a binary file, not a growthdesk export"),
        (b"{not json", "json", "Error: empty.csv is not valid JSON"),
        (b'{"entries": []}', "json", "(it looks like a jrnl export: --from jrnl)"),
        (b"[[1, 2]]", "jrnl", "is not a jrnl JSON export"),
        (
            b"Summary,Resolved\nVPN,2024-05-01\n",
            "jira",
            "Error: empty.csv: missing required column for 'ref' (Jira export: expected one of "
            "'issue key', 'sleutel', 'issue-sleutel', 'schlussel'); name the column with --map COLUMN=ref",
        ),
    ],
)
def test_bad_files(
    invoke: Invoke, home: Path, tmp_path: Path, content: bytes, fmt: str, message: str
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    result = invoke("import", str(path), "--from", fmt)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # one clear line, no traceback
    assert nothing_written(home)


def test_wrong_from(invoke: Invoke, home: Path) -> None:
    result = invoke("import", str(DATA / "jira.csv"), "--from", "remedy")
    assert result.exit_code == 2
    assert "Invalid value for '--from'" in result.stderr
    assert nothing_written(home)


def test_wrong_preset_suggests_the_right_one(invoke: Invoke, home: Path) -> None:
    result = invoke("import", str(DATA / "jira.csv"), "--from", "servicenow")
    assert result.exit_code == 1
    assert "missing required column for 'ref' (ServiceNow export" in result.stderr
    assert result.stderr.rstrip().endswith("(the file looks like a Jira export: --from jira)")


def test_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(tmp_path / "nope.csv"), "--from", "csv")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.csv'}: no such file\n"


def test_fifty_megabyte_file_is_refused(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write(b"when,problem\n")
        fh.truncate(50 * 1000 * 1000)  # sparse: costs no disk
    result = invoke("import", str(path), "--from", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: huge.csv is 50.0 MB; imports are limited to files under 50 MB "
        "(export a shorter date range and import the parts)\n"
    )
    assert nothing_written(home)


def test_newer_schema_export_is_refused(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_bytes(
        orjson.dumps({"format": "growthdesk-export", "schema_version": 99, "wins": []})
    )
    result = invoke("import", str(path), "--from", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: future.json was exported by a newer growthdesk (schema 99; this version reads up "
        f"to {SCHEMA_VERSION}); upgrade growthdesk to import it\n"
    )
    assert nothing_written(home)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "nocolumn"], "expected COLUMN=FIELD"),
        (["--dayfirst", "--date-format", "%d-%m-%Y"], "give --date-format or --dayfirst, not both"),
    ],
)
def test_bad_options(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke("import", str(DATA / "generic.csv"), "--from", "csv", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_map_on_worklog_and_bad_zone(invoke: Invoke) -> None:
    result = invoke("import", str(DATA / "jrnl.json"), "--from", "jrnl", "--map", "a=when")
    assert result.exit_code == 1
    assert "--map applies to table formats (CSV/XLSX), not to --from jrnl" in result.stderr
    result = invoke(
        "import", str(DATA / "jira.csv"), "--from", "jira", "--timezone", "Nowhere/City"
    )
    assert result.exit_code == 1
    assert "unknown time zone 'Nowhere/City'" in result.stderr


def test_commit_dedupes_under_the_lock_too(home: Path) -> None:
    """parse_file without known keys (e.g. another process imported meanwhile): the commit
    itself still skips wins that are already there."""
    from datetime import datetime, timezone

    from growthdesk.io.commit import commit_import
    from growthdesk.io.importers import ImportOptions, parse_file

    now = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
    plan = parse_file(DATA / "freshdesk.csv", "freshdesk", ImportOptions(timezone="UTC"))
    first = commit_import(Store(home), plan, now=now)
    second = commit_import(Store(home), plan, now=now)
    assert (first.added, first.duplicates, second.added, second.duplicates) == (2, 0, 0, 2)
    assert [w["ticket"] for w in Store(home).wins()] == ["5001", "5002"]


def test_skip_invalid_without_rejections_writes_no_report(invoke: Invoke, tmp_path: Path) -> None:
    path = copy(tmp_path, "glpi.csv")
    result = invoke("import", str(path), "--from", "glpi", "--skip-invalid")
    assert result.exit_code == 0
    assert "Imported 2 wins from glpi.csv (glpi)." in result.stdout
    assert not (tmp_path / "glpi.csv.rejected.csv").exists()
    assert "Warning" not in result.stderr


def test_restore_dry_run_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("import", str(DATA / "jira.csv"), "--from", "jira").exit_code == 0
    backup = tmp_path / "b.json"
    assert invoke("export", "-o", str(backup)).exit_code == 0
    other = tmp_path / "other"
    result = invoke("--home", str(other), "import", str(backup), "--from", "json", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == (
        "Would restore 2 wins, 0 contacts, 0 links, 0 interactions, 0 events, 0 learning\n"
        "entries, 0 kudos.\n"
    )
    assert nothing_written(other)


@pytest.mark.parametrize(
    ("name", "fmt", "extra", "count"),
    [
        ("topdesk_nl.csv", "topdesk", ["--dayfirst"], 3),
        ("osticket.csv", "osticket", [], 2),
        ("osticket_nl.csv", "osticket", [], 1),
        ("glpi.csv", "glpi", [], 2),
        ("jira.csv", "jira", [], 2),
        ("servicenow.csv", "servicenow", [], 3),
        ("freshdesk.csv", "freshdesk", [], 2),
        ("zendesk.csv", "zendesk", [], 2),
        ("zammad.xlsx", "zammad", [], 2),
        ("jrnl.json", "jrnl", [], 3),
        ("watson_frames", "watson", [], 3),
        ("watson_log.json", "watson", [], 1),
        ("generic.csv", "csv", ["--map", "Wat=problem", "--map", "Nummer=ref"], 3),
    ],
)
def test_every_format_imports_once(
    invoke: Invoke, home: Path, name: str, fmt: str, extra: list[str], count: int
) -> None:
    args = ["import", str(DATA / name), "--from", fmt, "--timezone", "Europe/Amsterdam", *extra]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    wins = "win" if count == 1 else "wins"
    assert first.stdout.startswith(f"Imported {count} {wins} from {name} ({fmt}).\n")
    second = invoke(*args)
    assert second.exit_code == 0
    assert second.stdout.startswith(
        f"Nothing new to import from {name}.\n  {count} already imported"
    )
    wins = Store(home).wins()
    assert len(wins) == count
    assert {w["source"] for w in wins} == {fmt}
    assert len(Store(home).history()) == 1


def _outcome(result: Result) -> tuple[int, list[str], str | dict[str, int]]:
    """(exit code, rejected rows listed, the error without any "dry run: " or the counts)."""
    lines = result.stderr.splitlines()
    listed = [line for line in lines if line.startswith("  row ")]
    if result.exit_code:
        return result.exit_code, listed, lines[-1].replace("Error: dry run: ", "Error: ")
    doc = orjson.loads(result.stdout)
    added = doc["new"] if doc["dry_run"] else doc["added"]
    counts = {k: doc[k] for k in ("read", "duplicates", "skipped", "rejected")}
    return 0, listed, {"added": added, **counts}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("glpi.csv", ["--from", "glpi"]),
        ("topdesk_nl.csv", ["--from", "topdesk"]),  # ambiguous dates: stops, names --dayfirst
        ("topdesk_nl.csv", ["--from", "topdesk", "--dayfirst"]),
        ("topdesk_nl.csv", ["--from", "topdesk", "--skip-invalid"]),
        ("bad.csv", ["--from", "csv"]),  # bad rows: stops, names --skip-invalid
        ("bad.csv", ["--from", "csv", "--skip-invalid"]),
        ("jira.csv", ["--from", "jira"]),  # imported once before: all duplicates
        ("jrnl.json", ["--from", "jrnl"]),
    ],
)
def test_dry_run_tells_what_the_import_does(
    invoke: Invoke, home: Path, tmp_path: Path, name: str, args: list[str]
) -> None:
    """The dry run's outcome (exit code, rows, error or counts) is the real import's."""
    if name == "bad.csv":
        path = tmp_path / name
        path.write_text(
            "when,problem,minutes\n2024-05-02 10:00,VPN down,5\n2024-05-03 10:00,Jam,lots\n"
        )
    else:
        path = copy(tmp_path, name)
    if name == "jira.csv":
        assert invoke("import", str(path), *args).exit_code == 0
    common = ["import", str(path), *args, "--timezone", "UTC", "--json"]
    before = data_files(home)
    dry = invoke(*common, "--dry-run")
    assert data_files(home) == before
    real = invoke(*common)
    assert _outcome(dry) == _outcome(real)
    if real.exit_code:
        assert dry.stderr.splitlines()[-1].startswith("Error: dry run: nothing imported: ")
        assert "--dayfirst" in dry.stderr or "--skip-invalid" in dry.stderr
        assert nothing_written(home)


def test_dry_run_names_the_report_of_skipped_rows(invoke: Invoke, tmp_path: Path) -> None:
    path = copy(tmp_path, "topdesk_nl.csv")
    result = invoke("import", str(path), "--from", "topdesk", "--skip-invalid", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "Would import 1 win (0 already imported, 1 skipped, 2 rejected)."
    )
    assert f"The rejected rows would be listed in {path}.rejected.csv." in result.stderr
    assert not (tmp_path / "topdesk_nl.csv.rejected.csv").exists()


def test_text_limits_are_those_of_log(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    """Ticket, tag and helper take the 200 characters `log` takes (core.text.SHORT_TEXT)."""
    ok, long = "T" * 200, "T" * 201
    path = tmp_path / "limits.csv"
    path.write_text(
        "date,title,ticket,tags,helped_by\n"
        f"2026-11-02,printer jam,{ok},{'t' * 200},{'Ana ' + 'x' * 196}\n"
        f"2026-11-03,toner empty,{long},,\n"
    )
    result = invoke("import", str(path), "--from", "csv", "--skip-invalid")
    assert result.exit_code == 0, result.output
    logged = invoke("log", "paper tray", "--ticket", long)
    assert logged.exit_code == 1
    assert f"row 3: {logged.stderr.removeprefix('Error: ').strip()}" in result.stderr
    (win,) = Store(home).wins()
    assert (win["ticket"], win["tags"]) == (ok, ["t" * 200])


def test_helpers_created_by_an_import_are_named(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    """A contact created as a side effect is never silent (issue 16)."""
    invoke("contact", "add", "Ana de Vries")
    path = tmp_path / "helpers.csv"
    path.write_text(
        "date,title,helped_by\n"
        "2026-11-02,printer jam,Ana de Vries\n"
        "2026-11-03,toner empty,Kim Lund\n"
        "2026-11-04,vpn token,kim lund\n"
    )
    result = invoke("import", str(path), "--from", "csv")
    assert result.exit_code == 0, result.output
    assert "Added 1 contact who helped: Kim Lund\n" in result.stderr
    assert [c["name"] for c in Store(home).all("contacts")] == ["Ana de Vries", "Kim Lund"]
    again = tmp_path / "more.csv"
    again.write_text("date,title,helped_by\n2026-11-05,badge,Ana de Vries\n")
    result = invoke("import", str(again), "--from", "csv", "--json")
    assert orjson.loads(result.stdout)["new_contacts"] == []
    assert "contacts who helped" not in result.stderr
