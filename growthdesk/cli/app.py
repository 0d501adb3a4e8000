"""The per-invocation context object: home folder, store and clock, built once."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from growthdesk.core import clock
from growthdesk.core.paths import resolve_home

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["App", "get_app"]


class App:
    """Lazily opens the store so that commands which do not need it never touch disk."""

    def __init__(
        self,
        home: str | os.PathLike[str] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._home_option = home
        self._now = now or clock.now
        self._store: Store | None = None

    def set_home(self, home: str | os.PathLike[str]) -> None:
        self._home_option = home
        self._store = None

    @property
    def home(self) -> Path:
        return resolve_home(self._home_option)

    @property
    def store(self) -> Store:
        if self._store is None:
            from growthdesk.store import Store

            self._store = Store(self.home)
            _follow_profile_language(self._store)
        return self._store

    def now(self) -> datetime:
        return self._now()


def get_app() -> App:
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, App)
    return obj


def _follow_profile_language(store: Store) -> None:
    """Speak the profile's language unless GROWTHDESK_LANG says otherwise."""
    if os.environ.get("GROWTHDESK_LANG"):
        return
    from growthdesk.core.errors import GrowthdeskError
    from growthdesk.core.i18n import set_language

    # A damaged store is reported by the command itself (or repaired by doctor), not here.
    with contextlib.suppress(GrowthdeskError):
        set_language(str(store.profile().get("lang") or "en"))
