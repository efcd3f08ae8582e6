"""the family's version of the plan and more special-category marks (issue 19): the family's own
goals (a table of their own, per plan version, with who said it); a safety goal, bottom line or
danger statement and an agreement in the family's own words; and the mark for special categories
of personal data on statements, "how the children are told", reviews, review results and ZRM
notes (all rows come unmarked and without family words)

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column, type) added, each NOT NULL with "" for the rows there are.
_COLUMNS: tuple[tuple[str, str, sa.types.TypeEngine], ...] = (
    ("agreements", "family_words", sa.Text()),
    ("statements", "family_words", sa.Text()),
    ("statements", "special_category", sa.String(length=20)),
    ("plan_versions", "children_told_category", sa.String(length=20)),
    ("plan_reviews", "special_category", sa.String(length=20)),
    ("review_results", "special_category", sa.String(length=20)),
    ("zrm_assessments", "special_category", sa.String(length=20)),
    ("zrm_domain_scores", "special_category", sa.String(length=20)),
)

_GOAL_INDEXES = (
    ("ix_family_goals_household_id", ["household_id"]),
    ("ix_family_goals_source_network_id", ["source_network_id"]),
    ("ix_family_goals_source_person_id", ["source_person_id"]),
    ("ix_family_goals_version", ["plan_version_id", "position"]),
)


def upgrade() -> None:
    op.create_table(
        "family_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lineage", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("plan_version_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source_person_id", sa.Integer(), nullable=True),
        sa.Column("source_network_id", sa.Integer(), nullable=True),
        sa.Column("source_label", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name="fk_family_goals_household_id_households",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_versions.id"],
            name="fk_family_goals_plan_version_id_plan_versions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_network_id"],
            ["network_members.id"],
            name="fk_family_goals_source_network_id_network_members",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_person_id"],
            ["persons.id"],
            name="fk_family_goals_source_person_id_persons",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_family_goals"),
    )
    with op.batch_alter_table("family_goals", schema=None) as batch_op:
        for name, columns in _GOAL_INDEXES:
            batch_op.create_index(name, columns, unique=False)

    for table, column, type_ in _COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, type_, nullable=False, server_default=""))


def downgrade() -> None:
    for table, column, _type in reversed(_COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
    with op.batch_alter_table("family_goals", schema=None) as batch_op:
        for name, _columns in reversed(_GOAL_INDEXES):
            batch_op.drop_index(name)
    op.drop_table("family_goals")
