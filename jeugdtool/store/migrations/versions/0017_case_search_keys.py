"""the case list searched and paged in the database (issue 20): each household gets its folded
search key (case number, name and its members' names, as `jeugdtool.folding.fold` folds them)
and its folded name to sort by, both kept by the program in the transaction of every change.

The keys are filled by the program after the upgrade (`store/schema.AFTER_UPGRADE`): the one
fold lives in jeugdtool, and a migration does not import it. On PostgreSQL the search key gets a
trigram index (pg_trgm, a trusted extension since PostgreSQL 13) when the server has it, else a
plain one; on SQLite a plain index (a search reads the narrow index, not the table).

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEARCH_INDEX = "ix_households_search_key"
_NAME_INDEX = "ix_households_name_key"


def _trigrams_available() -> bool:
    """Whether pg_trgm is (or could now be) installed in this database."""
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar():
        return True
    if not bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar():
        return False
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:  # no right to create it: the plain index
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("name_key", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "postgresql" and _trigrams_available():
        op.create_index(
            _SEARCH_INDEX,
            "households",
            ["search_key"],
            postgresql_using="gin",
            postgresql_ops={"search_key": "gin_trgm_ops"},
        )
    else:
        op.create_index(_SEARCH_INDEX, "households", ["search_key"])
    op.create_index(_NAME_INDEX, "households", ["name_key"])


def downgrade() -> None:
    op.drop_index(_NAME_INDEX, table_name="households")
    op.drop_index(_SEARCH_INDEX, table_name="households")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_column("name_key")
        batch_op.drop_column("search_key")
