"""Transaction: reads and changes under the store lock, written out together by one commit."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from growthdesk.core.errors import NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.records import Profile, Win
from growthdesk.store import chains, journal, lock, manifest, migrations, summaries
from growthdesk.store.files import in_time_order, pack_shard, parse, read
from growthdesk.store.layout import (
    META,
    MODELS,
    PROFILE_DEFAULTS,
    WINS_DIR,
    is_shard,
    month_of,
    months_on_disk,
    shard,
    small_file,
)
from growthdesk.store.reads import Reads, not_found

if TYPE_CHECKING:
    from growthdesk.store.api import Store

__all__ = ["Transaction"]


class Transaction(Reads):
    """Reads and changes under the store lock; written out together by the commit.

    Records read here are private copies: change them freely, then pass the changes on.
    """

    def __init__(self, store: Store, label: str, *, undoable: bool = True) -> None:
        self._store = store
        self.label = label
        self.undoable = undoable
        self._files: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        # Win ids each shard's commit adds, changes or removes (None: the whole file was set),
        # so that the month summary can keep what it knew of the others.
        self._touched: dict[str, set[int] | None] = {}
        self._dbs: dict[str, TinyDB] = {}
        # Each shard as stored (its fields and records): the commit writes the untouched records
        # as they are.
        self._stored: dict[str, dict[str, Any]] = {}
        # The shards on disk cannot change under the lock until the commit: listed once, not
        # once per record (a bulk edit of 3,000 wins spent 40% of its time listing them).
        self._on_disk: list[str] | None = None
        self._chains = "follow"  # what the commit does to the chains (see chains_after)

    @classmethod
    @contextlib.contextmanager
    def begin(
        cls, store: Store, label: str, *, undoable: bool = True, created: bool = False
    ) -> Iterator[Transaction]:
        """Hold the lock; commit everything at the end, or nothing if the block raises.

        *created*: the caller has just created the data folder, which goes again if this
        transaction leaves nothing in it (a command refused by validation leaves no folder).
        """
        with lock.hold(store.home):
            journal.recover(store.home)
            tx = cls(store, label, undoable=undoable)
            try:
                yield tx
                tx._commit()
            finally:
                tx._dbs.clear()  # TinyDB's storage points back at tx: free it without the GC
                if created:
                    lock.for_home(store.home).drop_if_unused()

    # -- the store's internal API (migrations, TinyDB) -------------------------------------------

    def file(self, rel: str) -> dict[str, Any]:
        """This transaction's copy of a data file (a new one starts empty); changes need put_file."""
        if rel not in self._files:
            # A private parse, under the lock: neither the readers' cache nor anything a reader
            # did to its records can leak into what this transaction writes.
            home = self._store.home
            try:
                raw = read(home / rel, rel)
            except FileNotFoundError:
                if rel == META:
                    if manifest.meta_expected(home):
                        raise manifest.missing(META) from None
                    self._files[rel] = migrations.fresh_meta()
                elif rel in manifest.listed(self.file(META)):
                    raise manifest.missing(rel) from None
                else:
                    self._files[rel] = {}
            else:
                stored = self._stored.setdefault(rel, {}) if is_shard(rel) else None
                self._files[rel] = parse(raw, rel, stored)
        return self._files[rel]

    def put_file(self, rel: str, data: dict[str, Any]) -> None:
        """Set a whole data file; the commit writes it."""
        self._put(rel, data)
        self._touched[rel] = None

    def chains_after(self, how: str) -> None:
        """What this commit does to the chains: "follow" (as every commit: fold what its shards
        change), "leave" (nothing: a run of commits that each rewrite an old month, a migration,
        would fold the whole history once per month) or "refold" (fold each afresh from the
        shards on disk, after such a run). A chain left behind no longer matches its shards, so
        readers fold the months themselves until it is folded again: never another answer."""
        self._chains = how

    def _put(self, rel: str, data: dict[str, Any]) -> None:
        self._files[rel] = data
        self._dirty.add(rel)

    def _touch(self, rel: str, ids: Iterable[int]) -> None:
        if is_shard(rel):
            touched = self._touched.setdefault(rel, set())
            if touched is not None:
                touched.update(ids)

    # -- plumbing ----------------------------------------------------------------------------

    def _table(self, rel: str, table: str) -> Table:
        if rel not in self._dbs:
            # A fresh TinyDB per unit of work, no query cache: it must never serve stale rows.
            self._dbs[rel] = TinyDB(storage=_MemoryStorage, tx=self, rel=rel)
        return self._dbs[rel].table(table, cache_size=0)

    def _counters(self) -> dict[str, int]:
        return cast("dict[str, int]", self.file(META)["_meta"]["1"].setdefault("next_id", {}))

    def _next_id(self, table: str) -> int:
        counters = self._counters()
        value = int(counters.get(table, 1))
        counters[table] = value + 1
        self._dirty.add(META)
        return value

    def _reserve_id(self, table: str, id: int) -> None:
        counters = self._counters()
        if int(counters.get(table, 1)) <= id:
            counters[table] = id + 1
            self._dirty.add(META)

    def _months(self) -> list[str]:
        """Month shards on disk plus those this transaction has created so far."""
        prefix = WINS_DIR + "/"
        pending = {rel[len(prefix) : -len(".json")] for rel in self._files if is_shard(rel)}
        if self._on_disk is None:
            self._on_disk = months_on_disk(self._store.home)
        on_disk = self._on_disk
        gone = manifest.listed(self.file(META)) - {shard(m) for m in on_disk} - self._files.keys()
        for rel in sorted(gone):
            if is_shard(rel):
                raise manifest.missing(rel)
        return sorted(set(on_disk) | pending)

    def _rel_for(self, table: str, id: int) -> str:
        if table != "wins":
            return small_file(table)
        for month in reversed(self._months()):
            if str(id) in self.file(shard(month)).get("wins", {}):
                return shard(month)
        raise NotFoundError(_("no win with id {id}", id=id))

    # -- API -----------------------------------------------------------------------------------

    def all(self, table: str) -> list[dict[str, Any]]:
        if table == "wins":
            out: list[dict[str, Any]] = []
            for month in self._months():
                records = self.file(shard(month)).get("wins", {}).values()
                out.extend(in_time_order([dict(v) for v in records]))
            return out
        return [dict(v) for v in self.file(small_file(table)).get(table, {}).values()]

    def wins_by_month(self) -> Iterator[list[Win]]:
        """Every month's wins, oldest first, one month at a time. A shard this transaction has
        not opened is parsed here and let go, not kept: read them, do not change them (use
        update)."""
        home = self._store.home
        for month in self._months():
            rel = shard(month)
            data = self._files.get(rel)
            if data is None:
                try:
                    data = parse(read(home / rel, rel), rel)
                except FileNotFoundError:
                    raise manifest.missing(rel) from None
            yield cast("list[Win]", in_time_order(list(data.get("wins", {}).values())))

    def get(self, table: str, id: int) -> dict[str, Any]:
        try:
            rel = self._rel_for(table, id)
        except NotFoundError:
            raise not_found(table, id) from None
        doc = self._table(rel, table).get(doc_id=id)
        if doc is None:
            raise not_found(table, id)
        return {"id": id, **dict(cast(Document, doc))}

    def insert(self, table: str, record: Mapping[str, Any]) -> int:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: Iterable[Mapping[str, Any]]) -> list[int]:
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
            rel = shard(month_of(body["when"])) if table == "wins" else small_file(table)
            by_rel.setdefault(rel, []).append(Document(body, doc_id=id))
            ids.append(id)
        for rel, docs in by_rel.items():
            if table == "wins":
                self.file(rel)  # make sure a new shard starts empty, not missing
            self._touch(rel, (d.doc_id for d in docs))
            self._table(rel, table).insert_multiple(docs)
        return ids

    def update(self, table: str, id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
        current = self.get(table, id)
        merged = {**current, **changes, "id": id}
        if table == "wins" and month_of(merged["when"]) != month_of(current["when"]):
            # The win moves to another month's shard.
            self.remove(table, id)
            self.insert_many(table, [merged])
            return merged
        rel = self._rel_for(table, id)
        self._touch(rel, (id,))
        body = {k: v for k, v in changes.items() if k != "id"}
        self._table(rel, table).update(body, doc_ids=[id])
        return merged

    def update_many(self, table: str, changes: Mapping[int, Mapping[str, Any]]) -> None:
        """:meth:`update` of many records (a bulk retag): one pass over each file per distinct
        change instead of one per record. A win moved to another month goes through update()."""
        groups: dict[tuple[str, bytes], tuple[dict[str, Any], list[int]]] = {}
        for id, change in changes.items():
            body = {k: v for k, v in change.items() if k != "id"}
            if table == "wins" and "when" in body:
                self.update(table, id, body)
                continue
            try:
                rel = self._rel_for(table, id)
            except NotFoundError:
                raise not_found(table, id) from None
            if str(id) not in self.file(rel).get(table, {}):
                raise not_found(table, id)
            key = (rel, orjson.dumps(body, option=orjson.OPT_SORT_KEYS))
            groups.setdefault(key, (body, []))[1].append(id)
        for (rel, _key), (body, ids) in groups.items():
            self._touch(rel, ids)  # the summaries and the lean commit trust what is touched
            self._table(rel, table).update(body, doc_ids=ids)

    def remove_many(self, table: str, ids: Iterable[int]) -> list[dict[str, Any]]:
        """Remove records by id and return them; an unknown id raises (the caller's transaction
        then writes nothing)."""
        removed = []
        for id in ids:
            removed.append(self.get(table, id))
            self.remove(table, id)
        return removed

    def remove(self, table: str, id: int) -> None:
        rel = self._rel_for(table, id)
        self._touch(rel, (id,))
        tbl = self._table(rel, table)
        if not tbl.contains(doc_id=id):
            raise not_found(table, id)
        tbl.remove(doc_ids=[id])

    def profile(self) -> Profile:
        return cast(
            Profile, {**PROFILE_DEFAULTS, **self.file(META).get("profile", {}).get("1", {})}
        )

    def set_profile(self, changes: Mapping[str, Any]) -> Profile:
        doc = self.file(META).setdefault("profile", {}).setdefault("1", {})
        doc.update(changes)
        self._dirty.add(META)
        return cast(Profile, {**PROFILE_DEFAULTS, **doc})

    def model(self, name: str) -> dict[str, Any] | None:
        value = self.file(MODELS).get("models", {}).get("1", {}).get(name)
        return value if isinstance(value, dict) else None

    def set_model(self, name: str, blob: dict[str, Any]) -> None:
        self.file(MODELS).setdefault("models", {}).setdefault("1", {})[name] = blob
        self._dirty.add(MODELS)

    # -- commit ----------------------------------------------------------------------------------

    def _commit(self) -> None:
        home = self._store.home
        payloads: dict[str, bytes | None] = {}
        docs_of: dict[str, list[dict[str, Any]]] = {}
        for rel in sorted(self._dirty):
            data = self._files[rel]
            if is_shard(rel):
                if not data.get("wins"):
                    # An emptied month shard is removed rather than kept as an empty file.
                    if (home / rel).exists():
                        payloads[rel] = None
                    continue
                # Shards are kept in time order so that readers need not sort, and lean.
                docs_of[rel] = in_time_order(list(data["wins"].values()))
                payloads[rel] = pack_shard(data, self._stored.get(rel), self._touched.get(rel))
                continue
            payloads[rel] = orjson.dumps(data)
        if not payloads:
            return
        # A commit that adds or removes a data file rewrites the manifest with it.
        meta = self.file(META)
        before = manifest.listed(meta)
        added = {r for r, p in payloads.items() if p is not None and manifest.is_listed_kind(r)}
        after = (before | added) - {r for r, p in payloads.items() if p is None}
        if META in payloads or after != before or not (home / META).exists():
            manifest.set_listed(meta, after)
            payloads[META] = orjson.dumps(meta)
        entry = None
        if self.undoable:
            entry = (self.label, self._store.now().isoformat(timespec="seconds"))
        # The month summaries and the chains, in the same commit.
        if self._chains == "follow":
            derive = chains.derive(home, payloads, docs_of, self._touched)
        else:
            derive = _chains_refolded(
                home, summaries.derive(home, payloads, docs_of, self._touched), self._chains
            )
        journal.commit(self._store.files, payloads, undo_entry=entry, derive=derive)


def _chains_refolded(
    home: Path, months: Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]], how: str
) -> Callable[[Mapping[str, os.stat_result]], dict[str, bytes | None]]:
    """A commit's derive with the month summaries of *months* and, for "refold", every chain
    folded afresh from the shards on disk (those of this commit are not shards)."""

    def derived(stats: Mapping[str, os.stat_result]) -> dict[str, bytes | None]:
        out = months(stats)
        if how == "refold":
            known = chains.chains()  # another chain is not this process's to judge
            for rel, name, *_rest in chains.chain_files(home):
                if name in known:
                    out[rel] = None
            for name in sorted(known):
                with contextlib.suppress(Exception):  # a record a fold cannot read: see follow
                    fresh = chains.rebuild(home, name)
                    if fresh is not None:
                        out[fresh[0]] = fresh[1]
        return out

    return derived


class _MemoryStorage(Storage):
    """TinyDB storage over one in-memory file of a transaction; the commit writes it out."""

    def __init__(self, tx: Transaction, rel: str) -> None:
        self._tx = tx
        self._rel = rel

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._tx.file(self._rel)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._tx._put(self._rel, data)

    def close(self) -> None:
        pass
