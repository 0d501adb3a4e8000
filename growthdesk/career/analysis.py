"""Career path analysis: what is this agent becoming, and what should they do next?

Pure functions over plain lists of win and learning dicts. Nothing here reads files (the track and
baseline data come from :mod:`growthdesk.career.tracks`), prints or imports click/rich.

The maths, in order (DESIGN.md "Career path"):

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
   RCA ≥ ``DEEP_RCA`` and p ≥ ``DEEP_SHARE``; the agent is *broad* when breadth ≥ ``BROAD_AREAS``.
   deep and not broad → specialist; deep and broad → T-shaped; no deep area → generalist.
   Below ``MIN_WINS`` wins or ``MIN_DAYS`` days of history: "not enough data yet".
5. **Track fit.** Strength in an area s_i = min(1, p_i / t_i), t_i = max(DEEP_RCA · q_i,
   DEEP_SHARE): the share at which that area would count as deep. Fit of a track = Σ w_ti s_i
   plus a small bonus per certification the track names. The generalist track instead scores
   breadth (effective areas / ``GENERALIST_FULL_AREAS``) damped by any real specialisation.
6. **The 24–36-month window**, a quarter plan for what is left, and the quarterly history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from growthdesk.career.tracks import (
    Certification,
    Track,
    load_baseline,
    load_tracks,
    match_certification,
)
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.skills.ids import SKILL_IDS, TRACK_IDS

__all__ = [
    "HALF_LIFE_DAYS",
    "LEARNING_WEIGHTS",
    "BREADTH_SHARE",
    "BROAD_AREAS",
    "DEEP_RCA",
    "DEEP_SHARE",
    "MIN_WINS",
    "MIN_DAYS",
    "WINDOW_OPEN_MONTHS",
    "WINDOW_CLOSE_MONTHS",
    "Distribution",
    "Metrics",
    "AreaShare",
    "Gap",
    "TrackFit",
    "Window",
    "QuarterPlan",
    "QuarterMix",
    "PathReport",
    "distribution",
    "metrics",
    "label_for",
    "track_fits",
    "window",
    "history",
    "history_from",
    "earned_certifications",
    "analyse",
    "to_json",
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
GENERALIST_FULL_AREAS = 8.0  # effective areas for a full generalist score
CERT_BONUS = 0.08  # per earned certification named by a track (at most two count)
PREP_BONUS = 0.03  # per certification being prepared (course/lab naming it)
WINDOW_OPEN_MONTHS = 24
WINDOW_CLOSE_MONTHS = 36
DAYS_PER_MONTH = 30.4375
MAX_PLAN_QUARTERS = 12
RECENT_DAYS = 91  # one quarter: the pace at which you log wins now
# A plan can ask for at most this share of your tickets in one gap area: you do not choose
# every ticket, so "go from 0% to 10% of 25,000 wins this quarter" would be no plan at all.
MAX_GAP_SHARE = 0.25
TOP_TRACKS = 3

_LN_K = math.log(len(SKILL_IDS))


# --- data classes --------------------------------------------------------------------------
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


@dataclass
class Gap:
    skill: str
    share: float
    target: float
    wins_needed: int
    certifications: list[str]


@dataclass
class TrackFit:
    track: str
    label: str
    fit: float
    rank: int
    cert_bonus: float
    earned: list[str]
    preparing: list[str]
    gaps: list[Gap] = field(default_factory=list)
    next_certifications: list[dict[str, Any]] = field(default_factory=list)
    next_roles: list[str] = field(default_factory=list)


@dataclass
class Window:
    started: str | None
    estimated: bool  # started guessed from the first win (profile has no start date)
    months_done: float | None
    months_to_open: float | None  # until the 24-month mark
    months_left: float | None  # until the 36-month mark
    phase: str  # unknown | early | building | window | past


@dataclass
class QuarterPlan:
    quarter: str
    start: str
    end: str
    milestones: list[str]


@dataclass
class QuarterMix:
    quarter: str
    wins: int
    shares: dict[str, float]


@dataclass
class PathReport:
    now: str
    enough_data: bool
    needs: list[str]
    label: str  # specialist | t-shaped | generalist | not-enough-data
    deep_areas: list[str]
    metrics: Metrics
    areas: list[AreaShare]
    fits: list[TrackFit]
    top_track: str
    focus: str | None
    window: Window
    plan: list[QuarterPlan]
    history: list[QuarterMix]
    certifications: list[dict[str, Any]]
    recommendation: str
    reasons: list[str]
    thresholds: dict[str, float]


# --- helpers -------------------------------------------------------------------------------
def _skill_label(skill: str) -> str:
    return skill.replace("_", " ")


def _months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_start(year: int, q: int) -> date:
    return date(year, 3 * (q - 1) + 1, 1)


def _next_quarter(year: int, q: int) -> tuple[int, int]:
    return (year + 1, 1) if q == 4 else (year, q + 1)


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    # Clamp the day (31 January + 1 month -> 28/29 February).
    for dd in (day.day, 30, 29, 28):
        try:
            return date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- 1. distribution -----------------------------------------------------------------------
def distribution(
    wins: Iterable[Mapping[str, Any]],
    learning: Iterable[Mapping[str, Any]],
    now: datetime,
) -> Distribution:
    """Recency-weighted skill weights from wins (weight 1) and learning (less).

    Age is counted in whole days of the record's own calendar date: a day is nothing next to a
    nine-month half-life, and parsing each distinct day once keeps 25,000 wins fast.
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

    months: dict[str, dict[str, float]] = {}
    month_wins: dict[str, int] = {}
    dw_get, months_get = day_weight.get, months.get
    for win in wins:
        when = win.get("when")
        if when.__class__ is not str:
            continue
        day = when[:10]
        w = dw_get(day)
        if w is None:
            w = weight_of(day)
        if w < 0:
            continue
        skills = win.get("skills")
        month = when[:7]
        mix = months_get(month)
        if skills and len(skills) == 1 and skills[0] in weights:
            s = skills[0]  # the common case, kept cheap
            if mix is None:
                mix = months[month] = {}
                month_wins[month] = 0
            weights[s] += w
            counts[s] += 1
            mix[s] = mix.get(s, 0.0) + 1.0
        else:
            known = [s for s in dict.fromkeys(skills or ()) if s in weights]
            if not known:
                n_untagged += 1
                continue
            if mix is None:
                mix = months[month] = {}
                month_wins[month] = 0
            part = w / len(known)
            share = 1.0 / len(known)
            for s in known:
                weights[s] += part
                counts[s] += 1
                mix[s] = mix.get(s, 0.0) + share
        month_wins[month] += 1
        n_wins += 1
        if first is None or day < first:
            first = day
        if day > recent_from:
            recent += 1
        sum_w += w
        sum_w2 += w * w
    for item in learning:
        base = LEARNING_WEIGHTS.get(str(item.get("kind")), 0.0)
        when = item.get("when")
        known = [s for s in dict.fromkeys(item.get("skills") or ()) if s in weights]
        if not isinstance(when, str) or not known or base <= 0:
            continue
        w = day_weight.get(when[:10])
        if w is None:
            w = weight_of(when[:10])
        if w < 0:
            continue
        w *= base
        n_learning += 1
        part = w / len(known)
        for s in known:
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


# --- 2. metrics ----------------------------------------------------------------------------
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
    top = max(SKILL_IDS, key=lambda s: (shares[s], -SKILL_IDS.index(s))) if positive else None
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
    rows.sort(key=lambda r: (-r.share, SKILL_IDS.index(r.skill)))
    return rows


def deep_areas(areas: Sequence[AreaShare]) -> list[str]:
    """Areas done at least DEEP_RCA× the typical share and making up ≥ DEEP_SHARE of the work."""
    deep = [a for a in areas if a.rca >= DEEP_RCA and a.share >= DEEP_SHARE]
    deep.sort(key=lambda a: -a.rca)
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
            _(
                "log {n} more tagged wins (have {have}, need {need})",
                n=MIN_WINS - m.n_wins,
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


# --- 3. track fit --------------------------------------------------------------------------
def _target(skill: str, baseline: Mapping[str, float]) -> float:
    return max(DEEP_RCA * baseline[skill], DEEP_SHARE)


def _wins_to_reach(dist: Distribution, skill: str, target: float) -> int:
    """New single-area wins (weight 1, today) that lift *skill*'s share to *target*."""
    have = dist.weights.get(skill, 0.0)
    if dist.total <= 0:
        return max(1, math.ceil(target * MIN_WINS))
    need = (target * dist.total - have) / (1.0 - target)
    return max(0, math.ceil(need - 1e-9))


def earned_certifications(
    learning: Iterable[Mapping[str, Any]],
) -> tuple[
    list[tuple[Certification, tuple[str, ...], str]],
    list[tuple[Certification, tuple[str, ...], str]],
]:
    """(earned, preparing): certifications named in the learning log, with their tracks and date.

    A ``certification`` entry counts as earned; a course, lab or reading that names one counts
    as preparing for it (until it is earned).
    """
    earned: dict[str, tuple[Certification, tuple[str, ...], str]] = {}
    preparing: dict[str, tuple[Certification, tuple[str, ...], str]] = {}
    for item in learning:
        track_ids, cert = match_certification(str(item.get("title") or ""))
        if cert is None:
            continue
        day = str(item.get("when") or "")[:10]
        target = earned if item.get("kind") == "certification" else preparing
        target.setdefault(cert.code, (cert, track_ids, day))
    for code in earned:
        preparing.pop(code, None)
    return list(earned.values()), list(preparing.values())


def _strength(dist: Distribution, skill: str, baseline: Mapping[str, float]) -> float:
    return min(1.0, dist.share(skill) / _target(skill, baseline))


def track_fits(
    dist: Distribution,
    m: Metrics,
    areas: Sequence[AreaShare],
    tracks: Mapping[str, Track],
    baseline: Mapping[str, float],
    earned_codes: Iterable[str] = (),
    preparing_codes: Iterable[str] = (),
    lang: str = "en",
) -> list[TrackFit]:
    """Fit 0..1 for every track, best first (ties in TRACK_IDS order)."""
    earned_set, preparing_set = set(earned_codes), set(preparing_codes)
    # How much real specialisation there is (0..1): damps the generalist score.
    spec = max(
        (min(1.0, max(0.0, (a.rca - 1.0) / 2.0)) for a in areas if a.share >= DEEP_SHARE),
        default=0.0,
    )
    fits: list[TrackFit] = []
    for tid in TRACK_IDS:
        track = tracks[tid]
        codes = [c.code for c in track.certifications]
        earned = [c for c in codes if c in earned_set]
        preparing = [c for c in codes if c in preparing_set and c not in earned_set]
        bonus = CERT_BONUS * min(2, len(earned)) + PREP_BONUS * min(1, len(preparing))
        if track.scoring == "breadth":
            base = min(1.0, m.effective_areas / GENERALIST_FULL_AREAS) * (1.0 - 0.6 * spec)
        else:
            base = sum(w * _strength(dist, s, baseline) for s, w in track.weights.items())
        fits.append(
            TrackFit(
                track=tid,
                label=track.name(lang),
                fit=min(1.0, base + bonus),
                rank=0,
                cert_bonus=bonus,
                earned=earned,
                preparing=preparing,
            )
        )
    fits.sort(key=lambda f: (-round(f.fit, 9), TRACK_IDS.index(f.track)))
    for rank, fit in enumerate(fits, 1):
        fit.rank = rank
    return fits


def track_gaps(
    dist: Distribution, track: Track, baseline: Mapping[str, float], limit: int = 3
) -> list[Gap]:
    """The areas that would lift this track's fit most, with the wins that would close them."""
    gaps: list[Gap] = []
    if track.scoring == "breadth":
        # A generalist grows by covering the common areas they hardly touch yet.
        missing = [s for s in SKILL_IDS if dist.share(s) < BREADTH_SHARE]
        missing.sort(key=lambda s: (-baseline[s], SKILL_IDS.index(s)))
        for s in missing[:limit]:
            gaps.append(
                Gap(s, dist.share(s), BREADTH_SHARE, _wins_to_reach(dist, s, BREADTH_SHARE), [])
            )
        return gaps
    scored = []
    for s, w in track.weights.items():
        if w < 0.10:
            continue  # secondary areas are not worth a milestone of their own
        short = 1.0 - _strength(dist, s, baseline)
        if short > 1e-9:
            scored.append((w * short, s))
    scored.sort(key=lambda x: (-x[0], SKILL_IDS.index(x[1])))
    for _score, s in scored[:limit]:
        target = _target(s, baseline)
        certs = [c.code for c in track.certifications if s in c.skills][:2]
        gaps.append(Gap(s, dist.share(s), target, _wins_to_reach(dist, s, target), certs))
    return gaps


# --- 4. the window, plan and history -------------------------------------------------------
def window(profile: Mapping[str, Any], first: date | None, now: datetime) -> Window:
    """Where the agent stands in the usual 24–36 months at the helpdesk."""
    started: date | None = None
    estimated = False
    raw = profile.get("started")
    if raw:
        try:
            started = date.fromisoformat(str(raw)[:10])
        except ValueError:
            started = None
    if started is None and first is not None:
        started, estimated = first, True
    if started is None:
        return Window(None, False, None, None, None, "unknown")
    done = max(0.0, _months_between(started, now.date()))
    if done < 12:
        phase = "early"
    elif done < WINDOW_OPEN_MONTHS:
        phase = "building"
    elif done < WINDOW_CLOSE_MONTHS:
        phase = "window"
    else:
        phase = "past"
    return Window(
        started=started.isoformat(),
        estimated=estimated,
        months_done=round(done, 1),
        months_to_open=round(max(0.0, WINDOW_OPEN_MONTHS - done), 1),
        months_left=round(max(0.0, WINDOW_CLOSE_MONTHS - done), 1),
        phase=phase,
    )


def history(
    wins: Iterable[Mapping[str, Any]], start: date | None, now: datetime
) -> list[QuarterMix]:
    """Skill mix (raw, unweighted shares) per calendar quarter from *start* to now."""
    return history_from(distribution(wins, [], now), start, now)


def history_from(dist: Distribution, start: date | None, now: datetime) -> list[QuarterMix]:
    """The quarterly history from the monthly mix gathered by :func:`distribution`."""
    buckets: dict[tuple[int, int], dict[str, float]] = {}
    counts: dict[tuple[int, int], int] = {}
    for month, mix in dist.months.items():
        key = (int(month[:4]), (int(month[5:7]) - 1) // 3 + 1)
        bucket = buckets.setdefault(key, {})
        for skill, v in mix.items():
            bucket[skill] = bucket.get(skill, 0.0) + v
        counts[key] = counts.get(key, 0) + dist.month_wins[month]
    if not counts:
        return []
    first_key = min(counts)
    if start is not None:
        first_key = min(first_key, _quarter_of(start))
    last_key = max(_quarter_of(now.date()), max(counts))
    rows: list[QuarterMix] = []
    key = first_key
    while key <= last_key:
        bucket = buckets.get(key, {})
        total = sum(bucket.values())
        shares = {
            s: round(v / total, 4)
            for s, v in sorted(bucket.items(), key=lambda kv: (-kv[1], SKILL_IDS.index(kv[0])))
        }
        rows.append(QuarterMix(f"{key[0]}-Q{key[1]}", counts.get(key, 0), shares))
        key = _next_quarter(*key)
    return rows


def _per_week(total: int, weeks: float) -> str:
    if weeks <= 0:
        return str(total)
    per = total / weeks
    return f"{per:.0f}" if per >= 1.5 else f"{per:.1f}"


def quarter_plan(
    now: datetime,
    win: Window,
    fit: TrackFit,
    tracks: Mapping[str, Track],
    enough: bool,
    needs: Sequence[str],
    lang: str = "en",
    pace: int = 0,
) -> list[QuarterPlan]:
    """Concrete milestones per calendar quarter until the 36-month mark (or one 'move' quarter)."""
    track = tracks[fit.track]
    roles = fit.next_roles or track.roles(lang)
    role = roles[0] if roles else track.name(lang)
    year, q = _quarter_of(now.date())
    if win.phase == "past":
        n_quarters = 1
    elif win.started is not None:
        close = _add_months(date.fromisoformat(win.started), WINDOW_CLOSE_MONTHS)
        cy, cq = _quarter_of(close)
        n_quarters = (cy - year) * 4 + (cq - q) + 1
        n_quarters = max(1, min(MAX_PLAN_QUARTERS, n_quarters))
    else:
        n_quarters = 4
    open_day = (
        _add_months(date.fromisoformat(win.started), WINDOW_OPEN_MONTHS) if win.started else None
    )
    # Spread the gap wins over the quarters before the window opens (or all, once inside it).
    grow_quarters = n_quarters
    if open_day is not None and open_day > now.date():
        oy, oq = _quarter_of(open_day)
        grow_quarters = max(1, min(n_quarters, (oy - year) * 4 + (oq - q) + 1))
    certs = [c["code"] for c in fit.next_certifications]
    plan: list[QuarterPlan] = []
    key = (year, q)
    for k in range(n_quarters):
        start = _quarter_start(*key)
        nxt = _next_quarter(*key)
        end = _quarter_start(*nxt) - timedelta(days=1)
        weeks = ((end - max(start, now.date())).days + 1) / 7.0 if k == 0 else 13.0
        items: list[str] = []
        if win.phase == "past":
            items.append(
                _(
                    "You are past {m} months: ask your manager this quarter for a move toward {role}.",
                    m=WINDOW_CLOSE_MONTHS,
                    role=role,
                )
            )
            items.append(
                _(
                    "Apply for {role} roles, inside or outside; take `growthdesk review` with you.",
                    role=role,
                )
            )
            if certs:
                items.append(
                    _("Book the {cert} exam to back the move with a certificate.", cert=certs[0])
                )
        else:
            if k == 0 and not enough:
                items.extend(needs)
            for gap in fit.gaps[:2]:
                area = _skill_label(gap.skill)
                if k < grow_quarters:
                    # Close the gap before the window opens, and at least hold the target share
                    # of the tickets you will log anyway at your current pace.
                    per_q = max(
                        math.ceil(gap.wins_needed / grow_quarters),
                        math.ceil(gap.target * pace),
                    )
                    if pace:
                        per_q = min(per_q, math.ceil(MAX_GAP_SHARE * pace))
                    if k == 0:
                        per_q = math.ceil(
                            per_q * min(1.0, weeks / 13.0)
                        )  # the rest of this quarter
                    if per_q:
                        items.append(
                            _(
                                "Take on {n} {area} tickets (about {w} a week; {t:.0%} of your "
                                "work, now {s:.0%}).",
                                n=per_q,
                                area=area,
                                w=_per_week(per_q, weeks),
                                t=gap.target,
                                s=gap.share,
                            )
                        )
                elif k == grow_quarters:
                    items.append(
                        _(
                            "Keep at least {t:.0%} of your tickets in {area}.",
                            t=gap.target,
                            area=area,
                        )
                    )
            # One certification every two quarters, entry level first.
            if k % 2 == 0 and k // 2 < len(certs):
                cert = certs[k // 2]
                items.append(_("Study for and pass {cert}.", cert=cert))
            if k == 1 and fit.track != "generalist":
                items.append(
                    _(
                        "Shadow the {track} team for a day; ask what they wish the helpdesk did.",
                        track=track.name(lang),
                    )
                )
            if open_day is not None and start <= open_day <= end:
                items.append(
                    _(
                        "Your 24-month mark ({day}): talk to your manager about {role}.",
                        day=open_day.isoformat(),
                        role=role,
                    )
                )
            if k == n_quarters - 1 and win.started is not None and n_quarters > 1:
                items.append(
                    _("Apply for {role}; bring your `growthdesk review` brag document.", role=role)
                )
            if k % 2 == 1 and k > 1:
                items.append(
                    _(
                        "Write a how-to for the team on a {track} problem you now solve fast.",
                        track=track.name(lang),
                    )
                )
            if not items:
                items.append(_("Keep logging every win."))
        plan.append(QuarterPlan(f"{key[0]}-Q{key[1]}", start.isoformat(), end.isoformat(), items))
        key = nxt
    return plan


# --- 5. recommendation ---------------------------------------------------------------------
def _recommend(
    label: str,
    m: Metrics,
    areas: Sequence[AreaShare],
    deep: Sequence[str],
    fits: Sequence[TrackFit],
    top: TrackFit,
    win: Window,
    profile: Mapping[str, Any],
    needs: Sequence[str],
    tracks: Mapping[str, Track],
    lang: str,
) -> tuple[str, list[str]]:
    by_skill = {a.skill: a for a in areas}
    reasons = [
        _(
            "Your work spreads like someone working evenly in {e:.1f} of 23 areas "
            "(evenness {j:.2f}; {b} areas are at least {t:.0%} of your work each).",
            e=m.effective_areas,
            j=m.evenness,
            b=m.breadth,
            t=BREADTH_SHARE,
        )
    ]
    if m.top_area:
        top_area = by_skill[m.top_area]
        reasons.append(
            _(
                "Biggest area: {area}, {s:.0%} of your work ({n} wins); a typical helpdesk has {q:.0%} "
                "there, so {r:.1f}× typical.",
                area=_skill_label(m.top_area),
                s=top_area.share,
                n=top_area.wins,
                q=top_area.baseline,
                r=top_area.rca,
            )
        )
        if m.top_area not in deep and top_area.share >= DEEP_SHARE and top_area.rca >= 1.0:
            # The password-reset case: lots of volume, but no more than colleagues relatively.
            reasons.append(
                _(
                    "{area} is volume every helpdesk has, not a specialty: it would need "
                    "{r:.0f}× the typical share ({need:.0%} of your work) to count as one.",
                    area=_skill_label(m.top_area).capitalize(),
                    r=DEEP_RCA,
                    need=_target(m.top_area, {m.top_area: top_area.baseline}),
                )
            )
    reasons.append(_("Best-fitting track: {track} ({fit:.0%}).", track=top.label, fit=top.fit))
    role = top.next_roles[0] if top.next_roles else top.label
    # Depth points at a specialised track even when the generalist track scores highest.
    lead = top if top.track != "generalist" else next(f for f in fits if f.track != "generalist")
    lead_role = lead.next_roles[0] if lead.next_roles else lead.label
    if label == "not-enough-data":
        text = _(
            "Not enough data yet to say what you are becoming: {needs}. Until then, tag every win "
            "so the picture fills in.",
            needs="; ".join(needs),
        )
        return text, reasons
    if label == "specialist":
        areas_txt = ", ".join(_skill_label(s) for s in deep)
        text = _(
            "You are becoming a specialist in {areas}, like a doctor who mostly treats one organ: "
            "it is {s:.0%} of your work, {r:.1f}× what a typical helpdesk agent does. Lean into it: "
            "{track} fits best ({fit:.0%}); the next step is {role}.",
            areas=areas_txt,
            s=by_skill[deep[0]].share,
            r=by_skill[deep[0]].rca,
            track=lead.label,
            fit=lead.fit,
            role=lead_role,
        )
    elif label == "t-shaped":
        text = _(
            "You are T-shaped, like a family doctor with one specialty: broad ({b} areas of {t:.0%}+ "
            "of your work) with depth in {area} ({r:.1f}× typical). Keep the broad base and deepen "
            "toward {track} ({fit:.0%}); the next step is {role}.",
            b=m.breadth,
            t=BREADTH_SHARE,
            area=_skill_label(deep[0]),
            r=by_skill[deep[0]].rca,
            track=lead.label,
            fit=lead.fit,
            role=lead_role,
        )
    else:
        closest = next((f for f in fits if f.track != "generalist"), top)
        text = _(
            "You are a generalist, like a family doctor: no area stands out beyond normal helpdesk "
            "volume (no area at {rca:.0f}× typical and {share:.0%}+ of your work). Either stay broad "
            "(all-round roles in small teams or MSPs) or pick a direction; the closest is "
            "{track} ({fit:.0%}).",
            rca=DEEP_RCA,
            share=DEEP_SHARE,
            track=closest.label,
            fit=closest.fit,
        )
    if win.phase == "past":
        text = (
            _(
                "You have been at the helpdesk {m:.0f} months, past the usual 24–36: it is time to move, "
                "toward {role} ({track}). ",
                m=win.months_done or 0,
                role=role,
                track=top.label,
            )
            + text
        )
    elif win.phase == "window":
        text += " " + _(
            "You are inside the usual move window ({left:.0f} months left): start the conversation now.",
            left=win.months_left or 0,
        )
    wanted = profile.get("track")
    if wanted and wanted in tracks and wanted != top.track:
        wf = next(f for f in fits if f.track == wanted)
        reasons.append(
            _(
                "Your chosen track {track} fits {fit:.0%} (rank {rank} of 10).",
                track=wf.label,
                fit=wf.fit,
                rank=wf.rank,
            )
        )
    return text, reasons


# --- 6. everything -------------------------------------------------------------------------
def analyse(
    wins: Iterable[Mapping[str, Any]],
    learning: Iterable[Mapping[str, Any]],
    profile: Mapping[str, Any],
    now: datetime,
    track: str | None = None,
    *,
    tracks: Mapping[str, Track] | None = None,
    baseline: Mapping[str, float] | None = None,
) -> PathReport:
    """The whole career analysis. *track* focuses gaps and plan on one track."""
    tracks = tracks if tracks is not None else load_tracks()
    baseline = baseline if baseline is not None else load_baseline()
    if track is not None and track not in tracks:
        raise InputError(
            _("Unknown track '{track}'.", track=track) + did_you_mean(track, TRACK_IDS)
        )
    lang = str(profile.get("lang") or "en")
    wins = wins if isinstance(wins, list) else list(wins)
    learning = learning if isinstance(learning, list) else list(learning)

    dist = distribution(wins, learning, now)
    m = metrics(dist, now)
    areas = area_shares(dist, baseline)
    needs = data_needs(m, now)
    enough = not needs
    deep = deep_areas(areas) if enough else []
    label = label_for(m, deep, enough)

    earned, preparing = earned_certifications(learning)
    fits = track_fits(
        dist,
        m,
        areas,
        tracks,
        baseline,
        earned_codes=[c.code for c, _t, _d in earned],
        preparing_codes=[c.code for c, _t, _d in preparing],
        lang=lang,
    )
    earned_codes = {c.code for c, _t, _d in earned}
    preparing_codes = {c.code for c, _t, _d in preparing}
    detail = {f.track for f in fits[:TOP_TRACKS]}
    detail.add(next(f.track for f in fits if f.track != "generalist"))
    if track:
        detail.add(track)
    if profile.get("track") in tracks:
        detail.add(str(profile["track"]))
    for f in fits:
        if f.track not in detail:
            continue
        t = tracks[f.track]
        f.gaps = track_gaps(dist, t, baseline)
        pending = [c for c in t.certifications if c.code not in earned_codes]
        # Finish what you started before starting something new.
        pending.sort(key=lambda c: c.code not in preparing_codes)
        f.next_certifications = [c.to_dict() for c in pending[:3]]
        f.next_roles = t.roles(lang)

    top = fits[0]
    focus_fit = next((f for f in fits if f.track == track), top) if track else top
    # With no --track, plan toward the chosen profile track if there is one, else the best fit.
    if not track and profile.get("track") in tracks:
        focus_fit = next(f for f in fits if f.track == profile["track"])
    win = window(profile, dist.first, now)
    plan = quarter_plan(now, win, focus_fit, tracks, enough, needs, lang, pace=dist.recent_wins)
    start = date.fromisoformat(win.started) if win.started else None
    hist = history_from(dist, start, now)
    text, reasons = _recommend(label, m, areas, deep, fits, top, win, profile, needs, tracks, lang)
    if track:
        reasons.append(
            _(
                "Focus {track}: fit {fit:.0%}, rank {rank} of 10.",
                track=focus_fit.label,
                fit=focus_fit.fit,
                rank=focus_fit.rank,
            )
        )
    cert_rows = [
        {"code": c.code, "name": c.name, "tracks": list(t), "when": d, "status": "earned"}
        for c, t, d in earned
    ] + [
        {"code": c.code, "name": c.name, "tracks": list(t), "when": d, "status": "preparing"}
        for c, t, d in preparing
    ]
    return PathReport(
        now=now.isoformat(),
        enough_data=enough,
        needs=needs,
        label=label,
        deep_areas=deep,
        metrics=m,
        areas=areas,
        fits=fits,
        top_track=top.track,
        focus=track,
        window=win,
        plan=plan,
        history=hist,
        certifications=cert_rows,
        recommendation=text,
        reasons=reasons,
        thresholds={
            "half_life_days": HALF_LIFE_DAYS,
            "breadth_share": BREADTH_SHARE,
            "broad_areas": BROAD_AREAS,
            "deep_rca": DEEP_RCA,
            "deep_share": DEEP_SHARE,
            "min_wins": MIN_WINS,
            "min_days": MIN_DAYS,
        },
    )


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def to_json(report: PathReport) -> dict[str, Any]:
    """A JSON-ready dict (floats rounded to 4 places)."""
    result: dict[str, Any] = _round(asdict(report))
    return result
