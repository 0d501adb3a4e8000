"""`growthdesk ask`: people with reasons and paths, similar wins, hints, JSON shape, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers.homes import snapshot

from growthdesk.skills.labels import skill_label


@pytest.fixture
def net(invoke: Callable[..., Result]) -> Callable[..., Result]:
    ok = [
        invoke("contact", "add", "Ana de Vries", "--strength", "5", "--specialty", "printing:4"),
        invoke(
            "contact",
            "add",
            "Dev Patel",
            "--kind",
            "vendor",
            "--org",
            "Cisco",
            "--specialty",
            "remote_access:5",
            "--via",
            "Ana de Vries",
            "--strength",
            "5",
        ),
        invoke("contact", "add", "Aylin Kaya", "--strength", "3", "--specialty", "remote_access:3"),
        invoke(
            "contact", "add", "Olaf Brouwer", "--strength", "5", "--specialty", "remote_access:5"
        ),
        invoke("contact", "edit", "Olaf Brouwer", "--do-not-ask"),
        invoke(
            "log",
            "VPN verbinding mislukt voor thuiswerker",
            "--skill",
            "remote_access",
            "--helped-by",
            "Aylin Kaya",
            "--when",
            "2026-10-01",
            "--solution",
            "reinstalled the VPN client",
        ),
    ]
    assert all(r.exit_code == 0 for r in ok), [r.output for r in ok]
    return invoke


def test_ask_json_shape_paths_and_reasons(net: Callable[..., Result]) -> None:
    result = net("ask", "VPN keeps dropping for home workers", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"skills", "people", "similar_wins"}
    assert data["skills"][0] == "remote_access"
    names = [p["name"] for p in data["people"]]
    assert "Olaf Brouwer" not in names  # do_not_ask
    assert set(names) == {"Dev Patel", "Aylin Kaya"}
    dev = next(p for p in data["people"] if p["name"] == "Dev Patel")
    assert dev["direct"] is False and dev["path"] == ["Ana de Vries", "Dev Patel"]
    assert "via Ana de Vries → Dev Patel" in dev["reasons"]
    assert f"knows {skill_label('remote_access')} (5/5)" in dev["reasons"]
    aylin = next(p for p in data["people"] if p["name"] == "Aylin Kaya")
    assert aylin["direct"] is True and aylin["path"] == ["Aylin Kaya"]
    assert (
        f"helped you 1× on {skill_label('remote_access')}, last on 2026-10-01" in aylin["reasons"]
    )
    assert all(isinstance(p["score"], float) for p in data["people"])
    assert [w["problem"] for w in data["similar_wins"]] == [
        "VPN verbinding mislukt voor thuiswerker"
    ]


def test_ask_text_output(net: Callable[..., Result]) -> None:
    result = net("ask", "VPN", "keeps", "dropping", "--top", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Whom to ask" in out and out.count("score ") == 1
    assert "You solved similar problems before" in out
    assert "→ reinstalled the VPN client" in " ".join(out.split())  # wrapped at 80 columns
    assert result.stderr == "Skipped (do not ask): Olaf Brouwer\n"


def test_ask_kind_filter(net: Callable[..., Result]) -> None:
    data = json.loads(net("ask", "VPN keeps dropping", "--kind", "vendor", "--json").stdout)
    assert [p["name"] for p in data["people"]] == ["Dev Patel"]


def test_ask_nobody_suggests_where_to_look(net: Callable[..., Result]) -> None:
    net(
        "event",
        "add",
        "ITIL day",
        "--kind",
        "training",
        "--date",
        "2026-03-03",
        "--skill",
        "itsm_process",
        "--met",
        "Maud",
    )
    # A trainer met at a training gets its areas as specialties; Maud was only a classmate.
    net("contact", "edit", "Maud", "--drop-specialty", "itsm_process", "--kind", "community")
    result = net("ask", "how do we configure SLA escalation rules in TOPdesk", "--json")
    data = json.loads(result.stdout)
    assert data["people"] == []
    assert data["hints"][0].startswith("event 'ITIL day' (2026-03-03) covered ")
    text = net("ask", "how do we configure SLA escalation rules in TOPdesk").stdout
    assert "Nobody in your network matches this yet. Where to look:" in text


@pytest.mark.parametrize("args", [("ask", ""), ("ask", "   ")])
def test_empty_ask_is_an_error(
    net: Callable[..., Result], home: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(home)
    result = net(*args)
    assert (
        result.exit_code == 1
        and result.stderr == "Error: describe the problem: the ask text is empty\n"
    )
    assert snapshot(home) == before


def test_ask_bad_options(net: Callable[..., Result]) -> None:
    assert net("ask").exit_code == 2
    assert net("ask", "vpn", "--top", "0").exit_code == 2
    assert net("ask", "vpn", "--kind", "boss").exit_code == 2


def test_ask_does_not_write(net: Callable[..., Result], home: Path) -> None:
    before = snapshot(home)
    assert net("ask", "VPN keeps dropping").exit_code == 0
    assert snapshot(home) == before


def test_ask_help_has_examples(invoke: Callable[..., Result]) -> None:
    assert "Example" in invoke("ask", "--help").stdout
