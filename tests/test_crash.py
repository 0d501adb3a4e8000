"""Really kill writers, at random moments and at targeted points inside the commit."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from growthdesk.store import Store
from growthdesk.worklog import wins

WRITER = Path(__file__).parent / "helpers" / "crash_writer.py"
POINTS = ["tmp_write", "before_journal", "before_replace", "mid_replace", "after_replace"]

pytestmark = pytest.mark.slow


def _expected(ack: Path) -> tuple[dict[int, str], dict | None]:
    """Acknowledged state from the ack log, and the operation in flight when killed (if any)."""
    state: dict[int, str] = {}
    pending = None
    for line in ack.read_text().splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # the writer died while writing its own log line
        if entry["op"] == "intent":
            pending = entry
            continue
        pending = None
        if entry["op"] == "aborted":
            continue
        if entry["kind"] == "rm":
            state.pop(entry["id"])
        else:
            state[entry["id"]] = entry["text"]
    return state, pending


def _check(home: Path, ack: Path) -> None:
    store = Store(home)
    with store.transaction("probe", undoable=False):
        pass  # opening under the lock completes or rolls back the interrupted commit
    leftovers = list(home.glob("*.tmp")) + list((home / "wins").glob("*.tmp"))
    assert leftovers == [], leftovers
    assert not (home / "journal.json").exists()
    actual = {w["id"]: w["problem"] for w in Store(home).wins()}
    state, pending = _expected(ack)
    for win_id, text in state.items():
        if pending and pending.get("id") == win_id:
            continue  # the operation in flight may or may not have landed
        assert actual.get(win_id) == text, f"acknowledged win #{win_id} lost or changed"
    extra = set(actual) - set(state)
    if pending and pending["kind"] == "log":
        assert len(extra) <= 1
        assert all(actual[i] == pending["text"] for i in extra)
    else:
        assert extra == set(), f"unexpected wins {extra}"
    if pending:
        _resolve(ack, pending, state, actual, extra)


def _resolve(
    ack: Path, pending: dict, state: dict[int, str], actual: dict[int, str], extra: set[int]
) -> None:
    """Record what became of the interrupted operation, so the next round checks against it."""
    kind = pending["kind"]
    if kind == "log":
        landed = (
            {"op": "done", "kind": "log", "id": extra.pop(), "text": pending["text"]}
            if extra
            else None
        )
    elif kind == "edit":
        now = actual.get(pending["id"])
        assert now in (state[pending["id"]], pending["text"])
        landed = {"op": "done", "kind": "edit", "id": pending["id"], "text": now}
    else:
        assert actual.get(pending["id"]) in (None, state[pending["id"]])
        landed = (
            {"op": "done", "kind": "rm", "id": pending["id"]}
            if pending["id"] not in actual
            else None
        )
    with ack.open("a") as out:
        out.write(json.dumps(landed or {"op": "aborted"}) + "\n")


def _run(
    home: Path, ack: Path, seed: int, env: dict[str, str], ops: int
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(home), str(ack), str(seed), str(ops)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _seed_store(home: Path, ack: Path) -> None:
    """Five acknowledged wins to start from."""
    store = Store(home)
    now = datetime(2026, 11, 26, 10, 0).astimezone()
    with ack.open("w") as out:
        for i in range(5):
            win = wins.add(
                store, wins.prepare(f"seed {i}", now=now, minutes=3, skills=["hardware"]), now=now
            )
            out.write(
                json.dumps({"op": "done", "kind": "log", "id": win["id"], "text": win["problem"]})
                + "\n"
            )


def test_targeted_kills_inside_the_commit(tmp_path: Path) -> None:
    home, ack = tmp_path / "home", tmp_path / "ack.jsonl"
    _seed_store(home, ack)
    kills = 0
    rng = random.Random(7)
    for round_ in range(12):
        for point in POINTS:
            proc = _run(
                home,
                ack,
                seed=round_ * 100 + POINTS.index(point),
                ops=40,
                env={"GROWTHDESK_CRASH_AT": point, "GROWTHDESK_CRASH_SKIP": str(rng.randint(0, 3))},
            )
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == -signal.SIGKILL, err.decode()
            kills += 1
            _check(home, ack)
    assert kills == 60


def test_random_kills(tmp_path: Path) -> None:
    home, ack = tmp_path / "home", tmp_path / "ack.jsonl"
    _seed_store(home, ack)
    rng = random.Random(11)
    kills = 0
    for i in range(45):
        before = _acks(ack)
        proc = _run(home, ack, seed=1000 + i, ops=10_000, env={})
        # Wait for the child's first acknowledged write, so the kill lands in the busy write loop
        # and not in start-up, however loaded the machine is; then a random moment within it.
        deadline = time.monotonic() + 60
        while _acks(ack) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if proc.returncode == -signal.SIGKILL:
            kills += 1
        _check(home, ack)
    assert kills >= 40
    assert _acks(ack) - 5 >= 45  # every round wrote before its kill: the kills hit the write loop


def _acks(ack: Path) -> int:
    return sum('"op": "done"' in line for line in ack.read_text().splitlines())


# One domain write in a child process: "log" a win in October (auto-tagged, so the tagger model
# stays out of the commit), or move win #<id> to September.
_ONE_WRITE = """
import sys
from datetime import datetime
from pathlib import Path

from growthdesk.store import Store
from growthdesk.worklog import wins

home, what = Path(sys.argv[1]), sys.argv[2]
now = datetime(2026, 11, 26, 10, 0).astimezone()
if what == "log":
    when = datetime(2026, 10, 5, 9, 0).astimezone()
    draft = wins.prepare("vpn drops every hour", now=now, when=when, minutes=5)
    wins.add(Store(home), draft, now=now)
else:
    wins.edit(Store(home), int(what), now=now, when=datetime(2026, 9, 30, 9, 0).astimezone())
"""


def _killed_at(point: str, home: Path, what: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _ONE_WRITE, str(home), what],
        env={**os.environ, "GROWTHDESK_CRASH_AT": point, "GROWTHDESK_CRASH_SKIP": "0"},
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert (home / "journal.json").exists()  # killed past the commit point


def _ids_on_disk(home: Path) -> list[int]:
    """Every win id in every month shard, repeats included."""
    return [
        int(key)  # a win's id is its key in the shard
        for shard in sorted((home / "wins").glob("????-??.json"))
        for key in orjson.loads(shard.read_bytes())["wins"]
    ]


def test_a_kill_past_the_commit_point_lands_the_operation_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _seed_store(home, tmp_path / "ack.jsonl")  # wins 1-5, in November

    # Journal written, no file replaced yet: the next open must roll the log forward.
    _killed_at("before_replace", home, "log")
    logged = [w for w in Store(home).wins() if w["problem"] == "vpn drops every hour"]
    assert not (home / "journal.json").exists()
    assert [(w["id"], w["when"][:10]) for w in logged] == [(6, "2026-10-05")]

    # A move between shards, killed after the new shard landed but before the old one went:
    # only the roll-forward removes the win from October.
    _killed_at("mid_replace", home, "6")
    Store(home).wins()  # the next open rolls the journal forward
    assert sorted(_ids_on_disk(home)) == [1, 2, 3, 4, 5, 6]  # none twice, none lost
    assert Store(home).win(6)["when"][:10] == "2026-09-30"
    assert Store(home).win_months() == ["2026-09", "2026-11"]

    # The id counter was rolled forward with the win: the next win gets a new id.
    now = datetime(2026, 11, 26, 10, 0).astimezone()
    store = Store(home)
    assert wins.add(store, wins.prepare("toner", now=now, skills=["printing"]), now=now)["id"] == 7
