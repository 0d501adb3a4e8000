"""The chain of repeat-problem clusters as `stats --period all` reads it (reporting.clusters):
a state written, read back and folded on is the state a fold from the first month writes, and
its clusters are those of every key clustered at once; the dashboard over the chain is the
dashboard over every win, after any change."""

from __future__ import annotations

import json
import statistics
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner
from helpers.homes import win_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.cli import cli
from growthdesk.reporting.clusters import Clusters, History
from growthdesk.reporting.repeats import REPEATS
from growthdesk.reporting.stats import dashboard, dashboard_for, history_start, read_inputs
from growthdesk.store import Store, chains

WORDS = ["printer", "offline", "floor", "vpn", "drops", "reset", "password", "jan", "piet",
         "laptop", "toner", "outlook", "12", "34", "56"]  # fmt: skip
MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5, unique=True)
key_parts = st.tuples(
    st.integers(1, 28),  # day
    st.sampled_from(["printing", "remote_access", "accounts_passwords"]),
    words,
    st.one_of(st.none(), st.integers(0, 60)),
)
# keys per month, oldest month first
months = st.lists(st.lists(key_parts, max_size=12), min_size=1, max_size=5)


def _keys(per_month: list[list[Any]]) -> list[list[list[Any]]]:
    """Repeat keys (reporting.repeats) of the months, ids and times in order."""
    out: list[list[list[Any]]] = []
    n = 0
    for m, month in enumerate(per_month):
        keys = []
        for day, skill, ws, minutes in sorted(month, key=lambda p: p[0]):
            n += 1
            when = f"2026-{m + 1:02d}-{day:02d}T09:00:00+01:00"
            text = " ".join(ws)
            keys.append([n, when, skill, " ".join(sorted(ws)), " ".join(sorted(ws)), minutes, text])
        out.append(keys)
    return out


def _roundtrip(state: Any) -> Any:
    return History.from_json(orjson.loads(orjson.dumps(state.to_json())))


@settings(max_examples=60, deadline=None)
@given(per_month=months, split=st.integers(0, 5), tail=st.lists(key_parts, max_size=12))
def test_a_state_read_back_folds_on_as_a_fold_from_the_first_month(
    per_month: list[list[Any]], split: int, tail: list[Any]
) -> None:
    folded = _keys([*per_month, tail])
    tail_keys = folded.pop()
    whole = History()
    for keys in folded:  # the chain's fold: month by month, kept in memory throughout
        whole.add(keys, [])
    again = History()
    for i, keys in enumerate(folded):  # the same, written and read back after month *split*
        again.add(keys, [])
        if i == split:
            again = _roundtrip(again)
    assert orjson.dumps(again.to_json()) == orjson.dumps(whole.to_json())
    # What stats reads: the state read back, the newest keys added, the clusters shown.
    everything = [k for keys in folded for k in keys] + tail_keys
    for (min_size, top), ranked in zip(
        ((3, 5), (2, None), (1, 2), (1, 0)), (False, True) * 2, strict=True
    ):
        expected = Clusters()
        expected.add(everything)
        state = _roundtrip(whole).every
        state.add(tail_keys, ranked=ranked)  # stats: words get their places as needed
        got = state.results(min_size=min_size, top=top)
        assert got == expected.results(min_size=min_size, top=top)
        if top is not None:  # only the shown clusters are described, the same ones
            fresh = Clusters()
            fresh.add(everything)
            assert got == fresh.results(min_size=min_size, top=None)[:top]


def test_a_word_forgotten_between_months_comes_back_as_new_either_way() -> None:
    # "zz" is seen in month 1 but no first win has it; in month 2 it starts a cluster beside
    # "aa". A fold kept in memory and one read back after month 1 must order them alike.
    one = [
        [1, "2026-01-02T09:00", "printing", "a b", "a b", 5, "a b"],
        [2, "2026-01-03T09:00", "printing", "a b zz", "a b zz", 5, "a b zz"],
    ]
    two = [[3, "2026-02-02T09:00", "printing", "aa zz", "aa zz", 5, "aa zz"]]
    kept, read_back = History(), History()
    kept.add(one, [])
    read_back.add(one, [])
    read_back = _roundtrip(read_back)
    kept.add(two, [])
    read_back.add(two, [])
    assert kept.to_json() == read_back.to_json()
    assert kept.to_json()["every"]["rank"] == ["zz", "aa", "b", "a"]


def test_the_chain_keeps_the_members_packed_and_the_last_months_matches() -> None:
    first = [[1, "2026-01-02T09:00", "printing", "offline printer", "offline printer", 5, "a"]]
    second = [
        [2, "2026-02-02T09:00", "printing", "12 offline printer", "12 offline printer", 5, "b"],
        [3, "2026-02-03T09:00", "printing", "34 offline printer", "34 offline printer", 5, "c"],
        [4, "2026-02-04T09:00", "printing", "jan toner", "jan toner", None, "d"],
    ]
    history = History()
    history.add(first, [])
    history.add(second, [])
    state = history.to_json()["every"]
    group = state["groups"]["printing"]
    assert group["reps"] == [["offline", "printer"], ["jan", "toner"]]
    assert group["rows"][0] == ["2026-01-02T09:00", "a", 3, "2026-02-03T09:00", 15, "c"]
    assert json.loads(group["members"][0]) == [
        [1, 2, 3],
        {"offline": 3, "printer": 3, "12": 1, "34": 1},
        ["a", "b", "c"],
    ]
    # Only the words of first wins keep their order; "12" and "34" are new when seen again.
    assert sorted(state["rank"]) == ["jan", "offline", "printer", "toner"]
    # The last month's word sets (as far as first wins have their words) and their matches.
    assert group["seen"] == [
        [["jan", "toner"], 2, 1, 1.0],
        [["offline", "printer"], 3, 0, 2 / 3],
    ]
    # Read back, a known word set is not searched for again: the kept match is used.
    again = Clusters.from_json(state)
    again.groups["printing"].index.clear()  # a search would find nothing now
    again.add([[5, "2026-03-01T09:00", "printing", "56 offline printer", "56", 1, "e"]])
    assert again.results(min_size=4)[0]["ids"] == [1, 2, 3, 5]


# ---- the dashboard over the chain is the dashboard over every win ---------------------------

win = st.fixed_dictionaries(
    {
        "month": st.sampled_from(MONTHS),
        "day": st.integers(1, 25),
        "words": words,
        "skill": st.sampled_from(["printing", "remote_access"]),
        "minutes": st.one_of(st.none(), st.integers(1, 40)),
        "requester": st.sampled_from([None, "Jan", "Piet"]),
    }
)
# (add to a month, remove the n-th win, undo)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.lists(win, min_size=1, max_size=4)),
        st.tuples(st.just("remove"), st.integers(0, 40)),
        st.tuples(st.just("undo"), st.none()),
    ),
    max_size=4,
)


def _record(w: dict[str, Any]) -> dict[str, Any]:
    rec = win_record(
        f"{w['month']}-{w['day']:02d}T10:00:00+01:00",
        " ".join(w["words"]),
        skills=[w["skill"]],
        minutes=w["minutes"],
    )
    if w["requester"]:
        rec["requester"] = w["requester"]
    return rec


def _check(home: Path) -> None:
    store = Store(home)
    if not store.win_months():
        return
    # The chain on disk is what a fold from the first month gives (what doctor rebuilds).
    on_disk = [f for f in chains.chain_files(home) if f[1] == REPEATS]
    built = chains.rebuild(home, REPEATS)
    if built is None:
        assert on_disk == []
    else:
        assert [f[0] for f in on_disk] == [built[0]]
        assert (home / built[0]).read_bytes() == built[1]
        assert store.chain(REPEATS) is not None
    since = history_start("all", NOW.date())
    expected = dashboard(now=NOW, period="all", history_from=since, **read_inputs(store, since))
    assert dashboard_for(Store(home), NOW, "all") == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(win, min_size=1, max_size=30), changes=steps)
def test_stats_all_over_the_chain_answers_as_every_win_after_any_change(
    first: list[dict[str, Any]], changes: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        with Store(home).transaction("import") as tx:
            tx.insert_many("wins", [_record(w) for w in first])
        _check(home)
        for kind, arg in changes:
            store = Store(home)
            if kind == "undo":
                if store.history():
                    store.undo()
            elif kind == "add":
                with store.transaction("add") as tx:
                    tx.insert_many("wins", [_record(w) for w in arg])
            else:
                current = store.wins()
                if current:
                    with store.transaction("remove") as tx:
                        tx.remove("wins", current[arg % len(current)]["id"])
            _check(home)


def test_stats_output_is_the_same_with_the_chain_set_aside(home: Path) -> None:
    runner = CliRunner()
    for m, month in enumerate(MONTHS):
        for day in (3, 12, 21):
            text = ["printer offline floor 3", "vpn drops at home", "password reset jan"][
                (m + day) % 3
            ]
            args = ["log", f"{text} {day}", "-m", str(day), "--skill", "printing"]
            args += ["--when", f"{month}-{day:02d}T10:00"]
            if day != 12:
                args += ["--for", ["Jan", "Piet"][day % 2]]
            assert runner.invoke(cli, args).exit_code == 0
    assert [f[3] for f in chains.chain_files(home)] == ["2026-09"]
    outputs = []
    for args in (["stats", "--period", "all"], ["stats", "--period", "all", "--json"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    for path in (home / "wins").glob("chain-*.json"):
        path.unlink()
    assert [runner.invoke(cli, ["stats", "--period", "all"]).output,
            runner.invoke(cli, ["stats", "--period", "all", "--json"]).output] == outputs  # fmt: skip
    board = json.loads(outputs[1])
    assert board["repeats"][0]["count"] >= 7


# ---- medians and hit rates from the minutes histogram, never expanded ----------------------


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.integers(0, 90), max_size=40),
    target=st.integers(1, 60),
    split=st.integers(0, 40),
)
def test_figures_from_the_histogram_are_those_of_the_values(
    values: list[int], target: int, split: int
) -> None:
    from collections import Counter

    from growthdesk.reporting.stats import _timed
    from growthdesk.worklog.days import merged, minutes_by_skills, minutes_hist

    def flat(vs: list[int]) -> list[int]:
        c = Counter(vs)
        return [x for m in sorted(c) for x in (m, c[m])]

    rows = [["2026-11-02", ["printing"], 1, 0, flat(values[:split])]]
    rows.append(["2026-11-03", ["printing", "vpn"], 1, 0, flat(values[split:])])
    hist = minutes_hist(rows)
    assert hist == merged(minutes_by_skills(rows).values())
    median = round(float(statistics.median(values)), 1) if values else None
    within = sum(1 for v in values if v <= target)
    assert _timed(hist, target) == (len(values), within, sum(values), median)
