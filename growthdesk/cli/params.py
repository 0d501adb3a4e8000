"""Command-line rules that hold for every command, enforced in one place each.

- The arguments must be UTF-8 text without control characters (tab and newline pass): checked
  once on the whole command line before any command sees it (:func:`check_argv`).
- A single-value option given twice (``--ticket A --ticket B``) is a usage error, not a silent
  last-wins: every command gets :class:`NoRepeats` from the root group (:func:`strict`).
- Numbers are checked by click: their type and range are declared on the option (:data:`ID`,
  :class:`Minutes`), so anything out of range is a usage error (exit 2) like a bad choice.
- Shell completion knows the data: ``shell_complete=`` callbacks for skill ids, contact and
  event names, track ids and recent win ids (:func:`complete_skill` …). They run on every Tab
  press, so they read through ``store.peek`` (no lock, no writes, one file) and never fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

__all__ = [
    "ID",
    "RecordId",
    "Minutes",
    "NoRepeats",
    "strict",
    "check_argv",
    "complete_skill",
    "complete_contact",
    "complete_event",
    "complete_track",
    "complete_win_id",
]


class RecordId(click.IntRange):
    """A record id of 1 or more, typed as printed (``#9``) or bare (``9``): wins, kudos,
    learning entries. A larger number than any id is simply not found (exit 1)."""

    def __init__(self) -> None:
        super().__init__(min=1)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.startswith("#"):
            value = value[1:]
        return super().convert(value, param, ctx)


ID = RecordId()

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
        if ctx.resilient_parsing:  # shell completion: offer words, never refuse a line
            return super().parse_args(ctx, args)
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
    """*command* and its subcommands with :class:`NoRepeats` and
    :class:`~growthdesk.cli.language.Translated` mixed in (done once, in place).

    The root group applies this to every command it loads, so no command can forget it.
    """
    from growthdesk.cli.language import Translated, translate_params  # the chosen language

    cls = type(command)
    if not issubclass(cls, NoRepeats):
        if cls not in _STRICT:
            bases = (
                (NoRepeats, cls) if issubclass(cls, Translated) else (NoRepeats, Translated, cls)
            )
            _STRICT[cls] = type(cls.__name__, bases, {"__doc__": cls.__doc__})
        command.__class__ = _STRICT[cls]
    translate_params(command)
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


# ---- shell completion ---------------------------------------------------------------------

Completer = Callable[[click.Context, click.Parameter, str], "list[CompletionItem]"]
_MAX_WINS = 40  # ids offered for an empty word: the newest ones, which are the ones edited


def _quiet(complete: Completer) -> Completer:
    """A completion that fails offers nothing: a Tab press must never print a traceback."""

    def run(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            return complete(ctx, param, incomplete)
        except Exception:  # noqa: BLE001
            return []

    run.__doc__ = complete.__doc__
    return run


def _home(ctx: click.Context) -> Path:
    from growthdesk.core.paths import resolve_home

    return resolve_home(ctx.find_root().params.get("home"))


def _matches(incomplete: str, *texts: str) -> bool:
    """*incomplete* starts the text or one of its words, accents, case and '_' aside."""
    from growthdesk.core.text import fold

    want = fold(incomplete).replace("_", " ")
    return not want or any(
        f" {fold(t).replace('_', ' ')}".find(f" {want}") >= 0 for t in texts if t
    )


def _items(pairs: Sequence[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    """The pairs (value, help) that match, as the shell shows them: a value with a control
    character is left out (its visible escape would not be the value), help made printable."""
    from click.shell_completion import CompletionItem

    from growthdesk.core.text import printable

    return [
        CompletionItem(value, help=printable(help) if help else None)
        for value, help in pairs
        if printable(value) == value and _matches(incomplete, value, help or "")
    ]


@_quiet
def complete_skill(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Skill area ids, with their labels (shown by zsh and fish; matched on either)."""
    from growthdesk.skills.ids import SKILL_IDS
    from growthdesk.skills.labels import labels

    label = labels(_language(ctx))
    return _items([(s, label.get(s)) for s in SKILL_IDS], incomplete)


@_quiet
def complete_track(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Career track ids, with their names."""
    from growthdesk.career.tracks import load_tracks
    from growthdesk.skills.ids import TRACK_IDS

    tracks = load_tracks()
    lang = _language(ctx)
    return _items(
        [(t, tracks[t].name(lang) if t in tracks else None) for t in TRACK_IDS], incomplete
    )


@_quiet
def complete_contact(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Contact names from the data folder (main.json only)."""
    from growthdesk.store.peek import names

    return _items([(n, None) for n in names(_home(ctx), "contacts")], incomplete)


@_quiet
def complete_event(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Event names from the data folder (main.json only)."""
    from growthdesk.store.peek import names

    return _items([(n, None) for n in names(_home(ctx), "events")], incomplete)


@_quiet
def complete_win_id(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Ids of the wins of the newest two months, newest first, with their problem text."""
    from growthdesk.store.peek import recent_wins

    start = incomplete.lstrip("#")
    found = [(str(i), p[:60]) for i, p in recent_wins(_home(ctx)) if str(i).startswith(start)]
    return _items(found[:_MAX_WINS], "")


def _language(ctx: click.Context) -> str:
    """The interface language, as commands speak it: the root group chose it (--lang,
    GROWTHDESK_LANG, the profile, the locale) before the completion asked."""
    from growthdesk.core.i18n import language

    return language()
