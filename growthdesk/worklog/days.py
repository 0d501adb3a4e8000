"""What `stats`, `path` and `skills` count of each month, kept in the month summaries.

Part ``days`` of a month (store.summaries) holds its wins grouped by (day, skills as stored):
``rows`` = ``[day, skills, wins, escalated, [minutes, count, minutes, count, …]]`` (the
minutes histogram sorted, wins without minutes left out), and ``asked`` = ``[id, requester]``
of the wins logged for someone (repeat calls). Every figure those commands show of old months
is a sum over these rows: counts, minutes (medians come from the histogram, exactly), hit
rates, streak days and the career distribution with its age decay (one weight per day). The
day is ``when[:10]`` (the store files every win by its "when" string).

:func:`day_facts` builds the same thing from wins in memory, so the figures over wins and over
the summaries go through one code path; the tests compare both on random homes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, TypedDict

from growthdesk.store import summaries

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "DAYS",
    "DAY",
    "SKILLS",
    "COUNT",
    "ESCALATED",
    "MINUTES",
    "DayFacts",
    "day_facts",
    "days_part",
    "store_facts",
    "merge",
    "minutes_of",
    "minutes_hist",
    "minutes_by_skills",
    "merged",
    "in_days",
    "chained_facts",
    "fold_facts",
]

DAYS = "days"
DAY, SKILLS, COUNT, ESCALATED, MINUTES = range(5)


class DayFacts(TypedDict):
    rows: list[list[Any]]  # [day, skills, wins, escalated, flat minutes histogram]
    asked: list[list[Any]]  # [id, requester] of the wins logged for someone


def day_facts(wins: Iterable[Mapping[str, Any]]) -> DayFacts:
    """The rows and requesters of *wins* (any order: rows come out sorted by day, then in
    first-seen order of their skills)."""
    groups: dict[tuple[str, tuple[Any, ...]], tuple[list[Any], dict[int, int]]] = {}
    asked: list[list[Any]] = []
    for win in wins:
        when = win.get("when")
        day = when[:10] if isinstance(when, str) else ""
        skills = tuple(win.get("skills") or ())
        found = groups.get((day, skills))
        if found is None:
            found = groups[(day, skills)] = ([day, list(skills), 0, 0, []], {})
        row, hist = found
        row[COUNT] += 1
        if win.get("escalated"):
            row[ESCALATED] += 1
        minutes = win.get("minutes")
        if minutes is not None:
            m = int(minutes)
            hist[m] = hist.get(m, 0) + 1
        if win.get("requester"):
            asked.append([win.get("id"), str(win["requester"])])
    rows: list[list[Any]] = []
    for row, hist in groups.values():
        row[MINUTES] = [x for m in sorted(hist) for x in (m, hist[m])]
        rows.append(row)
    rows.sort(key=lambda r: r[DAY])  # stable: skills keep their first-seen order within a day
    return {"rows": rows, "asked": asked}


def days_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> DayFacts:
    """One month's part (rebuilt whole: a month of rows takes a few ms)."""
    return day_facts(wins)


def merge(parts: Iterable[DayFacts]) -> DayFacts:
    """Several months' facts as one (rows in month order; the readers do not depend on it)."""
    rows: list[list[Any]] = []
    asked: list[list[Any]] = []
    for part in parts:
        rows.extend(part["rows"])
        asked.extend(part["asked"])
    return {"rows": rows, "asked": asked}


def store_facts(store: Store, months: Iterable[str] | None = None) -> DayFacts:
    """The facts of *months* (default: every month) from the month summaries."""
    chosen = store.win_months() if months is None else sorted(months)
    return merge(store.summary(m, DAYS) for m in chosen)


def in_days(facts: DayFacts, lo: str, hi: str) -> list[list[Any]]:
    """The rows of the days lo..hi (ISO strings, inclusive)."""
    return [r for r in facts["rows"] if lo <= r[DAY] <= hi]


def minutes_of(rows: Iterable[Sequence[Any]]) -> list[int]:
    """Every minutes value of *rows*, sorted (a histogram expanded, for medians and sums)."""
    hist: dict[int, int] = {}
    for row in rows:
        flat = row[MINUTES]
        for m, c in zip(flat[::2], flat[1::2], strict=True):
            hist[m] = hist.get(m, 0) + c
    return [m for m in sorted(hist) for _ in range(hist[m])]


def minutes_hist(rows: Iterable[Sequence[Any]]) -> list[tuple[int, int]]:
    """The minutes of *rows* as (minutes, count) pairs, by minutes: :func:`minutes_of`
    without expanding the histogram (100,000 values cost `stats --period all` ~50 ms,
    bench/bench_scale.py)."""
    return sorted(_added(rows, {}).items())


def minutes_by_skills(rows: Iterable[Sequence[Any]]) -> dict[tuple[str, ...], dict[int, int]]:
    """The minutes of *rows* per skills as the rows hold them: one pass over the rows for
    every sum a reader takes per area and over all (see :func:`merged`)."""
    by: dict[tuple[str, ...], list[Sequence[Any]]] = {}
    for row in rows:
        if row[MINUTES]:
            by.setdefault(tuple(row[SKILLS]), []).append(row)
    return {skills: _added(chosen, {}) for skills, chosen in by.items()}


def merged(hists: Iterable[Mapping[int, int]]) -> list[tuple[int, int]]:
    """Histograms (minutes -> count) summed, as :func:`minutes_hist` gives them."""
    out: dict[int, int] = {}
    for hist in hists:
        for m, c in hist.items():
            out[m] = out.get(m, 0) + c
    return sorted(out.items())


def _added(rows: Iterable[Sequence[Any]], hist: dict[int, int]) -> dict[int, int]:
    for row in rows:
        flat = row[MINUTES]
        for m, c in zip(flat[::2], flat[1::2], strict=True):
            hist[m] = hist.get(m, 0) + c
    return hist


def chained_facts(
    store: Store, upto: str, state: Mapping[str, Any]
) -> tuple[DayFacts, dict[tuple[str, ...], dict[int, int]]]:
    """(facts, minutes) of every month: *state* (what :func:`fold_facts` keeps of the months up
    to *upto*, as the chain ``repeats`` carries it) and the parts of the months after it. The
    rows of the folded months hold no minutes: *minutes* holds theirs per skills."""
    minutes = {
        tuple(skills): dict(zip(flat[::2], flat[1::2], strict=True))
        for skills, flat in state["minutes"]
    }
    table = state["skills"]
    columns = zip(_days(state), state["which"], state["counts"], state["escalated"], strict=True)
    kept: DayFacts = {
        "rows": [[day, table[i], n, esc, ()] for day, i, n, esc in columns],
        "asked": state["asked"],
    }
    later = [m for m in store.win_months() if m > upto]
    return merge([kept, *(store.summary(m, DAYS) for m in later)]), minutes


def fold_facts(state: Any, facts: DayFacts) -> dict[str, Any]:
    """*state* (None at the first month) with one more month's part: its rows without minutes
    (month order) as columns (the days one string while no day is empty or holds a space: 15,000
    rows as lists cost `stats --period all` ~5 ms to parse, bench/bench_scale.py), its
    requesters, and its minutes added per skills (rows without a day are outside every window:
    their minutes are left out). A function of the parts alone, so a state read back and folded
    on is the state folded from the first month."""
    if not isinstance(state, dict):
        state = {"skills": [], "days": [], "which": [], "counts": [], "escalated": []}
        state.update({"asked": [], "minutes": []})
    minutes = {
        tuple(skills): dict(zip(flat[::2], flat[1::2], strict=True))
        for skills, flat in state["minutes"]
    }
    days = _days(state)
    table = state["skills"]
    index = {tuple(skills): i for i, skills in enumerate(table)}
    for row in facts["rows"]:
        skills = tuple(row[SKILLS])
        i = index.get(skills)
        if i is None:
            i = index[skills] = len(table)
            table.append(list(skills))
        days.append(row[DAY])
        state["which"].append(i)
        state["counts"].append(row[COUNT])
        state["escalated"].append(row[ESCALATED])
        if row[DAY] and row[MINUTES]:
            _added([row], minutes.setdefault(skills, {}))
    joined = " ".join(days)
    state["days"] = joined if joined.split() == days else days
    state["asked"].extend(facts["asked"])
    state["minutes"] = [
        [list(skills), [x for m in sorted(hist) for x in (m, hist[m])]]
        for skills, hist in sorted(minutes.items())
    ]
    return state


def _days(state: Mapping[str, Any]) -> list[str]:
    days = state["days"]
    return days.split() if isinstance(days, str) else list(days)


summaries.register(DAYS, 1, days_part)
