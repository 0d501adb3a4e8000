"""Property tests for the career maths (hypothesis)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.career import metrics
from growthdesk.career.analysis import analyse
from growthdesk.career.fit import FIT_FLOOR
from growthdesk.skills.ids import SKILL_IDS

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")

skill = st.sampled_from(SKILL_IDS)
win = st.builds(
    lambda age, skills: {
        "when": (NOW - timedelta(days=age)).isoformat(timespec="seconds"),
        "skills": skills,
    },
    st.integers(min_value=-3, max_value=2000),
    st.lists(skill, min_size=0, max_size=3),
)
learning_item = st.builds(
    lambda age, kind, skills: {
        "when": (NOW - timedelta(days=age)).isoformat(timespec="seconds"),
        "kind": kind,
        "title": "x",
        "skills": skills,
    },
    st.integers(min_value=0, max_value=1500),
    st.sampled_from(sorted(metrics.LEARNING_WEIGHTS)),
    st.lists(skill, min_size=1, max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(win, max_size=80), st.lists(learning_item, max_size=10))
def test_metrics_stay_in_range(wins: list[dict], learning: list[dict]) -> None:
    report = analyse(wins, learning, {}, NOW)
    m = report.metrics
    shares = [a.share for a in report.areas]
    assert all(0 <= p <= 1 for p in shares)
    if m.areas_used:
        assert math.isclose(sum(shares), 1.0, rel_tol=1e-9)
        assert 1 - 1e-9 <= m.effective_areas <= len(SKILL_IDS) + 1e-9
        assert 1 - 1e-9 <= m.simpson_areas <= len(SKILL_IDS) + 1e-9
        assert m.top_share >= 1 / len(SKILL_IDS) - 1e-9
    assert 0 <= m.evenness <= 1 + 1e-12 and 0 <= m.evenness_plugin <= 1 + 1e-12
    assert m.evenness_plugin <= m.evenness + 1e-12  # the correction only adds
    assert 0 <= m.breadth <= m.areas_used <= len(SKILL_IDS)
    assert all(a.rca >= 0 for a in report.areas)
    assert all(0 <= f.fit <= 1 for f in report.fits)
    assert report.label in {"specialist", "t-shaped", "generalist", "not-enough-data"}
    assert all(g.wins_needed >= 0 for f in report.fits for g in f.gaps)
    # Never a recommendation under the floor or without enough history.
    if report.recommended is not None:
        assert report.enough_data
        assert next(f.fit for f in report.fits if f.track == report.recommended) >= FIT_FLOOR
    assert "accounts_passwords" not in report.deep_areas


@settings(max_examples=60, deadline=None)
@given(st.lists(win, max_size=60), st.integers(min_value=1, max_value=200))
def test_password_resets_never_raise_a_specialised_track(wins: list[dict], extra: int) -> None:
    before = analyse(wins, [], {}, NOW)
    when = NOW.isoformat(timespec="seconds")
    after = analyse(wins + [{"when": when, "skills": ["accounts_passwords"]}] * extra, [], {}, NOW)
    fit = {f.track: f.fit for f in before.fits}
    for f in after.fits:
        if f.track != "generalist":
            assert f.fit <= fit[f.track] + 1e-12, f.track


@settings(max_examples=80, deadline=None)
@given(
    st.lists(win, max_size=60),
    skill,
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=0, max_value=1500),
)
def test_adding_wins_in_one_area_never_lowers_its_share(
    wins: list[dict], area: str, extra: int, age: int
) -> None:
    before = metrics.distribution(wins, [], NOW)
    when = (NOW - timedelta(days=age)).isoformat(timespec="seconds")
    more = wins + [{"when": when, "skills": [area]}] * extra
    after = metrics.distribution(more, [], NOW)
    assert after.share(area) >= before.share(area) - 1e-12
    assert after.wins[area] == before.wins[area] + extra


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=40), st.lists(win, min_size=1, max_size=80))
def test_evenly_spread_history_has_maximum_evenness(per_area: int, other: list[dict]) -> None:
    when = NOW.isoformat(timespec="seconds")
    even = [{"when": when, "skills": [s]} for s in SKILL_IDS for _ in range(per_area)]
    m_even = metrics.metrics(metrics.distribution(even, [], NOW), NOW)
    m_other = metrics.metrics(metrics.distribution(other, [], NOW), NOW)
    assert math.isclose(m_even.evenness, 1.0) and math.isclose(m_even.evenness_plugin, 1.0)
    assert math.isclose(m_even.effective_areas, len(SKILL_IDS))
    assert m_other.evenness <= m_even.evenness + 1e-12
    assert m_other.evenness_plugin <= m_even.evenness_plugin + 1e-12
