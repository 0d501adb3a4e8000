"""Offline evaluation of `ask` on a labelled scenario (tests/data/network_scenario.json).

tests/test_ranking.py and bench/bench_ask.py share these, so the test and the bench report the
same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from growthdesk.core.text import fold
from growthdesk.network.ranking import RankParams, rank

__all__ = ["rank_scenario", "evaluate"]


def rank_scenario(
    scenario: Mapping[str, Any], params: RankParams, *, oracle: bool, top: int = 10
) -> list[list[str]]:
    """Names ranked for each labelled query of an evaluation scenario.

    *oracle* gives the ranking the query's labelled skill area instead of the tagger's reading.
    """
    today = date.fromisoformat(str(scenario["today"]))
    return [
        [
            p.name
            for p in rank(
                q["text"],
                contacts=scenario["contacts"],
                links=scenario["links"],
                wins=scenario["wins"],
                interactions=scenario["interactions"],
                events=scenario["events"],
                today=today,
                skills=[(q["skill"], 1.0)] if oracle else None,
                top=top,
                params=params,
            ).people
        ]
        for q in scenario["queries"]
    ]


def evaluate(
    ranked: Sequence[Sequence[str]], relevant: Sequence[Sequence[str]]
) -> dict[str, float]:
    """MRR, P@1 and P@3 of ranked name lists against relevant name sets (queries with no
    relevant person are skipped)."""
    rr: list[float] = []
    p1: list[float] = []
    p3: list[float] = []
    for names, good in zip(ranked, relevant, strict=True):
        wanted = {fold(g) for g in good}
        if not wanted:
            continue
        folded = [fold(n) for n in names]
        first = next((i for i, n in enumerate(folded, 1) if n in wanted), None)
        rr.append(1.0 / first if first else 0.0)
        p1.append(1.0 if folded[:1] and folded[0] in wanted else 0.0)
        p3.append(sum(1 for n in folded[:3] if n in wanted) / 3.0)
    n = max(1, len(rr))
    return {"mrr": sum(rr) / n, "p@1": sum(p1) / n, "p@3": sum(p3) / n, "queries": float(len(rr))}
