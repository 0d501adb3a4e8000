"""Store: one data folder, read in shared-lock sessions; writes go through transactions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core import clock
from growthdesk.core.errors import CorruptStoreError, NothingToUndoError, StoreError
from growthdesk.core.i18n import _
from growthdesk.core.records import Profile, Win
from growthdesk.store import lock, manifest, migrations, summaries
from growthdesk.store.files import FileCache, in_time_order, pack_shard, parse, read
from growthdesk.store.layout import (
    JOURNAL,
    MAIN,
    META,
    MODELS,
    PROFILE_DEFAULTS,
    UNDO,
    is_shard,
    months_on_disk,
    shard,
    small_file,
    summary_files,
    summary_of,
    tables_of,
)
from growthdesk.store.reads import Reads, not_found

if TYPE_CHECKING:
    from growthdesk.store import undo as undo_file
    from growthdesk.store.doctor import DoctorReport, Problem
    from growthdesk.store.transaction import Transaction

__all__ = ["Store"]


class Store(Reads):
    """One data folder: reads in a shared-lock session, writes through :meth:`transaction`.

    Reads share the folder's lock from the first read until :meth:`close` (see ``lock``), so
    that everything one Store reads comes from whole commits. Records read here are shared with
    later reads and handed out without copying (building 25,000 fresh dicts per read cost
    ~50 ms): treat them as read-only. Transactions never see them (they parse their own copy),
    so a stray mutation cannot reach the disk.
    """

    def __init__(self, home: Path, now: Callable[[], datetime] = clock.now) -> None:
        self.home = Path(home)
        self.now = now  # stamps what users see (undo history, doctor's set-aside files)
        self.files = FileCache(self.home)  # the store's internal API: journal.commit uses it
        self._opened = False
        self._lock = lock.for_home(self.home)
        self._reading = False
        self._parts: dict[tuple[str, str], tuple[tuple[int, int, int], Any]] = {}

    def close(self) -> None:
        """End the read session, so that other processes may write; reading again reopens it."""
        if self._reading:
            self._reading = False
            self._lock.stop_reading()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def _has_home(self) -> bool:
        """Whether the data folder exists; StoreError if something else is in its place."""
        if self.home.is_dir():
            return True
        if self.home.exists():
            raise StoreError(_("data folder {path} is a file, not a folder", path=self.home))
        return False

    def _make_home(self) -> bool:
        """Create the data folder for a write; True if this call created it."""
        home = self.home
        if self._has_home():
            return False
        try:
            home.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            return self._make_home()  # another process was first (or a file appeared)
        except OSError as exc:
            raise StoreError(
                _("cannot create data folder {path}: {why}", path=home, why=exc.strerror)
            ) from None
        os.chmod(home, 0o700)
        return True

    def _recover(self) -> None:
        if (self.home / JOURNAL).exists():  # a writer died past its commit point
            # journal and undo (and backups) are imported where they are used: a command that
            # only reads (`query`) never loads them (bench/bench_assist.py)
            from growthdesk.store import journal

            with self._lock.exclusive():
                journal.recover(self.home)

    def _open(self) -> None:
        if self._opened or self.files.absent:
            return
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
        """Before every read: hold the shared lock (taking it again after a transaction).

        Reading never creates the data folder. A session that starts without one reads an empty
        store to its end (or to this Store's first write), even if another process creates the
        folder meanwhile: a command sees one state, never a mix.
        """
        if not self._reading:
            self.files.absent = not self._has_home()
            self._reading = True
            taken = self._lock.start_reading()
        else:
            taken = not self.files.absent and self._lock.share()
        if taken and self._opened:
            self._recover()  # a writer may have died while we did not hold the lock
        self._open()

    # -- reading ---------------------------------------------------------------------------

    def _file(
        self, rel: str, *, keep: bool = True, stored: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A data file as read; an absent one the manifest lists is an error, not an empty file.
        *keep*: False does not cache it; *stored*: see FileCache.load."""
        data = self.files.load(rel, keep=keep, stored=stored)
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
        if self.files.absent:
            return []
        months = months_on_disk(self.home)
        gone = {r for r in manifest.listed(self.files.load(META)) if is_shard(r)}
        gone -= {shard(m) for m in months}
        if gone:
            raise manifest.missing(min(gone))
        return months

    def months_mentioning(self, text: str) -> list[str]:
        """The win months whose shard may hold *text* (ignoring ASCII case): a cheap byte search
        before a full parse, e.g. to find a ticket reference among 100,000 wins. Text the
        search could miss as stored (non-ASCII, or JSON-escaped quotes) keeps every month."""
        months = self.win_months()
        if not text.isascii() or '"' in text or "\\" in text:
            return months
        needle = text.lower().encode()
        out = []
        for month in months:
            rel = shard(month)
            try:
                raw = read(self.home / rel, rel)
            except FileNotFoundError:
                raise manifest.missing(rel) from None
            if needle in raw.lower():
                out.append(month)
        return out

    def wins(self, months: Iterable[str] | None = None) -> list[Win]:
        """Wins from the given month shards (default: all), oldest first."""
        return cast("list[Win]", self._wins(months))

    def wins_by_month(self, months: Iterable[str] | None = None) -> Iterator[list[Win]]:
        """Every month's wins (or those of *months*, in the order given), one month at a time:
        a shard read here is not cached, so a pass over the whole history (export, a search)
        holds one month, not all of them."""
        for month in self.win_months() if months is None else months:
            self._read()
            records = self._file(shard(month), keep=False).get("wins", {}).values()
            yield cast("list[Win]", in_time_order(list(records)))

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

    def summary(self, month: str, name: str) -> Any:
        """Part *name* of one month's summary (see ``summaries``), as fresh as the shard.

        Read from wins/<month>-<name>.json while it matches the shard; otherwise built from the
        shard here (and not written: readers never write; the next commit or doctor does).
        """
        self._read()
        rel = shard(month)
        path = self.home / rel
        try:
            st = path.stat()
        except FileNotFoundError:
            return summaries.build(name, self._wins([month]))  # missing-file check inside
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        hit = self._parts.get((month, name))
        if hit is not None and hit[0] == key:
            return hit[1]
        version = summaries.builder(name)[0]
        try:
            doc = summaries.decode((self.home / summary_of(rel, name)).read_bytes())
        except OSError:
            doc = None  # missing or unreadable: built from the shard
        if (
            doc is not None
            and doc.get("v") == version
            and summaries.fresh(doc, st, lambda: read(path, rel))
        ):
            data = summaries.settle(name, doc["data"])
        else:
            data = summaries.build(name, self._wins([month]))
        self._parts[(month, name)] = (key, data)
        return data

    def chain(self, name: str) -> tuple[str, Any] | None:
        """(upto, state) of chain *name* (see ``chains``) while it matches every shard up to
        upto, else None: the caller then folds every month itself."""
        self._read()
        from growthdesk.store import chains

        found = chains.load(self.home, name, self.win_months())
        return None if found is None else (found[0], found[1])

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
        """Hold the lock; commit everything at the end, or nothing if the block raises.

        The data folder is created here, and removed again if nothing was committed to it.
        """
        self.files.absent = False  # from here on this Store reads what is on disk
        created = self._make_home()
        self._open()
        # Imported here: a command that only reads (`query`) never loads TinyDB, which the
        # transaction writes through (bench/bench_assist.py).
        from growthdesk.store.transaction import Transaction

        return Transaction.begin(self, label, undoable=undoable, created=created)

    def history(self) -> list[undo_file.UndoEntry]:
        """Undo entries, newest first."""
        from growthdesk.store import undo as undo_file

        self._read()
        return undo_file.history(self.files.load(UNDO))

    def undo(self) -> str:
        """Restore the files of the newest undoable change; return its label."""
        from growthdesk.store import journal
        from growthdesk.store import undo as undo_file

        if not self.home.is_dir():
            raise NothingToUndoError(_("nothing to undo"))
        self.files.absent = False
        self._open()
        with self._lock.exclusive():
            journal.recover(self.home)
            label, payloads = undo_file.pop(self.home, self.files.load(UNDO))
            journal.commit(self.files, payloads, undo_entry=None)
            return label

    # -- doctor ----------------------------------------------------------------------------

    def check(self) -> DoctorReport:
        """Every problem of the folder, and what ``repair`` would do about each."""
        from growthdesk.store import doctor  # only doctor needs it: kept off every command

        return doctor.check(self.home, self.now())

    def repair(self, report: DoctorReport) -> list[Problem]:
        """Apply the fixes of *report* (checked again under the lock); the problems fixed."""
        from growthdesk.store import doctor

        fixed = doctor.repair(self.home, report)
        self.files.clear()
        self._opened = False
        return fixed

    def damage(self, *, wins: bool = True) -> CorruptStoreError | None:
        """The first damaged file or record of the folder, if any.

        Commands trust the records they read (checking 25,000 wins on every read would cost
        far more than a command's budget); when one fails in a way no valid record can make it,
        the CLI asks this before it would report an internal error. *wins*: False leaves out
        the month shards, for a pass that reads them through :meth:`sound_wins_by_month`.
        """
        from growthdesk.store import validate

        try:
            self._read()
            if self.files.absent:
                return None
            meta = self.files.load(META)
            why = validate.meta_problem(meta) if meta is not None else None
            if why is not None:
                return _damaged(META, why)
            for rel in (MAIN, *(shard(m) for m in self.win_months())) if wins else (MAIN,):
                damaged = self._checked(rel)[1]  # one shard at a time
                if damaged is not None:
                    return damaged
        except CorruptStoreError as exc:
            return exc
        return None

    def sound_wins_by_month(self) -> Iterator[list[Win]]:
        """:meth:`wins_by_month` of every month, each shard's records checked as :meth:`damage`
        checks them before its month is handed on; the error damage() would give for the first
        damaged one is raised. Together with ``damage(wins=False)`` first, it finds what
        damage() finds, reading each shard once (export: bench/bench_scale.py --only export)."""
        for month in self.win_months():
            self._read()
            data, damaged = self._checked(shard(month))
            if damaged is not None:
                raise damaged
            yield cast("list[Win]", in_time_order(list(data.get("wins", {}).values())))

    def sound_shards(self, without: Sequence[str] = ()) -> Iterator[tuple[str, bytes, int]]:
        """(month, its shard's bytes, how many of its wins had a field of *without*) of every
        month, one at a time, checked as :meth:`sound_wins_by_month` checks them, for a pass that
        copies wins rather than reads them (export). The bytes are the shard as stored, or,
        where a win has a field of *without*, the shard packed again without those fields.
        A shard that is byte for byte what a commit wrote (summaries.committed) is not checked
        again: the check was two thirds of export at 100,000 wins (bench/bench_scale.py --only
        export)."""
        parts: dict[str, list[str]] = {}
        for month, name in summary_files(self.home):
            parts.setdefault(month, []).append(name)
        for month in self.win_months():
            self._read()
            rel = shard(month)
            try:
                raw = read(self.home / rel, rel)
            except FileNotFoundError:
                raise manifest.missing(rel) from None
            if not summaries.committed(self.home, rel, raw, parts.get(month, [])):
                damaged = self._raw_damage(rel, raw)
                if damaged is not None:
                    raise damaged
            found = 0
            # A byte search first: a field's key in no record is in the file only as text.
            if any(f'"{name}"'.encode() in raw for name in without):
                wins = parse(raw, rel).get("wins", {})
                found = sum(1 for w in wins.values() if any(w.get(f) for f in without))
                if found or any(not w.keys().isdisjoint(without) for w in wins.values()):
                    kept = {
                        k: {f: v for f, v in w.items() if f not in without} for k, w in wins.items()
                    }
                    raw = pack_shard({"wins": kept})
            yield month, raw, found

    def _raw_damage(self, rel: str, raw: bytes) -> CorruptStoreError | None:
        """:meth:`_checked` of data file *rel* read as *raw*."""
        from growthdesk.core import schema

        stored: dict[str, Any] = {}
        try:
            data = parse(raw, rel, stored)
        except CorruptStoreError as exc:
            return exc
        if stored and schema.rows_sound(stored.get("fields"), stored.get("wins") or {}):
            return None
        return _record_damage(rel, data)

    def _checked(self, rel: str) -> tuple[dict[str, Any], CorruptStoreError | None]:
        """Data file *rel* as read (not cached) and its first damaged record, if any. A month
        shard whose rows are sound as a whole is not checked record by record
        (bench/bench_export.py, "lenient check of rows")."""
        from growthdesk.core import schema  # only a check needs it: kept off every command

        stored: dict[str, Any] = {}
        data = self._file(rel, keep=False, stored=stored)
        if stored and schema.rows_sound(stored.get("fields"), stored.get("wins") or {}):
            return data, None
        return data, _record_damage(rel, data)


def _record_damage(rel: str, data: dict[str, Any]) -> CorruptStoreError | None:
    """The first damaged record of data file *rel* (as read), in the file's order."""
    from growthdesk.store import validate  # only a check needs it: kept off every command

    for table in tables_of(rel):
        for key, record in data.get(table, {}).items():
            why = validate.record_problem(table, key, record)
            if why is not None:
                what = _("{table} record {key}: {why}", table=table, key=key, why=why)
                return _damaged(rel, what)
    return None


def _damaged(rel: str, why: str) -> CorruptStoreError:
    return CorruptStoreError(
        _(
            "data file {file} is damaged ({why}); run `growthdesk doctor` to see every problem "
            "and `growthdesk doctor --restore` to set it aside",
            file=rel,
            why=why,
        )
    )
