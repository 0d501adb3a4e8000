"""`growthdesk howto`: a draft for every repeat problem of the dashboard, built from the agent's
own solutions (common steps first, variants after), in English and Dutch; English and Dutch
wordings of one problem count as one, and titles are real wordings without names."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from growthdesk.assist.howto import drafts, split_steps
from growthdesk.assist.howto_doc import markdown, to_html
from growthdesk.reporting import stats

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def win(
    i: int, day: str, problem: str, solution: str | None, skill: str = "printing"
) -> dict[str, Any]:
    return {
        "id": i,
        "when": f"{day}T09:{i:02d}:00+01:00",
        "problem": problem,
        "solution": solution,
        "skills": [skill],
        "minutes": 5 + i,
    }


QUEUE = [
    win(
        1,
        "2026-11-02",
        "Print queue stuck on MFP-2A",
        "Cleared the queue and restarted the spooler",
    ),
    win(2, "2026-11-09", "Print queue stuck on MFP-2A", "Cleared the queue, restarted the spooler"),
    win(3, "2026-11-16", "print queue stuck on MFP-2A", "Cleared the queue; replaced the toner"),
    win(4, "2026-11-20", "Print queue stuck on MFP-2A", "cleared the queue then restarted spooler"),
    win(5, "2026-11-21", "Print queue stuck on MFP-2A", None),
]


def test_split_steps() -> None:
    assert split_steps("Cleared the queue and restarted the spooler") == [
        "Cleared the queue",
        "restarted the spooler",
    ]
    assert split_steps("VPN-client opnieuw geïnstalleerd en certificaat vernieuwd") == [
        "VPN-client opnieuw geïnstalleerd",
        "certificaat vernieuwd",
    ]
    assert split_steps("checked DNS and DHCP") == ["checked DNS and DHCP"]


def test_common_steps_first_variants_after() -> None:
    (draft,) = drafts(QUEUE, since=date(2026, 11, 1), until=date(2026, 11, 26))
    assert draft.title == "Print queue stuck on MFP-2A" and draft.count == 5
    assert [(s.text, s.count) for s in draft.steps] == [
        ("Cleared the queue", 4),
        ("Restarted the spooler", 3),
    ]
    assert [(s.text, s.count) for s in draft.variants] == [("Replaced the toner", 1)]
    assert (draft.solutions, draft.unsolved) == (4, [5])
    doc = markdown([draft])
    assert "1. Cleared the queue — in 4 of 4 logged solutions\n2. Restarted the spooler" in doc
    assert doc.index("Steps that usually solve it") < doc.index("Other things that helped")


def test_the_document_speaks_its_own_language_whatever_the_interface_speaks() -> None:
    from growthdesk.core import i18n

    (draft,) = drafts(QUEUE, since=date(2026, 11, 1), until=date(2026, 11, 26))
    i18n.set_language("en")
    nl = markdown([draft], "nl")
    assert nl.splitlines()[:5] == [
        "# Concept-handleidingen voor terugkerende problemen",
        "",
        "## Zo los je het op: Print queue stuck on MFP-2A",
        "",
        "*Printen & scannen · 5× tussen 2 november 2026 en 21 november 2026"
        " · meestal opgelost in 8 min*",
    ]
    assert "1. Cleared the queue — in 4 van 4 vastgelegde oplossingen" in nl
    assert "*1 van deze wins heeft nog geen vastgelegde oplossing (bijvoorbeeld #5).*" in nl
    assert i18n.language() == "en"  # the interface still speaks English
    i18n.set_language("nl")
    try:
        en = markdown([draft], "en")
    finally:
        i18n.set_language("en")
    assert "*Printing & scanning · 5× between 2026-11-02 and 2026-11-21" in en
    assert "*1 of these wins has no solution logged yet (for example #5).*" in en
    assert 'lang="nl"' in to_html([draft], "nl") and "Wat verder hielp" in to_html([draft], "nl")


def test_english_and_dutch_count_as_one_and_titles_have_no_names() -> None:
    wins = [
        win(
            1,
            "2026-11-02",
            "Account locked out after holiday, unlocked for Jan",
            "Unlocked in AD",
            "accounts_passwords",
        ),
        win(
            2,
            "2026-11-05",
            "Account geblokkeerd na vakantie, ontgrendeld voor Piet",
            None,
            "accounts_passwords",
        ),
        win(
            3,
            "2026-11-09",
            "Account locked out after holiday, unlocked for Sophie",
            None,
            "accounts_passwords",
        ),
        win(
            4,
            "2026-11-12",
            "Account geblokkeerd na vakantie, ontgrendeld voor Anna",
            None,
            "accounts_passwords",
        ),
    ]
    (cluster,) = stats.repeat_problems(wins)
    assert cluster["ids"] == [1, 2, 3, 4]
    assert cluster["title"] == "Account locked out after holiday, unlocked"
    (nl,) = drafts(wins, since=date(2026, 11, 1), until=date(2026, 11, 26), lang="nl")
    assert nl.title == "Account geblokkeerd na vakantie, ontgrendeld"
    assert nl.examples == [
        ("Account geblokkeerd na vakantie, ontgrendeld", 2),
        ("Account locked out after holiday, unlocked", 2),
    ]


def test_html_escapes_the_agents_text() -> None:
    evil = [
        win(i, f"2026-11-1{i}", "<script>alert(1)</script> printer", "<b>reset</b>")
        for i in range(1, 4)
    ]
    page = to_html(drafts(evil, since=date(2026, 11, 1), until=date(2026, 11, 26)), "en")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;reset" in page


# ---------------------------------------------------------------- on the demo home


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from growthdesk.reporting import demo
    from growthdesk.store import Store

    home = tmp_path_factory.mktemp("demo") / "home"
    store = Store(home)
    demo.build(store, 7, NOW)
    store.close()
    return home


def test_a_draft_for_each_repeat_problem_of_the_dashboard_in_both_languages(
    invoke: Callable[..., Result], demo_home: Path
) -> None:
    board = json.loads(invoke("--home", str(demo_home), "stats", "--json").stdout)
    repeats = board["repeats"]
    assert repeats and all(r["title"] for r in repeats)
    found = {}
    for lang, heading in (("en", "## How to: "), ("nl", "## Zo los je het op: ")):
        data = json.loads(
            invoke("--home", str(demo_home), "howto", "--lang", lang, "--json").stdout
        )
        by_ids = {tuple(d["ids"]): d for d in data["drafts"]}
        for r in repeats:
            assert tuple(r["ids"]) in by_ids, r["title"]  # every dashboard repeat has its draft
        found[lang] = by_ids
        text = invoke("--home", str(demo_home), "howto", "--lang", lang).stdout
        assert text.count(heading) == len(data["drafts"]) >= len(repeats)
    # A repeat with logged solutions gets steps; the solutions are the agent's own words.
    solved = [d for d in found["en"].values() if d["steps"]]
    assert solved and all(s["count"] >= 1 for d in solved for s in d["steps"])
    names = {"Jan", "Piet", "Anna", "Sophie", "Daan", "Emma", "Lars", "Fleur", "Noor", "Tim"}
    for d in found["en"].values():
        assert not names & set(d["title"].replace(",", " ").split()), d["title"]


def test_howto_writes_a_file(
    invoke: Callable[..., Result], demo_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "howtos.html"
    result = invoke("--home", str(demo_home), "howto", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("<!DOCTYPE html>") and "How to: " in out.read_text()
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    assert result.stderr.startswith("Wrote ") and result.stdout == ""
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    refused = invoke("--home", str(demo_home), "howto", "-o", str(link))
    assert refused.exit_code == 1 and "symbolic link" in refused.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("howto", "--min-repeats", "1"), 2, "Invalid value for '--min-repeats'"),
        (("howto", "--format", "pdf"), 2, "Invalid value for '--format'"),
        (("howto", "--since", "2027-01-01"), 2, "in the future"),
        (("howto", "--since", "someday"), 1, "Error: "),
    ],
)
def test_howto_bad_input(
    invoke: Callable[..., Result], demo_home: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = invoke("--home", str(demo_home), *args)
    assert result.exit_code == code and message in result.stderr, result.stderr


def test_howto_without_data_is_an_error(invoke: Callable[..., Result]) -> None:
    result = invoke("howto")
    assert result.exit_code == 1 and "no growthdesk data" in result.stderr
