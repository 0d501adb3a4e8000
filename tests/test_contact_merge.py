"""`contact merge KEEP OTHER`: every reference moves to KEEP, OTHER goes, one undo restores both."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers.homes import snapshot, win_record

from growthdesk.store import Store
from growthdesk.worklog.columns import split_rows
from growthdesk.worklog.index import HELPED

TABLES = ("contacts", "links", "interactions", "events")


def _tables(home: Path) -> dict[str, Any]:
    store = Store(home)
    return {"wins": store.wins(), **{t: store.all(t) for t in TABLES}}


def _references(home: Path) -> set[int]:
    """Every contact id any record points at."""
    data = _tables(home)
    refs = {int(h) for w in data["wins"] for h in w.get("helped_by") or []}
    refs |= {int(end) for link in data["links"] for end in (link["a"], link["b"])}
    refs |= {int(i["contact"]) for i in data["interactions"]}
    refs |= {int(m) for e in data["events"] for m in e.get("met") or []}
    # The month summaries' copy of the helped wins (what `ask` reads) too.
    store = Store(home)
    for month in store.win_months():
        part = store.summary(month, HELPED)
        refs |= {int(h) for by in split_rows(part["by"], ",", " ", part["n"]) for h in by}
    return refs


@pytest.fixture
def twins(invoke: Callable[..., Result], home: Path) -> Callable[..., Result]:
    """#1 Zoë Jansen and #2 Zoe Jansen (the same person, added twice), #3 Ana, #4 Bram."""
    ok = [
        invoke(
            "contact", "add", "Zoë Jansen", "--specialty", "printing:2", "--strength", "2",
            "--email", "zoe@example.com", "--note", "knows the plotters",
        ),
        invoke(
            "contact", "add", "Zoe Jansen", "--new", "--specialty", "printing:4",
            "--specialty", "remote_access", "--strength", "4", "--org", "Facilities",
            "--phone", "+31 6 1234 5678", "--note", "ext. 414",
        ),
        invoke("contact", "add", "Ana de Vries"),
        invoke("contact", "add", "Bram Bakker"),
        invoke("contact", "link", "#1", "Ana de Vries", "--strength", "2", "--note", "team"),
        invoke("contact", "link", "#2", "Ana de Vries", "--strength", "4"),
        invoke("contact", "link", "#2", "Bram Bakker", "--strength", "3"),
        invoke("contact", "link", "#1", "#2"),
        invoke("contact", "touch", "#2", "--kind", "asked", "--when", "2026-11-20"),
        invoke("event", "add", "Print Expo", "--kind", "vendor", "--date", "2026-10-01",
               "--met", "#2"),
        invoke("event", "add", "Meetup", "--kind", "meetup", "--date", "2026-10-02",
               "--met", "#1", "--met", "#2"),
    ]  # fmt: skip
    assert [r.exit_code for r in ok] == [0] * len(ok), [r.output for r in ok]
    store = Store(home)
    with store.transaction("seed wins") as tx:
        tx.insert("wins", win_record("2026-09-01T10:00:00+01:00", "plotter jam", helped_by=[2]))
        tx.insert("wins", win_record("2026-10-05T10:00:00+01:00", "toner", helped_by=[1, 2]))
        tx.insert("wins", win_record("2026-11-02T10:00:00+01:00", "badge", helped_by=[2, 3]))
        tx.insert("wins", win_record("2026-11-03T10:00:00+01:00", "vpn", helped_by=[3]))
    return invoke


def test_merge_moves_every_reference_and_removes_the_other(
    twins: Callable[..., Result], home: Path
) -> None:
    assert _references(home) == {1, 2, 3, 4}
    result = twins("contact", "merge", "Zoë Jansen", "Zoe Jansen")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "Merged #2 Zoe Jansen into #1 Zoë Jansen "
        "(moved: 3 wins, 3 links, 3 interactions, 2 events)\n"
    )
    data = _tables(home)
    assert [c["id"] for c in data["contacts"]] == [1, 3, 4]
    # Nothing points at #2 any more, and nothing points at a contact that does not exist.
    assert _references(home) == {1, 3, 4}
    assert [w["helped_by"] for w in data["wins"]] == [[1], [1], [1, 3], [3]]  # no [1, 1]
    assert [e["met"] for e in data["events"]] == [[1], [1]]
    assert {i["contact"] for i in data["interactions"]} == {1}
    # Zoë–Ana (2) and Zoe–Ana (4) became one link, the stronger; Zoe–Bram moved; Zoë–Zoe went.
    links = sorted((link["a"], link["b"], link["strength"], link["note"]) for link in data["links"])
    assert links == [(1, 3, 4, "team"), (1, 4, 3, "")]
    zoe = json.loads(twins("contact", "show", "#1", "--json").stdout)
    assert zoe["name"] == "Zoë Jansen" and zoe["email"] == "zoe@example.com"
    assert zoe["org"] == "Facilities" and zoe["phone"] == "+31 6 1234 5678"
    assert zoe["specialties"] == {"printing": 4, "remote_access": 3}
    assert zoe["strength"] == 4 and zoe["last_contact"] == "2026-11-20"
    assert zoe["notes"] == "knows the plotters\next. 414"
    assert zoe["helped_count"] == 3
    assert zoe["met_at"] == 2  # #1's own (the Meetup), not #2's Print Expo


def test_one_undo_restores_both_contacts(twins: Callable[..., Result], home: Path) -> None:
    before = _tables(home)
    assert twins("contact", "merge", "#1", "#2").exit_code == 0
    assert _tables(home) != before
    undone = twins("undo")
    assert undone.exit_code == 0, undone.output
    assert _tables(home) == before


def test_merge_refusals_write_nothing(twins: Callable[..., Result], home: Path) -> None:
    before = snapshot(home)
    cases = [
        (("contact", "merge", "#1", "Zoë Jansen"), 1, "Error: cannot merge 'Zoë Jansen' with themselves\n"),
        (("contact", "merge", "#1", "#9"), 1, "Error: there is no contact #9\n"),
        (("contact", "merge", "Nobody", "#1"), 1, "Error: unknown contact 'Nobody'\n"),
        (
            ("contact", "merge", "#3", "jansen"),
            1,
            "Error: 'jansen' fits 2 contacts: #1 Zoë Jansen, #2 Zoe Jansen; "
            "type more of the name or its #id\n",
        ),
        (("contact", "merge", "#1"), 2, "Missing argument 'OTHER'"),
    ]  # fmt: skip
    for args, code, message in cases:
        result = twins(*args)
        assert result.exit_code == code, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
    assert snapshot(home) == before


def test_merge_keeps_the_first_records_fields(invoke: Callable[..., Result], home: Path) -> None:
    """KEEP's own values win; OTHER only fills gaps (and a do-not-ask on either stays)."""
    invoke("contact", "add", "Kim Lund", "--org", "IT", "--strength", "5")
    refused = invoke("contact", "add", "K. Lund", "--org", "Finance")
    assert refused.exit_code == 1 and "looks like existing contact 'Kim Lund'" in refused.stderr
    invoke("contact", "add", "K. Lund", "--org", "Finance", "--strength", "1", "--new")
    invoke("contact", "edit", "K. Lund", "--do-not-ask", "--away-until", "2026-12-04")
    assert invoke("contact", "merge", "Kim Lund", "K. Lund").exit_code == 0
    kim = json.loads(invoke("contact", "show", "kim", "--json").stdout)
    assert (kim["org"], kim["strength"], kim["do_not_ask"]) == ("IT", 5, True)
    assert kim["away_until"] == "2026-12-04"  # the person is away, whichever record said so
    assert [c["name"] for c in Store(home).all("contacts")] == ["Kim Lund"]
