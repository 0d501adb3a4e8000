"""Events: people met are created or linked, get a "met" interaction; future events refuse "met"."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers.homes import snapshot

from growthdesk.store import Store


def test_event_creates_and_links_people(invoke: Callable[..., Result], home: Path) -> None:
    assert invoke("contact", "add", "Ana de Vries", "--strength", "4").exit_code == 0
    assert (
        invoke("contact", "add", "Dev Patel", "--kind", "vendor", "--via", "Ana de Vries").exit_code
        == 0
    )
    result = invoke(
        "event",
        "add",
        "Cisco Live",
        "--kind",
        "vendor",
        "--date",
        "2026-06-02",
        "--met",
        "dev patel",
        "--met",
        "Kim Lund",
        "--skill",
        "remote_access",
        "--skill",
        "remote_access",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "Added event #1 Cisco Live on 2026-06-02, met 2 (new: Kim Lund)\n"
    store = Store(home)
    event = store.all("events")[0]
    assert event["skills"] == ["remote_access"] and event["met"] == [2, 3]
    people = {c["name"]: c for c in store.all("contacts")}
    kim, dev = people["Kim Lund"], people["Dev Patel"]
    assert kim["kind"] == "vendor" and kim["strength"] == 2 and kim["met_at"] == 1
    assert kim["last_contact"] == "2026-06-02" and kim["specialties"] == {"remote_access": 3}
    assert dev["strength"] == 2 and dev["met_at"] == 1  # now known directly
    met = [(i["contact"], i["kind"], i["when"][:10], i["note"]) for i in store.all("interactions")]
    assert met == [(2, "met", "2026-06-02", "Cisco Live"), (3, "met", "2026-06-02", "Cisco Live")]
    listing = invoke("event", "list").stdout
    assert listing == "2026-06-02  Cisco Live (vendor) · VPN & remote · met Dev Patel, Kim Lund\n"
    dutch = invoke("--lang", "nl", "event", "list").stdout
    assert dutch.splitlines() == [  # wrapped at 80 columns
        "2026-06-02  Cisco Live (leveranciersevent) · VPN & thuis · ontmoet: Dev Patel,",
        "            Kim Lund",
    ]
    rows = json.loads(invoke("event", "list", "--json").stdout)
    assert rows[0]["met_names"] == ["Dev Patel", "Kim Lund"]
    assert rows[0]["skills"] == ["remote_access"]  # --json keeps the ids


def test_met_at_event_on_contact_add(invoke: Callable[..., Result], home: Path) -> None:
    invoke("event", "add", "ITIL course", "--kind", "training", "--date", "2026-10-01")
    assert (
        invoke("contact", "add", "Maud", "--kind", "trainer", "--met-at", "itil course").exit_code
        == 0
    )
    store = Store(home)
    maud = store.all("contacts")[0]
    assert maud["met_at"] == 1 and maud["last_contact"] == "2026-10-01"
    assert store.all("events")[0]["met"] == [maud["id"]]


def test_future_event_with_people_is_refused(invoke: Callable[..., Result], home: Path) -> None:
    invoke("contact", "add", "Ana de Vries")
    before = snapshot(home)
    result = invoke(
        "event",
        "add",
        "Cisco Live 2027",
        "--kind",
        "vendor",
        "--date",
        "2027-02-01",
        "--met",
        "Ana de Vries",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: event 'Cisco Live 2027' is on 2027-02-01, in the future: you cannot have met anyone there yet\n"
    )
    assert snapshot(home) == before
    # Planning a future event without people is fine.
    assert (
        invoke(
            "event", "add", "Cisco Live 2027", "--kind", "vendor", "--date", "2027-02-01"
        ).exit_code
        == 0
    )


def test_event_bad_input_unchanged(invoke: Callable[..., Result], home: Path) -> None:
    invoke("contact", "add", "Ana de Vries")
    invoke("event", "add", "Meetup", "--kind", "meetup", "--date", "2026-05-05")
    before = snapshot(home)
    cases = [
        (
            ("event", "add", "X", "--kind", "party", "--date", "2026-01-01"),
            2,
            "Invalid value for '--kind'",
        ),
        (
            ("event", "add", "X", "--kind", "meetup", "--date", "2026-01-01", "--skill", "vpnn"),
            1,
            "unknown skill 'vpnn'",
        ),
        (
            (
                "event",
                "add",
                "X",
                "--kind",
                "meetup",
                "--date",
                "2026-01-01",
                "--met",
                "Ana de Vris",
            ),
            1,
            "Error: unknown contact 'Ana de Vris'. Did you mean 'Ana de Vries'?",
        ),
        (
            ("event", "add", "meetup", "--kind", "meetup", "--date", "2026-05-05"),
            1,
            "already exists",
        ),
        (
            ("event", "add", " ", "--kind", "meetup", "--date", "2026-05-05"),
            1,
            "Error: an event needs a name",
        ),
        (("event", "add", "X", "--kind", "meetup", "--date", "not a date at all"), 1, "Error:"),
    ]
    for args, code, message in cases:
        result = invoke(*args)
        assert result.exit_code == code, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert snapshot(home) == before
    # --new accepts a look-alike name on purpose.
    result = invoke(
        "event",
        "add",
        "X",
        "--kind",
        "meetup",
        "--date",
        "2026-01-01",
        "--met",
        "Ana de Vris",
        "--new",
    )
    assert result.exit_code == 0 and "(new: Ana de Vris)" in result.stderr


def test_event_dates_in_dutch(invoke: Callable[..., Result], home: Path) -> None:
    assert (
        invoke(
            "event", "add", "Meetup", "--kind", "meetup", "--date", "gisteren", "--met", "Kim"
        ).exit_code
        == 0
    )
    assert Store(home).all("events")[0]["date"] == "2026-11-25"


def test_event_help_has_examples(invoke: Callable[..., Result]) -> None:
    for sub in ["add", "list"]:
        assert "Example" in invoke("event", sub, "--help").stdout


def test_event_messages_in_dutch_say_the_day_in_words(invoke: Callable[..., Result]) -> None:
    added = invoke(
        "--lang", "nl", "event", "add", "Meetup", "--kind", "meetup", "--date", "2026-06-03"
    )
    assert added.stderr == "Evenement #1 Meetup op 3 juni 2026 toegevoegd\n"
    removed = invoke("--lang", "nl", "event", "rm", "Meetup")
    assert removed.stderr == "Evenement #1 Meetup op 3 juni 2026 verwijderd\n"
