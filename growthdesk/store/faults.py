"""Fault injection for the kill tests, kept out of the write path's logic.

GROWTHDESK_CRASH_AT names a point of a commit where the process SIGKILLs itself;
GROWTHDESK_CRASH_SKIP lets that many hits pass first. Points, in commit order: ``tmp_write``
(half of a temp file written), ``before_journal``, ``before_replace`` (journal written: the commit
point), ``mid_replace`` (after the first file is replaced), ``after_replace``.
"""

from __future__ import annotations

import os

__all__ = ["crashpoint", "torn_write"]

_CRASH_ENV = "GROWTHDESK_CRASH_AT"
_hits = 0


def crashpoint(name: str) -> None:
    """SIGKILL ourselves if GROWTHDESK_CRASH_AT names this point (after the skipped hits)."""
    global _hits
    if os.environ.get(_CRASH_ENV) != name:
        return
    _hits += 1
    if _hits > int(os.environ.get("GROWTHDESK_CRASH_SKIP", "0")):
        import signal  # here: every command reads through this module (bench/bench_assist.py)

        os.kill(os.getpid(), signal.SIGKILL)


def torn_write(fd: int, view: memoryview) -> memoryview:
    """At ``tmp_write``: write the first half of *view* and crash; return what is left to write."""
    if os.environ.get(_CRASH_ENV) != "tmp_write" or len(view) <= 1:
        return view
    half = os.write(fd, view[: len(view) // 2])
    crashpoint("tmp_write")
    return view[half:]
