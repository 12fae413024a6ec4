"""Who may do what in a team workspace, as PostgreSQL roles and GRANTs (the server decides).

Each workspace database has three group roles, named after it: ``<db>_viewer`` reads,
``<db>_editor`` also writes values, reviews, actions and notes, ``<db>_owner`` also changes
goals, KPI definitions, plans and settings. `kpi-desktop team grant` makes a login role a
member of one of them. The grants cover every table the migrations made, whatever their
number (`install` runs after every schema creation and upgrade): a table not named in
EDITOR_TABLES is the owner's to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from kpi_desktop.services.errors import ValidationError
from kpi_desktop.store.location import WorkspaceLocation

#: Tables an editor writes (values and what a review meeting makes); the rest are owners'.
EDITOR_TABLES = ("measurement", "review", "review_entry", "action", "annotation", "change_log")


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    OWNER = "owner"


def group_role(database: str, role: Role) -> str:
    return f"{database}_{role.value}"[:63]


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def install(conn: Connection) -> None:
    """Create the three group roles if missing and grant them the workspace's tables."""
    db = str(conn.execute(text("SELECT current_database()")).scalar_one())
    names = {r: group_role(db, r) for r in Role}
    existing = {
        str(r[0])
        for r in conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"),
            {"n": list(names.values())},
        )
    }
    if not _may_manage_roles(conn) and set(names.values()) - existing:
        return  # a plain user made the workspace: roles come when an administrator grants
    for name in names.values():
        if name not in existing:
            conn.execute(text(f"CREATE ROLE {_q(conn, name)} NOLOGIN"))
    viewer, editor, owner = (_q(conn, names[r]) for r in Role)
    tables = [
        str(r[0])
        for r in conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        )
    ]
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_q(conn, db)} TO {viewer}, {editor}, {owner}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {viewer}, {editor}, {owner}"))
    conn.execute(text(f"GRANT {viewer} TO {editor}"))
    conn.execute(text(f"GRANT {editor} TO {owner}"))
    for table in tables:
        t = _q(conn, table)
        conn.execute(text(f"REVOKE ALL ON {t} FROM {viewer}, {editor}, {owner}"))
        conn.execute(text(f"GRANT SELECT ON {t} TO {viewer}"))
        if table in EDITOR_TABLES:
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {editor}"))
        elif table != "alembic_version":
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {owner}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {editor}"))


def _may_manage_roles(conn: Connection) -> bool:
    row = conn.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    return bool(row)


@dataclass(frozen=True)
class Granted:
    user: str
    role: Role
    created_login: bool  # the login role did not exist and was made (without a password)


def grant(location: WorkspaceLocation, user: str, role: str) -> Granted:
    """Make `user` a viewer, editor or owner of the workspace (one transaction): any other of
    its workspace roles is taken away, so the last grant is what the user has."""
    from kpi_desktop.services.team.server import connect, translate

    try:
        wanted = Role(role)
    except ValueError:
        raise ValidationError("role", f"unknown role {role!r}: viewer, editor or owner") from None
    if not user or len(user) > 63:
        raise ValidationError("user", "give the user's name (at most 63 characters)")
    engine = connect(location)
    try:
        with engine.begin() as conn:
            install(conn)
            db = location.name
            exists = conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :u"), {"u": user}
            ).first()
            if exists is None:
                conn.execute(text(f"CREATE ROLE {_q(conn, user)} LOGIN"))
            for r in Role:
                conn.execute(text(f"REVOKE {_q(conn, group_role(db, r))} FROM {_q(conn, user)}"))
            conn.execute(text(f"GRANT {_q(conn, group_role(db, wanted))} TO {_q(conn, user)}"))
    except DBAPIError as exc:
        raise translate(location, exc) from exc
    finally:
        engine.dispose()
    return Granted(user, wanted, exists is None)


def role_of(conn: Connection) -> Role | None:
    """The current user's role in the workspace; None for an administrator (all rights)."""
    row = conn.execute(
        text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).one()
    db = str(conn.execute(text("SELECT current_database()")).scalar_one())
    owns = conn.execute(
        text(
            "SELECT pg_catalog.pg_get_userbyid(datdba) = current_user FROM pg_database "
            "WHERE datname = current_database()"
        )
    ).scalar_one()
    if row[0] or owns:
        return None
    for r in (Role.OWNER, Role.EDITOR, Role.VIEWER):
        member = conn.execute(
            text(
                "SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = :n"
            ),
            {"n": group_role(db, r)},
        ).scalar()
        if member:
            return r
    return Role.VIEWER


def describe_role(engine: Engine) -> tuple[str | None, str]:
    """(role name or None, the reason the app refuses edits or "") of the engine's user."""
    with engine.connect() as conn:
        role = role_of(conn)
    if role == Role.VIEWER:
        return role.value, (
            "you are a viewer of this team workspace: you may read it but not change it "
            "(ask its owner for the editor role)"
        )
    return (role.value if role else None), ""
