"""Hypothesis strategies shared by the tests of how a win is stored (test_lean, test_rows)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

__all__ = ["MOMENT", "whole_wins"]

MOMENT = st.sampled_from(["2026-11-01T09:00:00+01:00", "2026-11-02T10:30:00+01:00"])


def whole_wins(
    text: st.SearchStrategy[str], *, null_moments: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """Whole wins as the store holds them, with the optional fields (a newer version's too)
    sometimes there. *null_moments*: "created" and "updated" may be null, as a row stores an
    absent one."""
    moment = st.none() | MOMENT if null_moments else MOMENT
    return st.fixed_dictionaries(
        {
            "when": MOMENT,
            "problem": text,
            "solution": st.none() | text,
            "skills": st.lists(st.sampled_from(["printing", "hardware"]), max_size=2),
            "skills_source": st.sampled_from(["auto", "manual"]),
            "minutes": st.none() | st.integers(0, 3),
            "helped_by": st.lists(st.integers(1, 3), max_size=2),
            "ticket": st.none() | text,
            "source": st.sampled_from(["manual", "csv"]),
            "tags": st.lists(text, max_size=2),
            "escalated": st.booleans(),
        },
        optional={
            "requester": st.none() | text,
            "solution_plain": st.none() | text,
            "created": moment,
            "updated": moment,
            "terms": st.just({"v": 1, "p": "x", "s": ""}),
            "extra": st.integers(-5, 5),  # a field a newer version might add
        },
    )
