"""Recall: BM25 over your own wins, across English and Dutch wording."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core.text import terms, win_terms
from growthdesk.worklog.recall import K1, B, bm25_scores, recall


def win(
    i: int, problem: str, solution: str | None = None, when: str = "2026-05-01"
) -> dict[str, Any]:
    return {"id": i, "when": f"{when}T10:00:00+02:00", "problem": problem, "solution": solution}


WINS = [
    win(1, "Forgot password, account locked out", "reset password in AD, unlocked the account"),
    win(2, "printer on 3rd floor offline", "restarted the print spooler"),
    win(3, "Outlook crashes when opening shared calendar", "rebuilt the Outlook profile"),
    win(4, "netwerkschijf H: weg na inloggen", "drive mapping opnieuw gekoppeld via GPO"),
    win(5, "VPN verbinding valt steeds weg thuis", "nieuwe versie FortiClient geïnstalleerd"),
    win(6, "new laptop for starter in finance", "imaged with autopilot"),
    win(7, "Teams meeting no audio", "selected the right headset in Teams"),
]


def ids(hits: list[tuple[dict[str, Any], float]]) -> list[int]:
    return [w["id"] for w, _ in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wachtwoord vergeten, account geblokkeerd", 1),  # Dutch query, English win
        ("wachtwoordreset", 1),  # Dutch compound meets "reset password"
        ("network drive missing after login", 4),  # English query, Dutch win
        ("vpn connection keeps dropping at home", 5),
        ("printerstoring 3e verdieping", 2),
        ("outlook loopt vast bij openen gedeelde agenda", 3),
        ("geen geluid in teams vergadering", 7),
    ],
)
def test_paraphrase_in_the_other_language_finds_the_win(query: str, expected: int) -> None:
    hits = recall(query, WINS)
    assert hits and ids(hits)[0] == expected, hits


def test_scores_are_descending_and_positive() -> None:
    hits = recall("password reset for outlook", WINS, limit=10)
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    assert set(ids(hits)) == {1, 3}


def test_no_overlap_or_empty_query_finds_nothing() -> None:
    assert recall("zzz qqq", WINS) == []
    assert recall("", WINS) == []
    assert recall("de het een the a", WINS) == []  # stop words only
    assert recall("password", []) == []
    assert recall("password", WINS, limit=0) == []


def test_limit_is_respected() -> None:
    many = [win(i, f"printer jam number {i}") for i in range(20)]
    assert len(recall("printer jam", many, limit=3)) == 3


def test_solution_text_is_searched_too() -> None:
    assert ids(recall("print spooler", WINS))[0] == 2
    assert ids(recall("autopilot", WINS)) == [6]


def test_equal_scores_prefer_the_newer_win() -> None:
    same = [win(1, "toner empty", when="2026-01-01"), win(2, "toner empty", when="2026-03-01")]
    assert ids(recall("toner", same)) == [2, 1]


def test_rarer_terms_weigh_more() -> None:
    docs = [win(i, "printer offline") for i in range(5)] + [win(9, "printer jam")]
    assert ids(recall("printer jam", docs))[0] == 9


def test_bm25_matches_the_formula() -> None:
    # Three documents of lengths 3, 1 and 3; the third ({"c": 3}) has no query term.
    hits = [(0, {"a": 2, "b": 1}, 3.0), (1, {"b": 1}, 1.0)]
    got = bm25_scores(["a", "b", "a"], hits, 3, 7.0)
    n, avgdl = 3, 7 / 3

    def idf(df: int) -> float:
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def part(tf: int, dl: float, df: int) -> float:
        return idf(df) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))

    assert got.keys() == {0, 1}
    assert got[0] == pytest.approx(part(2, 3, 1) + part(1, 3, 2))
    assert got[1] == pytest.approx(part(1, 1, 2))
    assert bm25_scores(["a"], [], 3, 7.0) == {}


def test_shared_normalisation_with_the_tagger() -> None:
    assert terms("Wachtwoord") == terms("password")
    assert terms("geüpdatet") == terms("update")
    assert set(terms("wachtwoordreset")) == set(terms("password reset"))


def test_stored_terms_give_the_same_ranking_as_tokenising_on_the_fly() -> None:
    from growthdesk.core.text import win_terms

    texts = [
        ("Wachtwoord vergeten, account geblokkeerd", "ontgrendeld in AD"),
        ("forgot password, locked out", None),
        ("printer 3e verdieping offline", "spooler herstart"),
        ("VPN token out of sync", "resync in portal"),
        ("Outlook gedeelde agenda loopt vast", None),
    ] * 7
    plain = [
        {"id": i, "when": f"2026-11-{i % 28 + 1:02d}T10:00:00+01:00", "problem": p, "solution": s}
        for i, (p, s) in enumerate(texts, 1)
    ]
    indexed = [{**w, "terms": win_terms(w["problem"], w["solution"])} for w in plain]
    stale = [{**w, "terms": {"v": -1, "p": ["bogus"], "s": []}} for w in plain]
    mixed = [w if w["id"] % 2 else plain[w["id"] - 1] for w in indexed]
    for query in ("wachtwoord vergeten", "password locked", "printer offline", "agenda outlook"):
        expected = [(w["id"], score) for w, score in recall(query, plain, limit=8)]
        assert expected
        for variant in (indexed, stale, mixed):
            assert [(w["id"], score) for w, score in recall(query, variant, limit=8)] == expected


def test_stored_term_search_matches_whole_terms_only() -> None:
    from growthdesk.worklog.recall import _lines_matching

    texts = ["prin jam", "sprint", "", "vpn prin", "jamming", "x prin"]
    assert _lines_matching({"prin"}, texts) == {0, 3, 5}
    assert _lines_matching({"jam", "vpn"}, texts) == {0, 3}
    assert _lines_matching({"nothing"}, texts) == set()


def test_recall_survives_a_damaged_text() -> None:
    wins = [{"id": 1, "when": "2026-01-01", "problem": ["printer"], "solution": None}]
    wins.append({"id": 2, "when": "2026-01-02", "problem": "printer jam", "solution": None})
    # The list is unhashable (no memo) but still read as text.
    assert ids(recall("printer jam", wins, 5)) == [2, 1]


WORDS = ["printer", "printers", "toner", "vpn", "anyconnect", "wachtwoord", "password", "reset"]
TEXTS = st.lists(st.sampled_from([*WORDS, "Café", "e-mail", "x", "the"]), max_size=6).map(" ".join)


@st.composite
def win_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    # Few distinct texts and days, so equal scores and equal days (the tie rules) are common;
    # sometimes a short or missing "when", which sorts differently from full stamps.
    whens = st.sampled_from(
        ["2026-01-01T10:00:00+01:00", "2026-03-01T10:00:00+01:00", "2025-12-31T23:59:00+01:00"]
    )
    odd = st.sampled_from(["", "2026-03-01", None])
    wins = [
        {
            "id": i,
            "when": draw(st.one_of(whens, odd) if draw(st.booleans()) else whens),
            "problem": draw(TEXTS),
            "solution": draw(st.one_of(st.none(), TEXTS)),
        }
        for i in range(draw(st.integers(0, 25)))
    ]
    if wins and draw(st.booleans()):
        del wins[0]["solution"]  # a record missing a field takes the lenient path
    return wins


def _newer_first(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # Newest first, character by character: a stamp that is a prefix of another ("", a bare
    # day) comes before it, as recall has always ordered them.
    return [-ord(c) for c in str(a.get("when") or "")] <= [
        -ord(c) for c in str(b.get("when") or "")
    ]


@settings(max_examples=300, deadline=None)
@given(TEXTS, win_lists(), st.integers(1, 6), st.booleans())
def test_recall_finds_every_match_in_order_whatever_is_stored(
    text: str, wins: list[dict[str, Any]], limit: int, stored: bool
) -> None:
    if stored:  # as logged: with their terms (the fast path); else tokenised on the fly
        wins = [
            {**w, "terms": win_terms(w["problem"], w.get("solution"))} if w["id"] % 2 else w
            for w in wins
        ]
    every = recall(text, wins, limit=len(wins) + 1)
    query = set(terms(text))
    matching = [
        w["id"] for w in wins if query & {*terms(w["problem"]), *terms(w.get("solution") or "")}
    ]
    assert sorted(ids(every)) == matching
    scores = [s for _w, s in every]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    # Wins with the same texts score the same: the newer one first, then log order.
    for (a, _sa), (b, _sb) in zip(every, every[1:], strict=False):
        if (a["problem"], a.get("solution")) == (b["problem"], b.get("solution")):
            assert _newer_first(a, b) and (a.get("when") != b.get("when") or a["id"] < b["id"])
    assert recall(text, wins, limit) == every[:limit]


# --- similar: judged, explained, above a floor (issue 12, item 4) --------------------------
def _labelled() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from pathlib import Path

    import orjson

    rows = [
        orjson.loads(line)
        for line in (Path(__file__).parent / "data" / "recall_labelled.jsonl")
        .read_bytes()
        .splitlines()
    ]
    return [r["win"] for r in rows if "win" in r], [r for r in rows if "query" in r]


def _precision_at_3(shown: list[int], relevant: set[int]) -> float:
    # Precision of what is shown (at most 3): showing nothing when nothing is relevant is right.
    top = shown[:3]
    return sum(i in relevant for i in top) / len(top) if top else float(not relevant)


def test_labelled_set_precision_at_3() -> None:
    from growthdesk.worklog.similar import similar

    wins, queries = _labelled()
    before = [
        _precision_at_3(ids(recall(q["query"], wins, 3)), set(q["relevant"])) for q in queries
    ]
    after = [
        _precision_at_3([m.win["id"] for m in similar(q["query"], wins, 3)], set(q["relevant"]))
        for q in queries
    ]
    assert len(queries) >= 20
    assert sum(after) / len(after) >= 0.9  # 0.917 when written; raw BM25 top 3: 0.63
    assert sum(before) / len(before) <= 0.7  # the set is not one BM25 already gets right
    # Nothing relevant is lost: every query still finds at least one of its wins first.
    for q in queries:
        hits = similar(q["query"], wins, 3)
        assert hits and hits[0].win["id"] in q["relevant"], q["query"]


def test_sap_crash_does_not_recall_battery_wins_and_says_why() -> None:
    from growthdesk.worklog.similar import similar

    wins, _queries = _labelled()
    hits = similar("SAP order entry screen crashes", wins, 5)
    assert [m.win["id"] for m in hits] == [1, 2]  # the Dutch SAP win too, not SAP passwords
    assert hits[0].why[:2] == ["same product: SAP GUI", "same symptom: crashes"]
    assert "same words: entry, order, screen" in hits[0].why
    assert all(0 < m.score <= 1 for m in hits)


def test_error_codes_and_products_win_over_shared_words() -> None:
    from growthdesk.worklog.similar import error_codes, similar

    assert error_codes("Error: 1603 and 0x8007000d, aadsts50076") == {
        "1603",
        "0x8007000D",
        "AADSTS50076",
    }
    wins = [
        win(1, "install of Reader fails", "rebooted"),
        win(2, "Adobe Reader install error 1603", "removed the old version"),
        win(3, "Chrome install fails", "used the MSI"),
    ]
    hits = similar("Adobe Reader install fails with error 1603", wins, 3)
    assert hits[0].win["id"] == 2 and "same error code: 1603" in hits[0].why
    assert 3 not in [m.win["id"] for m in hits]  # another product, only "install fails" shared


def test_floor_drops_weak_matches_and_empty_is_an_answer() -> None:
    from growthdesk.worklog.similar import MIN_RELEVANCE, similar

    wins = [
        win(1, "Outlook crashes when opening shared calendar", "rebuilt the Outlook profile"),
        win(2, "new calendar for the meeting room", "created a room mailbox"),
    ]
    hits = similar("Outlook crashes on the shared calendar", wins, 5)
    assert [m.win["id"] for m in hits] == [1]  # 'calendar' alone is below the floor
    assert recall("Outlook crashes on the shared calendar", wins, 5)[1][0]["id"] == 2
    # Alone, the one shared word is a quarter of the query: under the absolute floor.
    assert recall("calendar sync on iPhone", [wins[0]], 5)
    assert similar("calendar sync on iPhone", [wins[0]], 5) == []
    assert MIN_RELEVANCE > 0.25
    assert similar("zzz qqq", wins) == [] and similar("", wins) == []


def test_dutch_and_english_wins_about_one_problem_meet() -> None:
    from growthdesk.worklog.similar import similar

    wins = [
        win(1, "Scherm flikkert op docking station", "firmware van het dock bijgewerkt"),
        win(2, "screen flickering on docking station", "updated the dock firmware"),
        win(3, "printer offline", "restarted the spooler"),
    ]
    for query in ("screen flickers on the dock", "beeldscherm flikkert"):
        hits = similar(query, wins, 3)
        assert {m.win["id"] for m in hits} == {1, 2}, query
        assert any(r.startswith("same symptom: ") for r in hits[0].why)


def test_glossary_translations_find_what_plain_terms_miss() -> None:
    from growthdesk.worklog.similar import similar

    nl = [win(1, "Programma loopt vast bij opslaan"), win(2, "printer offline")]
    en = [win(1, "Program freezes all the time"), win(2, "printer offline")]
    # No shared term at all: BM25 alone finds nothing, the nl<->en glossary does.
    assert recall("program freezes when saving", nl) == []
    assert [m.win["id"] for m in similar("program freezes when saving", nl)] == [1]
    hits = similar("het programma loopt steeds vast", en)
    assert [m.win["id"] for m in hits] == [1]
    # The reasons name what was typed, not the glossary's English for it.
    assert hits[0].why == ["same symptom: loopt steeds vast", "same words: programma"]


def test_a_shared_place_is_not_a_shared_problem() -> None:
    from growthdesk.worklog.similar import similar

    wins = [
        win(1, "Toetsenbord en muis werken niet op docking 2e verdieping"),
        win(2, "Printer P-311 2e verdieping papierstoring"),
        win(3, "keyboard dead at the desk on the third floor"),
    ]
    # The floor is all the keyboard wins share with the printer: they are not shown.
    hits = similar("printer op de 2e verdieping drukt niet af", wins, 5)
    assert [m.win["id"] for m in hits] == [2]
    assert hits[0].why == ["same words: printer", "same place: 2e, verdieping"]
    assert similar("VPN drops on the third floor", wins, 5) == []
    # A place still adds a little to a real match: the same floor ranks first.
    both = [win(1, "printer offline 3rd floor"), win(2, "printer offline 5th floor")]
    assert [m.win["id"] for m in similar("printer offline on the 3rd floor", both)] == [1, 2]
