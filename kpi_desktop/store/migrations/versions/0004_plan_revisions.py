"""plan revisions: a KPI's earlier plans, kept when its target is revised

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 23:10:00

New tables only: no existing row is touched (a KPI without revisions has one plan, its own).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.Column("in_force_from", sa.Date(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("made_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prior_baseline_value", sa.Float(), nullable=True),
        sa.Column("prior_baseline_date", sa.Date(), nullable=True),
        sa.Column("prior_target_value", sa.Float(), nullable=True),
        sa.Column("prior_target_date", sa.Date(), nullable=True),
        sa.Column("prior_tolerance", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kpi_id", "in_force_from", name="uq_plan_revision_from"),
    )
    with op.batch_alter_table("plan_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_revision_kpi_id"), ["kpi_id"], unique=False)
    op.create_table(
        "plan_revision_milestone",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["revision_id"], ["plan_revision.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("revision_id", "date"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("plan_revision_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_revision_milestone_kpi_id"), ["kpi_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("plan_revision_milestone")
    op.drop_table("plan_revision")
