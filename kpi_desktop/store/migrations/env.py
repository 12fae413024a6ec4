"""Alembic environment: migrations run on the connection the workspace hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from kpi_desktop.store import tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
