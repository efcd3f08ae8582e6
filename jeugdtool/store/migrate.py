"""Schema upgrades with Alembic (imported only when an upgrade is actually needed)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy import MetaData

from jeugdtool.store.backup import backup_sqlite
from jeugdtool.store.location import Location
from jeugdtool.store.locks import hold_until_transaction_end
from jeugdtool.store.schema import AFTER_UPGRADE

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(metadata: MetaData | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["target_metadata"] = metadata
    return config


def script_revisions() -> list[str]:
    """Every revision in the script directory, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def upgrade(engine: Engine, location: Location, current: str | None) -> None:
    """Bring the database to the newest schema; back the file up first when it holds data.

    The copy is complete or absent (store/backup.py); when it cannot be made, `BackupFailed`
    stops the upgrade before anything in the database changed. A server database is not
    copied (make a pg_dump before installing a new jeugdtool).
    """
    if current is not None and location.path is not None:
        copy = backup_sqlite(
            location.path,
            reason=f"before-upgrade-from-{current}",
            passphrase=location.passphrase,
        )
        log.info("backed up %s to %s before upgrading", location.display, copy)
    elif current is not None:
        log.info("upgrading %s from schema %s without a copy", location.display, current)
    config = alembic_config()
    with engine.connect() as conn:
        sqlite = location.is_sqlite
        if sqlite:
            _foreign_keys(conn, on=False)
        try:
            with conn.begin():
                # Colleagues starting at the same moment on a server database: the first one
                # upgrades, the others wait here and then find the schema current (Alembic
                # reads the version after the lock). On SQLite, BEGIN IMMEDIATE does the same.
                hold_until_transaction_end(conn, "schema-upgrade")
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                for step in AFTER_UPGRADE:
                    step(conn)
                if sqlite:
                    _check_foreign_keys(conn)
        finally:
            if sqlite:
                _foreign_keys(conn, on=True)


def _foreign_keys(conn: Connection, *, on: bool) -> None:
    """SQLite's foreign keys on or off, outside a transaction (inside one it is a no-op).

    Off during an upgrade, as SQLite's own procedure for changing a table says: Alembic's batch
    mode copies a table and drops the old one, and with foreign keys on that drop would delete
    the rows of every table that refers to it (ON DELETE CASCADE), i.e. whole cases.
    """
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(conn: Connection) -> None:
    """Every reference still points at a row; else the upgrade is rolled back."""
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise RuntimeError(f"the upgrade would break references in {', '.join(tables)}")
