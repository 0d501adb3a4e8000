"""The per-invocation context object: home folder, store and clock, built once."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, overload

import click

from growthdesk.core import clock
from growthdesk.core.paths import resolve_home

if TYPE_CHECKING:
    from growthdesk.core.errors import GrowthdeskError
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
        self.close()
        self._store = None

    @property
    def home(self) -> Path:
        return resolve_home(self._home_option)

    @property
    def store(self) -> Store:
        """The store, for a command that writes: the data folder is created on first use."""
        if self._store is None:
            # Registers the month summaries and the chain of repeat-problem clusters.
            from growthdesk.reporting import clusters, repeats  # noqa: F401
            from growthdesk.store import Store
            from growthdesk.worklog import days, index  # noqa: F401

            self._store = Store(self.home, now=self.now)
        return self._store

    @property
    def reader(self) -> Store:
        """The store, for a command that only reads or changes existing records: it never
        creates a data folder, and a missing one is an error (a typo in --home must not read
        as "No wins yet.")."""
        if self._store is None and not self.home.exists():
            from growthdesk.core.errors import NotFoundError
            from growthdesk.core.i18n import _

            raise NotFoundError(
                _(
                    "no growthdesk data in {home}; check --home or GROWTHDESK_HOME "
                    "(`growthdesk log` starts a new data folder)",
                    home=self.home,
                )
            )
        return self.store

    def existing(self) -> Store | None:
        """The store if the data folder exists, else None (never creates it)."""
        return self.store if self._store is not None or self.home.exists() else None

    def damage(self) -> GrowthdeskError | None:
        """After a command failed in a way no valid record can make it fail: the damaged file
        or record behind it, if the store has one (None: a bug of ours)."""
        if self._store is None:
            return None
        return self._store.damage()

    def close(self) -> None:
        """End the store's read session, so that other processes may write."""
        if self._store is not None:
            self._store.close()

    def now(self) -> datetime:
        try:
            return self._now()
        except ValueError:  # GROWTHDESK_NOW set to something that is not ISO-8601
            from growthdesk.core.errors import InputError
            from growthdesk.core.i18n import _

            raise InputError(
                _(
                    "{var}={value!r} is not an ISO-8601 time",
                    var=clock.ENV_NOW,
                    value=os.environ.get(clock.ENV_NOW),
                )
            ) from None

    @overload
    def when(self, text: str) -> datetime: ...
    @overload
    def when(self, text: None) -> None: ...
    def when(self, text: str | None) -> datetime | None:
        """A date/time phrase ('gisteren 14:00', ISO) read against now; None stays None."""
        if text is None:
            return None
        from growthdesk.core.dates import parse_when

        return parse_when(text, self.now())

    @overload
    def day(self, text: str) -> date: ...
    @overload
    def day(self, text: None) -> None: ...
    def day(self, text: str | None) -> date | None:
        """A day phrase ('last monday', ISO) read against now; None stays None."""
        if text is None:
            return None
        from growthdesk.core.dates import parse_day

        return parse_day(text, self.now())


def get_app() -> App:
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, App)
    return obj
