"""`growthdesk doctor`: every problem of a data folder, and one repair for all of them.

:func:`check` reads everything under the lock: the journal, undo.json, meta.json, main.json,
models.json, every month shard and every record in them. Next to the report it builds the
folder as the repair will leave it: a broken or missing file replaced by its newest good backup
and then, on that view, damaged records set aside, a win id found in two shards kept once, wins
moved to the shard of their month, id counters raised past the highest id seen, the manifest
brought in line, and each month summary and chained summary judged against a fresh build. :func:`repair` checks again under the lock and writes all of it in one
journaled commit (not undoable), so that a repair survives a crash like any other change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from growthdesk.core.errors import StoreError
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.keys import key_id
from growthdesk.core.text import forget_texts
from growthdesk.store import (
    backups,
    chains,
    journal,
    lock,
    manifest,
    migrations,
    summaries,
    undo,
    validate,
)
from growthdesk.store.files import (
    FileCache,
    atomic_write,
    decode,
    in_time_order,
    pack_shard,
    parse,
    unpack_shard,
)
from growthdesk.store.layout import (
    JOURNAL,
    MAIN,
    META,
    MODELS,
    UNDO,
    is_shard,
    is_summary,
    month_of,
    months_on_disk,
    shard,
    summary_files,
    summary_of,
    tables_of,
)

__all__ = ["Problem", "DoctorReport", "check", "repair"]


@dataclass
class Problem:
    file: str
    why: str
    fix: str | None = None  # what repair does about it; None: nothing it can do
    loses: str | None = None  # what that fix discards, if anything
    backup: str | None = None  # the backup a restore puts back
    whole_file: bool = False  # the file itself is broken or missing
    # A derived file (month summary, chain) merely out of date: missing, of another version
    # or older than its shards, as every one is after an upgrade. Readers rebuild it as they
    # read, so no answer is wrong: reported, and rewritten by a repair, but not a failure.
    stale: bool = False


@dataclass
class DoctorReport:
    home: Path
    ok: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stamp: str = ""  # names what repair sets aside: <file>.damaged-<stamp>
    # What repair writes: data files (None deletes one), side files to set aside, damaged records.
    payloads: dict[str, bytes | None] = field(default_factory=dict, repr=False)
    set_aside: list[str] = field(default_factory=list, repr=False)
    kept: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def healthy(self) -> bool:
        return not self.broken

    @property
    def broken(self) -> list[Problem]:
        """The problems that are damage, not merely out-of-date derived files."""
        return [p for p in self.problems if not p.stale]


def check(home: Path, now: datetime) -> DoctorReport:
    """Every problem of the folder, each with what :func:`repair` would do about it."""
    if home.exists() and not home.is_dir():
        raise StoreError(_("data folder {path} is a file, not a folder", path=home))
    report = DoctorReport(home=home, stamp=now.strftime("%Y%m%dT%H%M%S"))
    if home.is_dir():
        with lock.hold(home):
            _Check(report).run()
    return report


def repair(home: Path, report: DoctorReport) -> list[Problem]:
    """Apply the fixes of *report*, checked again under the lock; the problems fixed."""
    with lock.hold(home):
        fresh = DoctorReport(home=home, stamp=report.stamp)
        if home.is_dir():
            _Check(fresh).run()
        if [(p.file, p.why) for p in fresh.problems] != [(p.file, p.why) for p in report.problems]:
            raise StoreError(
                _("the data folder changed while it was checked; nothing was repaired, check again")
            )
        for rel in fresh.set_aside:
            journal.set_aside(home, rel, fresh.stamp)
        journal.recover(home)  # sweeps the temp files of a journal that was set aside
        for rel, payload in fresh.kept.items():
            atomic_write(home / rel, payload)
        if fresh.payloads:
            journal.commit(FileCache(home), fresh.payloads, undo_entry=None)
    return [p for p in fresh.problems if p.fix]


def _decode(path: Path) -> dict[str, Any] | str:
    """A file's tables, or why it has none (a folder or unreadable file is damage too)."""
    try:
        return decode(path.read_bytes())
    except OSError as exc:
        return _("unreadable ({why})", why=exc.strerror or exc)


class _Check:
    def __init__(self, report: DoctorReport) -> None:
        self.r = report
        self.home = report.home
        self.view: dict[str, dict[str, Any]] = {}  # data files as the repair leaves them
        # Month shards checked and found sound are not held (a quarter of a million wins would
        # not fit the memory budget): whether each has wins, and its summary problems, found
        # while it was read. A later step that needs one reads it again (pin).
        self.lazy: dict[str, bool] = {}
        self.part_problems: dict[str, list[tuple[str, str, bool, bytes]]] = {}
        self.record_problems: dict[str, list[Problem]] = {}
        self.first: dict[int | str, str] = {}  # win key -> the first shard that has it
        self.copies: dict[int | str, list[str]] = {}  # win key -> every shard, if in two
        self.changed: set[str] = set()
        self.restored: set[str] = set()
        self.on_disk: set[str] = set()
        self.listed: frozenset[str] | None = None  # None: no manifest to hold them to
        self.history: list[undo.UndoEntry] = []  # what a restore loses
        self.highest: dict[str, int] = {}  # table -> highest id seen, set-aside copies too
        self.kept: dict[str, dict[str, Any]] = {}
        self.fields: dict[str, Any] = {}  # shard -> its "fields" as read (for a row set aside)

    def add(self, file: str, why: str, **kw: Any) -> None:
        self.r.problems.append(Problem(file, why, **kw))

    def aside(self, rel: str) -> str:
        return f"{rel}.damaged-{self.r.stamp}"

    def run(self) -> None:
        self.side_files()
        if not self.meta():
            return
        for rel in self.data_files():
            self.data_file(rel)
        self.records()
        self.duplicates()
        self.months()
        self.counters()
        self.manifest()
        self.payloads()
        self.summaries()
        # Every win id has been matched (duplicates): the map of a quarter of a million ids
        # goes before the chain's fold, which needs as much again (doctor at 250,000 wins:
        # 190 MB peak with both held).
        self.first.clear()
        self.chains()
        self.permissions()

    # -- files -------------------------------------------------------------------------------

    def side_files(self) -> None:
        home = self.home
        why = journal.problem(home) if (home / JOURNAL).exists() else None
        if why is None:
            journal.recover(home)  # roll a sound journal forward and sweep, as any command does
        else:
            self.set_aside(JOURNAL, why, _("the interrupted change it describes"))
        if (home / UNDO).exists():
            data = _decode(home / UNDO)
            why = _("it is {why}", why=data) if isinstance(data, str) else undo.problem(data)
            if why:
                self.set_aside(UNDO, why, _("the undo history: no earlier change can be undone"))
            elif not isinstance(data, str):
                self.r.ok.append(UNDO)
                self.history = undo.history(data)

    def set_aside(self, rel: str, why: str, loses: str, **kw: Any) -> None:
        fix = _("set aside as {name}", name=self.aside(rel))
        self.add(rel, why, fix=fix, loses=loses, **kw)
        self.r.set_aside.append(rel)

    def meta(self) -> bool:
        path = self.home / META
        if not path.exists():
            if not manifest.meta_expected(self.home):
                return False  # a new, empty home
            why = _("it is missing")
        else:
            data = _decode(path)
            problem = _("it is {why}", why=data) if isinstance(data, str) else None
            if not isinstance(data, str):
                problem = validate.meta_problem(data)
                if problem is None:
                    migrations.check(data, self.home)  # a newer growthdesk's data: not ours
                    self.view[META] = data
                    self.r.ok.append(META)
                    self.on_disk.add(META)
                    if "files" in data["_meta"]["1"]:
                        self.listed = manifest.listed(data)
                    return True
            why = str(problem)
        if self.restore(META, why):
            if "files" in self.view[META]["_meta"]["1"]:
                self.listed = manifest.listed(self.view[META])
        else:  # no good backup: rebuild it; the counters follow from the records
            self.view[META] = migrations.fresh_meta()
            self.changed.add(META)
            fix = _("rebuilt: id counters from the records, the profile back to its defaults")
            self.add(META, why, fix=fix, loses=_("the profile settings"), whole_file=True)
        return True

    def data_files(self) -> list[str]:
        self.on_disk |= {r for r in (MAIN, MODELS) if (self.home / r).exists()}
        self.on_disk |= {shard(m) for m in months_on_disk(self.home)}
        return sorted((self.on_disk - {META}) | (self.listed or frozenset()))

    def data_file(self, rel: str) -> None:
        path = self.home / rel
        if not path.exists():
            if not self.restore(rel, _("it is missing")):
                fix = _("dropped from the list of data files in meta.json")
                loses = _("everything that was in {file}", file=rel)
                self.add(rel, _("it is missing"), fix=fix, loses=loses, whole_file=True)
            return
        data = _decode(path)
        if not isinstance(data, str):
            if is_shard(rel):
                self.fields[rel] = data.get("fields")
            self.view[rel] = unpack_shard(data) if is_shard(rel) else data
            self.r.ok.append(rel)
            self.scan(rel)
            return
        why = _("it is {why}", why=data)
        if self.restore(rel, why):
            self.scan(rel)
        else:
            # Set aside, so that the rest of the store can be used again.
            if rel in self.r.set_aside:
                self.r.set_aside.remove(rel)
            self.set_aside(rel, why, _("everything in {file}", file=rel), whole_file=True)

    def scan(self, rel: str) -> None:
        """What one month shard's records and summary need, while it is read; then let it go
        if nothing in it is to change."""
        if not is_shard(rel):
            return
        self.check_records(rel)
        wins = self.view[rel].get("wins", {})
        misplaced = False
        for key, win in wins.items():
            id = key_id(key)
            other = self.first.setdefault(id, rel)
            if other != rel:
                self.copies.setdefault(id, [other]).append(rel)
            misplaced = misplaced or shard(month_of(win["when"])) != rel
        if wins and rel not in self.changed:
            self.part_problems[rel] = self.summary_problems(rel)
            forget_texts()
        if rel not in self.changed and not misplaced:
            self.lazy[rel] = bool(wins)
            del self.view[rel]

    def pin(self, rel: str) -> dict[str, Any]:
        """Shard *rel* held again (read back if it was let go), for a step that changes it."""
        if rel in self.lazy:
            del self.lazy[rel]
            self.view[rel] = parse((self.home / rel).read_bytes(), rel)
        return self.view[rel]

    def restore(self, rel: str, why: str) -> bool:
        path = self.home / rel
        if (path.exists() or path.is_symlink()) and not path.is_file():
            self.r.set_aside.append(rel)  # a folder or device in its place: moved out first
        valid = (lambda d: validate.meta_problem(d) is None) if rel == META else None
        backup = backups.newest_good(self.home, rel, valid)
        if backup is None:
            return False
        self.view[rel] = parse((self.home / backup).read_bytes(), rel)
        self.changed.add(rel)
        self.restored.add(rel)
        fix = _("restore {backup}", backup=backup)
        loses = self.loss(rel, backup)
        self.add(rel, why, fix=fix, loses=loses, backup=backup, whole_file=True)
        return True

    def loss(self, rel: str, backup: str) -> str | None:
        """What restoring *backup* loses, from the undo history of the changes made since."""
        name = backup.rsplit("/", 1)[-1]
        after = name.endswith(".new")  # the file as that commit wrote it, not as it found it
        txid = name.removesuffix(".new")
        since = self.when(txid)
        if rel == META:
            return _(
                "profile settings changed after {when} are not in the backup (the id counters "
                "are repaired)",
                when=since,
            )
        later = [
            e
            for e in self.history
            if rel in e["files"] and (e["tx"] > txid or not after and e["tx"] == txid)
        ]
        if later:
            labels = "; ".join(e["label"] for e in reversed(later[:3]))
            more = "; …" if len(later) > 3 else ""
            return ngettext(
                "{n} change made after {when} is not in the backup: {labels}",
                "{n} changes made after {when} are not in the backup: {labels}",
                len(later),
                when=since,
                labels=labels + more,
            )
        if after and self.history and self.history[-1]["tx"] <= txid:
            return None  # the undo history reaches back: the backup is the file as last written
        return _(
            "changes made to {file} after {when} may not be in the backup", file=rel, when=since
        )

    def when(self, txid: str) -> str:
        """When commit *txid* was made: its undo entry's stamp (the store's clock), else its id."""
        for entry in self.history:
            if entry["tx"] == txid:
                return entry["at"][:16].replace("T", " ")
        stamp = re.match(r"\d{20}", txid)
        return (
            datetime.fromtimestamp(int(stamp.group()) / 1e9).strftime("%Y-%m-%d %H:%M")
            if stamp
            else "?"
        )

    # -- records -----------------------------------------------------------------------------

    def shards(self) -> list[str]:
        return sorted([*(rel for rel in self.view if is_shard(rel)), *self.lazy])

    def records(self) -> None:
        """The record problems of every file, in file order (the shards' were found by scan)."""
        for rel in sorted(self.view):
            if not is_shard(rel):
                self.check_records(rel)
        for rel in sorted(self.record_problems):
            self.r.problems.extend(self.record_problems[rel])

    def check_records(self, rel: str) -> None:
        for table in tables_of(rel):
            docs = self.view[rel].get(table, {})
            for key in list(docs):
                record = docs[key]
                for id in (record.get("id") if type(record) is dict else None, key):
                    id = key_id(id) if isinstance(id, str) else id
                    if type(id) is int:
                        self.highest[table] = max(self.highest.get(table, 0), id)
                why = validate.record_problem(table, key, record)
                if why is None:
                    continue
                del docs[key]
                kept = self.kept.setdefault(rel, {})
                if type(record) is list and self.fields.get(rel) is not None:
                    kept.setdefault("fields", self.fields[rel])  # what the row's values are
                kept.setdefault(table, {})[key] = record
                self.changed.add(rel)
                name = self.aside(rel)
                self.record_problems.setdefault(rel, []).append(
                    Problem(
                        rel,
                        _("{table} record {key}: {why}", table=table, key=key, why=why),
                        fix=_("set aside in {name}", name=name),
                        loses=_("the record leaves the store (it is kept in {name})", name=name),
                    )
                )

    def duplicates(self) -> None:
        """One copy per win id: in the shard of its month, newest updated, not from a backup."""
        # In the order the ids were first met, shard by shard (the order of the problems).
        for id in [id for id in self.first if id in self.copies] if self.copies else []:
            rels, key = self.copies[id], str(id)
            for rel in rels:
                self.pin(rel)

            def rank(rel: str, key: str = key) -> tuple[bool, str, bool, str]:
                win = self.view[rel]["wins"][key]
                home_shard = shard(month_of(win["when"])) == rel
                updated = str(win.get("updated") or win.get("created") or "")
                return home_shard, updated, rel not in self.restored, rel  # live beats a backup

            keeper = max(rels, key=rank)
            kept = self.view[keeper]["wins"][key]
            for rel in rels:
                if rel == keeper:
                    continue
                copy = self.view[rel]["wins"].pop(key)
                self.changed.add(rel)
                loses = None
                if copy != kept:
                    loses = _(
                        "this copy of win #{id} ({when}: {problem})",
                        id=key,
                        when=copy["when"][:16],
                        problem=str(copy["problem"])[:40],
                    )
                self.add(
                    rel,
                    _("win #{id} is also in {other}", id=key, other=keeper),
                    fix=_("only the copy in {keeper} kept", keeper=keeper),
                    loses=loses,
                )

    def months(self) -> None:
        for rel in [r for r in self.shards() if r not in self.lazy]:  # let go: none misplaced
            wins = self.view[rel].get("wins", {})
            for key in list(wins):
                target = shard(month_of(wins[key]["when"]))
                if target == rel:
                    continue
                if target in self.lazy:
                    self.pin(target)
                self.view.setdefault(target, {}).setdefault("wins", {})[key] = wins.pop(key)
                self.changed |= {rel, target}
                self.add(
                    rel,
                    _("win #{id} belongs in {target}", id=key, target=target),
                    fix=_("moved there"),
                )

    def counters(self) -> None:
        counters = self.view[META]["_meta"]["1"].setdefault("next_id", {})
        for table, top in sorted(self.highest.items()):
            if int(counters.get(table, 1)) <= top:
                self.add(
                    META,
                    _(
                        "the next {table} id would be {n}, but #{top} exists",
                        table=table,
                        n=counters.get(table, 1),
                        top=top,
                    ),
                    fix=_("counter raised to {n}", n=top + 1),
                )
                counters[table] = top + 1
                self.changed.add(META)

    def manifest(self) -> None:
        final = {
            rel
            for rel, data in self.view.items()
            if manifest.is_listed_kind(rel) and (not is_shard(rel) or data.get("wins"))
        } | {rel for rel, has_wins in self.lazy.items() if has_wins}
        if self.listed is not None:
            for rel in sorted((final & self.on_disk) - self.listed):
                self.add(rel, _("meta.json does not list it"), fix=_("listed"))
        meta = self.view[META]
        if "files" in meta["_meta"]["1"] and final != manifest.listed(meta):
            manifest.set_listed(meta, final)
            self.changed.add(META)

    def payloads(self) -> None:
        for rel in sorted(self.changed):
            data = self.view[rel]
            if is_shard(rel):
                if not data.get("wins"):
                    if (self.home / rel).exists():
                        self.r.payloads[rel] = None  # emptied: removed, as commits do
                    continue
                self.r.payloads[rel] = pack_shard(data)
                continue
            self.r.payloads[rel] = orjson.dumps(data)
        for rel, tables in self.kept.items():
            self.r.kept[self.aside(rel)] = orjson.dumps(tables)

    def summaries(self) -> None:
        """Each month summary part against a fresh build from its shard (as the repair leaves
        it). Shards the repair rewrites get new summaries from the commit itself; the others
        are checked here, and a missing, damaged, stale or wrong part is rebuilt."""
        names = sorted(summaries.parts())
        if not names:
            return  # a process that keeps no summaries cannot judge them
        written = set(self.r.payloads)
        live = {rel for rel, has_wins in self.lazy.items() if has_wins}
        live |= {rel for rel in self.shards() if rel in self.view and self.view[rel].get("wins")}
        for rel in sorted(live - written):
            if rel not in self.part_problems:  # a shard not read by scan (a month moved in)
                self.part_problems[rel] = self.summary_problems(rel)
            for target, why, stale, payload in self.part_problems[rel]:
                self.add(target, why, fix=_("rebuilt from {file}", file=rel), stale=stale)
                self.r.payloads[target] = payload
        for month, name in summary_files(self.home):
            rel = shard(month)
            if rel in written:
                continue  # the commit writes or removes its summaries
            if rel not in live:
                why = _("its month has no wins")
            elif name not in names:
                why = _("no part of that name is kept")
            else:
                continue
            self.add(summary_of(rel, name), why, fix=_("removed"), stale=True)
            self.r.payloads[summary_of(rel, name)] = None

    def summary_problems(self, rel: str) -> list[tuple[str, str, bool, bytes]]:
        """(part file, what is wrong, whether merely stale, the part rebuilt) of every part of
        shard *rel* that is missing, damaged, stale or wrong, judged from the shard as held now."""
        names = sorted(summaries.parts())
        if not names:
            return []
        path = self.home / rel
        wins = in_time_order(list(self.view[rel].get("wins", {}).values()))
        raw = path.read_bytes()
        stamp = summaries.stamp(path.stat(), raw)
        out = []
        for name in names:
            found = self.summary_problem(rel, name, wins, raw)
            if found is not None:
                why, stale = found
                out.append((summary_of(rel, name), why, stale, summaries.encode(name, stamp, wins)))
        return out

    def summary_problem(
        self, rel: str, name: str, wins: list[dict[str, Any]], raw: bytes
    ) -> tuple[str, bool] | None:
        """What is wrong with part *name* of shard *rel*'s summary, if anything, and whether
        that is only staleness (Problem.stale) rather than damage."""
        spath = self.home / summary_of(rel, name)
        if not spath.exists():
            return _("it is missing"), True
        try:
            doc = summaries.decode(spath.read_bytes())
        except OSError as exc:
            return _("it is unreadable ({why})", why=exc.strerror or exc), False
        if doc is None:
            return _("it is damaged"), False
        if doc.get("v") != summaries.builder(name)[0]:
            return _("it was written by another version"), True
        if not summaries.fresh(doc, (self.home / rel).stat(), lambda: raw):
            return _("it does not match {file}", file=rel), True
        if summaries.settle(name, doc["data"]) != summaries.build(name, wins):
            return _("it disagrees with {file}", file=rel), False
        return None

    def chains(self) -> None:
        """Each chained summary against a fresh fold of the shards (over month summaries only
        when every one of them stood its check): one that is missing, damaged, stale or wrong is
        folded again, one that no chain of this version keeps (or that ends at another month)
        is removed."""
        kept = chains.chains()
        files = chains.chain_files(self.home)
        if not kept:
            return  # a process that keeps no chains cannot judge them
        if any(is_shard(rel) for rel in self.r.set_aside):
            # Its commit would fold the chains over a month that is no longer there; removed,
            # the next change folds them again (readers fold every month till then).
            for rel, *_rest in files:
                self.add(
                    rel, _("it folds a month shard that is set aside"), fix=_("removed"), stale=True
                )
                self.r.payloads[rel] = None
            return
        if any(is_shard(rel) for rel in self.r.payloads):
            return  # the repair's commit folds again every chain whose months it changes
        months = months_on_disk(self.home)
        for rel, name, version, _upto in files:
            if name not in kept:
                odd = _("no chain of that name is kept")
            elif version != kept[name][0]:
                odd = _("it was written by another version")
            else:
                continue
            self.add(rel, odd, fix=_("removed"), stale=True)
            self.r.payloads[rel] = None
        # Each month summary was just judged against a fresh build (summaries): while all of
        # them stand, the fold reads them; building every part again from its shard would more
        # than double doctor's time at 100,000 wins (17 s against 44 s, `growthdesk doctor` on
        # bench/gen.py's home).
        parts = not any(is_summary(rel) for rel in self.r.payloads)
        for name in sorted(kept):
            fresh = chains.rebuild(self.home, name, parts=parts)
            target = fresh[0] if fresh else None
            mine = [f[0] for f in files if f[1] == name and f[2] == kept[name][0]]
            for rel in mine:
                if rel != target:
                    self.add(
                        rel, _("it does not end at the right month"), fix=_("removed"), stale=True
                    )
                    self.r.payloads[rel] = None
            if fresh is None:
                continue
            rel, payload = fresh
            found: tuple[str, bool] | None = (_("it is missing"), True)
            if rel in mine:
                found = self.chain_problem(rel, name, months, payload)
            if found is None:
                self.r.ok.append(rel)
                continue
            why, stale = found
            self.add(rel, why, fix=_("folded again from the month shards"), stale=stale)
            self.r.payloads[rel] = payload

    def chain_problem(
        self, rel: str, name: str, months: list[str], fresh: bytes
    ) -> tuple[str, bool] | None:
        """What is wrong with chain file *rel* of chain *name*, if anything, and whether that
        is only staleness (Problem.stale)."""
        try:
            raw = (self.home / rel).read_bytes()
        except OSError as exc:
            return _("it is unreadable ({why})", why=exc.strerror or exc), False
        if raw == fresh:  # a commit folds month by month exactly as a fresh fold does
            return None
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return _("it is damaged"), False
        if chains.load(self.home, name, months) is None:
            return _("it does not match the month shards"), True
        if not isinstance(doc, dict) or doc.get("state") != orjson.loads(fresh)["state"]:
            return _("it disagrees with the month shards"), False
        return None

    def permissions(self) -> None:
        mode = self.home.stat().st_mode & 0o777
        if mode & 0o077:
            self.r.warnings.append(
                _("data folder is readable by others (mode {m:o}); expected 700", m=mode)
            )
        for rel in self.r.ok:
            if (self.home / rel).stat().st_mode & 0o077:
                self.r.warnings.append(_("{file} is readable by others", file=rel))
