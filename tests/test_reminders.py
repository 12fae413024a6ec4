"""Reminders: KPIs due for a value and overdue actions (service, `kpi-desktop due`, the
banner, the due filters of the tree and the scorecard)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from team_server import demo_on

from kpi_desktop.cli import main
from kpi_desktop.services.tracking.reminders import due_items
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.due_filter import DueFilterProxy, accepts_kpi
from kpi_desktop.ui.goals.goal_tree_model import GoalTreeModel
from kpi_desktop.ui.reminders_bar import RemindersBar
from kpi_desktop.ui.scorecard.view import ScorecardView

D = dt.date
TODAY = D(2026, 11, 15)  # the demo's values end with October
LATER = D(2026, 12, 9)  # November's values are 2 days overdue; both actions are late

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def small(workspace: Workspace) -> dict[str, int]:
    """A KPI of each frequency with a value some periods back, an archived KPI, actions."""
    goal = workspace.goals.add("Run the shop")
    sub = workspace.goals.add("Serve well", parent_id=goal.id)
    ids = {}
    for name, freq, last, goal_id in (
        ("Sales", "monthly", D(2026, 9, 1), goal.id),
        ("Visitors", "daily", D(2026, 11, 1), sub.id),
        ("Tickets", "weekly", D(2026, 10, 19), sub.id),
        ("Profit", "quarterly", D(2026, 4, 1), goal.id),
        ("Headcount", "yearly", D(2024, 1, 1), goal.id),
        ("Up to date", "monthly", D(2026, 10, 1), goal.id),
    ):
        kpi = workspace.kpis.add(goal_id, name, frequency=freq, owner="Ann")
        workspace.measurements.upsert(kpi.id, last, 1.0)
        ids[name] = kpi.id
    empty = workspace.kpis.add(sub.id, "New KPI")
    ids["New KPI"] = empty.id
    old = workspace.kpis.add(goal.id, "Old KPI", archived=True)
    workspace.measurements.upsert(old.id, D(2020, 1, 1), 1.0)
    ids["goal"], ids["sub"] = goal.id, sub.id
    late = workspace.reviews.add_action("Call the bank", owner="Ann", due_date=D(2026, 11, 1))
    workspace.reviews.add_action("Due today", due_date=D(2026, 11, 3), kpi_id=ids["Sales"])
    workspace.reviews.add_action("No date")
    done = workspace.reviews.add_action("Done late", due_date=D(2026, 10, 1))
    workspace.reviews.set_action_done(done.id)
    workspace.reviews.add_action("Fix the sign", due_date=D(2026, 10, 30), goal_id=sub.id)
    ids["late"] = late.id
    return ids


AS_OF = D(2026, 11, 3)


def test_due_kpis_per_frequency(workspace: Workspace, small: dict[str, int]) -> None:
    report = due_items(workspace, AS_OF)
    got = {k.kpi: (k.message, k.overdue, k.days_overdue) for k in report.kpis}
    assert got == {
        "Sales": ("needs October's value", False, 0),
        "Visitors": ("needs yesterday's value", False, 0),
        "Tickets": ("needs last week's value (week of 26 Oct 2026)", False, 0),
        "Profit": ("needs the value for Q3 2026", True, 27),
        "Headcount": ("needs the value for 2025", True, 300),
        "New KPI": ("needs October's value", False, 0),
    }
    # tree order: the objective's KPIs, then the sub-goal's
    assert [k.kpi for k in report.kpis][:3] == ["Sales", "Profit", "Headcount"]
    assert report.kpi_ids == frozenset(small[k] for k in got)


def test_overdue_actions(workspace: Workspace, small: dict[str, int]) -> None:
    actions = due_items(workspace, AS_OF).actions
    assert [(a.title, a.days_overdue) for a in actions] == [
        ("Fix the sign", 4),
        ("Call the bank", 2),
    ]
    assert actions[0].goal == "Serve well" and actions[0].kpi is None
    assert actions[1].line() == "Call the bank (Ann), due 2026-11-01, 2 days overdue"
    assert actions[0].line().endswith("4 days overdue; goal: Serve well")


def test_summary_words(workspace: Workspace, small: dict[str, int]) -> None:
    assert due_items(workspace, AS_OF).summary == (
        "6 KPIs need values: 6 missing (2 overdue); 2 actions are overdue"
    )


def test_summary_when_every_kpi_needs_the_same_month(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "demo.kpidb") as ws:
        build_demo(ws, TODAY)
        assert due_items(ws, TODAY).summary == "1 action is overdue"
        report = due_items(ws, LATER)
        assert report.summary == "9 KPIs need November's value; 2 actions are overdue"
        assert all(k.overdue and k.days_overdue == 2 for k in report.kpis)
        assert due_items(ws, D(2026, 11, 1)).is_empty
        assert due_items(ws, D(2026, 11, 1)).summary == ""


def test_json_keys(workspace: Workspace, small: dict[str, int]) -> None:
    data = due_items(workspace, AS_OF).as_json()
    assert set(data) == {"as_of", "summary", "kpis", "actions"}
    sales = data["kpis"][0]
    assert sales == {
        "kpi": "Sales",
        "goal": "Run the shop",
        "owner": "Ann",
        "frequency": "monthly",
        "last_period": "2026-09-01",
        "due_periods": ["2026-10-01"],
        "missing": 1,
        "overdue": False,
        "days_overdue": 0,
        "message": "needs October's value",
    }
    assert data["actions"][1] == {
        "action": "Call the bank",
        "owner": "Ann",
        "due_date": "2026-11-01",
        "days_overdue": 2,
        "kpi": None,
        "goal": None,
    }


# -- kpi-desktop due --------------------------------------------------------------------------


@pytest.fixture
def demo_file(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo as seen on TODAY for the command line: a file, or a server database's URL
    (cloned from a template built once, tests/team_server.py)."""
    made = demo_on(request, tmp_path, engine, TODAY, "cafe.kpidb")
    ws = next(made)
    where: Path | str = ws.path if engine != "team" else str(ws.location)
    ws.close()  # the command line opens it itself
    yield where
    made.close()


def test_cli_due_text(demo_file: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", str(demo_file), "--as-of", LATER.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Values due on 2026-12-09:"
    assert out[1] == (
        "  Monthly revenue (Grow profitable revenue): needs November's value, 2 days overdue"
    )
    assert "Overdue actions:" in out
    assert out[-2] == "9 KPIs need November's value; 2 actions are overdue."
    assert out[-1] == "Type them all at once in the app: Track > Check in (Ctrl+K)."


def test_cli_due_json(demo_file: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", str(demo_file), "--as-of", TODAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kpis"] == []
    assert [a["action"] for a in data["actions"]] == [
        "Renegotiate milk and bean prices with our suppliers"
    ]
    assert data["actions"][0]["days_overdue"] == 7 and data["actions"][0]["kpi"] == "Gross margin"


def test_cli_due_nothing(demo_file: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", str(demo_file), "--as-of", "2026-11-01"]) == 0
    assert capsys.readouterr().out.startswith("Nothing is due on 2026-11-01")


def test_cli_due_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", str(tmp_path / "missing.kpidb")]) == 1
    assert "due: error:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["due", str(tmp_path / "x.kpidb"), "--as-of", "someday"])
    assert exc.value.code == 2


# -- the banner -------------------------------------------------------------------------------


@pytest.fixture
def demo_doc(tmp_path: Path) -> Document:
    ws = Workspace.create(tmp_path / "demo.kpidb")
    build_demo(ws, TODAY)
    doc = Document(ws)
    doc.set_as_of(LATER)
    yield doc
    doc.close()


def _window_with_bar(qtbot, doc: Document) -> tuple[QWidget, RemindersBar]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    bar = RemindersBar(doc, window)
    QVBoxLayout(window).addWidget(bar)
    window.show()
    return window, bar


def test_bar_says_what_is_due_without_a_dialog(qtbot, demo_doc: Document) -> None:
    _window, bar = _window_with_bar(qtbot, demo_doc)
    assert bar.isVisible()
    assert bar.text() == "9 KPIs need November's value; 2 actions are overdue."
    assert "Monthly revenue" in bar.text_label.toolTip()
    assert bar.show_button.isVisible() and bar.actions_button.isVisible()
    assert QApplication.activeModalWidget() is None


def test_bar_show_filters_and_show_all(qtbot, demo_doc: Document) -> None:
    _window, bar = _window_with_bar(qtbot, demo_doc)
    with qtbot.waitSignal(bar.filter_requested) as blocker:
        bar.show_button.click()
    assert blocker.args[0] == bar.report.kpi_ids and len(blocker.args[0]) == 9
    assert bar.show_button.text() == "Show all KPIs"
    with qtbot.waitSignal(bar.filter_requested) as blocker:
        bar.show_button.click()
    assert blocker.args[0] is None
    with qtbot.waitSignal(bar.actions_requested):
        bar.actions_button.click()


def test_bar_follows_new_values_and_hides_when_nothing_is_due(qtbot, demo_doc: Document) -> None:
    _window, bar = _window_with_bar(qtbot, demo_doc)
    kpi_id = demo_doc.workspace.kpis.find("Gross profit").id  # (Gross margin follows it)
    demo_doc.push(commands.SetValues(demo_doc, kpi_id, [(D(2026, 11, 1), 26000.0, None)]))
    qtbot.waitUntil(lambda: bar.text().startswith("8 KPIs need November's value"))
    demo_doc.set_as_of(D(2026, 11, 1))  # before November ended, nothing late either
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert not bar.wants_to_show()


def test_bar_dismissed_stays_hidden_until_the_news_changes(qtbot, demo_doc: Document) -> None:
    _window, bar = _window_with_bar(qtbot, demo_doc)
    bar.close_button.click()
    assert not bar.isVisible()
    bar.refresh()
    assert not bar.isVisible()
    kpi_id = demo_doc.workspace.kpis.find("Food waste").id
    demo_doc.push(commands.SetValues(demo_doc, kpi_id, [(D(2026, 11, 1), 3.0, None)]))
    qtbot.waitUntil(bar.isVisible)


def test_bar_without_parent_never_pops_up_as_a_window(qtbot, demo_doc: Document) -> None:
    bar = RemindersBar(demo_doc)
    qtbot.addWidget(bar)
    assert bar.wants_to_show() and not bar.isVisible()


# -- the due filters ----------------------------------------------------------------------------


def _visible_titles(proxy: DueFilterProxy, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        out.append(index.data())
        out += _visible_titles(proxy, index)
    return out


def test_due_filter_proxy_keeps_due_kpis_and_their_goals(
    qtmodeltester, workspace: Workspace, small: dict[str, int]
) -> None:
    doc = Document(workspace)
    doc.set_as_of(AS_OF)
    model = GoalTreeModel(doc)
    proxy = DueFilterProxy()
    proxy.setSourceModel(model)
    everything = _visible_titles(proxy)
    assert "Up to date" in everything
    proxy.set_due_ids(due_items(workspace, AS_OF).kpi_ids)
    assert _visible_titles(proxy) == [
        "Run the shop",
        "Serve well",
        "Visitors",
        "Tickets",
        "New KPI",
        "Sales",
        "Profit",
        "Headcount",
    ]
    proxy.set_due_ids({small["Visitors"]})
    assert _visible_titles(proxy) == ["Run the shop", "Serve well", "Visitors"]
    proxy.set_due_ids(set())
    assert _visible_titles(proxy) == []
    # the text filter still works, with and without the due filter
    proxy.set_due_ids({small["Visitors"], small["Sales"]})
    proxy.setFilterFixedString("sal")
    assert _visible_titles(proxy) == ["Run the shop", "Sales"]
    proxy.set_due_ids(None)
    assert "Sales" in _visible_titles(proxy) and "Visitors" not in _visible_titles(proxy)
    proxy.setFilterFixedString("")
    assert _visible_titles(proxy) == everything
    qtmodeltester.check(proxy)


def test_due_filter_verdicts() -> None:
    assert accepts_kpi("kpi", 3, None) is True
    assert accepts_kpi("goal", 3, frozenset({3})) is None
    assert accepts_kpi("kpi", 3, frozenset({3})) is True
    assert accepts_kpi("kpi", 4, frozenset({3})) is False


def test_scorecard_due_filter(qtbot, demo_doc: Document) -> None:
    view = ScorecardView(demo_doc)
    qtbot.addWidget(view)
    ids = [r.kpi_id for r in view.rows()]
    view.set_due_filter(ids[:2])
    assert [t.kpi_id for t in view.tiles()] == ids[:2]
    assert view.summary_label.text().startswith("2 of 11 KPIs due for a value")
    view.set_due_filter(None)
    assert len(view.tiles()) == 11  # 9 measured, 2 calculated
    view.set_due_filter([])
    assert view.tiles() == [] and view.empty_label.text() == "No KPI matches these filters."
    view.clear_filters()
    assert view.due_filter is None and len(view.tiles()) == 11
