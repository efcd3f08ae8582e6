"""Writing a finished file all at once or not at all: the case file and every PDF.

Data about children must never be left half-written: the bytes go to a temporary file in the
target folder (owner-only, mode 0600), are synced, and the temporary file is renamed into
place. Each kind of file turns a failure into its own error (`error`), with the one message
every file gets (`store.access.write_failure`), naming that kind of file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Turns an OSError while writing `path` into the message the user sees.
ErrorFactory = Callable[[Path, OSError], Exception]


def write_atomically(data: bytes, path: str | os.PathLike[str], error: ErrorFactory) -> Path:
    path = Path(path)
    try:
        # mkstemp creates the file with mode 0600; os.replace keeps that mode.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise error(path, exc) from exc
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
