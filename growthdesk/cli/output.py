"""Output helpers: JSON on stdout, messages on stderr, colour only on a terminal."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from growthdesk.core.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["emit_json", "info", "warn", "style", "console", "use_color"]


def use_color(stream: Any = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def style(text: str, **kwargs: Any) -> str:
    """click.style, but plain text when colour is off (NO_COLOR or not a terminal)."""
    return click.style(text, **kwargs) if use_color() else text


def emit_json(data: Any) -> None:
    import orjson

    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())


def info(message: str) -> None:
    click.echo(message, err=True)


def warn(message: str) -> None:
    click.echo(_("Warning: {message}", message=message), err=True)


_console: Console | None = None


def console() -> Console:
    """A rich console on stdout; rich itself drops colour when piped or under NO_COLOR."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False, soft_wrap=False)
    return _console
