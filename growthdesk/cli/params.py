"""Command-line rules that hold for every command, enforced in one place each.

- The arguments must be UTF-8 text without control characters (tab and newline pass): checked
  once on the whole command line before any command sees it (:func:`check_argv`).
- A single-value option given twice (``--ticket A --ticket B``) is a usage error, not a silent
  last-wins: every command gets :class:`NoRepeats` from the root group (:func:`strict`).
- Numbers are checked by click: their type and range are declared on the option (:data:`ID`,
  :class:`Minutes`), so anything out of range is a usage error (exit 2) like a bad choice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import click

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = ["ID", "Minutes", "NoRepeats", "strict", "check_argv"]

# A record id (win, kudos' --win): a larger number than any id is simply not found (exit 1).
ID = click.IntRange(min=1)

_BAD_ARG = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_argv(args: Sequence[str], ctx: click.Context) -> None:
    """Refuse an argument that is not UTF-8 (Python hands such bytes over as lone surrogates)
    or that holds a control character, before any of it is parsed, stored or echoed back."""
    for n, arg in enumerate(args, 1):
        bad = _BAD_ARG.search(arg)
        if bad is None:
            continue
        from growthdesk.core.text import printable  # ~15 ms: only for a bad argument

        shown = printable(arg if len(arg) <= 40 else arg[:39] + "…")
        if "\ud800" <= bad.group() <= "\udfff":
            message = _("argument {n} ('{arg}') is not valid UTF-8 text", n=n, arg=shown)
        else:
            message = _(
                "argument {n} ('{arg}') contains a control character; type plain text",
                n=n,
                arg=shown,
            )
        raise click.UsageError(message, ctx)


class NoRepeats(click.Command):
    """Refuses a single-value option given more than once (flags and on/off pairs too)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            # click keeps only the last value; the order it parsed in shows every occurrence.
            _opts, _rest, order = self.make_parser(ctx).parse_args(args=list(args))
        except click.UsageError:
            order = []  # the real parse below reports it (e.g. `kudos --from X TEXT`)
        seen: set[str | None] = set()
        for param in order:
            if not isinstance(param, click.Option) or param.multiple or param.count:
                continue
            if param.is_eager:  # --help, --version: they end the command anyway
                continue
            if param.name in seen:
                raise click.UsageError(
                    _("option {option} is given more than once", option=param.get_error_hint(ctx)),
                    ctx,
                )
            seen.add(param.name)
        return super().parse_args(ctx, args)


_STRICT: dict[type[click.Command], type[click.Command]] = {}


def strict(command: click.Command) -> click.Command:
    """*command* and its subcommands with :class:`NoRepeats` mixed in (done once, in place).

    The root group applies this to every command it loads, so no command can forget it.
    """
    cls = type(command)
    if not issubclass(cls, NoRepeats):
        if cls not in _STRICT:
            _STRICT[cls] = type(cls.__name__, (NoRepeats, cls), {"__doc__": cls.__doc__})
        command.__class__ = _STRICT[cls]
    for sub in getattr(command, "commands", {}).values():
        strict(sub)
    return command


class Minutes(click.ParamType):
    """Whole minutes from 1 up to *limit*, typed as '90', '1h30', '1:30' or '1,5u'
    (core/minutes.py); the domain's own check, run by click so that an impossible or
    ambiguous value is a usage error like any other out-of-range number."""

    name = "minutes"

    def __init__(self, learning: bool = False) -> None:
        self.learning = learning

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            return value
        try:
            if self.learning:
                from growthdesk.worklog.learning import validate_minutes
            else:
                from growthdesk.worklog.wins import validate_minutes
            return validate_minutes(value)
        except InputError as exc:
            self.fail(str(exc), param, ctx)
