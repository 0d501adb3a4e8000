"""Breadth and depth of an agent's work: the skill distribution and its numbers.

1. **Skill distribution** p_i. Every win adds weight 1, learning less (``LEARNING_WEIGHTS``), split
   evenly over the record's skills and multiplied by ``0.5 ** (age / HALF_LIFE_DAYS)`` so that the
   last nine months count twice as much as the nine before.
2. **Breadth and depth.** Shannon entropy H with the Miller–Madow correction
   H + (K_obs − 1) / (2 n_eff) (n_eff = Kish's effective sample size of the weighted records,
   capped at ln K), effective number of areas exp(H) (Hill number of order 1, Jost 2006), Pielou
   evenness J = H / ln 23, Berger–Parker depth max p_i, Simpson's 1 / Σ p_i², and breadth = the
   number of areas with p_i ≥ ``BREADTH_SHARE``.
3. **Relative specialisation.** RCA_i = p_i / q_i with q_i the typical-helpdesk baseline
   (``data/baseline.json``, an estimate). Password resets are ~30% of everyone's volume, so only
   RCA shows what *this* agent does more of than colleagues.
4. **Label** (our own documented design choice; no standard exists). An area is *deep* when
   RCA ≥ ``DEEP_RCA`` and p ≥ ``DEEP_SHARE`` and it is not a ``VOLUME_AREAS`` area (password
   resets are everyone's volume: no amount of them makes a specialist); the agent is *broad* when breadth ≥ ``BROAD_AREAS``.
   deep and not broad → specialist; deep and broad → T-shaped; no deep area → generalist.
   Below ``MIN_WINS`` wins or ``MIN_DAYS`` days of history: "not enough data yet".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from growthdesk.core.i18n import _, ngettext
from growthdesk.core.records import LearningEntry, Win
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.worklog.days import COUNT, DAY, SKILLS, day_facts

__all__ = [
    "HALF_LIFE_DAYS",
    "WIN_WEIGHT",
    "LEARNING_WEIGHTS",
    "BREADTH_SHARE",
    "BROAD_AREAS",
    "DEEP_RCA",
    "DEEP_SHARE",
    "MIN_WINS",
    "MIN_DAYS",
    "RECENT_DAYS",
    "VOLUME_AREAS",
    "Distribution",
    "Metrics",
    "AreaShare",
    "distribution",
    "distribution_of",
    "metrics",
    "area_shares",
    "deep_areas",
    "label_for",
    "data_needs",
]

# --- documented design choices -------------------------------------------------------------
HALF_LIFE_DAYS = 274.0  # about 9 months: last year's work still counts, but less
WIN_WEIGHT = 1.0
# Learning counts, but less than solving real problems; a certification most of all.
LEARNING_WEIGHTS: dict[str, float] = {
    "certification": 0.9,
    "course": 0.5,
    "side-project": 0.5,
    "lab": 0.4,
    "event": 0.25,
    "reading": 0.15,
    "blog": 0.1,
}
# An area counts toward breadth at 3% of your work or more. It must stay below 1/23 (4.3%), or
# someone spread perfectly evenly over all 23 areas would have a breadth of zero.
BREADTH_SHARE = 0.03
BROAD_AREAS = 7  # broad = at least 7 such areas (the typical helpdesk mix in baseline.json has 14)
DEEP_RCA = 2.0  # deep = twice the typical helpdesk share ...
DEEP_SHARE = 0.10  # ... and at least a tenth of your work
MIN_WINS = 30  # below this, any label is noise
MIN_DAYS = 90  # one quarter of logging: a busy first fortnight is not a career
RECENT_DAYS = 91  # one quarter: the pace at which you log wins now
# Work every helpdesk has in bulk: it counts toward breadth, never toward depth or a direction.
VOLUME_AREAS: frozenset[str] = frozenset({"accounts_passwords"})

_LN_K = math.log(len(SKILL_IDS))


@dataclass
class Distribution:
    """Recency-weighted evidence per area, plus the raw counts behind it."""

    weights: dict[str, float]
    total: float
    wins: dict[str, int]  # raw wins touching each area (unweighted)
    n_wins: int  # wins with at least one known skill
    n_untagged: int
    n_learning: int
    n_eff: float  # Kish effective sample size of the weighted records
    first: date | None  # day of the earliest win
    recent_wins: int = 0  # wins in the last RECENT_DAYS: the pace the plan assumes
    # Raw (unweighted) skill mix per month "YYYY-MM", gathered in the same pass for history().
    months: dict[str, dict[str, float]] = field(default_factory=dict)
    month_wins: dict[str, int] = field(default_factory=dict)

    def share(self, skill: str) -> float:
        return self.weights.get(skill, 0.0) / self.total if self.total > 0 else 0.0

    def shares(self) -> dict[str, float]:
        return {s: self.share(s) for s in SKILL_IDS}


@dataclass
class Metrics:
    n_wins: int
    n_learning: int
    n_eff: float
    span_days: int
    areas_used: int
    entropy: float
    entropy_mm: float
    effective_areas: float
    evenness: float  # Pielou J from the Miller–Madow entropy, 0..1
    evenness_plugin: float
    simpson_areas: float
    top_area: str | None
    top_share: float
    top_wins: int
    breadth: int


@dataclass
class AreaShare:
    skill: str
    share: float
    wins: int
    baseline: float
    rca: float


def distribution(
    wins: Iterable[Win],
    learning: Iterable[LearningEntry],
    now: datetime,
) -> Distribution:
    """Recency-weighted skill weights from wins (weight 1) and learning (less).

    Age is counted in whole days of the record's own calendar date: a day is nothing next to a
    nine-month half-life. The wins are first counted per (day, areas) (worklog.days), exactly
    as the month summaries keep them, so that :func:`distribution_of` gives the same numbers
    from either.
    """
    return distribution_of(day_facts(wins)["rows"], learning, now)


def distribution_of(
    rows: Iterable[Sequence[Any]],
    learning: Iterable[LearningEntry],
    now: datetime,
) -> Distribution:
    """:func:`distribution` from day rows (worklog.days) instead of wins.

    The rows are summed as integer counts per (day, known areas) first and weighted in that
    sorted order, so that the result does not depend on how they were grouped or ordered (the
    same wins read from the month summaries or from the shards give the same floats).
    """
    weights = dict.fromkeys(SKILL_IDS, 0.0)
    counts = dict.fromkeys(SKILL_IDS, 0)
    today = now.date()
    decay = math.log(2) / HALF_LIFE_DAYS
    day_weight: dict[str, float] = {}  # -1.0 marks a day that does not parse
    sum_w = sum_w2 = 0.0
    n_wins = n_untagged = n_learning = 0
    first: str | None = None
    recent_from = (today - timedelta(days=RECENT_DAYS)).isoformat()
    recent = 0

    def weight_of(day: str) -> float:
        try:
            age = (today - date.fromisoformat(day)).days
        except ValueError:
            day_weight[day] = -1.0
            return -1.0
        # Future-dated records (clock skew, typos) count as today, never more.
        w = math.exp(-decay * age) if age > 0 else 1.0
        day_weight[day] = w
        return w

    grouped: dict[tuple[str, tuple[str, ...]], int] = {}
    for row in rows:
        skills = row[SKILLS]
        if len(skills) == 1 and skills[0] in weights:
            known: tuple[str, ...] = (skills[0],)  # the common case, kept cheap
        else:
            known = tuple(s for s in dict.fromkeys(skills) if s in weights)
        key = (row[DAY], known)
        grouped[key] = grouped.get(key, 0) + row[COUNT]

    months: dict[str, dict[str, float]] = {}
    month_wins: dict[str, int] = {}
    for (day, known), n in sorted(grouped.items()):
        w = day_weight.get(day)
        if w is None:
            w = weight_of(day)
        if w < 0:
            continue
        if not known:
            n_untagged += n
            continue
        month = day[:7]
        mix = months.get(month)
        if mix is None:
            mix = months[month] = {}
            month_wins[month] = 0
        part = w / len(known)
        share = 1.0 / len(known)
        for s in known:
            weights[s] += n * part
            counts[s] += n
            mix[s] = mix.get(s, 0.0) + n * share
        month_wins[month] += n
        n_wins += n
        if first is None or day < first:
            first = day
        if day > recent_from:
            recent += n
        sum_w += n * w
        sum_w2 += n * w * w
    for item in learning:
        base = LEARNING_WEIGHTS.get(str(item.get("kind")), 0.0)
        when = item.get("when")
        learned = [s for s in dict.fromkeys(item.get("skills") or ()) if s in weights]
        if not isinstance(when, str) or not learned or base <= 0:
            continue
        w = day_weight.get(when[:10])
        if w is None:
            w = weight_of(when[:10])
        if w < 0:
            continue
        w *= base
        n_learning += 1
        part = w / len(learned)
        for s in learned:
            weights[s] += part
        sum_w += w
        sum_w2 += w * w
    total = sum(weights.values())
    n_eff = (sum_w * sum_w / sum_w2) if sum_w2 > 0 else 0.0
    first_day = date.fromisoformat(first) if first else None
    return Distribution(
        weights,
        total,
        counts,
        n_wins,
        n_untagged,
        n_learning,
        n_eff,
        first_day,
        recent,
        months,
        month_wins,
    )


def metrics(dist: Distribution, now: datetime) -> Metrics:
    """Breadth and depth numbers for a distribution (all in range, also when empty)."""
    shares = dist.shares()
    positive = [p for p in shares.values() if p > 0]
    entropy = -sum(p * math.log(p) for p in positive)
    k_obs = len(positive)
    if k_obs and dist.n_eff > 0:
        # Miller–Madow: the plug-in entropy is biased low for small samples.
        entropy_mm = min(_LN_K, entropy + (k_obs - 1) / (2.0 * dist.n_eff))
    else:
        entropy_mm = entropy
    hhi = sum(p * p for p in positive)
    top = (
        max(SKILL_IDS, key=lambda s: (round(shares[s], 9), -SKILL_IDS.index(s)))
        if positive
        else None
    )
    span = (now.date() - dist.first).days if dist.first else 0
    return Metrics(
        n_wins=dist.n_wins,
        n_learning=dist.n_learning,
        n_eff=round(dist.n_eff, 1),
        span_days=max(0, span),
        areas_used=k_obs,
        entropy=entropy,
        entropy_mm=entropy_mm,
        effective_areas=math.exp(entropy_mm) if positive else 0.0,
        evenness=entropy_mm / _LN_K if positive else 0.0,
        evenness_plugin=entropy / _LN_K if positive else 0.0,
        simpson_areas=1.0 / hhi if hhi > 0 else 0.0,
        top_area=top,
        top_share=shares[top] if top else 0.0,
        top_wins=dist.wins[top] if top else 0,
        breadth=sum(1 for p in positive if p >= BREADTH_SHARE - 1e-12),
    )


def area_shares(dist: Distribution, baseline: Mapping[str, float]) -> list[AreaShare]:
    """Every area with its share, raw wins, baseline share and RCA, largest share first."""
    rows = [
        AreaShare(s, dist.share(s), dist.wins[s], baseline[s], dist.share(s) / baseline[s])
        for s in SKILL_IDS
    ]
    # Rounded: the same wins read in another order sum to a share a few ulps off, and a tie
    # must still break the same way (by area order) on every run.
    rows.sort(key=lambda r: (-round(r.share, 9), SKILL_IDS.index(r.skill)))
    return rows


def deep_areas(areas: Sequence[AreaShare]) -> list[str]:
    """Areas done at least DEEP_RCA× the typical share and making up ≥ DEEP_SHARE of the work
    (never a volume area), most distinctive first; ties in area order (rounded, so that the
    same wins read in another order break a tie the same way)."""
    deep = [
        a
        for a in areas
        if a.rca >= DEEP_RCA and a.share >= DEEP_SHARE and a.skill not in VOLUME_AREAS
    ]
    deep.sort(key=lambda a: (-round(a.rca, 9), SKILL_IDS.index(a.skill)))
    return [a.skill for a in deep]


def label_for(m: Metrics, deep: Sequence[str], enough: bool) -> str:
    """specialist / t-shaped / generalist, or not-enough-data (thresholds in the module doc)."""
    if not enough:
        return "not-enough-data"
    broad = m.breadth >= BROAD_AREAS
    if deep:
        return "t-shaped" if broad else "specialist"
    return "generalist"


def data_needs(m: Metrics, now: datetime) -> list[str]:
    """What is missing before a label means anything ([] when there is enough)."""
    needs = []
    if m.n_wins < MIN_WINS:
        needs.append(
            ngettext(
                "log {n} more tagged win (have {have}, need {need})",
                "log {n} more tagged wins (have {have}, need {need})",
                MIN_WINS - m.n_wins,
                have=m.n_wins,
                need=MIN_WINS,
            )
        )
    if m.span_days < MIN_DAYS:
        ready = (now + timedelta(days=MIN_DAYS - m.span_days)).date()
        needs.append(
            _(
                "keep logging until {day}: {need} days of history are needed, you have {have}",
                day=ready.isoformat(),
                need=MIN_DAYS,
                have=m.span_days,
            )
        )
    return needs
