"""row versions on goals and KPIs, for stale-edit detection

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 21:40:00

Adds `version` (starting at 1) to goal and kpi. Plain ALTER TABLE ADD COLUMN: no table is
copied, so no foreign key cascade can touch the rows of other tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("goal", "kpi"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place; a batch copy of kpi would cascade-delete values.
    for table in ("kpi", "goal"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
