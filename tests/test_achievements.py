"""Achievements from the workspace's data, the panel listing them and the celebration when a
newly entered value reaches a milestone or a target (a toast, never a dialog)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from team_server import demo_on

from kpi_desktop.domain.achievements import AchievementKind
from kpi_desktop.domain.types import Point
from kpi_desktop.services.review.report_data import since_last_review
from kpi_desktop.services.tracking.achievements import kpi_achievements_of, workspace_achievements
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.achievements.celebration import Celebrator
from kpi_desktop.ui.achievements.icons import kind_pixmap
from kpi_desktop.ui.achievements.panel import AchievementsPanel
from kpi_desktop.ui.document import Document

D = dt.date
K = AchievementKind
TODAY = D(2026, 11, 15)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    """The demo as seen on TODAY, on a file or on the server (tests/team_server.py)."""
    yield from demo_on(request, tmp_path, engine, TODAY)


@pytest.fixture
def doc(demo: Workspace) -> Document:
    document = Document(demo)
    document.set_as_of(TODAY)
    return document


def kpi_id(ws: Workspace, name: str) -> int:
    kpi = ws.kpis.find(name)
    assert kpi.id is not None
    return kpi.id


# -- the service ------------------------------------------------------------------------------


def test_demo_achievements(demo: Workspace) -> None:
    found = workspace_achievements(demo, as_of=TODAY)
    dates = [a.date for a in found]
    assert dates == sorted(dates, reverse=True)
    reviews = [a for a in found if a.kpi == "New online reviews" and a.kind == K.TARGET]
    assert len(reviews) == 1
    assert reviews[0].text == "Target reached: 23 reviews in Jul 2026 (target 20 reviews)"
    assert reviews[0].kpi_id == kpi_id(demo, "New online reviews")
    # values are written in the KPI's unit
    revenue = [a.text for a in found if a.kpi == "Monthly revenue" and a.kind == K.MILESTONE]
    assert "Milestone hit: €42,564 in Oct 2026 (milestone €41,557)" in revenue
    assert {a.kind for a in found} == set(AchievementKind)


def test_since_and_as_of(demo: Workspace) -> None:
    since = workspace_achievements(demo, since=D(2026, 10, 1), as_of=TODAY)
    assert since and all(a.date >= D(2026, 10, 1) for a in since)
    earlier = workspace_achievements(demo, as_of=D(2026, 6, 30))
    assert all(a.date <= D(2026, 6, 30) for a in earlier)
    assert not [a for a in earlier if a.kpi == "New online reviews" and a.kind == K.TARGET]


def test_one_kpi_and_kinds(demo: Workspace) -> None:
    orders = kpi_id(demo, "Web-shop orders")
    only = kpi_achievements_of(demo, orders, TODAY, kinds=(K.MILESTONE,))
    assert only and {a.kind for a in only} == {K.MILESTONE}
    demo.measurements.upsert(orders, D(2026, 11, 1), 320)
    now = kpi_achievements_of(demo, orders, None, kinds=(K.TARGET,))
    assert [a.text for a in now] == ["Target reached: 320 orders in Nov 2026 (target 300 orders)"]


def test_a_workspace_without_values_has_no_achievements(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    workspace.kpis.add(
        goal.id,
        "K",
        baseline_value=1.0,
        baseline_date=D(2026, 1, 1),
        target_value=2.0,
        target_date=D(2026, 12, 1),
    )
    assert workspace_achievements(workspace) == []


# -- the panel --------------------------------------------------------------------------------


def test_panel_lists_achievements_newest_first(qtbot, doc: Document) -> None:
    panel = AchievementsPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    shown = panel.achievements()
    model = panel.list.model()
    assert model.rowCount() == len(shown) > 10
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == shown[0].kpi
    assert first.data(Qt.ItemDataRole.ToolTipRole) == f"{shown[0].kpi}\n{shown[0].text}"
    assert isinstance(first.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert "targets reached" in panel.summary_label.text()
    # since the last review (15 Oct 2026, which saw values up to September): what it had
    # not seen, as the meeting report counts, so October's milestones are listed
    panel.set_since(1)
    assert panel.since_date() == D(2026, 9, 2)
    assert since_last_review(doc.workspace, TODAY) == D(2026, 9, 2)
    listed = panel.achievements()
    assert listed and all(a.date >= D(2026, 9, 2) for a in listed)
    assert any(a.kind == K.MILESTONE and a.date == D(2026, 10, 1) for a in listed)
    panel.set_since(3)
    assert panel.since_date() == D(2026, 1, 1)
    assert model.rowCount() == len(panel.achievements())
    with qtbot.waitSignal(panel.kpi_selected) as selected:
        panel.list.activated.emit(model.index(0, 0))
    assert selected.args == [panel.achievements()[0].kpi_id]
    panel.grab()  # the delegate paints two lines per achievement without errors


def test_panel_follows_new_values(qtbot, doc: Document) -> None:
    panel = AchievementsPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    before = len(panel.achievements())
    orders = kpi_id(doc.workspace, "Web-shop orders")
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 320.0, None)]))
    qtbot.waitUntil(lambda: len(panel.achievements()) > before)
    assert panel.achievements()[0].kind == K.TARGET


def test_panel_empty_state(qtbot, workspace: Workspace) -> None:
    panel = AchievementsPanel(Document(workspace))
    qtbot.addWidget(panel)
    assert panel.list.model().rowCount() == 0
    assert panel.empty_label.text().startswith("No achievements yet")


def test_icons_differ_per_kind(qtbot) -> None:
    images = {k: kind_pixmap(k, 24).toImage() for k in AchievementKind}
    assert len({img.bits().tobytes() for img in images.values()}) == len(AchievementKind)


# -- the celebration --------------------------------------------------------------------------


@pytest.fixture
def window(qtbot) -> QMainWindow:  # type: ignore[no-untyped-def]
    win = QMainWindow()
    win.setCentralWidget(QWidget())
    win.resize(900, 600)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_value_over_the_target_is_celebrated_then_fades(
    qtbot, doc: Document, window: QMainWindow
) -> None:
    celebrator = Celebrator(doc, window, duration_ms=150)
    celebrator.prime()
    orders = kpi_id(doc.workspace, "Web-shop orders")
    with qtbot.waitSignal(celebrator.celebrated) as got:
        doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 320.0, None)]))
    kinds = {a.kind for a in got.args[0]}
    assert K.TARGET in kinds
    toast = celebrator.toast
    assert toast.isVisible() and toast.parentWidget() is window
    assert toast.title() == "Target reached! Web-shop orders"
    assert "320 orders in Nov 2026 (target 300 orders)" in toast.text()
    assert window.statusBar().currentMessage().startswith("★ Target reached! Web-shop orders")
    assert QApplication.activeModalWidget() is None
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=3000)


def test_a_milestone_is_celebrated_once(qtbot, doc: Document, window: QMainWindow) -> None:
    celebrator = Celebrator(doc, window, duration_ms=5000)  # remembers before the edit
    wait = kpi_id(doc.workspace, "Average wait at the counter")  # lower is better
    with qtbot.waitSignal(celebrator.celebrated) as got:
        doc.push(commands.SetValues(doc, wait, [(D(2026, 10, 1), 5.4, None)]))
    assert [a.kind for a in got.args[0]] == [K.MILESTONE]
    assert celebrator.toast.title() == "Milestone hit! Average wait at the counter"
    assert celebrator.toast.text() == "5.4 min in Oct 2026 (milestone 5.6 min)"
    # undo and redo do not celebrate the same milestone again
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert seen == []


def test_nothing_is_celebrated_for_an_ordinary_value(
    qtbot, doc: Document, window: QMainWindow
) -> None:
    celebrator = Celebrator(doc, window)
    celebrator.prime()
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    wait = kpi_id(doc.workspace, "Average wait at the counter")
    doc.push(commands.SetValues(doc, wait, [(D(2026, 11, 1), 6.4, None)]))
    assert seen == [] and not celebrator.toast.isVisible()


def test_old_history_pasted_in_is_not_celebrated(qtbot, doc: Document, window: QMainWindow) -> None:
    ws = doc.workspace
    goal = ws.goals.list()[0]
    kpi = ws.kpis.add_with_milestones(
        goal.id,
        "Catering orders",
        [Point(D(2025, 7, 1), 15.0)],
        baseline_value=10.0,
        baseline_date=D(2025, 1, 1),
        target_value=20.0,
        target_date=D(2026, 12, 1),
    )
    celebrator = Celebrator(doc, window)
    celebrator.prime()
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    # last year's values, pasted at once: the July 2025 milestone was hit long ago
    rows = [(D(2025, m, 1), 16.0, None) for m in range(1, 13)]
    doc.push(commands.SetValues(doc, kpi.id, rows))
    assert seen == []
    # this month's value reaching the target is news
    doc.push(commands.SetValues(doc, kpi.id, [(D(2026, 10, 1), 21.0, None)]))
    assert len(seen) == 1


def test_remembering_is_one_read_of_what_is_news(
    qtbot, doc: Document, window: QMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kpi_desktop.ui.achievements.celebration as celebration_module

    reads: list[dt.date] = []
    one_kpi: list[int] = []
    real_news, real_one = (
        celebration_module.achievements_in_the_news,
        celebration_module.kpi_achievements_of,
    )

    def counted_news(ws: Workspace, as_of: dt.date, plan: object = None) -> object:
        reads.append(as_of)
        return real_news(ws, as_of, plan)  # type: ignore[arg-type]

    def counted_one(ws: Workspace, kpi_id: int, *args: object) -> object:
        one_kpi.append(kpi_id)
        return real_one(ws, kpi_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(celebration_module, "achievements_in_the_news", counted_news)
    monkeypatch.setattr(celebration_module, "kpi_achievements_of", counted_one)
    celebrator = Celebrator(doc, window)
    qtbot.wait(1)
    assert reads == []  # not while the workspace opens, nor right after...
    orders = kpi_id(doc.workspace, "Web-shop orders")
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 250.0, None)]))
    basket = kpi_id(doc.workspace, "Average web-shop basket")  # recomputed from orders
    assert reads == [TODAY] and one_kpi == [orders, basket]  # ...but before the first edit
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 260.0, None)]))
    celebrator.prime()  # once is enough
    doc.goals_changed.emit()
    assert reads == [TODAY]
    # another as-of date makes other periods news: remembered again before the next edit
    doc.set_as_of(D(2026, 12, 20))
    assert reads == [TODAY]
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 270.0, None)]))
    assert reads == [TODAY, D(2026, 12, 20)]


def test_a_milestone_hit_earlier_is_not_celebrated_when_another_value_changes(
    qtbot, doc: Document, window: QMainWindow
) -> None:
    revenue = kpi_id(doc.workspace, "Monthly revenue")
    hits = kpi_achievements_of(doc.workspace, revenue, TODAY, kinds=(K.MILESTONE,))
    assert hits[-1].date == D(2026, 10, 1)  # recent: news if it were new
    celebrator = Celebrator(doc, window)
    qtbot.wait(1)
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    september = doc.workspace.measurements.points(revenue)[-2]
    assert september.period == D(2026, 9, 1)
    doc.push(commands.SetValues(doc, revenue, [(september.period, september.value + 1, None)]))
    assert seen == []


def test_the_first_edit_after_opening_is_celebrated(
    qtbot, doc: Document, window: QMainWindow
) -> None:
    celebrator = Celebrator(doc, window)
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    orders = kpi_id(doc.workspace, "Web-shop orders")
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 320.0, None)]))  # target reached
    assert len(seen) == 1 and celebrator.toast.title() == "Target reached! Web-shop orders"


def test_values_changed_elsewhere_before_remembering_are_not_celebrated(
    qtbot, doc: Document, window: QMainWindow
) -> None:
    celebrator = Celebrator(doc, window)
    seen: list[object] = []
    celebrator.celebrated.connect(seen.append)
    orders = kpi_id(doc.workspace, "Web-shop orders")
    doc.workspace.measurements.upsert(orders, D(2026, 11, 1), 320.0)  # another window
    doc.measurements_changed.emit(orders)
    doc.push(commands.SetValues(doc, orders, [(D(2026, 11, 1), 330.0, None)]))
    assert seen == [] and not celebrator.toast.isVisible()


def test_choosing_since_filters_without_reading_again(
    qtbot, doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kpi_desktop.ui.achievements.panel as panel_module

    reads: list[object] = []
    real = panel_module.workspace_achievements

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(panel_module, "workspace_achievements", counted)
    panel = AchievementsPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    everything = panel.achievements()
    for choice in (2, 3, 1, 0):
        panel.set_since(choice)
        since = panel.since_date()
        assert panel.achievements() == [a for a in everything if since is None or a.date >= since]
        assert panel.list.model().rowCount() == len(panel.achievements())
    assert len(reads) == 1
    assert panel.achievements() == workspace_achievements(doc.workspace, as_of=TODAY)
