"""`ask` from the month summaries (worklog.helped, worklog.index) answers exactly as a full
recomputation over every win record, after any change: adds, edits that move a win to another
month or change its text, helpers or areas, removals and undo."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from click.testing import Result
from helpers.homes import random_step, win_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.network.ranking import RankParams, Reading, ask, rank
from growthdesk.store import Store, summaries
from growthdesk.worklog import index  # noqa: F401  (registers the parts, as the CLI does)
from growthdesk.worklog.helped import HELPED
from growthdesk.worklog.index import WinIndex

TODAY = date(2026, 11, 26)
# Words that share a 6-letter stem ("disconnecting"/"disconnects"), fold ("Geüpdatet",
# "e-mail"), are too short to count ("vpn") or are stop words ("when").
WORDS = ["printer", "printers", "offline", "vpn", "disconnecting", "disconnects", "toner",
         "Geüpdatet", "geupdatet", "e-mail", "outlook", "crashes", "when", "home", "working",
         "wachtwoord", "verlopen", "floor", "AnyConnect"]  # fmt: skip
QUERIES = ["VPN keeps disconnecting when working from home", "printer offline", "toner",
           "e-mail geüpdatet", "outlook crashes at home", "nothing matches here"]  # fmt: skip
MONTHS = ["2026-08", "2026-09", "2026-10", "2026-11"]
SKILLS = [[], ["printing"], ["printing", "remote_access"], ["remote_access", "printing"],
          ["printing", "printing"], ["email"], ["retired_area", "remote_access"]]  # fmt: skip
CONTACTS: list[dict[str, Any]] = [
    {"id": 1, "name": "Ana", "strength": 3, "specialties": {"printing": 4}},
    {"id": 2, "name": "Bram", "strength": 2, "specialties": {}},
    {"id": 3, "name": "Cor", "specialties": {"remote_access": 5}, "notes": "knows outlook"},
    {"id": 4, "name": "Dirk", "strength": 1},
]
READINGS = [
    None,  # the tagger's
    Reading(weights=[("printing", 1.0)], source="given"),
    Reading(weights=[("remote_access", 1.0), ("printing", 0.37)], source="tagger"),
    Reading(weights=[("email", 1.0), ("printing", 0.5), ("remote_access", 0.25)]),
    Reading(weights=[], source="none"),
]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
wins = st.fixed_dictionaries(
    {
        "month": st.sampled_from(MONTHS),
        "day": st.integers(1, 28),
        "problem": texts,
        "solution": st.one_of(st.none(), texts),
        "helped_by": st.sampled_from([[], [], [1], [2], [1, 3], [3, 1], [4, 4]]),
        "skills": st.sampled_from(SKILLS),
    }
)
# (kind, index of a win, new month, text, helpers, areas)
ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "text", "helpers", "areas", "remove", "undo"]),
        st.integers(0, 50),
        st.sampled_from(MONTHS),
        texts,
        st.sampled_from([[], [2], [1, 4]]),
        st.sampled_from(SKILLS),
    ),
    max_size=6,
)


def _record(w: dict[str, Any]) -> dict[str, Any]:
    return win_record(
        f"{w['month']}-{w['day']:02d}T09:00:00+01:00",
        w["problem"],
        solution=w["solution"],
        helped_by=w["helped_by"],
        skills=w["skills"],
    )


def _apply(home: Path, op: tuple[Any, ...], extra: list[dict[str, Any]]) -> None:
    kind, n, month, text, helpers, areas = op
    changes = {
        "move": lambda win: {"when": month + win["when"][7:]},
        "text": lambda win: {"problem": text},
        "helpers": lambda win: {"helped_by": helpers},
        "areas": lambda win: {"skills": areas},
    }
    random_step(home, kind, n, [_record(w) for w in extra], changes)


def _people(result: Any) -> list[Any]:
    return [
        (p.contact_id, p.score, p.topical, p.history, p.reasons, p.cautions) for p in result.people
    ]


def _same_answers(home: Path) -> None:
    full = Store(home).wins()
    indexed = WinIndex(Store(home))
    helped = indexed.helped()
    for text in QUERIES:
        for reading in READINGS:
            for params in (RankParams(), RankParams(text_weight=0.0)):
                common: dict[str, Any] = {
                    "contacts": CONTACTS,
                    "links": [],
                    "interactions": [],
                    "today": TODAY,
                    "params": params,
                    "reading": reading,
                }
                expected = rank(text, wins=full, **common)
                got = rank(text, wins=helped, **common)
                assert _people(got) == _people(expected), (text, reading, params)
        common = {"contacts": CONTACTS, "links": [], "interactions": [], "events": []}
        expected_ask = ask(text, wins=full, today=TODAY, **common)
        got_ask = ask(text, wins=indexed, today=TODAY, **common)
        assert _people(got_ask) == _people(expected_ask), text
        assert [(a.skill, a.score, _people(a)) for a in got_ask.by_area] == [
            (a.skill, a.score, _people(a)) for a in expected_ask.by_area
        ]
        assert [(m.win["id"], m.score, m.why) for m in got_ask.similar_wins] == [
            (m.win["id"], m.score, m.why) for m in expected_ask.similar_wins
        ]
    assert len(helped) == sum(1 for w in full if w["helped_by"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(wins, max_size=20), more=st.lists(wins, max_size=4), steps=ops)
def test_ask_from_the_summaries_answers_as_from_every_win(
    first: list[dict[str, Any]], more: list[dict[str, Any]], steps: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        if first:
            with Store(home).transaction("import") as tx:
                tx.insert_many("wins", [_record(w) for w in first])
        _same_answers(home)
        for op in steps:
            _apply(home, op, more or first[:1] or [_PRINTER])
            _same_answers(home)
        for shard in (home / "wins").glob("????-??.json") if (home / "wins").is_dir() else ():
            # The part a commit built from the one before is the part built from scratch.
            doc = orjson.loads(shard.with_name(f"{shard.stem}-{HELPED}.json").read_bytes())
            assert doc["data"] == summaries.build(HELPED, Store(home).wins([shard.stem]))


_PRINTER = {
    "month": "2026-11",
    "day": 2,
    "problem": "printer offline",
    "solution": None,
    "helped_by": [1],
    "skills": ["printing"],
}


def test_the_helped_part_lists_stems_and_areas_by_position(tmp_path: Path) -> None:
    home = tmp_path / "home"
    rows = [
        {**_PRINTER, "day": 3, "problem": "Printers offline", "helped_by": [2, 1]},
        {**_PRINTER, "day": 4, "helped_by": []},
        {**_PRINTER, "day": 5, "problem": "VPN disconnects", "skills": ["remote_access"]},
    ]
    with Store(home).transaction("import") as tx:
        tx.insert_many("wins", [_record(w) for w in rows])
    part = Store(home).summary("2026-11", HELPED)
    assert part == {
        "n": 2,
        "ids": "1 3",
        "day": "2026-11-03 2026-11-05",
        "by": "2,1 1",
        "skills": "printing remote_access",
        "stems": "\nofflin\t0\nprinte\t0\ndiscon\t1",
        "areas": {"printing": "0", "remote_access": "1"},
    }


def test_help_found_only_by_its_words_is_named_without_an_area(
    invoke: Callable[..., Result], home: Path
) -> None:
    # An imported win without an area, helped by Ana, shares the problem's words only: it is
    # evidence all the same (ask used to fail on it looking for the area to name).
    assert invoke("contact", "add", "Ana de Vries", "--strength", "3").exit_code == 0
    row = {**_PRINTER, "problem": "AnyConnect certificate rejected", "skills": []}
    with Store(home).transaction("import") as tx:
        tx.insert_many("wins", [_record(row)])
    result = invoke("ask", "AnyConnect certificate rejected again", "--json", "--no-team")
    assert result.exit_code == 0, result.output
    (person,) = orjson.loads(result.stdout)["people"]
    assert person["name"] == "Ana de Vries"
    assert person["reasons"] == ["helped you 1×, last on 2026-11-02"]


def test_the_texts_part_gives_back_every_shown_field() -> None:
    from growthdesk.worklog.index import TEXTS, texts_reader

    plain = [
        {"id": 1, "problem": "printer offline", "solution": None, "skills": ["printing"]},
        {"id": 2, "problem": "vpn", "solution": "", "skills": []},
        {"id": 3, "problem": "", "solution": "two\nlines, one space", "skills": ["a", "b"]},
    ]
    odd = [
        *plain,
        {"id": 4, "problem": "tab\x1fcut", "solution": "x", "skills": ["printing"]},
        {"id": 5, "problem": "no solution field", "skills": ["printing"]},
        {"id": 6, "problem": "odd skill", "solution": None, "skills": ["with space", ""]},
    ]
    for wins in (plain, odd, plain[:1], []):
        part = summaries.build(TEXTS, wins)
        assert ("rows" in part) == (wins is odd)
        shown = texts_reader(part)
        assert shown is not None
        fields = ("problem", "solution", "skills")
        assert [shown(i) for i in range(len(wins))] == [
            {k: w[k] for k in fields if k in w} for w in wins
        ]
    skills_as_rows = summaries.build(TEXTS, plain[:1] + [{**plain[1], "skills": ["a b"]}])
    assert isinstance(skills_as_rows["skills"], list)
    assert texts_reader(skills_as_rows)(1)["skills"] == ["a b"]  # type: ignore[misc]
