"""The dashboard's figures: pure functions over plain lists of record dicts.

Everything here works on the day part of the stored ISO timestamps (``when[:10]``): a win logged at
23:30 local time belongs to that local day, whatever the machine's zone is now. No parsing of full
datetimes is needed, which keeps ``growthdesk stats`` fast on years of history.

Periods are rolling windows ending today ("month" = the last 30 days), compared with the window of
the same length just before, so a comparison never sets a full month against a half one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from growthdesk.core.i18n import _
from growthdesk.core.months import months_between, whole_months
from growthdesk.core.records import Contact, Interaction, Kudos, LearningEntry, Win
from growthdesk.reporting.clusters import THRESHOLD, Clusters, History
from growthdesk.reporting.repeats import (
    ID,
    REPEATS,
    WHEN,
    repeat_key,
)
from growthdesk.worklog.days import (
    COUNT,
    DAY,
    ESCALATED,
    SKILLS,
    DayFacts,
    chained_facts,
    day_facts,
    in_days,
    merged,
    minutes_by_skills,
    minutes_hist,
    store_facts,
)
from growthdesk.worklog.streaks import streaks

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "PERIODS",
    "DEFAULT_TARGET_MINUTES",
    "Window",
    "Dashboard",
    "day_of",
    "period_windows",
    "history_start",
    "HISTORY_DAYS",
    "working_days",
    "period_figures",
    "skill_figures",
    "repeat_problems",
    "repeat_calls",
    "read_inputs",
    "dashboard_for",
    "next_step",
    "dashboard",
]

# Rolling window lengths in days; "all" runs from the first record to today, with nothing to compare.
PERIODS: dict[str, int | None] = {"week": 7, "month": 30, "quarter": 91, "year": 365, "all": None}
DEFAULT_TARGET_MINUTES = 15
# Streaks and the career line look back this far (unless the period itself is longer): a year of
# shards loads in a fraction of the time of a 3-year history, and keeps `stats` under 300 ms.
HISTORY_DAYS = 365


@dataclass(frozen=True)
class Window:
    """An inclusive range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @cached_property
    def bounds(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()

    def contains(self, day: str) -> bool:
        # ISO day strings compare like dates; no parsing per record.
        lo, hi = self.bounds
        return lo <= day <= hi


@dataclass
class Dashboard:
    """All dashboard figures; ``to_dict()`` is JSON-serialisable."""

    period: str
    today: str
    target_minutes: int
    current: dict[str, Any]
    previous: dict[str, Any] | None
    skills: list[dict[str, Any]] = field(default_factory=list)
    repeats: list[dict[str, Any]] = field(default_factory=list)
    streaks: dict[str, dict[str, Any]] = field(default_factory=dict)
    kudos: dict[str, Any] = field(default_factory=dict)
    losing_touch: list[dict[str, Any]] = field(default_factory=list)
    next_step: str | None = None
    upcoming: list[dict[str, Any]] = field(default_factory=list)  # events still to come
    repeat_calls: dict[str, Any] | None = None  # see repeat_calls(): counts, never who

    def to_dict(self) -> dict[str, Any]:
        # The fields themselves, not copies: asdict's deep copy of every repeat problem's ids
        # cost `stats --period all` ~10 ms at 100,000 wins (bench/bench_scale.py).
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------- periods


def day_of(record: Mapping[str, Any], key: str = "when") -> str:
    """The ISO day of a record's timestamp ('' when it has none)."""
    value = record.get(key)
    return str(value)[:10] if value else ""


def period_windows(
    period: str, today: date, first_day: date | None = None
) -> tuple[Window, Window | None]:
    """The current window ending *today* and the previous one of the same length (None for "all")."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    length = PERIODS[period]
    if length is None:
        start = min(first_day, today) if first_day else today
        return Window(start, today), None
    current = Window(today - timedelta(days=length - 1), today)
    previous = Window(current.start - timedelta(days=length), current.start - timedelta(days=1))
    return current, previous


def history_start(period: str, today: date) -> date | None:
    """The first day of wins the dashboard needs for *period* (None: the whole history)."""
    current, previous = period_windows(period, today)
    if previous is None:
        return None
    return min(previous.start, today - timedelta(days=HISTORY_DAYS - 1))


def working_days(window: Window) -> int:
    """Monday-to-Friday days in *window* (public holidays are not known, so they count)."""
    full_weeks, rest = divmod(window.days, 7)
    count = full_weeks * 5
    weekday = window.start.weekday()
    for offset in range(rest):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def _timed(hist: Sequence[tuple[int, int]], target: int) -> tuple[int, int, int, float | None]:
    """(count, count within *target*, sum, median) of the minutes histogram *hist* (sorted
    (minutes, count) pairs): what statistics.median (rounded to 0.1) and counting give over the expanded values."""
    n = sum(c for _m, c in hist)
    if not n:
        return 0, 0, 0, None
    within = sum(c for m, c in hist if m <= target)
    total = sum(m * c for m, c in hist)
    # The values at 0-based places (n-1)//2 and n//2: statistics.median's middle one or two.
    lo_at, hi_at = (n - 1) // 2, n // 2
    lo = hi = None
    seen = 0
    for m, c in hist:
        seen += c
        if lo is None and seen > lo_at:
            lo = m
        if seen > hi_at:
            hi = m
            break
    assert lo is not None and hi is not None
    middle = lo if lo_at == hi_at else (lo + hi) / 2
    return n, within, total, round(float(middle), 1)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def period_figures(
    wins: Iterable[Mapping[str, Any]],
    window: Window,
    target_minutes: int = DEFAULT_TARGET_MINUTES,
    *,
    learning: Iterable[Mapping[str, Any]] = (),
    kudos: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
    active_from: date | None = None,
    rows: Sequence[Sequence[Any]] | None = None,
    by_skills: Mapping[tuple[str, ...], Mapping[int, int]] | None = None,
) -> dict[str, Any]:
    """Headline figures for one window: counts, wins per working day, hit rate, medians.

    *rows*: the wins' day rows (worklog.days) instead of *wins* (rows outside the window are
    left out); *by_skills*: their minutes (worklog.days.minutes_by_skills), when all of them
    are inside the window and the caller has it.

    Wins per working day count the working days from *active_from* on (when logging or the job
    began) if that is inside the window: two weeks of logging are not a year's average.

    The hit rate is the share of wins *with a recorded duration* solved within the target: a win
    logged without minutes says nothing about speed, so it is left out rather than counted as a miss.
    """
    lo, hi = window.bounds
    if rows is None:
        rows = day_facts(w for w in wins if window.contains(day_of(w)))["rows"]
    inside = [r for r in rows if lo <= r[DAY] <= hi]
    n_wins = sum(r[COUNT] for r in inside)
    hist = merged(by_skills.values()) if by_skills is not None else minutes_hist(inside)
    timed, within, total, median = _timed(hist, target_minutes)
    counted = window
    if active_from is not None and active_from > window.start:
        counted = Window(active_from, window.end)
    wdays = working_days(counted) if counted.start <= counted.end else 0
    learned = [x for x in learning if window.contains(day_of(x))]
    return {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "days": window.days,
        "working_days": wdays,
        "wins": n_wins,
        "wins_per_working_day": round(n_wins / wdays, 2) if wdays else None,
        "with_minutes": timed,
        "within_target": within,
        "hit_rate": _ratio(within, timed),
        "median_minutes": median,
        "total_minutes": total,
        "escalated": sum(r[ESCALATED] for r in inside),
        "learning": len(learned),
        "learning_minutes": sum(int(x.get("minutes") or 0) for x in learned),
        "certifications": sum(1 for x in learned if x.get("kind") == "certification"),
        "kudos": sum(1 for k in kudos if window.contains(day_of(k))),
        "new_contacts": sum(1 for c in contacts if window.contains(day_of(c, "created"))),
    }


def skill_figures(
    current: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]] = (),
    target_minutes: int = DEFAULT_TARGET_MINUTES,
    *,
    rows: Sequence[Sequence[Any]] | None = None,
    rows_before: Sequence[Sequence[Any]] | None = None,
    by_skills: Mapping[tuple[str, ...], Mapping[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """Per skill area: wins now and before, median minutes and hit rate; most wins first.

    A win tagged with two areas counts for both: it exercised both. *rows*, *rows_before*: the
    day rows (worklog.days) of *current* and *previous* instead of the wins; *by_skills*: the
    minutes of *rows* (worklog.days.minutes_by_skills), when the caller has it.
    """
    if rows is None:
        rows = day_facts(current)["rows"]
    if rows_before is None:
        rows_before = day_facts(previous)["rows"]
    counts: Counter[str] = Counter()
    for row in rows:
        for skill in row[SKILLS]:
            counts[skill] += row[COUNT]
    if by_skills is None:
        by_skills = minutes_by_skills(rows)
    # A row of two areas counts for both (and twice for an area it names twice).
    hists: dict[str, list[Mapping[int, int]]] = defaultdict(list)
    for skills, hist in by_skills.items():
        for skill in skills:
            hists[skill].append(hist)
    before: Counter[str] = Counter()
    for row in rows_before:
        for skill in row[SKILLS]:
            before[skill] += row[COUNT]
    total = sum(counts.values())
    out = []
    for skill in sorted(set(counts) | set(before), key=lambda s: (-counts[s], -before[s], s)):
        timed, within, _total, median = _timed(merged(hists.get(skill, [])), target_minutes)
        out.append(
            {
                "skill": skill,
                "wins": counts[skill],
                "previous": before[skill],
                "share": _ratio(counts[skill], total),
                "median_minutes": median,
                "hit_rate": _ratio(within, timed),
            }
        )
    return out


# ---------------------------------------------------------------- repeat problems


def repeat_problems(
    wins: Sequence[Mapping[str, Any]],
    *,
    threshold: float = THRESHOLD,
    min_size: int = 3,
    top: int | None = 5,
    names: Iterable[str] = (),
    keys: Sequence[Sequence[Any]] | None = None,
    state: Clusters | None = None,
) -> list[dict[str, Any]]:
    """Clusters of the same kind of problem coming back, largest first.

    Within each primary skill area (a win's first skill), wins are taken oldest first; each joins the
    existing cluster whose first win's words are most similar (Jaccard >= *threshold*), else starts
    a new cluster. 0.6 keeps "password reset finance" apart from "password reset sales" (0.5) while
    "password reset finance Jan" and "... finance Piet" (0.6) stay together. Deterministic: the
    result depends only on the wins and their order by (when, id). The words compared are English
    concepts (assist.glossary), so "Account geblokkeerd" and "Account locked out" are one
    problem; each cluster shown gets an example "title": a real wording without names, the
    most common among its latest wins (reporting.clusters).

    *keys*: the wins' repeat keys (reporting.repeats) instead of the wins, as the month
    summaries keep them; *state*: the clusters of the wins before these (the store keeps them,
    see reporting.clusters), taken over and extended. The result is the same.
    """
    if keys is None:
        memo: dict[str, tuple[Any, Any]] = {}
        keys = [repeat_key(w, memo) for w in wins]
    clusters = Clusters(threshold) if state is None else state
    # A state taken over is extended by the newest months and dropped: their words need no
    # places but for the few searches they cause (Clusters.add).
    clusters.add(keys, ranked=state is None)
    return clusters.results(min_size=min_size, top=top, names=names)


def repeat_calls(
    wins: Sequence[Mapping[str, Any]],
    names: Iterable[str] = (),
    *,
    keys: Sequence[Sequence[Any]] | None = None,
    asked: Iterable[Sequence[Any]] | None = None,
    history: History | None = None,
) -> dict[str, Any] | None:
    """People (log --for) who came back with the same problem: how many calls, from how many
    people, and which problems, so the agent can offer a how-to. Never who, nor per person.

    A repeat call is a win in a repeat-problem cluster (repeat_problems, at least two wins)
    from someone with at least two wins in that cluster. None when there are none.

    *keys* and *asked*: the wins' repeat keys (reporting.repeats) and ``[id, requester]`` of
    those logged for someone (worklog.days), instead of the wins; asked ids without a key are
    left out. *history*: the clusters of the wins before *keys* (reporting.clusters), taken
    over; *asked* then also holds their requesters."""
    if keys is None or asked is None:
        chosen = [w for w in wins if w.get("requester")]
        keys = [repeat_key(w) for w in chosen]
        asked = [[w.get("id"), str(w["requester"])] for w in chosen]
    requester = {a[0]: a[1] for a in asked}
    asked_keys = [k for k in keys if k[ID] in requester]
    before = 0 if history is None else history.asked_count
    if before + len(asked_keys) < 2:
        return None
    from growthdesk.core.text import fold

    requesters = {requester[k[ID]] for k in asked_keys}
    if history is not None:
        requesters |= history.requesters
    clusters = repeat_problems(
        [],
        min_size=2,
        top=None,
        names=[*names, *sorted(requesters)],
        keys=asked_keys,
        state=None if history is None else history.asked,
    )
    who = {i: fold(r) for i, r in requester.items()}
    calls = 0
    people: set[str] = set()
    problems: list[str] = []
    for cluster in clusters:
        per_person = Counter(who.get(i, "") for i in cluster["ids"])
        again = {p: n for p, n in per_person.items() if p and n >= 2}
        if again:
            calls += sum(again.values())
            people.update(again)
            problems.append(str(cluster.get("title") or cluster["label"]))
    if not calls:
        return None
    return {"calls": calls, "people": len(people), "problems": problems[:5]}


# ---------------------------------------------------------------- career


def next_step(
    wins: Sequence[Mapping[str, Any]],
    learning: Sequence[Mapping[str, Any]],
    profile: Mapping[str, Any],
    now: datetime,
    rows: Sequence[Sequence[Any]] | None = None,
) -> str | None:
    """One line from the career analysis (growthdesk.career.analysis), or a plain fallback from the profile.

    *rows*: the wins' day rows (worklog.days) instead of *wins*."""
    try:
        from growthdesk.career import analysis as career
    except ImportError:
        career = None  # type: ignore[assignment]
    if career is not None:
        try:
            line = _career_line(career, wins, learning, profile, now, rows)
        except Exception:  # noqa: BLE001 - the dashboard must show even if the career module fails
            line = None
        if line:
            return line
    started = profile.get("started")
    if not started:
        return _(
            "Set `growthdesk profile set --started DATE` to see where you stand in your "
            "helpdesk years."
        )
    months = whole_months(date.fromisoformat(str(started)[:10]), now.date())
    track = profile.get("track")
    if track:
        return _(
            "Month {n} at the helpdesk, aiming for the {track} track: run `growthdesk path` "
            "for the plan.",
            n=months,
            track=track,
        )
    return _("Month {n} at the helpdesk: run `growthdesk path` to pick a direction.", n=months)


def _career_line(
    career: Any,
    wins: Sequence[Mapping[str, Any]],
    learning: Sequence[Mapping[str, Any]],
    profile: Mapping[str, Any],
    now: datetime,
    rows: Sequence[Sequence[Any]] | None = None,
) -> str | None:
    """The first milestone of this quarter's plan from the career analysis (what `path` shows)."""
    report = career.analyse(wins, learning, profile, now, rows=rows)
    for quarter in report.plan:
        if quarter.milestones:
            return f"{quarter.quarter}: {quarter.milestones[0]}"
    text = str(report.recommendation or "").strip()
    return text.split(". ")[0].rstrip(".") + "." if text else None


# ---------------------------------------------------------------- the whole dashboard


def dashboard(
    *,
    wins: Sequence[Win] = (),
    now: datetime,
    period: str = "month",
    learning: Sequence[LearningEntry] | None = None,
    kudos: Sequence[Kudos] | None = None,
    contacts: Sequence[Contact] | None = None,
    interactions: Sequence[Interaction] | None = None,
    profile: Mapping[str, Any] | None = None,
    with_next_step: bool = True,
    history_from: date | None = None,
    logging_from: date | None = None,
    repeat_keys: Sequence[Sequence[Any]] | None = None,
    facts: DayFacts | None = None,
    history: History | None = None,
    minutes: Mapping[tuple[str, ...], Mapping[int, int]] | None = None,
) -> Dashboard:
    """Every dashboard figure for *period*, compared with the period before.

    *history_from* says from which day on *wins* is complete (see history_start); streaks and
    the career line only see wins from then on, and the streaks report it as "since".
    *logging_from* is the day of the first win ever logged, when known (with no *history_from*
    it is the first of *wins*); it and the profile's start date bound "per working day".
    *facts* and *repeat_keys*: the day rows and requesters (worklog.days) and the repeat keys
    (reporting.repeats) of the same wins, from the month summaries; with both, *wins* is not
    read at all. Every figure is computed from those, so both ways give the same dashboard.
    *history*: the repeat-problem clusters of every win before *repeat_keys*, all inside the
    current window (reporting.clusters, as the store's chain keeps them); taken over.
    *minutes*: the minutes per skills of the rows of *facts* that hold none themselves (from
    chain ``days``, worklog.days.chained_facts), all inside the current window.
    """
    # networkx-free, but only the dashboard needs it (not the review, which imports this module).
    from growthdesk.network.graph import stale_contacts

    learning = learning or []
    kudos = kudos or []
    contacts = contacts or []
    profile = profile or {}
    if facts is None:
        facts = day_facts(wins)
    rows = facts["rows"]
    target = int(profile.get("target_minutes") or DEFAULT_TARGET_MINUTES)
    today = now.date()
    first = min((r[DAY] for r in rows if r[DAY]), default="")
    current, previous = period_windows(period, today, date.fromisoformat(first) if first else None)
    since = history_from.isoformat() if history_from else (first or today.isoformat())
    if logging_from is None and history_from is None and first:
        logging_from = date.fromisoformat(first)
    if logging_from is not None:
        since = max(since, logging_from.isoformat())  # nothing was logged before
    began = [d for d in (logging_from, _day(profile.get("started"))) if d is not None]

    lo, hi = current.bounds
    cur_rows = in_days(facts, lo, hi)
    prev_rows: list[list[Any]] = []
    if previous is not None:
        prev_rows = in_days(facts, *previous.bounds)
    extra: dict[str, Any] = {"learning": learning, "kudos": kudos, "contacts": contacts}
    active = max(began) if began else None
    by_skills = minutes_by_skills(cur_rows)
    for skills, hist in (minutes or {}).items():
        mine = by_skills.setdefault(skills, {})
        for m, c in hist.items():
            mine[m] = mine.get(m, 0) + c
    cur_fig = period_figures(
        (), current, target, active_from=active, rows=cur_rows, by_skills=by_skills, **extra
    )
    prev_fig = (
        period_figures((), previous, target, active_from=active, rows=prev_rows, **extra)
        if previous
        else None
    )
    keys: list[Sequence[Any]]
    if repeat_keys is None:
        memo: dict[str, tuple[Any, Any]] = {}
        keys = [repeat_key(w, memo) for w in wins if lo <= day_of(w) <= hi]
    else:
        keys = [k for k in repeat_keys if lo <= k[WHEN][:10] <= hi]
    names = [str(c.get("name") or "") for c in contacts]

    cur_kudos = sorted(
        (k for k in kudos if current.contains(day_of(k))),
        key=lambda k: (str(k.get("when") or ""), k.get("id") or 0),
        reverse=True,
    )
    kudos_part = {
        "count": len(cur_kudos),
        "previous": prev_fig["kudos"] if prev_fig else None,
        "total": len(kudos),
        "recent": [
            {
                "id": k.get("id"),
                "when": k.get("when"),
                "from": k.get("from"),
                "note": k.get("note"),
                "win": k.get("win"),
            }
            for k in cur_kudos[:3]
        ],
    }
    recent_rows = [r for r in rows if r[DAY] >= since]
    return Dashboard(
        period=period,
        today=today.isoformat(),
        target_minutes=target,
        current=cur_fig,
        previous=prev_fig,
        skills=skill_figures(
            (), (), target, rows=cur_rows, rows_before=prev_rows, by_skills=by_skills
        ),
        repeats=repeat_problems(
            [], names=names, keys=keys, state=None if history is None else history.every
        ),
        streaks={
            "wins": {**streaks((r[DAY] for r in recent_rows), today), "since": since},
            "learning": {
                **streaks((day_of(x) for x in learning if day_of(x) >= since), today),
                "since": since,
            },
        },
        kudos=kudos_part,
        # The network's own rule, so that `stats` and `network stale` always agree.
        losing_touch=stale_contacts(list(contacts), list(interactions or []), today)[:5],
        repeat_calls=repeat_calls((), names, keys=keys, asked=facts["asked"], history=history),
        next_step=next_step([], learning, profile, now, rows=recent_rows)
        if with_next_step
        else None,
    )


def read_inputs(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    *,
    wins: bool = True,
    facts: DayFacts | None = None,
) -> dict[str, Any]:
    """Everything the dashboard and the review read; wins only from the month shards they need.

    "logging_from" is the day of the first win ever logged when the shards read hold it (every
    month from the first on), else None (logging began before *since*). With *wins* False,
    "wins" is empty and "facts" holds the same months' day rows and requesters from the month
    summaries (worklog.days) instead: no shard is parsed while they match; *facts*: those,
    when the caller has them (worklog.days.chained_facts)."""
    months = None
    win_months = store.win_months()
    if since is not None or until is not None:
        months = months_between(since, until, win_months)
    if wins:
        records = store.wins(months)
        days: Iterable[str] = (day_of(w) for w in records)
        facts = None
    else:
        records = []
        if facts is None:
            facts = store_facts(store, months)
        days = (r[DAY] for r in facts["rows"])
    logging_from = None
    if win_months and (since is None or win_months[0] >= since.isoformat()[:7]):
        # Whole month shards from the first on were read: their first win is the first ever.
        logging_from = _day(min((d for d in days if d), default=None))
    inputs: dict[str, Any] = {
        "wins": records,
        "logging_from": logging_from,
        "learning": store.learning(),
        "kudos": store.kudos(),
        "contacts": store.contacts(),
        "interactions": store.interactions(),
        "profile": store.profile(),
    }
    if facts is not None:
        inputs["facts"] = facts
    return inputs


def dashboard_for(store: Store, now: datetime, period: str = "month") -> Dashboard:
    """The dashboard of *period* from the store's month summaries: day rows from history_start
    on, repeat keys of the current window's months, the rest whole. No shard is parsed while
    the summaries match their shards."""
    from growthdesk.network.events import upcoming

    since = history_start(period, now.date())
    current, previous = period_windows(period, now.date())
    start = None if previous is None else current.start
    months = months_between(start, None, store.win_months())
    history = None
    chained = None
    chain = store.chain(REPEATS) if start is None else None
    if chain is not None and chain[0] < now.date().isoformat()[:7]:
        # The whole history: the clusters and day facts of every month up to the chain's are
        # kept, so only the newest months are clustered and summed here (bench/bench_scale.py,
        # `stats --period all`).
        history = History.from_json(chain[1])
        chained = chained_facts(store, chain[0], chain[1]["days"])
        months = [m for m in months if m > chain[0]]
    inputs = read_inputs(store, since, wins=False, facts=None if chained is None else chained[0])
    # Repeat problems look at the current window only: the keys of its months are enough.
    keys = [k for m in sorted(months) for k in store.summary(m, REPEATS)]
    board = dashboard(
        now=now,
        period=period,
        history_from=since,
        repeat_keys=keys,
        history=history,
        minutes=None if chained is None else chained[1],
        **inputs,
    )
    board.upcoming = upcoming(store.events(), now.date())
    return board


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None
