"""The brag document as GitHub-flavoured Markdown.

All user text goes through ``md_escape``, so a win titled ``<script>`` or ``[x](http://…)`` is
shown as text: no raw HTML, link or image can form.
"""

from __future__ import annotations

import re
from typing import Any

from growthdesk.core.dates import show_day
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.numbers import integer
from growthdesk.core.words import contact_count, event_kind, learning_count, learning_kind
from growthdesk.reporting.review import (
    career_lines,
    headline_rows,
    new_contacts,
    number,
    trend_mark,
)

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
    title = _(
        "Brag document: {since} to {until}",
        since=show_day(data["since"]),
        until=show_day(data["until"]),
    )
    out: list[str] = [f"# {title}", ""]
    out += ["## " + _("Headline numbers"), "", "| | |", "|---|---:|"]
    out += [f"| {label} | {value} |" for label, value in headline_rows(data)]
    monthly = data["monthly"]
    if monthly:
        out += [
            "",
            _(
                "Wins per month: `{spark}` ({first} to {last})",
                spark=sparkline([m["wins"] for m in monthly]),
                first=monthly[0]["month"],
                last=monthly[-1]["month"],
            ),
        ]

    out += ["", "## " + _("Skills grown"), ""]
    if data["skills"]:
        seg = data["segments"]
        out += [
            _(
                "Trend: wins per quarter of the period ({start} to {end}); the direction "
                "compares each area's share of your work in the first and second half.",
                start=show_day(seg[0]["start"]),
                end=show_day(seg[-1]["end"]),
            ),
            "",
        ]
        heads = (_("Skill area"), _("Wins"), _("Share"), _("Trend"), _("Direction"))
        out += ["| " + " | ".join(heads) + " |", "|---|---:|---:|---|---|"]
        for s in data["skills"][:12]:
            counts = "/".join(str(v) for v in s["segments"])
            out.append(
                f"| {e(s['label'])} | {integer(s['wins'])} | {s['share']:.0%} | `{sparkline(s['segments'])}` {counts} | {trend_mark(s['trend'])} |"
            )
    else:
        out.append("_" + _("No wins in this period.") + "_")

    out += ["", "## " + _("Notable wins"), ""]
    notable = data["notable"]
    for heading, items in ((_("Longest"), notable["longest"]), (_("Hardest"), notable["hardest"])):
        out += [f"### {heading}", ""]
        out += [f"- **{w['day']}**: {e(w['problem'])} ({e(w['why'])})" for w in items] or [
            "_" + _("None in this period.") + "_"
        ]
        out.append("")
    ea = notable["escalations_avoided"]
    out += ["### " + _("Escalations avoided"), ""]
    out.append(
        ngettext(
            "{count} second-line problem solved without escalating (escalated: {escalated}).",
            "{count} second-line problems solved without escalating (escalated: {escalated}).",
            ea["count"],
            count=integer(ea["count"]),
            escalated=integer(ea["escalated"]),
        )
    )
    out += [""] + [f"- **{w['day']}**: {e(w['problem'])} ({e(w['why'])})" for w in ea["examples"]]

    out += ["", "## " + _("Kudos"), ""]
    if data["kudos"]:
        for k in data["kudos"]:
            who = e(k["from"]) if k["from"] else _("an end user")
            out += [
                f"> {e(k['note'])}",
                ">",
                f"> — {who}, {k['day']}"
                + (" " + _("(win #{id})", id=k["win"]) if k["win"] else ""),
                "",
            ]
    else:
        out += ["_" + _("No kudos recorded in this period.") + "_", ""]

    out += ["## " + _("Learning & certifications"), ""]
    lp = data["learning"]
    kinds = ", ".join(e(learning_count(k, n)) for k, n in lp["by_kind"].items())
    out.append(
        ngettext(
            "{n} entry, {hours} hours ({kinds}).",
            "{n} entries, {hours} hours ({kinds}).",
            lp["entries"],
            hours=number(lp["hours"]),
            kinds=kinds or _("none"),
        )
    )
    if lp["certifications"]:
        out += ["", _("Certifications:"), ""] + [
            f"- **{c['day']}**: {e(c['title'])}" for c in lp["certifications"]
        ]
    if lp["recent"]:
        out += ["", _("Recent learning:"), ""] + [
            f"- {x['day']} ({e(learning_kind(x['kind']))}): {e(x['title'])}" for x in lp["recent"]
        ]

    out += ["", "## " + _("Network growth"), ""]
    net = data["network"]
    kinds = ", ".join(e(contact_count(k, n)) for k, n in net["new_by_kind"].items())
    out.append(
        new_contacts(net["new_contacts"])
        + (f" ({kinds})" if kinds else "")
        + _("; {n} in total.", n=net["contacts_total"])
    )
    if net["events"]:
        event_heads = (_("Date"), _("Event"), _("Kind"), _("People met"))
        out += ["", "| " + " | ".join(event_heads) + " |", "|---|---|---|---:|"]
        out += [
            f"| {ev['date']} | {e(ev['name'])} | {e(event_kind(ev['kind']))} | {ev['met']} |"
            for ev in net["events"]
        ]
    else:
        out += ["", "_" + _("No events recorded in this period.") + "_"]

    out += ["", "## " + _("Career direction"), ""]
    out += career_lines(data["career"], e)
    generated = _("Generated by growthdesk on {day}.", day=show_day(data["generated"]))
    out += ["", "_" + generated + "_", ""]
    return "\n".join(out)
