"""The SQLite file before SQLite opens it: what it is, may jeugdtool write it, who may read it.

Nothing here writes to an existing database. A folder, a device or a pipe is refused without
being opened (a pipe would block), an empty file is refused instead of silently becoming a new
database, and a file that may only be read is opened read-only on purpose (`Access`). Files that
jeugdtool may write are made private: owner-only permissions for the database and the files
SQLite keeps beside it, which hold the same data.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jeugdtool.errors import DatabaseUnavailable
from jeugdtool.errors import EmptyDatabaseFile
from jeugdtool.errors import NeedsWriteAccess
from jeugdtool.errors import NotADatabase
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
#: The header's "read version" byte: 2 when the database is in WAL mode.
_READ_VERSION_AT, _WAL = 19, 2
#: The files SQLite keeps beside a database (the same data, so just as private).
COMPANIONS = ("-wal", "-shm", "-journal")
#: Owner-only permission bits, for files and for folders.
OWNER_ONLY_FILE, OWNER_ONLY_FOLDER = 0o600, 0o700
#: The errors that mean "you may not write here" (as opposed to a fault of the drive).
_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True)
class Access:
    """Whether jeugdtool may write a database, and if not, why (translated, for the user)."""

    read_only: bool = False
    #: Completes "…can only be read, because {reason}"; "" when it may be written.
    reason: str = ""
    #: Whether SQLite may create its files (-wal, -shm) beside the database.
    folder_writable: bool = True


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (the system's text may be English)."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EACCES: _("you do not have permission for it"),
        errno.EPERM: _("you do not have permission for it"),
        errno.EROFS: _("the drive may only be read"),
        errno.ENOENT: _("the folder does not exist"),
        errno.EEXIST: _("there is already a file or link with that name"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)


@dataclass(frozen=True)
class FileWords:
    """How the messages about saving one kind of file (a case file, a PDF, an export) name it:
    msgids marked with `N_`, translated when a message is made. Each is a whole sentence, as
    the Dutch article and word order change with the kind of file."""

    #: "The … {path} could not be written: the disk is full. …"
    disk_full: str
    #: "{path} is a folder. Choose a file name for the …"
    is_folder: str
    #: "The … {path} could not be written ({reason}). Nothing was written."
    failed: str
    #: The folder {folder} may not be written (or, for `locked`, the file is in use).
    no_write: str = N_(
        "You cannot write in the folder {folder}. Choose another folder, "
        "for example your Documents folder. Nothing was written."
    )
    #: Error numbers that mean "in use by another program" for this kind of file, told with
    #: `no_write` too (a PDF is often open in a viewer that locks it).
    locked: tuple[int, ...] = ()


def write_failure(path: Path, exc: OSError, words: FileWords) -> str:
    """Why a file the user saves could not be written at `path`, and what to do, in the
    user's language: the one message for every file jeugdtool writes (`export.files`)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message = words.disk_full
    elif exc.errno == errno.ENOENT:
        message = N_("The folder {folder} does not exist. Choose an existing folder.")
    elif exc.errno == errno.EISDIR:
        message = words.is_folder
    elif exc.errno in _NO_WRITE or exc.errno in words.locked:
        message = words.no_write
    else:
        message = words.failed
    return _(message).format(path=path, folder=path.parent, reason=os_reason(exc))


# ---- what the file is ----------------------------------------------------------------


def exists(path: Path) -> bool:
    """Whether something is at `path`; a folder that cannot be looked into is an error."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return True


def check_file(path: Path, *, allow_empty: bool = False, allow_unknown: bool = False) -> None:
    """Refuse a folder, a device, a pipe, an empty file (unless allowed) and other programs'
    files; only a plain file is read (its first 16 bytes), nothing is written.

    `allow_unknown`: a file without SQLite's header may be an encrypted database; the
    passphrase check (store/cipher.py) decides, so it is not refused here."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise NotADatabase(_("{path} is a folder, not a database file.").format(path=path))
    if not stat.S_ISREG(info.st_mode):  # /dev/null, a pipe, a disk: opening one may block
        raise NotADatabase(
            _(
                "{path} is not a file but a device or a pipe; only a file can be a jeugdtool "
                "database. Choose a database file, or a new file name to start a new database."
            ).format(path=path)
        )
    if info.st_size == 0:
        if not allow_empty:
            raise EmptyDatabaseFile(empty_file_message(path))
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if header != SQLITE_HEADER and not allow_unknown:
        raise NotADatabase(
            _(
                "{path} is not a jeugdtool database (it is another kind of file). "
                "Choose a database file, or a new file name to start a new database."
            ).format(path=path)
        )


def empty_file_message(path: Path) -> str:
    from jeugdtool import paths

    return _(
        "The database {path} is empty (0 bytes): there are no cases in it. A sync tool "
        "(OneDrive, Dropbox) or a copy that broke off may have emptied it. Look for a recent "
        "copy in the backup folder {backups}, or among the earlier versions the sync tool "
        "keeps. jeugdtool has left the file as it is."
    ).format(path=path, backups=paths.backup_dir())


def missing_file_message(path: Path) -> str:
    return _(
        "The database {path} does not exist, and nothing was created. Check the name, or "
        "choose another database."
    ).format(path=path)


def _unreadable(path: Path, exc: OSError) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        _("The database {path} cannot be read: {reason}").format(path=path, reason=os_reason(exc))
    )


def in_wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(_READ_VERSION_AT + 1)
    except OSError:
        return False
    return len(header) > _READ_VERSION_AT and header[_READ_VERSION_AT] == _WAL


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# ---- may jeugdtool write it ----------------------------------------------------------


def probe(path: Path) -> Access:
    """Whether the existing database at `path` may be written: the file, and its folder (SQLite
    creates -wal/-shm/-journal files there while saving). Only opens, never writes the file."""
    folder = path.parent
    if _on_read_only_drive(folder):
        return Access(True, _("it is on a drive that may only be read"), folder_writable=False)
    folder_writable = _may_create_in(folder)
    if not _may_write(path):
        return Access(
            True, _("you may read the file but not change it"), folder_writable=folder_writable
        )
    if not folder_writable:
        return Access(
            True,
            _(
                "you may not create files in its folder {folder}, which is needed to save "
                "changes safely"
            ).format(folder=folder),
            folder_writable=False,
        )
    return Access()


def _allowed(path: Path, mode: int) -> bool:
    # The effective ids are the ones that count when the file is opened.
    if os.access in os.supports_effective_ids:
        return os.access(path, mode, effective_ids=True)
    return os.access(path, mode)


def _on_read_only_drive(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _may_write(path: Path) -> bool:
    if not _allowed(path, os.W_OK):
        return False
    # access() can say yes where the server says no (network drives, ACLs): try for real.
    # Opening for writing changes nothing in the file (no truncation, nothing written).
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        return exc.errno not in _NO_WRITE
    os.close(fd)
    return True


def _may_create_in(folder: Path) -> bool:
    if not _allowed(folder, os.W_OK | os.X_OK):
        return False
    try:  # as SQLite will, when it creates the -wal file
        fd, name = tempfile.mkstemp(prefix=".jeugdtool-probe-", dir=folder)
    except OSError as exc:
        return exc.errno not in _NO_WRITE
    os.close(fd)
    os.unlink(name)
    return True


def check_readable(path: Path, access: Access) -> None:
    """A read-only database must not need writing before it can be read correctly."""
    journal = companion(path, "-journal")
    if size(journal) > 0:
        # SQLite must first undo the change that broke off, in the file itself.
        raise NeedsWriteAccess(
            _(
                "The database {path} holds a change that broke off (in {journal}); it must be "
                "undone before the database can be read, and that needs write access, but it "
                "can only be read, because {reason}. Open it once where you may write. "
                "Nothing was changed."
            ).format(path=path, journal=journal, reason=access.reason)
        )
    if needs_immutable(path, access) and size(companion(path, "-wal")) > 0:
        raise NeedsWriteAccess(
            _(
                "The database {path} holds changes that were not yet written into the file "
                "itself (in {wal}); reading them needs write access to its folder, but it can "
                "only be read, because {reason}. Open it once where you may write. Nothing "
                "was changed."
            ).format(path=path, wal=companion(path, "-wal"), reason=access.reason)
        )


def needs_immutable(path: Path, access: Access) -> bool:
    """SQLite reads a WAL database only through its -shm file; when that is missing and cannot
    be created (the folder may not be written), only `immutable=1` opens it (since SQLite
    3.22). Decided per connection: once a colleague's jeugdtool creates the -shm, normal reading
    (which notices their changes) takes over again."""
    return not access.folder_writable and in_wal_mode(path) and not companion(path, "-shm").exists()


def read_only_uri(path: Path, access: Access) -> str:
    """The SQLite URI that opens `path` for reading only (SQLite then refuses every write)."""
    uri = f"{path.as_uri()}?mode=ro"
    return uri + "&immutable=1" if needs_immutable(path, access) else uri


# ---- private files -------------------------------------------------------------------


def create_private_file(path: Path) -> None:
    """A new, empty database file readable by its owner only (it holds data about children),
    in a folder of its own that is owner-only too when jeugdtool creates it."""
    folder = path.parent
    try:
        try:
            folder.mkdir(parents=True, mode=OWNER_ONLY_FOLDER)
        except FileExistsError:
            pass
        else:
            os.chmod(folder, OWNER_ONLY_FOLDER)  # exactly, whatever the umask
            log.info("created an owner-only folder for a new database")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY_FILE)
        os.close(fd)
    except OSError as exc:
        raise DatabaseUnavailable(
            _(
                "A new database cannot be made as {path}: {reason}. Choose a folder where you "
                "may save files."
            ).format(path=path, reason=os_reason(exc))
        ) from exc


def make_private(path: Path) -> None:
    """Take the rights of others away from the database and SQLite's files beside it."""
    make_owner_only(path, "database file")
    for suffix in COMPANIONS:
        make_owner_only(companion(path, suffix), f"database {suffix} file")


def make_owner_only(path: Path, kind: str) -> None:
    """Clear the group and other bits of `path` if set; `kind` names it in the log (no path:
    a path can hold a person's name)."""
    if os.name != "posix":  # Windows: permissions come from the folder's ACL
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)  # a link's target: the file itself
    except FileNotFoundError:
        return
    if not current & 0o077:
        return
    try:
        os.chmod(path, current & 0o700)
    except OSError as exc:  # someone else's file: it still opens; say so in the log
        log.warning("could not make the %s owner-only: %s", kind, exc.strerror)
        return
    log.info("made the %s owner-only (mode %04o, was %04o)", kind, current & 0o700, current)
