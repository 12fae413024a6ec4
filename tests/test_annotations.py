"""Annotations (issue 21, item 1): dated notes on a KPI or on the whole workspace, kept,
checked, logged and put back with everything else."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtGui import QAction, QColor, QImage
from team_server import cafe_on

from kpi_desktop.cli import main
from kpi_desktop.reports.chart import (
    date_to_x,
    draw_chart,
    find_item,
    make_chart_widget,
    render_chart_image,
)
from kpi_desktop.reports.chart_style import CHART
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.planning.snapshots import capture_kpi, restore
from kpi_desktop.services.review.commentary import chart_sentences
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.chart_pane import ChartPane
from kpi_desktop.ui.kpi.measurements_table import MeasurementsTable

MAR = dt.date(2026, 3, 3)
TODAY = dt.date.today()


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def _kpi(ws: Workspace, name: str = "Revenue") -> int:
    goal = ws.goals.add("Grow")
    kpi = ws.kpis.add(goal.id, name)
    assert kpi.id is not None
    return kpi.id


def test_a_note_is_kept_with_its_kpi_and_dates(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "  Price   rise ")
    span = workspace.annotations.add(None, dt.date(2026, 5, 4), "Road works", dt.date(2026, 6, 12))
    assert note.text == "Price rise" and note.end is None
    assert [n.text for n in workspace.annotations.list(kpi)] == ["Price rise", "Road works"]
    assert workspace.annotations.workspace_only() == [span]
    assert span.when() == "4 May – 12 Jun 2026" and span.line().endswith("(all KPIs): Road works")
    # a window sees what touches it: a span that began before it, not a note after it
    inside = workspace.annotations.list(kpi, dt.date(2026, 6, 1), dt.date(2026, 12, 31))
    assert [n.text for n in inside] == ["Road works"]


def test_bad_notes_are_refused_with_the_reason(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    with pytest.raises(ValidationError, match="needs some text"):
        workspace.annotations.add(kpi, MAR, "   ")
    with pytest.raises(ValidationError, match="at most 300 characters"):
        workspace.annotations.add(kpi, MAR, "x" * 301)
    with pytest.raises(ValidationError, match="ends .* before it starts"):
        workspace.annotations.add(kpi, MAR, "Backwards", MAR - dt.timedelta(days=1))
    with pytest.raises(NotFound):
        workspace.annotations.add(kpi + 99, MAR, "Nowhere")
    assert workspace.annotations.list() == []


def test_edit_delete_and_restore(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "Price rise")
    moved = workspace.annotations.update(note.id, start_date=dt.date(2026, 3, 10), text="New menu")
    assert (moved.start, moved.text) == (dt.date(2026, 3, 10), "New menu")
    gone = workspace.annotations.delete(note.id)
    assert workspace.annotations.list() == []
    assert workspace.annotations.restore(gone) == moved
    with pytest.raises(NotFound):
        workspace.annotations.update(note.id + 1, text="?")


def test_every_change_is_in_the_change_log(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "Price rise")
    workspace.annotations.update(note.id, text="Price rise of 5%")
    workspace.annotations.delete(note.id)
    rows = [
        (c.kind, c.what, c.old, c.new)
        for c in change_log.history(workspace, kpi_id=kpi)
        if c.kind == "note"
    ]
    assert rows == [
        ("note", "deleted", "", ""),
        ("note", "text", "Price rise", "Price rise of 5%"),
        ("note", "added", "", ""),
    ]


def test_deleting_a_kpi_takes_its_notes_and_undo_brings_them_back(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    workspace.annotations.add(kpi, MAR, "Price rise")
    everyone = workspace.annotations.add(None, MAR, "Easter")
    snap = capture_kpi(workspace, kpi)
    workspace.kpis.delete(kpi)
    assert workspace.annotations.list() == [everyone]
    restore(workspace, snap)
    assert [n.text for n in workspace.annotations.list(kpi)] == ["Price rise", "Easter"]


def _pin_centres(image: QImage) -> list[float]:
    """The x centres of the note pins: runs of columns holding the pins' colour."""
    pin = QColor(CHART["note"])
    columns = []
    for x in range(image.width()):
        for y in range(0, image.height(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - pin.red()) + abs(c.green() - pin.green()) + abs(c.blue() - pin.blue())
                < 30
            ):
                columns.append(x)
                break
    runs: list[list[int]] = []
    for x in columns:
        if runs and x - runs[-1][-1] <= 2:
            runs[-1].append(x)
        else:
            runs.append([x])
    return [sum(r) / len(r) for r in runs if len(r) >= 6]  # a pin, not a dotted guide line


def test_notes_are_drawn_at_their_dates_in_an_exported_png(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    kpi = _kpi(workspace)
    rows = [(dt.date(2025, m, 1), 100.0 + (m % 3), None) for m in range(1, 13)]
    workspace.measurements.upsert_many(kpi, rows)
    as_of = dt.date(2025, 12, 20)
    bare = render_chart_image(chart_data(workspace, kpi, as_of), 900, 450, 1)
    assert _pin_centres(bare) == []
    for day in (dt.date(2025, 3, 1), dt.date(2025, 7, 1), dt.date(2025, 11, 1)):
        workspace.annotations.add(kpi, day, f"Note of {day:%b}")
    data = chart_data(workspace, kpi, as_of)
    assert [n.text for n in data.notes] == ["Note of Mar", "Note of Jul", "Note of Nov"]
    *pins, _legend_sample = _pin_centres(render_chart_image(data, 900, 450, 1))
    first, second, third = pins
    # 122 and 123 days apart: evenly spaced on the date axis, left to right
    assert first < second < third
    assert abs((second - first) - (third - second)) <= 3
    # ...and where the chart puts those dates: the values of Mar and Nov are 4+4 months
    # apart of the 11 months the values span
    plot_width = (third - first) * 11 / 8
    assert 500 < plot_width < 900


def test_the_pane_shows_a_notes_tooltip(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    kpi = _kpi(workspace)
    workspace.measurements.upsert_many(
        kpi, [(dt.date(2025, m, 1), float(m), None) for m in (1, 2, 3)]
    )
    workspace.annotations.add(kpi, dt.date(2025, 2, 1), "Price rise")
    data = chart_data(workspace, kpi, dt.date(2025, 3, 31))
    widget = make_chart_widget()
    qtbot.addWidget(widget)
    plot = widget.plot
    draw_chart(plot, data)
    pins = find_item(plot, "Notes")
    assert pins is not None
    assert [p.data() for p in pins.points()] == ["1. 1 Feb 2025: Price rise"]
    assert (
        pins.opts["tip"](x=0, y=0, data="1. 1 Feb 2025: Price rise") == "1. 1 Feb 2025: Price rise"
    )


def _note_the_cafe(cafe: Path | str) -> None:
    with Workspace.open(cafe) as ws:
        revenue = ws.kpis.find("Monthly revenue").id
        ws.annotations.add(revenue, TODAY.replace(day=1) - dt.timedelta(days=95), "New barista")
        ws.annotations.add(None, TODAY.replace(day=1) - dt.timedelta(days=40), "Road works")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_the_report_lists_the_notes_beside_the_kpi(cafe: Path | str, tmp_path: Path) -> None:
    _note_the_cafe(cafe)
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(cafe), "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Note 1." in flat and ": New barista" in flat
    assert "(all KPIs): Road works" in flat


def test_the_deck_pins_and_lists_the_notes(cafe: Path | str, tmp_path: Path) -> None:
    _note_the_cafe(cafe)
    out = tmp_path / "deck.pptx"
    assert main(["deck", str(cafe), "-o", str(out), "--kpi", "Monthly revenue"]) == 0
    slide = next(
        s
        for s in Presentation(str(out)).slides
        if any(sh.has_text_frame and sh.text_frame.text == "Monthly revenue" for sh in s.shapes)
    )
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    pins = [(i, v) for i, v in enumerate(series["Notes"]) if v is not None]
    assert len(pins) == 2
    assert all(series["Actual"][i] == v for i, v in pins)  # on the line, at their periods
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    notes = slide.notes_slide.notes_text_frame.text
    for said in (text, notes):
        assert ": New barista" in said and "(all KPIs): Road works" in said


def _pane(qtbot, demo: Workspace) -> tuple[Document, ChartPane, int]:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    doc.set_as_of(TODAY)
    pane = ChartPane(doc)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    kpi = demo.kpis.find("Monthly revenue").id
    pane.show_kpi(kpi)
    return doc, pane, kpi


def _labels(actions: list[QAction]) -> list[str]:
    return [a.text() for a in actions]


def test_add_edit_and_delete_a_note_from_the_chart_each_undoable(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc, pane, kpi = _pane(qtbot, demo)
    day = TODAY.replace(day=1) - dt.timedelta(days=60)
    x = float(date_to_x(day))
    add = _labels(pane.notes_menu.actions_at(x))[-1]
    assert add == f"Add a note here ({day.day} {day:%b %Y})…"
    dialog = pane.notes_menu.add(day)
    assert dialog.isVisible() and dialog.this_kpi.isChecked()
    dialog.save_button.click()  # no text: refused in place, nothing written
    assert dialog.isVisible() and "needs some text" in dialog.message.message()
    dialog.text.setText("New barista started")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert [n.text for n in demo.annotations.list(kpi)] == ["New barista started"]
    assert pane.data is not None and [n.text for n in pane.data.notes] == ["New barista started"]
    assert find_item(pane.plot_item, "Notes") is not None
    # the pin is under the pointer now: edit or delete it
    labels = _labels(pane.notes_menu.actions_at(x))
    assert labels[:2] == ["Edit note “New barista started”…", "Delete note “New barista started”"]
    edit = pane.notes_menu.edit(pane.data.notes[0])
    edit.every_kpi.setChecked(True)
    edit.until_box.setChecked(True)
    edit.until.setDate(edit.until.date().addDays(20))
    edit.save_button.click()
    (note,) = demo.annotations.list(kpi)
    assert note.kpi_id is None and note.end == day + dt.timedelta(days=20)
    pane.notes_menu.actions_at(x)[1].trigger()  # Delete
    assert demo.annotations.list() == []
    doc.undo_stack.undo()  # the delete
    assert demo.annotations.list() == [note]
    doc.undo_stack.undo()  # the edit
    assert demo.annotations.list()[0].kpi_id == kpi
    doc.undo_stack.undo()  # the add
    assert demo.annotations.list() == []
    doc.undo_stack.redo()
    assert [n.text for n in demo.annotations.list(kpi)] == ["New barista started"]
    kinds = [c.what for c in change_log.history(demo) if c.kind == "note"]
    # 3 edits, 3 undos and a redo, each leaving its trace
    assert len(kinds) >= 7 and {"added", "deleted", "kpi_id", "end_date"} <= set(kinds)
    doc.close()


def test_a_lasting_change_offers_to_be_explained(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc, pane, kpi = _pane(qtbot, demo)
    assert pane.data is not None and len(pane.data.stretches) > 1
    change = pane.data.stretches[-1].first
    labels = _labels(pane.notes_menu.actions_at(float(date_to_x(change))))
    explain = [t for t in labels if t.startswith("Explain this change")]
    assert explain == [f"Explain this change (since {change:%b %Y})…"]
    dialog = pane.notes_menu.explain(change)
    dialog.text.setText("Second coffee machine")
    dialog.save_button.click()
    (note,) = demo.annotations.list(kpi)
    assert note.start == change
    # explained: the menu offers to edit the explanation instead
    labels = _labels(pane.notes_menu.actions_at(float(date_to_x(change))))
    assert not any(t.startswith("Explain") for t in labels)
    said = " ".join(chart_sentences(pane.data))
    assert f"Since {change:%b %Y} it " in said and "; the note says: Second coffee machine." in said
    doc.close()


def test_a_note_from_the_values_table_is_on_the_selected_period(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    table = MeasurementsTable(doc)
    qtbot.addWidget(table)
    kpi = demo.kpis.find("Monthly revenue").id
    table.show_kpi(kpi)
    assert table.chart_note_action in table.view.actions()  # in its right-click menu
    table.view.setCurrentIndex(table.model.index(2, 0))
    period = table.model.row_at(2).period
    table.chart_note_action.trigger()
    dialog = table.note_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.text.setText("Price rise")
    dialog.save_button.click()
    (note,) = demo.annotations.list(kpi)
    assert (note.start, note.text, note.kpi_id) == (period, "Price rise", kpi)
    doc.undo_stack.undo()
    assert demo.annotations.list() == []
    doc.close()
