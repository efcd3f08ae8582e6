"""One message for a file the user saves that cannot be written (store.access.write_failure):
the case file, a PDF and an export of the access log each name themselves in it."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from jeugdtool.cases.access import AccessLogExportError
from jeugdtool.cases.access import export_error
from jeugdtool.export import files
from jeugdtool.export.casefile import CaseFileError
from jeugdtool.export.casefile import write_case_file
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.export.pdf.files import write_atomically as write_pdf
from jeugdtool.i18n import _

PATH = Path("/srv/export/gezin.json")
FOLDER = "/srv/export"


def _oserror(number: int) -> OSError:
    return OSError(number, os.strerror(number), str(PATH))


def _case_file(number: int) -> str:
    from jeugdtool.export.casefile import _write_error

    return str(_write_error(PATH, _oserror(number)))


def _pdf(number: int) -> str:
    from jeugdtool.export.pdf.files import _write_error

    return str(_write_error(PATH, _oserror(number)))


def _export(number: int) -> str:
    return str(export_error(PATH, _oserror(number)))


NO_FOLDER = _("The folder {folder} does not exist. Choose an existing folder.")
MAY_NOT_WRITE = _(
    "You cannot write in the folder {folder}. Choose another folder, "
    "for example your Documents folder. Nothing was written."
)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            errno.ENOSPC,
            "The case file {path} could not be written: the disk is full. "
            "Make room or choose another place. Nothing was written.",
        ),
        (errno.ENOENT, NO_FOLDER),
        (errno.EISDIR, "{path} is a folder. Choose a file name for the case file."),
        (errno.EACCES, MAY_NOT_WRITE),
        (errno.EROFS, MAY_NOT_WRITE),
        (errno.EIO, "The case file {path} could not be written ({reason}). Nothing was written."),
    ],
)
def test_the_case_file_names_itself(number: int, expected: str) -> None:
    wanted = _(expected).format(path=PATH, folder=FOLDER, reason=os.strerror(number))
    assert _case_file(number) == wanted


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            errno.EDQUOT,
            "The PDF {path} could not be written: the disk is full. "
            "Make room or choose another place. Nothing was written.",
        ),
        (errno.ENOENT, NO_FOLDER),
        (errno.EISDIR, "{path} is a folder. Choose a file name for the PDF."),
        (errno.EBUSY, "open in another program"),
        (errno.EPERM, "open in another program"),
        (errno.EIO, "The PDF {path} could not be written ({reason}). Nothing was written."),
    ],
)
def test_a_pdf_names_itself_and_a_file_open_elsewhere(number: int, expected: str) -> None:
    if expected == "open in another program":
        expected = (
            "The PDF {path} could not be written: you cannot write in the folder {folder}, or "
            "the file is open in another program. Close it or choose another folder. "
            "Nothing was written."
        )
    wanted = _(expected).format(path=PATH, folder=FOLDER, reason=os.strerror(number))
    assert _pdf(number) == wanted


def test_a_busy_case_file_is_not_called_an_unwritable_folder() -> None:
    """Only a PDF counts a file in use as "cannot write": a viewer keeps it open."""
    assert _case_file(errno.EBUSY) == _(
        "The case file {path} could not be written ({reason}). Nothing was written."
    ).format(path=PATH, reason=os.strerror(errno.EBUSY))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOENT, NO_FOLDER),
        (errno.EISDIR, "{path} is a folder. Choose a file name for the export."),
        (errno.EACCES, MAY_NOT_WRITE),
    ],
)
def test_an_access_log_export_names_itself(number: int, expected: str) -> None:
    assert _export(number) == _(expected).format(path=PATH, folder=FOLDER)


def test_the_reason_is_in_the_users_language() -> None:
    """A failure without a message of its own quotes the reason as os_reason words it."""
    from jeugdtool.store.access import os_reason

    error = OSError(errno.EEXIST, "File exists")
    message = _("The case file {path} could not be written ({reason}). Nothing was written.")
    assert _case_file(errno.EEXIST) == message.format(path=PATH, reason=os_reason(error))


def test_each_writer_raises_its_own_error(tmp_path: Path) -> None:
    missing = tmp_path / "not-there" / "out"
    with pytest.raises(CaseFileError, match=re.escape(str(missing.parent))):
        write_case_file({"format": "x"}, missing.with_suffix(".json"))
    with pytest.raises(PdfWriteError, match=re.escape(str(missing.parent))):
        write_pdf(b"%PDF", missing.with_suffix(".pdf"))
    with pytest.raises(AccessLogExportError, match=re.escape(str(missing.parent))):
        files.write_atomically(b"a,b\n", missing.with_suffix(".csv"), export_error)
    with pytest.raises(CaseFileError, match=re.escape(str(tmp_path))):  # a folder, not a file
        write_case_file({"format": "x"}, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind
