"""Writing a finished PDF: all of it or nothing, with a clear message when the disk refuses."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import files
from jeugdtool.i18n import N_
from jeugdtool.store import access


class PdfWriteError(JeugdtoolError):
    """The PDF could not be written (folder missing or not writable, disk full…)."""


#: How a PDF that cannot be written is named in the message (`access.write_failure`).
PDF_WORDS = access.FileWords(
    disk_full=N_(
        "The PDF {path} could not be written: the disk is full. "
        "Make room or choose another place. Nothing was written."
    ),
    is_folder=N_("{path} is a folder. Choose a file name for the PDF."),
    failed=N_("The PDF {path} could not be written ({reason}). Nothing was written."),
    no_write=N_(
        "The PDF {path} could not be written: you cannot write in the folder {folder}, or "
        "the file is open in another program. Close it or choose another folder. "
        "Nothing was written."
    ),
    locked=(errno.EBUSY, errno.ETXTBSY),
)


def _write_error(path: Path, exc: OSError) -> PdfWriteError:
    return PdfWriteError(access.write_failure(path, exc, PDF_WORDS))


def write_atomically(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write the PDF `data` to `path`: all of it or nothing (see `export.files`)."""
    return files.write_atomically(data, path, _write_error)
