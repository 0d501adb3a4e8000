"""The 24–36-month window at the helpdesk, a quarter-by-quarter plan for what is left, and the
quarterly history of the skill mix."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from growthdesk.career.fit import TrackFit
from growthdesk.career.metrics import Distribution
from growthdesk.career.tracks import Track
from growthdesk.core import numbers
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.months import add_months
from growthdesk.core.records import Profile
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.labels import skill_label

__all__ = [
    "WINDOW_OPEN_MONTHS",
    "WINDOW_CLOSE_MONTHS",
    "Window",
    "QuarterPlan",
    "QuarterMix",
    "window",
    "history_from",
    "quarter_plan",
]

WINDOW_OPEN_MONTHS = 24
WINDOW_CLOSE_MONTHS = 36
DAYS_PER_MONTH = 30.4375
MAX_PLAN_QUARTERS = 12
# A plan can ask for at most this share of your tickets in one gap area: you do not choose
# every ticket, so "go from 0% to 10% of 25,000 wins this quarter" would be no plan at all.
MAX_GAP_SHARE = 0.25


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


def _months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_start(year: int, q: int) -> date:
    return date(year, 3 * (q - 1) + 1, 1)


def _next_quarter(year: int, q: int) -> tuple[int, int]:
    return (year + 1, 1) if q == 4 else (year, q + 1)


def window(profile: Profile, first: date | None, now: datetime) -> Window:
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
    return f"{per:.0f}" if per >= 1.5 else numbers.decimal(per)


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
        close = add_months(date.fromisoformat(win.started), WINDOW_CLOSE_MONTHS)
        cy, cq = _quarter_of(close)
        n_quarters = (cy - year) * 4 + (cq - q) + 1
        n_quarters = max(1, min(MAX_PLAN_QUARTERS, n_quarters))
    else:
        n_quarters = 4
    open_day = (
        add_months(date.fromisoformat(win.started), WINDOW_OPEN_MONTHS) if win.started else None
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
                area = skill_label(gap.skill, lang)
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
                            ngettext(
                                "Take on {n} {area} ticket (about {w} a week; {t:.0%} of your "
                                "work, now {s:.0%}).",
                                "Take on {n} {area} tickets (about {w} a week; {t:.0%} of your "
                                "work, now {s:.0%}).",
                                per_q,
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
