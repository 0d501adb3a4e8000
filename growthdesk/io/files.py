"""The one way to write a file the user named (`export -o`, `review -o`, `network export -o`).

The data goes to a temp file in the same folder (created 0600: exports hold personal notes),
is fsynced and then renamed over the target, so a crash or a full disk leaves the old file
whole. A symbolic link or a device, FIFO or other special file at the target is refused: a
rename would silently swap a link the user set up, and a FIFO or device is not a file to keep.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from growthdesk.core.errors import GrowthdeskError
from growthdesk.core.i18n import _

__all__ = ["UnsafeOutputError", "write_output", "write_output_chunks", "spill_file"]


class UnsafeOutputError(GrowthdeskError):
    """The output path is a symbolic link or not a regular file; nothing was written."""


def _check_target(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UnsafeOutputError(
            _("refusing to write {path}: it is a symbolic link; name the real file", path=path)
        )
    if not stat.S_ISREG(mode):
        raise UnsafeOutputError(_("refusing to write {path}: it is not a regular file", path=path))


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically with mode 0600 (see the module docstring)."""
    write_output_chunks(path, (data,))


def write_output_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """write_output of the concatenated *chunks*, taken one at a time (a streamed export never
    holds the whole file). If producing a chunk raises, the target is left as it was."""
    target = Path(path)
    _check_target(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        # rename(2) replaces a link at the target rather than writing through it, so a link
        # planted after the check above is swapped out, never followed.
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def spill_file() -> IO[bytes]:
    """An anonymous temporary file (0600, gone when closed) for data too big to hold in memory
    while a streamed export puts it in order."""
    return tempfile.TemporaryFile(prefix="growthdesk-")
