"""The log an administrator reads: a rotating, owner-only file without personal data.

Set up once by the window and by the command line (`setup`). What may reach it is decided here
and at every log call: jeugdtool's own messages name kinds, counts, ids and the database's
location, never a person, a case's text or an SQL parameter. Two safeguards hold for calls
that forget: an exception is written as its kinds and the places it passed, never its text (a
driver's or a library's text can quote SQL and a person's data), and other libraries reach the
file only with warnings (SQLAlchemy's own INFO lines are the statements it runs).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from pathlib import Path
from types import TracebackType

from jeugdtool import paths
from jeugdtool.errors import unexpected_summary
from jeugdtool.errors import unexpected_traceback

LOG_NAME = "jeugdtool.log"
#: One file holds at most this much; four older files are kept (5 MB in all).
MAX_BYTES = 1_000_000
BACKUP_COUNT = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Loggers whose INFO lines are ours to vouch for; others reach the file from WARNING on.
OWN_LOGGERS = ("jeugdtool", "alembic.runtime.migration")

#: The handlers `setup` installed (replaced when it runs again, e.g. for another home).
_installed: list[logging.Handler] = []
#: The root logger's level before `setup` lowered it (put back by `shutdown`).
_level_before: list[int] = []

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


class SafeFormatter(logging.Formatter):
    """Writes an exception as kinds and places only (errors.unexpected_summary)."""

    def format(self, record: logging.LogRecord) -> str:
        # logging keeps the first handler's exception text on the record for the others: that
        # text (with the exception's message) must not be taken over, nor ours left behind.
        kept, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = kept

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        error = ei[1]
        if error is None:
            return ""
        if error.__traceback__ is None and ei[2] is not None:
            error.__traceback__ = ei[2]
        return f"{unexpected_summary(error)}\n{unexpected_traceback(error)}".rstrip()

    def formatStack(self, stack_info: str) -> str:
        return ""  # a stack's source lines can hold values as well


class _OwnOrWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.startswith(OWN_LOGGERS)
        return own or record.levelno >= logging.WARNING


class OwnerOnlyFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file that only its owner may read, also after each rollover."""

    def _open(self):  # type: ignore[no-untyped-def]
        # Created 0600 from the first byte (the umask could make it readable for others).
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.chmod(self.baseFilename, 0o600)  # an older file from before may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup(command: str | None = None, *, console: bool = True) -> Path | None:
    """Log to the file (and warnings to stderr, as before there was a file); the file, or None
    when it cannot be written (then the program goes on without it). `command`: the CLI's
    sub-command (its name only: arguments can be file names), None for the window. Calling
    again for the same file changes nothing."""
    target = log_file()
    current = [h for h in _installed if isinstance(h, OwnerOnlyFileHandler)]
    if current and Path(current[0].baseFilename) == target.absolute():
        return target
    _remove()
    root = logging.getLogger()
    if not _level_before:
        _level_before.append(root.level)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    if console and sys.stderr is not None:  # None: a windowed bundle (pythonw) has no console
        _add(root, logging.StreamHandler(sys.stderr), logging.WARNING, "%(message)s")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = OwnerOnlyFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in %s: %s", target.parent, exc.strerror)
        return None
    handler.addFilter(_OwnOrWarning())
    _add(root, handler, logging.INFO, FORMAT)
    _started(command)
    return target


def _add(root: logging.Logger, handler: logging.Handler, level: int, fmt: str) -> None:
    handler.setLevel(level)
    handler.setFormatter(SafeFormatter(fmt))
    root.addHandler(handler)
    _installed.append(handler)


def _remove() -> None:
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()


def shutdown() -> None:
    """Close the file and put the root level back (tests; the interpreter's exit closes it)."""
    _remove()
    if _level_before:
        logging.getLogger().setLevel(_level_before.pop())


def _started(command: str | None) -> None:
    from jeugdtool import __version__

    logging.getLogger("jeugdtool").info(
        "jeugdtool %s started: %s (Python %s, %s, pid %d)",
        __version__,
        f"command {command}" if command else "window",
        platform.python_version(),
        platform.platform(terse=True),
        os.getpid(),
    )
