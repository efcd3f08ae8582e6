"""destroyed cases: the tombstone of each destroyed case (issue 13), without personal data

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "destroyed_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(length=32), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("destroyed_at", sa.DateTime(), nullable=False),
        sa.Column("legal_ground", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("destroyed_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destroyed_cases")),
    )
    with op.batch_alter_table("destroyed_cases", schema=None) as batch_op:
        batch_op.create_index("ix_destroyed_cases_case_number", ["case_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("destroyed_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_destroyed_cases_case_number")
    op.drop_table("destroyed_cases")
