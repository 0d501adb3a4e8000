"""`growthdesk learn …`: the learning log, certification matching and habit streaks."""

from __future__ import annotations

import sys
import types
from datetime import datetime, timedelta

import orjson
import pytest

from growthdesk.core.errors import InputError
from growthdesk.worklog import learning
from growthdesk.worklog.streaks import streaks

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")  # a Thursday


@pytest.fixture
def no_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as if growthdesk.skills.tagger did not exist (import fails)."""
    monkeypatch.setitem(sys.modules, "growthdesk.skills.tagger", None)


@pytest.fixture
def fake_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("growthdesk.skills.tagger")

    def suggest(text: str, model: dict | None = None) -> list[tuple[str, float]]:
        return [("security_incidents", 0.9), ("accounts_passwords", 0.2)] if "phish" in text else []

    def decide(ranked: list[tuple[str, float]]) -> tuple[list[str], bool]:
        return ([ranked[0][0]], True) if ranked and ranked[0][1] > 0.5 else ([], False)

    module.suggest = suggest  # type: ignore[attr-defined]
    module.decide = decide  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "growthdesk.skills.tagger", module)


def test_learn_with_skill_then_list(invoke) -> None:
    result = invoke(
        "learn", "Home lab: VLANs", "--kind", "lab", "--skill", "network_connectivity",
        "--minutes", "90", "--url", "https://example.org/vlan", "--when", "2026-11-24 20:15",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "Logged learning #1: lab, Network & connectivity  [set by you]\n"
    listed = invoke("learn", "list")
    assert listed.stdout.splitlines()[0] == "#1  2026-11-24  lab  90 min  Network  Home lab: VLANs"
    dutch = invoke("--lang", "nl", "learn", "list").stdout.splitlines()[0]
    assert dutch == "#1  2026-11-24  lab  90 min  Netwerk  Home lab: VLANs"
    # Tuesday evening, nothing on Wednesday evening: the streak is broken by now.
    assert "Evening project streak: 0 days now, longest 1, 1 day in all" in listed.stdout
    data = orjson.loads(invoke("learn", "list", "--json").stdout)
    assert data["entries"] == [
        {
            "id": 1,
            "when": "2026-11-24T20:15:00+01:00",
            "kind": "lab",
            "title": "Home lab: VLANs",
            "skills": ["network_connectivity"],
            "minutes": 90,
            "url": "https://example.org/vlan",
        }
    ]
    assert {s["habit"] for s in data["streaks"]} == {"morning_blog", "evening_project"}


def test_certification_counts_toward_its_track(invoke) -> None:
    result = invoke("learn", "Passed", "AZ104", "--kind", "cert")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Logged learning #1: certification, Cloud platforms & tenant admin; Servers &\n"
        "  infrastructure  [from the certification]\n"
        "  AZ-104 counts toward: Cloud & Microsoft 365, Automation, DevOps & development\n"
    )
    course = invoke(
        "learn", "CompTIA Security+ course", "--kind", "course", "--skill", "security_incidents"
    )
    assert "Preparing for Security+ (Security, Generalist (all-round IT))" in course.stdout
    report = orjson.loads(invoke("path", "--json").stdout)
    assert [c["code"] for c in report["certifications"]] == ["AZ-104", "Security+"]
    assert [c["status"] for c in report["certifications"]] == ["earned", "preparing"]
    cloud = next(f for f in report["fits"] if f["track"] == "cloud")
    assert cloud["earned"] == ["AZ-104"]


def test_unknown_certification_warns(invoke, no_tagger) -> None:
    result = invoke(
        "learn", "Vendor X badge", "--kind", "certification", "--skill", "business_apps"
    )
    assert result.exit_code == 0
    assert "Warning: 'Vendor X badge' is not a certification growthdesk knows" in result.stderr


def test_an_entry_nothing_recognises_is_kept_with_a_warning(invoke, no_tagger) -> None:
    """As `log` keeps a win it cannot tag: the entry is stored without a skill area."""
    result = invoke("learn", "some interesting blog", "--kind", "blog")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Logged learning #1: blog, -  [no skill area]\n"
    assert result.stderr == (
        "Warning: cannot tell which skill area 'some interesting blog' is about; logged "
        "without one (give --skill ID next time, see `growthdesk skills`)\n"
    )
    (entry,) = orjson.loads(invoke("learn", "list", "--json").stdout)["entries"]
    assert (entry["title"], entry["skills"]) == ("some interesting blog", [])
    assert invoke("path").exit_code == 0  # an entry without skills breaks no report
    assert invoke("stats").exit_code == 0


def test_without_skill_uses_the_tagger(invoke, fake_tagger) -> None:
    result = invoke("learn", "How phishing kits work", "--kind", "blog")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "Logged learning #1: blog, Security incidents & malware  [auto-tagged]\n"
    )


def test_default_subcommand_and_explicit_add(invoke) -> None:
    # A title that is a subcommand name needs the explicit `add`.
    result = invoke("learn", "add", "list", "--kind", "reading", "--skill", "itsm_process")
    assert result.exit_code == 0, result.output
    assert orjson.loads(invoke("learn", "list", "--json").stdout)["entries"][0]["title"] == "list"
    # Options may come first too.
    result = invoke("learn", "--kind", "blog", "--skill", "printing", "Printer drivers 101")
    assert result.exit_code == 0, result.output
    help_text = invoke("learn", "--help").stdout
    assert "add" in help_text and "list" in help_text and "Example" in help_text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--kind", "blgo"], 1, "Did you mean 'blog'?"),
        (["--kind", "blog", "--skill", "printng"], 1, "Did you mean 'printing'?"),
        (["--kind", "blog", "--skill", "printing", "--minutes", "0"], 2, "more than 0"),
        (["--kind", "blog", "--skill", "printing", "--minutes", "9999"], 2, "limit of 6000"),
        (["--kind", "blog", "--skill", "printing", "--url", "ftp://x"], 1, "not a web address"),
        (
            ["--kind", "blog", "--skill", "printing", "--when", "not a date at all"],
            1,
            "cannot read the date",
        ),
    ],
)
def test_bad_values_are_refused(invoke, home, args: list[str], code: int, message: str) -> None:
    # Exit 2 for a number outside its declared range, 1 for the rules of growthdesk (README).
    home.mkdir()
    result = invoke("learn", "something", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert orjson.loads(invoke("learn", "list", "--json").stdout)["entries"] == []


def test_future_and_empty_entries_are_refused(invoke) -> None:
    future = invoke("learn", "x", "--kind", "blog", "--skill", "printing", "--when", "2027-01-01")
    assert future.exit_code == 1
    assert "in the future" in future.stderr
    empty = invoke("learn", "   ", "--kind", "blog", "--skill", "printing")
    assert empty.exit_code == 1
    assert "the learning text is empty" in empty.stderr


def test_list_filters_and_empty_message(invoke, home) -> None:
    home.mkdir()
    empty = invoke("learn", "list")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "No learning logged yet" in empty.stderr
    invoke("learn", "a", "--kind", "blog", "--skill", "printing", "--when", "2026-11-20 08:00")
    invoke("learn", "b", "--kind", "course", "--skill", "printing", "--when", "2026-11-21 08:00")
    rows = orjson.loads(invoke("learn", "list", "--kind", "blog", "--json").stdout)["entries"]
    assert [r["title"] for r in rows] == ["a"]
    rows = orjson.loads(invoke("learn", "list", "-n", "1", "--json").stdout)["entries"]
    assert [r["title"] for r in rows] == ["b"]


# --- domain --------------------------------------------------------------------------------
def _blog(day: str, hour: int = 8, kind: str = "blog") -> dict:
    return {
        "when": f"{day}T{hour:02d}:30:00+01:00",
        "kind": kind,
        "title": "t",
        "skills": ["printing"],
    }


def test_morning_blog_streak_skips_weekends_and_breaks_on_a_missed_workday() -> None:
    days = ["2026-11-13", "2026-11-16", "2026-11-17", "2026-11-18"]  # Fri, (weekend), Mon-Wed
    days += ["2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]  # Thu missed
    items = [_blog(d) for d in days]
    items.append(_blog("2026-11-19", hour=13))  # Thursday, but in the afternoon: not morning
    items.append(_blog("2026-11-19", hour=21, kind="side-project"))  # an evening project
    by = {s.habit: s for s in learning.streaks(items, NOW)}
    blog = by["morning_blog"]
    assert (blog.current, blog.longest, blog.days, blog.last) == (5, 5, 9, "2026-11-26")
    proj = by["evening_project"]
    assert (proj.current, proj.longest, proj.days) == (0, 1, 1)


def test_habit_streaks_follow_the_dashboards_rule() -> None:
    """One streak rule: a habit's run is what `stats` would count for the same days."""
    days = ["2026-11-13", "2026-11-14", "2026-11-16", "2026-11-18", "2026-11-19", "2026-11-20"]
    days += ["2026-11-23", "2026-11-24", "2026-11-25"]  # Sat 14 counts, Tue 17 breaks
    blog = next(
        s for s in learning.streaks([_blog(d) for d in days], NOW) if s.habit == "morning_blog"
    )
    run = streaks(days, NOW.date())
    assert (blog.current, blog.longest, blog.last) == (run["current"], run["longest"], run["last"])
    assert (run["current"], run["longest"]) == (6, 6)


def test_streak_survives_today_not_done_yet() -> None:
    items = [_blog("2026-11-24"), _blog("2026-11-25")]
    blog = next(s for s in learning.streaks(items, NOW) if s.habit == "morning_blog")
    assert blog.current == 2
    later = NOW + timedelta(days=1)  # Friday with nothing logged, and Thursday missed
    blog = next(s for s in learning.streaks(items, later) if s.habit == "morning_blog")
    assert blog.current == 0 and blog.longest == 2


def test_prepare_normalises_kinds_and_validates() -> None:
    draft = learning.prepare("Passed CCNA", "Cert", NOW)
    assert draft.record["kind"] == "certification"
    assert draft.certification is not None and draft.certification.code == "CCNA"
    assert draft.tracks == ("network",)
    assert learning.validate_kind("side project") == "side-project"
    assert learning.validate_kind("book") == "reading"
    assert learning.validate_url("  ") is None
    with pytest.raises(InputError):
        learning.validate_url("https://exa mple.org")
    with pytest.raises(InputError, match="in the future"):
        learning.prepare("x", "blog", NOW, skills=["printing"], when=NOW + timedelta(hours=1))
