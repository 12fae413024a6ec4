"""annotations: dated notes on a KPI or the whole workspace

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 10:00:00

A new table only: no existing row is touched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_annotation_span"),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annotation_kpi_id"), ["kpi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_annotation_start_date"), ["start_date"], unique=False)


def downgrade() -> None:
    op.drop_table("annotation")
