"""Month summaries (store.summaries, worklog.index): the summary path answers exactly as a full
recomputation over every win, after any change; a missing, stale or damaged summary is rebuilt,
never trusted, and doctor reports and repairs it."""

from __future__ import annotations

import math
import os
import statistics
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from click.testing import Result
from helpers.homes import as_records, random_step, win_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.career.analysis import analyse, to_json
from growthdesk.career.metrics import HALF_LIFE_DAYS, distribution_of
from growthdesk.core.text import terms
from growthdesk.reporting.repeats import REPEATS
from growthdesk.reporting.stats import (
    Window,
    dashboard,
    dashboard_for,
    history_start,
    period_figures,
    read_inputs,
    repeat_problems,
    skill_figures,
)
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.summary import skill_summary
from growthdesk.store import SCHEMA_VERSION, Store, summaries
from growthdesk.store.layout import summary_of
from growthdesk.worklog import index  # noqa: F401  (registers the parts, as the CLI does)
from growthdesk.worklog.days import day_facts, in_days, store_facts
from growthdesk.worklog.index import WinIndex
from growthdesk.worklog.recall import rank_terms
from growthdesk.worklog.similar import similar

Invoke = Callable[..., Result]

WORDS = ["printer", "offline", "vpn", "drops", "wachtwoord", "password", "reset", "outlook",
         "crashes", "toner", "floor", "verdieping", "laptop", "sap", "freezes", "wifi"]  # fmt: skip
QUERIES = ["printer offline", "vpn drops", "wachtwoord reset", "outlook crashes", "wifi laptop"]
MONTHS = ["2026-08", "2026-09", "2026-10", "2026-11"]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
wins = st.fixed_dictionaries(
    {
        "month": st.sampled_from(MONTHS),
        "day": st.integers(1, 28),
        "hour": st.sampled_from([9, 12]),  # few distinct moments: ties in "when" are common
        "problem": texts,
        "solution": st.one_of(st.none(), texts),
        "helped": st.booleans(),
        "terms": st.booleans(),  # with stored terms or without (recall makes them)
        # areas as the consumers see them: none, one, two, a repeat, one no taxonomy knows
        "skills": st.sampled_from(
            [
                [],
                ["printing"],
                ["printing", "remote_access"],
                ["remote_access", "printing"],
                ["printing", "printing"],
                ["retired_area"],
                ["retired_area", "printing"],
            ]
        ),  # fmt: skip
        "minutes": st.one_of(st.none(), st.integers(0, 40)),
        "escalated": st.booleans(),
        "requester": st.sampled_from([None, "Jan", "Piet"]),
    }
)
# (kind, index of a win, new month): add more, move a win to another month, remove, undo
ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "edit", "remove", "undo"]),
        st.integers(0, 50),
        st.sampled_from(MONTHS),
        texts,
    ),
    max_size=5,
)


def _record(w: dict[str, Any]) -> dict[str, Any]:
    from growthdesk.core.text import win_terms

    rec = win_record(
        f"{w['month']}-{w['day']:02d}T{w['hour']:02d}:00:00+01:00",
        w["problem"],
        solution=w["solution"],
        helped_by=[1] if w["helped"] else [],
        skills=w.get("skills", ["printing"]),
        minutes=w.get("minutes", 5),
        escalated=w.get("escalated", False),
    )
    if w.get("requester"):
        rec["requester"] = w["requester"]
    if w["terms"]:
        rec["terms"] = win_terms(w["problem"], w["solution"])
    return rec


def _apply(home: Path, op: tuple[str, int, str, str], extra: list[dict[str, Any]]) -> None:
    kind, n, month, text = op
    changes = {
        "move": lambda win: {"when": month + win["when"][7:]},
        # the text without refreshing stored terms: recall must not trust them blindly
        "edit": lambda win: {"problem": text},
    }
    random_step(home, kind, n, [_record(w) for w in extra], changes)


def _same_answers(home: Path) -> None:
    full = Store(home).wins()
    indexed = WinIndex(Store(home))
    for text in QUERIES:
        for limit in (1, 3, 200):
            query = text.split()
            expected = [(w["id"], s) for w, s in rank_terms(query, full, limit)]
            got = [(w["id"], s) for w, s in rank_terms(query, indexed, limit)]
            assert got == expected, (text, limit)
        expected_m = [(m.win["id"], m.score, m.why) for m in similar(text, full, 5)]
        got_m = [(m.win["id"], m.score, m.why) for m in similar(text, indexed, 5)]
        assert got_m == expected_m, text
    # What `ask` ranks by in the helped part: tests/test_ask_summaries.py.
    assert len(indexed.helped()) == sum(1 for w in full if w.get("helped_by"))
    assert len(indexed) == len(full)
    store = Store(home)
    keys = [k for m in store.win_months() for k in store.summary(m, REPEATS)]
    for min_size in (2, 3):
        expected_r = repeat_problems(full, min_size=min_size, top=None)
        assert repeat_problems(full, min_size=min_size, top=None, keys=keys) == expected_r
    now = datetime.fromisoformat("2026-11-26T10:00:00+01:00")
    for period in ("week", "month", "year", "all"):
        since = history_start(period, now.date())
        expected_d = dashboard(
            now=now, period=period, history_from=since, **read_inputs(store, since)
        )
        assert dashboard_for(store, now, period) == expected_d
    # The day rows (worklog.days) in the summaries are what the wins give, and every figure
    # read from them (path, skills, stats) is what a plain pass over the wins gives.
    facts = store_facts(store)
    assert facts == orjson.loads(orjson.dumps(day_facts(full)))
    assert to_json(analyse([], [], {}, now, rows=facts["rows"])) == to_json(
        analyse(full, [], {}, now)
    )
    assert skill_summary([], now.date(), rows=facts["rows"]) == skill_summary(full, now.date())
    _as_a_plain_pass(full, facts, now)
    # Repeat calls from the keys and requesters, as the clustering of the asked wins gives them.
    asked = [w for w in full if w.get("requester") and w["when"][:10] <= "2026-11-26"]
    calls = dashboard_for(store, now, "all").repeat_calls
    clusters = repeat_problems(asked, min_size=2, top=None, names=["Jan", "Piet"])
    again = [
        [w["requester"] for w in asked if w["id"] in c["ids"]] for c in clusters if len(c["ids"])
    ]
    repeated = [sum(n for n in Counter(r).values() if n >= 2) for r in again]
    assert (calls or {}).get("calls", 0) == sum(repeated)


def _as_a_plain_pass(full: list[Any], facts: Any, now: datetime) -> None:
    """The readers of day rows against the loops they replaced, over the wins themselves."""
    today = now.date()
    for window in (
        Window(date(2026, 8, 1), today),
        Window(date(2026, 10, 28), today),
        Window(date(2026, 8, 1), date(2026, 11, 28)),  # with wins dated after today
    ):
        lo, hi = window.bounds
        inside = [w for w in full if lo <= str(w.get("when") or "")[:10] <= hi]
        minutes = [int(w["minutes"]) for w in inside if w.get("minutes") is not None]
        fig = period_figures((), window, rows=in_days(facts, lo, hi))
        assert (fig["wins"], fig["with_minutes"], fig["total_minutes"]) == (
            len(inside),
            len(minutes),
            sum(minutes),
        )
        assert fig["within_target"] == sum(1 for m in minutes if m <= 15)
        assert fig["median_minutes"] == (
            round(float(statistics.median(minutes)), 1) if minutes else None
        )
        assert fig["escalated"] == sum(1 for w in inside if w.get("escalated"))
        per_area: dict[str, list[int]] = {}
        counts: Counter[str] = Counter()
        for w in inside:
            for skill in w.get("skills") or ():
                counts[skill] += 1
                if w.get("minutes") is not None:
                    per_area.setdefault(skill, []).append(int(w["minutes"]))
        rows = skill_figures((), (), rows=in_days(facts, lo, hi))
        assert {r["skill"]: r["wins"] for r in rows} == dict(counts)
        for r in rows:
            values = per_area.get(r["skill"], [])
            assert r["median_minutes"] == (
                round(float(statistics.median(values)), 1) if values else None
            )
    # The career distribution: counts exact, weights as the old win-by-win sum (to 1e-12).
    dist = distribution_of(facts["rows"], [], now)
    decay = math.log(2) / HALF_LIFE_DAYS
    weights = dict.fromkeys(SKILL_IDS, 0.0)
    wins_per_area = dict.fromkeys(SKILL_IDS, 0)
    tagged = untagged = 0
    for w in full:
        known = [s for s in dict.fromkeys(w.get("skills") or ()) if s in weights]
        if not known:
            untagged += 1
            continue
        age = (today - date.fromisoformat(w["when"][:10])).days
        for s in known:
            weights[s] += (math.exp(-decay * age) if age > 0 else 1.0) / len(known)
            wins_per_area[s] += 1
        tagged += 1
    assert (dist.n_wins, dist.n_untagged, dist.wins) == (tagged, untagged, wins_per_area)
    for s in SKILL_IDS:
        assert math.isclose(dist.weights[s], weights[s], rel_tol=1e-12, abs_tol=1e-12), s
    # `skills`: per area (each once per win), the last day and the two 90-day windows.
    summary = {r["skill"]: r for r in skill_summary([], today, rows=facts["rows"])}
    for sid in SKILL_IDS:
        days = [w["when"][:10] for w in full if sid in (w.get("skills") or ())]
        recent = (today - timedelta(days=90)).isoformat()
        before = (today - timedelta(days=180)).isoformat()
        assert summary[sid]["count"] == len(days)
        assert summary[sid]["last"] == max(days, default=None)
        assert summary[sid]["recent"] == sum(1 for d in days if recent < d <= today.isoformat())
        assert summary[sid]["previous"] == sum(1 for d in days if before < d <= recent)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(wins, min_size=0, max_size=25), more=st.lists(wins, max_size=6), steps=ops)
def test_the_summary_path_answers_as_a_full_recomputation(
    first: list[dict[str, Any]], more: list[dict[str, Any]], steps: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        if first:
            with Store(home).transaction("import") as tx:
                tx.insert_many("wins", [_record(w) for w in first])
        _same_answers(home)
        for op in steps:
            _apply(home, op, more or first[:1] or [{**_W, "problem": "printer"}])
            _same_answers(home)
        if (home / "wins").is_dir():  # every commit left each shard with a matching summary
            for shard in (home / "wins").glob("????-??.json"):
                month_wins = Store(home).wins([shard.stem])
                for part in ("days", "helped", "recall", "repeats", "texts"):
                    doc = orjson.loads(shard.with_name(f"{shard.stem}-{part}.json").read_bytes())
                    assert doc["shard"]["mtime_ns"] == shard.stat().st_mtime_ns
                    if part in (index.RECALL, index.TEXTS, index.HELPED):  # reuse = whole
                        assert doc["data"] == summaries.build(part, month_wins), part
            for summary in (home / "wins").glob("????-??-*.json"):
                assert summary.with_name(summary.name[:7] + ".json").exists()


_W = {"month": "2026-11", "day": 2, "hour": 9, "solution": None, "helped": False, "terms": False}


# ---- a summary that does not match is rebuilt, never trusted; doctor repairs it ----------------


def _log_three(invoke: Invoke) -> None:
    for day, text in (("02", "printer offline"), ("03", "toner empty"), ("04", "vpn drops")):
        assert invoke("log", text, "-s", "printing", "--when", f"2026-11-{day}").exit_code == 0


def _recall(invoke: Invoke, text: str) -> str:
    result = invoke("recall", text)
    assert result.exit_code == 0
    return result.stdout


def test_every_commit_writes_the_summary_beside_its_shard(invoke: Invoke, home: Path) -> None:
    _log_three(invoke)
    doc = orjson.loads((home / "wins/2026-11-recall.json").read_bytes())
    shard = home / "wins/2026-11.json"
    assert doc["shard"]["size"] == shard.stat().st_size
    assert doc["data"]["ids"] == "1 2 3"
    assert invoke("log", "sap freezes", "-s", "printing", "--when", "2026-11-05").exit_code == 0
    assert "sap freezes" in _recall(invoke, "sap freezes")
    assert invoke("undo").exit_code == 0  # undo restores the shard and its summary together
    assert "sap freezes" not in _recall(invoke, "sap freezes")
    doc = orjson.loads((home / "wins/2026-11-recall.json").read_bytes())
    assert doc["data"]["ids"] == "1 2 3"
    assert doc["shard"]["mtime_ns"] == shard.stat().st_mtime_ns
    assert invoke("doctor").exit_code == 0


def test_a_shard_edited_by_hand_is_read_from_the_shard(invoke: Invoke, home: Path) -> None:
    _log_three(invoke)
    shard = home / "wins/2026-11.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["3"]["problem"] = "sap freezes"
    data["wins"]["3"].pop("terms", None)
    shard.write_bytes(orjson.dumps(data))
    assert "sap freezes" in _recall(invoke, "sap freezes")
    assert "vpn drops" not in _recall(invoke, "vpn drops")
    report = invoke("doctor")
    # Stale, not damaged: every answer above came from the shard (Problem.stale).
    assert report.exit_code == 0
    assert (
        "OUT OF DATE wins/2026-11-recall.json: it does not match wins/2026-11.json" in report.stdout
    )
    assert "BROKEN" not in report.stdout
    assert "rebuilt from wins/2026-11.json" in invoke("doctor", "--restore").stdout
    assert invoke("doctor").exit_code == 0
    assert "sap freezes" in _recall(invoke, "sap freezes")


def test_repeat_keys_made_with_another_glossary_are_made_again(invoke: Invoke, home: Path) -> None:
    from growthdesk.assist.compiled import stamp

    _log_three(invoke)
    part = home / "wins/2026-11-repeats.json"
    doc = orjson.loads(part.read_bytes())
    assert doc["v"].endswith(stamp("glossary"))  # an edit of data/glossary.json is another part
    store = Store(home)
    right = store.summary("2026-11", REPEATS)
    doc["v"] = doc["v"].replace(stamp("glossary"), "v1 glossary.json:00000000")
    doc["data"] = []  # what an older glossary might have made of the same texts
    part.write_bytes(orjson.dumps(doc))
    assert (
        Store(home).summary("2026-11", REPEATS) == right == summaries.build(REPEATS, store.wins())
    )


def test_after_an_upgrade_summaries_of_another_version_are_out_of_date_not_broken(
    invoke: Invoke, home: Path
) -> None:
    for month in ("09", "10", "11"):
        assert (
            invoke(
                "log", "printer offline", "-s", "printing", "--when", f"2026-{month}-02"
            ).exit_code
            == 0
        )
    before = _recall(invoke, "printer offline")
    parts = sorted((home / "wins").glob("2026-??-*.json"))
    assert len(parts) == 3 * len(summaries.parts())
    for part in parts:  # what an older release wrote: every part of every month
        doc = orjson.loads(part.read_bytes())
        doc["v"] = "an older release"
        part.write_bytes(orjson.dumps(doc))
    report = invoke("doctor")
    assert report.exit_code == 0
    lines = report.stdout.splitlines()
    stale = [line for line in lines if line.startswith("OUT OF DATE ")]
    assert len(stale) == 5 and all(
        line.endswith("it was written by another version") for line in stale
    )
    assert f"  … and {len(parts) - 5} more" in lines
    assert lines[-1].startswith(
        f"{len(parts)} summary files are out of date; no answer is affected"
    )
    assert "BROKEN" not in report.stdout
    assert _recall(invoke, "printer offline") == before
    as_json = orjson.loads(invoke("doctor", "--json").stdout)
    assert len(as_json["problems"]) == len(parts) and all(p["stale"] for p in as_json["problems"])
    fixed = invoke("doctor", "--restore")
    assert fixed.exit_code == 0
    assert fixed.stdout.splitlines()[-1] == f"{len(parts)} summary files rewritten."
    assert invoke("doctor").stdout.splitlines()[-1] == "7 files OK"
    assert _recall(invoke, "printer offline") == before


def test_a_missing_or_damaged_summary_is_rebuilt(invoke: Invoke, home: Path) -> None:
    _log_three(invoke)
    before = _recall(invoke, "printer offline")
    summary = home / "wins/2026-11-recall.json"
    for damage, why, code, label in (
        (b"{not json", "it is damaged", 1, "BROKEN"),
        (None, "it is missing", 0, "OUT OF DATE"),  # as after an upgrade that adds a part
    ):
        if damage is None:
            summary.unlink()
        else:
            summary.write_bytes(damage)
        assert _recall(invoke, "printer offline") == before
        report = invoke("doctor")
        assert report.exit_code == code
        assert f"{label} wins/2026-11-recall.json: {why}" in report.stdout
        assert invoke("doctor", "--restore").exit_code == 0
        assert invoke("doctor").exit_code == 0
        assert _recall(invoke, "printer offline") == before


def test_a_summary_with_the_right_stamp_but_wrong_content_is_caught_by_doctor(
    invoke: Invoke, home: Path
) -> None:
    _log_three(invoke)
    summary = home / "wins/2026-11-recall.json"
    doc = orjson.loads(summary.read_bytes())
    doc["data"]["t"] = [""] * index.BUCKETS  # forged: no win has any term
    summary.write_bytes(orjson.dumps(doc))
    report = invoke("doctor")
    assert "BROKEN wins/2026-11-recall.json: it disagrees with wins/2026-11.json" in report.stdout
    invoke("doctor", "--restore")
    assert "printer offline" in _recall(invoke, "printer offline")


def test_a_copied_home_keeps_using_its_summaries(invoke: Invoke, home: Path) -> None:
    _log_three(invoke)
    shard = home / "wins/2026-11.json"
    os.utime(shard, ns=(1, 1))  # as a copy without its times: same bytes, other time
    assert "printer offline" in _recall(invoke, "printer offline")
    assert invoke("doctor").exit_code == 0  # the CRC says it is the same shard


def test_a_schema_3_home_gets_its_summaries_by_migration_after_a_backup(
    invoke: Invoke, home: Path
) -> None:
    _log_three(invoke)
    assert invoke("log", "toner", "-s", "printing", "--when", "2026-10-02").exit_code == 0
    for summary in (home / "wins").glob("????-??-*.json"):
        summary.unlink()
    meta = orjson.loads((home / "meta.json").read_bytes())
    meta["_meta"]["1"]["schema_version"] = 3
    (home / "meta.json").write_bytes(orjson.dumps(meta))
    assert invoke("wins").exit_code == 0  # any command migrates
    meta = orjson.loads((home / "meta.json").read_bytes())
    assert meta["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert sorted(p.name for p in (home / "wins").glob("????-??-*.json")) == [
        f"2026-{m}-{part}.json"
        for m in ("10", "11")
        for part in ("days", "helped", "helpers", "recall", "repeats", "review", "texts")
    ]
    assert any((home / "backups" / "wins_2026-11.json").iterdir())
    assert invoke("doctor").exit_code == 0


def test_day_rows_with_wrong_counts_are_caught_and_a_stale_part_is_not_used(
    invoke: Invoke, home: Path
) -> None:
    _log_three(invoke)
    summary = home / "wins/2026-11-days.json"
    doc = orjson.loads(summary.read_bytes())
    assert doc["data"]["rows"] == [
        ["2026-11-02", ["printing"], 1, 0, []],
        ["2026-11-03", ["printing"], 1, 0, []],
        ["2026-11-04", ["printing"], 1, 0, []],
    ]
    skills = invoke("skills", "--json").stdout
    assert orjson.loads(skills)[0] == {
        "skill": "printing",
        "label": "Printing & scanning",
        "count": 3,
        "last": "2026-11-04",
        "recent": 3,
        "previous": 0,
        "trend": "new",
    }
    doc["data"]["rows"][0][2] = 40  # forged, with the right stamp
    summary.write_bytes(orjson.dumps(doc))
    report = invoke("doctor")
    assert "BROKEN wins/2026-11-days.json: it disagrees with wins/2026-11.json" in report.stdout
    assert invoke("doctor", "--restore").exit_code == 0
    assert invoke("skills", "--json").stdout == skills
    # A shard edited by hand: its old rows no longer match it, so they are not read.
    shard = home / "wins/2026-11.json"
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["3"]["skills"] = ["remote_access"]
    data["wins"]["3"]["minutes"] = 20
    shard.write_bytes(orjson.dumps(data))
    rows = {r["skill"]: r["count"] for r in orjson.loads(invoke("skills", "--json").stdout)}
    assert (rows["printing"], rows["remote_access"]) == (2, 1)
    board = orjson.loads(invoke("stats", "--json").stdout)
    assert [(s["skill"], s["wins"]) for s in board["skills"]] == [
        ("printing", 2),
        ("remote_access", 1),
    ]
    assert board["current"]["total_minutes"] == 20
    path = orjson.loads(invoke("path", "--json").stdout)
    assert {a["skill"]: a["wins"] for a in path["areas"]}["remote_access"] == 1


def test_an_older_month_with_a_better_match_is_not_skipped(tmp_path: Path) -> None:
    # Newest months first: a month is skipped only when none of its wins can beat the
    # limit-th best so far. Here the best match is the oldest win, behind 30 weaker new ones.
    home = tmp_path / "home"
    # One word longer only: a bound 3% too low would skip the old month.
    old = {**_W, "month": "2026-08", "problem": "printer offline" + " floor" * 14}
    new = [{**_W, "month": m, "day": d, "problem": "printer offline" + " floor" * 15}
           for m in ("2026-10", "2026-11") for d in range(1, 16)]  # fmt: skip
    with Store(home).transaction("import") as tx:
        tx.insert_many("wins", [_record(w) for w in [old, *new]])
    full, indexed = Store(home).wins(), WinIndex(Store(home))
    query = list(terms("printer offline"))
    for limit in (1, 3, 31):
        expected = [(w["id"], s) for w, s in rank_terms(query, full, limit)]
        got = [(w["id"], s) for w, s in rank_terms(query, indexed, limit)]
        assert got == expected
        assert got[0][0] == 1  # the old, shorter win scores best


def test_a_shard_is_trusted_as_checked_only_while_it_is_byte_for_byte_what_a_commit_wrote(
    invoke: Invoke, home: Path
) -> None:
    _log_three(invoke)
    rel, shard = "wins/2026-11.json", home / "wins/2026-11.json"
    names = sorted(summaries.parts())
    raw = shard.read_bytes()
    assert summaries.committed(home, rel, raw, names)
    edited = raw.replace(b"toner empty", b"toner emptY")  # same size, other bytes
    assert len(edited) == len(raw) and not summaries.committed(home, rel, edited, names)
    assert not summaries.committed(home, rel, raw, [])  # no summary: nothing vouches for it
    (
        home / summary_of(rel, min(names, key=lambda n: (home / summary_of(rel, n)).stat().st_size))
    ).write_bytes(b"{")
    assert not summaries.committed(home, rel, raw, names)  # the smallest part is the witness
