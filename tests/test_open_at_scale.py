"""Opening a workspace costs what is on screen: the hidden scorecard and achievements wait
until shown; the goal tree sizes its status column once, not from every row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHeaderView, QLabel

from kpi_desktop.domain.types import Status
from kpi_desktop.services.tracking import scorecard as scorecard_service
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.achievements import panel as achievements_panel
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.scorecard.view import ScorecardView
from kpi_desktop.ui.workspace_view import LazyPage, WorkspaceView

TODAY = dt.date(2026, 11, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo_doc(tmp_path: Path) -> Document:
    ws = Workspace.create(tmp_path / "demo.kpidb")
    build_demo(ws, TODAY)
    doc = Document(ws)
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def test_a_hidden_scorecard_reads_nothing_until_shown(
    qtbot,  # type: ignore[no-untyped-def]
    demo_doc: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[dt.date] = []
    real = scorecard_service.scorecard_rows

    def counted(ws: Workspace, as_of: dt.date) -> list[scorecard_service.ScorecardRow]:
        reads.append(as_of)
        return real(ws, as_of)

    monkeypatch.setattr("kpi_desktop.ui.scorecard.view.scorecard_rows", counted)
    view = ScorecardView(demo_doc)
    qtbot.addWidget(view)
    demo_doc.measurements_changed.emit(1)
    assert reads == []
    view.show()
    assert len(reads) == 1 and len(view.tiles()) == 11
    assert len(reads) == 1  # read once, not again per question


def test_asking_a_hidden_scorecard_reads_it(qtbot, demo_doc: Document) -> None:  # type: ignore[no-untyped-def]
    view = ScorecardView(demo_doc)
    qtbot.addWidget(view)
    assert len(view.rows()) == 11 and not view.isVisible()


def test_achievements_are_made_when_their_tab_is_first_shown(
    qtbot,  # type: ignore[no-untyped-def]
    demo_doc: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[object] = []
    real = achievements_panel.AchievementsPanel

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("kpi_desktop.ui.workspace_view.AchievementsPanel", Counted)
    view = WorkspaceView(demo_doc, ScriptedPrompts())
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    assert made == []
    page = view.centre.widget(2)
    assert isinstance(page, LazyPage) and not page.is_made()
    view.centre.setCurrentIndex(2)
    assert len(made) == 1 and page.is_made() and view.achievements is made[0]
    assert view.achievements.isVisible() and view.achievements.achievements()
    with qtbot.waitSignal(view.tree.selection_changed):
        view.achievements.kpi_selected.emit(view.achievements.achievements()[0].kpi_id)
    assert view.centre.currentWidget() is view.chart_split


def test_lazy_page_made_on_request(qtbot) -> None:  # type: ignore[no-untyped-def]
    made: list[QLabel] = []

    def make() -> QLabel:
        made.append(QLabel("made"))
        return made[-1]

    page = LazyPage(make)
    qtbot.addWidget(page)
    assert not page.is_made()
    first = page.content()
    assert page.content() is first and made == [first] and first.parent() is page


def test_the_status_column_fits_every_status(qtbot, demo_doc: Document) -> None:  # type: ignore[no-untyped-def]
    view = WorkspaceView(demo_doc, ScriptedPrompts())
    qtbot.addWidget(view)
    view.show()
    tree = view.tree.view
    header = tree.header()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Fixed
    fixed = header.sectionSize(1)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    assert fixed >= tree.sizeHintForColumn(1)  # the demo's rows, bold objectives too
    fm = tree.fontMetrics()
    assert fixed > max(fm.horizontalAdvance(s.label) for s in Status) + 16


def _big_tree(tmp_path: Path, objectives: int, kpis_each: int) -> Document:
    ws = Workspace.create(tmp_path / "big.kpidb")
    for o in range(objectives):
        goal = ws.goals.add(f"Objective {o:03d}")
        for k in range(kpis_each):
            ws.kpis.add(
                goal.id,
                f"KPI {o:03d}-{k:02d}",
                unit="count",
                baseline_value=0,
                baseline_date=dt.date(2026, 1, 1),
                target_value=100,
                target_date=dt.date(2026, 12, 1),
            )
    doc = Document(ws)
    doc.set_as_of(TODAY)
    return doc


def test_a_big_tree_opens_at_its_objectives_and_expands_where_asked(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from kpi_desktop.ui.goals.goal_tree import GoalTreePane

    doc = _big_tree(tmp_path, objectives=40, kpis_each=10)  # 440 rows: over the limit
    pane = GoalTreePane(doc, ScriptedPrompts())
    qtbot.addWidget(pane)
    assert pane.model.node_count() == 440 > pane.EXPAND_ALL_UP_TO
    tree, proxy = pane.view, pane.proxy
    assert proxy.rowCount() == 40
    assert not any(tree.isExpanded(proxy.index(r, 0)) for r in range(40))
    # Selecting a KPI (from the scorecard, a reminder...) reveals it.
    kpi = doc.workspace.kpis.find("KPI 017-03")
    assert pane.select("kpi", kpi.id)
    objective = pane.proxy.index(17, 0)
    assert tree.isExpanded(objective) and pane.selected() == ("kpi", kpi.id)
    # An edit rebuilds the tree and keeps what was expanded and selected.
    doc.workspace.kpis.update(kpi.id, name="Renamed KPI")
    doc.goals_changed.emit()
    assert tree.isExpanded(pane.proxy.index(17, 0))
    assert not tree.isExpanded(pane.proxy.index(16, 0))
    assert pane.selected() == ("kpi", kpi.id)
    # A filter shows every match, expanded; clearing it goes back to the objectives.
    pane.filter_box.setText("KPI 02")
    assert proxy.rowCount() == 10 and all(tree.isExpanded(proxy.index(r, 0)) for r in range(10))
    pane.filter_box.clear()
    assert not any(tree.isExpanded(proxy.index(r, 0)) for r in range(40))
    doc.close()


def test_a_small_tree_opens_fully_expanded(qtbot, demo_doc: Document) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.ui.goals.goal_tree import GoalTreePane

    pane = GoalTreePane(demo_doc, ScriptedPrompts())
    qtbot.addWidget(pane)
    proxy = pane.proxy
    assert proxy.rowCount() == 3
    assert all(pane.view.isExpanded(proxy.index(r, 0)) for r in range(3))


def test_the_views_over_every_kpi_share_one_read_of_the_plan(
    qtbot,  # type: ignore[no-untyped-def]
    demo_doc: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kpi_desktop.ui import document as document_module
    from kpi_desktop.ui.achievements.celebration import Celebrator

    reads: list[dt.date] = []
    real = document_module.read_plan

    def counted(ws: Workspace, as_of: dt.date):  # type: ignore[no-untyped-def]
        reads.append(as_of)
        return real(ws, as_of)

    monkeypatch.setattr(document_module, "read_plan", counted)
    view = WorkspaceView(demo_doc, ScriptedPrompts())
    qtbot.addWidget(view)
    Celebrator(demo_doc, view).prime()
    assert reads == [TODAY]  # the goal tree, the reminders and the celebrations
    # A change read anew, once, by every view that shows it
    kpi = demo_doc.workspace.kpis.find("Food waste")
    demo_doc.workspace.measurements.upsert(kpi.id, dt.date(2026, 11, 1), 9.0)
    demo_doc.measurements_changed.emit(kpi.id)
    demo_doc.goals_changed.emit()
    assert len(reads) == 2
    assert view.tree.model.node(view.tree.model.index_of("kpi", kpi.id)).status == Status.OFF_TRACK
    demo_doc.set_as_of(dt.date(2026, 11, 20))
    assert reads[-1] == dt.date(2026, 11, 20)
