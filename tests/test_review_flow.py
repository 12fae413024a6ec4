"""Review meetings: the snapshot, saving in one transaction, undo, the history; and a whole
review held in the dialog on the demo workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import select

from kpi_desktop.domain.types import Status
from kpi_desktop.services.demo import build_demo
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.review_flow import (
    NewAction,
    counts_text,
    default_title,
    open_actions,
    review_history,
    review_snapshot,
    save_review,
    start_review,
    undo_review,
)
from kpi_desktop.services.status import kpi_statuses
from kpi_desktop.services.workspace import Workspace
from kpi_desktop.store.tables import Action, Review, ReviewEntry
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.review_dialog import (
    KpiReviewPage,
    ReviewDialog,
    counts_glyphs,
)
from kpi_desktop.ui.review_history import ReviewHistory

D = dt.date
TODAY = D(2026, 11, 15)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "demo.kpidb")
    build_demo(ws, TODAY)
    yield ws
    ws.close()


def kpi_id(ws: Workspace, name: str) -> int:
    kpi = ws.kpis.find(name)
    assert kpi.id is not None
    return kpi.id


def count(ws: Workspace, table: type) -> int:
    with ws.reading() as s:
        return len(s.exec(select(table)).all())


# -- the service ------------------------------------------------------------------------------


def test_start_walks_off_track_then_at_risk_then_the_rest(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    assert draft.title == "Monthly review, Oct 2026" == default_title(TODAY)
    assert [(i.kpi, i.status) for i in draft.items[:3]] == [
        ("Average wait at the counter", Status.OFF_TRACK),
        ("Gross margin", Status.AT_RISK),
        ("Average web-shop basket", Status.AT_RISK),
    ]
    rest = [i.snapshot for i in draft.items[3:]]
    in_tree_order = [
        st
        for st in kpi_statuses(demo, TODAY)
        if st.status not in (Status.OFF_TRACK, Status.AT_RISK)
    ]
    assert rest == in_tree_order  # the snapshot is the status at the review date
    assert draft.counts() == {
        Status.OFF_TRACK: 1,
        Status.AT_RISK: 2,
        Status.ON_TRACK: 5,
        Status.ACHIEVED: 1,
    }
    assert counts_text(draft.counts()) == "1 off track · 2 at risk · 5 on track · 1 achieved"
    assert [a.title for a in draft.open_actions] == [
        "Renegotiate milk and bean prices with our suppliers",
        "Trial a second barista on Saturday mornings",
    ]
    assert draft.open_actions[0].is_overdue(TODAY) and draft.open_actions[0].about() == (
        "KPI: Gross margin"
    )
    assert draft.open_actions[1].about() == "Goal: Delight our regulars"
    wait = draft.item(kpi_id(demo, "Average wait at the counter"))
    assert dict(wait.facts())["Latest"] == "6.2 min (Oct 2026)"
    assert dict(wait.facts())["Target"] == "4.5 min by Dec 2027"


def test_save_writes_everything_at_once(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    wait, margin = kpi_id(demo, "Average wait at the counter"), kpi_id(demo, "Gross margin")
    goal = demo.kpis.get(wait).goal_id
    late = draft.open_actions[0].action_id
    saved = save_review(
        demo,
        draft,
        notes="  Waits are the worry.  ",
        comments={wait: "  Grinder still slow. ", margin: ""},
        new_actions=[
            NewAction("Second barista at lunch", "Jonas", D(2026, 11, 29), kpi_id=wait),
            NewAction("  Menu  prices ", goal_id=goal),
        ],
        done_action_ids=[late, late],
    )
    snap = review_snapshot(demo, saved.review_id)
    assert snap.title == draft.title and snap.notes == "Waits are the worry."
    assert len(snap.entries) == 9
    assert snap.entries[0].kpi == "Average wait at the counter"
    assert snap.entries[0].comment == "Grinder still slow."
    assert snap.entries[0].latest_text == "6.2 min" and snap.entries[0].expected_text == "5.5 min"
    assert [(a.title, a.owner, a.due_date, a.about) for a in snap.actions] == [
        ("Second barista at lunch", "Jonas", D(2026, 11, 29), "KPI: Average wait at the counter"),
        ("Menu prices", "", None, "Goal: Delight our regulars"),
    ]
    done = {a.action_id: a for a in open_actions(demo)}
    assert late not in done  # closed with the review's date
    with demo.reading() as s:
        action = s.get(Action, late)
        assert action is not None and action.done and action.done_date == TODAY
    assert saved.marked_done == ((late, False, None),)


def test_a_refused_save_writes_nothing(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    before = (count(demo, Review), count(demo, ReviewEntry), count(demo, Action))
    with pytest.raises(ValidationError):
        save_review(demo, draft, new_actions=[NewAction("   ")])
    with pytest.raises(ValidationError):
        save_review(demo, draft, title="  ")
    with pytest.raises(NotFound):
        save_review(demo, draft, new_actions=[NewAction("Fine")], done_action_ids=[999])
    with pytest.raises(NotFound):
        save_review(demo, draft, new_actions=[NewAction("Gone", kpi_id=999)])
    assert (count(demo, Review), count(demo, ReviewEntry), count(demo, Action)) == before
    assert len(open_actions(demo)) == 2


def test_past_reviews_read_as_they_were(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    wait = kpi_id(demo, "Average wait at the counter")
    saved = save_review(demo, draft, comments={wait: "Too slow"})
    demo.measurements.upsert(wait, D(2026, 10, 1), 4.0)  # corrected later: now achieved
    demo.kpis.update(wait, unit="minutes")
    entry = review_snapshot(demo, saved.review_id).entries[0]
    assert (entry.kpi, entry.status, entry.latest_value) == (
        "Average wait at the counter",
        Status.OFF_TRACK,
        6.2,
    )
    assert start_review(demo, TODAY).item(wait).status == Status.ACHIEVED
    demo.kpis.delete(wait)  # even a deleted KPI stays in the review
    entry = review_snapshot(demo, saved.review_id).entries[0]
    assert entry.kpi_id is None and entry.kpi == "Average wait at the counter"
    assert entry.latest_text == "6.20"


def test_undo_takes_the_whole_review_back(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    late = draft.open_actions[0].action_id
    before = (count(demo, Review), count(demo, ReviewEntry), count(demo, Action))
    saved = save_review(demo, draft, new_actions=[NewAction("New")], done_action_ids=[late])
    undo_review(demo, saved)
    assert (count(demo, Review), count(demo, ReviewEntry), count(demo, Action)) == before
    assert late in {a.action_id for a in open_actions(demo)}


def test_history_lists_reviews_with_counts(demo: Workspace) -> None:
    save_review(demo, start_review(demo, TODAY), new_actions=[NewAction("One")])
    history = review_history(demo)
    assert [(r.date, r.title, r.n_actions) for r in history] == [
        (TODAY, "Monthly review, Oct 2026", 1),
        (D(2026, 10, 15), "Monthly review, Sep 2026", 3),
    ]
    assert history[0].counts_text == "1 off track · 2 at risk · 5 on track · 1 achieved"
    assert history[1].counts_text == "2 at risk · 7 on track"
    assert counts_glyphs(history[0].counts) == "◆1  ▲2  ●5  ★1"


# -- the dialog, a whole meeting ------------------------------------------------------------


@pytest.fixture
def doc(demo: Workspace) -> Document:
    document = Document(demo)
    document.set_as_of(TODAY)
    return document


def test_a_whole_review_in_the_dialog(qtbot, doc: Document) -> None:
    ws = doc.workspace
    dialog = ReviewDialog(doc, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert QApplication.activeModalWidget() is None  # shown, not exec()'d
    assert dialog.steps.count() == 2 + 9 + 1
    assert dialog.start_page.title_edit.text() == "Monthly review, Oct 2026"

    # earlier actions: tick the overdue one
    dialog.next_button.click()
    assert dialog.current_index() == 1
    first = dialog.actions_page.list.item(0)
    assert first.text().startswith("Renegotiate milk and bean prices")
    first.setCheckState(Qt.CheckState.Checked)
    assert dialog.done_action_ids() == [ws.reviews.actions()[1].id]
    assert dialog.steps.item(1).text() == "Earlier actions (1/2 done)"

    # the worst KPI first, with its chart, a comment and a corrective action
    dialog.next_button.click()
    page = dialog.pages.currentWidget()
    assert isinstance(page, KpiReviewPage)
    assert page.item.kpi == "Average wait at the counter" and page.item.status == Status.OFF_TRACK
    assert "Latest: 6.2 min (Oct 2026)" in page.facts_text
    assert page.chart.plot.listDataItems()  # the chart is drawn
    qtbot.keyClicks(page.comment_edit, "Queues at lunch again")
    assert not page.add_button.isEnabled()
    qtbot.keyClicks(page.action_title, "Second barista at lunch")
    page.action_owner.setText("Jonas")
    page.add_button.click()
    assert page.action_title.text() == "" and page.new_list.count() == 1
    assert dialog.steps.item(2).text() == "Average wait at the counter  ✎ +1"

    # the second KPI: an action on its goal; its open action is ticked there too
    dialog.next_button.click()
    margin = dialog.pages.currentWidget()
    assert margin.item.kpi == "Gross margin"
    assert margin.open_list.item(0).checkState() == Qt.CheckState.Checked
    qtbot.keyClicks(margin.comment_edit, "Prices up")
    margin.action_link.setCurrentIndex(1)
    qtbot.keyClicks(margin.action_title, "Review the menu prices")
    qtbot.keyClick(margin.action_title, Qt.Key.Key_Return)
    assert margin.new_actions()[0].goal_id == margin.item.goal_id

    # straight to the wrap-up
    dialog.steps.setCurrentRow(dialog.steps.count() - 1)
    assert dialog.current_index() == dialog.pages.count() - 1
    assert not dialog.next_button.isEnabled()
    assert "2 comment(s), 2 new action(s), 1 earlier action(s) marked done" in (
        dialog.wrap_page.summary.text()
    )
    assert "No comment yet on: Average web-shop basket" in dialog.wrap_page.summary.text()
    qtbot.keyClicks(dialog.wrap_page.notes_edit, "Waits first.")
    with qtbot.waitSignal(dialog.saved) as saved, qtbot.waitSignal(doc.reviews_changed):
        dialog.save_button.click()
    assert not dialog.isVisible()

    review_id = saved.args[0]
    snap = review_snapshot(ws, review_id)
    assert snap.notes == "Waits first."
    comments = {e.kpi: e.comment for e in snap.entries if e.comment}
    assert comments == {
        "Average wait at the counter": "Queues at lunch again",
        "Gross margin": "Prices up",
    }
    assert [(a.title, a.owner) for a in snap.actions] == [
        ("Second barista at lunch", "Jonas"),
        ("Review the menu prices", "Maria"),
    ]
    assert [a.title for a in open_actions(ws)][
        0
    ] != "Renegotiate milk and bean prices with our suppliers"

    # a later edit of a value does not change the saved review
    wait = kpi_id(ws, "Average wait at the counter")
    doc.push(commands.SetValues(doc, wait, [(D(2026, 10, 1), 4.4, None)]))
    after = review_snapshot(ws, review_id)
    assert after.entries == snap.entries
    assert after.entries[0].status == Status.OFF_TRACK and after.entries[0].latest_value == 6.2

    # the review is one undo step: undo the value, then the whole review
    doc.undo_stack.undo()
    assert doc.undo_stack.undoText() == 'Save review "Monthly review, Oct 2026"'
    doc.undo_stack.undo()
    assert [r.date for r in review_history(ws)] == [D(2026, 10, 15)]
    assert len(open_actions(ws)) == 2
    doc.undo_stack.redo()
    assert [r.date for r in review_history(ws)] == [TODAY, D(2026, 10, 15)]


def test_the_dialog_refuses_an_empty_title_in_place(qtbot, doc: Document) -> None:
    dialog = ReviewDialog(doc, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_page.title_edit.clear()
    assert dialog.save() is None
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A review needs a title"
    assert len(review_history(doc.workspace)) == 1
    assert doc.undo_stack.count() == 0


def test_removing_a_new_action_before_saving(qtbot, doc: Document) -> None:
    dialog = ReviewDialog(doc, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.kpi_pages[0]
    page.add_action(NewAction("Keep"))
    page.add_action(NewAction("Drop"))
    page.remove_button.click()  # nothing selected: the last one goes
    assert [a.title for a in dialog.new_actions()] == ["Keep"]
    dialog.go_to(dialog.pages.count() - 1)
    assert "1 new action(s)" in dialog.wrap_page.summary.text()


def test_review_history_shows_a_review_as_it_was(qtbot, doc: Document) -> None:
    history = ReviewHistory(doc)
    qtbot.addWidget(history)
    assert history.reviews() == [("15 Oct 2026", "Monthly review, Sep 2026", "▲2  ●7")]
    text = history.detail.toPlainText()
    assert "Milk and bean prices went up again" in text
    assert "Buy a second grinder for the lunch rush" in text
    with qtbot.waitSignal(history.review_requested):
        history.start_button.click()
    draft = start_review(doc.workspace, TODAY)
    doc.push(_save(doc, draft))
    assert [r[0] for r in history.reviews()] == ["15 Nov 2026", "15 Oct 2026"]
    assert history.select(review_history(doc.workspace)[0].review_id)
    assert "Monthly review, Oct 2026" in history.detail.toPlainText()
    snap = history.snapshot()
    assert snap is not None and snap.date == TODAY


def _save(doc: Document, draft):  # type: ignore[no-untyped-def]
    from kpi_desktop.ui.review_dialog import SaveReview

    return SaveReview(
        doc, draft, title=draft.title, notes="", comments={}, new_actions=[], done_action_ids=[]
    )


def test_enter_and_escape_never_close_the_meeting(qtbot, doc: Document) -> None:
    dialog = ReviewDialog(doc, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go_to(2)
    page = dialog.kpi_pages[0]
    qtbot.keyClicks(page.action_title, "Call the supplier")
    qtbot.keyClick(page.action_title, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and page.new_list.count() == 1
    assert len(review_history(doc.workspace)) == 1 and doc.undo_stack.count() == 0
    # Cancel with something typed asks again, in place
    dialog.cancel_button.click()
    assert dialog.isVisible() and dialog.cancel_button.text() == "Discard"
    assert dialog.error_label.text().startswith("Not saved yet")
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert len(review_history(doc.workspace)) == 1


def test_cancel_without_input_closes_at_once(qtbot, doc: Document) -> None:
    dialog = ReviewDialog(doc, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.has_input()
    dialog.cancel_button.click()
    assert not dialog.isVisible()
