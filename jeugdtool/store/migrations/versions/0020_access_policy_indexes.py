"""the access policies' own lookups at 100,000 households (issue 20): on PostgreSQL, indexes
that hold a case's id beside its case manager and beside its team, so `jt_case_ids()` — which
every statement under the policies evaluates once — reads the cases of a login from the index
alone (an index-only scan) instead of visiting the households table. SQLite needs none: its
index on a column holds the row's id already, and it has no policies.

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (name, columns) of the PostgreSQL indexes.
_INDEXES = (
    ("ix_households_manager_case", ["case_manager_id", "id"]),
    ("ix_households_team_case", ["team_id", "id"]),
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgresql():
        for name, columns in _INDEXES:
            op.create_index(name, "households", columns)


def downgrade() -> None:
    if _postgresql():
        for name, _columns in _INDEXES:
            op.drop_index(name, table_name="households")
