"""How-to drafts as a document to paste into a knowledge base: Markdown or one HTML page.

Both come from the same blocks, so they say the same. Every piece of the agent's text in the
HTML goes through html.escape (a win titled "<script>" is shown, never run). The headings are in
the document's language (en or nl), chosen by the agent: the catalogue's text in that language
(core.i18n.speaking), whatever the interface speaks.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from growthdesk.assist.howto import Draft
from growthdesk.core.dates import show_day
from growthdesk.core.i18n import _, ngettext, speaking
from growthdesk.core.numbers import decimal
from growthdesk.skills.labels import skill_label

__all__ = ["blocks", "markdown", "to_html"]

Block = tuple[str, object]  # ("h1"|"h2"|"h3"|"p"|"meta"|"ul"|"ol", text or list of texts)


def _ids(ids: Sequence[int], limit: int = 8) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:limit])
    return shown + (" …" if len(ids) > limit else "")


def blocks(drafts: Sequence[Draft], lang: str = "en") -> list[Block]:
    """The document as blocks, in *lang* (the document's language, not the interface's)."""
    with speaking(lang):
        return _blocks(drafts, lang)


def _blocks(drafts: Sequence[Draft], lang: str) -> list[Block]:
    out: list[Block] = [("h1", _title())]
    if not drafts:
        out.append(("p", _("No repeat problems in this period: nothing needs a how-to yet.")))
    for d in drafts:
        out.append(("h2", _("How to: {title}", title=d.title)))
        meta = _(
            "{area} · {count}× between {first} and {last}",
            area=skill_label(d.skill, lang),
            count=d.count,
            first=show_day(d.first),
            last=show_day(d.last),
        )
        if d.median_minutes is not None:
            m = d.median_minutes
            minutes = decimal(m, 1) if m % 1 else str(int(m))
            meta += " · " + _("usually solved in {minutes} min", minutes=minutes)
        out.append(("meta", meta))
        out.append(("h3", _("How users reported it")))
        out.append(("ul", [f"{t} ({n}×)" for t, n in d.examples]))
        if not d.steps:
            out.append(
                (
                    "p",
                    _(
                        "No solution logged for these wins yet. Add the steps you took with "
                        '`growthdesk wins edit {id} --solution "…"` and this draft fills itself '
                        "in.",
                        id=(d.unsolved or d.ids)[0],
                    ),
                )
            )
            continue
        out.append(("h3", _("Steps that usually solve it")))
        out.append(("ol", [f"{s.text} — {_of(s.count, d.solutions)}" for s in d.steps]))
        if d.variants:
            out.append(("h3", _("Other things that helped")))
            out.append(("ul", [f"{s.text} ({s.count}×)" for s in d.variants]))
        used = sorted({i for s in d.steps for i in s.ids})
        out.append(
            ("meta", _("Built from your own logged solutions of wins {ids}.", ids=_ids(used)))
        )
        if d.unsolved:
            out.append(
                (
                    "meta",
                    ngettext(
                        "{n} of these wins has no solution logged yet (for example #{id}).",
                        "{n} of these wins have no solution logged yet (for example #{id}).",
                        len(d.unsolved),
                        id=d.unsolved[0],
                    ),
                )
            )
    return out


def _title() -> str:
    return _("How-to drafts from your repeat problems")


def _of(k: int, n: int) -> str:
    return ngettext("in {k} of {n} logged solution", "in {k} of {n} logged solutions", n, k=k)


def markdown(drafts: Sequence[Draft], lang: str = "en") -> str:
    lines: list[str] = []
    for kind, value in blocks(drafts, lang):
        if kind in ("h1", "h2", "h3"):
            lines += ["#" * int(kind[1]) + " " + str(value), ""]
        elif kind == "meta":
            lines += [f"*{value}*", ""]
        elif kind == "p":
            lines += [str(value), ""]
        else:
            items = value if isinstance(value, list) else []
            lines += [f"{n}. {t}" if kind == "ol" else f"- {t}" for n, t in enumerate(items, 1)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = (
    "body{font:15px/1.55 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2933;"
    "max-width:820px;margin:2rem auto;padding:0 1.2rem}h2{margin-top:2.2rem;border-bottom:2px solid "
    "#e4ecfb;padding-bottom:.3rem}h3{color:#616e7c;font-size:1rem}.meta{color:#616e7c}"
)


def to_html(drafts: Sequence[Draft], lang: str = "en") -> str:
    esc = html.escape
    body: list[str] = []
    for kind, value in blocks(drafts, lang):
        if kind in ("h1", "h2", "h3"):
            body.append(f"<{kind}>{esc(str(value))}</{kind}>")
        elif kind in ("meta", "p"):
            cls = ' class="meta"' if kind == "meta" else ""
            body.append(f"<p{cls}>{esc(str(value))}</p>")
        else:
            items = value if isinstance(value, list) else []
            body.append(
                f"<{kind}>" + "".join(f"<li>{esc(str(i))}</li>" for i in items) + f"</{kind}>"
            )
    with speaking(lang):
        title = esc(_title())
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
