"""Output helpers written once for every command: JSON on stdout, messages on stderr, colour
only on a terminal, and the small text formatters (percent, cut, bar) and the default-to-add group.

Everything a command prints goes through :func:`echo` (or :func:`emit_json`), which makes it
safe for a terminal: a control character in the data (an ESC in a contact name, a BEL in a
note) is printed as a visible escape (``core.text.printable``), while the colours that
:func:`style` adds still work. style() marks its own escape codes with a token made fresh for
each process, which data cannot contain, and echo() restores only those.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import click

from growthdesk.core.i18n import _
from growthdesk.core.text import printable

__all__ = [
    "echo",
    "emit_json",
    "info",
    "warn",
    "style",
    "paint",
    "use_color",
    "interactive",
    "percent",
    "cut",
    "bar",
    "DefaultToAdd",
]


def interactive() -> bool:
    """A person at a terminal who can answer a question."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


_ESC = "\x1b"
_MARK = f"\x00{os.urandom(8).hex()}\x00"  # stands for ESC in style()'s own codes until echo()
# JSON escapes C0 controls itself; DEL and C1 (a terminal may read U+009B as CSI) it leaves raw.
_JSON_RAW = re.compile("[\x7f-\x9f]")


def paint(text: str, **kwargs: Any) -> str:
    """click.style for :func:`echo`: the data in *text* is neutralised, the colour codes kept."""
    return click.style(printable(text), **kwargs).replace(_ESC, _MARK)


def style(text: str, **kwargs: Any) -> str:
    """:func:`paint`, but plain text when colour is off (NO_COLOR or not a terminal)."""
    return paint(text, **kwargs) if use_color() else text


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo of *message* made safe for a terminal (see the module docstring)."""
    safe = _ESC.join(printable(part) for part in message.split(_MARK))
    click.echo(safe, err=err, nl=nl)


def emit_json(data: Any) -> None:
    import orjson

    text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    # Inside JSON strings only (the structure is ASCII): the same value, nothing for a terminal.
    click.echo(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def info(message: str) -> None:
    echo(message, err=True)


def warn(message: str) -> None:
    echo(_("Warning: {message}", message=message), err=True)


def percent(value: float | None, *, small: bool = False) -> str:
    """'42%', or '-' for no value; '2,9%' in Dutch (core/numbers.py)."""
    from growthdesk.core import numbers

    return numbers.percent(value, small=small)


def cut(text: str, width: int, unicode_ok: bool = True, *, pad: bool = True) -> str:
    """*text* on one line in at most *width* columns, cut with an ellipsis; with *pad*, padded
    to exactly *width*."""
    from growthdesk.cli.layout import cells, fit

    if unicode_ok:
        text = fit(text, width)  # the one cutter: wide characters count double
    else:
        text = " ".join(text.split())
        text = text if len(text) <= width else text[: width - 3] + "..."
    return text + " " * max(width - cells(text), 0) if pad else text


def bar(fraction: float, width: int, *, unicode_ok: bool = True, track: str = "") -> str:
    """*fraction* (0 to 1) of *width* cells.

    Without a *track*: a chart bar in eighths of a cell, a sliver at least for any value above
    zero ('#' without Unicode). With one (e.g. '·'): a gauge in whole cells, filled up to
    *width* with the track character.
    """
    cells = max(0.0, min(1.0, fraction)) * width
    if track:
        full = round(cells)
        return "█" * full + track * (width - full)
    if cells <= 0:
        return ""
    full = int(cells)
    if not unicode_ok:
        return "#" * max(full, 1)
    part = " ▏▎▍▌▋▊▉"[int((cells - full) * 8)].strip()
    return ("█" * full + part) or "▏"


class DefaultToAdd(click.Group):
    """`growthdesk GROUP TEXT …` means `growthdesk GROUP add TEXT …`; subcommands still win."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["add", *args]
        return super().parse_args(ctx, args)
