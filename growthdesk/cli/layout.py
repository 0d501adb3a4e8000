"""The width of the screen, once: every listing fits it, 80 columns unless COLUMNS says more.

:func:`table` aligns columns and gives the rest of the line to one flexible column (the text of
a win, a title), cut with "…"; :func:`wrap` wraps prose (reasons, advice) to the same width.
Piped output is 80 columns (or COLUMNS), so what tests and scripts see does not depend on the
terminal the tests happen to run in.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import textwrap
from collections.abc import Callable, Collection, Mapping, Sequence

__all__ = [
    "width",
    "table",
    "wrap",
    "wrap_markdown",
    "on_screen",
    "join_fit",
    "fit",
    "cells",
    "MIN_WIDTH",
    "DEFAULT_WIDTH",
]

DEFAULT_WIDTH = 80
MIN_WIDTH = 40  # narrower than this nothing is readable; lay out for 40 and let it wrap
MAX_WIDTH = 200  # a very wide terminal: lines this long are hard to read anyway


def width() -> int:
    """COLUMNS if set, else the terminal's width (on a terminal), else 80; within 40..200."""
    raw = os.environ.get("COLUMNS", "")
    if raw.strip().isdigit():
        columns = int(raw)
    else:
        columns = DEFAULT_WIDTH
        if getattr(sys.stdout, "isatty", lambda: False)():
            with contextlib.suppress(OSError, ValueError):
                columns = os.get_terminal_size(sys.stdout.fileno()).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def cells(text: str) -> int:
    """Terminal columns of *text*: East Asian wide characters and most emoji take two,
    combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def on_screen() -> bool:
    """Output meant for a screen: a terminal, or COLUMNS naming the width. A document piped
    into a file (`growthdesk review > review.md`) is then left exactly as written."""
    return os.environ.get("COLUMNS", "").strip().isdigit() or bool(
        getattr(sys.stdout, "isatty", lambda: False)()
    )


def fit(text: str, room: int) -> str:
    """*text* on one line in at most *room* columns, cut with "…"; control characters are
    shown as escapes first (as echo would), so they count at the width they print."""
    from growthdesk.core.text import printable

    text = printable(" ".join(text.split()))
    if cells(text) <= room:
        return text
    if text.isascii():
        return text[: max(room - 1, 0)] + "…"
    out, used = [], 0
    for c in text:
        used += cells(c)
        if used > room - 1:
            break
        out.append(c)
    return "".join(out) + "…"


def _pad(text: str, room: int, right: bool) -> str:
    fill = " " * max(room - cells(text), 0)
    return fill + text if right else text + fill


def table(
    rows: Sequence[Sequence[str]],
    *,
    flex: int = -1,
    right: Collection[int] = (),
    caps: Mapping[int, int] | None = None,
    paint: Mapping[int, Callable[[str], str]] | None = None,
    gap: int = 2,
    indent: str = "",
    total: int | None = None,
    flex_min: int = 8,
    squeeze: Sequence[int] = (),
) -> list[str]:
    """*rows* of plain cells as aligned lines no wider than *total* (default :func:`width`).

    Every column is as wide as its widest cell, at most *caps[i]* (longer cells are cut);
    column *flex* gets what is left of the line. *right* columns are right-aligned. *paint*
    colours a cell after it is cut and padded, so colour codes never count as width. When the
    flexible column would get less than *flex_min*, the *squeeze* columns give way first
    (down to 10 columns each).
    """
    if not rows:
        return []
    total = width() if total is None else total
    n = max(len(r) for r in rows)
    flex = flex % n
    caps = caps or {}
    paint = paint or {}
    widths = [0] * n
    for r in rows:
        for i, cell in enumerate(r):
            widths[i] = max(widths[i], cells(fit(cell, MAX_WIDTH)))
    for i, cap in caps.items():
        widths[i % n] = min(widths[i % n], cap)
    shown = [i for i in range(n) if widths[i] or i == flex]  # a column empty in every row: gone
    used = sum(widths[i] for i in shown if i != flex) + gap * (len(shown) - 1) + len(indent)
    for i in squeeze:
        short = min(widths[flex], flex_min) - (total - used)
        if short > 0:
            give = min(short, max(0, widths[i % n] - 10))
            widths[i % n] -= give
            used -= give
    widths[flex] = max(8, min(widths[flex], total - used))
    lines = []
    for r in rows:
        line = []
        for i in shown:
            cell = fit(r[i], widths[i]) if i < len(r) else ""
            padded = _pad(cell, widths[i], i in right)
            line.append(paint[i](padded) if i in paint and cell else padded)
        lines.append((indent + (" " * gap).join(line)).rstrip())
    return lines


def wrap(
    text: str, *, indent: str = "", hang: str | None = None, total: int | None = None
) -> list[str]:
    """*text* wrapped to the screen; *hang* indents the lines after the first (default *indent*)."""
    total = width() if total is None else total
    return textwrap.wrap(
        text,
        total,
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def join_fit(
    parts: Sequence[tuple[str, Callable[[str], str] | None]],
    *,
    sep: str = " · ",
    prefix: str = "",
    total: int | None = None,
    flex: int | None = None,
) -> str:
    """Plain *parts* joined by *sep* after *prefix*, cut with "…" to the screen; each part is
    painted (its callable) after the cut, so colour codes never count as width. With *flex*,
    that part is cut first (the ones after it stay whole); else the line is cut at its end."""
    room = (width() if total is None else total) - cells(prefix)
    texts = [fit(text, MAX_WIDTH * 10) for text, _paint in parts]
    if flex is not None and flex < len(texts):
        excess = sum(map(cells, texts)) + cells(sep) * (len(texts) - 1) - room
        if excess > 0:
            keep = cells(texts[flex]) - excess
            if keep >= 8:
                texts[flex] = fit(texts[flex], keep)
            else:  # too little left to read: leave it out
                del texts[flex]
                parts = [p for i, p in enumerate(parts) if i != flex]
    out: list[str] = []
    for n, (text, (_text, paint)) in enumerate(zip(texts, parts, strict=True)):
        glue = sep if n else ""
        if room <= len(glue):
            break
        cell = fit(text, room - len(glue))
        out.append(glue + (paint(cell) if paint else cell))
        room -= len(glue) + cells(cell)
        if cell != text:  # it was cut: nothing more fits
            break
    return prefix + "".join(out)


_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*>\s?|\s+)")


def wrap_markdown(text: str, *, total: int | None = None) -> str:
    """Markdown for the screen: paragraphs and list items wrapped (a soft line break renders
    the same), table rows narrowed by cutting their longest cell, headings cut; code blocks left alone."""
    total = width() if total is None else total
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or len(line) <= total or line.lstrip().startswith("```"):
            out.append(line)
        elif line.startswith("#"):  # a heading is one line: cut
            out.append(fit(line, total))
        elif line.lstrip().startswith("|"):
            out.append(_narrow_row(line, total))
        else:
            lead = _LIST_ITEM.match(line)
            first = lead.group(0) if lead else ""
            hang = first if first.strip() in ("", ">") else " " * len(first)
            hard = "  " if line.endswith("  ") else ""  # a Markdown hard line break stays
            body = line[len(first) :]
            lines = wrap(body, indent=first, hang=hang, total=total)
            lines[-1] += hard
            out.extend(lines)
    return "\n".join(out)


def _narrow_row(line: str, total: int) -> str:
    parts = line.strip().strip("|").split("|")
    excess = len(line) - total
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    text = parts[longest].strip()
    parts[longest] = " " + fit(text, max(len(text) - excess, 3)) + " "
    return "|" + "|".join(parts) + "|"
