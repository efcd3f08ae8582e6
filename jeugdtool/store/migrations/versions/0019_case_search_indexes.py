"""the case list searched in the database at 100,000 households (issue 20): on SQLite, indexes
that hold the folded search key after the list's order (case number; status and case number),
so a keystroke reads the typed words from the index in the list's order and stops at the first
page, and the count reads the index, never the table. PostgreSQL searches with its trigram
index and its access policies; it gets none of these (a btree entry there has a size limit a
large family's key could pass).

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (name, columns) of the SQLite indexes.
_INDEXES = (
    ("ix_households_number_key", ["case_number", "search_key"]),
    ("ix_households_status_number_key", ["status", "case_number", "search_key"]),
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if _sqlite():
        for name, columns in _INDEXES:
            op.create_index(name, "households", columns)


def downgrade() -> None:
    if _sqlite():
        for name, _columns in _INDEXES:
            op.drop_index(name, table_name="households")
