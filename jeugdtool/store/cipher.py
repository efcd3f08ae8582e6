"""Encrypted database files (SQLCipher): the key, opening, checking, converting and rekeying.

A local database is encrypted with SQLCipher 4 (AES-256; the key is derived from the user's
passphrase with PBKDF2-HMAC-SHA512, 256,000 rounds, and a random salt in the file's first 16
bytes). An encrypted file has no readable header, so `is_encrypted` tells it from a plain one
by the absence of SQLite's magic string. There is no back door: without the passphrase nobody,
jeugdtool's makers included, can read the file (docs/privacy.md).

The passphrase lives in `Location.passphrase` (never in a URL shown to the user, never logged)
and only as long as the program runs.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from jeugdtool.i18n import _

log = logging.getLogger(__name__)

#: The passphrase of an encrypted database for the command line (and scripts).
PASSPHRASE_ENV = "JEUGDTOOL_PASSPHRASE"
#: Set to 1: new databases are made without encryption (like --no-encryption).
NO_ENCRYPTION_ENV = "JEUGDTOOL_NO_ENCRYPTION"
#: How often a passphrase may be typed wrong before the program stops asking.
MAX_TRIES = 3

#: The first 16 bytes of every plain SQLite database file.
PLAIN_HEADER = b"SQLite format 3\x00"
#: A passphrase shorter than this is refused; the advice asks for more (`advice`).
MIN_PASSPHRASE_LENGTH = 8
#: From this length on, a passphrase of a few words is strong enough for the advice.
GOOD_PASSPHRASE_LENGTH = 16

try:  # the binary wheel; without it no file can be encrypted or opened encrypted
    import sqlcipher3 as _sqlcipher
except ImportError:  # pragma: no cover - the wheel is a dependency where it exists
    _sqlcipher = None


def _quiet(module: ModuleType | None) -> None:
    # SQLCipher writes every failed decryption (a wrong passphrase) to stderr by default; the
    # user gets our message instead. The level is global to the library.
    if module is None:
        return
    conn = module.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet(_sqlcipher)

#: The driver errors of both SQLite drivers (SQLCipher's classes are its own).
SQLITE_ERRORS: tuple[type[BaseException], ...] = (
    (sqlite3.Error, _sqlcipher.Error) if _sqlcipher is not None else (sqlite3.Error,)
)


def available() -> bool:
    """Whether this installation can encrypt (the sqlcipher3 wheel is installed)."""
    return _sqlcipher is not None


def unavailable_message() -> str:
    return _(
        "Encryption is not available on this computer: the program part sqlcipher3 is not "
        "installed. Install jeugdtool again (pip install sqlcipher3-binary), or, only if your "
        "organisation allows it, choose an unencrypted database."
    )


def plain_chosen(option: bool = False, setting_encrypts: bool = True) -> bool:
    """Whether the user chose, explicitly, to make new databases without encryption: the
    option (--no-encryption), the setting, or JEUGDTOOL_NO_ENCRYPTION=1."""
    return option or not setting_encrypts or os.environ.get(NO_ENCRYPTION_ENV, "") == "1"


def passphrase_from_environment() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def driver() -> ModuleType:
    """The SQLCipher DB-API module (`available()` must be true)."""
    if _sqlcipher is None:
        from jeugdtool.errors import DatabaseUnavailable

        raise DatabaseUnavailable(unavailable_message())
    return _sqlcipher


def quote(passphrase: str) -> str:
    """`passphrase` as an SQL string literal (a PRAGMA takes no parameters)."""
    if "\x00" in passphrase:
        raise ValueError("a passphrase cannot hold a NUL character")
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(conn: Any, passphrase: str) -> None:
    """Key a fresh connection; it must be the first statement on it."""
    conn.execute(f"PRAGMA key = {quote(passphrase)}")


def connect(
    path: str | os.PathLike[str], passphrase: str | None, *, uri: bool = False, **kwargs: Any
) -> Any:
    """A DB-API connection to the file `path`: SQLCipher keyed with `passphrase`, or the
    standard sqlite3 module for a plain file (`passphrase` None)."""
    if passphrase is None:
        return sqlite3.connect(path, uri=uri, **kwargs)
    conn = driver().connect(str(path), uri=uri, **kwargs)
    apply_key(conn, passphrase)
    return conn


#: Every SQLite page size is a power of two of at least 512 bytes; a database file is whole
#: pages, encrypted or not.
_SMALLEST_PAGE = 512


#: How files of other programs begin (an encrypted database begins with 16 random bytes):
#: ZIP (.docx, .xlsx, .odt), PDF, old Office, PNG, JPEG.
_OTHER_KINDS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True for a file that looks like an encrypted database: whole pages, without the plain
    SQLite header (a file of another kind that happens to look so is refused by the
    passphrase check, as "wrong passphrase or not a jeugdtool database")."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device could block a read
            return False
        with open(path, "rb") as file:
            head = file.read(len(PLAIN_HEADER))
            size = os.fstat(file.fileno()).st_size
    except OSError:  # gone, or unreadable: the caller's own checks say why
        return False
    whole_pages = size >= _SMALLEST_PAGE and size % _SMALLEST_PAGE == 0
    known = head == PLAIN_HEADER or head.startswith(_OTHER_KINDS)
    return whole_pages and not known


def passphrase_matches(location: Any, given: str) -> bool:
    """Whether `given` is the passphrase the open database `location` uses (the lock screen).
    False for a plain file: it has no passphrase to give."""
    current = getattr(location, "passphrase", None)
    if current is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), current.encode("utf-8"))


def check_passphrase(path: str | os.PathLike[str], passphrase: str) -> bool:
    """Whether `passphrase` opens the encrypted file `path`. Reads only (the file stays
    byte-identical, also after a wrong passphrase)."""
    if not passphrase:  # an empty key would mean "not encrypted" to SQLCipher
        return False
    conn = driver().connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        apply_key(conn, passphrase)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver().DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == 26:  # SQLITE_NOTADB: the key is wrong
            return False
        raise
    finally:
        conn.close()


# ---------------------------------------------------------------- the passphrase itself


@dataclass(frozen=True)
class Advice:
    """What the passphrase dialog says about a passphrase while it is typed."""

    #: False: refused (too short or empty).
    acceptable: bool
    #: "weak", "fair" or "strong": for a colour or a bar.
    level: str
    message: str


def advice(passphrase: str) -> Advice:
    """Advice on a new passphrase: long beats clever. A rule of its own, used by the dialog
    and the command line alike."""
    length = len(passphrase)
    if length < MIN_PASSPHRASE_LENGTH:
        return Advice(
            False,
            "weak",
            _(
                "Too short: use at least {n} characters. A sentence of four or more words "
                "that only you know is strong and easy to remember."
            ).format(n=MIN_PASSPHRASE_LENGTH),
        )
    if len(set(passphrase)) <= 3:
        return Advice(
            False,
            "weak",
            _("Too easy to guess: it repeats the same few characters. Use a few words."),
        )
    words = [w for w in passphrase.replace("-", " ").split() if w]
    if length >= GOOD_PASSPHRASE_LENGTH or len(words) >= 4:
        return Advice(
            True, "strong", _("Strong. Write it down somewhere safe, away from the laptop.")
        )
    return Advice(
        True,
        "fair",
        _("Acceptable, but longer is safer: add a word or two (at least {n} characters).").format(
            n=GOOD_PASSPHRASE_LENGTH
        ),
    )


def mismatch_message() -> str:
    return _("The two passphrases are not the same. Type the same passphrase twice.")


# ---------------------------------------------------------------- whole-file operations


def export_encrypted(plain: Path, target: Path, passphrase: str) -> None:
    """Write an encrypted copy of the plain database `plain` to the new file `target`
    (`sqlcipher_export`: every table, index, trigger and the schema version)."""
    conn = driver().connect(str(plain), isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE {quote(str(target))} AS encrypted KEY {quote(passphrase)}")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def rekey(path: Path, old: str, new: str) -> None:
    """Give the encrypted file `path` a new passphrase (every page is re-encrypted, in one
    transaction: an interruption leaves the old passphrase valid)."""
    conn = connect(path, old, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA rekey = {quote(new)}")
    finally:
        conn.close()


def overwrite_and_remove(path: Path) -> None:
    """Overwrite a plain file's bytes with zeros, flush them to the disk, then remove it. On an
    SSD or a copy-on-write file system the old blocks may survive in the drive's spare area
    (docs/privacy.md says so): full-disk encryption is the answer there."""
    with contextlib.suppress(FileNotFoundError):
        fd = os.open(path, os.O_WRONLY)
        try:
            _zero(fd, os.fstat(fd).st_size)
        finally:
            os.close(fd)
        os.remove(path)


def _zero(fd: int, size: int) -> None:
    block = b"\x00" * (1 << 20)
    os.lseek(fd, 0, os.SEEK_SET)
    left = size
    while left > 0:
        left -= os.write(fd, block[: min(left, len(block))])
    os.fsync(fd)


@contextlib.contextmanager
def held_open(path: Path) -> Iterator[int]:
    """A write descriptor on `path`, so its bytes can be overwritten after another file has
    taken its name (`os.replace`)."""
    fd = os.open(path, os.O_WRONLY)
    try:
        yield fd
    finally:
        os.close(fd)


def zero_descriptor(fd: int) -> None:
    """Overwrite the whole file behind `fd` with zeros and flush it to the disk."""
    _zero(fd, os.fstat(fd).st_size)


# ---------------------------------------------------------------- the system's keyring

#: The keyring service under which a database file's passphrase may be kept (per file).
KEYRING_SERVICE = "jeugdtool-database"


def keyring_passphrase(key: str) -> str | None:
    """The passphrase kept in the system's keyring for the database file `key`
    (`Location.key`); None when there is none or the keyring cannot be read (then the user
    is asked)."""
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, key)
    except Exception:  # no keyring package or backend, or a locked one: ask instead
        log.info("no passphrase from the keyring")
        return None
    return found or None


def keep_in_keyring(key: str, passphrase: str | None) -> bool:
    """Keep `passphrase` for the database file `key` (None forgets it). False when the keyring
    did not take it (the user is asked next time; never an error)."""
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            if passphrase is None:
                keyring.delete_password(KEYRING_SERVICE, key)
            else:
                keyring.set_password(KEYRING_SERVICE, key, passphrase)
        except PasswordDeleteError:
            pass  # there was none
        return True
    except Exception as exc:  # the kind only: never the passphrase
        log.warning("the keyring did not take the passphrase: %s", type(exc).__name__)
        return False
