"""Two terminals at once must both land: 4 processes x 50 wins, all present, unique ids."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from growthdesk.store import Store

WRITER = Path(__file__).parent / "helpers" / "race_writer.py"

pytestmark = pytest.mark.slow


def test_four_concurrent_writers_lose_nothing(home: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), f"w{n}", "50"],
            env={**os.environ},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    stored = Store(home).wins()
    assert len(stored) == 200
    assert len({w["id"] for w in stored}) == 200
    assert {w["problem"] for w in stored} == {f"w{n} win {i}" for n in range(4) for i in range(50)}
    assert sorted(w["id"] for w in stored) == list(range(1, 201))
