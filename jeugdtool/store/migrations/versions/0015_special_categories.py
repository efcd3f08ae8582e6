"""special categories of personal data (issue 19): an agreement and a help item can be marked
as health, addiction or justice data ("" when not marked), so an export leaves them out unless
its selection includes special categories

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables that get the mark.
_TABLES = ("agreements", "help_items")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "special_category", sa.String(length=20), nullable=False, server_default=""
                )
            )


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("special_category")
