"""whom to call (issue 19): a consultant's phone number, the chair of a case's network, and a
child's trusted person (a member of the same case's network; cleared when that member goes)

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consultants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=True))

    with op.batch_alter_table("network_members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("chairs_network", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trusted_person_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_persons_trusted_person_id", ["trusted_person_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_persons_trusted_person_id_network_members"),
            "network_members",
            ["trusted_person_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_persons_trusted_person_id_network_members"), type_="foreignkey"
        )
        batch_op.drop_index("ix_persons_trusted_person_id")
        batch_op.drop_column("trusted_person_id")

    with op.batch_alter_table("network_members", schema=None) as batch_op:
        batch_op.drop_column("chairs_network")

    with op.batch_alter_table("consultants", schema=None) as batch_op:
        batch_op.drop_column("phone")
