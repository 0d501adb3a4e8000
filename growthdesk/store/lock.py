"""The locks of a data folder: one writer at a time, and readers that see whole commits.

Lock files, never a data file (os.replace changes a data file's inode, and a lock on the old
inode would guard nothing):

- ``growthdesk.lock``: a writer holds it exclusively for its whole transaction; a reader (a Store
  outside a transaction, in practice one command) holds it shared from its first read until
  :meth:`Store.close`. Every file a command reads therefore comes from one commit.
- ``growthdesk.gate``: a turnstile. A writer holds it exclusively while it waits for the lock, and
  readers pass it (shared) on their way in, so that a stream of overlapping readers cannot
  starve a writer (flock has no writer preference).

Why a shared lock and not a generation number re-checked after reading: commands read their
files lazily, one at a time, all through the command (``export`` reads the profile, then each
table, then the models). A re-check after one read cannot tell that an earlier read of the same
command came from an older commit, and retrying would mean redoing a command that has already
printed. The shared lock costs one flock per command and no copying; its price is that a writer
waits for running readers and a reader for a running writer (both bounded by LOCK_TIMEOUT).

flock conflicts between two descriptors even in one process, so all Stores of one folder in a
process share one :class:`HomeLock`: a transaction turns the process's shared lock into the
exclusive one and back. On Windows, writers use ``filelock`` and readers take no lock.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from growthdesk.core.errors import StoreBusyError
from growthdesk.core.i18n import _
from growthdesk.store.layout import GATE, LOCK

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_TIMEOUT", "HomeLock", "for_home", "hold"]

LOCK_TIMEOUT = float(os.environ.get("GROWTHDESK_LOCK_TIMEOUT", "30"))
_SH, _EX = 1, 2


class HomeLock:
    """The lock state of one data folder in this process."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.readers = 0  # Stores with an open read session
        self._depth = 0  # nesting of exclusive()
        self._mode = 0  # 0, _SH or _EX
        self._fds: tuple[int, int] | None = None  # (lock, gate)
        self._windows: Any = None  # filelock's lock, where there is no flock

    # -- readers -----------------------------------------------------------------------------

    def start_reading(self) -> bool:
        """Open a read session: the shared lock is held until the last session stops."""
        self.readers += 1
        return self.share()

    def share(self) -> bool:
        """Take the shared lock if this process holds none (a transaction may have let it go).

        True if it was taken now: the caller must look for a dead writer's journal.
        """
        if self._mode or fcntl is None:
            return False
        if not self._take(writer=False):  # no folder, or one we may not write: no commit in it
            return False
        self._mode = _SH
        return True

    def stop_reading(self) -> None:
        """Close one read session; the last one lets the lock go."""
        self.readers = max(0, self.readers - 1)
        if not self.readers and not self._depth:
            self._release()

    # -- writers -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the exclusive lock (re-entrant); StoreBusyError after LOCK_TIMEOUT seconds."""
        if not self._depth:
            self._take_exclusive()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth:
                self._after_write()

    def _take_exclusive(self) -> None:
        if fcntl is None:
            from filelock import FileLock, Timeout

            self._windows = FileLock(str(self.home / LOCK), timeout=LOCK_TIMEOUT, mode=0o600)
            try:
                self._windows.acquire()
            except Timeout:
                raise _busy(self.home) from None
            return
        if self._mode == _SH and self._fds is not None:
            # The read session's snapshot ends here. Letting go before the gate cannot
            # deadlock with a writer that holds the gate while it waits for our lock.
            fcntl.flock(self._fds[0], fcntl.LOCK_UN)
            self._mode = 0
        self._take(writer=True)
        self._mode = _EX

    def _take(self, *, writer: bool) -> bool:
        """Pass the gate and take the lock (exclusive for a writer); False: nothing to lock.

        The lock file must still be the one in the folder once we hold it: a transaction that
        created a folder and left it empty removes both again (:meth:`drop_if_unused`), and
        a lock on the removed file would guard nothing.
        """
        assert fcntl is not None
        op = fcntl.LOCK_EX if writer else fcntl.LOCK_SH
        while True:
            fds = self._open(writer=writer)
            if fds is None:
                return False
            lock_fd, gate_fd = fds
            _flock(gate_fd, op, self.home)
            try:
                _flock(lock_fd, op, self.home)
            finally:
                fcntl.flock(gate_fd, fcntl.LOCK_UN)
            if _is_current(lock_fd, self.home / LOCK):
                return True
            self._release()
            if writer:  # it was about to write: the folder it found comes back
                self.home.mkdir(mode=0o700, parents=True, exist_ok=True)

    def drop_if_unused(self) -> None:
        """Remove the folder again if it holds only the lock files (called holding the lock)."""
        if fcntl is None or self._depth != 1:
            return
        with contextlib.suppress(OSError):
            if set(os.listdir(self.home)) <= {LOCK, GATE}:
                for name in (LOCK, GATE):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.home / name)
                os.rmdir(self.home)
                self._release()

    def _after_write(self) -> None:
        if fcntl is None:
            self._windows.release()
            return
        if not self.readers or self._fds is None:
            self._release()
            return
        try:  # back to shared for the open read sessions; never blocks a finished commit
            fcntl.flock(self._fds[0], fcntl.LOCK_SH | fcntl.LOCK_NB)
            self._mode = _SH
        except BlockingIOError:  # another writer slipped in: the next read waits for it
            fcntl.flock(self._fds[0], fcntl.LOCK_UN)
            self._mode = 0

    # -- descriptors -------------------------------------------------------------------------

    def _open(self, *, writer: bool) -> tuple[int, int] | None:
        if self._fds is None:
            fds: list[int] = []
            try:
                for name in (LOCK, GATE):
                    fds.append(_open_lock_file(self.home / name, writer=writer))
            except OSError:
                for fd in fds:
                    os.close(fd)
                if writer:
                    raise  # a writer that cannot open its lock file says why
                return None
            self._fds = (fds[0], fds[1])
        return self._fds

    def _release(self) -> None:
        if self._fds is not None:
            for fd in self._fds:
                os.close(fd)  # closing the descriptor releases its lock
        self._fds = None
        self._mode = 0


_HOMES: dict[str, HomeLock] = {}
_PID = os.getpid()


def for_home(home: Path) -> HomeLock:
    """The process's one HomeLock of *home*."""
    global _PID
    if os.getpid() != _PID:  # a forked child must not share its parent's locks
        _HOMES.clear()
        _PID = os.getpid()
    key = os.path.realpath(home)
    if key not in _HOMES:
        _HOMES[key] = HomeLock(Path(home))
    return _HOMES[key]


def hold(home: Path) -> contextlib.AbstractContextManager[None]:
    """Hold the exclusive lock of *home*."""
    return for_home(home).exclusive()


def _is_current(fd: int, path: Path) -> bool:
    """Whether *fd* is still the file at *path* (not one removed, or removed and made again)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_ino, held.st_dev) == (st.st_ino, st.st_dev)


def _open_lock_file(path: Path, *, writer: bool) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        if writer:
            raise
        return os.open(path, os.O_RDONLY)  # a read-only folder or medium: flock works anyway


def _flock(fd: int, op: int, home: Path) -> None:
    assert fcntl is not None
    deadline = time.monotonic() + LOCK_TIMEOUT
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, op | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise _busy(home) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _busy(home: Path) -> StoreBusyError:
    return StoreBusyError(_("another growthdesk is still writing to {path}; try again", path=home))
