"""How-to drafts for repeat problems (`growthdesk howto`): a problem that keeps coming back
deserves a how-to, for the user and for colleagues.

For each repeat problem of the dashboard (reporting.stats.repeat_problems, English and Dutch
wordings counted as one) the draft is built from the agent's own logged solutions of it: the
solutions are split into steps, steps that say the same are merged (their English concepts
overlap), the steps found in at least half of the solutions come first in their usual order,
and the rest follow as variants. Titles and examples are real problem texts without names.
The draft's headings are in the agent's language; the steps stay as the agent wrote them.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from growthdesk.assist.glossary import english_concepts
from growthdesk.assist.query import scrub
from growthdesk.assist.titles import example_title, examples
from growthdesk.core.records import Win
from growthdesk.reporting.stats import day_of, repeat_problems

__all__ = ["Step", "Draft", "drafts", "split_steps", "MIN_REPEATS"]

MIN_REPEATS = 3
MAX_VARIANTS = 6
MAX_EXAMPLES = 5
_SAME_STEP = 0.5  # Jaccard of English concepts at which two steps are one

_SPLIT = re.compile(
    r"\s*(?:[;\n•]+|(?<=[.!?])\s+|->|→|=>|,\s*(?:and then|then|en daarna|daarna|dan)\s+"
    r"|\s+(?:and then|then|en daarna|daarna)\s+|,\s+"
    r"|\s+and\s+(?=\w+ed\b)|\s+en\s+(?=\w{0,5}ge\w+[dt]\b))\s*",
    re.I,
)


@dataclass
class Step:
    text: str  # the most common wording
    count: int  # solutions that contain it
    position: float  # mean place in those solutions, 0 = first
    ids: list[int] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    skill: str
    count: int
    first: str
    last: str
    median_minutes: float | None
    examples: list[tuple[str, int]]
    solutions: int
    steps: list[Step]
    variants: list[Step]
    ids: list[int]
    unsolved: list[int]  # wins of the problem without a logged solution

    def as_json(self) -> dict[str, object]:
        def step(s: Step) -> dict[str, object]:
            return {"text": s.text, "count": s.count, "ids": s.ids}

        return {
            "title": self.title,
            "skill": self.skill,
            "count": self.count,
            "first": self.first,
            "last": self.last,
            "median_minutes": self.median_minutes,
            "examples": [{"text": t, "count": n} for t, n in self.examples],
            "solutions": self.solutions,
            "steps": [step(s) for s in self.steps],
            "variants": [step(s) for s in self.variants],
            "ids": self.ids,
            "unsolved": self.unsolved,
        }


_NL_AND = re.compile(r"(?<=[dt])\s+en\s+")


def split_steps(solution: str) -> list[str]:
    """The steps of one logged solution ("Cleared the queue and restarted the spooler" -> two;
    "client opnieuw geïnstalleerd en certificaat vernieuwd" -> two)."""
    parts: list[str] = []
    for part in _SPLIT.split(solution):
        pieces = _NL_AND.split(part)
        # Dutch "… geïnstalleerd en …": split only after a participle (ge…d/t).
        if len(pieces) > 1 and all(_ends_in_participle(p) for p in pieces[:-1]):
            parts += pieces
        else:
            parts.append(part)
    cleaned = (p.strip(" .,;:-") for p in parts)
    return [p for p in cleaned if len(p) >= 3]


def _ends_in_participle(text: str) -> bool:
    last = text.split()[-1].lower() if text.split() else ""
    return len(last) > 4 and "ge" in last[:8] and last[-1] in "dt"


def _steps(members: Sequence[Win], names: Sequence[str]) -> tuple[int, list[Step], list[Step]]:
    groups: list[tuple[frozenset[str], dict[str, int], list[float], list[int]]] = []
    solved = [w for w in members if str(w.get("solution") or "").strip()]
    for win in solved:
        parts = split_steps(str(win["solution"]))
        used: set[int] = set()
        for place, part in enumerate(parts):
            concepts = english_concepts(part)
            best, best_sim = -1, 0.0
            for g, (rep, _w, _p, _i) in enumerate(groups):
                union = len(rep | concepts)
                sim = len(rep & concepts) / union if union else 0.0
                if sim > best_sim:
                    best, best_sim = g, sim
            if best < 0 or best_sim < _SAME_STEP:
                groups.append((concepts, {}, [], []))
                best = len(groups) - 1
            if best in used:
                continue
            used.add(best)
            _rep, wordings, positions, ids = groups[best]
            wording = scrub(part, names)
            wordings[wording] = wordings.get(wording, 0) + 1
            positions.append(place / max(1, len(parts) - 1))
            ids.append(int(win.get("id") or 0))
    found = [
        Step(
            text=_capital(max(wordings, key=lambda t: (wordings[t], -len(t)))),
            count=len(ids),
            position=statistics.fmean(positions),
            ids=ids,
        )
        for _rep, wordings, positions, ids in groups
        if wordings
    ]
    usual = [s for s in found if s.count * 2 >= len(solved)]
    usual.sort(key=lambda s: (s.position, -s.count))
    rest = [s for s in found if s not in usual]
    rest.sort(key=lambda s: (-s.count, s.position))
    return len(solved), usual, rest[:MAX_VARIANTS]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def drafts(
    wins: Sequence[Win],
    *,
    since: date,
    until: date,
    min_repeats: int = MIN_REPEATS,
    names: Iterable[str] = (),
    lang: str = "en",
) -> list[Draft]:
    """A draft for each problem seen at least *min_repeats* times between *since* and *until*."""
    names = list(names)
    lo, hi = since.isoformat(), until.isoformat()
    window = [w for w in wins if lo <= day_of(w) <= hi]
    by_id = {w.get("id"): w for w in window}
    out: list[Draft] = []
    for cluster in repeat_problems(window, min_size=min_repeats, top=None, names=names):
        members = [by_id[i] for i in cluster["ids"] if i in by_id]
        texts = [str(w.get("problem") or "") for w in members]
        minutes = [float(w.get("minutes") or 0) for w in members if w.get("minutes")]
        solutions, usual, variants = _steps(members, names)
        out.append(
            Draft(
                title=example_title(texts, names, lang) or cluster["title"],
                skill=str(cluster["skill"]),
                count=int(cluster["count"]),
                first=str(cluster["first"]),
                last=str(cluster["last"]),
                median_minutes=statistics.median(minutes) if minutes else None,
                examples=examples(texts, names)[:MAX_EXAMPLES],
                solutions=solutions,
                steps=usual,
                variants=variants,
                ids=[int(i) for i in cluster["ids"]],
                unsolved=[int(w.get("id") or 0) for w in members if not w.get("solution")],
            )
        )
    return out
