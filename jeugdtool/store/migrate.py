"""Schema upgrades with Alembic (imported only when an upgrade is actually needed)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData

from jeugdtool.store.backup import backup_sqlite
from jeugdtool.store.location import Location
from jeugdtool.store.locks import hold_until_transaction_end

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
        copy = backup_sqlite(location.path, reason=f"before-upgrade-from-{current}")
        log.info("backed up %s to %s before upgrading", location.display, copy)
    elif current is not None:
        log.info("upgrading %s from schema %s without a copy", location.display, current)
    config = alembic_config()
    with engine.begin() as conn:
        # Colleagues starting jeugdtool at the same moment on a server database: the first one
        # upgrades, the others wait here and then find the schema current (Alembic reads the
        # version after the lock). On SQLite, BEGIN IMMEDIATE already did the same.
        hold_until_transaction_end(conn, "schema-upgrade")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
