"""a family goal can be marked as special-category data like every other free text of the plan
(issue 19: "Ik wil stoppen met drinken" is health data), and the case list's status filter and
its default order read an index (issue 20: the list shows open cases by case number first)

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS_INDEX = "ix_households_status_number"


def upgrade() -> None:
    with op.batch_alter_table("family_goals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("special_category", sa.String(length=20), nullable=False, server_default="")
        )
    op.create_index(_STATUS_INDEX, "households", ["status", "case_number"])


def downgrade() -> None:
    op.drop_index(_STATUS_INDEX, table_name="households")
    with op.batch_alter_table("family_goals", schema=None) as batch_op:
        batch_op.drop_column("special_category")
