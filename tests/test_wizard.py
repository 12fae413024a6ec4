"""The KPI setup wizard, page by page, with real data (US leisure and hospitality jobs)."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QWizard

from kpi_desktop.domain.types import Point
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.wizard import NewKpiWizard
from kpi_desktop.ui.wizard.wizard import ALIGN, QUANTIFY, REVIEW, SIZE, system_currency

D = dt.date
AS_OF = D(2013, 12, 31)
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any modal dialog is a bug here: fail instead of hanging."""

    def refuse(*_: object, **__: object) -> int:
        raise AssertionError("a modal dialog was opened")

    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture(scope="module")
def leisure(employment_csv_path: Path) -> list[Point]:
    with employment_csv_path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [Point(D.fromisoformat(r["month"]), float(r["leisure_and_hospitality"])) for r in rows]


@pytest.fixture(scope="module")
def employment_csv_path() -> Path:
    path = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "us-employment.csv"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture
def pasted(leisure: list[Point]) -> str:
    """Jan 2012 .. Dec 2013, as two columns copied from a spreadsheet."""
    window = [p for p in leisure if D(2012, 1, 1) <= p.period <= D(2013, 12, 1)]
    return "Month\tJobs\n" + "\n".join(f"{p.period.isoformat()}\t{p.value:,.0f}" for p in window)


@pytest.fixture
def doc(workspace: Workspace) -> Document:
    grow = workspace.goals.add("Grow the business", perspective="financial")
    workspace.goals.add("Regulars", parent_id=grow.id)
    workspace.goals.add("Run a tight kitchen")
    assert grow.id is not None
    workspace.kpis.add(grow.id, "Covers", unit="covers")
    document = Document(workspace)
    document.set_as_of(AS_OF)
    return document


def goal_id(doc: Document, title: str) -> int:
    gid = doc.workspace.goals.find(title).id
    assert gid is not None
    return gid


class Helped:
    """Records calls of the help opener."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def make(qtbot, doc: Document, files: list[str] | None = None, **kwargs) -> NewKpiWizard:  # type: ignore[no-untyped-def]
    wizard = NewKpiWizard(
        doc, prompts=ScriptedPrompts(files=files), open_help=kwargs.pop("help", Helped()), **kwargs
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot, wizard: NewKpiWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def can_go_on(wizard: NewKpiWizard) -> bool:
    return wizard.button(NEXT).isEnabled()


def fill_quantify(wizard: NewKpiWizard, name: str = "Leisure jobs") -> None:
    q = wizard.quantify_page
    q.name.setText(name)
    q.unit_kind.setCurrentIndex(q.unit_kind.findData("count"))
    q.unit.setText("thousand jobs")
    q.owner.setText("Sam")
    q.data_source.setText("BLS monthly release")
    q.formula.setText("Jobs on payrolls, seasonally adjusted")


def to_size(qtbot, wizard: NewKpiWizard, name: str = "Leisure jobs") -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == QUANTIFY
    fill_quantify(wizard, name)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SIZE


# -- the whole walk --------------------------------------------------------------------------


def test_walk_a_new_kpi_with_pasted_history(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    w = make(qtbot, doc)
    # Align: no objective picked yet
    assert w.currentId() == ALIGN
    assert not can_go_on(w)
    assert "Pick the objective" in w.align_page.message.message()
    w.align_page.select_goal(goal_id(doc, "Grow the business"))
    assert can_go_on(w) and w.align_page.message.message() == ""
    assert w.align_page.perspective.currentData() == "financial"
    w.align_page.key_question.setText("Is the sector hiring?")
    click(qtbot, w, NEXT)

    # Quantify: a name is needed, unique in the goal; a range needs low < high
    assert w.currentId() == QUANTIFY
    q = w.quantify_page
    assert not can_go_on(w) and q.message.message() == "Give the KPI a name."
    q.name.setText("  covers ")
    assert not can_go_on(w) and 'already has a KPI called "Covers"' in q.message.message()
    fill_quantify(w)
    q.direction.setCurrentIndex(q.direction.findData("range"))
    q.range_low.setText("20")
    q.range_high.setText("10")
    assert not can_go_on(w) and "below the highest" in q.message.message()
    q.direction.setCurrentIndex(q.direction.findData("increase"))
    assert can_go_on(w)
    assert q.sentence.text() == (
        "Leisure jobs in thousand jobs, higher is better, measured every month from BLS "
        "monthly release, owned by Sam."
    )
    click(qtbot, w, NEXT)

    # Size: the numbers of the help page, from pasted values
    assert w.currentId() == SIZE
    s = w.size_page
    s.history_box.paste.setPlainText(pasted)
    assert s.history_box.history_summary.text() == (
        "13 values, Dec 2012 to Dec 2013. (The latest 13 of 24, since the last lasting "
        "change.) They follow a steady trend: the limits run along it."
    )
    assert s.history_box.usual.text() == "14,366 to 14,577 thousand jobs"
    assert s.history_box.trend.text() == "+39.6 thousand jobs a month"
    assert s.baseline.text() == "14,472" and s.baseline_from.text() == "in Dec 2013"
    assert s.target_date.date() == QDate(2014, 12, 31)
    assert "14,947" in s.suggestion_buttons["business_as_usual"].text()
    assert "14,958" in s.suggestion_buttons["stretch"].text()
    assert "14,980" in s.suggestion_buttons["ambitious"].text()
    assert not can_go_on(w) and "Type a target" in s.message.message()
    click(qtbot, w, NEXT)  # a click does not get past it either
    assert w.currentId() == SIZE
    qtbot.mouseClick(s.suggestion_buttons["stretch"], Qt.MouseButton.LeftButton)
    assert s.target.text() == "14,958"
    assert "33%" in s.verdict.text() and "challenging but attainable" in s.verdict.text()
    s.target.setText("15000")
    assert "2%" in s.verdict.text() and "needs a step change" in s.verdict.text()
    s.target.setText("15200")
    assert "under 1%" in s.verdict.text() and "needs a step change" in s.verdict.text()
    s.target.setText("14000")
    assert not can_go_on(w) and "must be above the baseline (14,472" in s.message.message()
    s.target.setText("15000")
    s.target_date.setDate(QDate(2013, 12, 20))
    assert not can_go_on(w)
    assert s.message.message() == "The target date must be after the baseline (Dec 2013)."
    s.target_date.setDate(QDate(2014, 12, 31))
    assert can_go_on(w)
    assert s.milestones_box.table.rowCount() == 12
    assert (s.milestones_box.table.item(0, 0).text(), s.milestones_box.table.item(0, 1).text()) == (
        "Jan 2014",
        "14,516",
    )
    assert (
        s.milestones_box.table.item(11, 0).text(),
        s.milestones_box.table.item(11, 1).text(),
    ) == ("Dec 2014", "15,000")
    assert set(s.chart.curves) >= {"history", "lower", "upper", "forecast", "milestones", "target"}
    # the limits span the window only (Dec 2012 on) and climb with its trend
    lower_x, lower_y = s.chart.curves["lower"].getData()
    assert len(lower_x) == 2 and lower_y[1] - lower_y[0] == pytest.approx(12 * 39.593, abs=0.01)
    if os.environ.get("KPI_SHOTS"):
        w.grab().save(os.path.join(os.environ["KPI_SHOTS"], "size_page.png"))

    # Back keeps entries
    click(qtbot, w, BACK)
    assert w.currentId() == QUANTIFY and q.name.text() == "Leisure jobs"
    click(qtbot, w, BACK)
    assert w.align_page.key_question.text() == "Is the sector hiring?"
    click(qtbot, w, NEXT)
    click(qtbot, w, NEXT)
    assert w.currentId() == SIZE
    assert s.history_box.paste.toPlainText() == pasted and s.target.text() == "15000"
    assert s.milestones_box.table.rowCount() == 12
    click(qtbot, w, NEXT)

    # Review: the checklist and the summary
    assert w.currentId() == REVIEW
    r = w.review_page
    letters = {f.letter for f in r.findings}
    # no review date, the objective has no leading KPI, and 15,000 is beyond the steady
    # climb of 2013 (a warning on "Attainable", not a failure)
    assert letters == {"Q", "A"}
    assert all(r.passes(letter) for letter in "SMRT")
    assert "Target:</b> 15,000 thousand jobs by 31 Dec 2014" in r.summary.text()
    assert "2% chance: needs a step change in how you work" in r.summary.text()
    r.review_date.check.setChecked(True)
    assert [f.message for f in r.findings if f.letter == "Q"] == [
        'The objective "Grow the business" has no leading KPI: it only shows results after '
        "the fact."
    ]

    # Finish: the KPI and its milestones, in one undo step
    before = doc.undo_stack.count()
    click(qtbot, w, FINISH)
    assert not w.isVisible() and w.result() == QDialog.DialogCode.Accepted
    assert w.result_kpi_id is not None
    kpi = ws.kpis.get(w.result_kpi_id)
    assert (kpi.name, kpi.unit, kpi.owner, kpi.key_question) == (
        "Leisure jobs", "thousand jobs", "Sam", "Is the sector hiring?",
    )  # fmt: skip
    assert kpi.baseline_value == pytest.approx(14472.0, abs=0.5)
    assert kpi.baseline_date == D(2013, 12, 1)
    assert (kpi.target_value, kpi.target_date, kpi.tolerance) == (15000.0, D(2014, 12, 31), 0.1)
    assert kpi.review_date is not None and kpi.goal_id == goal_id(doc, "Grow the business")
    milestones = ws.kpis.milestones(kpi.id)  # type: ignore[arg-type]
    assert len(milestones) == 12 and milestones[-1].value == 15000.0
    # the pasted history is kept as the KPI's values (issue 14: paste it once), same step
    kept = ws.measurements.points(kpi.id)  # type: ignore[arg-type]
    assert len(kept) == 24 and kept[0] == Point(D(2012, 1, 1), 13600.0)
    assert {r.source for r in ws.measurements.list(kpi.id)} == {"pasted"}  # type: ignore[arg-type]
    assert doc.undo_stack.count() == before + 1
    doc.undo_stack.undo()
    assert [k.name for k in ws.kpis.list()] == ["Covers"]
    assert ws.kpis.milestones(kpi.id) == []  # type: ignore[arg-type]
    doc.undo_stack.redo()
    assert len(ws.kpis.milestones(ws.kpis.find("Leisure jobs").id)) == 12  # type: ignore[arg-type]


def test_history_not_kept_when_the_box_is_cleared(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    w = make(qtbot, doc, goal_id=goal_id(doc, "Grow the business"))
    to_size(qtbot, w)
    box = w.size_page.history_box
    box.paste.setPlainText(pasted)
    assert box.keep_check.isVisible() and "24 values" in box.keep_check.text()
    box.keep_check.setChecked(False)
    w.size_page.target.setText("15000")
    click(qtbot, w, NEXT)
    click(qtbot, w, FINISH)
    assert w.result_kpi_id is not None
    assert ws.measurements.points(w.result_kpi_id) == []


def test_next_slot_does_not_skip_validation(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Grow the business"))
    w.next()
    assert w.currentId() == QUANTIFY
    w.next()  # empty name: QWizard.next() would advance, validatePage refuses
    assert w.currentId() == QUANTIFY
    assert w.quantify_page.message.message() == "Give the KPI a name."


def test_cancel_writes_nothing(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    w = make(qtbot, doc)
    w.align_page.new_goal.setText("Win more regulars")
    to_size(qtbot, w)
    w.size_page.history_box.paste.setPlainText(pasted)
    w.size_page.target.setText("15000")
    click(qtbot, w, NEXT)
    assert w.currentId() == REVIEW
    click(qtbot, w, QWizard.WizardButton.CancelButton)
    assert w.result() == QDialog.DialogCode.Rejected and w.result_kpi_id is None
    assert [k.name for k in ws.kpis.list()] == ["Covers"]
    assert len(ws.goals.list()) == 3
    assert doc.undo_stack.count() == 0


def test_a_new_objective_and_its_kpi_are_one_undo_step(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    w = make(qtbot, doc, goal_id=goal_id(doc, "Run a tight kitchen"))
    a = w.align_page
    a.new_goal.setText("grow the BUSINESS")
    assert not can_go_on(w) and "already an objective called" in a.message.message()
    a.new_goal.setText("Win more regulars")
    assert a.selected_goal_id() is None and can_go_on(w)
    a.perspective.setCurrentIndex(a.perspective.findData("customer"))
    a.kind.set_value(True)
    to_size(qtbot, w, "Covers")  # a new objective has no KPI called Covers yet
    w.size_page.history_box.paste.setPlainText(pasted)
    w.size_page.target.setText("15000")
    click(qtbot, w, NEXT)
    assert not any("leading KPI" in f.message for f in w.review_page.findings)
    assert "Win more regulars (new)" in w.review_page.summary.text()
    click(qtbot, w, FINISH)
    goal = ws.goals.find("Win more regulars")
    assert goal.perspective == "customer" and goal.parent_id is None
    kpi = ws.kpis.get(w.result_kpi_id)  # type: ignore[arg-type]
    assert kpi.goal_id == goal.id and kpi.leading
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert len(ws.goals.list()) == 3 and [k.name for k in ws.kpis.list()] == ["Covers"]


# -- history from a file, short history, templates -------------------------------------------


def test_history_from_a_file(qtbot, doc: Document, employment_csv_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, files=[str(employment_csv_path)], goal_id=goal_id(doc, "Regulars"))
    to_size(qtbot, w, "Nonfarm")
    s = w.size_page
    s.history_box.source.setCurrentIndex(s.history_box.source.findData("file"))
    assert s.history_box.file_page.isVisible() and not s.history_box.paste.isVisible()
    qtbot.mouseClick(s.history_box.choose_file, Qt.MouseButton.LeftButton)
    assert s.history_box.series.count() == 23
    assert s.history_box.series.currentData() == "nonfarm"  # the column named like the KPI
    s.history_box.series.setCurrentIndex(s.history_box.series.findData("leisure_and_hospitality"))
    # the values after the as-of date are left out; the window is the last 24 before it
    assert s.history_box.history_summary.text() == (
        "13 values, Dec 2012 to Dec 2013. (The latest 13 of 96, since the last lasting "
        "change.) They follow a steady trend: the limits run along it."
    )
    assert s.baseline.text() == "14,472"
    s.target.setText("15000")
    click(qtbot, w, NEXT)
    assert "Sized from the latest 13 of 96 values (the file us-employment.csv)" in (
        w.review_page.summary.text()
    )
    assert len(doc.workspace.kpis.list()) == 1  # reading the file wrote nothing


def test_bad_file_and_bad_paste_block_next(qtbot, doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    w = make(qtbot, doc, files=[str(empty)], goal_id=goal_id(doc, "Regulars"))
    to_size(qtbot, w)
    s = w.size_page
    s.history_box.paste.setPlainText("10\n12\nlots\n")
    assert not can_go_on(w) and s.message.message() == "Line 3: 'lots' is not a number"
    s.history_box.source.setCurrentIndex(s.history_box.source.findData("file"))
    s.history_box.choose_history_file()
    assert not can_go_on(w) and s.message.message()
    s.history_box.source.setCurrentIndex(s.history_box.source.findData("paste"))
    s.history_box.paste.setPlainText("10\n12\n")
    s.target.setText("13")
    assert can_go_on(w)


def test_with_fewer_than_5_values_an_improvement_sets_the_target(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Regulars"))
    to_size(qtbot, w, "Catering orders")
    s = w.size_page
    s.history_box.paste.setPlainText("12\n15\n14\n")
    assert s.history_box.history_summary.text() == "3 values, Sep 2013 to Nov 2013."
    assert s.short_note.isVisible() and "Only 3 values" in s.short_note.text()
    assert not s.suggestions_row.isVisible() and s.improvement.isVisible()
    assert s.history_box.usual.text() == "—" and s.history_box.trend.text() == "—"
    s.baseline.setText("14")
    s.baseline.textEdited.emit("14")
    s.improvement.setText("+10 %")
    s.improvement.textEdited.emit("+10 %")
    assert s.target.text() == "15.4"
    assert s.baseline_from.text() == "in Nov 2013"
    click(qtbot, w, NEXT)
    r = w.review_page
    assert not r.passes("M") and r.passes("A")
    assert "Not judged yet" in r.rows["A"][1].text()
    click(qtbot, w, FINISH)
    kpi = doc.workspace.kpis.get(w.result_kpi_id)  # type: ignore[arg-type]
    assert (kpi.baseline_value, kpi.target_value) == (14.0, 15.4)
    assert kpi.target_date == D(2014, 11, 30)


def test_a_template_fills_the_next_pages(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Run a tight kitchen"))
    a = w.align_page
    a.industry.setCurrentIndex(a.industry.findData("cafe_restaurant"))
    items = [a.template_list.item(i).text() for i in range(a.template_list.count())]
    assert len(items) >= 8 and "Food cost" in items
    a.template_list.setCurrentRow(items.index("Food cost"))
    assert "Do ingredients cost too much" in a.template_about.text()
    qtbot.mouseClick(a.use_template, Qt.MouseButton.LeftButton)
    assert a.key_question.text() == "Do ingredients cost too much of what we sell?"
    assert a.kind.value() is False
    assert a.perspective.currentData() == "financial"  # the goal had none: the template's
    click(qtbot, w, NEXT)
    q = w.quantify_page
    assert q.name.text() == "Food cost" and q.unit.text() == "%"
    assert q.direction.currentData() == "decrease" and q.decimals.value() == 1
    assert "Supplier invoices" in q.data_source.text()
    q.name.setText("Food cost, kitchen")  # the user's changes survive Back and Next
    click(qtbot, w, BACK)
    click(qtbot, w, NEXT)
    assert q.name.text() == "Food cost, kitchen"
    # a money template gets the user's currency
    click(qtbot, w, BACK)
    a.template_list.setCurrentRow(items.index("Monthly revenue"))
    a.apply_selected_template()
    click(qtbot, w, NEXT)
    assert q.name.text() == "Monthly revenue"
    assert (q.unit.text(), q.symbol.text()) == system_currency()


# -- edit mode, ranges, seasons, help ----------------------------------------------------------


@pytest.fixture
def stored(doc: Document, leisure: list[Point]) -> int:
    ws = doc.workspace
    kpi = ws.kpis.add_with_milestones(
        goal_id(doc, "Grow the business"),
        "Leisure jobs",
        [Point(D(2014, 6, 1), 14600.0), Point(D(2014, 12, 1), 14900.0)],
        unit="thousand jobs",
        unit_kind="count",
        key_question="Is the sector hiring?",
        owner="Sam",
        baseline_value=14255.0,
        baseline_date=D(2013, 12, 1),
        target_value=14900.0,
        target_date=D(2014, 12, 31),
        tolerance=0.05,
    )
    assert kpi.id is not None
    ws.measurements.upsert_many(kpi.id, [(p.period, p.value, None) for p in leisure])
    return kpi.id


def test_edit_with_the_wizard(qtbot, doc: Document, stored: int) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    w = make(qtbot, doc, kpi_id=stored)
    assert w.windowTitle() == "Edit KPI"
    a = w.align_page
    assert not a.goal_tree.isVisible() and a.key_question.text() == "Is the sector hiring?"
    assert a.current_goal.text() == "This KPI serves the objective “Grow the business”."
    click(qtbot, w, NEXT)
    q = w.quantify_page
    assert q.name.text() == "Leisure jobs" and can_go_on(w)  # its own name is not a duplicate
    q.data_source.setText("BLS")
    click(qtbot, w, NEXT)
    s = w.size_page
    assert s.history_box.source.currentData() == "recorded"
    assert s.history_box.history_summary.text() == (
        "13 values, Dec 2012 to Dec 2013. (The latest 13 of 96, since the last lasting "
        "change.) They follow a steady trend: the limits run along it."
    )
    assert s.baseline.text() == "14,255" and s.target.text() == "14,900"
    assert s.tolerance.value() == 5
    assert (
        s.milestones_box.shape.currentData() == "custom" and s.milestones_box.table.rowCount() == 2
    )  # its own milestones
    s.target.setText("15000")
    s.milestones_box.shape.setCurrentIndex(s.milestones_box.shape.findData("even"))
    assert s.milestones_box.table.rowCount() == 12
    click(qtbot, w, NEXT)
    click(qtbot, w, FINISH)
    assert w.result_kpi_id == stored
    kpi = ws.kpis.get(stored)
    assert (kpi.target_value, kpi.data_source) == (15000.0, "BLS")
    assert len(ws.kpis.milestones(stored)) == 12
    assert len(ws.measurements.points(stored)) == 120  # values untouched
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    kpi = ws.kpis.get(stored)
    assert (kpi.target_value, kpi.data_source) == (14900.0, "")
    assert [m.value for m in ws.kpis.milestones(stored)] == [14600.0, 14900.0]


def test_edit_milestones_by_hand(qtbot, doc: Document, stored: int) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, kpi_id=stored)
    click(qtbot, w, NEXT)
    click(qtbot, w, NEXT)
    s = w.size_page
    s.milestones_box.shape.setCurrentIndex(s.milestones_box.shape.findData("even"))
    s.milestones_box.table.item(0, 1).setText("14,400")
    assert s.milestones_box.shape.currentData() == "custom"
    s.milestones_box.table.item(1, 1).setText("a lot")
    assert not can_go_on(w) and s.message.message() == "The aim for Feb 2014 is not a number."
    s.milestones_box.table.item(1, 1).setText("14450")
    click(qtbot, w, NEXT)
    click(qtbot, w, FINISH)
    values = [m.value for m in doc.workspace.kpis.milestones(stored)]
    assert values[:2] == [14400.0, 14450.0] and len(values) == 12


def test_finish_refused_keeps_the_wizard_open(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Regulars"))
    to_size(qtbot, w)
    w.size_page.history_box.paste.setPlainText(pasted)
    w.size_page.target.setText("15000")
    click(qtbot, w, NEXT)
    doc.workspace.kpis.add(goal_id(doc, "Regulars"), "Leisure jobs")  # made meanwhile
    click(qtbot, w, FINISH)
    assert w.isVisible() and w.result_kpi_id is None
    assert "already has a KPI" in w.review_page.message.message()
    assert doc.undo_stack.count() == 0


def test_a_keep_within_a_range_kpi(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Regulars"))
    click(qtbot, w, NEXT)
    fill_quantify(w, "Staff")
    q = w.quantify_page
    q.direction.setCurrentIndex(q.direction.findData("range"))
    q.range_low.setText("14,000")
    q.range_high.setText("15,000")
    assert "best kept between 14,000 and 15,000" in q.sentence.text()
    click(qtbot, w, NEXT)
    s = w.size_page
    s.history_box.paste.setPlainText(pasted)
    assert not s.milestones_box.isVisible() and not s.suggestions_row.isVisible()
    assert can_go_on(w)
    click(qtbot, w, NEXT)
    assert w.review_page.passes("A") and w.review_page.passes("T")
    click(qtbot, w, FINISH)
    kpi = doc.workspace.kpis.get(w.result_kpi_id)  # type: ignore[arg-type]
    assert (kpi.direction, kpi.range_low, kpi.range_high) == ("range", 14000.0, 15000.0)
    assert kpi.target_value is None and doc.workspace.kpis.milestones(kpi.id) == []  # type: ignore[arg-type]


def test_milestones_like_last_year(qtbot, doc: Document, pasted: str) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, goal_id=goal_id(doc, "Regulars"))
    to_size(qtbot, w)
    s = w.size_page
    s.history_box.paste.setPlainText(pasted)
    s.target.setText("15000")
    even = [s.milestones_box.table.item(r, 1).text() for r in range(12)]
    model = s.milestones_box.shape.model()
    assert model.item(s.milestones_box.shape.findData("seasonal")).isEnabled()  # type: ignore[attr-defined]
    s.milestones_box.shape.setCurrentIndex(s.milestones_box.shape.findData("seasonal"))
    seasonal = [s.milestones_box.table.item(r, 1).text() for r in range(12)]
    assert seasonal != even and seasonal[-1] == even[-1] == "15,000"
    # weekly values have no "last year's shape" here
    click(qtbot, w, BACK)
    w.quantify_page.frequency.setCurrentIndex(w.quantify_page.frequency.findData("weekly"))
    click(qtbot, w, NEXT)
    assert not model.item(s.milestones_box.shape.findData("seasonal")).isEnabled()  # type: ignore[attr-defined]
    assert s.milestones_box.shape.currentData() == "even"
    assert "look like monthly values" in s.history_box.history_summary.text()


def test_the_help_link_opens_how_sizing_works(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    helped = Helped()
    w = make(qtbot, doc, goal_id=goal_id(doc, "Regulars"), help=helped)
    to_size(qtbot, w)
    assert "How sizing works" in w.size_page.help_link.text()
    w.size_page.help_link.linkActivated.emit("help")
    assert helped.calls == 1


def test_the_definition_reads_back_as_one_sentence() -> None:
    from kpi_desktop.ui.wizard.quantify_page import describe

    fields = {
        "name": "Monthly revenue",
        "unit": "EUR",
        "direction": "increase",
        "frequency": "monthly",
        "data_source": "Till (point of sale) end-of-day reports",
        "owner": "Sam",
    }
    assert describe(fields) == (
        "Monthly revenue in EUR, higher is better, measured every month from till (point of "
        "sale) end-of-day reports, owned by Sam."
    )
    assert describe({"frequency": "weekly", "direction": "decrease"}) == (
        "This KPI (no unit yet), lower is better, measured every week (source not given), "
        "no owner yet."
    )
    assert describe({"name": "Staff", "data_source": "Google Analytics"}).endswith(
        "measured from Google Analytics, no owner yet."
    )


def test_changing_the_objectives_perspective_is_part_of_the_same_step(  # type: ignore[no-untyped-def]
    qtbot, doc: Document, pasted: str
) -> None:
    ws = doc.workspace
    kitchen = goal_id(doc, "Run a tight kitchen")
    w = make(qtbot, doc, goal_id=kitchen)
    a = w.align_page
    assert a.perspective.currentData() == ""  # the goal has none yet
    a.perspective.setCurrentIndex(a.perspective.findData("internal process"))
    to_size(qtbot, w)
    w.size_page.history_box.paste.setPlainText(pasted)
    w.size_page.target.setText("15000")
    click(qtbot, w, NEXT)
    click(qtbot, w, FINISH)
    assert ws.goals.get(kitchen).perspective == "internal process"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert ws.goals.get(kitchen).perspective is None
    assert [k.name for k in ws.kpis.list()] == ["Covers"]
