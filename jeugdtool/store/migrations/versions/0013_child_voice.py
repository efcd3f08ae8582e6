"""the child's voice (issue 19): per child, Three Houses records (worries, good things and
dreams in the child's own words, when, who talked with the child) and Words & Pictures stories
(pages of text), and their pictures — a drawing's scan, a page's picture — as bytes in a table
of their own inside the database, each removed with the record or page it belongs to

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tracked() -> list[sa.Column]:
    """The columns every user-edited row carries (store/base.Tracked)."""
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
    ]


def _household(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["household_id"],
        ["households.id"],
        name=f"fk_{table}_household_id_households",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "three_houses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("talked_with", sa.String(length=200), nullable=False),
        sa.Column("worries", sa.Text(), nullable=False),
        sa.Column("good_things", sa.Text(), nullable=False),
        sa.Column("dreams", sa.Text(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["persons.id"],
            name="fk_three_houses_child_id_persons",
            ondelete="CASCADE",
        ),
        _household("three_houses"),
        sa.PrimaryKeyConstraint("id", name="pk_three_houses"),
    )
    with op.batch_alter_table("three_houses", schema=None) as batch_op:
        batch_op.create_index("ix_three_houses_child", ["child_id", "held_on"], unique=False)
        batch_op.create_index("ix_three_houses_household_id", ["household_id"], unique=False)

    op.create_table(
        "child_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["persons.id"],
            name="fk_child_stories_child_id_persons",
            ondelete="CASCADE",
        ),
        _household("child_stories"),
        sa.PrimaryKeyConstraint("id", name="pk_child_stories"),
    )
    with op.batch_alter_table("child_stories", schema=None) as batch_op:
        batch_op.create_index("ix_child_stories_child_id", ["child_id"], unique=False)
        batch_op.create_index("ix_child_stories_household_id", ["household_id"], unique=False)

    op.create_table(
        "child_story_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["child_stories.id"],
            name="fk_child_story_pages_story_id_child_stories",
            ondelete="CASCADE",
        ),
        _household("child_story_pages"),
        sa.PrimaryKeyConstraint("id", name="pk_child_story_pages"),
    )
    with op.batch_alter_table("child_story_pages", schema=None) as batch_op:
        batch_op.create_index("ix_child_story_pages_story", ["story_id", "position"], unique=False)
        batch_op.create_index("ix_child_story_pages_household_id", ["household_id"], unique=False)

    op.create_table(
        "child_voice_pictures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("three_houses_id", sa.Integer(), nullable=True),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        *_tracked(),
        sa.CheckConstraint(
            "(three_houses_id IS NULL) <> (page_id IS NULL)",
            name="ck_child_voice_pictures_one_owner",
        ),
        sa.ForeignKeyConstraint(
            ["three_houses_id"],
            ["three_houses.id"],
            name="fk_child_voice_pictures_three_houses_id_three_houses",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["child_story_pages.id"],
            name="fk_child_voice_pictures_page_id_child_story_pages",
            ondelete="CASCADE",
        ),
        _household("child_voice_pictures"),
        sa.PrimaryKeyConstraint("id", name="pk_child_voice_pictures"),
        sa.UniqueConstraint("three_houses_id", name="uq_child_voice_pictures_three_houses_id"),
        sa.UniqueConstraint("page_id", name="uq_child_voice_pictures_page_id"),
        # A replaced picture always gets a new id (SQLite would reuse the highest).
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("child_voice_pictures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_child_voice_pictures_household_id", ["household_id"], unique=False
        )


def downgrade() -> None:
    for table, indexes in (
        ("child_voice_pictures", ("ix_child_voice_pictures_household_id",)),
        ("child_story_pages", ("ix_child_story_pages_household_id", "ix_child_story_pages_story")),
        ("child_stories", ("ix_child_stories_household_id", "ix_child_stories_child_id")),
        ("three_houses", ("ix_three_houses_household_id", "ix_three_houses_child")),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
        op.drop_table(table)
