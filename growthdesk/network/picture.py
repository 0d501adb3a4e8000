"""A picture of the network: you, your contacts and their links, coloured by specialty, sized
by how often each person helped you, with fading ties dashed.

Two ways to draw it, from the same :class:`Picture`: Graphviz (``neato``, else ``dot``, run as
a subprocess) when it is on the PATH, and otherwise our own layout, pure Python and
deterministic: you in the centre, direct contacts on a ring at a distance that grows as the tie
weakens, grouped by specialty, and people you know only through others on the outer ring next
to whoever introduces them. Our SVG is self-contained: every name escaped, no scripts, no
external references, so it can be inlined in the HTML review and shared. No networkx here.
"""

from __future__ import annotations

import html
import math
import re
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from growthdesk.core.errors import GrowthdeskError, InputError
from growthdesk.core.i18n import _, language
from growthdesk.core.records import Contact, Interaction, Link, Win
from growthdesk.core.text import printable

__all__ = [
    "PICTURE_FORMATS",
    "GraphvizError",
    "Picture",
    "PictureNode",
    "PictureEdge",
    "build_picture",
    "layout",
    "render_svg",
    "render_page",
    "to_dot",
    "graphviz_program",
    "draw",
]

PICTURE_FORMATS: tuple[str, ...] = ("svg", "png", "html")
ME = "me"
# Colour-blind-friendly palette (Okabe-Ito, then Tableau); areas past it share grey.
_PALETTE = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
    "#f0e442", "#4e79a7", "#b07aa1", "#9c755f", "#76b7b2", "#59a14f",
)  # fmt: skip
_OTHER = "#9aa5b1"
_ME_COLOUR = "#1f2933"
_GRAPHVIZ_TIMEOUT = 60


class GraphvizError(GrowthdeskError):
    """Graphviz is needed (PNG) but missing, or it failed on our input."""


@dataclass(frozen=True)
class PictureNode:
    id: int
    name: str
    area: str | None  # the contact's strongest specialty (skill id), None if none
    helped: int  # wins they helped with
    strength: int | None  # direct tie 1-5; None: known only through others
    stale: bool  # a direct tie that is overdue for a chat (network stale)
    kind: str


@dataclass(frozen=True)
class PictureEdge:
    a: int | str  # ME or a contact id
    b: int
    strength: int
    dashed: bool


@dataclass(frozen=True)
class Picture:
    nodes: list[PictureNode]
    edges: list[PictureEdge]
    colours: dict[str, str]  # area -> colour, most common area first
    labels: dict[str, str]  # area -> label, for the legend
    skill: str | None = None
    me: str = field(default_factory=lambda: _("you"))


def build_picture(
    contacts: Sequence[Contact],
    links: Sequence[Link],
    wins: Sequence[Win],
    interactions: Sequence[Interaction],
    today: date,
    *,
    skill: str | None = None,
    labels: Mapping[str, str] | None = None,
    history: Mapping[int, Mapping[str, Any]] | None = None,
) -> Picture:
    """The people and ties to draw; with *skill*, only contacts with that specialty or who
    helped on it (and the links between them). *history*: the help history of *wins*
    (network.graph._help_history) when known, e.g. from the month summaries (network.help_part);
    *wins* is then not read."""
    from growthdesk.network.graph import _help_history, stale_contacts

    if history is None:
        history = _help_history(wins)
    stale = {r["id"] for r in stale_contacts(contacts, interactions, today)}
    nodes: list[PictureNode] = []
    for c in sorted(contacts, key=lambda c: int(c["id"])):
        cid = int(c["id"])
        specs = dict(c.get("specialties") or {})
        helped = history.get(cid, {}).get("helped_skills", {})
        if skill is not None and skill not in specs and skill not in helped:
            continue
        ranked = sorted(specs.items(), key=lambda kv: (-int(kv[1]), kv[0])) or sorted(
            helped.items(), key=lambda kv: (-int(kv[1]), kv[0])
        )
        strength = c.get("strength")
        nodes.append(
            PictureNode(
                id=cid,
                name=printable(str(c.get("name") or f"#{cid}")),
                area=skill if skill is not None else (ranked[0][0] if ranked else None),
                helped=int(history.get(cid, {}).get("helped", 0)),
                strength=int(strength) if strength else None,
                stale=cid in stale,
                kind=str(c.get("kind") or "colleague"),
            )
        )
    shown = {n.id for n in nodes}
    edges = [PictureEdge(ME, n.id, n.strength, n.stale) for n in nodes if n.strength is not None]
    seen: set[tuple[int, int]] = set()
    for link in links:
        a, b = sorted((int(link["a"]), int(link["b"])))
        if a == b or a not in shown or b not in shown or (a, b) in seen:
            continue
        seen.add((a, b))
        edges.append(PictureEdge(a, b, int(link.get("strength") or 3), False))
    counts = Counter(n.area for n in nodes if n.area)
    areas = sorted(counts, key=lambda a: (-counts[a], a))
    colours = {a: _PALETTE[i] if i < len(_PALETTE) else _OTHER for i, a in enumerate(areas)}
    names = dict(labels or {})
    return Picture(nodes, edges, colours, {a: names.get(a, a) for a in areas}, skill)


# ---- our own layout ------------------------------------------------------------------------

_RING = {5: 150.0, 4: 200.0, 3: 250.0, 2: 300.0, 1: 350.0}
_OUTER = 420.0


def _radius(node: PictureNode) -> float:
    """Circle size: sqrt of how often they helped, so area grows with it."""
    return min(24.0, 6.0 + 3.0 * math.sqrt(node.helped))


def _scale(picture: Picture) -> float:
    """How much to widen the rings so that neighbours on one ring do not overlap (about 22 px
    of arc each): 1 up to ~40 direct contacts."""
    direct = sum(1 for n in picture.nodes if n.strength is not None)
    others = len(picture.nodes) - direct
    arc = 22.0 / (2 * math.pi)
    return max(1.0, direct * arc / _RING[5], others * arc / _OUTER)


def layout(picture: Picture) -> dict[int, tuple[float, float]]:
    """Contact id -> (x, y) around you at (0, 0). Same picture, same positions."""
    order = list(picture.colours)
    scale = _scale(picture)
    direct = [n for n in picture.nodes if n.strength is not None]
    direct.sort(key=lambda n: (order.index(n.area) if n.area in order else len(order), n.name))
    pos: dict[int, tuple[float, float]] = {}
    angle: dict[int, float] = {}
    for i, n in enumerate(direct):
        a = -math.pi / 2 + 2 * math.pi * i / max(1, len(direct))
        angle[n.id] = a
        r = _RING.get(n.strength or 3, 250.0) * scale
        pos[n.id] = (r * math.cos(a), r * math.sin(a))
    # Known only through others: next to the people who introduce them, spread apart.
    near: dict[int, list[float]] = {}
    for e in picture.edges:
        if isinstance(e.a, int):
            for x, y in ((e.a, e.b), (e.b, e.a)):
                if y in angle:
                    near.setdefault(x, []).append(angle[y])
    others = [n for n in picture.nodes if n.strength is None]
    wanted: list[tuple[float, int]] = []
    for i, n in enumerate(others):
        if near.get(n.id):
            a = math.atan2(
                sum(math.sin(t) for t in near[n.id]), sum(math.cos(t) for t in near[n.id])
            )
        else:
            a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(1, len(others))
        wanted.append((a % (2 * math.pi), n.id))
    wanted.sort()
    gap = min(2 * math.pi / max(1, len(wanted)), 0.22)
    last = -math.inf
    for a, nid in wanted:
        a = max(a, last + gap)
        last = a
        pos[nid] = (_OUTER * scale * math.cos(a), _OUTER * scale * math.sin(a))
    return pos


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _tooltip(n: PictureNode, picture: Picture) -> str:
    parts = [n.name, n.kind]
    if n.area:
        parts.append(picture.labels.get(n.area, n.area))
    parts.append(_("helped {n}×", n=n.helped))
    parts.append(_("tie {s}/5", s=n.strength) if n.strength else _("via others"))
    if n.stale:
        parts.append(_("losing touch"))
    return " · ".join(parts)


def _text(x: float, y: float, body: str, *, size: int = 11, colour: str = "#1f2933",
          anchor: str = "start", bold: bool = False) -> str:  # fmt: skip
    # Inline style, not presentation attributes: a page's CSS (the review's `svg text` rule)
    # would override those once the picture is inlined.
    weight = ";font-weight:bold" if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" style="font:{size}px Helvetica,Arial,sans-serif;'
        f'fill:{colour};text-anchor:{anchor}{weight}">{_esc(body)}</text>'
    )


_LEGEND_ROWS = 7  # per column
_LEGEND_COL = 250.0


def render_svg(picture: Picture) -> str:
    """Our own drawing: one self-contained <svg> element (no XML prolog, so it can be inlined)."""
    pos = layout(picture)
    by_id = {n.id: n for n in picture.nodes}
    xs = [0.0, *(x for x, _y in pos.values())]
    ys = [0.0, *(y for _x, y in pos.values())]
    # Room for the labels beside the circles (about 6.5 px a character at 11 px).
    longest = max((len(n.name) for n in picture.nodes), default=4)
    side = 34.0 + 6.5 * min(longest, 32)
    left, right = min(xs) - side, max(xs) + side
    top, bottom = min(ys) - 40.0, max(ys) + 30.0
    rows = _legend_rows(picture)
    columns = max(1, -(-len(rows) // _LEGEND_ROWS))
    width = max(right - left, columns * _LEGEND_COL + 20)
    legend_h = 40.0 + 18.0 * min(len(rows), _LEGEND_ROWS) + 40.0
    height = bottom - top + legend_h
    title = _esc(_("Your network"))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-label="{title}">',
        f"<title>{title}</title>",
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'fill="#ffffff"/>',
    ]
    scale = _scale(picture)
    for r in sorted(r * scale for r in set(_RING.values())):
        out.append(f'<circle cx="0" cy="0" r="{r:.0f}" fill="none" stroke="#f0f2f4"/>')
    # Many links between contacts would hide everything else: fainter the more there are.
    links = sum(1 for e in picture.edges if e.a != ME)
    faint = "" if links <= 60 else f' stroke-opacity="{max(0.15, 60 / links):.2f}"'
    for e in picture.edges:
        x1, y1 = (0.0, 0.0) if e.a == ME else pos[int(e.a)]
        x2, y2 = pos[e.b]
        dash = ' stroke-dasharray="6 5"' if e.dashed else ""
        paint = 'stroke="#7b8794"' if e.a == ME else f'stroke="#bcccdc"{faint}'
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {paint} '
            f'stroke-width="{0.5 + 0.5 * e.strength:.1f}"{dash}/>'
        )
    out.append(f'<circle cx="0" cy="0" r="20" fill="{_ME_COLOUR}"/>')
    out.append(_text(0, 4, picture.me, size=12, colour="#ffffff", anchor="middle"))
    places = _label_places(pos, by_id)
    for nid, (x, y) in pos.items():
        n = by_id[nid]
        r = _radius(n)
        fill = picture.colours.get(n.area or "", _OTHER)
        ring = ' stroke="#c2410c" stroke-dasharray="3 2"' if n.stale else ' stroke="#ffffff"'
        lx, ly, anchor = places[nid]
        out.append(
            f"<g><title>{_esc(_tooltip(n, picture))}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}"{ring} '
            'stroke-width="1.5"/>' + _text(lx, ly, n.name, anchor=anchor) + "</g>"
        )
    out += _legend(picture, rows, left + 16, bottom + 24)
    out.append("</svg>")
    return "\n".join(out) + "\n"


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_places(
    pos: Mapping[int, tuple[float, float]], nodes: Mapping[int, PictureNode]
) -> dict[int, tuple[float, float, str]]:
    """Where each name goes: outward beside its circle, else the other side, above or below,
    whichever first clears every circle and the names placed before it (biggest circles
    first); if none does, outward. Estimated widths (6.3 px a character at 11 px)."""
    circles = [(x - _radius(n) - 1, y - _radius(n) - 1, x + _radius(n) + 1, y + _radius(n) + 1)
               for n, (x, y) in ((nodes[i], p) for i, p in pos.items())]  # fmt: skip
    circles.append((-21.0, -21.0, 21.0, 21.0))  # you
    placed: list[Box] = []
    out: dict[int, tuple[float, float, str]] = {}
    for nid in sorted(pos, key=lambda i: (-nodes[i].helped, i)):
        x, y = pos[nid]
        r, w = _radius(nodes[nid]), 6.3 * len(nodes[nid].name)
        right = ((x + r + 4, y - 8, x + r + 4 + w, y + 5), (x + r + 4, y + 4, "start"))
        left = ((x - r - 4 - w, y - 8, x - r - 4, y + 5), (x - r - 4, y + 4, "end"))
        above = ((x - w / 2, y - r - 17, x + w / 2, y - r - 4), (x, y - r - 6, "middle"))
        below = ((x - w / 2, y + r + 3, x + w / 2, y + r + 16), (x, y + r + 13, "middle"))
        options = [right, left, above, below] if x >= 0 else [left, right, above, below]
        own = circles[list(pos).index(nid)]
        others = [c for c in circles if c is not own]
        box, place = next(
            (o for o in options if not any(_overlaps(o[0], c) for c in [*others, *placed])),
            options[0],
        )
        placed.append(box)
        out[nid] = place
    return out


def _legend_rows(picture: Picture) -> list[tuple[str, str]]:
    """(colour, label): one row per coloured area, one for all the grey ones."""
    rows = [(c, picture.labels[a]) for a, c in picture.colours.items() if c != _OTHER]
    if any(c == _OTHER for c in picture.colours.values()) or any(
        n.area is None for n in picture.nodes
    ):
        rows.append((_OTHER, _("other or none")))
    return rows


def _legend(picture: Picture, rows: list[tuple[str, str]], x: float, y: float) -> list[str]:
    out = [_text(x, y, _("Specialty"), size=13, bold=True)]
    for i, (colour, label) in enumerate(rows):
        cx = x + _LEGEND_COL * (i // _LEGEND_ROWS)
        cy = y + 18 * (i % _LEGEND_ROWS + 1)
        out.append(f'<circle cx="{cx + 6:.0f}" cy="{cy - 4:.0f}" r="6" fill="{colour}"/>')
        out.append(_text(cx + 18, cy, label))
    note = " ".join(
        [
            _("Closer to you: a stronger tie."),
            _("Bigger: helped you more often."),
            _("Dashed: a tie you are losing touch with."),
        ]
    )
    out.append(_text(x, y + 18 * (min(len(rows), _LEGEND_ROWS) + 1) + 10, note, colour="#616e7c"))
    return out


def render_page(svg: str) -> str:
    """The picture as one self-contained HTML page (inline SVG, no scripts, no URLs)."""
    title = _esc(_("Your network"))
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:Helvetica,Arial,sans-serif;"
        "margin:1.5rem;color:#1f2933}svg{max-width:100%;height:auto}</style></head>"
        f"<body><h1>{title}</h1>\n{svg}</body></html>\n"
    )


# ---- Graphviz ------------------------------------------------------------------------------


def _dot_quote(value: Any) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def to_dot(picture: Picture) -> str:
    """The picture in Graphviz DOT, with the same colours, sizes and dashes as our SVG."""
    lines = [
        "graph network {",
        '  graph [overlap=false, splines=true, forcelabels=true, bgcolor="white"];',
        '  node [shape=circle, style=filled, fixedsize=true, label="", fontname="Helvetica",'
        " fontsize=10];",
        f'  "me" [width=0.55, fillcolor="{_ME_COLOUR}", fontcolor="white", '
        f"label={_dot_quote(picture.me)}];",
    ]
    for n in picture.nodes:
        attrs = {
            "width": f"{2 * _radius(n) / 72:.2f}",
            "fillcolor": picture.colours.get(n.area or "", _OTHER),
            "color": "#c2410c" if n.stale else "white",
            "xlabel": n.name,
            "tooltip": _tooltip(n, picture),
        }
        body = ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items())
        lines.append(f'  "c{n.id}" [{body}];')
    for e in picture.edges:
        a = "me" if e.a == ME else f"c{e.a}"
        style = ', style="dashed"' if e.dashed else ""
        length = f", len={1 + (5 - e.strength) * 0.35:.2f}" if e.a == ME else ""
        lines.append(f'  "{a}" -- "c{e.b}" [penwidth={0.5 + 0.5 * e.strength:.1f}{style}{length}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def graphviz_program() -> str | None:
    """neato (a spring layout, the better fit for a network), else dot, if on the PATH."""
    return shutil.which("neato") or shutil.which("dot")


_SVG_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S)


def _run_graphviz(program: str, dot: str, fmt: str) -> bytes:
    import subprocess

    try:
        done = subprocess.run(
            [program, f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=_GRAPHVIZ_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GraphvizError(
            _("Graphviz ({program}) failed: {why}", program=program, why=exc)
        ) from None
    if done.returncode != 0 or not done.stdout:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizError(
            _(
                "Graphviz ({program}) failed: {why}",
                program=program,
                why=printable(why[0] if why else f"exit {done.returncode}"),
            )
        )
    return done.stdout


def draw(picture: Picture, fmt: str, *, graphviz: bool = True) -> tuple[bytes, str | None]:
    """The picture as *fmt* (svg, png, html) and the Graphviz program that drew it (None: our
    own layout). PNG needs Graphviz; SVG and HTML fall back to our own drawing."""
    if fmt not in PICTURE_FORMATS:
        raise InputError(
            _(
                "unknown picture format '{fmt}' (choose from {allowed})",
                fmt=fmt,
                allowed=", ".join(PICTURE_FORMATS),
            )
        )
    program = graphviz_program() if graphviz else None
    if fmt == "png":
        if program is None:
            raise GraphvizError(
                _(
                    "a PNG needs Graphviz (`dot` or `neato` on the PATH), which is not installed; "
                    "install graphviz, or use --format svg or html"
                )
            )
        return _run_graphviz(program, to_dot(picture), "png"), program
    if program is not None:
        raw = _run_graphviz(program, to_dot(picture), "svg").decode("utf-8", "replace")
        svg = _SVG_PROLOG.sub("", raw).strip() + "\n"  # no DTD reference, no comments
    else:
        svg = render_svg(picture)
    text = render_page(svg) if fmt == "html" else svg
    return text.encode("utf-8"), program
