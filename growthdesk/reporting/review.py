"""The brag document for a performance review: data, then Markdown or one self-contained HTML file.

``build_review`` gathers plain data (JSON-serialisable); ``render_markdown`` and ``render_html``
only format it. Every piece of user text goes through ``html.escape`` in HTML and through
``md_escape`` in Markdown, so a win titled ``<script>`` is shown, never run. The HTML has inline
CSS and inline SVG charts and no external URL at all (learning URLs are left out on purpose: the
file must open offline and leak nothing when shared).
"""

from __future__ import annotations

import bisect
import heapq
import html
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.reporting import stats
from growthdesk.skills.taxonomy import skill_label

__all__ = [
    "SECOND_LINE_SKILLS",
    "build_review",
    "review_range",
    "render_markdown",
    "render_html",
    "md_escape",
    "sparkline",
]

# Areas a first-line desk usually hands to second line (infrastructure, network, cloud, security,
# data, scripting). Solving one yourself, not escalated, is an escalation avoided.
SECOND_LINE_SKILLS = frozenset(
    {
        "network_connectivity",
        "remote_access",
        "server_infrastructure",
        "cloud_platforms",
        "security_incidents",
        "data_reporting",
        "scripting_automation",
    }
)
_AVOIDED_TAGS = frozenset({"escalation-avoided", "no-escalation", "niet-geescaleerd"})
_SPARKS = "▁▂▃▄▅▆▇█"


# ---------------------------------------------------------------- data


def _day(record: dict[str, Any], key: str = "when") -> str:
    value = record.get(key)
    return str(value)[:10] if value else ""


def _month(day: str) -> str:
    return day[:7]


def _months(since: date, until: date) -> list[str]:
    out, y, m = [], since.year, since.month
    while (y, m) <= (until.year, until.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _segments(since: date, until: date, n: int) -> list[tuple[str, str]]:
    """*n* consecutive day ranges (ISO, inclusive) covering since..until as evenly as possible."""
    total = (until - since).days + 1
    n = max(1, min(n, total))
    bounds = [since + timedelta(days=round(i * total / n)) for i in range(n + 1)]
    return [
        (bounds[i].isoformat(), (bounds[i + 1] - timedelta(days=1)).isoformat()) for i in range(n)
    ]


def _win_brief(win: dict[str, Any], why: str = "") -> dict[str, Any]:
    return {
        "id": win.get("id"),
        "day": _day(win),
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


def build_review(
    *,
    wins: list[dict[str, Any]],
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    learning: list[dict[str, Any]] | None = None,
    kudos: list[dict[str, Any]] | None = None,
    contacts: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    profile: dict[str, Any] | None = None,
    career_line: str | None = None,
) -> dict[str, Any]:
    """All the data of the brag document for since..until (default: the last 12 months)."""
    learning = learning or []
    kudos = kudos or []
    contacts = contacts or []
    events = events or []
    profile = profile or {}
    since, until = review_range(now, since, until)
    target = int(profile.get("target_minutes") or stats.DEFAULT_TARGET_MINUTES)
    window = stats.Window(since, until)
    lo, hi = since.isoformat(), until.isoformat()

    def inside(rec: dict[str, Any], key: str = "when") -> bool:
        return lo <= _day(rec, key) <= hi

    period_wins = [w for w in wins if lo <= str(w.get("when") or "")[:10] <= hi]
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
        period_wins, window, target, learning=learning, kudos=kudos, contacts=contacts
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
    for w in period_wins:
        when = str(w["when"])
        day = when[:10]
        per_month[when[:7]] += 1
        si = bisect.bisect_left(seg_ends, day)
        hi_ = 0 if day <= half_end else last_half
        half_totals[hi_] += 1
        for s in w.get("skills") or ():
            skill_counts[s] += 1
            seg_counts[s][si] += 1
            half_counts[s][hi_] += 1
    monthly = [{"month": m, "wins": per_month.get(m, 0)} for m in _months(since, until)]

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

    # ---- notable wins
    timed = [w for w in period_wins if w.get("minutes") is not None]
    longest = heapq.nsmallest(
        3, timed, key=lambda w: (-int(w["minutes"]), w["when"], w.get("id") or 0)
    )
    hardest = _hardest(period_wins, skill_counts, longest_ids={w.get("id") for w in longest})
    avoided = [
        w
        for w in period_wins
        if not w.get("escalated")
        and (
            SECOND_LINE_SKILLS.intersection(w.get("skills") or ())
            or _AVOIDED_TAGS.intersection(w.get("tags") or ())
        )
    ]
    avoided_top = heapq.nsmallest(
        3, avoided, key=lambda w: (-int(w.get("minutes") or 0), w["when"])
    )
    notable = {
        "longest": [_win_brief(w, f"{w['minutes']} min") for w in longest],
        "hardest": hardest,
        "escalations_avoided": {
            "count": len(avoided),
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
    wins_by_id = {w.get("id"): w for w in wins}
    quotes = []
    for k in period_kudos[:8]:
        linked = wins_by_id.get(k.get("win")) if k.get("win") is not None else None
        quotes.append(
            {
                "day": _day(k),
                "from": k.get("from"),
                "note": str(k.get("note") or ""),
                "win": k.get("win"),
                "win_problem": str(linked.get("problem") or "") if linked else None,
            }
        )

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
            {"day": _day(x), "title": str(x.get("title") or "")}
            for x in sorted(certs, key=lambda x: str(x.get("when")))
        ],
        "recent": [
            {"day": _day(x), "kind": str(x.get("kind") or ""), "title": str(x.get("title") or "")}
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
    months_in = None
    if started:
        s = date.fromisoformat(str(started)[:10])
        months_in = max(
            0, (until.year - s.year) * 12 + until.month - s.month - (1 if until.day < s.day else 0)
        )
    career = {
        "role": profile.get("role"),
        "started": started,
        "months": months_in,
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
    wins: list[dict[str, Any]], counts: Counter[str], longest_ids: set[Any]
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
        _win_brief(w, f"{skill_label(rarest)}: {_share(share)} of your work, {w['minutes']} min")
        for _score, _when, _id, w, rarest, share in top
    ]


# ---------------------------------------------------------------- formatting helpers


def sparkline(values: list[int]) -> str:
    """Unicode block sparkline scaled to the largest value ('' for no values)."""
    if not values:
        return ""
    top = max(values)
    if top == 0:
        return _SPARKS[0] * len(values)
    return "".join(
        _SPARKS[min(len(_SPARKS) - 1, round(v / top * (len(_SPARKS) - 1)))] for v in values
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
# Block markers that only matter at the start of a line (a kudos quote starts one).
_MD_LEADING = re.compile(r"^([#+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """User text safe inside Markdown (GitHub): one line, markup characters backslash-escaped.

    ``<`` and ``>`` are escaped too, so raw HTML in a win title is shown as text. Brackets are
    escaped, so no link or image can form; parentheses and ``!`` are then harmless and stay
    readable. A leading ``#``, ``-``, ``+``, ``>`` or ``1.`` is escaped so it cannot start a
    heading, list or quote.
    """
    one_line = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line)
    return _MD_ORDERED.sub(r"\1\\\2", _MD_LEADING.sub(r"\\\1", escaped))


def _share(value: float) -> str:
    """A share as a percentage; one decimal below 1% so that rare work never reads as 0%."""
    return f"{value:.1%}" if value < 0.01 else f"{value:.0%}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _num(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}" if abs(value) < 1 else f"{value:,.1f}"
    return f"{int(value):,}"


_TREND_MARK = {
    "growing": "↑ growing",
    "shrinking": "↓ shrinking",
    "steady": "→ steady",
    "new": "★ new",
}


def _headline_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    h = data["headline"]
    return [
        ("Problems solved", _num(h["wins"])),
        ("Per working day", _num(h["wins_per_working_day"])),
        (f"Solved within {data['target_minutes']} min", _pct(h["hit_rate"])),
        ("Median minutes", _num(h["median_minutes"])),
        ("Hours on logged wins", _num(h["hours"])),
        ("Skill areas worked in", _num(h["skill_areas"])),
        ("Escalated", _num(h["escalated"])),
        ("Kudos received", _num(h["kudos"])),
        ("Learning hours", _num(h["learning_hours"])),
        ("Certifications", _num(h["certifications"])),
        ("New contacts", _num(h["new_contacts"])),
        ("Events attended", _num(h["events"])),
    ]


def _career_text(c: dict[str, Any], esc: Callable[[str], str]) -> list[str]:
    lines = []
    if c.get("role") or c.get("started"):
        bits = []
        if c.get("role"):
            bits.append(esc(str(c["role"])))
        if c.get("started"):
            bits.append(f"started {esc(str(c['started']))}")
        if c.get("months") is not None:
            bits.append(f"month {c['months']} at the helpdesk")
        text = ", ".join(bits)
        lines.append(text[:1].upper() + text[1:] + ".")
    if c.get("track"):
        lines.append(f"Target track: {esc(str(c['track']))}.")
    if c.get("line"):
        lines.append(esc(str(c["line"])))
    if not lines:
        lines.append(
            "No profile yet: set one with `growthdesk profile set --started DATE --track ID`."
        )
    return lines


# ---------------------------------------------------------------- Markdown


def render_markdown(data: dict[str, Any]) -> str:
    """GitHub-flavoured Markdown; all user text escaped with md_escape."""
    e = md_escape
    out: list[str] = [f"# Brag document: {data['since']} to {data['until']}", ""]
    out += ["## Headline numbers", "", "| | |", "|---|---:|"]
    out += [f"| {label} | {value} |" for label, value in _headline_rows(data)]
    monthly = data["monthly"]
    if monthly:
        out += [
            "",
            f"Wins per month: `{sparkline([m['wins'] for m in monthly])}` ({monthly[0]['month']} to {monthly[-1]['month']})",
        ]

    out += ["", "## Skills grown", ""]
    if data["skills"]:
        seg = data["segments"]
        out += [
            f"Trend: wins per quarter of the period ({seg[0]['start']} to {seg[-1]['end']}); the direction compares each area's share of your work in the first and second half.",
            "",
        ]
        out += ["| Skill area | Wins | Share | Trend | Direction |", "|---|---:|---:|---|---|"]
        for s in data["skills"][:12]:
            counts = "/".join(str(v) for v in s["segments"])
            out.append(
                f"| {e(s['label'])} | {s['wins']:,} | {s['share']:.0%} | `{sparkline(s['segments'])}` {counts} | {_TREND_MARK[s['trend']]} |"
            )
    else:
        out.append("_No wins in this period._")

    out += ["", "## Notable wins", ""]
    notable = data["notable"]
    for title, items in (("Longest", notable["longest"]), ("Hardest", notable["hardest"])):
        out += [f"### {title}", ""]
        out += [f"- **{w['day']}**: {e(w['problem'])} ({e(w['why'])})" for w in items] or [
            "_None in this period._"
        ]
        out.append("")
    ea = notable["escalations_avoided"]
    out += ["### Escalations avoided", ""]
    out.append(
        f"{ea['count']:,} second-line problems solved without escalating (escalated: {ea['escalated']:,})."
    )
    out += [""] + [f"- **{w['day']}**: {e(w['problem'])} ({e(w['why'])})" for w in ea["examples"]]

    out += ["", "## Kudos", ""]
    if data["kudos"]:
        for k in data["kudos"]:
            who = e(k["from"]) if k["from"] else "an end user"
            out += [
                f"> {e(k['note'])}",
                ">",
                f"> — {who}, {k['day']}" + (f" (win #{k['win']})" if k["win"] else ""),
                "",
            ]
    else:
        out += ["_No kudos recorded in this period._", ""]

    out += ["## Learning & certifications", ""]
    lp = data["learning"]
    kinds = ", ".join(f"{n} {e(k)}" for k, n in lp["by_kind"].items()) or "none"
    out.append(f"{lp['entries']} entries, {_num(lp['hours'])} hours ({kinds}).")
    if lp["certifications"]:
        out += ["", "Certifications:", ""] + [
            f"- **{c['day']}**: {e(c['title'])}" for c in lp["certifications"]
        ]
    if lp["recent"]:
        out += ["", "Recent learning:", ""] + [
            f"- {x['day']} ({e(x['kind'])}): {e(x['title'])}" for x in lp["recent"]
        ]

    out += ["", "## Network growth", ""]
    net = data["network"]
    kinds = ", ".join(f"{n} {e(k)}" for k, n in net["new_by_kind"].items())
    out.append(
        _plural(net["new_contacts"], "new contact")
        + (f" ({kinds})" if kinds else "")
        + f"; {net['contacts_total']} in total."
    )
    if net["events"]:
        out += ["", "| Date | Event | Kind | People met |", "|---|---|---|---:|"]
        out += [
            f"| {ev['date']} | {e(ev['name'])} | {e(ev['kind'])} | {ev['met']} |"
            for ev in net["events"]
        ]
    else:
        out += ["", "_No events recorded in this period._"]

    out += ["", "## Career direction", ""]
    out += _career_text(data["career"], e)
    out += ["", f"_Generated by growthdesk on {data['generated'][:10]}._", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- HTML

_CSS = """
:root{--fg:#1f2933;--muted:#616e7c;--accent:#2f6fdf;--soft:#e4ecfb;--line:#e4e7eb;--good:#1d8a5b;--bad:#c2410c}
*{box-sizing:border-box}
body{font:15px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);
 max-width:920px;margin:2rem auto;padding:0 1.25rem;background:#fff}
h1{font-size:1.8rem;margin:0 0 .2rem}h2{font-size:1.25rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--soft)}
h3{font-size:1rem;margin:1.2rem 0 .4rem;color:var(--muted)}
.sub{color:var(--muted);margin:0 0 1.5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.7rem}
.card{border:1px solid var(--line);border-radius:10px;padding:.7rem .9rem;background:#fafbfc}
.card .v{font-size:1.5rem;font-weight:650}.card .l{color:var(--muted);font-size:.85rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}td.n{text-align:right;font-variant-numeric:tabular-nums}
.up{color:var(--good)}.down{color:var(--bad)}.flat,.muted{color:var(--muted)}
ul.wins{padding-left:1.1rem}ul.wins li{margin:.25rem 0}.day{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.4rem}
.why{color:var(--muted);font-size:.9rem}
blockquote{margin:.6rem 0;padding:.5rem .9rem;border-left:4px solid var(--accent);background:var(--soft);border-radius:0 8px 8px 0}
blockquote footer{color:var(--muted);font-size:.85rem;margin-top:.2rem}
svg text{font:11px -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;fill:var(--muted)}
.chart{margin:.8rem 0 0}
footer.gen{margin:3rem 0 1rem;color:var(--muted);font-size:.85rem}
@media print{body{margin:0}.card{break-inside:avoid}}
"""


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _bar_chart_svg(monthly: list[dict[str, Any]]) -> str:
    """Wins per month as an inline SVG column chart."""
    if not monthly:
        return ""
    width, height, pad_l, pad_b, pad_t = 880, 180, 36, 26, 10
    inner_w, inner_h = width - pad_l - 8, height - pad_b - pad_t
    top = max(m["wins"] for m in monthly) or 1
    step = inner_w / len(monthly)
    bar_w = max(2.0, step * 0.7)
    parts = [
        f'<svg class="chart" role="img" aria-label="Wins per month" viewBox="0 0 {width} {height}" width="100%">',
        f'<line x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width - 8}" y2="{pad_t + inner_h}" stroke="#cbd2d9"/>',
        f'<text x="{pad_l - 6}" y="{pad_t + 8}" text-anchor="end">{top}</text>',
        f'<text x="{pad_l - 6}" y="{pad_t + inner_h}" text-anchor="end">0</text>',
    ]
    label_every = max(1, math.ceil(len(monthly) / 12))
    for i, m in enumerate(monthly):
        h = inner_h * m["wins"] / top
        x = pad_l + i * step + (step - bar_w) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{pad_t + inner_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" rx="2" fill="#2f6fdf">'
            f"<title>{_esc(m['month'])}: {m['wins']} wins</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle">{_esc(m["month"])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _spark_svg(values: list[int], top: int) -> str:
    """A tiny inline SVG column sparkline for one skill's segments, on a shared scale."""
    w, h, gap = 80, 22, 3
    n = max(1, len(values))
    bw = (w - gap * (n - 1)) / n
    top = top or 1
    rects = []
    for i, v in enumerate(values):
        bh = max(1.0, (h - 2) * v / top) if v else 1.0
        fill = "#2f6fdf" if v else "#cbd2d9"
        rects.append(
            f'<rect x="{i * (bw + gap):.1f}" y="{h - bh:.1f}" width="{bw:.1f}" height="{bh:.1f}" fill="{fill}"/>'
        )
    return f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="trend">{"".join(rects)}</svg>'


def _share_bar_svg(share: float) -> str:
    w, h = 120, 10
    fill = max(0.0, min(1.0, share)) * w
    return (
        f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="share">'
        f'<rect width="{w}" height="{h}" rx="3" fill="#e4ecfb"/><rect width="{fill:.1f}" height="{h}" rx="3" fill="#2f6fdf"/></svg>'
    )


def _win_items(items: list[dict[str, Any]]) -> str:
    if not items:
        return '<p class="muted">None in this period.</p>'
    lis = "".join(
        f'<li><span class="day">{_esc(w["day"])}</span>{_esc(w["problem"])} <span class="why">({_esc(w["why"])})</span></li>'
        for w in items
    )
    return f'<ul class="wins">{lis}</ul>'


def render_html(data: dict[str, Any]) -> str:
    """One self-contained HTML page: inline CSS and SVG, no scripts, no external URLs."""
    p: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Brag document {_esc(data['since'])} to {_esc(data['until'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<h1>Brag document</h1><p class="sub">{_esc(data["since"])} to {_esc(data["until"])}</p>',
        '<section id="headline"><h2>Headline numbers</h2><div class="cards">',
    ]
    p += [
        f'<div class="card"><div class="v">{_esc(v)}</div><div class="l">{_esc(k)}</div></div>'
        for k, v in _headline_rows(data)
    ]
    p.append("</div>")
    p.append(_bar_chart_svg(data["monthly"]))
    p.append("</section>")

    p.append('<section id="skills"><h2>Skills grown</h2>')
    if data["skills"]:
        top = max((max(s["segments"]) for s in data["skills"]), default=1)
        seg = data["segments"]
        p.append(
            f'<p class="muted">Trend: wins per quarter of the period ({_esc(seg[0]["start"])} to {_esc(seg[-1]["end"])}); '
            "direction compares each area's share of your work in the first and second half.</p>"
        )
        p.append(
            "<table><thead><tr><th>Skill area</th><th>Wins</th><th>Share</th><th>Trend</th><th>Direction</th></tr></thead><tbody>"
        )
        css = {"growing": "up", "shrinking": "down", "steady": "flat", "new": "up"}
        for s in data["skills"][:12]:
            p.append(
                f'<tr><td>{_esc(s["label"])}</td><td class="n">{s["wins"]:,}</td>'
                f"<td>{_share_bar_svg(s['share'])} {s['share']:.0%}</td><td>{_spark_svg(s['segments'], top)}</td>"
                f'<td class="{css[s["trend"]]}">{_esc(_TREND_MARK[s["trend"]])}</td></tr>'
            )
        p.append("</tbody></table>")
    else:
        p.append('<p class="muted">No wins in this period.</p>')
    p.append("</section>")

    n = data["notable"]
    ea = n["escalations_avoided"]
    p.append('<section id="notable"><h2>Notable wins</h2>')
    p.append("<h3>Longest</h3>" + _win_items(n["longest"]))
    p.append("<h3>Hardest</h3>" + _win_items(n["hardest"]))
    p.append(
        f"<h3>Escalations avoided</h3><p>{ea['count']:,} second-line problems solved without escalating "
        f"(escalated: {ea['escalated']:,}).</p>" + _win_items(ea["examples"])
    )
    p.append("</section>")

    p.append('<section id="kudos"><h2>Kudos</h2>')
    if data["kudos"]:
        for k in data["kudos"]:
            who = _esc(k["from"]) if k["from"] else "an end user"
            p.append(
                f"<blockquote><div>{_esc(k['note'])}</div><footer>— {who}, {_esc(k['day'])}</footer></blockquote>"
            )
    else:
        p.append('<p class="muted">No kudos recorded in this period.</p>')
    p.append("</section>")

    lp = data["learning"]
    kinds = ", ".join(f"{n_} {_esc(k)}" for k, n_ in lp["by_kind"].items()) or "none"
    p.append(
        f'<section id="learning"><h2>Learning &amp; certifications</h2><p>{lp["entries"]} entries, {_esc(_num(lp["hours"]))} hours ({kinds}).</p>'
    )
    if lp["certifications"]:
        p.append('<h3>Certifications</h3><ul class="wins">')
        p += [
            f'<li><span class="day">{_esc(c["day"])}</span><strong>{_esc(c["title"])}</strong></li>'
            for c in lp["certifications"]
        ]
        p.append("</ul>")
    if lp["recent"]:
        p.append('<h3>Recent learning</h3><ul class="wins">')
        p += [
            f'<li><span class="day">{_esc(x["day"])}</span>{_esc(x["title"])} <span class="why">({_esc(x["kind"])})</span></li>'
            for x in lp["recent"]
        ]
        p.append("</ul>")
    p.append("</section>")

    net = data["network"]
    kinds = ", ".join(f"{n_} {_esc(k)}" for k, n_ in net["new_by_kind"].items())
    p.append(
        f'<section id="network"><h2>Network growth</h2><p>{_plural(net["new_contacts"], "new contact")}'
        + (f" ({kinds})" if kinds else "")
        + f"; {net['contacts_total']} in total.</p>"
    )
    if net["events"]:
        p.append(
            "<table><thead><tr><th>Date</th><th>Event</th><th>Kind</th><th>People met</th></tr></thead><tbody>"
        )
        p += [
            f'<tr><td>{_esc(ev["date"])}</td><td>{_esc(ev["name"])}</td><td>{_esc(ev["kind"])}</td><td class="n">{ev["met"]}</td></tr>'
            for ev in net["events"]
        ]
        p.append("</tbody></table>")
    else:
        p.append('<p class="muted">No events recorded in this period.</p>')
    p.append("</section>")

    p.append('<section id="career"><h2>Career direction</h2>')
    p += [f"<p>{line}</p>" for line in _career_text(data["career"], _esc)]
    p.append("</section>")
    p.append(
        f'<footer class="gen">Generated by growthdesk on {_esc(data["generated"][:10])}.</footer>'
    )
    p.append("</body></html>")
    return "\n".join(p) + "\n"
