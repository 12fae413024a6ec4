"""Schema versions: which revision a workspace has, and stepwise upgrades with Alembic.

Opening a workspace of the current schema needs none of Alembic (about 0.1 s to import):
the revisions this version knows are listed here, and Alembic is loaded only to upgrade.
tests/test_upgrades.py checks that the list agrees with the migration scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: Every schema revision this version of the app knows, oldest first (migrations/versions).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
