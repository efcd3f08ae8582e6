"""Writing a finished PDF: all of it or nothing, with a clear message when the disk refuses."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import files
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
    """Write the PDF `data` to `path`: all of it or nothing (see `export.files`)."""
    return files.write_atomically(data, path, _write_error)
