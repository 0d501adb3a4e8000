"""The brag document for a performance review: its time window and its data.

``build_review`` gathers plain data (JSON-serialisable); ``review_markdown`` and ``review_html``
only format it, using the few words both share from the end of this module. Learning URLs are
left out of the data on purpose: the document must leak nothing when shared.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from growthdesk.core import numbers
from growthdesk.core.dates import show_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, ngettext, pgettext
from growthdesk.core.months import months_between, whole_months
from growthdesk.core.records import Contact, Event, Kudos, LearningEntry, Win
from growthdesk.reporting import stats
from growthdesk.reporting.review_part import (
    REVIEW,
    SECOND_LINE_SKILLS,
    ReviewFacts,
    merge,
    pool_wins,
    review_facts,
)
from growthdesk.reporting.stats import day_of
from growthdesk.skills.labels import skill_label
from growthdesk.worklog.days import COUNT, DAY, DAYS, SKILLS, day_facts, in_days

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "SECOND_LINE_SKILLS",
    "trend_mark",
    "new_contacts",
    "build_review",
    "career_lines",
    "headline_rows",
    "number",
    "review_for",
    "review_range",
]

# ---------------------------------------------------------------- data


def _segments(since: date, until: date, n: int) -> list[tuple[str, str]]:
    """*n* consecutive day ranges (ISO, inclusive) covering since..until as evenly as possible."""
    total = (until - since).days + 1
    n = max(1, min(n, total))
    bounds = [since + timedelta(days=round(i * total / n)) for i in range(n + 1)]
    return [
        (bounds[i].isoformat(), (bounds[i + 1] - timedelta(days=1)).isoformat()) for i in range(n)
    ]


def _win_brief(win: Mapping[str, Any], why: str = "") -> dict[str, Any]:
    return {
        "id": win.get("id"),
        "day": day_of(win),
        "problem": str(win.get("problem") or ""),
        "minutes": win.get("minutes"),
        "skills": list(win.get("skills") or []),
        "why": why,
    }


def _trend(first: float, second: float, n_first: int, n_second: int) -> str:
    """Growing/steady/shrinking from the share of work in each half (not raw counts)."""
    if n_first + n_second < 3:
        return "new" if n_first == 0 and n_second > 0 else "steady"
    if first == 0:
        return "new" if second > 0 else "steady"
    ratio = second / first
    if ratio >= 1.25:
        return "growing"
    if ratio <= 0.8:
        return "shrinking"
    return "steady"


def review_range(
    now: datetime, since: date | None = None, until: date | None = None
) -> tuple[date, date]:
    """The period of the document: *until* defaults to today, *since* to a year before it."""
    until = until or now.date()
    since = since or (until - timedelta(days=364))
    if since > until:
        raise InputError(
            _("--since ({since}) is after --until ({until}).", since=since, until=until)
        )
    return since, until


def review_for(
    store: Store,
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    *,
    picture: bool = False,
) -> dict[str, Any]:
    """The document's data from the store for since..until (see review_range); with
    *picture*, ``network.picture`` holds an SVG drawing of the network as it is today.

    Read from the month summaries: the day rows (worklog.days) and notable wins
    (reporting.review_part) of the months the period overlaps, and the help history of every
    month (network.help_part). Only a month the period cuts (holding wins outside it) is read
    from its shard. The data is what build_review gives over those months' wins."""
    first, last = review_range(now, since, until)
    data = stats.read_inputs(store, first, last, wins=False)
    lo, hi = first.isoformat(), last.isoformat()
    months = months_between(first, last, store.win_months())
    parts: list[ReviewFacts] = []
    cut: dict[str, list[Win]] = {}  # month -> its wins, for a month the period cuts
    for month in months:
        if all(lo <= r[DAY] <= hi for r in store.summary(month, DAYS)["rows"]):
            parts.append(store.summary(month, REVIEW))
        else:
            cut[month] = store.wins([month])
            parts.append(review_facts([w for w in cut[month] if _inside(w, lo, hi)]))

    def linked(ids: set[Any]) -> dict[Any, str]:
        return _linked_problems(store, months, cut, ids)

    rows = data["facts"]["rows"]
    # The career line looks at the last year before *until*, like `stats` does.
    recent = (last - timedelta(days=stats.HISTORY_DAYS - 1)).isoformat()
    doc = build_review(
        wins=(),
        now=now,
        since=first,
        until=last,
        learning=data["learning"],
        kudos=data["kudos"],
        contacts=data["contacts"],
        events=store.events(),
        profile=data["profile"],
        career_line=stats.next_step(
            [], data["learning"], data["profile"], now, rows=[r for r in rows if r[DAY] >= recent]
        ),
        rows=in_days(data["facts"], lo, hi),
        facts=merge(parts),
        linked=linked,
    )
    if picture:
        from growthdesk.network.help_part import store_history

        doc["network"]["picture"] = _picture_svg(
            store, data["contacts"], store_history(store), now.date()
        )
    return doc


def _inside(win: Mapping[str, Any], lo: str, hi: str) -> bool:
    return lo <= str(win.get("when") or "")[:10] <= hi


def _linked_problems(
    store: Store, months: Sequence[str], cut: Mapping[str, Sequence[Win]], ids: set[Any]
) -> dict[Any, str]:
    """id -> problem of the wins among *ids* in *months* (from the parts' ids and the texts
    part, recall's, of a month that has one; from *cut*'s wins for a month read whole)."""
    from growthdesk.worklog.index import TEXTS, texts_reader

    out: dict[Any, str] = {}
    for month in months:
        if len(out) == len(ids):
            break
        wins = cut.get(month)
        if wins is None:
            month_ids = store.summary(month, REVIEW)["ids"]
            found = [(i, pos) for pos, i in enumerate(month_ids) if i in ids]
            if not found:
                continue
            part = store.summary(month, TEXTS)
            fields = texts_reader(part)
            if fields is None or part.get("n") != len(
                month_ids
            ):  # parts disagree: the shard decides
                wins = store.wins([month])
            else:
                for i, pos in found:
                    out[i] = str(fields(pos).get("problem") or "")
                continue
        out.update((w.get("id"), str(w.get("problem") or "")) for w in wins if w.get("id") in ids)
    return out


def _picture_svg(
    store: Store,
    contacts: Sequence[Contact],
    history: Mapping[int, Mapping[str, Any]],
    today: date,
) -> str:
    """Our own drawing (never Graphviz: the review must look the same on every machine)."""
    from growthdesk.core.i18n import language
    from growthdesk.network import picture
    from growthdesk.skills.labels import labels

    pic = picture.build_picture(
        contacts,
        store.links(),
        [],
        store.interactions(),
        today,
        labels=labels(language()),
        history=history,
    )
    return picture.render_svg(pic) if pic.nodes else ""


def build_review(
    *,
    wins: Sequence[Win],
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    learning: Sequence[LearningEntry] | None = None,
    kudos: Sequence[Kudos] | None = None,
    contacts: Sequence[Contact] | None = None,
    events: Sequence[Event] | None = None,
    profile: Mapping[str, Any] | None = None,
    career_line: str | None = None,
    rows: Sequence[Sequence[Any]] | None = None,
    facts: ReviewFacts | None = None,
    linked: Callable[[set[Any]], Mapping[Any, str]] | None = None,
) -> dict[str, Any]:
    """All the data of the brag document for since..until (default: the last 12 months), from
    *wins* (oldest first, as the store gives them).

    Or from the month summaries, as review_for reads them, and then *wins* is not read: *rows*,
    the day rows (worklog.days) of the period, *facts*, its notable wins' facts
    (reporting.review_part), and *linked*, which gives the problems of the wins of the given
    ids that kudos name (of those *wins* would hold)."""
    learning = learning or []
    kudos = kudos or []
    contacts = contacts or []
    events = events or []
    profile = profile or {}
    since, until = review_range(now, since, until)
    target = int(profile.get("target_minutes") or stats.DEFAULT_TARGET_MINUTES)
    window = stats.Window(since, until)
    lo, hi = since.isoformat(), until.isoformat()

    def inside(rec: Mapping[str, Any], key: str = "when") -> bool:
        return lo <= day_of(rec, key) <= hi

    if rows is None or facts is None:
        period_wins = [w for w in wins if _inside(w, lo, hi)]
        rows = day_facts(period_wins)["rows"]
        facts = review_facts(period_wins)
    if linked is None:
        wins_by_id = {w.get("id"): w for w in wins}

        def linked(ids: set[Any]) -> dict[Any, str]:
            found = {i: wins_by_id[i] for i in ids if i in wins_by_id}
            return {i: str(w.get("problem") or "") for i, w in found.items() if w}

    period_learning = [x for x in learning if inside(x)]
    period_kudos = sorted(
        (k for k in kudos if inside(k)), key=lambda k: str(k.get("when")), reverse=True
    )
    new_contacts = [c for c in contacts if inside(c, "created")]
    period_events = sorted(
        (e for e in events if lo <= str(e.get("date") or "")[:10] <= hi),
        key=lambda e: str(e.get("date")),
    )

    figures = stats.period_figures(
        (), window, target, learning=learning, kudos=kudos, contacts=contacts, rows=rows
    )
    # ---- one pass: wins per month (chart), per skill, per quarter-ish segment and per half
    segs = _segments(since, until, 4)
    halves = _segments(since, until, 2)
    seg_ends = [b for _a, b in segs]
    half_end = halves[0][1]
    last_half = len(halves) - 1
    skill_counts: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    seg_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(segs))
    half_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(halves))
    half_totals = [0] * len(halves)
    # Rows come by day, a day's in the order of their first win: skills are first seen (the
    # order of equal counts below) as over the wins themselves.
    for row in rows:
        day, n = row[DAY], row[COUNT]
        per_month[day[:7]] += n
        si = bisect.bisect_left(seg_ends, day)
        hi_ = 0 if day <= half_end else last_half
        half_totals[hi_] += n
        for s in row[SKILLS]:
            skill_counts[s] += n
            seg_counts[s][si] += n
            half_counts[s][hi_] += n
    monthly = [{"month": m, "wins": per_month.get(m, 0)} for m in months_between(since, until)]

    total_tags = sum(skill_counts.values())
    skills = []
    for skill, count in skill_counts.most_common():
        hc = half_counts[skill]
        if len(halves) == 2:
            shares = [hc[i] / half_totals[i] if half_totals[i] else 0.0 for i in range(2)]
            trend = _trend(shares[0], shares[1], hc[0], hc[1])
        else:
            trend = "steady"
        skills.append(
            {
                "skill": skill,
                "label": skill_label(skill),
                "wins": count,
                "share": round(count / total_tags, 4) if total_tags else 0.0,
                "segments": seg_counts[skill],
                "trend": trend,
            }
        )

    # ---- notable wins: of the pool, which holds every win that can be picked
    pool, avoided = pool_wins(facts)
    with_solution, explained_plain, n_avoided = facts["counts"]
    timed = [w for w in pool if w.get("minutes") is not None]
    longest = heapq.nsmallest(
        3, timed, key=lambda w: (-(w["minutes"] or 0), w["when"], w.get("id") or 0)
    )
    hardest = _hardest(pool, skill_counts, longest_ids={w.get("id") for w in longest})
    avoided_top = heapq.nsmallest(
        3, avoided, key=lambda w: (-int(w.get("minutes") or 0), w["when"])
    )
    notable = {
        "longest": [_win_brief(w, _("{minutes} min", minutes=w["minutes"])) for w in longest],
        "hardest": hardest,
        "escalations_avoided": {
            "count": n_avoided,
            "escalated": figures["escalated"],
            "examples": [
                _win_brief(
                    w,
                    ", ".join(
                        skill_label(s) for s in w.get("skills") or () if s in SECOND_LINE_SKILLS
                    ),
                )
                for w in avoided_top
            ],
        },
    }

    # ---- kudos
    shown = period_kudos[:8]
    problems = linked({k.get("win") for k in shown if k.get("win") is not None})
    quotes = [
        {
            "day": day_of(k),
            "from": k.get("from"),
            "note": str(k.get("note") or ""),
            "win": k.get("win"),
            "win_problem": problems.get(k.get("win")) if k.get("win") is not None else None,
        }
        for k in shown
    ]

    # ---- learning
    certs = [x for x in period_learning if x.get("kind") == "certification"]
    by_kind = Counter(str(x.get("kind") or "other") for x in period_learning)
    other = sorted(
        (x for x in period_learning if x.get("kind") != "certification"),
        key=lambda x: str(x.get("when")),
        reverse=True,
    )
    learning_part = {
        "entries": len(period_learning),
        "hours": round(sum(int(x.get("minutes") or 0) for x in period_learning) / 60, 1),
        "by_kind": dict(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        "certifications": [
            {"day": day_of(x), "title": str(x.get("title") or "")}
            for x in sorted(certs, key=lambda x: str(x.get("when")))
        ],
        "recent": [
            {"day": day_of(x), "kind": str(x.get("kind") or ""), "title": str(x.get("title") or "")}
            for x in other[:8]
        ],
    }

    # ---- network
    by_contact_kind = Counter(str(c.get("kind") or "colleague") for c in new_contacts)
    network = {
        "new_contacts": len(new_contacts),
        "contacts_total": len(contacts),
        "new_by_kind": dict(sorted(by_contact_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        "events": [
            {
                "date": str(e.get("date") or "")[:10],
                "name": str(e.get("name") or ""),
                "kind": str(e.get("kind") or ""),
                "met": len(e.get("met") or []),
            }
            for e in period_events
        ],
    }

    # ---- career
    started = profile.get("started")
    career = {
        "role": profile.get("role"),
        "started": started,
        "months": whole_months(date.fromisoformat(str(started)[:10]), until) if started else None,
        "track": profile.get("track"),
        "line": career_line,
    }

    return {
        "since": lo,
        "until": hi,
        "generated": now.isoformat(timespec="seconds"),
        "target_minutes": target,
        "headline": {
            "wins": figures["wins"],
            "working_days": figures["working_days"],
            "wins_per_working_day": figures["wins_per_working_day"],
            "hit_rate": figures["hit_rate"],
            "median_minutes": figures["median_minutes"],
            "hours": round(figures["total_minutes"] / 60, 1),
            "skill_areas": len(skill_counts),
            "escalated": figures["escalated"],
            "kudos": len(period_kudos),
            "learning_hours": learning_part["hours"],
            "certifications": len(certs),
            "new_contacts": len(new_contacts),
            "events": len(period_events),
            # How often the solution was also explained in plain words (log --for-user).
            "with_solution": with_solution,
            "explained_plain": explained_plain,
        },
        "monthly": monthly,
        "segments": [{"start": a, "end": b} for a, b in segs],
        "skills": skills,
        "notable": notable,
        "kudos": quotes,
        "learning": learning_part,
        "network": network,
        "career": career,
    }


def _hardest(
    wins: Sequence[Mapping[str, Any]], counts: Counter[str], longest_ids: set[Any]
) -> list[dict[str, Any]]:
    """Wins in areas you rarely work in, weighted by time spent: stretch work, not routine.

    score = -log(share of the win's rarest area) * log(1 + minutes); the longest wins already
    listed are skipped so the two lists say different things.
    """
    total = sum(counts.values())
    if not total:
        return []
    # Per area once: how rare it is for you (rarest first among a win's areas).
    rarity = {s: (n, s) for s, n in counts.items()}
    scored = []
    for w in wins:
        minutes = w.get("minutes")
        skills = w.get("skills")
        if minutes is None or not skills or w.get("id") in longest_ids:
            continue
        rarest = min(skills, key=lambda s: rarity.get(s, (total + 1, s)))
        if rarest not in counts:
            continue
        share = counts[rarest] / total
        score = -math.log(share) * math.log1p(int(minutes))
        scored.append((-score, w["when"], w.get("id") or 0, w, rarest, share))
    top = heapq.nsmallest(3, scored, key=lambda t: t[:3])
    return [
        _win_brief(
            w,
            _(
                "{skill}: {share} of your work, {minutes} min",
                skill=skill_label(rarest),
                share=_share(share),
                minutes=w["minutes"],
            ),
        )
        for _score, _when, _id, w, rarest, share in top
    ]


# ---------------------------------------------------------------- words both renderers use


def _share(value: float) -> str:
    """A share as a percentage; one decimal below 1% so that rare work never reads as 0%."""
    return numbers.decimal(value * 100, 1 if value < 0.01 else 0) + "%"


def new_contacts(n: int) -> str:
    """'1 new contact', '2 new contacts'."""
    return ngettext("{count} new contact", "{count} new contacts", n, count=numbers.integer(n))


def _percent(value: float | None) -> str:
    return numbers.percent(value, none="–")


def number(value: float | int | None) -> str:
    """A figure for the document: thousands separated, '–' for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return numbers.decimal(value, 2 if abs(value) < 1 else 1, grouping=True)
    return numbers.integer(int(value))


def trend_mark(trend: str) -> str:
    marks = {
        "growing": _("↑ growing"),
        "shrinking": _("↓ shrinking"),
        "steady": _("→ steady"),
        "new": pgettext("trend", "★ new"),
    }
    return marks[trend]


def headline_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the headline numbers, in the order both renderers show them."""
    h = data["headline"]
    return [
        (_("Problems solved"), number(h["wins"])),
        (_("Per working day"), number(h["wins_per_working_day"])),
        (_("Solved within {n} min", n=data["target_minutes"]), _percent(h["hit_rate"])),
        (_("Median minutes"), number(h["median_minutes"])),
        (_("Hours on logged wins"), number(h["hours"])),
        (_("Skill areas worked in"), number(h["skill_areas"])),
        (_("Escalated"), number(h["escalated"])),
        (_("Kudos received"), number(h["kudos"])),
        (_("Learning hours"), number(h["learning_hours"])),
        (_("Certifications"), number(h["certifications"])),
        (_("New contacts"), number(h["new_contacts"])),
        (_("Events attended"), number(h["events"])),
        (_("Explained in plain words"), _plain_share(h)),
    ]


def _plain_share(h: Mapping[str, Any]) -> str:
    """'12 of 40 solutions (30%)': wins whose solution was also told in plain words."""
    total = int(h.get("with_solution") or 0)
    if not total:
        return _("– (no solutions logged)")
    n = int(h.get("explained_plain") or 0)
    return ngettext(
        "{k} of {n} solution ({share})",
        "{k} of {n} solutions ({share})",
        total,
        k=numbers.integer(n),
        share=_percent(n / total),
    )


def _track_name(track: str) -> str:
    """A track's name in the interface language (its id if the tracks file lacks it)."""
    from growthdesk.career.tracks import load_tracks
    from growthdesk.core.i18n import language

    try:
        return load_tracks()[track].name(language())
    except Exception:  # noqa: BLE001 - a name is cosmetic: a broken file fails where it is parsed
        return track


def career_lines(c: dict[str, Any], esc: Callable[[str], str]) -> list[str]:
    """The career section as sentences; *esc* escapes user text for the output format."""
    lines = []
    if c.get("role") or c.get("started"):
        bits = []
        if c.get("role"):
            bits.append(esc(str(c["role"])))
        if c.get("started"):
            bits.append(_("started {day}", day=esc(show_day(str(c["started"])))))
        if c.get("months") is not None:
            bits.append(_("month {n} at the helpdesk", n=c["months"]))
        text = ", ".join(bits)
        lines.append(text[:1].upper() + text[1:] + ".")
    if c.get("track"):
        lines.append(_("Target track: {track}.", track=esc(_track_name(str(c["track"])))))
    if c.get("line"):
        lines.append(esc(str(c["line"])))
    if not lines:
        lines.append(
            _("No profile yet: set one with `growthdesk profile set --started DATE --track ID`.")
        )
    return lines
