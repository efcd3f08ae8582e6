"""teams and access: teams, roles, logins, case teams, handovers, break-the-glass, access log

Revision ID: 0007
Revises: 0006

On SQLite, `households` is copied to add its foreign key (Alembic's batch mode); migrate.py runs
every upgrade with foreign keys off, so dropping the old copy deletes nothing by cascade.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "org_settings",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_org_settings")),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_number", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_access_log_case_at", ["case_id", "at"], unique=False)
        batch_op.create_index("ix_access_log_person_at", ["person_id", "at"], unique=False)

    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "staff_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["consultants.id"],
            name=op.f("fk_staff_roles_person_id_consultants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_roles")),
        sa.UniqueConstraint("person_id", "role", name="uq_staff_roles_role"),
    )
    op.create_table(
        "team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["consultants.id"],
            name=op.f("fk_team_members_person_id_consultants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_members_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_members")),
        sa.UniqueConstraint("team_id", "person_id", name="uq_team_members_person"),
    )
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_members_person_id"), ["person_id"], unique=False)

    op.create_table(
        "break_glass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_break_glass_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["consultants.id"],
            name=op.f("fk_break_glass_person_id_consultants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_glass")),
    )
    with op.batch_alter_table("break_glass", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_break_glass_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index("ix_break_glass_person", ["person_id", "expires_at"], unique=False)

    op.create_table(
        "case_coworkers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_case_coworkers_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["consultants.id"],
            name=op.f("fk_case_coworkers_person_id_consultants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_coworkers")),
        sa.UniqueConstraint("household_id", "person_id", name="uq_case_coworkers_person"),
    )
    with op.batch_alter_table("case_coworkers", schema=None) as batch_op:
        batch_op.create_index("ix_case_coworkers_person", ["person_id"], unique=False)

    op.create_table(
        "case_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("from_name", sa.String(length=200), nullable=False),
        sa.Column("to_person_id", sa.Integer(), nullable=True),
        sa.Column("to_name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_case_handovers_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handovers")),
    )
    with op.batch_alter_table("case_handovers", schema=None) as batch_op:
        batch_op.create_index("ix_case_handovers_household", ["household_id"], unique=False)

    op.add_column("consultants", sa.Column("login", sa.String(length=63), nullable=True))
    op.create_index("ix_consultants_login", "consultants", ["login"], unique=True)
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_households_team_id_teams", "teams", ["team_id"], ["id"], ondelete="SET NULL"
        )
    op.create_index("ix_households_team_id", "households", ["team_id"], unique=False)
    # "My cases" (the case list, and the access rules' jt_case_ids()) look cases up by manager.
    op.create_index(
        "ix_households_case_manager_id", "households", ["case_manager_id"], unique=False
    )

    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_index("ix_households_case_manager_id", table_name="households")
    op.drop_index("ix_households_team_id", table_name="households")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_constraint("fk_households_team_id_teams", type_="foreignkey")
        batch_op.drop_column("team_id")
    op.drop_index("ix_consultants_login", table_name="consultants")
    with op.batch_alter_table("consultants", schema=None) as batch_op:
        batch_op.drop_column("login")

    with op.batch_alter_table("case_handovers", schema=None) as batch_op:
        batch_op.drop_index("ix_case_handovers_household")

    op.drop_table("case_handovers")
    with op.batch_alter_table("case_coworkers", schema=None) as batch_op:
        batch_op.drop_index("ix_case_coworkers_person")

    op.drop_table("case_coworkers")
    with op.batch_alter_table("break_glass", schema=None) as batch_op:
        batch_op.drop_index("ix_break_glass_person")
        batch_op.drop_index(batch_op.f("ix_break_glass_household_id"))

    op.drop_table("break_glass")
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_members_person_id"))

    op.drop_table("team_members")
    op.drop_table("staff_roles")
    op.drop_table("teams")
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_person_at")
        batch_op.drop_index("ix_access_log_case_at")
        batch_op.drop_index(batch_op.f("ix_access_log_at"))

    op.drop_table("access_log")
    op.drop_table("org_settings")
    # ### end Alembic commands ###
