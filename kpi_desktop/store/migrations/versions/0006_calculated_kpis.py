"""calculated KPIs and strategy-map links: kpi.calculation, the goal_link table

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:00:00

Every existing KPI stays a measured KPI (an empty calculation); no stored value changes.
Plain SQLAlchemy types and batch operations, so the same script runs on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "calculation",
                sqlmodel.sql.sqltypes.AutoString(),
                server_default="",
                nullable=False,
            )
        )
    op.create_table(
        "goal_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("driver_goal_id", sa.Integer(), nullable=False),
        sa.Column("driven_goal_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("driver_goal_id <> driven_goal_id", name="ck_goal_link_distinct"),
        sa.ForeignKeyConstraint(["driver_goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["driven_goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("driver_goal_id", "driven_goal_id", name="uq_goal_link"),
    )
    with op.batch_alter_table("goal_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_link_driver_goal_id"), ["driver_goal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goal_link_driven_goal_id"), ["driven_goal_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("goal_link")
    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.drop_column("calculation")
