"""Recall: BM25 over your own wins, across English and Dutch wording."""

from __future__ import annotations

import math
from typing import Any

import pytest

from growthdesk.core.text import terms
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
    docs = [{"a": 2, "b": 1}, {"b": 1}, {"c": 3}]
    lengths = [3.0, 1.0, 3.0]
    got = bm25_scores(["a", "b"], docs, lengths)
    n, avgdl = 3, 7 / 3

    def idf(df: int) -> float:
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def part(tf: int, dl: float, df: int) -> float:
        return idf(df) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))

    assert got[0] == pytest.approx(part(2, 3, 1) + part(1, 3, 2))
    assert got[1] == pytest.approx(part(1, 1, 2))
    assert got[2] == 0
    assert bm25_scores(["a"], [], []) == []


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
