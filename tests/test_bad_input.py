"""Every kind of bad input, as a table: arguments, damaged store files and hostile import files.

Each row gives the command line, the exit code (2: the command line is malformed, or a number
is outside the range its option declares; 1: growthdesk's own rules refuse it) and the error,
exactly or as a precise part. Every row asserts one `Error:` line (after click's usage lines
for exit 2, or the list of rejected rows for an import), nothing on stdout, no traceback, and
a data folder that is byte for byte what it was (every file hashed before and after).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import click
import orjson
import pytest
from click.testing import CliRunner
from helpers.homes import win_record

from growthdesk.cli import cli
from growthdesk.store import Store

NAME_5000 = "N" * 5000
BIG = "x" * 1_000_000
OSC = "\x1b]0;pwned\x07Evil"


def _win(day: str, problem: str) -> dict[str, object]:
    return win_record(f"2026-11-{day}T10:00:00+01:00", problem)


def _contact(name: str, kind: str = "colleague") -> dict[str, object]:
    return {
        "name": name,
        "kind": kind,
        "org": None,
        "email": None,
        "phone": None,
        "specialties": {"printing": 4},
        "strength": 3,
        "met_at": None,
        "notes": "",
        "last_contact": None,
        "do_not_ask": False,
        "created": "2026-11-01T10:00:00+01:00",
    }


def _seed(home: Path) -> None:
    store = Store(home)
    with store.transaction("seed") as tx:
        for i in range(3):
            tx.insert("wins", _win(f"0{i + 1}", f"seed win {i}"))
        tx.insert("contacts", _contact("Ana de Vries"))
        tx.insert("contacts", _contact("Dev Patel", "vendor"))
        tx.insert(
            "events",
            {"name": "Cisco Live", "kind": "vendor", "date": "2026-06-02", "skills": [], "met": []},
        )
        tx.insert("kudos", {"when": "2026-11-02T10:00:00+01:00", "from": "Mia", "note": "thanks"})
        tx.set_profile({"started": "2025-03-01"})
    store.close()


# ---------------------------------------------------------------- homes the rows start from


def _write(rel: str, payload: bytes) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        (home / rel).write_bytes(payload)

    return damage


def _remove(rel: str) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        (home / rel).unlink()

    return damage


def _newer(home: Path) -> None:
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = 99
    (home / "meta.json").write_bytes(orjson.dumps(meta))


def _shard_is_a_folder(home: Path) -> None:
    (home / "wins" / "2026-11.json").unlink()
    (home / "wins" / "2026-11.json").mkdir()


MISSING = "missing"  # no data folder at all: it must still not exist afterwards
FILE = "file"  # the data folder's path is a file

# ---------------------------------------------------------------- import files


def _import_files(folder: Path) -> None:
    folder.mkdir()
    head = "when,problem,minutes\n"
    files: dict[str, bytes | str] = {
        "nan.csv": head + "2026-11-01 10:00,printer jam,nan\n",
        "baddate.csv": head + "31/31/2026,printer jam,5\n",
        "ambiguous.csv": head + "03/04/2026 10:00,printer jam,5\n",
        "future.csv": head + "2030-01-01 10:00,printer jam,5\n",
        "noproblem.csv": head + "2026-11-01 10:00,,5\n",
        "control.csv": head + "2026-11-01 10:00,printer \x1b[2J jam,5\n",
        "hugeminutes.csv": head + "2026-11-01 10:00,printer jam,99999999999999999999999\n",
        "wide.csv": ",".join(f"c{i}" for i in range(200_000)) + "\n",
        "empty.csv": "",
        "ok.csv": head + "2026-11-01 10:00,printer jam,5\n",
        "nested.json": "[" * 100_000 + "]" * 100_000,
        "notjson.json": "{not json",
        "foreign.json": '{"format": "something else"}',
        "fake.xlsx": b"PK\x03\x04 not really a zip",
    }
    for name, data in files.items():
        path = folder / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data)
    (folder / "a-folder.csv").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.csv")


class Row(NamedTuple):
    label: str
    args: list[str]
    code: int
    message: str
    home: str | Callable[[Path], None] = "seeded"
    env: dict[str, str] | None = None


def log(*extra: str) -> list[str]:
    return ["log", "fixed the printer", "-s", "printing", *extra]


def when(phrase: str) -> list[str]:
    return log("--when", phrase)


NO_DATA = "no growthdesk data in {home}; check --home or GROWTHDESK_HOME"
OUT_OF_RANGE = "is not a date between 1900 and 2126"
TWICE = "is given more than once"
CONTROL = "contains a control character; type plain text"
DOCTOR = "; run `growthdesk doctor --restore`"
FILES = "{files}"

ROWS: list[Row] = [
    # ------------------------------------------------------------ dates
    Row("unreadable date", when("blurf"), 1, "cannot read the date 'blurf'"),
    Row("ambiguous date", when("03-04-2026"), 1, "the date '03-04-2026' is ambiguous"),
    Row("impossible date", when("31-02-2026"), 1, "'31-02-2026' is not a real date"),
    Row("bad ISO date", when("2026-13-45"), 1, "'2026-13-45' is not a valid ISO-8601 date"),
    Row("future date", when("2027-01-01"), 1, "2027-01-01T12:00+01:00 is in the future"),
    Row("future phrase", when("tomorrow"), 1, "is in the future; log a win after it happened"),
    Row("later today", when("vandaag 18:00"), 1, "2026-11-26T18:00+01:00 is in the future"),
    Row("year 1", when("0001-01-01"), 1, f"'0001-01-01' {OUT_OF_RANGE}"),
    Row("year 9999", when("9999-12-31"), 1, f"'9999-12-31' {OUT_OF_RANGE}"),
    Row("a billion days ago", when("1000000000 days ago"), 1, OUT_OF_RANGE),
    Row("999999999 days ago", when("999999999 days ago"), 1, OUT_OF_RANGE),
    Row("20-digit days ago", when("99999999999999999999 days ago"), 1, OUT_OF_RANGE),
    Row("ten million weeks ago", when("10000000 weeks ago"), 1, OUT_OF_RANGE),
    Row("before 1990", when("1950-01-01"), 1, "Error: 1950-01-01 is too far in the past"),
    Row("the day before 1990", when("1989-12-31"), 1, "1989-12-31 is too far in the past"),
    Row("a 101-character date", when("x" * 101), 1, "'xxxxxxxxxxxxxxxxxxxx…' is too long to be a date"),
    Row("empty date", when(" "), 1, "Error: empty date"),
    Row("hour 25", when("gisteren 25:00"), 1, "'25:00' is not a time of day"),
    Row("wins --since", ["wins", "--since", "blurf"], 1, "cannot read the date 'blurf'"),
    Row("wins --until year 9999", ["wins", "--until", "9999-12-31"], 1, OUT_OF_RANGE),
    Row(
        "since after until",
        ["wins", "--since", "2026-12-01", "--until", "2026-01-01"],
        1,
        "--since 2026-12-01 is after --until 2026-01-01",
    ),
    Row("review --since year 1", ["review", "--since", "0001-01-01"], 1, OUT_OF_RANGE),
    Row("review --until far", ["review", "--until", "1000000000 days ago"], 1, OUT_OF_RANGE),
    Row(
        "kudos tomorrow",
        ["kudos", "thanks", "--when", "2026-11-27"],
        1,
        "2026-11-27T12:00+01:00 is in the future; log kudos after it happened",
    ),
    Row("kudos in 1950", ["kudos", "thanks", "--when", "1950-06-01"], 1, "1950-06-01 is too far"),
    Row(
        "learning in the future",
        ["learn", "a blog", "--kind", "blog", "-s", "printing", "--when", "2027-01-01"],
        1,
        "is in the future; log learning after it happened",
    ),
    Row(
        "interaction tomorrow",
        ["contact", "touch", "Ana", "--when", "2026-11-27"],
        1,
        "an interaction cannot be in the future (2026-11-27)",
    ),
    Row(
        "interaction in 1980",
        ["contact", "touch", "Ana", "--when", "1980-01-01"],
        1,
        "1980-01-01 is too far in the past",
    ),
    Row(
        "event in 1980",
        ["event", "add", "Old fair", "--kind", "vendor", "--date", "1980-01-01"],
        1,
        "1980-01-01 is too far in the past",
    ),
    Row(
        "event in year 1",
        ["event", "add", "Old fair", "--kind", "vendor", "--date", "0001-01-01"],
        1,
        OUT_OF_RANGE,
    ),
    Row(
        "met someone at a future event",
        ["event", "add", "Expo", "--kind", "vendor", "--date", "2027-01-01", "--met", "Bo"],
        1,
        "you cannot have met anyone there yet",
    ),
    Row(
        "start in the future",
        ["profile", "set", "--started", "2027-01-01"],
        1,
        "the start date 2027-01-01 is in the future",
    ),
    Row(
        "start before 1970",
        ["profile", "set", "--started", "1960-01-01"],
        1,
        "the start date 1960-01-01 is too far in the past",
    ),
    Row(
        "start 21 years ago without --yes",
        ["profile", "set", "--started", "2005-03-01"],
        1,
        "Error: the start date 2005-03-01 is 21 years ago; add --yes if that is right",
    ),
    Row(
        "start a billion days ago",
        ["profile", "set", "--started", "1000000000 days ago"],
        1,
        OUT_OF_RANGE,
    ),
    Row("edit to the future", ["wins", "edit", "1", "--when", "2030-01-01"], 1, "in the future"),
    Row(
        "clock set to garbage",
        log(),
        1,
        "Error: GROWTHDESK_NOW='soon' is not an ISO-8601 time",
        env={"GROWTHDESK_NOW": "soon"},
    ),
    # ------------------------------------------------------------ numbers (exit 2: click's range)
    Row("negative minutes", log("-m", "-5"), 2, "minutes must be more than 0, not -5"),
    Row("zero minutes", log("-m", "0"), 2, "minutes must be more than 0, not 0"),
    Row("huge minutes", log("-m", "100000"), 2, "100000 minutes is more than the limit of 1440"),
    Row("1441 minutes", log("-m", "1441"), 2, "more than the limit of 1440 (24 hours)"),
    Row("text minutes", log("-m", "ten"), 2, "minutes must be a number, not 'ten'"),
    Row("NaN minutes", log("-m", "nan"), 2, "minutes must be more than 0, not nan"),
    Row("infinite minutes", log("-m", "inf"), 2, "inf minutes is more than the limit"),
    Row("1e400 minutes", log("-m", "1e400"), 2, "more than the limit of 1440"),
    Row(
        "learning minutes",
        ["learn", "course", "--kind", "course", "-s", "printing", "-m", "6001"],
        2,
        "6001 minutes is more than the limit of 6000 (100 hours)",
    ),
    Row("edit bad minutes", ["wins", "edit", "1", "-m", "-1"], 2, "minutes must be more than 0"),
    Row("zero limit", ["wins", "--limit", "0"], 2, "0 is not in the range x>=1"),
    Row("text limit", ["wins", "-n", "abc"], 2, "'abc' is not a valid integer range"),
    Row("kudos list zero", ["kudos", "list", "-n", "0"], 2, "0 is not in the range x>=1"),
    Row("ask top 0", ["ask", "vpn", "--top", "0"], 2, "0 is not in the range 1<=x<=50"),
    Row("ask top 51", ["ask", "vpn", "--top", "51"], 2, "51 is not in the range 1<=x<=50"),
    Row("recall limit 101", ["recall", "vpn", "-n", "101"], 2, "101 is not in the range 1<=x<=100"),
    Row("strength 6", ["contact", "add", "Bo", "--strength", "6"], 2, "6 is not in the range 1<=x<=5"),
    Row("strength 0", ["contact", "add", "Bo", "--strength", "0"], 2, "0 is not in the range"),
    Row(
        "link strength 9",
        ["contact", "link", "Ana", "Dev", "--strength", "9"],
        2,
        "9 is not in the range 1<=x<=5",
    ),
    Row(
        "target 0",
        ["profile", "set", "--target-minutes", "0"],
        2,
        "0 is not in the range 1<=x<=480",
    ),
    Row("target 481", ["profile", "set", "--target-minutes", "481"], 2, "not in the range 1<=x<=480"),
    Row("target text", ["profile", "set", "--target-minutes", "abc"], 2, "'abc' is not a valid"),
    Row("win id 0", ["wins", "show", "0"], 2, "0 is not in the range x>=1"),
    Row("win id text", ["wins", "show", "abc"], 2, "'abc' is not a valid integer range"),
    Row("win id 1.5", ["wins", "rm", "1.5"], 2, "'1.5' is not a valid integer range"),
    Row("kudos --win 0", ["kudos", "ok", "--win", "0"], 2, "0 is not in the range x>=1"),
    Row("demo seed text", ["demo", "--seed", "abc"], 2, "'abc' is not a valid integer"),
    Row(
        "a 20-digit win id",
        ["wins", "show", "99999999999999999999"],
        1,
        "no win record with id 99999999999999999999",
    ),
    Row("kudos for a missing win", ["kudos", "ok", "--win", "999"], 1, "Error: No win #999."),
    Row(
        "specialty level 9",
        ["contact", "add", "Bo", "--specialty", "printing:9"],
        1,
        "specialty level must be 1-5, got 9",
    ),
    Row(
        "specialty level text",
        ["contact", "add", "Bo", "--specialty", "printing:x"],
        1,
        "specialty level must be a number 1-5, got 'x'",
    ),
    # ------------------------------------------------------------ text: one limit per kind
    Row("empty text", ["log", ""], 1, "the problem text is empty"),
    Row("blank text", ["log", "   "], 1, "the problem text is empty"),
    Row("1 MB text", ["log", BIG], 1, "the problem text is 1000000 characters long; the limit is 2000"),
    Row("201-char ticket", log("--ticket", "T" * 201), 1, "the ticket text is 201 characters long; the limit is 200"),
    Row("empty tag", log("--tag", " "), 1, "the tag text is empty"),
    Row("201-char tag", log("--tag", "t" * 201), 1, "the tag text is 201 characters long"),
    Row("20001-char solution", log("--solution", "s" * 20001), 1, "the solution text is 20001 characters long; the limit is 20000"),
    Row("201-char helper", log("--helped-by", "H" * 201), 1, "the helper name text is 201 characters long"),
    Row("5000-char contact name", ["contact", "add", NAME_5000], 1, "the contact name is 5000 characters long; the limit is 200"),
    Row("empty contact name", ["contact", "add", "  "], 1, "a contact name cannot be empty"),
    Row("201-char organisation", ["contact", "add", "Bo", "--org", "O" * 201], 1, "the organisation is 201 characters long"),
    Row("100000-char note", ["contact", "add", "Bo", "--note", "n" * 100_000], 1, "the note is 100000 characters long; the limit is 20000"),
    Row("touch note 20001", ["contact", "touch", "Ana", "--note", "n" * 20001], 1, "the note is 20001 characters long"),
    Row("link note 20001", ["contact", "link", "Ana", "Dev Patel", "--note", "n" * 20001], 1, "the note is 20001 characters long"),
    Row("rename to 5000 chars", ["contact", "edit", "Ana", "--name", NAME_5000], 1, "the contact name is 5000 characters long"),
    Row("201-char event", ["event", "add", "E" * 201, "--kind", "vendor", "--date", "gisteren"], 1, "the event name is 201 characters long"),
    Row("blank event", ["event", "add", " ", "--kind", "vendor", "--date", "gisteren"], 1, "an event needs a name"),
    Row("2001-char kudos", ["kudos", "k" * 2001], 1, "the kudos text is 2001 characters long; the limit is 2000"),
    Row("201-char kudos sender", ["kudos", "thanks", "--from", "F" * 201], 1, "the kudos sender is 201 characters long"),
    Row("blank kudos", ["kudos", "   "], 1, "Error: Kudos text must not be empty."),
    Row("2001-char learning", ["learn", "l" * 2001, "--kind", "blog", "-s", "printing"], 1, "the learning text is 2001 characters long"),
    Row("201-char role", ["profile", "set", "--role", "r" * 201], 1, "the role is 201 characters long; the limit is 200"),
    Row("edit to empty text", ["wins", "edit", "1", "--text", " "], 1, "the problem text is empty"),
    Row("edit a 201-char ticket", ["wins", "edit", "1", "--ticket", "T" * 201], 1, "the ticket text is 201 characters"),
    # ------------------------------------------------------------ what may not be typed at all
    Row("BEL in the text", ["log", "bell\x07here"], 2, f"argument 2 ('bell\\x07here') {CONTROL}"),
    Row("ESC in a name", ["contact", "add", OSC], 2, f"argument 3 ('\\x1b]0;pwned\\x07Evil') {CONTROL}"),
    Row("C1 in a sender", ["kudos", "ok", "--from", "a\x9bb"], 2, CONTROL),
    Row("CR in a note", ["contact", "add", "Bo", "--note", "a\rb"], 2, CONTROL),
    Row("NUL in a path", ["review", "-o", "x\x00y"], 2, CONTROL),
    Row("invalid UTF-8 text", ["log", "\udcff"], 2, "argument 2 ('\\xff') is not valid UTF-8 text"),
    Row("invalid UTF-8 home", ["--home", "a\udcfe", "wins"], 2, "argument 2 ('a\\xfe') is not valid UTF-8"),
    Row("invalid UTF-8 option", ["wins", "--contains", "\udce9t\udce9"], 2, "is not valid UTF-8 text"),
    # ------------------------------------------------------------ shapes
    Row("e-mail without @", ["contact", "add", "Bo", "--email", "bo.example.com"], 1, "'bo.example.com' is not an e-mail address"),
    Row("e-mail without domain", ["contact", "add", "Bo", "--email", "bo@localhost"], 1, "is not an e-mail address (name@example.com)"),
    Row("e-mail with a space", ["contact", "add", "Bo", "--email", "b o@x.nl"], 1, "'b o@x.nl' is not an e-mail address"),
    Row("edit to a bad e-mail", ["contact", "edit", "Ana", "--email", "ana@"], 1, "'ana@' is not an e-mail address"),
    Row("phone in words", ["contact", "add", "Bo", "--phone", "call me"], 1, "'call me' is not a phone number"),
    Row("phone of 2 digits", ["contact", "add", "Bo", "--phone", "12"], 1, "'12' is not a phone number"),
    Row("phone of 21 digits", ["contact", "add", "Bo", "--phone", "1" * 21], 1, "is not a phone number"),
    Row("web address", ["learn", "x", "--kind", "blog", "-s", "printing", "--url", "ftp://x"], 1, "'ftp://x' is not a web address"),
    # ------------------------------------------------------------ an option given twice
    Row("--ticket twice", log("--ticket", "A", "--ticket", "B"), 2, f"option '--ticket' / '-t' {TWICE}"),
    Row("--minutes twice", log("-m", "5", "--minutes", "6"), 2, f"option '--minutes' / '-m' {TWICE}"),
    Row("--when twice", log("--when", "gisteren", "--when", "vandaag"), 2, f"'--when' / '-w' {TWICE}"),
    Row("--from twice", ["kudos", "ok", "--from", "A", "--from", "B"], 2, f"option '--from' {TWICE}"),
    Row("--since twice", ["wins", "--since", "2026-01-01", "--since", "2026-02-01"], 2, TWICE),
    Row("--home twice", ["--home", "a", "--home", "b", "wins"], 2, f"option '--home' {TWICE}"),
    Row("--org twice", ["contact", "add", "Bo", "--org", "A", "--org", "B"], 2, f"'--org' {TWICE}"),
    Row("--track twice", ["profile", "set", "--track", "network", "--track", "security"], 2, TWICE),
    Row("--format twice", ["export", "--format", "json", "--format", "csv"], 2, TWICE),
    Row("-o twice", ["review", "-o", "a.md", "-o", "b.md"], 2, f"option '-o' / '--output' {TWICE}"),
    Row("on and off", ["wins", "edit", "1", "--escalated", "--not-escalated"], 2, TWICE),
    Row("--kind twice", ["learn", "x", "--kind", "blog", "--kind", "lab"], 2, TWICE),
    Row("--top twice", ["ask", "vpn", "--top", "1", "--top", "2"], 2, f"option '--top' {TWICE}"),
    Row("--json twice", ["wins", "--json", "--json"], 2, f"option '--json' {TWICE}"),
    # ------------------------------------------------------------ unknown values
    Row("unknown skill", log("--skill", "printng"), 1, "unknown skill 'printng'. Did you mean 'printing'?"),
    Row("skill given as a topic", ["log", "x y", "--skill", "vpn"], 1, "unknown skill 'vpn'. Did you mean 'remote_access'?"),
    Row("empty skill", ["log", "x y", "--skill", ""], 1, "unknown skill ''"),
    Row("filter unknown skill", ["wins", "--skill", "vpn"], 1, "unknown skill 'vpn'"),
    Row("contact list unknown skill", ["contact", "list", "--skill", "nope"], 1, "unknown skill 'nope'"),
    Row("learning kind typo", ["learn", "x", "--kind", "blgo"], 1, "unknown kind 'blgo'"),
    Row("learn list kind typo", ["learn", "list", "--kind", "nope"], 1, "unknown kind 'nope'"),
    Row("track typo", ["path", "--track", "securty"], 1, "unknown track 'securty'"),
    Row("language", ["profile", "set", "--lang", "de"], 1, "language must be en or nl, not 'de'"),
    Row("contact kind", ["contact", "add", "Bo", "--kind", "boss"], 2, "'boss' is not one of"),
    Row("interaction kind", ["contact", "touch", "Ana", "--kind", "hug"], 2, "'hug' is not one of"),
    Row("event kind", ["event", "add", "P", "--kind", "party", "--date", "gisteren"], 2, "'party' is not one of"),
    Row("stats period", ["stats", "--period", "decade"], 2, "'decade' is not one of"),
    Row("review format", ["review", "--format", "pdf"], 2, "'pdf' is not one of 'md', 'html'"),
    Row("graph format", ["network", "export", "--format", "pdf"], 2, "'pdf' is not one of"),
    Row("--table with json", ["export", "--table", "wins"], 2, "--table goes with --format csv"),
    Row("unknown option", ["log", "x", "--nope"], 2, "Error: No such option '--nope'."),
    Row("unknown command", ["nosuchcommand"], 2, "No such command 'nosuchcommand'"),
    Row("missing text", ["log"], 2, "Missing argument 'TEXT...'"),
    Row("nothing to set", ["profile", "set"], 2, "nothing to set; give --started"),
    # ------------------------------------------------------------ records that are not there
    Row("show unknown win", ["wins", "show", "999"], 1, "no win record with id 999"),
    Row("edit unknown win", ["wins", "edit", "999", "-m", "5"], 1, "no win record with id 999"),
    Row("rm unknown win", ["wins", "rm", "999"], 1, "no win record with id 999"),
    Row("edit without changes", ["wins", "edit", "1"], 1, "nothing to change"),
    Row("unknown contact", ["contact", "show", "Nobody"], 1, "Error: unknown contact 'Nobody'"),
    Row("contact near miss", ["contact", "show", "Ana de Vris"], 1, "Did you mean 'Ana de Vries'?"),
    Row("edit unknown contact", ["contact", "edit", "Nobody", "--org", "X"], 1, "unknown contact 'Nobody'"),
    Row("rm unknown contact", ["contact", "rm", "Nobody"], 1, "unknown contact 'Nobody'"),
    Row("touch unknown contact", ["contact", "touch", "Nobody"], 1, "unknown contact 'Nobody'"),
    Row("link to an unknown contact", ["contact", "link", "Ana", "Nobody"], 1, "unknown contact 'Nobody'"),
    Row("link to oneself", ["contact", "link", "Ana", "Ana de Vries"], 1, "cannot link 'Ana de Vries' to themselves"),
    Row("via an unknown contact", ["contact", "add", "Bo", "--via", "Nobody"], 1, "unknown contact 'Nobody'"),
    Row("met at an unknown event", ["contact", "add", "Bo", "--met-at", "Nowhere"], 1, "unknown event 'Nowhere'"),
    Row("contact twice", ["contact", "add", "ana de vries"], 1, "contact 'Ana de Vries' already exists"),
    Row("event twice", ["event", "add", "Cisco Live", "--kind", "vendor", "--date", "2026-06-02"], 1, "event 'Cisco Live' on 2026-06-02 already exists"),
    Row("edit contact without changes", ["contact", "edit", "Ana"], 1, "nothing to change for 'Ana de Vries'"),
    Row("helper near miss", log("--helped-by", "Ana de Vris"), 1, "Did you mean 'Ana de Vries'?"),
    # ------------------------------------------------------------ the data folder
    Row("wins in a missing folder", ["wins"], 1, NO_DATA, MISSING),
    Row("wins show in a missing folder", ["wins", "show", "1"], 1, NO_DATA, MISSING),
    Row("stats in a missing folder", ["stats"], 1, NO_DATA, MISSING),
    Row("review in a missing folder", ["review"], 1, NO_DATA, MISSING),
    Row("export in a missing folder", ["export"], 1, NO_DATA, MISSING),
    Row("contacts in a missing folder", ["contact", "list"], 1, NO_DATA, MISSING),
    Row("ask in a missing folder", ["ask", "vpn"], 1, NO_DATA, MISSING),
    Row("path in a missing folder", ["path"], 1, NO_DATA, MISSING),
    Row("profile in a missing folder", ["profile"], 1, NO_DATA, MISSING),
    Row("kudos in a missing folder", ["kudos", "list"], 1, NO_DATA, MISSING),
    Row("learning in a missing folder", ["learn", "list"], 1, NO_DATA, MISSING),
    Row("stale in a missing folder", ["network", "stale"], 1, NO_DATA, MISSING),
    Row("rm in a missing folder", ["wins", "rm", "1"], 1, NO_DATA, MISSING),
    Row("touch in a missing folder", ["contact", "touch", "Ana"], 1, NO_DATA, MISSING),
    Row("usage error in a missing folder", log("-m", "0"), 2, "minutes must be more than 0", MISSING),
    Row("home is a file", log(), 1, "is a file, not a folder", FILE),
    Row("empty --home", ["--home", "", "wins"], 2, "Invalid value for '--home': the data folder cannot be empty"),
    # ------------------------------------------------------------ damaged store files
    Row("empty meta.json", log(), 1, f"data file meta.json is empty{DOCTOR}", _write("meta.json", b"")),
    Row("truncated shard", ["wins"], 1, "data file wins/2026-11.json is damaged", _write("wins/2026-11.json", b'{"wins": {"1": {"when"')),
    Row("NUL-filled shard", ["wins"], 1, "data file wins/2026-11.json is empty", _write("wins/2026-11.json", b"\0" * 64)),
    Row("foreign JSON", log(), 1, "data file meta.json is not a growthdesk file", _write("meta.json", b"[1, 2, 3]")),
    Row("main.json a list", ["contact", "list"], 1, "data file main.json is not a growthdesk file", _write("main.json", b"[]")),
    Row("main.json not UTF-8", ["contact", "list"], 1, "data file main.json is damaged (not valid JSON)", _write("main.json", b"\xff\xfe{}")),
    Row("main.json nested deep", ["contact", "list"], 1, "data file main.json is damaged", _write("main.json", b"[" * 100_000 + b"]" * 100_000)),
    Row("main.json missing", ["contact", "list"], 1, "data file main.json is missing", _remove("main.json")),
    Row("shard missing", ["wins"], 1, "data file wins/2026-11.json is missing", _remove("wins/2026-11.json")),
    Row("meta.json missing", ["wins"], 1, "data file meta.json is missing", _remove("meta.json")),
    Row("shard is a folder", ["wins"], 1, "data file wins/2026-11.json is unreadable (Is a directory)", _shard_is_a_folder),
    Row("undo.json damaged", ["undo"], 1, "data file undo.json is damaged (not valid JSON)", _write("undo.json", b"{bad")),
    Row("journal damaged", ["wins"], 1, "journal.json (an interrupted change) was not applied", _write("journal.json", b"{bad")),
    Row("newer store", ["wins"], 1, "written by a newer growthdesk (schema 99", _newer),
    # ------------------------------------------------------------ hostile import files
    Row("import NaN minutes", ["import", f"{FILES}/nan.csv", "--from", "csv"], 1, "row 2: 'nan' is not a duration"),
    Row("import impossible date", ["import", f"{FILES}/baddate.csv", "--from", "csv"], 1, "row 2: impossible date '31/31/2026'"),
    Row("import ambiguous date", ["import", f"{FILES}/ambiguous.csv", "--from", "csv"], 1, "row 2 has an ambiguous day/month date; pass --dayfirst"),
    Row("import future date", ["import", f"{FILES}/future.csv", "--from", "csv"], 1, "is in the future; log a win after it happened"),
    Row("import without problem", ["import", f"{FILES}/noproblem.csv", "--from", "csv"], 1, "row 2: no problem text"),
    Row("import control character", ["import", f"{FILES}/control.csv", "--from", "csv"], 1, "row 2: the problem text contains a control character (\\x1b)"),
    Row("import 23-digit minutes", ["import", f"{FILES}/hugeminutes.csv", "--from", "csv"], 1, "Error: nothing imported: 1 row rejected"),
    Row("import 200,000 columns", ["import", f"{FILES}/wide.csv", "--from", "csv"], 1, "line 1 has 200000 columns; the limit is 2000"),
    Row("import an empty file", ["import", f"{FILES}/empty.csv", "--from", "csv"], 1, "Error: empty.csv is empty"),
    Row("import nested JSON", ["import", f"{FILES}/nested.json", "--from", "json"], 1, "nested.json is not valid JSON"),
    Row("import broken JSON", ["import", f"{FILES}/notjson.json", "--from", "json"], 1, "notjson.json is not valid JSON"),
    Row("import foreign JSON", ["import", f"{FILES}/foreign.json", "--from", "json"], 1, "foreign.json is not a growthdesk export"),
    Row("import a fake XLSX", ["import", f"{FILES}/fake.xlsx", "--from", "topdesk"], 1, "fake.xlsx is not a readable XLSX workbook"),
    Row("import a folder", ["import", f"{FILES}/a-folder.csv", "--from", "csv"], 1, "a-folder.csv is a folder, not a file"),
    Row("import a FIFO", ["import", f"{FILES}/fifo.csv", "--from", "csv"], 1, "fifo.csv is not a regular file"),
    Row("import /dev/zero", ["import", "/dev/zero", "--from", "csv"], 1, "/dev/zero is not a regular file"),
    Row("import a missing file", ["import", f"{FILES}/missing.csv", "--from", "csv"], 1, "missing.csv: no such file"),
    Row("import unknown format", ["import", f"{FILES}/ok.csv", "--from", "nosuch"], 2, "'nosuch' is not one of"),
    Row("import bad --map", ["import", f"{FILES}/ok.csv", "--from", "csv", "--map", "nonsense"], 2, "expected COLUMN=FIELD"),
    Row("import unknown field", ["import", f"{FILES}/ok.csv", "--from", "csv", "--map", "when=nosuch"], 1, "unknown field 'nosuch'"),
    Row("import unknown zone", ["import", f"{FILES}/ok.csv", "--from", "csv", "--timezone", "Mars/Olympus"], 1, "unknown time zone 'Mars/Olympus'"),
    Row("import unknown encoding", ["import", f"{FILES}/ok.csv", "--from", "csv", "--encoding", "klingon"], 1, "unknown encoding 'klingon'"),
    Row("import two delimiters", ["import", f"{FILES}/ok.csv", "--from", "csv", "--delimiter", ";;"], 1, "--delimiter must be one character"),
    Row("import both date options", ["import", f"{FILES}/ok.csv", "--from", "csv", "--dayfirst", "--date-format", "%d"], 2, "give --date-format or --dayfirst, not both"),
    Row("import a date format that never matches", ["import", f"{FILES}/ok.csv", "--from", "csv", "--date-format", "%Q"], 1, "does not match --date-format %Q"),
]  # fmt: skip


def _hashes(home: Path) -> dict[str, str] | str | None:
    """Every file in the home by path and SHA-256 (folders too), or the file, or None."""
    if not home.exists():
        return None
    if home.is_file():
        return hashlib.sha256(home.read_bytes()).hexdigest()
    out = {}
    for path in sorted(home.rglob("*")):
        rel = str(path.relative_to(home))
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("bad-input")
    _seed(base / "seeded")
    _import_files(base / "files")
    return {"seeded": base / "seeded", "files": base / "files"}


def _error_line(stderr: str, code: int) -> str:
    """The one Error line; before it only click's usage lines or an import's rejected rows
    (returned with it: they name the row and its fault)."""
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], stderr
    context = lines[:-1]
    if code == 2:
        assert context[:1] == [] or context[0].startswith("Usage: "), stderr
    else:
        assert context == [] or context[0] == "Rejected rows:", stderr
        # one row each, wrapped at the screen width (continued under its text)
        assert all(line.startswith(("  row ", "      ")) for line in context[1:]), stderr
        assert context[1:2] == [] or context[1].startswith("  row "), stderr
        return "\n".join(lines) if context else errors[0]
    return errors[0]


@pytest.mark.parametrize("row", ROWS, ids=[r.label for r in ROWS])
def test_bad_input_changes_nothing(
    row: Row,
    home: Path,
    templates: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if row.home == "seeded":
        shutil.copytree(templates["seeded"], home)
    elif row.home == FILE:
        home.write_text("not a folder")
    elif callable(row.home):
        shutil.copytree(templates["seeded"], home)
        row.home(home)
    for key, value in (row.env or {}).items():
        monkeypatch.setenv(key, value)
    args = [a.replace(FILES, str(templates["files"])) for a in row.args]
    before = _hashes(home)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == row.code, (row.label, result.output)
    assert result.stdout == "", result.stdout
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert row.message.format(home=home) in _error_line(result.stderr, row.code)
    assert _hashes(home) == before


def test_the_table_is_long_and_every_label_is_unique() -> None:
    assert len(ROWS) >= 100
    assert len({r.label for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    "argv",
    [
        [b"log", b"\xff"],
        [b"contact", b"add", b"Ana \xc3("],
        [b"--home", b"/tmp/\xfe", b"wins"],
        [b"wins", b"--contains", b"caf\xe9"],
    ],
    ids=["text", "name", "home", "filter"],
)
def test_bytes_that_are_not_utf8_on_a_real_command_line(home: Path, argv: list[bytes]) -> None:
    """Python hands undecodable argv bytes over as lone surrogates: refused, named, exit 2."""
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"growthdesk", *argv],
        capture_output=True,
        env={**os.environ, "GROWTHDESK_HOME": str(home), "LC_ALL": "C.UTF-8"},
    )
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert stderr.splitlines()[-1].endswith("is not valid UTF-8 text"), stderr
    assert "Traceback" not in stderr and done.stdout == b""
    assert not home.exists()


def _commands(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            out += _commands(sub, [*path, name])
    return out


def _value(option: click.Option) -> list[str]:
    if option.is_flag:
        return []
    if isinstance(option.type, click.Choice):
        return [str(option.type.choices[0])]
    return ["1"]  # fits every number type, and is text too


def test_every_single_value_option_of_every_command_refuses_a_repeat(home: Path) -> None:
    """One mechanism for all commands (the root group mixes NoRepeats into each one it loads):
    so a command added later cannot forget it. Nothing is read or written."""
    checked = 0
    for path, command in _commands(cli, []):
        for option in command.params:
            if not isinstance(option, click.Option) or option.multiple or option.is_eager:
                continue
            name = option.opts[0]
            args = [*path, name, *_value(option), name, *_value(option)]
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 2, (args, result.output)
            assert f"{option.get_error_hint(click.Context(command))} is given more than once" in (
                result.stderr
            ), args
            checked += 1
    assert checked >= 100  # every command, its group options and the root's --home
    assert not home.exists()
