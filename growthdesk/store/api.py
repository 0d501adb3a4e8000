"""Store: one data folder, read in shared-lock sessions; writes go through transactions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core.errors import StoreError
from growthdesk.core.i18n import _
from growthdesk.core.records import Profile, Win
from growthdesk.store import journal, lock, manifest, migrations
from growthdesk.store import undo as undo_file
from growthdesk.store.files import FileCache, in_time_order
from growthdesk.store.layout import (
    JOURNAL,
    META,
    MODELS,
    PROFILE_DEFAULTS,
    UNDO,
    is_shard,
    months_on_disk,
    shard,
    small_file,
)
from growthdesk.store.reads import Reads, not_found
from growthdesk.store.transaction import Transaction

if TYPE_CHECKING:
    from growthdesk.store.doctor import DoctorReport, Problem

__all__ = ["Store"]


class Store(Reads):
    """One data folder: reads in a shared-lock session, writes through :meth:`transaction`.

    Reads share the folder's lock from the first read until :meth:`close` (see ``lock``), so
    that everything one Store reads comes from whole commits. Records read here are shared with
    later reads and handed out without copying (building 25,000 fresh dicts per read cost
    ~50 ms): treat them as read-only. Transactions never see them (they parse their own copy),
    so a stray mutation cannot reach the disk.
    """

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.files = FileCache(self.home)  # the store's internal API: journal.commit uses it
        self._opened = False
        self._lock = lock.for_home(self.home)
        self._reading = False

    def close(self) -> None:
        """End the read session, so that other processes may write; reading again reopens it."""
        if self._reading:
            self._reading = False
            self._lock.stop_reading()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def _make_home(self) -> None:
        home = self.home
        if home.is_dir():
            return
        if home.exists():
            raise StoreError(_("data folder {path} is a file, not a folder", path=home))
        try:
            home.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise StoreError(
                _("cannot create data folder {path}: {why}", path=home, why=exc.strerror)
            ) from None
        os.chmod(home, 0o700)

    def _recover(self) -> None:
        if (self.home / JOURNAL).exists():  # a writer died past its commit point
            with self._lock.exclusive():
                journal.recover(self.home)

    def _open(self) -> None:
        if self._opened:
            return
        self._make_home()
        self._recover()
        meta = self.files.load(META)
        if meta is None:
            if manifest.meta_expected(self.home):
                raise manifest.missing(META)
        else:
            outdated = migrations.check(meta, self.home)
            self._opened = True  # before migrating: the migration opens a transaction
            if outdated:
                migrations.migrate(self)
        self._opened = True

    def _read(self) -> None:
        """Before every read: hold the shared lock (taking it again after a transaction)."""
        if not self._reading:
            self._make_home()  # the lock files live in it
            self._reading = True
            taken = self._lock.start_reading()
        else:
            taken = self._lock.share()
        if taken and self._opened:
            self._recover()  # a writer may have died while we did not hold the lock
        self._open()

    # -- reading ---------------------------------------------------------------------------

    def _file(self, rel: str) -> dict[str, Any]:
        """A data file as read; an absent one the manifest lists is an error, not an empty file."""
        data = self.files.load(rel)
        if data is None:
            if rel in manifest.listed(self.files.load(META)):
                raise manifest.missing(rel)
            return {}
        return data

    def _records(self, rel: str, table: str) -> list[dict[str, Any]]:
        return list(self._file(rel).get(table, {}).values())

    def _wins(self, months: Iterable[str] | None) -> list[dict[str, Any]]:
        chosen = self.win_months() if months is None else list(months)
        self._read()
        out: list[dict[str, Any]] = []
        for month in sorted(chosen):
            out.extend(in_time_order(self._records(shard(month), "wins")))
        return out

    def win_months(self) -> list[str]:
        self._read()
        months = months_on_disk(self.home)
        gone = {r for r in manifest.listed(self.files.load(META)) if is_shard(r)}
        gone -= {shard(m) for m in months}
        if gone:
            raise manifest.missing(min(gone))
        return months

    def wins(self, months: Iterable[str] | None = None) -> list[Win]:
        """Wins from the given month shards (default: all), oldest first."""
        return cast("list[Win]", self._wins(months))

    def all(self, table: str) -> list[dict[str, Any]]:
        if table == "wins":
            return self._wins(None)
        self._read()
        return self._records(small_file(table), table)

    def get(self, table: str, id: int) -> dict[str, Any]:
        if table == "wins":
            # Newest month first, stopping at the hit: recent wins are the ones looked up.
            records: Iterable[dict[str, Any]] = (
                rec
                for month in reversed(self.win_months())
                for rec in self._records(shard(month), "wins")
            )
        else:
            records = self.all(table)
        for rec in records:
            if rec["id"] == id:
                return rec
        raise not_found(table, id)

    def profile(self) -> Profile:
        self._read()
        data = self.files.load(META) or {}
        return cast(Profile, {**PROFILE_DEFAULTS, **data.get("profile", {}).get("1", {})})

    def model(self, name: str) -> dict[str, Any] | None:
        self._read()
        value = self._file(MODELS).get("models", {}).get("1", {}).get(name)
        return value if isinstance(value, dict) else None

    # -- writing ---------------------------------------------------------------------------

    def transaction(
        self, label: str, *, undoable: bool = True
    ) -> contextlib.AbstractContextManager[Transaction]:
        """Hold the lock; commit everything at the end, or nothing if the block raises."""
        self._open()
        return Transaction.begin(self, label, undoable=undoable)

    def history(self) -> list[undo_file.UndoEntry]:
        """Undo entries, newest first."""
        self._read()
        return undo_file.history(self.files.load(UNDO))

    def undo(self) -> str:
        """Restore the files of the newest undoable change; return its label."""
        self._open()
        with self._lock.exclusive():
            journal.recover(self.home)
            label, payloads = undo_file.pop(self.home, self.files.load(UNDO))
            journal.commit(self.files, payloads, undo_label=None)
            return label

    # -- doctor ----------------------------------------------------------------------------

    def check(self) -> DoctorReport:
        """Every problem of the folder, and what ``repair`` would do about each."""
        from growthdesk.store import doctor  # only doctor needs it: kept off every command

        return doctor.check(self.home)

    def repair(self, report: DoctorReport) -> list[Problem]:
        """Apply the fixes of *report* (checked again under the lock); the problems fixed."""
        from growthdesk.store import doctor

        fixed = doctor.repair(self.home, report)
        self.files.clear()
        self._opened = False
        return fixed
