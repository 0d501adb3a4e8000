"""`growthdesk ask` says how sure it is of the area, keeps cautions apart from reasons, lists
away contacts last with their date, and `contact edit --away-until` (issue 12, item 3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers.homes import snapshot

from growthdesk.skills.labels import skill_label

RA = skill_label("remote_access")
NET = skill_label("network_connectivity")


@pytest.fixture
def net(invoke: Callable[..., Result]) -> Callable[..., Result]:
    ok = [
        invoke("contact", "add", "Ana", "--strength", "5", "--specialty", "remote_access:5"),
        invoke("contact", "add", "Bas", "--strength", "4", "--specialty", "remote_access:4"),
        invoke("contact", "add", "Cem", "--strength", "4", "--specialty", "network_connectivity:5"),
        invoke("contact", "touch", "Bas", "--when", "2026-11-20"),
        invoke("contact", "touch", "Cem", "--when", "2026-11-24"),
    ]
    assert all(r.exit_code == 0 for r in ok), [r.output for r in ok]
    return invoke


def test_forced_area_text_output(net: Callable[..., Result]) -> None:
    result = net("ask", "tunnel keeps dropping", "--skill", "remote_access")
    assert result.exit_code == 0, result.output
    # Ana was added today and never talked to: no "last talked today" for her.
    assert result.stdout.startswith(
        f"Skill area: {RA} (given by you)\n"
        "\n"
        "Whom to ask\n"
        "1. Ana  score 1.00\n"
        f"     - knows {RA} (5/5)\n"
        "2. Bas  score 0.54\n"
        f"     - knows {RA} (4/5)\n"
        "     - last talked 6 days ago\n"
    )


def test_recent_ask_is_a_caution_not_a_reason(net: Callable[..., Result]) -> None:
    for _ in range(2):
        assert net("contact", "touch", "Ana", "--kind", "asked").exit_code == 0
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    ana = next(p for p in data["people"] if p["name"] == "Ana")
    assert ana["cautions"] == ["already asked 2× in the last 14 days: spread the load"]
    assert not any("asked" in r for r in ana["reasons"])
    text = net("ask", "tunnel drops", "--skill", "remote_access").stdout
    assert "     ! already asked 2× in the last 14 days: spread the load\n" in text


def test_away_contact_is_listed_last_with_the_date(net: Callable[..., Result], home: Path) -> None:
    result = net("contact", "edit", "Ana", "--away-until", "2026-12-24")
    assert (result.exit_code, result.stderr) == (0, "Updated contact #1 Ana\n")
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    assert [p["name"] for p in data["people"]] == ["Bas", "Ana"]
    assert data["away"] == ["Ana"]
    assert data["people"][1]["away_until"] == "2026-12-24"
    assert data["people"][1]["cautions"] == ["away until 2026-12-24"]
    text = net("ask", "tunnel drops", "--skill", "remote_access").stdout
    assert "2. Ana  score 1.00  [away]\n" in text and "     ! away until 2026-12-24\n" in text
    assert "  away until: 2026-12-24\n" in net("contact", "show", "Ana").stdout
    # Back: cleared with 'none'.
    assert net("contact", "edit", "Ana", "--away-until", "none").exit_code == 0
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    assert [p["name"] for p in data["people"]] == ["Ana", "Bas"] and data["away"] == []


def test_a_past_away_date_means_available(net: Callable[..., Result]) -> None:
    assert net("contact", "edit", "Ana", "--away-until", "2026-11-25").exit_code == 0
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    assert [p["name"] for p in data["people"]] == ["Ana", "Bas"]
    assert data["people"][0]["away_until"] is None and data["away"] == []


def test_away_until_today_is_still_away(net: Callable[..., Result]) -> None:
    assert net("contact", "edit", "Ana", "--away-until", "2026-11-26").exit_code == 0
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    assert data["away"] == ["Ana"]


def test_bad_away_date_writes_nothing(net: Callable[..., Result], home: Path) -> None:
    before = snapshot(home)
    result = net("contact", "edit", "Ana", "--away-until", "someday maybe")
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot read the date")
    assert snapshot(home) == before


def test_unknown_forced_skill_is_an_error(net: Callable[..., Result]) -> None:
    result = net("ask", "tunnel drops", "--skill", "plumbing")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")


def test_json_carries_confidence_and_areas(net: Callable[..., Result]) -> None:
    data = json.loads(net("ask", "tunnel drops", "--skill", "remote_access", "--json").stdout)
    assert data["confidence"] == 1.0 and data["sure"] is True and data["reading"] == "given"
    assert data["areas"] == [
        {"skill": "remote_access", "role": "primary", "weight": 1.0, "score": None}
    ]
    assert data["by_area"] == []


def _fake_tagger(monkeypatch: pytest.MonkeyPatch, scores: list[tuple[str, float]]) -> None:
    from growthdesk.skills import tagger

    monkeypatch.setattr(tagger, "suggest", lambda text, model=None: scores)


def test_unsure_reading_shows_people_per_candidate_area(
    net: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tagger(monkeypatch, [("remote_access", 0.6), ("network_connectivity", 0.58)])
    result = net("ask", "connection drops", "--top", "2")
    assert result.exit_code == 0, result.output
    assert "100%" not in result.stdout
    assert result.stdout.startswith(  # wrapped at 80 columns
        f"Skill area: not sure, it could be {RA} or Network &\n  connectivity.\n"
        "  People for each area below; --skill ID picks one.\n"
        "\n"
        f"Whom to ask about {RA}\n"
        "1. Ana  score 1.00\n"
        f"     - knows {RA} (5/5)\n"
        "2. Bas  score 0.54\n"
        f"     - knows {RA} (4/5)\n"
        "     - last talked 6 days ago\n"
        "\n"
        f"Whom to ask about {NET}\n"
        "1. Cem  score 0.85\n"
        f"     - knows {NET} (5/5)\n"
        "     - last talked 2 days ago\n"
    )
    data = json.loads(net("ask", "connection drops", "--json").stdout)
    assert data["sure"] is False and data["confidence"] < 0.65
    assert [a["role"] for a in data["areas"]] == ["primary", "secondary"]
    assert data["areas"][1]["weight"] < 0.5  # weaker evidence than the primary
    assert [(a["skill"], [p["name"] for p in a["people"]]) for a in data["by_area"]] == [
        ("remote_access", ["Ana", "Bas"]),
        ("network_connectivity", ["Cem"]),
    ]


def test_sure_reading_ranks_on_the_primary_area_first(
    net: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tagger(monkeypatch, [("remote_access", 0.8), ("network_connectivity", 0.7)])
    result = net("ask", "connection drops")
    assert result.stdout.startswith(
        f"Skill area: {RA} (fairly sure)\n  weaker evidence: {NET}\n\nWhom to ask\n1. Ana "
    )
    names = [p["name"] for p in json.loads(net("ask", "x y", "--json").stdout)["people"]]
    assert names == ["Ana", "Bas", "Cem"]  # the secondary area's expert comes after


def test_weak_single_area_says_it_is_not_sure(
    net: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tagger(monkeypatch, [("remote_access", 0.3)])
    assert net("ask", "hmm").stdout.startswith(
        f"Skill area: {RA}? Not sure: little in the text points to it.\n"
        "  --skill ID picks another area.\n"
    )


def test_direct_contact_shown_with_a_path_says_why(invoke: Callable[..., Result]) -> None:
    ok = [
        invoke("contact", "add", "Ana", "--strength", "5"),
        invoke("contact", "touch", "Ana"),
        invoke("contact", "add", "Dev", "--strength", "1", "--specialty", "remote_access:5"),
        invoke("contact", "link", "Ana", "Dev", "--strength", "5"),
    ]
    assert all(r.exit_code == 0 for r in ok), [r.output for r in ok]
    data = json.loads(invoke("ask", "tunnel", "--skill", "remote_access", "--json").stdout)
    dev = data["people"][0]
    assert dev["direct"] is True and dev["path"] == ["Ana", "Dev"]
    assert "you know them yourself, but Ana → Dev is the warmer way in" in dev["reasons"]


def test_away_until_survives_a_backup_and_doctor_accepts_it(
    net: Callable[..., Result], tmp_path: Path
) -> None:
    assert net("contact", "edit", "Ana", "--away-until", "2026-12-24").exit_code == 0
    assert net("contact", "edit", "Bas", "--away-until", "2026-12-01").exit_code == 0
    assert net("contact", "edit", "Bas", "--away-until", "none").exit_code == 0
    assert net("doctor").exit_code == 0
    backup = tmp_path / "backup.json"
    assert net("export", "-o", str(backup)).exit_code == 0
    other = tmp_path / "other"
    restored = net("--home", str(other), "import", str(backup), "--from", "json")
    assert restored.exit_code == 0, restored.output
    data = json.loads(net("--home", str(other), "contact", "show", "Ana", "--json").stdout)
    assert data["away_until"] == "2026-12-24"
    bas = json.loads(net("--home", str(other), "contact", "show", "Bas", "--json").stdout)
    assert bas["away_until"] is None


def test_contact_list_marks_who_is_away(net: Callable[..., Result]) -> None:
    assert net("contact", "edit", "Ana", "--away-until", "2026-12-24").exit_code == 0
    assert net("contact", "edit", "Bas", "--away-until", "2026-11-01").exit_code == 0
    out = net("contact", "list").stdout
    assert [line.endswith(" · away until 2026-12-24") for line in out.splitlines()] == [
        True,
        False,
        False,
    ]
