"""Events still to come: first in `event list`, marked with how soon, and on the dashboard."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Invoke = Callable[..., Result]


def _events(invoke: Invoke) -> None:
    for name, day in (
        ("Cisco Live", "2026-06-02"),
        ("ITIL course", "2026-12-10"),
        ("Team meetup", "2026-11-26"),
        ("Azure day", "2027-03-01"),
    ):
        r = invoke("event", "add", name, "--kind", "training", "--date", day)
        assert r.exit_code == 0, r.output


def test_event_list_leads_with_what_is_coming_and_says_how_soon(invoke: Invoke) -> None:
    _events(invoke)
    r = invoke("event", "list")
    assert r.exit_code == 0
    assert r.stdout == (
        "2027-03-01  Azure day (training)  in 95 days\n"
        "2026-12-10  ITIL course (training)  in 14 days\n"
        "2026-11-26  Team meetup (training)  today\n"
        "2026-06-02  Cisco Live (training)\n"
    )
    rows = json.loads(invoke("event", "list", "--json").stdout)
    assert [r["in_days"] for r in rows] == [95, 14, 0, -177]


def test_the_dashboard_shows_the_next_three_soonest_first(invoke: Invoke) -> None:
    _events(invoke)
    r = invoke("stats")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    at = lines.index("Coming up")
    assert lines[at : at + 4] == [
        "Coming up",
        "  2026-11-26  Team meetup (training)  today",
        "  2026-12-10  ITIL course (training)  in 14 days",
        "  2027-03-01  Azure day (training)  in 95 days",
    ]
    board = json.loads(invoke("stats", "--json").stdout)
    assert [e["name"] for e in board["upcoming"]] == ["Team meetup", "ITIL course", "Azure day"]


def test_no_events_to_come_no_section(invoke: Invoke) -> None:
    r = invoke("event", "add", "Cisco Live", "--kind", "vendor", "--date", "2026-06-02")
    assert r.exit_code == 0
    assert "Coming up" not in invoke("stats").stdout
    assert json.loads(invoke("stats", "--json").stdout)["upcoming"] == []
