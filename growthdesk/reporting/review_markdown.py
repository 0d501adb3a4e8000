"""The brag document as GitHub-flavoured Markdown.

All user text goes through ``md_escape``, so a win titled ``<script>`` or ``[x](http://…)`` is
shown as text: no raw HTML, link or image can form.
"""

from __future__ import annotations

import re
from typing import Any

from growthdesk.core.dates import show_day
from growthdesk.reporting.review import TREND_MARK, career_lines, headline_rows, number, plural

__all__ = ["md_escape", "render_markdown", "sparkline"]

_SPARKS = "▁▂▃▄▅▆▇█"


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


def render_markdown(data: dict[str, Any]) -> str:
    """GitHub-flavoured Markdown; all user text escaped with md_escape."""
    e = md_escape
    out: list[str] = [
        f"# Brag document: {show_day(data['since'])} to {show_day(data['until'])}",
        "",
    ]
    out += ["## Headline numbers", "", "| | |", "|---|---:|"]
    out += [f"| {label} | {value} |" for label, value in headline_rows(data)]
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
                f"| {e(s['label'])} | {s['wins']:,} | {s['share']:.0%} | `{sparkline(s['segments'])}` {counts} | {TREND_MARK[s['trend']]} |"
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
    out.append(f"{lp['entries']} entries, {number(lp['hours'])} hours ({kinds}).")
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
        plural(net["new_contacts"], "new contact")
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
    out += career_lines(data["career"], e)
    out += ["", f"_Generated by growthdesk on {show_day(data['generated'])}._", ""]
    return "\n".join(out)
