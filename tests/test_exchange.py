"""The full round trip: export a workspace to XLSX, rebuild a new one from it with
`kpi-desktop new WS --from FILE.xlsx`, and compare a dump of every table and every column a
user sees (services/exchange/tables.canonical_dump): the demo, and a generated workspace of
200 KPIs with sub-goals, plan revisions, reviews, actions, notes and a deleted KPI."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel
from team_server import built_workspace

from kpi_desktop.domain.types import Point
from kpi_desktop.reports.data_export import export_xlsx
from kpi_desktop.services.exchange import tables as exchange
from kpi_desktop.services.exchange.rebuild import RebuildError, rebuild_workspace
from kpi_desktop.services.exchange.tables import canonical_dump, exchange_tables
from kpi_desktop.services.planning.revisions import revise_plan
from kpi_desktop.services.planning.workspace_settings import set_fiscal_year
from kpi_desktop.services.review.reviews import EntryInput
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import migrate
from kpi_desktop.ui.prompts import ScriptedPrompts
from tests.cli_run import run
from tests.test_main_window import make_window

TODAY = dt.date(2026, 12, 7)
new_window = make_window  # the main window test's fixture


def _round_trip(
    ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: Path | str | None = None,
) -> Workspace:
    """The full export of `ws` built by `new --from` into `target` (a new file by default,
    or an empty server database's URL)."""
    book = export_xlsx(ws, tmp_path / "full.xlsx", TODAY)
    target = target or tmp_path / "rebuilt.kpidb"
    code, out, err = run(capsys, "new", target, "--from", book)
    assert (code, err) == (0, ""), err
    assert out.startswith(f"Created {target} from {book} (")
    return Workspace.open(target)


def _assert_same(original: Workspace, rebuilt: Workspace) -> None:
    before, after = canonical_dump(original), canonical_dump(rebuilt)
    assert set(before) == {spec.name for spec in exchange_tables()}
    for table in before:
        assert after[table] == before[table], table


def test_the_demo_comes_back_whole(
    demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.annotations.add(None, dt.date(2025, 7, 10), "Road works", dt.date(2025, 9, 20))
    with _round_trip(demo, tmp_path, capsys) as rebuilt:
        _assert_same(demo, rebuilt)
        assert rebuilt.info()["name"] == demo.info()["name"]
        assert len(rebuilt.reviews.list()) == len(demo.reviews.list()) >= 1
        assert rebuilt.annotations.list()[0].text == "Road works"  # the Notes come back too
        code, out, _ = run(capsys, "status", rebuilt.path, "--as-of", TODAY, "--json")
        assert code == 0
    code, same, _ = run(capsys, "status", demo.path, "--as-of", TODAY, "--json")
    assert out == same


def _generated(ws: Workspace) -> Workspace:
    """200 KPIs under 10 objectives with sub-goals: every field used, exact floats, text a
    spreadsheet could run, two KPIs of the same name, revisions, reviews, actions, notes,
    a fiscal year, archived rows and a deleted KPI (ids with gaps, a change log naming it)."""
    rng = random.Random(20)
    set_fiscal_year(ws, 4)
    goals = []
    for g in range(10):
        top = ws.goals.add(f"Objective {g}", perspective="customer" if g % 2 else None)
        sub = ws.goals.add(f"Sub-goal {g}", parent_id=top.id, owner="Ann", due_date=TODAY)
        goals += [top, sub]
    kpis = []
    for k in range(201):
        goal = goals[k % len(goals)]
        start = 100.0 + rng.random()
        kpi = ws.kpis.add_with_milestones(
            goal.id,
            "Same name" if k in (3, 4) else f"KPI {k}" if k != 7 else "=SUM(A1:A2)",
            [Point(dt.date(2026, m, 1), start + m + 0.1 + 0.2) for m in range(2, 12, 3)],
            unit="EUR",
            unit_kind="currency",
            currency_symbol="€",
            decimals=2,
            baseline_value=start,
            baseline_date=dt.date(2026, 1, 1),
            target_value=start * 1.5,
            target_date=dt.date(2026, 12, 31),
            tolerance=0.05 + k / 10_000,
            data_source="till",
            formula="+1 per guest" if k == 9 else "",
            leading=k % 3 == 0,
            weight=1 + k % 4,
            owner=f"Owner {k % 7}",
            key_question=f"Question {k}?",
        )
        kpis.append(kpi)
        rows = [
            (dt.date(2025 + m // 12, m % 12 + 1, 1), rng.uniform(-1e6, 1e6), f"note {m}" * (m % 2))
            for m in range(18)
        ]
        ws.measurements.upsert_many(kpi.id, rows, source="till.csv" if k % 2 else "manual")
    ws.kpis.update(kpis[5].id, archived=True)
    ws.goals.update(goals[3].id, archived=True)
    ws.kpis.delete(kpis[200].id)  # a gap in the ids, and change-log rows naming it
    revise_plan(ws, kpis[1].id, dt.date(2026, 7, 1), reason="new shop", target_value=999.5)
    revise_plan(ws, kpis[2].id, dt.date(2026, 6, 1), target_value=1e9 / 3)
    for r, when in enumerate((dt.date(2026, 9, 30), dt.date(2026, 10, 31))):
        entries = [
            EntryInput(kpi.id, kpi.name, "on_track", 1.5 * r, when, 2.0, 0.25, f"ok {r}")
            for kpi in kpis[:150]
        ]
        review = ws.reviews.record(when, f"Review {r}", "Notes =1+1", entries)
        for a in range(5):
            ws.reviews.add_action(
                f"Action {r}.{a}",
                owner="Ben",
                due_date=when + dt.timedelta(days=14),
                kpi_id=kpis[a].id if a % 2 else None,
                goal_id=goals[a].id if a == 2 else None,
                review_id=review.id,
            )
    ws.reviews.add_action("On its own", owner="Cem")
    ws.annotations.add(kpis[0].id, dt.date(2026, 4, 1), "=New barista")
    ws.annotations.add(None, dt.date(2026, 5, 1), "Road works", dt.date(2026, 6, 30))
    return ws


@pytest.fixture
def generated(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    """The generated workspace, in a file or on the server (cloned from a template)."""
    yield from built_workspace(
        request, tmp_path, engine, "generated", _generated, "generated.kpidb", "Generated"
    )


def test_a_generated_workspace_of_200_kpis_comes_back_whole(
    generated: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    engine: str,
    request: pytest.FixtureRequest,
) -> None:
    """On a server it is rebuilt onto a server too: `new URL --from full.xlsx`."""
    target = str(request.getfixturevalue("team_database")) if engine == "team" else None
    original = generated
    with _round_trip(original, tmp_path, capsys, target) as new:
        _assert_same(original, new)
        dump = canonical_dump(new)
        assert len(dump["kpi"]) == 200 and len(dump["review_entry"]) == 300
        assert len(dump["plan_revision"]) == 2 and len(dump["action"]) == 11
        assert any(row[-1] == "200" or "KPI 200" in row for row in dump["change_log"])
        assert new.kpis.find("KPI 10").weight == 3  # a KPI is found by name as before
        book = openpyxl.load_workbook(tmp_path / "full.xlsx", read_only=True)
        try:  # the two KPIs called "Same name" have their values by id
            assert book["measurement"].max_row == 1 + 2 * 18
        finally:
            book.close()


def test_the_sheets_follow_the_schema() -> None:
    specs = exchange_tables()
    kpi = exchange.spec_of("kpi")
    assert "owner" in kpi.columns and "version" not in kpi.columns
    assert kpi.references == {"goal_id": "goal"}
    assert exchange.spec_of("change_log").loose == {"kpi_id", "goal_id"}
    order = [s.name for s in specs]
    for spec in specs:  # every table after the tables it points to
        assert all(order.index(t) <= order.index(spec.name) for t in spec.references.values())


@pytest.fixture
def links_table(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A table added to the schema (as a migration would add one): goal-to-goal links."""
    table = sa.Table(
        "test_link",
        SQLModel.metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("from_goal_id", sa.Integer, sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("to_goal_id", sa.Integer, sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    real_upgrade = migrate.upgrade

    def upgrade(conn):  # type: ignore[no-untyped-def]
        real_upgrade(conn)
        table.create(conn, checkfirst=True)

    monkeypatch.setattr(migrate, "upgrade", upgrade)
    exchange_tables.cache_clear()
    yield table
    SQLModel.metadata.remove(table)
    exchange_tables.cache_clear()


def test_a_new_table_travels_without_new_code(
    links_table: sa.Table, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.create(tmp_path / "linked.kpidb")
    try:
        ids = [ws.goals.add(f"Goal {n}").id for n in range(4)]
        ws.goals.delete(ids[0])  # the ids in the new workspace differ from these
        with ws.writing() as s:
            s.connection().execute(
                sa.insert(links_table),
                [
                    {"from_goal_id": ids[1], "to_goal_id": ids[3], "note": "drives"},
                    {"from_goal_id": ids[2], "to_goal_id": ids[3], "note": ""},
                ],
            )
        assert "test_link" in [spec.name for spec in exchange_tables()]
        with _round_trip(ws, tmp_path, capsys) as rebuilt:
            _assert_same(ws, rebuilt)
            with rebuilt.reading() as s:
                links = s.connection().execute(
                    sa.text(
                        "SELECT f.title, t.title, l.note FROM test_link l "
                        "JOIN goal f ON f.id = l.from_goal_id JOIN goal t ON t.id = l.to_goal_id"
                    )
                )
                assert sorted(links) == [("Goal 1", "Goal 3", "drives"), ("Goal 2", "Goal 3", "")]
    finally:
        ws.close()


def test_a_workbook_that_is_not_a_full_export_is_refused(
    demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values_only = tmp_path / "values.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Date", "KPI", "Value"])
    book.save(values_only)
    code, _out, err = run(capsys, "new", tmp_path / "x.kpidb", "--from", values_only)
    assert code == 1 and 'no sheet "goal"' in err and "kpi-desktop import" in err
    assert not (tmp_path / "x.kpidb").exists()


def test_a_bad_cell_names_its_sheet_row_and_column_and_leaves_nothing(
    demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export_xlsx(demo, tmp_path / "full.xlsx", TODAY)
    book = openpyxl.load_workbook(path)
    sheet = book["kpi"]
    column = [c.value for c in sheet[1]].index("target_value") + 1
    sheet.cell(row=3, column=column, value="lots")
    book.save(path)
    target = tmp_path / "x.kpidb"
    with pytest.raises(RebuildError, match='sheet "kpi", row 3, column target_value'):
        rebuild_workspace(path, target)
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.kpidb"))
    assert left == ["full.xlsx"]  # no workspace, no partial file

    sheet.cell(row=3, column=column, value=5)
    goal_column = [c.value for c in sheet[1]].index("goal_id") + 1
    sheet.cell(row=4, column=goal_column, value=999)
    book.save(path)
    code, _out, err = run(capsys, "new", target, "--from", path)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert 'row 4, column goal_id: there is no row 999 in the sheet "goal"' in err
    assert not target.exists()


@pytest.mark.file_only  # copies the demo's file
def test_an_existing_workspace_is_never_overwritten(
    demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export_xlsx(demo, tmp_path / "full.xlsx", TODAY)
    target = tmp_path / "kept.kpidb"
    shutil.copy(demo.path, target)
    before = target.read_bytes()
    code, _out, err = run(capsys, "new", target, "--from", path)
    assert code == 1 and "exists" in err
    assert target.read_bytes() == before
    code, _out, err = run(capsys, "new", tmp_path / "y.kpidb", "--from", path, "--demo")
    assert code == 2  # one or the other


def test_the_rebuilt_file_is_a_sound_workspace(
    demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _round_trip(demo, tmp_path, capsys) as rebuilt:
        conn = sqlite3.connect(rebuilt.path)
        try:
            assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        goal = rebuilt.goals.add("Added after")  # ids go on after the rebuilt ones
        assert goal.id == max(g.id for g in rebuilt.goals.list())


def test_file_new_from_export_builds_and_opens_it(
    new_window, demo: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    book = export_xlsx(demo, tmp_path / "full.xlsx", TODAY)
    prompts = ScriptedPrompts(files=[str(book), str(tmp_path / "moved")])
    window = new_window(prompts)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "from e" in a.text())
    action.trigger()
    assert window.document is not None
    ws = window.document.workspace
    assert ws.path == tmp_path / "moved.kpidb"
    _assert_same(demo, ws)
    assert (
        "Built moved.kpidb from full.xlsx: 4 goals, 11 KPIs" in window.statusBar().currentMessage()
    )
    prompts.files = [str(book), str(tmp_path / "moved.kpidb")]  # exists now: never overwritten
    action.trigger()
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("error", "Cannot build the workspace") and "exists" in text
