"""Edit and remove everything: events, kudos, learning, several wins at once; ids as `#9`.

Every change is one undo step that `growthdesk undo` takes back whole; a refused one (unknown
id, bad value) exits 1 or 2 and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers.homes import snapshot

from growthdesk.store import Store

Invoke = Callable[..., Result]


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def _refused(invoke: Invoke, home: Path, args: list[str], code: int, error: str) -> None:
    """The command exits *code* with exactly *error* on stderr, and the store is unchanged."""
    before = snapshot(home)
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.splitlines()[-1] == error
    assert snapshot(home) == before


# ---------------------------------------------------------------- wins rm, #ID


def _three_wins(invoke: Invoke) -> None:
    for text in ("printer jam", "toner empty", "vpn token"):
        _ok(invoke("log", text, "-s", "printing"))


def test_wins_rm_takes_several_ids_in_one_undo_step(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    assert invoke("kudos", "Thanks!", "--win", "2").exit_code == 0
    result = _ok(invoke("wins", "rm", "1", "#2"))
    assert result.stdout == "Removed win #1: printer jam\nRemoved win #2: toner empty\n"
    assert [w["id"] for w in Store(home).wins()] == [3]
    assert Store(home).kudos()[0]["win"] is None  # the kudos keeps its text, loses the link
    assert _ok(invoke("undo")).stdout == "Undid: remove wins #1 #2\n"
    assert [w["id"] for w in Store(home).wins()] == [1, 2, 3]
    assert Store(home).kudos()[0]["win"] == 2
    assert _ok(invoke("undo")).stdout.startswith("Undid: kudos: Thanks!")  # one step, not two


def test_wins_rm_with_one_unknown_id_removes_nothing(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    _refused(invoke, home, ["wins", "rm", "1", "99", "2"], 1, "Error: no win record with id 99")
    assert len(Store(home).wins()) == 3


def test_a_repeated_id_is_removed_once(invoke: Invoke) -> None:
    _three_wins(invoke)
    assert _ok(invoke("wins", "rm", "3", "#3")).stdout == "Removed win #3: vpn token\n"


@pytest.mark.parametrize(
    "args",
    [
        ["wins", "show", "#2"],
        ["wins", "edit", "#2", "-m", "7"],
        ["kudos", "ok", "--win", "#2"],
    ],
)
def test_ids_are_accepted_as_printed(invoke: Invoke, args: list[str]) -> None:
    _three_wins(invoke)
    _ok(invoke(*args))


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["wins", "rm"], "Error: Missing argument 'ID...'."),
        (["wins", "rm", "#"], "Error: Invalid value for 'ID...': '' is not a valid integer range."),
        (["wins", "rm", "#0"], "Error: Invalid value for 'ID...': 0 is not in the range x>=1."),
        (["wins", "rm", "##1"], "Error: Invalid value for 'ID...': '#1' is not a valid integer range."),
    ],
)  # fmt: skip
def test_bad_ids_are_usage_errors(invoke: Invoke, home: Path, args: list[str], error: str) -> None:
    _three_wins(invoke)
    _refused(invoke, home, args, 2, error)


# ---------------------------------------------------------------- kudos


def test_kudos_edit_and_undo(invoke: Invoke, home: Path) -> None:
    _three_wins(invoke)
    _ok(invoke("kudos", "Thanks for the printer", "--from", "Mia", "--win", "1"))
    result = _ok(invoke("kudos", "edit", "#1", "--text", "Thanks  for the toner", "--win", "2"))
    assert result.stdout == "Updated kudos #1\n"
    (k,) = Store(home).kudos()
    assert (k["note"], k["from"], k["win"]) == ("Thanks for the toner", "Mia", 2)
    _ok(invoke("kudos", "edit", "1", "--from", "", "--no-win", "--when", "gisteren"))
    (k,) = Store(home).kudos()
    assert (k["from"], k["win"], k["when"][:10]) == (None, None, "2026-11-25")
    assert _ok(invoke("undo")).stdout == "Undid: edit kudos #1\n"
    assert _ok(invoke("undo")).stdout == "Undid: edit kudos #1\n"
    (k,) = Store(home).kudos()
    assert (k["note"], k["from"], k["win"]) == ("Thanks for the printer", "Mia", 1)


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["kudos", "edit", "9", "--text", "x"], 1, "Error: no kudos record with id 9"),
        (["kudos", "edit", "1", "--win", "99"], 1, "Error: No win #99."),
        (["kudos", "edit", "1", "--text", "   "], 1, "Error: Kudos text must not be empty."),
        (["kudos", "edit", "1", "--when", "morgen"], 1,
         "Error: 2026-11-27T10:00+01:00 is in the future; log kudos after it happened"),
        (["kudos", "edit", "1"], 1,
         "Error: nothing to change: give at least one option, e.g. --text TEXT"),
        (["kudos", "edit", "1", "--win", "1", "--no-win"], 1,
         "Error: --win and --no-win cannot go together"),
        (["kudos", "rm", "1", "2"], 1, "Error: no kudos record with id 2"),
    ],
)  # fmt: skip
def test_kudos_edit_and_rm_refusals_write_nothing(
    invoke: Invoke, home: Path, args: list[str], code: int, error: str
) -> None:
    _three_wins(invoke)
    _ok(invoke("kudos", "Thanks", "--win", "1"))
    _refused(invoke, home, args, code, error)


def test_kudos_rm_several_and_undo(invoke: Invoke, home: Path) -> None:
    _ok(invoke("kudos", "Thanks"))
    _ok(invoke("kudos", "Top geholpen"))
    result = _ok(invoke("kudos", "rm", "#1", "2"))
    assert result.stdout == "Removed kudos #1: Thanks\nRemoved kudos #2: Top geholpen\n"
    assert Store(home).kudos() == []
    assert _ok(invoke("undo")).stdout == "Undid: remove kudos #1 #2\n"
    assert [k["note"] for k in Store(home).kudos()] == ["Thanks", "Top geholpen"]


# ---------------------------------------------------------------- learning


def test_learn_edit_checks_as_add_and_undoes(invoke: Invoke, home: Path) -> None:
    _ok(invoke("learn", "Home lab: VLANs", "--kind", "lab", "-s", "network_connectivity"))
    result = _ok(
        invoke("learn", "edit", "#1", "--kind", "course", "-m", "90", "-s", "cloud_platforms")
    )
    assert result.stdout == "Updated learning #1: course, Cloud platforms & tenant admin\n"
    _ok(invoke("learn", "edit", "1", "--url", "https://example.org/vlan", "--text", "VLAN lab"))
    (x,) = Store(home).learning()
    assert (x["title"], x["kind"], x["minutes"], x["skills"], x["url"]) == (
        "VLAN lab",
        "course",
        90,
        ["cloud_platforms"],
        "https://example.org/vlan",
    )
    _ok(invoke("learn", "edit", "1", "--url", ""))
    assert Store(home).learning()[0]["url"] is None
    for _ in range(3):
        assert _ok(invoke("undo")).stdout == "Undid: edit learning #1\n"
    (x,) = Store(home).learning()
    assert (x["title"], x["kind"], x["minutes"], x["skills"], x["url"]) == (
        "Home lab: VLANs",
        "lab",
        None,
        ["network_connectivity"],
        None,
    )


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["learn", "edit", "7", "-m", "5"], 1, "Error: no learning record with id 7"),
        (["learn", "edit", "1", "-s", "printng"], 1,
         "Error: unknown skill 'printng'. Did you mean 'printing'? `growthdesk skills` lists them."),
        (["learn", "edit", "1", "--kind", "nap"], 1,
         "Error: unknown kind 'nap'; use one of blog, reading, course, lab, side-project, "
         "certification, event."),
        (["learn", "edit", "1", "--text", " "], 1, "Error: the learning text is empty"),
        (["learn", "edit", "1", "--url", "ftp://x"], 1,
         "Error: 'ftp://x' is not a web address (http:// or https://)"),
        (["learn", "edit", "1", "--when", "morgen"], 1,
         "Error: 2026-11-27T10:00+01:00 is in the future; log learning after it happened"),
        (["learn", "edit", "1", "-m", "0"], 2,
         "Error: Invalid value for '--minutes' / '-m': minutes must be more than 0, not 0"),
        (["learn", "edit", "1"], 1,
         "Error: nothing to change: give at least one option, e.g. --minutes 30"),
        (["learn", "rm", "1", "#8"], 1, "Error: no learning record with id 8"),
    ],
)  # fmt: skip
def test_learn_edit_and_rm_refusals_write_nothing(
    invoke: Invoke, home: Path, args: list[str], code: int, error: str
) -> None:
    _ok(invoke("learn", "Home lab: VLANs", "--kind", "lab", "-s", "network_connectivity"))
    _refused(invoke, home, args, code, error)


def test_learn_rm_several_and_undo(invoke: Invoke, home: Path) -> None:
    _ok(invoke("learn", "Krebs on Security", "--kind", "blog", "-s", "security_incidents"))
    _ok(invoke("learn", "AZ-104 module 2", "--kind", "course", "-s", "cloud_platforms"))
    result = _ok(invoke("learn", "rm", "1", "#2"))
    assert result.stdout == (
        "Removed learning #1: Krebs on Security\nRemoved learning #2: AZ-104 module 2\n"
    )
    assert Store(home).learning() == []
    assert _ok(invoke("undo")).stdout == "Undid: remove learning #1 #2\n"
    assert len(Store(home).learning()) == 2


# ---------------------------------------------------------------- events


def _cisco_live(invoke: Invoke) -> None:
    _ok(invoke("contact", "add", "Ana de Vries", "--strength", "4"))
    _ok(
        invoke(
            "event", "add", "Cisco Live", "--kind", "vendor", "--date", "2026-06-02",
            "--met", "Ana de Vries", "--met", "Kim Lund", "--skill", "remote_access",
        )
    )  # fmt: skip


def _met(home: Path) -> list[tuple[int, str, str, str]]:
    return [
        (i["contact"], i["kind"], i["when"][:10], i["note"]) for i in Store(home).interactions()
    ]


def test_event_edit_moves_renames_and_replaces_the_people_met(invoke: Invoke, home: Path) -> None:
    _cisco_live(invoke)
    result = _ok(
        invoke(
            "event", "edit", "cisco live", "--name", "Cisco Live EMEA", "--date", "2026-06-03",
            "--met", "ana", "--met", "Bo Berg",
        )
    )  # fmt: skip
    assert result.stderr == (
        "Updated event #1 Cisco Live EMEA on 2026-06-03\nNew contacts: Bo Berg\n"
    )
    (event,) = Store(home).events()
    assert (event["name"], event["date"], event["met"]) == ("Cisco Live EMEA", "2026-06-03", [1, 3])
    # Ana's "met" moved with the event; Kim's went (Kim stays a contact); Bo was met there.
    assert _met(home) == [
        (1, "met", "2026-06-03", "Cisco Live EMEA"),
        (3, "met", "2026-06-03", "Cisco Live EMEA"),
    ]
    people = {c["name"]: c for c in Store(home).contacts()}
    assert people["Kim Lund"]["met_at"] is None and people["Bo Berg"]["met_at"] == 1
    assert people["Ana de Vries"]["last_contact"] == "2026-06-03"
    assert invoke("event", "list").stdout == (
        "2026-06-03  Cisco Live EMEA (vendor) · VPN & remote · met Ana de Vries, Bo Berg\n"
    )
    assert _ok(invoke("undo")).stdout == "Undid: event edit cisco live\n"
    (event,) = Store(home).events()
    assert (event["name"], event["date"], event["met"]) == ("Cisco Live", "2026-06-02", [1, 2])
    assert _met(home) == [
        (1, "met", "2026-06-02", "Cisco Live"),
        (2, "met", "2026-06-02", "Cisco Live"),
    ]
    assert [c["name"] for c in Store(home).contacts()] == ["Ana de Vries", "Kim Lund"]


def test_event_rm_keeps_the_people_and_undo_restores_it(invoke: Invoke, home: Path) -> None:
    _cisco_live(invoke)
    _ok(invoke("event", "add", "ITIL course", "--kind", "training", "--date", "2026-10-01"))
    result = _ok(invoke("event", "rm", "#1", "itil course"))
    assert result.stderr == (
        "Removed event #1 Cisco Live on 2026-06-02\nRemoved event #2 ITIL course on 2026-10-01\n"
    )
    store = Store(home)
    assert store.events() == [] and store.interactions() == []
    assert [(c["name"], c["met_at"]) for c in store.contacts()] == [
        ("Ana de Vries", None),
        ("Kim Lund", None),
    ]
    assert _ok(invoke("undo")).stdout == "Undid: event rm #1, itil course\n"
    store = Store(home)
    assert [e["name"] for e in store.events()] == ["Cisco Live", "ITIL course"]
    assert len(store.interactions()) == 2 and store.contacts()[1]["met_at"] == 1


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["event", "edit", "#9", "--date", "2026-06-01"], 1, "Error: unknown event '#9'."),
        (["event", "edit", "cisco lve", "--kind", "meetup"], 1,
         "Error: unknown event 'cisco lve'. Did you mean 'Cisco Live'?"),
        (["event", "edit", "#1", "--date", "2026-12-01"], 1,
         "Error: event 'Cisco Live' is on 2026-12-01, in the future: you cannot have met "
         "anyone there yet"),
        (["event", "edit", "#1", "--date", "1989-01-01"], 1, "Error: 1989-01-01 is too far in the past"),
        (["event", "edit", "#1", "--skill", "printng"], 1,
         "Error: unknown skill 'printng'. Did you mean 'printing'? `growthdesk skills` lists them."),
        (["event", "edit", "#1", "--name", " "], 1, "Error: an event needs a name"),
        (["event", "edit", "#1", "--name", "ITIL course", "--date", "2026-10-01"], 1,
         "Error: event 'ITIL course' on 2026-10-01 already exists"),
        (["event", "edit", "#1"], 1,
         "Error: nothing to change: give at least one option, e.g. --date DATE"),
        (["event", "edit", "#1", "--kind", "party"], 2,
         "Error: Invalid value for '--kind': 'party' is not one of 'vendor', 'training', "
         "'meetup', 'conference'."),
        (["event", "rm", "#1", "#7"], 1, "Error: unknown event '#7'."),
    ],
)  # fmt: skip
def test_event_edit_and_rm_refusals_write_nothing(
    invoke: Invoke, home: Path, args: list[str], code: int, error: str
) -> None:
    _cisco_live(invoke)
    _ok(invoke("event", "add", "ITIL course", "--kind", "training", "--date", "2026-10-01"))
    _refused(invoke, home, args, code, error)


def test_a_planned_event_can_be_moved_while_nobody_was_met(invoke: Invoke, home: Path) -> None:
    _ok(invoke("event", "add", "ITIL course", "--kind", "training", "--date", "2026-12-10"))
    _ok(invoke("event", "edit", "ITIL course", "--date", "2026-12-17", "--kind", "conference"))
    rows = json.loads(invoke("event", "list", "--json").stdout)
    assert (rows[0]["date"], rows[0]["kind"], rows[0]["in_days"]) == (
        "2026-12-17",
        "conference",
        21,
    )
