"""The data folder: TinyDB tables made crash-safe, lock-protected, backed up and undoable.

Layout of a home folder::

    meta.json            _meta (schema version, id counters) and profile
    main.json            contacts, links, interactions, events, learning, kudos
    models.json          small cached blobs (the tagger's learned model)
    wins/YYYY-MM.json    wins, one shard per month, so a new win rewrites one small file
    undo.json            the undo history (newest last)
    backups/<file>/<tx>  previous versions of each file (hard links, the newest 10 per file)
    journal.json         present only while a commit is being applied (the commit point)
    growthdesk.lock      the inter-process lock (never the data files: os.replace changes inodes)

A commit writes every changed file to a temp file (fsynced), links the old versions into
backups/, then atomically writes journal.json: from that moment the commit is durable. It then
os.replace()s each temp file over its target and removes the journal. The next start rolls a
left-over journal forward and sweeps temp files that never made it into a journal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from growthdesk.core.errors import (
    CorruptStoreError,
    NewerStoreError,
    NotFoundError,
    NothingToUndoError,
    StoreBusyError,
    StoreError,
)
from growthdesk.core.i18n import _

__all__ = ["Store", "Transaction", "SCHEMA_VERSION", "MIGRATIONS", "TABLES", "DoctorReport"]

SCHEMA_VERSION = 2


def _v1_ids_into_records(files: dict[str, dict[str, Any]]) -> None:
    """Schema 2: every record carries its own "id", so readers can hand records out uncopied."""
    for rel, data in files.items():
        if rel in (META, MODELS):
            continue  # single documents (schema, profile, models), not records
        for table in data.values():
            for key, doc in table.items():
                doc["id"] = int(key)


# version -> function(files: dict[rel, data]) that upgrades the in-memory files to version+1.
MIGRATIONS: dict[int, Any] = {1: _v1_ids_into_records}

BACKUPS_PER_FILE = 10
UNDO_DEPTH = 10
LOCK_TIMEOUT = float(os.environ.get("GROWTHDESK_LOCK_TIMEOUT", "30"))

META = "meta.json"
MAIN = "main.json"
MODELS = "models.json"
UNDO = "undo.json"
JOURNAL = "journal.json"
LOCK = "growthdesk.lock"
WINS_DIR = "wins"

SMALL_TABLES = {
    "contacts": MAIN,
    "links": MAIN,
    "interactions": MAIN,
    "events": MAIN,
    "learning": MAIN,
    "kudos": MAIN,
    "profile": META,
    "_meta": META,
    "models": MODELS,
}
TABLES = ("wins", "contacts", "links", "interactions", "events", "learning", "kudos")

PROFILE_DEFAULTS: dict[str, Any] = {
    "started": None,
    "role": None,
    "target_minutes": 15,
    "track": None,
    "lang": "en",
}

_CRASH_ENV = "GROWTHDESK_CRASH_AT"
_crash_hits = 0


def _crashpoint(name: str) -> None:
    """Fault injection for the kill tests: SIGKILL ourselves at a named point of a commit.

    GROWTHDESK_CRASH_AT names the point; GROWTHDESK_CRASH_SKIP lets that many hits pass first.
    """
    global _crash_hits
    if os.environ.get(_CRASH_ENV) != name:
        return
    _crash_hits += 1
    if _crash_hits > int(os.environ.get("GROWTHDESK_CRASH_SKIP", "0")):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse directory fsync
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_file(path: Path, payload: bytes) -> None:
    """Create *path* (0600), write and fsync it. The caller renames it into place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        if os.environ.get(_CRASH_ENV) == "tmp_write" and len(payload) > 1:
            half = os.write(fd, view[: len(payload) // 2])
            view = view[half:]
            _crashpoint("tmp_write")
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, payload: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    _write_file(tmp, payload)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _month_of(when: str) -> str:
    # ISO "2026-11-26T..." -> "2026-11"; validated by the domain before it gets here.
    return when[:7]


class _FileCache:
    """Parsed files, kept only while stat() says the file is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}

    def load(self, path: Path, rel: str) -> dict[str, Any] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        hit = self._entries.get(path)
        if hit and hit[0] == key:
            return hit[1]
        data = _parse(path.read_bytes(), rel)
        self._entries[path] = (key, data)
        return data

    def forget(self, path: Path) -> None:
        self._entries.pop(path, None)


def _parse(raw: bytes, rel: str) -> dict[str, Any]:
    """Parse a data file; an empty, torn or foreign file is an error, never an empty table."""
    hint = _("run `growthdesk doctor` to restore the newest good backup")
    if not raw.strip(b" \t\r\n\0"):  # NUL-filled files follow crashes on some filesystems
        raise CorruptStoreError(_("data file {file} is empty; {hint}", file=rel, hint=hint))
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise CorruptStoreError(
            _("data file {file} is damaged (not valid JSON); {hint}", file=rel, hint=hint)
        ) from None
    # Every table a dict of dicts; the record check runs in C (set of types), as it walks
    # every record of every shard on every command.
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and set(map(type, t.values())) <= {dict} for t in data.values()
    ):
        raise CorruptStoreError(
            _("data file {file} is not a growthdesk file; {hint}", file=rel, hint=hint)
        )
    return data


class _MemoryStorage(Storage):
    """TinyDB storage over one in-memory file of a transaction; the commit writes it out."""

    def __init__(self, tx: Transaction, rel: str) -> None:
        self._tx = tx
        self._rel = rel

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._tx._data(self._rel)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._tx._files[self._rel] = data
        self._tx._dirty.add(self._rel)

    def close(self) -> None:
        pass


class Store:
    """One data folder. Reads need no lock; writes go through :meth:`transaction`."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self._cache = _FileCache()
        self._opened = False

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> None:
        if self._opened:
            return
        home = self.home
        if home.exists() and not home.is_dir():
            raise StoreError(_("data folder {path} is a file, not a folder", path=home))
        if not home.exists():
            try:
                home.mkdir(mode=0o700, parents=True)
            except OSError as exc:
                raise StoreError(
                    _("cannot create data folder {path}: {why}", path=home, why=exc.strerror)
                ) from None
            os.chmod(home, 0o700)
        if (home / JOURNAL).exists():
            with self._lock():
                self._recover()
        meta = self._read(META)
        if meta is not None:
            version = self._schema_version(meta)
            if version > SCHEMA_VERSION:
                raise NewerStoreError(
                    _(
                        "the data in {path} was written by a newer growthdesk (schema {v}, this "
                        "version reads up to {mine}); upgrade growthdesk",
                        path=home,
                        v=version,
                        mine=SCHEMA_VERSION,
                    )
                )
            self._opened = True  # before migrating: the migration opens a transaction
            if version < SCHEMA_VERSION:
                self._migrate()
        self._opened = True

    @staticmethod
    def _schema_version(meta: dict[str, Any]) -> int:
        doc = meta.get("_meta", {}).get("1")
        if not doc or not isinstance(doc.get("schema_version"), int):
            raise CorruptStoreError(_("data file {file} has no schema version", file=META))
        return int(doc["schema_version"])

    def _migrate(self) -> None:
        with self.transaction("migrate schema", undoable=False) as tx:
            version = self._schema_version(tx._data(META))
            if version >= SCHEMA_VERSION:
                return  # another process migrated while we waited for the lock
            rels = [META, MAIN, MODELS, *(f"{WINS_DIR}/{m}.json" for m in self.win_months())]
            files = {rel: tx._data(rel) for rel in rels if (self.home / rel).exists()}
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](files)
                version += 1
            for rel, data in files.items():
                tx._files[rel] = data
                tx._dirty.add(rel)
            tx._data(META)["_meta"]["1"]["schema_version"] = SCHEMA_VERSION

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # Windows: filelock's msvcrt locking
            yield from _filelock(self.home / LOCK, self.home)
            return
        # flock(2) directly on POSIX: the same lock filelock would take, without the ~50 ms it
        # costs to import on every `growthdesk log`.
        fd = os.open(self.home / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            delay = 0.001
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise _busy(self.home) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.05)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _recover(self) -> None:
        """Finish a commit that was interrupted after its journal landed; sweep temp files."""
        journal = self.home / JOURNAL
        if journal.exists():
            plan = _parse(journal.read_bytes(), JOURNAL)["ops"]
            for op in plan.values():
                target = self.home / op["target"]
                if op["tmp"] is None:
                    with contextlib.suppress(FileNotFoundError):
                        target.unlink()
                    continue
                tmp = self.home / op["tmp"]
                if tmp.exists():
                    os.replace(tmp, target)
            for folder in {self.home, self.home / WINS_DIR}:
                if folder.exists():
                    _fsync_dir(folder)
            journal.unlink()
            _fsync_dir(self.home)
        for folder in (self.home, self.home / WINS_DIR):
            if folder.is_dir():
                for tmp in folder.glob("*.tmp"):
                    tmp.unlink()

    # -- reading ---------------------------------------------------------------------------

    def _read(self, rel: str) -> dict[str, Any] | None:
        return self._cache.load(self.home / rel, rel)

    def _table(self, rel: str, table: str) -> list[dict[str, Any]]:
        # Records carry their own "id" and are handed out as parsed, without copying: building
        # 25,000 fresh dicts per read cost ~50 ms. Callers treat them as read-only; transactions
        # never see them (they parse their own copy), so a stray mutation cannot reach the disk.
        data = self._read(rel)
        if not data:
            return []
        return list(data.get(table, {}).values())

    def win_months(self) -> list[str]:
        self._open()
        folder = self.home / WINS_DIR
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("????-??.json"))

    def wins(self, months: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Wins from the given month shards (default: all), oldest first."""
        self._open()
        chosen = self.win_months() if months is None else list(months)
        out: list[dict[str, Any]] = []
        for month in sorted(chosen):
            out.extend(_in_time_order(self._table(f"{WINS_DIR}/{month}.json", "wins")))
        return out

    def all(self, table: str) -> list[dict[str, Any]]:
        if table == "wins":
            return self.wins()
        self._open()
        return self._table(_small_file(table), table)

    def get(self, table: str, id: int) -> dict[str, Any]:
        if table == "wins":
            self._open()
            # Newest month first, stopping at the hit: recent wins are the ones looked up.
            records: Iterable[dict[str, Any]] = (
                rec
                for month in reversed(self.win_months())
                for rec in self._table(f"{WINS_DIR}/{month}.json", "wins")
            )
        else:
            records = self.all(table)
        for rec in records:
            if rec["id"] == id:
                return rec
        raise NotFoundError(_("no {table} record with id {id}", table=table.rstrip("s"), id=id))

    def profile(self) -> dict[str, Any]:
        self._open()
        data = self._read(META) or {}
        return {**PROFILE_DEFAULTS, **data.get("profile", {}).get("1", {})}

    def model(self, name: str) -> dict[str, Any] | None:
        self._open()
        data = self._read(MODELS) or {}
        doc = data.get("models", {}).get("1", {})
        value = doc.get(name)
        return value if isinstance(value, dict) else None

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, label: str, *, undoable: bool = True) -> Iterator[Transaction]:
        """Hold the lock; commit everything at the end, or nothing if the block raises."""
        if not self._opened:
            self._open()
        with self._lock():
            self._recover()
            tx = Transaction(self, label, undoable=undoable)
            yield tx
            tx._commit()

    def history(self) -> list[dict[str, Any]]:
        """Undo entries, newest first."""
        self._open()
        data = self._read(UNDO) or {}
        entries = list(data.get("undo", {}).values())
        return sorted(entries, key=lambda e: e["tx"], reverse=True)

    def undo(self) -> str:
        """Restore the files of the newest undoable change; return its label."""
        self._open()
        with self._lock():
            self._recover()
            undo_data = self._read(UNDO) or {}
            entries = undo_data.get("undo", {})
            if not entries:
                raise NothingToUndoError(_("nothing to undo"))
            key = max(entries, key=lambda k: entries[k]["tx"])
            entry = entries[key]
            restore: dict[str, bytes | None] = {}
            for rel, backup in entry["files"].items():
                if backup is None:
                    restore[rel] = None
                    continue
                path = self.home / backup
                if not path.exists():
                    raise StoreError(_("the backup {file} needed for undo is missing", file=backup))
                restore[rel] = path.read_bytes()
            remaining = {k: v for k, v in entries.items() if k != key}
            payloads: dict[str, bytes | None] = dict(restore)
            payloads[UNDO] = orjson.dumps({"undo": remaining})
            _commit_files(self, payloads, undo_entry=None)
            return str(entry["label"])

    # -- doctor ----------------------------------------------------------------------------

    def check(self) -> DoctorReport:
        """Parse every file; for each broken one, find its newest good backup."""
        report = DoctorReport(home=self.home)
        if self.home.exists() and not self.home.is_dir():
            raise StoreError(_("data folder {path} is a file, not a folder", path=self.home))
        if not self.home.exists():
            return report
        with self._lock():
            self._recover()
        mode = self.home.stat().st_mode & 0o777
        if mode & 0o077:
            report.warnings.append(
                _("data folder is readable by others (mode {m:o}); expected 700", m=mode)
            )
        rels = [rel for rel in (META, MAIN, MODELS, UNDO) if (self.home / rel).exists()]
        folder = self.home / WINS_DIR
        if folder.is_dir():
            rels += [f"{WINS_DIR}/{p.name}" for p in sorted(folder.glob("*.json"))]
        for rel in rels:
            path = self.home / rel
            try:
                _parse(path.read_bytes(), rel)
                report.ok.append(rel)
            except CorruptStoreError as exc:
                report.broken[rel] = (str(exc), self._newest_good_backup(rel))
            if path.stat().st_mode & 0o077:
                report.warnings.append(_("{file} is readable by others", file=rel))
        return report

    def _newest_good_backup(self, rel: str) -> str | None:
        folder = self.home / "backups" / _flat(rel)
        if not folder.is_dir():
            return None
        for candidate in sorted(folder.iterdir(), reverse=True):
            try:
                _parse(candidate.read_bytes(), rel)
            except CorruptStoreError:
                continue
            return str(candidate.relative_to(self.home))
        return None

    def restore(self, rel: str, backup: str) -> None:
        """Replace a (broken) file with one of its backups, atomically."""
        with self._lock():
            payload = (self.home / backup).read_bytes()
            _parse(payload, rel)
            _atomic_write(self.home / rel, payload)
            self._cache.forget(self.home / rel)


class DoctorReport:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.ok: list[str] = []
        self.broken: dict[str, tuple[str, str | None]] = {}
        self.warnings: list[str] = []

    @property
    def healthy(self) -> bool:
        return not self.broken


def _in_time_order(wins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wins sorted by when, then id; a linear check first, because shards are stored sorted."""
    if all(a["when"] <= b["when"] for a, b in pairwise(wins)):
        return wins
    return sorted(wins, key=lambda w: (w["when"], w["id"]))


def _busy(home: Path) -> StoreBusyError:
    return StoreBusyError(_("another growthdesk is still writing to {path}; try again", path=home))


def _filelock(path: Path, home: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=LOCK_TIMEOUT, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise _busy(home) from None
    try:
        yield
    finally:
        lock.release()


def _small_file(table: str) -> str:
    try:
        return SMALL_TABLES[table]
    except KeyError:
        raise StoreError(_("unknown table {table}", table=table)) from None


def _flat(rel: str) -> str:
    return rel.replace("/", "_")


class Transaction:
    """Reads and changes under the store lock; written out together by the commit."""

    def __init__(self, store: Store, label: str, *, undoable: bool = True) -> None:
        self._store = store
        self.label = label
        self.undoable = undoable
        self._files: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        self._dbs: dict[str, TinyDB] = {}

    # -- plumbing ----------------------------------------------------------------------------

    def _data(self, rel: str) -> dict[str, Any]:
        if rel not in self._files:
            # A private parse, under the lock: neither the readers' cache nor anything a reader
            # did to its records can leak into what this transaction writes.
            path = self._store.home / rel
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                self._files[rel] = self._fresh(rel)
            else:
                self._files[rel] = _parse(raw, rel)
        return self._files[rel]

    @staticmethod
    def _fresh(rel: str) -> dict[str, Any]:
        if rel == META:
            return {"_meta": {"1": {"schema_version": SCHEMA_VERSION, "next_id": {}}}}
        return {}

    def _db(self, rel: str) -> TinyDB:
        if rel not in self._dbs:
            # A fresh TinyDB per unit of work, no query cache: it must never serve stale rows.
            self._dbs[rel] = TinyDB(storage=_MemoryStorage, tx=self, rel=rel)
        return self._dbs[rel]

    def _next_id(self, table: str) -> int:
        meta = self._data(META)
        doc = meta.setdefault("_meta", {}).setdefault("1", {"schema_version": SCHEMA_VERSION})
        counters = doc.setdefault("next_id", {})
        value = int(counters.get(table, 1))
        counters[table] = value + 1
        self._dirty.add(META)
        return value

    def _reserve_id(self, table: str, id: int) -> None:
        counters = self._data(META)["_meta"]["1"].setdefault("next_id", {})
        if int(counters.get(table, 1)) <= id:
            counters[table] = id + 1
            self._dirty.add(META)

    def _months(self) -> list[str]:
        """Month shards on disk plus those this transaction has created so far."""
        prefix = WINS_DIR + "/"
        pending = {
            rel[len(prefix) : -len(".json")] for rel in self._files if rel.startswith(prefix)
        }
        return sorted(set(self._store.win_months()) | pending)

    def _win_rel(self, id: int) -> str | None:
        for month in reversed(self._months()):
            rel = f"{WINS_DIR}/{month}.json"
            if str(id) in self._data(rel).get("wins", {}):
                return rel
        return None

    def _rel_for(self, table: str, id: int) -> str:
        if table == "wins":
            rel = self._win_rel(id)
            if rel is None:
                raise NotFoundError(_("no win with id {id}", id=id))
            return rel
        return _small_file(table)

    # -- API -----------------------------------------------------------------------------------

    def all(self, table: str) -> list[dict[str, Any]]:
        if table == "wins":
            out: list[dict[str, Any]] = []
            for month in self._months():
                rel = f"{WINS_DIR}/{month}.json"
                out.extend(
                    _in_time_order([dict(v) for v in self._data(rel).get("wins", {}).values()])
                )
            return out
        rel = _small_file(table)
        return [dict(v) for v in self._data(rel).get(table, {}).values()]

    def get(self, table: str, id: int) -> dict[str, Any]:
        try:
            rel = self._rel_for(table, id)
        except NotFoundError:
            raise NotFoundError(
                _("no {table} record with id {id}", table=table.rstrip("s"), id=id)
            ) from None
        doc = self._db(rel).table(table, cache_size=0).get(doc_id=id)
        if doc is None:
            raise NotFoundError(_("no {table} record with id {id}", table=table.rstrip("s"), id=id))
        return {"id": id, **dict(doc)}

    def insert(self, table: str, record: dict[str, Any]) -> int:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: Iterable[dict[str, Any]]) -> list[int]:
        """Insert records; a record that carries "id" keeps it (used by restore)."""
        ids: list[int] = []
        by_rel: dict[str, list[Document]] = {}
        for record in records:
            if "id" in record:
                id = int(record["id"])
                self._reserve_id(table, id)
            else:
                id = self._next_id(table)
            body = {**record, "id": id}
            rel = (
                f"{WINS_DIR}/{_month_of(body['when'])}.json"
                if table == "wins"
                else _small_file(table)
            )
            by_rel.setdefault(rel, []).append(Document(body, doc_id=id))
            ids.append(id)
        for rel, docs in by_rel.items():
            if table == "wins":
                self._data(rel)  # make sure a new shard starts empty, not missing
            self._db(rel).table(table, cache_size=0).insert_multiple(docs)
        return ids

    def update(self, table: str, id: int, changes: dict[str, Any]) -> dict[str, Any]:
        current = self.get(table, id)
        merged = {**current, **changes, "id": id}
        if table == "wins" and _month_of(merged["when"]) != _month_of(current["when"]):
            # The win moves to another month's shard.
            self.remove(table, id)
            self.insert_many(table, [merged])
            return merged
        rel = self._rel_for(table, id)
        body = {k: v for k, v in changes.items() if k != "id"}
        self._db(rel).table(table, cache_size=0).update(body, doc_ids=[id])
        return merged

    def remove(self, table: str, id: int) -> None:
        rel = self._rel_for(table, id)
        tbl = self._db(rel).table(table, cache_size=0)
        if not tbl.contains(doc_id=id):
            raise NotFoundError(_("no {table} record with id {id}", table=table.rstrip("s"), id=id))
        tbl.remove(doc_ids=[id])

    def set_profile(self, changes: dict[str, Any]) -> dict[str, Any]:
        meta = self._data(META)
        doc = meta.setdefault("profile", {}).setdefault("1", {})
        doc.update(changes)
        self._dirty.add(META)
        return {**PROFILE_DEFAULTS, **doc}

    def profile(self) -> dict[str, Any]:
        return {**PROFILE_DEFAULTS, **self._data(META).get("profile", {}).get("1", {})}

    def model(self, name: str) -> dict[str, Any] | None:
        value = self._data(MODELS).get("models", {}).get("1", {}).get(name)
        return value if isinstance(value, dict) else None

    def set_model(self, name: str, blob: dict[str, Any]) -> None:
        data = self._data(MODELS)
        data.setdefault("models", {}).setdefault("1", {})[name] = blob
        self._dirty.add(MODELS)

    # -- commit ----------------------------------------------------------------------------------

    def _commit(self) -> None:
        payloads: dict[str, bytes | None] = {}
        for rel in sorted(self._dirty):
            data = self._files[rel]
            if rel.startswith(WINS_DIR + "/"):
                if not data.get("wins"):
                    # An emptied month shard is removed rather than kept as an empty file.
                    if (self._store.home / rel).exists():
                        payloads[rel] = None
                    continue
                # Shards are kept in time order so that readers need not sort.
                docs = data["wins"]
                data = {
                    **data,
                    "wins": {str(d["id"]): d for d in _in_time_order(list(docs.values()))},
                }
            payloads[rel] = orjson.dumps(data)
        if not payloads:
            return
        if META not in payloads and not (self._store.home / META).exists():
            payloads[META] = orjson.dumps(self._data(META))
        _commit_files(self._store, payloads, undo_entry=self.label if self.undoable else None)


def _commit_files(store: Store, payloads: dict[str, bytes | None], undo_entry: str | None) -> None:
    """All-or-nothing write of several files (None deletes a file). Caller holds the lock."""
    home = store.home
    txid = f"{time.time_ns():020d}-{os.getpid()}"
    if any(rel.startswith(WINS_DIR + "/") for rel in payloads):
        (home / WINS_DIR).mkdir(mode=0o700, exist_ok=True)

    # Backups of the files we are about to replace: hard links cost nothing and keep the
    # old inode alive after os.replace.
    backups: dict[str, str | None] = {}
    for rel in payloads:
        if rel == UNDO:
            continue
        target = home / rel
        if target.exists():
            folder = home / "backups" / _flat(rel)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(home / "backups", 0o700)
            dest = folder / txid
            try:
                os.link(target, dest)
            except OSError:
                dest.write_bytes(target.read_bytes())
                os.chmod(dest, 0o600)
            backups[rel] = str(dest.relative_to(home))
        else:
            backups[rel] = None

    if undo_entry is not None:
        undo_data = store._read(UNDO) or {"undo": {}}
        entries = dict(undo_data.get("undo", {}))
        entries[txid] = {"tx": txid, "label": undo_entry, "at": _now_iso(), "files": backups}
        for old in sorted(entries)[:-UNDO_DEPTH]:
            del entries[old]
        payloads[UNDO] = orjson.dumps({"undo": entries})

    ops: dict[str, dict[str, str | None]] = {}
    for rel, payload in payloads.items():
        if payload is None:
            ops[rel] = {"target": rel, "tmp": None}
            continue
        tmp_rel = f"{rel}.{txid}.tmp"
        _write_file(home / tmp_rel, payload)
        ops[rel] = {"target": rel, "tmp": tmp_rel}
    _crashpoint("before_journal")
    _atomic_write(home / JOURNAL, orjson.dumps({"ops": {k: dict(v) for k, v in ops.items()}}))
    _crashpoint("before_replace")  # the commit is durable from here: the journal rolls it forward

    for i, op in enumerate(ops.values()):
        target = home / str(op["target"])
        if op["tmp"] is None:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        else:
            os.replace(home / str(op["tmp"]), target)
        if i == 0:
            _crashpoint("mid_replace")
        store._cache.forget(target)
    _fsync_dir(home)
    if (home / WINS_DIR).exists():
        _fsync_dir(home / WINS_DIR)
    _crashpoint("after_replace")
    (home / JOURNAL).unlink()
    _fsync_dir(home)
    _prune_backups(store, [rel for rel in backups if backups[rel]])


def _prune_backups(store: Store, rels: list[str]) -> None:
    """Keep the newest versions of each file, and every version an undo entry still needs."""
    undo_data = store._read(UNDO) or {}
    needed = {
        backup
        for entry in undo_data.get("undo", {}).values()
        for backup in entry["files"].values()
        if backup
    }
    for rel in rels:
        folder = store.home / "backups" / _flat(rel)
        versions = sorted(folder.iterdir())
        for old in versions[:-BACKUPS_PER_FILE]:
            if str(old.relative_to(store.home)) not in needed:
                with contextlib.suppress(OSError):
                    old.unlink()
