"""The interface language of one command, and everything click prints in it.

- :func:`choose_language`: ``--lang``, then ``GROWTHDESK_LANG``, then the profile, then the
  locale variables, then English. The root group calls it once, before it parses anything, so
  that click's own errors and ``--help`` are in the chosen language too.
- :func:`bind_click`: click's messages ("Usage:", "Error: No such option") through our catalogue.
- :class:`Translated`: help texts are looked up when they are shown, not when the command is
  defined (at import time the language is not known yet).
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import click

from growthdesk.core import i18n
from growthdesk.core.i18n import LANGUAGES, N_, _, pgettext

__all__ = [
    "choose_language",
    "locale_language",
    "bind_click",
    "Translated",
    "LazyMessage",
    "translate_params",
    "translate_metavar",
    "help_paragraphs",
    "translate_help",
    "LOCALE_VARIABLES",
    "ENV_LANG",
]

ENV_LANG = "GROWTHDESK_LANG"
# In gettext's order: LANGUAGE is a colon-separated list of preferences.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _normalise(value: str) -> str:
    """'nl_NL.UTF-8', 'nl-BE', 'NL' -> 'nl'."""
    value = value.strip().lower()
    for sep in ".@_-":
        value = value.split(sep, 1)[0]
    return value


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the locale variables: the first one that is set (and not C/POSIX)
    decides, like gettext; None if it names no language we speak."""
    for var in LOCALE_VARIABLES:
        values = [v for v in environ.get(var, "").split(":") if v.strip()]
        values = [v for v in values if _normalise(v) not in ("c", "posix")]  # C.UTF-8 too
        if not values:
            continue
        for value in values:
            lang = _normalise(value)
            if lang in LANGUAGES:
                return lang
        return None
    return None


def _scan_root_options(args: Sequence[str]) -> tuple[str | None, str | None]:
    """``--lang`` and ``--home`` given before the command name (click parses them later)."""
    lang = home = None
    it = iter(args)
    for arg in it:
        if arg == "--" or not arg.startswith("-"):
            break  # the command name: what follows is the command's own options
        for name in ("--lang", "--home"):
            if arg == name:
                value = next(it, None)
            elif arg.startswith(name + "="):
                value = arg[len(name) + 1 :]
            else:
                continue
            if value is None:
                continue  # `--lang` last with no value: click reports it
            if name == "--lang":
                lang = value
            else:
                home = value
    return lang, home


def _profile_language(home_option: str | None) -> str | None:
    from growthdesk.core.paths import home_folder
    from growthdesk.store.peek import profile_language

    try:
        return profile_language(home_folder(home_option))
    except (OSError, ValueError):
        return None


def choose_language(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language for the command line *args* (without the program name).

    An unknown ``--lang`` is left to click's Choice (a usage error); an unknown
    ``GROWTHDESK_LANG`` is a usage error here.
    """
    environ = os.environ if environ is None else environ
    option, home = _scan_root_options(args)
    if option is not None and option in LANGUAGES:
        return option
    env = environ.get(ENV_LANG, "").strip()
    if env:
        lang = _normalise(env)
        if lang not in LANGUAGES:
            raise click.UsageError(
                _(
                    "{var}={value!r} is not a language growthdesk speaks (choose from {choices})",
                    var=ENV_LANG,
                    value=env,
                    choices=", ".join(LANGUAGES),
                )
            )
        return lang
    profile = _profile_language(home)
    if profile in LANGUAGES:
        return str(profile)
    return locale_language(environ) or "en"


# -- click's own messages ----------------------------------------------------------------------

# Every click module binds `from gettext import gettext as _` (and ngettext) when it is imported,
# so click speaks the process-wide gettext domain, chosen by the locale variables. Setting
# LANGUAGE in os.environ would reach it, but would leak into every child process and into the
# next command run in the same process (tests). Instead the names click looks up at call time are
# pointed at our catalogue, which holds click's msgids too (tools/i18n.py extracts them).
_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
    "click._termui_impl",
)


def _click_gettext(message: str) -> str:
    return i18n.translations().gettext(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.translations().ngettext(singular, plural, n)


def bind_click() -> None:
    """Route click's messages through our catalogue (idempotent; modules click imports later,
    such as shell_completion, are bound when the root group next parses)."""
    for name in _CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


class LazyMessage(str):
    """A %-format message looked up when it is formatted: click's version_option builds its
    message once, when the command is defined, and formats it (``message % {...}``) when
    --version is given."""

    def __mod__(self, values: Any) -> str:
        return i18n.gettext(str(self)) % values


# -- help texts --------------------------------------------------------------------------------


def help_paragraphs(text: str) -> list[tuple[bool, str]]:
    """*text* (a docstring) as click shows it: (translatable, paragraph) pairs. A prose
    paragraph is one msgid with its lines joined (click re-wraps it anyway); a ``\\b`` block
    (examples) is kept verbatim, only its heading ("Examples:") is a msgid."""
    out: list[tuple[bool, str]] = []
    for para in inspect.cleandoc(text).partition("\f")[0].split("\n\n"):
        if para.startswith("\b"):
            out.append((False, para))
        elif para.strip():
            out.append((True, " ".join(para.split())))
    return out


def translate_help(text: str) -> str:
    """A help text (docstring or option help) in the current language, paragraph by
    paragraph; English comes out as click would show it."""
    if i18n.language() == "en":
        return text
    parts = []
    for translatable, para in help_paragraphs(text):
        if translatable:
            parts.append(i18n.gettext(para))
        else:
            lines = para.split("\n")
            if len(lines) > 1 and lines[1].strip().endswith(":"):
                head = lines[1].strip()
                lines[1] = lines[1].replace(head, i18n.gettext(head))
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


# click's usage metavars are plain strings, not gettext calls: marked here for extraction.
_METAVARS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."))
# click looks this one up through a variable (`_(extra["required"])`): marked here too.
_CLICK_WORDS = (N_("required"),)


@contextlib.contextmanager
def _translated(command: click.Command, ctx: click.Context | None = None) -> Iterator[None]:
    """The command's help, short help, option help and metavars in the current language while
    it is shown; the English msgids are put back after (the objects live for the process)."""
    saved: list[tuple[Any, str, Any]] = []

    def swap(obj: Any, attr: str, value: Any) -> None:
        saved.append((obj, attr, getattr(obj, attr)))
        setattr(obj, attr, value)

    if i18n.language() != "en":
        for attr in ("help", "short_help", "epilog"):
            text = getattr(command, attr, None)
            if text:
                swap(command, attr, translate_help(text))
        if command.options_metavar in _METAVARS:
            swap(command, "options_metavar", i18n.gettext(command.options_metavar))
        metavar = getattr(command, "subcommand_metavar", None)
        if metavar in _METAVARS:
            swap(command, "subcommand_metavar", i18n.gettext(metavar))
        # With a context: the help option too (click adds it in get_params, not to .params).
        for param in command.get_params(ctx) if ctx is not None else command.params:
            text = getattr(param, "help", None)
            if text:
                swap(param, "help", translate_help(text))
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


def _metavar_words() -> dict[str, str]:
    """The metavars our commands show (click makes most of them from type names)."""
    return {
        "TEXT": pgettext("metavar", "TEXT"),
        "NAME": pgettext("metavar", "NAME"),
        "FILE": pgettext("metavar", "FILE"),
        "DATE": pgettext("metavar", "DATE"),
        "DAY|none": pgettext("metavar", "DAY|none"),
        "DIRECTORY": pgettext("metavar", "DIRECTORY"),
        "EVENT": pgettext("metavar", "EVENT"),
        "FORMAT": pgettext("metavar", "FORMAT"),
        "ID[:LEVEL]": pgettext("metavar", "ID[:LEVEL]"),
        "INTEGER": pgettext("metavar", "INTEGER"),
        "INTEGER RANGE": pgettext("metavar", "INTEGER RANGE"),
        "MINUTES": pgettext("metavar", "MINUTES"),
        "WHO": pgettext("metavar", "WHO"),
        "VENDOR": pgettext("metavar", "VENDOR"),
        "COLUMN=FIELD": pgettext("metavar", "COLUMN=FIELD"),
    }


def translate_metavar(metavar: str) -> str:
    """'TEXT...' -> 'TEKST...' in Dutch; a choice ('[en|nl]') and an unknown name stay."""
    if i18n.language() == "en":
        return metavar
    base, dots = (metavar[:-3], "...") if metavar.endswith("...") else (metavar, "")
    return _metavar_words().get(base, base) + dots


class TranslatedParam(click.Parameter):
    """A parameter whose metavar is shown in the current language: in help, in the usage line
    and in click's errors ("Missing argument 'TEXT...'"), which all ask make_metavar."""

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:
        return translate_metavar(super().make_metavar(*args, **kwargs))


_PARAMS: dict[type, type] = {}


def translate_params(command: click.Command) -> None:
    """Mix TranslatedParam into the parameters of *command* (done once, in place, like
    cli.params.strict does for commands)."""
    for param in command.params:
        cls = type(param)
        if issubclass(cls, TranslatedParam):
            continue
        if cls not in _PARAMS:
            _PARAMS[cls] = type(cls.__name__, (TranslatedParam, cls), {"__doc__": cls.__doc__})
        param.__class__ = _PARAMS[cls]


class Translated(click.Command):
    """Shows its help in the current language (mixed into every command by cli.params.strict)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, ctx):
            super().format_help(ctx, formatter)

    def get_usage(self, ctx: click.Context) -> str:
        with _translated(self, ctx):
            return super().get_usage(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click builds it once and keeps it: its help must stay the English msgid, translated
        # like every other option's help when shown.
        current = i18n.language()
        i18n.set_language("en")
        try:
            return super().get_help_option(ctx)
        finally:
            i18n.set_language(current)
