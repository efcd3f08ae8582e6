"""Writing a finished PDF: all of it or nothing, with a clear message when the disk refuses."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _


class PdfWriteError(JeugdtoolError):
    """The PDF could not be written (folder missing or not writable, disk full…)."""


def _write_error(path: Path, exc: OSError) -> PdfWriteError:
    folder = path.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message = _(
            "The PDF {path} could not be written: the disk is full. "
            "Make room or choose another place. Nothing was written."
        )
    elif exc.errno == errno.ENOENT:
        message = _("The folder {folder} does not exist. Choose an existing folder.")
    elif exc.errno == errno.EISDIR:
        message = _("{path} is a folder. Choose a file name for the PDF.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EBUSY, errno.ETXTBSY):
        message = _(
            "The PDF {path} could not be written: you cannot write in the folder {folder}, or "
            "the file is open in another program. Close it or choose another folder. "
            "Nothing was written."
        )
    else:
        message = _("The PDF {path} could not be written ({reason}). Nothing was written.")
    return PdfWriteError(message.format(path=path, folder=folder, reason=exc.strerror or exc))


def write_atomically(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, synced and renamed,
    so a failure never leaves half a file. Owner-only (0600): the document is about children."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from exc
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
            raise _write_error(path, exc) from exc
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
