"""The brag document as one self-contained HTML page.

Every piece of user text goes through ``html.escape``, so a win titled ``<script>`` is shown,
never run. Inline CSS and inline SVG charts, no scripts and no external URL at all: the file
opens offline and leaks nothing when shared.
"""

from __future__ import annotations

import html
import math
from typing import Any

from growthdesk.core.dates import show_day
from growthdesk.core.i18n import _, language, ngettext
from growthdesk.core.numbers import integer
from growthdesk.core.words import contact_count, event_kind, learning_count, learning_kind
from growthdesk.reporting.review import (
    career_lines,
    headline_rows,
    new_contacts,
    number,
    trend_mark,
)

__all__ = ["render_html"]

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
figure.net{margin:1rem 0 0}figure.net svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.85rem}
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
        f'<svg class="chart" role="img" aria-label="{_esc(_("Wins per month"))}" viewBox="0 0 {width} {height}" width="100%">',
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
            f"<title>{_esc(m['month'])}: {_esc(_wins(m['wins']))}</title></rect>"
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
    return f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{_esc(_("trend"))}">{"".join(rects)}</svg>'


def _share_bar_svg(share: float) -> str:
    w, h = 120, 10
    fill = max(0.0, min(1.0, share)) * w
    return (
        f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{_esc(_("share"))}">'
        f'<rect width="{w}" height="{h}" rx="3" fill="#e4ecfb"/><rect width="{fill:.1f}" height="{h}" rx="3" fill="#2f6fdf"/></svg>'
    )


def _win_items(items: list[dict[str, Any]]) -> str:
    if not items:
        return f'<p class="muted">{_esc(_("None in this period."))}</p>'
    lis = "".join(
        f'<li><span class="day">{_esc(w["day"])}</span>{_esc(w["problem"])} <span class="why">({_esc(w["why"])})</span></li>'
        for w in items
    )
    return f'<ul class="wins">{lis}</ul>'


def _wins(n: int) -> str:
    return ngettext("{n} win", "{n} wins", n)


def render_html(data: dict[str, Any]) -> str:
    """One self-contained HTML page: inline CSS and SVG, no scripts, no external URLs."""
    p: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(_('Brag document {since} to {until}', since=data['since'], until=data['until']))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<h1>{_esc(_("Brag document"))}</h1><p class="sub">{_esc(_("{since} to {until}", since=data["since"], until=data["until"]))}</p>',
        f'<section id="headline"><h2>{_esc(_("Headline numbers"))}</h2><div class="cards">',
    ]
    p += [
        f'<div class="card"><div class="v">{_esc(v)}</div><div class="l">{_esc(k)}</div></div>'
        for k, v in headline_rows(data)
    ]
    p.append("</div>")
    p.append(_bar_chart_svg(data["monthly"]))
    p.append("</section>")

    p.append(f'<section id="skills"><h2>{_esc(_("Skills grown"))}</h2>')
    if data["skills"]:
        top = max((max(s["segments"]) for s in data["skills"]), default=1)
        seg = data["segments"]
        trend = _(
            "Trend: wins per quarter of the period ({start} to {end}); direction compares "
            "each area's share of your work in the first and second half.",
            start=show_day(seg[0]["start"]),
            end=show_day(seg[-1]["end"]),
        )
        p.append(f'<p class="muted">{_esc(trend)}</p>')
        heads = (_("Skill area"), _("Wins"), _("Share"), _("Trend"), _("Direction"))
        p.append(
            "<table><thead><tr>"
            + "".join(f"<th>{_esc(h)}</th>" for h in heads)
            + "</tr></thead><tbody>"
        )
        css = {"growing": "up", "shrinking": "down", "steady": "flat", "new": "up"}
        for s in data["skills"][:12]:
            p.append(
                f'<tr><td>{_esc(s["label"])}</td><td class="n">{integer(s["wins"])}</td>'
                f"<td>{_share_bar_svg(s['share'])} {s['share']:.0%}</td><td>{_spark_svg(s['segments'], top)}</td>"
                f'<td class="{css[s["trend"]]}">{_esc(trend_mark(s["trend"]))}</td></tr>'
            )
        p.append("</tbody></table>")
    else:
        p.append(f'<p class="muted">{_esc(_("No wins in this period."))}</p>')
    p.append("</section>")

    n = data["notable"]
    ea = n["escalations_avoided"]
    p.append(f'<section id="notable"><h2>{_esc(_("Notable wins"))}</h2>')
    p.append(f"<h3>{_esc(_('Longest'))}</h3>" + _win_items(n["longest"]))
    p.append(f"<h3>{_esc(_('Hardest'))}</h3>" + _win_items(n["hardest"]))
    avoided = ngettext(
        "{count} second-line problem solved without escalating (escalated: {escalated}).",
        "{count} second-line problems solved without escalating (escalated: {escalated}).",
        ea["count"],
        count=integer(ea["count"]),
        escalated=integer(ea["escalated"]),
    )
    p.append(
        f"<h3>{_esc(_('Escalations avoided'))}</h3><p>{_esc(avoided)}</p>"
        + _win_items(ea["examples"])
    )
    p.append("</section>")

    p.append(f'<section id="kudos"><h2>{_esc(_("Kudos"))}</h2>')
    if data["kudos"]:
        for k in data["kudos"]:
            who = _esc(k["from"] if k["from"] else _("an end user"))
            p.append(
                f"<blockquote><div>{_esc(k['note'])}</div><footer>— {who}, {_esc(k['day'])}</footer></blockquote>"
            )
    else:
        p.append(f'<p class="muted">{_esc(_("No kudos recorded in this period."))}</p>')
    p.append("</section>")

    lp = data["learning"]
    kinds = ", ".join(learning_count(k, n_) for k, n_ in lp["by_kind"].items())
    entries = ngettext(
        "{n} entry, {hours} hours ({kinds}).",
        "{n} entries, {hours} hours ({kinds}).",
        lp["entries"],
        hours=number(lp["hours"]),
        kinds=kinds or _("none"),
    )
    p.append(
        f'<section id="learning"><h2>{_esc(_("Learning & certifications"))}</h2><p>{_esc(entries)}</p>'
    )
    if lp["certifications"]:
        p.append(f'<h3>{_esc(_("Certifications"))}</h3><ul class="wins">')
        p += [
            f'<li><span class="day">{_esc(c["day"])}</span><strong>{_esc(c["title"])}</strong></li>'
            for c in lp["certifications"]
        ]
        p.append("</ul>")
    if lp["recent"]:
        p.append(f'<h3>{_esc(_("Recent learning"))}</h3><ul class="wins">')
        p += [
            f'<li><span class="day">{_esc(x["day"])}</span>{_esc(x["title"])} <span class="why">({_esc(learning_kind(x["kind"]))})</span></li>'
            for x in lp["recent"]
        ]
        p.append("</ul>")
    p.append("</section>")

    net = data["network"]
    kinds = ", ".join(_esc(contact_count(k, n_)) for k, n_ in net["new_by_kind"].items())
    p.append(
        f'<section id="network"><h2>{_esc(_("Network growth"))}</h2><p>{_esc(new_contacts(net["new_contacts"]))}'
        + (f" ({kinds})" if kinds else "")
        + _esc(_("; {n} in total.", n=net["contacts_total"]))
        + "</p>"
    )
    if net["events"]:
        event_heads = (_("Date"), _("Event"), _("Kind"), _("People met"))
        p.append(
            "<table><thead><tr>"
            + "".join(f"<th>{_esc(h)}</th>" for h in event_heads)
            + "</tr></thead><tbody>"
        )
        p += [
            f'<tr><td>{_esc(ev["date"])}</td><td>{_esc(ev["name"])}</td><td>{_esc(event_kind(ev["kind"]))}</td><td class="n">{ev["met"]}</td></tr>'
            for ev in net["events"]
        ]
        p.append("</tbody></table>")
    else:
        p.append(f'<p class="muted">{_esc(_("No events recorded in this period."))}</p>')
    if net.get("picture"):
        # Our own SVG (network.picture): names escaped there, no scripts, no external refs.
        caption = _(
            "Your network today: coloured by specialty, bigger for people who helped you more "
            "often; dashed ties are fading."
        )
        p.append(
            f'<figure class="net">{net["picture"]}<figcaption>{_esc(caption)}</figcaption></figure>'
        )
    p.append("</section>")

    p.append(f'<section id="career"><h2>{_esc(_("Career direction"))}</h2>')
    p += [f"<p>{line}</p>" for line in career_lines(data["career"], _esc)]
    p.append("</section>")
    p.append(
        f'<footer class="gen">{_esc(_("Generated by growthdesk on {day}.", day=data["generated"][:10]))}</footer>'
    )
    p.append("</body></html>")
    return "\n".join(p) + "\n"
