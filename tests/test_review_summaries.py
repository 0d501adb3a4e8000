"""The review from the month summaries (reporting.review_part, network.help_part) is exactly the
review a full pass over the wins gives, on random homes and after any change; a part that does
not match its shard is never used, and doctor catches and repairs a forged one."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from click.testing import Result
from helpers.homes import as_records, random_step, win_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.core.i18n import language
from growthdesk.network import help_part, picture
from growthdesk.network.graph import _help_history
from growthdesk.reporting import review, review_part, stats
from growthdesk.reporting.review_part import REVIEW
from growthdesk.skills.labels import labels
from growthdesk.store import Store, summaries
from growthdesk.worklog import days, index  # noqa: F401  (registers the parts, as the CLI does)

Invoke = Callable[..., Result]

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")
# The default period is 2025-11-27 .. 2026-11-26: 2025-11 is cut, 2026-12 is after it.
MONTHS = ["2025-10", "2025-11", "2026-03", "2026-11", "2026-12"]
WINDOWS = [
    (None, None),
    (date(2025, 11, 10), date(2026, 3, 20)),  # cuts both ends
    (date(2026, 3, 1), date(2026, 11, 30)),  # whole months only
    (date(2026, 11, 5), date(2026, 11, 5)),  # one day
]

wins = st.fixed_dictionaries(
    {
        "month": st.sampled_from(MONTHS),
        "day": st.sampled_from([1, 5, 26, 27, 28]),
        "hour": st.sampled_from([9, 12]),  # ties in "when" are common
        "problem": st.sampled_from(["printer offline", "vpn drops", "toner", ""]),
        "solution": st.sampled_from([None, "rebooted"]),
        "plain": st.booleans(),
        # few combinations, so that one holds more wins than a month's part keeps of it; a
        # home with one area only (every "hardest" score 0) is common too
        "skills": st.sampled_from(
            [
                ["printing"],
                ["printing"],
                ["network_connectivity"],
                ["printing", "remote_access"],
                ["remote_access", "printing"],
                [],
            ]
        ),
        # equal minutes are common; two huge ones score the same float
        "minutes": st.sampled_from([None, 1, 5, 5, 20, 40, 2**60, 2**60 + 1]),
        "escalated": st.booleans(),
        "tags": st.sampled_from([[], ["no-escalation"]]),
        "helper": st.sampled_from([None, 1, 2]),
    }
)
ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "minutes", "skills", "remove", "undo"]),
        st.integers(0, 60),
        st.sampled_from(MONTHS),
    ),
    max_size=4,
)


def _record(w: dict[str, Any]) -> dict[str, Any]:
    rec = win_record(
        f"{w['month']}-{w['day']:02d}T{w['hour']:02d}:00:00+01:00",
        w["problem"],
        solution=w["solution"],
        skills=w["skills"],
        minutes=w["minutes"],
        escalated=w["escalated"],
        tags=w["tags"],
        helped_by=[] if w["helper"] is None else [w["helper"]],
    )
    if w["solution"] and w["plain"]:
        rec["solution_plain"] = "turned it off and on"
    return rec


def _contact(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "colleague",
        "org": None,
        "email": None,
        "phone": None,
        "specialties": {},
        "strength": 3,
        "met_at": None,
        "notes": "",
        "last_contact": "2026-11-01",
        "do_not_ask": False,
        "created": "2026-01-01T09:00:00+01:00",
    }


def _home(home: Path, first: list[dict[str, Any]]) -> None:
    with Store(home).transaction("import") as tx:
        tx.insert_many("contacts", [_contact("Sanne"), _contact("Mark")])
        ids = tx.insert_many("wins", [_record(w) for w in first]) if first else []
        tx.insert_many(
            "kudos",
            [
                {"when": f"2026-{m}-28T09:00:00+01:00", "from": "Mia", "note": "thanks", "win": i}
                for m, i in zip(("03", "11"), [*ids[-2:], 999], strict=False)
            ],
        )


def _apply(home: Path, op: tuple[str, int, str], extra: list[dict[str, Any]]) -> None:
    kind, n, month = op
    changes = {
        "move": lambda win: {"when": month + win["when"][7:]},  # two shards change
        "minutes": lambda win: {"minutes": 1 + n},
        "skills": lambda win: {"skills": ["remote_access"]},
    }
    random_step(home, kind, n, [_record(w) for w in extra], changes)


def _full(
    store: Store, since: date | None, until: date | None, with_picture: bool = True
) -> dict[str, Any]:
    """The review as a pass over the wins gives it: every win of the months the period
    overlaps, and the help history of every win ever logged."""
    first, last = review.review_range(NOW, since, until)
    data = stats.read_inputs(store, first, last)
    recent = (last - timedelta(days=stats.HISTORY_DAYS - 1)).isoformat()
    doc = review.build_review(
        wins=data["wins"],
        now=NOW,
        since=first,
        until=last,
        learning=data["learning"],
        kudos=data["kudos"],
        contacts=data["contacts"],
        events=store.events(),
        profile=data["profile"],
        career_line=stats.next_step(
            [w for w in data["wins"] if w["when"][:10] >= recent],
            data["learning"],
            data["profile"],
            NOW,
        ),
    )
    if not with_picture:
        return doc
    pic = picture.build_picture(
        data["contacts"],
        store.links(),
        store.wins(),
        store.interactions(),
        NOW.date(),
        labels=labels(language()),
    )
    doc["network"]["picture"] = picture.render_svg(pic) if pic.nodes else ""
    return doc


def _same_review(home: Path) -> None:
    for i, (since, until) in enumerate(WINDOWS):
        expected = _full(Store(home), since, until, with_picture=i == 0)
        got = review.review_for(Store(home), NOW, since, until, picture=i == 0)
        assert got == expected, (since, until)
    store = Store(home)
    assert help_part.store_history(store) == _help_history(store.wins())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(wins, max_size=40), more=st.lists(wins, min_size=1, max_size=8), steps=ops)
def test_the_review_from_the_summaries_is_the_review_of_all_wins(
    first: list[dict[str, Any]], more: list[dict[str, Any]], steps: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        _home(home, first)
        _same_review(home)
        for op in steps:
            _apply(home, op, more)
            _same_review(home)
        # Every commit left each shard's parts as a build from scratch makes them (a commit
        # that appends to a month merges into the part it had).
        for shard in (home / "wins").glob("????-??.json"):
            month_wins = Store(home).wins([shard.stem])
            for part in (REVIEW, help_part.HELPERS):
                doc = orjson.loads(shard.with_name(f"{shard.stem}-{part}.json").read_bytes())
                assert doc["shard"]["mtime_ns"] == shard.stat().st_mtime_ns
                assert doc["data"] == summaries.build(part, month_wins), part


def test_a_month_part_keeps_what_any_period_can_pick() -> None:
    # 8 equal wins of one area on one day: the part keeps the 6 first of them; a win of
    # another area and the longest are kept whatever their rank.
    month = [
        {**_record({**_W, "minutes": 5}), "id": i, "when": f"2026-03-05T09:{i:02d}:00+01:00"}
        for i in range(1, 9)
    ]
    month.append({**_record({**_W, "minutes": 90, "skills": ["remote_access"]}), "id": 9})
    part = summaries.build(REVIEW, month)
    assert [e[1] for e in part["pool"]] == [1, 2, 3, 4, 5, 6, 9]
    assert part["ids"] == list(range(1, 10))
    assert part["counts"] == [0, 0, 1]  # no solution, none in plain words, one avoided
    # Appending a win merges into the part, as a build from scratch makes it.
    new = {**_record({**_W, "minutes": 7}), "id": 10, "when": "2026-03-30T09:00:00+01:00"}
    merged = review_part.review_part([*month, new], part, {10})
    assert merged == summaries.build(REVIEW, [*month, new])
    assert [e[1] for e in merged["pool"]] == [1, 2, 3, 4, 5, 9, 10]


def _one_month(home: Path, minutes_skills: list[tuple[int, list[str], int]]) -> list[Any]:
    """A home with one win per (minutes, skills, day) in 2026-03 (one a minute that day); the
    ids of the review's "hardest" wins, checked against the full pass."""
    rows = [
        {
            **_record({**_W, "minutes": m, "skills": skills}),
            "when": f"2026-03-{d:02d}T09:{i:02d}:00+01:00",
        }
        for i, (m, skills, d) in enumerate(minutes_skills)
    ]
    with Store(home).transaction("import") as tx:
        tx.insert_many("wins", rows)
    got = review.review_for(Store(home), NOW, picture=True)
    assert got == _full(Store(home), None, None)
    return [w["id"] for w in got["notable"]["hardest"]]


def test_a_part_keeps_enough_of_a_skill_combination(tmp_path: Path) -> None:
    # The 3 longest are a rare area's; its next 3 are the hardest, not the common area's.
    rare = [(40 - i, ["remote_access"], 2) for i in range(7)]
    common = [(1, ["printing"], 3)] * 30
    assert _one_month(tmp_path / "home", rare + common) == [4, 5, 6]


def test_with_one_area_only_the_first_wins_are_the_hardest(tmp_path: Path) -> None:
    # Every score is 0: the first 3 timed wins after the longest 3, whatever their minutes.
    one = [(m, ["printing"], 1 + m) for m in range(1, 13)]
    assert _one_month(tmp_path / "home", one) == [1, 2, 3]


def test_huge_durations_that_score_alike_rank_by_time(tmp_path: Path) -> None:
    # log1p(2**60) == log1p(2**60 + 1) as floats: the earlier win ranks first, although it
    # is neither among its combination's 6 longest nor among the 6 first timed wins.
    first = [(1, ["remote_access"], 1)] * 6
    early = [(2**60, ["printing"], 2)]
    late = [(2**60 + 1, ["printing"], 20)] * 9
    assert _one_month(tmp_path / "home", first + early + late) == [7, 11, 12]


_W = {
    "month": "2026-03",
    "day": 5,
    "hour": 9,
    "problem": "printer offline",
    "solution": None,
    "plain": False,
    "skills": ["printing"],
    "minutes": 5,
    "escalated": False,
    "tags": [],
    "helper": None,
}


# ---- through the command: a part that does not match is not used; doctor repairs a forged one


def _log(invoke: Invoke, *args: str) -> None:
    assert invoke("log", *args).exit_code == 0


def test_review_reads_a_shard_edited_by_hand_and_doctor_repairs_a_forged_part(
    invoke: Invoke, home: Path
) -> None:
    _log(invoke, "printer offline", "-s", "printing", "-m", "30", "--when", "2026-10-02")
    _log(invoke, "vpn drops", "-s", "remote_access", "-m", "50", "--when", "2026-10-03")
    _log(invoke, "toner empty", "-s", "printing", "-m", "10", "--when", "2026-10-04")
    longest = (
        "### Longest\n\n"
        "- **2026-10-03**: vpn drops (50 min)\n"
        "- **2026-10-02**: printer offline (30 min)\n"
        "- **2026-10-04**: toner empty (10 min)\n"
    )
    report = invoke("review")
    assert report.exit_code == 0
    assert longest in report.stdout
    part = home / "wins/2026-10-review.json"
    doc = orjson.loads(part.read_bytes())
    assert [e[1] for e in doc["data"]["pool"]] == [1, 2, 3]
    doc["data"]["pool"][1][5] = "forged"  # with the right stamp
    part.write_bytes(orjson.dumps(doc))
    assert "- **2026-10-03**: forged (50 min)\n" in invoke("review").stdout  # trusted, as stamped
    doctor = invoke("doctor")
    assert "BROKEN wins/2026-10-review.json: it disagrees with wins/2026-10.json" in doctor.stdout
    assert invoke("doctor", "--restore").exit_code == 0
    assert invoke("doctor").exit_code == 0
    assert invoke("review").stdout == report.stdout
    # A shard edited by hand: the part no longer matches it, so the review reads the shard.
    shard = home / "wins/2026-10.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["2"]["problem"] = "sap freezes"
    shard.write_bytes(orjson.dumps(data))
    assert "- **2026-10-03**: sap freezes (50 min)\n" in invoke("review").stdout
