"""Output helpers written once for every command: JSON on stdout, messages on stderr, colour
only on a terminal, and the small text formatters (percent, cut, bar) and the default-to-add group.

Everything a command prints goes through :func:`echo` (or :func:`emit_json`), which makes it
safe for a terminal: a control character in the data (an ESC in a contact name, a BEL in a
note) is printed as a visible escape (``core.text.printable``), while the colours that
:func:`style` adds still work. style() marks its own escape codes with a token made fresh for
each process, which data cannot contain, and echo() restores only those.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import click

from growthdesk.core.i18n import _, pgettext
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
    "confirm",
    "percent",
    "cut",
    "bar",
    "skill_areas",
    "ListWhenBare",
    "DefaultToAdd",
    "paged",
    "pager_command",
    "no_pager_option",
    "PAGER_ENV",
]


def confirm(question: str, *, default: bool = False) -> bool:
    """click.confirm in the interface language: "[J/n]" and ja/nee in Dutch (y/n always work)."""
    yes, no = pgettext("answer", "y"), pgettext("answer", "n")
    hint = f"{yes.upper()}/{no}" if default else f"{yes}/{no.upper()}"
    words = {yes: True, no: False, "y": True, "yes": True, "n": False, "no": False}
    words.update({pgettext("answer", "yes"): True, pgettext("answer", "no"): False})

    def answer(value: str) -> bool:
        value = value.strip().lower()
        if not value:
            return default
        if value not in words:
            raise click.UsageError(_("invalid input"))
        return words[value]

    result: bool = click.prompt(
        f"{question} [{hint}]", default="", show_default=False, err=True, value_proc=answer
    )
    return result


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
    if _PAGE is not None and not err:
        _PAGE.append(safe + "\n" if nl else safe)
        return
    click.echo(safe, err=err, nl=nl)


# ---- the pager: long output on a terminal, never when piped ---------------------------------

PAGER_ENV = "GROWTHDESK_PAGER"
_PAGE: list[str] | None = None  # what echo() prints to stdout while paged() collects it
_CODES = re.compile("\x1b\\[[0-9;]*m")

no_pager_option = click.option(
    "--no-pager",
    is_flag=True,
    help="Print straight to the terminal, however long (or set GROWTHDESK_PAGER=cat).",
)


def pager_command() -> list[str] | None:
    """$GROWTHDESK_PAGER, else $PAGER, else less, as argv; None when it is empty or cat."""
    import shlex

    value = os.environ.get(PAGER_ENV)
    if value is None:
        value = os.environ.get("PAGER") or "less"
    try:
        argv = shlex.split(value)
    except ValueError:  # unbalanced quotes: no pager rather than an error about one
        return None
    return argv if argv and argv != ["cat"] else None


def _stdout_tty() -> bool:
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


@contextlib.contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """What :func:`echo` prints to stdout in the block goes through the pager if stdout is a
    terminal and the text is taller than it; otherwise it is printed as usual. Messages on
    stderr are never held back."""
    global _PAGE
    if not enabled or _PAGE is not None or not _stdout_tty() or pager_command() is None:
        yield
        return
    held: list[str] = []
    _PAGE = held
    try:
        yield
    finally:
        _PAGE = None
        _show("".join(held))  # on an error too: what was printed before it still shows


def _show(text: str) -> None:
    import shutil

    size = shutil.get_terminal_size()
    width = max(1, size.columns)
    rows = sum(-(-len(_CODES.sub("", line)) // width) or 1 for line in text.splitlines())
    argv = pager_command()
    if argv is None or rows < size.lines or not _run_pager(argv, text):
        click.echo(text, nl=False)


def _run_pager(argv: list[str], text: str) -> bool:
    """Feed *text* to the pager; False if it cannot be started (then the caller prints)."""
    import subprocess

    env = dict(os.environ)
    if os.path.basename(argv[0]) == "less" and "LESS" not in env:
        env["LESS"] = "FRX"  # keep colours, no screen clearing, quit at once if it fits
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        with proc.stdin:
            proc.stdin.write(
                text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", "replace")
            )
    except OSError:  # the user quit the pager before reading it all
        pass
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less stops searching)
            continue


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


def skill_areas(
    skills: Iterable[str],
    *,
    short: bool = False,
    extra: Mapping[str, str] | None = None,
    first: bool = False,
) -> str:
    """Skill areas as a person reads them: their labels in the interface language, never ids
    (those are for --json and exports); *short* labels for a narrow column. *extra* adds a
    note per area ("Netwerk & verbinding 5/5"). Full labels may hold a comma, so "; " joins
    them; short ones hold none. With *first*, the main area and how many more ("Netwerk +1"),
    a column of listings. "-" for none."""
    from growthdesk.skills.labels import skill_label

    skills = list(skills)
    if first and len(skills) > 1:
        return f"{skill_areas(skills[:1], short=short, extra=extra)} +{len(skills) - 1}"
    shown = [
        f"{skill_label(s, short=short)} {extra[s]}"
        if extra and s in extra
        else skill_label(s, short=short)
        for s in skills
    ]
    return (", " if short else "; ").join(shown) or "-"


class ListWhenBare(click.Group):
    """A bare `growthdesk GROUP` runs its listing subcommand (*bare*, "list" unless given),
    as a bare `growthdesk wins` lists wins, instead of printing help with exit 2."""

    def __init__(self, *args: Any, bare: str = "list", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bare = bare

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:  # completing: offer the subcommands
            args = [self.bare]
        return super().parse_args(ctx, args)


class DefaultToAdd(ListWhenBare):
    """`growthdesk GROUP TEXT …` means `growthdesk GROUP add TEXT …`; subcommands still win;
    a bare `growthdesk GROUP` lists."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["add", *args]
        return super().parse_args(ctx, args)
