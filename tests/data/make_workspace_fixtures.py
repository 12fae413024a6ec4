"""Make the upgrade fixture of the current schema: a filled workspace and its manifest.

`tests/test_upgrades.py` opens a workspace file made by every released schema version with
the current app and checks that every value survives. Those files are made ONCE, by the
app of their time, and then kept unchanged in `tests/data/workspaces/`:

    schema-<revision>.kpidb   the workspace, as that version of the app wrote it
    schema-<revision>.json    what it holds: per table the columns, the row count and a
                              SHA-256 of every row (see `table_digest`)

When a release adds a migration, run this script at the last commit *before* the new
migration (so the app still writes the previous schema) if that schema has no fixture yet,
and once more after the release for the new head:

    git worktree add /tmp/kpi-old <commit>          # the app as it was
    cd /tmp/kpi-old && python <repo>/tests/data/make_workspace_fixtures.py \
        --out <repo>/tests/data/workspaces

It refuses to replace an existing fixture (they are frozen history); --force overrides.

How schema-0001 was made: with this script at the head of main when 0001 was the only
revision (2026-12, KPI Desktop 0.1.0): the Corner Cafe demo as seen on 2025-06-15, plus
the extras of `add_extras` (every frequency, a range KPI, archived items, Unicode text,
notes and imported values, negative and fractional numbers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "workspaces"
DEMO_TODAY = dt.date(2025, 6, 15)


def user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name"
    )
    return [r[0] for r in rows]


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def table_digest(conn: sqlite3.Connection, table: str, columns: list[str]) -> tuple[int, str]:
    """(row count, SHA-256) of `columns` of every row, rows in sorted order, each value as
    Python's repr of what SQLite stores (so 1.0 and 1, or '2024-01-01' and a date, differ)."""
    listed = ", ".join(f'"{c}"' for c in columns)
    rows = sorted(
        (repr(tuple(r)) for r in conn.execute(f'SELECT {listed} FROM "{table}"')),
    )
    digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
    return len(rows), digest


def manifest_of(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables: dict[str, object] = {}
        for table in user_tables(conn):
            columns = table_columns(conn, table)
            count, digest = table_digest(conn, table, columns)
            tables[table] = {"columns": columns, "count": count, "sha256": digest}
    finally:
        conn.close()
    return {"revision": revision, "tables": tables}


def add_extras(ws: object) -> None:
    """What the demo lacks: every frequency, archived items, odd text and numbers."""
    from kpi_desktop.domain.types import Point
    from kpi_desktop.services.tracking.measurements import OnConflict

    goals, kpis, values = ws.goals, ws.kpis, ws.measurements  # type: ignore[attr-defined]
    ops = goals.add("Opérations – Zürich ☕", owner="Zoë", description="Ünïcödé\nzwei Zeilen")
    old = goals.add("Old plan", parent_id=ops.id, perspective="learning and growth")
    goals.archive(old.id)
    daily = kpis.add(
        ops.id,
        "Daily footfall",
        unit="guests",
        unit_kind="count",
        frequency="daily",
        aggregation="sum",
        baseline_value=120,
        baseline_date=dt.date(2024, 1, 1),
        target_value=150,
        target_date=dt.date(2025, 12, 31),
        tolerance=0.05,
        decimals=0,
    )
    weekly = kpis.add(
        ops.id,
        "Weekly complaints",
        unit="complaints",
        unit_kind="count",
        frequency="weekly",
        direction="decrease",
        baseline_value=5,
        baseline_date=dt.date(2024, 1, 1),
        target_value=1,
        target_date=dt.date(2025, 12, 31),
        aggregation="sum",
    )
    quarterly = kpis.add(
        ops.id,
        "Quarterly cash flow",
        unit="EUR",
        unit_kind="currency",
        currency_symbol="€",
        frequency="quarterly",
        decimals=2,
        aggregation="last",
        baseline_value=-2500.5,
        baseline_date=dt.date(2024, 1, 1),
        target_value=10_000.25,
        target_date=dt.date(2026, 1, 1),
    )
    yearly = kpis.add(
        old.id,
        "Yearly staff turnover",
        unit="%",
        unit_kind="percent",
        frequency="yearly",
        direction="range",
        range_low=5.0,
        range_high=15.5,
        archived=True,
        leading=True,
        weight=0.0,
        formula="leavers / average headcount × 100",
        data_source="HR 'sheet'",
    )
    start = dt.date(2024, 1, 1)
    values.write_many(
        [(daily.id, start + dt.timedelta(days=i), 100 + (i * 37) % 61) for i in range(366)],
        source="footfall.csv",
    )
    values.upsert_many(
        weekly.id,
        [
            (start + dt.timedelta(weeks=i), float(i % 7), "busy week" if i % 5 == 0 else None)
            for i in range(60)
        ],
    )
    values.upsert_many(
        quarterly.id,
        [
            (dt.date(2024, 1, 1), -2500.5, "a bad start"),
            (dt.date(2024, 4, 1), 1e-7, None),
            (dt.date(2024, 7, 1), 123456789.125, "“quoted” note"),
            (dt.date(2024, 10, 1), 0.0, ""),
        ],
    )
    values.write_many(
        [(yearly.id, dt.date(2020 + i, 1, 1), 7.25 + i) for i in range(5)],
        on_conflict=OnConflict.REPLACE,
        source="import: hr.xlsx",
    )
    kpis.set_milestones(
        quarterly.id, [Point(dt.date(2025, 1, 1), 3000.0), Point(dt.date(2025, 7, 1), 6000.0)]
    )
    values.set_note(daily.id, start, "opening day, with a 'quote' and a ; semicolon")


def make_fixture(out: Path, *, force: bool) -> Path:
    from kpi_desktop import __version__
    from kpi_desktop.services.workspace.demo import build_demo
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.store import migrate

    revision = migrate.head_revision()
    target = out / f"schema-{revision}.kpidb"
    manifest_path = target.with_suffix(".json")
    if (target.exists() or manifest_path.exists()) and not force:
        raise SystemExit(f"{target} exists: fixtures are frozen history (use --force)")
    target.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    with Workspace.create(target, name="Upgrade fixture") as ws:
        build_demo(ws, DEMO_TODAY)
        add_extras(ws)
    conn = sqlite3.connect(target)  # one self-contained, compact file
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    manifest = manifest_of(target)
    manifest["made_with"] = f"KPI Desktop {__version__}"
    manifest["made_on"] = dt.date.today().isoformat()
    manifest["demo_today"] = DEMO_TODAY.isoformat()
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="replace an existing fixture")
    ns = parser.parse_args(argv)
    path = make_fixture(ns.out, force=ns.force)
    print(f"made {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
