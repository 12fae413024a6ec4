"""The strategy map: "drives" links stored and undone, the map's bands, boxes and arrows,
a click that opens a KPI, and its exports (PNG, SVG, PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from team_server import demo_on

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.strategy_map.layout import lay_out
from kpi_desktop.reports.strategy_map.painting import export_map
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.strategy_map import links
from kpi_desktop.services.strategy_map.map_data import strategy_map
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.calculated.commands import AddGoalLink, RemoveGoalLink
from kpi_desktop.ui.calculated.strategy_map_tab import StrategyMapTab
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import ScriptedPrompts

TODAY = dt.date(2026, 11, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    """The demo as seen on TODAY, on a file or on the server (tests/team_server.py)."""
    yield from demo_on(request, tmp_path, engine, TODAY)


@pytest.fixture
def demo_doc(demo: Workspace) -> Document:
    doc = Document(demo)
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def _ids(ws: Workspace) -> dict[str, int]:
    return {g.title: g.id for g in ws.goals.list()}  # type: ignore[misc]


def test_the_demo_map_has_bands_statuses_links_and_input_arrows(demo_doc: Document) -> None:
    ws = demo_doc.workspace
    data = strategy_map(ws, TODAY)
    assert [band for band, _ in data.bands] == ["financial", "customer", "internal process"]
    financial = dict(data.bands)["financial"]
    assert [g.title for g in financial] == ["Grow profitable revenue", "Grow the web shop"]
    money = data.goal(_ids(ws)["Grow profitable revenue"])
    assert money is not None and money.status == Status.AT_RISK  # worst of its KPIs
    margin = next(k for k in money.kpis if k.name == "Gross margin")
    assert margin.calculated and margin.status == Status.AT_RISK
    ids = _ids(ws)
    assert {(ln.driver_goal_id, ln.driven_goal_id) for ln in data.links} == {
        (ids["Run a tight kitchen"], ids["Delight our regulars"]),
        (ids["Delight our regulars"], ids["Grow profitable revenue"]),
    }
    assert data.inputs == []  # the demo's inputs sit in their calculated KPI's goal
    layout = lay_out(data)
    assert len(layout.goals) == 4 and len(layout.arrows) == 2
    assert all(b.rect.y > a.rect.y for a, b in zip(layout.goals[:2], layout.goals[2:], strict=True))


def test_links_are_stored_refused_when_doubled_and_undone(demo_doc: Document) -> None:
    ws = demo_doc.workspace
    ids = _ids(ws)
    before = len(links.links(ws))
    command = AddGoalLink(demo_doc, ids["Grow the web shop"], ids["Grow profitable revenue"])
    assert demo_doc.push(command) is None
    assert len(links.links(ws)) == before + 1
    assert (
        change_log.history(ws, limit=1)[0]
        .line()
        .endswith('goal "Grow the web shop": drives Grow profitable revenue (new)')
        or "drives" in change_log.history(ws, limit=1)[0].line()
    )
    again = AddGoalLink(demo_doc, ids["Grow the web shop"], ids["Grow profitable revenue"])
    error = demo_doc.push(again)
    assert error is not None and "already drives" in error.message
    with pytest.raises(ValidationError, match="cannot drive itself"):
        links.add_link(ws, ids["Grow the web shop"], ids["Grow the web shop"])
    demo_doc.undo_stack.undo()
    assert len(links.links(ws)) == before
    demo_doc.undo_stack.redo()
    made = command.link_id
    assert made in {ln.id for ln in links.links(ws)}
    assert demo_doc.push(RemoveGoalLink(demo_doc, made)) is None
    assert made not in {ln.id for ln in links.links(ws)}
    demo_doc.undo_stack.undo()
    assert made in {ln.id for ln in links.links(ws)}
    # an input in another goal is drawn as a dashed arrow
    shop = ids["Grow the web shop"]
    ws.kpis.add(shop, "Share of web sales", unit="%",
                calculation="[Web-shop sales] / [Monthly revenue] * 100")  # fmt: skip
    moved = strategy_map(ws, TODAY)
    assert (ids["Grow profitable revenue"], shop, "Share of web sales") in moved.inputs


def test_the_tab_draws_links_by_two_clicks_and_opens_a_kpi(
    qtbot, demo_doc: Document, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ws = demo_doc.workspace
    tab = StrategyMapTab(demo_doc, ScriptedPrompts(files=[str(tmp_path / "map.svg")]))
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    layout = tab.map_layout
    boxes = {g.goal.title: g for g in layout.goals}
    shop, kitchen = boxes["Grow the web shop"], boxes["Run a tight kitchen"]
    tab.link_button.click()
    tab.click_at(*kitchen.rect.centre)
    assert tab.hint.text() == "Now click the goal it drives."
    tab.click_at(*shop.rect.centre)
    assert not tab.link_button.isChecked()
    assert len(links.links(ws)) == 3 and len(tab.map_layout.arrows) == 3
    assert tab.hint.text().startswith("Drives links: 3.")
    arrow = next(a for a in tab.map_layout.arrows if a.link_id == links.links(ws)[-1].id)
    mid = ((arrow.start[0] + arrow.end[0]) / 2, (arrow.start[1] + arrow.end[1]) / 2)
    tab.click_at(*mid)
    assert tab.remove_button.isEnabled()
    tab.remove_button.click()
    assert len(links.links(ws)) == 2
    demo_doc.undo_stack.undo()
    assert len(links.links(ws)) == 3

    margin = next(k for k in tab.map_layout.goals[0].kpis if k.kpi.name == "Gross margin")
    with qtbot.waitSignal(tab.kpi_selected) as blocker:
        tab.click_at(*margin.rect.centre)
    assert blocker.args == [margin.kpi.id]
    tab.grab().save("/tmp/17-strategy-map-tab.png")
    tab.export_button.click()
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Grow the web shop" in svg and "Gross margin (calculated)" in svg


def test_exports_like_a_chart(demo_doc: Document, tmp_path: Path) -> None:
    layout = lay_out(strategy_map(demo_doc.workspace, TODAY))
    png = export_map(layout, tmp_path / "map.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (int(layout.width * 2), int(layout.height * 2))
    box = layout.goals[0].rect  # the header of an at-risk goal is orange
    colour = image.pixelColor(int((box.x + 4) * 2), int((box.y + 4) * 2))
    assert (colour.red(), colour.green(), colour.blue()) == (0xE6, 0x9F, 0x00)
    pdf = export_map(layout, tmp_path / "map.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(Exception, match="png, .svg or .pdf"):
        export_map(layout, tmp_path / "map.gif")
    assert not (tmp_path / "map.gif").exists()


def test_undoing_a_goal_deletion_puts_its_links_back(demo_doc: Document) -> None:
    from kpi_desktop.ui import commands

    ws = demo_doc.workspace
    ids = _ids(ws)
    before = {(ln.driver_goal_id, ln.driven_goal_id) for ln in links.links(ws)}
    kitchen = ids["Run a tight kitchen"]
    assert demo_doc.push(commands.DeleteGoal(demo_doc, kitchen, "Run a tight kitchen")) is None
    assert all(
        kitchen not in pair
        for pair in {(ln.driver_goal_id, ln.driven_goal_id) for ln in links.links(ws)}
    )
    demo_doc.undo_stack.undo()
    assert {(ln.driver_goal_id, ln.driven_goal_id) for ln in links.links(ws)} == before
