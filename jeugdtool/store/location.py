"""Which database to use: `--db`, then `JEUGDTOOL_DB`, then the file in the user's data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.engine import make_url

from jeugdtool import paths


@dataclass(frozen=True)
class Location:
    url: URL
    #: The SQLite file, or None for a server database.
    path: Path | None
    #: The passphrase of an encrypted SQLite file (store/cipher.py); None: a plain file, or a
    #: server. Kept out of `repr` and of the URL, so it cannot reach a log or a message.
    passphrase: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display(self) -> str:
        """How the database is named to the user (never shows a password)."""
        if self.path is not None:
            return str(self.path)
        url = self.url.difference_update_query(["password"])  # libpq also takes ?password=…
        # Left out, not starred: "user:***@host" in a window title reads as a fault. (`set`
        # cannot take a password out; `_replace` can.)
        return url._replace(password=None).render_as_string(hide_password=True)

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    def with_passphrase(self, passphrase: str | None) -> Location:
        """The same file, opened with `passphrase` (None: as a plain file)."""
        return replace(self, passphrase=passphrase)

    @property
    def key(self) -> str:
        """A stable key for per-database settings."""
        return str(self.path.resolve()) if self.path is not None else self.display


def resolve(target: str | os.PathLike[str] | None = None) -> Location:
    """A location from a path or SQLAlchemy URL; None means the environment or the default."""
    raw = str(target) if target is not None else os.environ.get(paths.DB_ENV) or ""
    if not raw:
        return _sqlite(paths.default_database())
    if "://" in raw:
        url = make_url(raw)
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise ValueError("an in-memory database cannot be used")
            return _sqlite(Path(url.database))
        if url.drivername == "postgresql":
            # SQLAlchemy's default driver would be psycopg2; the `postgres` extra installs psycopg.
            url = url.set(drivername="postgresql+psycopg")
        return Location(url=url, path=None)
    return _sqlite(Path(raw).expanduser())


def _sqlite(path: Path) -> Location:
    path = path.absolute()
    return Location(url=URL.create("sqlite+pysqlite", database=str(path)), path=path)
