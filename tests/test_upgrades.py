"""Upgrades: a workspace made by every released schema opens in the current app, intact.

The files in tests/data/workspaces/ were made once, by the app of their time (see
tests/data/make_workspace_fixtures.py), with a manifest of what they hold. Each is copied,
opened with the current app (which migrates it after a backup copy) and compared with its
manifest: same rows, same values, in every column the old schema had.

A future migration that changes stored values on purpose (renames a column, converts a
unit) must say here how old values map to new ones; until then "every value survives"
means byte-for-byte equal values.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import migrate

FIXTURES = Path(__file__).resolve().parent / "data" / "workspaces"
_spec = importlib.util.spec_from_file_location(
    "make_workspace_fixtures", FIXTURES.parent / "make_workspace_fixtures.py"
)
assert _spec is not None and _spec.loader is not None
fixtures_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures_script)
manifest_of = fixtures_script.manifest_of
table_digest = fixtures_script.table_digest

FILES = sorted(FIXTURES.glob("schema-*.kpidb"))


def _manifest(fixture: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema-")


def test_the_known_revisions_are_the_migration_scripts() -> None:
    """The app tells a current schema without loading Alembic, from this list."""
    assert migrate.script_revisions() == list(migrate.REVISIONS)


def test_opening_a_current_workspace_loads_no_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    from kpi_desktop.services.workspace.workspace import Workspace

    Workspace.create(tmp_path / "plan.kpidb").close()
    code = (
        "import sys\n"
        "from kpi_desktop.services.workspace.workspace import Workspace\n"
        f"Workspace.open({str(tmp_path / 'plan.kpidb')!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_every_released_schema_has_a_fixture() -> None:
    """Every revision before the head has shipped: a workspace made by it must be kept."""
    have = {_revision_of(f) for f in FILES}
    released = migrate.known_revisions() - {migrate.head_revision()}
    assert released <= have, f"make a fixture for {sorted(released - have)} (see the script)"
    assert have <= migrate.known_revisions()


@pytest.mark.parametrize("fixture", FILES, ids=[f.name for f in FILES])
def test_fixture_is_unchanged_history(fixture: Path) -> None:
    manifest = _manifest(fixture)
    assert manifest["revision"] == _revision_of(fixture)
    assert manifest_of(fixture)["tables"] == manifest["tables"]
    assert fixture.stat().st_size < 200_000


@pytest.mark.parametrize("fixture", FILES, ids=[f.name for f in FILES])
def test_old_workspace_opens_with_every_value(fixture: Path, tmp_path: Path) -> None:
    manifest = _manifest(fixture)
    path = tmp_path / "old plan.kpidb"
    shutil.copyfile(fixture, path)
    needs_upgrade = manifest["revision"] != migrate.head_revision()

    with Workspace.open(path) as ws:
        assert not ws.readonly
        n_kpis = len(ws.kpis.list())
    backups = sorted(tmp_path.glob("*.before-upgrade-*"))
    if needs_upgrade:  # the file as it was, kept beside it before migrating
        assert len(backups) == 1
        assert manifest_of(backups[0])["tables"] == manifest["tables"]
    else:
        assert backups == []

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            migrate.head_revision()
        )
    finally:
        conn.close()

    now = manifest_of(path)["tables"]
    for table, was in manifest["tables"].items():
        assert table in now, f"table {table} was lost"
        missing = set(was["columns"]) - set(now[table]["columns"])
        assert not missing, f"{table} lost columns {sorted(missing)}"
        conn = sqlite3.connect(path)
        try:
            count, digest = table_digest(conn, table, was["columns"])
        finally:
            conn.close()
        assert count == was["count"], f"{table}: {count} rows, had {was['count']}"
        assert digest == was["sha256"], f"{table}: values changed in the upgrade"
    assert n_kpis == manifest["tables"]["kpi"]["count"]


@pytest.mark.parametrize("fixture", FILES, ids=[f.name for f in FILES])
def test_upgraded_workspace_works_for_reading_and_writing(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.kpidb"
    shutil.copyfile(fixture, path)
    as_of = dt.date.fromisoformat(_manifest(fixture).get("demo_today", "2025-06-15"))
    with Workspace.open(path) as ws:
        statuses = kpi_statuses(ws, as_of, include_archived=True)
        assert len(statuses) == len(ws.kpis.list())
        assert {s.status for s in statuses} - {"no_data"}  # real verdicts, not only no data
        goal = ws.goals.add("Added after the upgrade")
        kpi = ws.kpis.add(goal.id, "New KPI", unit="x")
        ws.measurements.upsert(kpi.id, as_of, 1.5)
        first = ws.kpis.list()[0]
        ws.kpis.update(first.id, owner="Someone new")
    with Workspace.open(path) as ws:
        assert ws.measurements.points(kpi.id)[0].value == 1.5
        assert ws.kpis.get(first.id).owner == "Someone new"
