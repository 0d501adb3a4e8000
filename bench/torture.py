"""Torture the store: SIGKILLs at random moments and at the commit's fault points, mixed with
logs, edits, removals, multi-month imports, undo, doctor --restore and concurrent readers.

    python bench/torture.py [--kills 500] [--readers 2] [--seed 1] [--home DIR]

Each round starts a writer process that journals every operation to an ack file ("intent"
before, "done" after the store returned) and kills it, either itself at a GROWTHDESK_CRASH_AT
point or from here after a random delay. After each kill the home is opened again and compared
with what was acknowledged. Every few rounds a `doctor --restore --yes` process runs (killed at a
random moment half of the time, then run to the end), and now and then a data file is damaged
and repaired, with the readers held off. Readers run all the time in other processes and check
that every read is one whole commit. Prints: kills, commits rolled forward, commits rolled back,
records lost, duplicate ids, torn reads, reader failures. Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

POINTS = ["tmp_write", "before_journal", "before_replace", "mid_replace", "after_replace"]
BATCH = 6  # wins per import, one per month
NOW = datetime(2026, 11, 26, 10, 0).astimezone()


# -- the writer (a child process) -------------------------------------------------------------


def writer(home: Path, ack_path: Path, seed: int) -> None:
    from growthdesk.store import Store
    from growthdesk.worklog import wins

    rng = random.Random(seed)
    store = Store(home)
    ack = open(ack_path, "a", buffering=1)  # noqa: SIM115 - lives as long as the process

    def note(entry: dict[str, Any]) -> None:
        ack.write(json.dumps(entry) + "\n")
        ack.flush()
        os.fsync(ack.fileno())

    last: tuple[str, dict[str, Any]] | None = None  # (undo label, done entry) of our last op
    while True:
        existing = {w["id"]: w for w in store.wins() if not w["problem"].startswith("batch ")}
        store.close()
        kind = rng.choice(["log"] * 4 + ["edit"] * 2 + ["rm", "import", "undo", "undo"])
        if kind != "log" and not existing and kind != "import":
            kind = "log"
        when = NOW - timedelta(days=rng.randint(0, 120))
        if kind == "log":
            text = (f"problem {rng.random():.9f} " + "x" * rng.randint(0, 300)).strip()
            note({"op": "intent", "kind": "log", "text": text})
            draft = wins.prepare(text, now=NOW, when=when, minutes=5, skills=["printing"])
            win = wins.add(store, draft, now=NOW)
            done = {"op": "done", "kind": "log", "id": win["id"], "text": text}
            label = f"log win: {text[:39]}…" if len(text) > 40 else f"log win: {text}"
        elif kind == "edit":
            target = rng.choice(sorted(existing))
            text = (f"edited {rng.random():.9f} " + "y" * rng.randint(0, 600)).strip()
            note({"op": "intent", "kind": "edit", "id": target, "text": text})
            wins.edit(store, target, now=NOW, text=text, when=when)  # often to another month
            done = {
                "op": "done",
                "kind": "edit",
                "id": target,
                "text": text,
                "prev": existing[target]["problem"],
            }
            label = f"edit win #{target}"
        elif kind == "rm":
            target = rng.choice(sorted(existing))
            note({"op": "intent", "kind": "rm", "id": target})
            wins.remove(store, target)
            done = {"op": "done", "kind": "rm", "id": target, "prev": existing[target]["problem"]}
            label = f"remove win #{target}"
        elif kind == "import":
            marker = f"batch {rng.random():.9f}"
            texts = [f"{marker} #{i}" for i in range(BATCH)]
            note({"op": "intent", "kind": "import", "marker": marker, "texts": texts})
            label = f"import {marker}"
            with store.transaction(label) as tx:
                ids = tx.insert_many(
                    "wins",
                    [
                        {
                            "when": (NOW - timedelta(days=31 * i + 1)).isoformat(),
                            "problem": text,
                            "solution": None,
                            "skills": ["printing"],
                            "skills_source": "manual",
                            "minutes": 5,
                            "helped_by": [],
                            "ticket": None,
                            "source": "torture",
                            "tags": [],
                            "escalated": False,
                        }
                        for i, text in enumerate(texts)
                    ],
                )
            done = {"op": "done", "kind": "import", "ids": ids, "texts": texts}
        else:  # undo our own last change, and only if it is still the newest one
            history = store.history()
            if last is None or not history or history[0]["label"] != last[0]:
                continue
            note({"op": "intent", "kind": "undo", "of": last[1]})
            store.undo()
            note({"op": "done", "kind": "undo", "of": last[1]})
            last = None
            continue
        note(done)
        last = (label, done)


# -- a reader (a child process) ---------------------------------------------------------------


def reader(home: Path, stop: Path, pause: Path, out: Path) -> None:
    from growthdesk.io.export import export_json
    from growthdesk.io.importers.native import export_wins
    from growthdesk.store import Store

    reads = torn = failures = 0
    errors: list[str] = []
    while not stop.exists():
        if pause.exists():
            time.sleep(0.01)
            continue
        store = Store(home)
        try:
            wins = (
                export_wins(export_json(store, NOW)["wins"], "") if reads % 3 == 0 else store.wins()
            )
        except Exception as exc:  # noqa: BLE001 - counted
            failures += 1
            errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.05)
            continue
        finally:
            store.close()
        reads += 1
        batches: dict[str, int] = {}
        for w in wins:
            if w["problem"].startswith("batch "):
                marker = w["problem"].rsplit(" #", 1)[0]
                batches[marker] = batches.get(marker, 0) + 1
        ids = [w["id"] for w in wins]
        if len(set(ids)) != len(ids) or any(n != BATCH for n in batches.values()):
            torn += 1
            errors.append(f"torn: {len(ids)} ids, batches {sorted(batches.values())}")
    out.write_text(
        json.dumps({"reads": reads, "torn": torn, "failures": failures, "errors": errors[:5]})
    )


# -- the parent -------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.kills = self.forward = self.back = self.lost = self.dups = self.phantoms = 0
        self.partial = self.restores = self.given_up = self.doctor_runs = self.counter_behind = 0


def _expected(ack: Path) -> tuple[dict[int, str], dict[str, Any] | None]:
    state: dict[int, str] = {}
    pending = None
    for line in ack.read_text().splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # the writer died writing its own log line
        if entry["op"] == "intent":
            pending = entry
            continue
        pending = None
        if entry["op"] != "done":
            continue
        _apply(state, entry)
    return state, pending


def _apply(state: dict[int, str], entry: dict[str, Any]) -> None:
    kind = entry["kind"]
    if kind in ("log", "edit"):
        state[entry["id"]] = entry["text"]
    elif kind == "rm":
        state.pop(entry["id"], None)
    elif kind == "import":
        state.update(zip(entry["ids"], entry["texts"], strict=True))
    elif kind == "undo":
        of = entry["of"]
        if of["kind"] == "log":
            state.pop(of["id"], None)
        elif of["kind"] in ("edit", "rm"):
            state[of["id"]] = of["prev"]
        elif of["kind"] == "import":
            for id in of["ids"]:
                state.pop(id, None)


def _on_disk(home: Path) -> tuple[dict[int, str], int]:
    """Wins in the raw shards, and how many ids appear more than once."""
    seen: dict[int, str] = {}
    dups = 0
    for path in sorted((home / "wins").glob("????-??.json")):
        for doc in orjson.loads(path.read_bytes())["wins"].values():
            if doc["id"] in seen:
                dups += 1
            seen[doc["id"]] = doc["problem"]
    return seen, dups


def _counter_ok(home: Path, actual: dict[int, str]) -> bool:
    meta = orjson.loads((home / "meta.json").read_bytes())
    return not actual or meta["_meta"]["1"]["next_id"].get("wins", 1) > max(actual)


def _check(home: Path, ack: Path, tally: Tally) -> None:
    """Recover, compare with the acknowledged state, and record what the pending op became."""
    from growthdesk.store import Store

    if (home / "journal.json").exists():
        tally.forward += 1
    elif any(home.glob("*.json.*.tmp")) or any((home / "wins").glob("*.json.*.tmp")):
        tally.back += 1
    store = Store(home)
    with store.transaction("probe", undoable=False):
        pass  # opening under the lock completes or rolls back the interrupted commit
    store.close()
    actual, dups = _on_disk(home)
    tally.dups += dups
    if not _counter_ok(home, actual):
        tally.counter_behind += 1
    state, pending = _expected(ack)
    touched: set[int] = set()
    if pending:
        touched = _touched(pending)
    for id, text in state.items():
        if id not in touched and actual.get(id) != text:
            tally.lost += 1
    extra = set(actual) - set(state) - touched
    if pending and pending["kind"] in ("log", "import"):  # it may have landed: _resolve says
        texts = pending.get("texts") or [pending.get("text")]
        extra = {i for i in extra if actual[i] not in texts}
    tally.phantoms += len(extra)
    if pending:
        _resolve(ack, pending, state, actual, tally)


def _touched(pending: dict[str, Any]) -> set[int]:
    kind = pending["kind"]
    if kind in ("edit", "rm"):
        return {pending["id"]}
    if kind == "undo":
        of = pending["of"]
        return set(of["ids"]) if of["kind"] == "import" else {of["id"]}
    return set()


def _resolve(
    ack: Path, pending: dict[str, Any], state: dict[int, str], actual: dict[int, str], tally: Tally
) -> None:
    kind = pending["kind"]
    landed: dict[str, Any] | None = None
    if kind == "log":
        new = [i for i in set(actual) - set(state) if actual[i] == pending["text"]]
        if new:
            landed = {"op": "done", "kind": "log", "id": new[0], "text": pending["text"]}
    elif kind == "edit":
        now = actual.get(pending["id"])
        if now == pending["text"]:
            landed = {"op": "done", "kind": "edit", "id": pending["id"], "text": now, "prev": ""}
        elif now != state.get(pending["id"]):
            tally.lost += 1
    elif kind == "rm":
        if pending["id"] not in actual:
            landed = {"op": "done", "kind": "rm", "id": pending["id"], "prev": ""}
    elif kind == "import":
        ids = sorted(i for i in actual if actual[i] in pending["texts"])
        if len(ids) == BATCH:
            landed = {"op": "done", "kind": "import", "ids": ids, "texts": [actual[i] for i in ids]}
        elif ids:
            tally.partial += 1
    else:
        of = pending["of"]
        if of["kind"] == "import":
            present = [i for i in of["ids"] if i in actual]
            if not present:
                landed = {"op": "done", "kind": "undo", "of": of}
            elif len(present) != len(of["ids"]):
                tally.partial += 1
        elif of["kind"] == "log":
            if of["id"] not in actual:
                landed = {"op": "done", "kind": "undo", "of": of}
        elif actual.get(of["id"]) == of["prev"] and state.get(of["id"]) != of["prev"]:
            landed = {"op": "done", "kind": "undo", "of": of}
    with ack.open("a") as out:
        out.write(json.dumps(landed or {"op": "aborted"}) + "\n")


def _rebase(home: Path, ack: Path) -> None:
    """Take what is on disk as the acknowledged state (after a restore gave some changes up)."""
    actual, _dups = _on_disk(home)
    with ack.open("w") as out:
        for id, text in sorted(actual.items()):
            out.write(json.dumps({"op": "done", "kind": "log", "id": id, "text": text}) + "\n")


def _doctor(home: Path, rng: random.Random, tally: Tally, env: dict[str, str]) -> None:
    """`doctor --restore --yes` on a healthy store, killed half of the time: nothing may change."""
    cmd = [sys.executable, "-m", "growthdesk", "doctor", "--restore", "--yes"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tally.doctor_runs += 1
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)
    if proc.returncode == -signal.SIGKILL:
        tally.kills += 1
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        print("doctor failed:", done.stdout, done.stderr, file=sys.stderr)


def _damage_and_repair(home: Path, pause: Path, rng: random.Random, tally: Tally) -> None:
    """Damage a data file and repair it, with the readers held off; count what it gave up."""
    from growthdesk.store import Store, lock

    before, _d = _on_disk(home)
    pause.touch()
    try:
        with lock.hold(home):  # waits for the readers' running reads; doctor nests inside
            shards = sorted((home / "wins").glob("????-??.json"))
            victim = rng.choice([home / "meta.json", *shards])
            victim.write_bytes(b"" if rng.random() < 0.5 else victim.read_bytes()[:20])
            store = Store(home)
            fixed = store.repair(store.check())
            tally.restores += sum(1 for p in fixed if p.backup)
            # A restored shard can miss its member of an import: drop what is left of it, so
            # that the readers' whole-import check stays meaningful.
            members: dict[str, list[int]] = {}
            for w in store.wins():
                if w["problem"].startswith("batch "):
                    members.setdefault(w["problem"].rsplit(" #", 1)[0], []).append(w["id"])
            broken = [id for ids in members.values() if len(ids) != BATCH for id in ids]
            if broken:
                with store.transaction("drop partial imports", undoable=False) as tx:
                    for id in broken:
                        tx.remove("wins", id)
            store.close()
    finally:
        pause.unlink()
    after, dups = _on_disk(home)
    tally.dups += dups
    tally.given_up += sum(1 for id, text in before.items() if after.get(id) != text)
    if not _counter_ok(home, after):
        tally.counter_behind += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=500)
    ap.add_argument("--readers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--home", type=Path, default=None)
    args = ap.parse_args()
    work = args.home or Path(tempfile.mkdtemp(prefix="torture-"))
    home, ack = work / "home", work / "ack.jsonl"
    stop, pause = work / "stop", work / "pause"
    shutil.rmtree(home, ignore_errors=True)
    ack.write_text("")
    env = {**os.environ, "GROWTHDESK_HOME": str(home), "GROWTHDESK_NOW": NOW.isoformat()}
    me = [sys.executable, __file__]
    rng = random.Random(args.seed)
    tally = Tally()

    # A first writer run that is not killed early seeds the home.
    seed = subprocess.Popen([*me, "--child", "writer", str(home), str(ack), "0"], env=env)
    time.sleep(2.0)
    seed.kill()
    seed.wait()
    _check(home, ack, tally)
    outs = [work / f"reader{i}.json" for i in range(args.readers)]
    readers = [
        subprocess.Popen(
            [*me, "--child", "reader", str(home), str(stop), str(pause), str(out)], env=env
        )
        for out in outs
    ]
    started = time.monotonic()
    round_ = 0
    while tally.kills < args.kills:
        round_ += 1
        crash: dict[str, str] = {}
        if rng.random() < 0.5:
            crash = {
                "GROWTHDESK_CRASH_AT": rng.choice(POINTS),
                "GROWTHDESK_CRASH_SKIP": str(rng.randint(0, 6)),
            }
        proc = subprocess.Popen(
            [*me, "--child", "writer", str(home), str(ack), str(round_)],
            env={**env, **crash},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if not crash:
            time.sleep(rng.uniform(0.5, 1.5))  # past start-up, into the write loop
            proc.send_signal(signal.SIGKILL)
        try:
            _out, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
        if proc.returncode == -signal.SIGKILL:
            tally.kills += 1
        elif err:
            print(f"round {round_}: writer failed: {err.decode()[-500:]}", file=sys.stderr)
        _check(home, ack, tally)
        if round_ % 10 == 0:
            _doctor(home, rng, tally, env)
            _check(home, ack, tally)
        if round_ % 40 == 0:
            _damage_and_repair(home, pause, rng, tally)
            _rebase(home, ack)
        if round_ % 25 == 0:
            print(f"… {tally.kills} kills, {time.monotonic() - started:.0f} s", file=sys.stderr)
    stop.touch()
    totals = {"reads": 0, "torn": 0, "failures": 0}
    errors: list[str] = []
    for proc, out in zip(readers, outs, strict=True):
        proc.wait(timeout=120)
        summary = json.loads(out.read_text())
        for key in totals:
            totals[key] += summary[key]
        errors += summary["errors"]
    print(f"kills                      {tally.kills}")
    print(f"commits rolled forward     {tally.forward}")
    print(f"commits rolled back        {tally.back}")
    print(f"records lost               {tally.lost}")
    print(f"duplicate ids              {tally.dups}")
    print(f"torn reads                 {totals['torn']} (of {totals['reads']} reads)")
    print(f"reader failures            {totals['failures']}")
    print(f"unexpected records         {tally.phantoms}")
    print(f"partial multi-file commits {tally.partial}")
    print(f"id counters behind         {tally.counter_behind}")
    print(f"doctor --restore runs      {tally.doctor_runs}")
    print(f"damaged files restored     {tally.restores} (changes they gave up: {tally.given_up})")
    print(
        f"time                       {time.monotonic() - started:.0f} s, {round_} rounds, home {work}"
    )
    for line in errors[:5]:
        print("  reader:", line)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        if sys.argv[2] == "writer":
            writer(Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
        else:
            reader(Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]), Path(sys.argv[6]))
    else:
        main()
