"""Write a new Alembic migration by comparing the models with a database at the current head.

Usage: .venv/bin/python scripts/new_migration.py "what changes"
Then add the new revision id to jeugdtool/store/schema.py (REVISIONS) and review the file.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

import jeugdtool.models
from jeugdtool.store import migrate
from jeugdtool.store import schema


def main() -> None:
    message = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'head.sqlite'}")
        config = migrate.alembic_config(jeugdtool.models.Base.metadata)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            if schema.REVISIONS and migrate.script_revisions():
                command.upgrade(config, "head")
            rev_id = f"{len(migrate.script_revisions()) + 1:04d}"
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
