"""How-to drafts as a document to paste into a knowledge base: Markdown or one HTML page.

Both come from the same blocks, so they say the same. Every piece of the agent's text in the
HTML goes through html.escape (a win titled "<script>" is shown, never run). The headings are in
the document's language (en or nl), chosen by the agent.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from growthdesk.assist.howto import Draft
from growthdesk.skills.labels import skill_label

__all__ = ["blocks", "markdown", "to_html"]

_WORDS = {
    "en": {
        "doc": "How-to drafts from your repeat problems",
        "title": "How to: {title}",
        "meta": "{area} · {count}× between {first} and {last}",
        "usual": "usually solved in {minutes} min",
        "reported": "How users reported it",
        "steps": "Steps that usually solve it",
        "of": "in {n} of {m} logged solutions",
        "variants": "Other things that helped",
        "times": "{n}×",
        "none": "No solution logged for these wins yet. Add the steps you took with "
        '`growthdesk wins edit {id} --solution "…"` and this draft fills itself in.',
        "source": "Built from your own logged solutions of wins {ids}.",
        "unsolved": "{n} of these wins have no solution logged yet (for example #{id}).",
        "empty": "No repeat problems in this period: nothing needs a how-to yet.",
    },
    "nl": {
        "doc": "Concept-handleidingen voor terugkerende problemen",
        "title": "Zo los je het op: {title}",
        "meta": "{area} · {count}× tussen {first} en {last}",
        "usual": "meestal opgelost in {minutes} min",
        "reported": "Hoe gebruikers het meldden",
        "steps": "Stappen die het meestal oplossen",
        "of": "in {n} van {m} vastgelegde oplossingen",
        "variants": "Wat verder hielp",
        "times": "{n}×",
        "none": "Voor deze wins is nog geen oplossing vastgelegd. Leg de stappen vast met "
        '`growthdesk wins edit {id} --solution "…"`, dan vult dit concept zich vanzelf.',
        "source": "Gemaakt van je eigen vastgelegde oplossingen van wins {ids}.",
        "unsolved": "{n} van deze wins hebben nog geen vastgelegde oplossing (bijvoorbeeld #{id}).",
        "empty": "Geen terugkerende problemen in deze periode: er is nog geen handleiding nodig.",
    },
}

Block = tuple[str, object]  # ("h1"|"h2"|"h3"|"p"|"meta"|"ul"|"ol", text or list of texts)


def _ids(ids: Sequence[int], limit: int = 8) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:limit])
    return shown + (" …" if len(ids) > limit else "")


def blocks(drafts: Sequence[Draft], lang: str = "en") -> list[Block]:
    """The document as blocks, in *lang*."""
    w = _WORDS.get(lang, _WORDS["en"])
    out: list[Block] = [("h1", w["doc"])]
    if not drafts:
        out.append(("p", w["empty"]))
    for d in drafts:
        out.append(("h2", w["title"].format(title=d.title)))
        meta = w["meta"].format(
            area=skill_label(d.skill, lang), count=d.count, first=d.first, last=d.last
        )
        if d.median_minutes is not None:
            minutes = f"{d.median_minutes:g}"
            meta += " · " + w["usual"].format(
                minutes=minutes.replace(".", ",") if lang == "nl" else minutes
            )
        out.append(("meta", meta))
        out.append(("h3", w["reported"]))
        out.append(("ul", [f"{t} ({w['times'].format(n=n)})" for t, n in d.examples]))
        if not d.steps:
            out.append(("p", w["none"].format(id=(d.unsolved or d.ids)[0])))
            continue
        out.append(("h3", w["steps"]))
        out.append(
            ("ol", [f"{s.text} — {w['of'].format(n=s.count, m=d.solutions)}" for s in d.steps])
        )
        if d.variants:
            out.append(("h3", w["variants"]))
            out.append(("ul", [f"{s.text} ({w['times'].format(n=s.count)})" for s in d.variants]))
        used = sorted({i for s in d.steps for i in s.ids})
        out.append(("meta", w["source"].format(ids=_ids(used))))
        if d.unsolved:
            out.append(("meta", w["unsolved"].format(n=len(d.unsolved), id=d.unsolved[0])))
    return out


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
    title = esc(_WORDS.get(lang, _WORDS["en"])["doc"])
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
