"""What we print cannot attack the terminal, and what we read in cannot carry the attack.

Data written straight into the store (as an old version, a hand edit or a crafted backup
could) holds terminal escape sequences in every text field; no command may print an ESC,
BEL, C1 or other control byte from it. Colours we add ourselves still work on a terminal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from growthdesk.core.text import check_text, printable
from growthdesk.store import Store

Invoke = Callable[..., Result]

OSC = "\x1b]0;pwned\x07Evil"  # sets the window title, then "Evil"
CLEAR = "\x1b[2J"  # clears the screen
CSI8 = "\x9b2J"  # the same as one C1 character (8-bit CSI)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _contact(cid: int, name: str, **extra: object) -> dict[str, object]:
    return {
        "id": cid,
        "name": name,
        "kind": "colleague",
        "org": CLEAR + "Org",
        "email": f"x{CSI8}@example.com",
        "phone": None,
        "specialties": {"printing": 5},
        "strength": 4,
        "met_at": None,
        "notes": f"note {CLEAR} {CSI8}\x07\x08\r",
        "last_contact": "2025-01-01",
        "do_not_ask": False,
        "created": "2025-01-01T10:00:00+01:00",
        **extra,
    }


def _seed(home: Path) -> None:
    """Every text field of every table holds an escape sequence."""
    store = Store(home)
    with store.transaction("seed " + OSC) as tx:
        tx.insert("contacts", _contact(1, OSC, met_at=1))
        tx.insert("contacts", _contact(2, CLEAR + "Bob"))
        tx.insert("contacts", _contact(3, "Eve Plain", met_at=1))  # a name one can type
        tx.insert("contacts", _contact(4, "Eve " + CLEAR))
        tx.insert("links", {"a": 1, "b": 2, "strength": 3, "note": "knows \x07 " + OSC})
        tx.insert("links", {"a": 3, "b": 1, "strength": 3, "note": "knows \x07 " + OSC})
        for cid in (1, 3):
            tx.insert(
                "interactions",
                {"contact": cid, "when": "2026-11-20T10:00:00+01:00", "kind": "chat", "note": OSC},
            )
        tx.insert(
            "events",
            {"name": OSC, "kind": "vendor", "date": "2026-06-02", "skills": [], "met": [1, 3]},
        )
        tx.insert(
            "wins",
            {
                "when": "2026-11-20T10:00:00+01:00",
                "problem": f"printer {CLEAR} jam {CSI8}",
                "solution": "restart the spooler \x07" + OSC,
                "skills": ["printing"],
                "skills_source": "manual",
                "minutes": 5,
                "helped_by": [1, 3],
                "ticket": "INC" + CLEAR,
                "source": "manual",
                "tags": ["t" + CSI8],
                "escalated": False,
            },
        )
        tx.insert(
            "kudos",
            {"when": "2026-11-21T10:00:00+01:00", "from": OSC, "note": "thanks " + CLEAR, "win": 1},
        )
        tx.insert(
            "learning",
            {
                "when": "2026-11-22T08:00:00+01:00",
                "kind": "blog",
                "title": "blog " + OSC,
                "skills": ["printing"],
                "minutes": 10,
                "url": None,
            },
        )
        tx.set_profile({"role": OSC})
    store.close()


COMMANDS = [
    ("contact", "list"),
    ("contact", "show", "Eve Plain"),
    ("contact", "list", "--contains", "org"),
    ("event", "list"),
    ("ask", "printer jam"),
    ("stats",),
    ("stats", "--period", "all"),
    ("review",),
    ("review", "--format", "html"),
    ("network", "stale"),
    ("kudos", "list"),
    ("profile",),
    ("wins",),
    ("wins", "show", "1"),
    ("learn", "list"),
    ("recall", "printer jam"),
    ("path",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_control_byte_from_the_data_reaches_the_output(
    invoke: Invoke, home: Path, args: tuple[str, ...]
) -> None:
    _seed(home)
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    out = result.stdout + result.stderr
    assert CONTROL.search(out) is None, repr(CONTROL.search(out))
    if args != ("path",):  # (path shows no names or texts)
        assert "\\x1b" in out  # the data is shown, neutralised, not dropped


@pytest.mark.parametrize(
    "args",
    [a + ("--json",) for a in COMMANDS if a[0] not in ("review", "recall", "path")]
    + [("recall", "printer jam", "--json"), ("undo", "--list", "--json")],
    ids=lambda a: " ".join(a),
)
def test_json_escapes_every_control_character_and_keeps_the_value(
    invoke: Invoke, home: Path, args: tuple[str, ...]
) -> None:
    _seed(home)
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert CONTROL.search(result.stdout.replace("\n", " ")) is None
    assert any(CONTROL.search(text) for text in _strings(json.loads(result.stdout)))


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(k) + _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_c1_characters_in_json_are_escaped_as_the_same_value(invoke: Invoke, home: Path) -> None:
    _seed(home)
    result = invoke("wins", "--json")
    assert "\\u009b2J" in result.stdout and "\x9b" not in result.stdout
    assert json.loads(result.stdout)[0]["problem"] == f"printer {CLEAR} jam {CSI8}"


def test_error_messages_quoting_the_data_are_neutralised(invoke: Invoke, home: Path) -> None:
    _seed(home)
    # "Eve" could be "Eve Plain" or the stored "Eve \x1b[2J": the error quotes both.
    expected = (
        "Error: 'Eve' fits 2 contacts: #3 Eve Plain, #4 Eve \\x1b[2J; "
        "type more of the name or its #id\n"
    )
    assert invoke("contact", "show", "Eve").stderr == expected
    assert invoke("log", "printer again", "-s", "printing", "--helped-by", "Eve").stderr == expected
    result = invoke("contact", "add", "Eve Plane")  # the refusal quotes the look-alikes
    assert result.exit_code == 1 and "Error: 'Eve Plane' looks like existing" in result.stderr
    assert CONTROL.search(result.stderr) is None


def test_a_control_character_typed_on_the_command_line_is_refused(
    invoke: Invoke, home: Path
) -> None:
    for args in (
        ("contact", "add", OSC),
        ("log", "printer" + CLEAR),
        ("kudos", "thanks", "--from", "Mia" + CSI8),
        ("profile", "set", "--role", "lead\x07"),
        ("event", "add", CLEAR, "--kind", "vendor", "--date", "gisteren"),
        ("contact", "add", "Ana", "--note", "line\rover"),
    ):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert CONTROL.search(result.stderr) is None
        assert "contains a control character; type plain text" in result.stderr
    assert not home.exists()  # refused before anything was opened


def test_newlines_and_tabs_pass_where_text_has_lines(invoke: Invoke) -> None:
    note = "step 1\n\tstep 2"
    assert invoke("contact", "add", "Ana", "--note", note).exit_code == 0
    shown = invoke("contact", "show", "Ana", "--json")
    assert json.loads(shown.stdout)["notes"] == note


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact name", OSC, "contains a control character (\\x1b)"),
        ("note", "a\x00b", "contains a control character (\\x00)"),
        ("event name", CSI8, "contains a control character (\\x9b)"),
        ("kudos sender", "a\udcffb", "is not valid UTF-8 text"),
    ],
)
def test_the_domain_refuses_control_characters_too(field: str, value: str, message: str) -> None:
    """What the command line lets through (imports, the API) is checked again, by one rule."""
    with pytest.raises(Exception, match=re.escape(f"the {field} {message}")):
        check_text(value, field, 200, multiline=field == "note")


def test_printable_makes_every_control_visible_and_keeps_the_rest() -> None:
    assert printable(OSC) == "\\x1b]0;pwned\\x07Evil"
    assert printable(CSI8 + "\x7f\r") == "\\x9b2J\\x7f\\x0d"
    assert printable("a\udcffb") == "a\\xffb"  # an undecodable byte, shown as itself
    assert printable("naïve\tline\nnext — ✓") == "naïve\tline\nnext — ✓"


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _on_a_terminal(home: Path, *args: str) -> str:
    """Run growthdesk with stdout on a pseudo-terminal (so colour is on); its output."""
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(GROWTHDESK_HOME=str(home), TERM="xterm", COLUMNS="100")
    proc = subprocess.Popen(
        [sys.executable, "-m", "growthdesk", *args], stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args", [("contact", "list"), ("wins",), ("stats",), ("export", "--format", "csv")]
)
def test_on_a_terminal_only_our_own_colour_codes_are_printed(
    home: Path, args: tuple[str, ...]
) -> None:
    _seed(home)
    out = _on_a_terminal(home, *args)
    plain = _SGR.sub("", out).replace("\r\n", "\n")
    assert CONTROL.search(plain) is None, repr(CONTROL.search(plain))
    if args != ("export", "--format", "csv"):
        assert _SGR.search(out)  # colour is on, and it survived
    assert "\\x1b" in plain
