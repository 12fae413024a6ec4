"""Review meetings: the snapshot, saving in one transaction, undo, the history; and a whole
review held in the dialog on the demo workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import select
from team_server import demo_on

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart import find_item
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.review.flow import (
    NewAction,
    ReviewInput,
    counts_text,
    default_title,
    open_actions,
    save_review,
    start_review,
    undo_review,
)
from kpi_desktop.services.review.history import review_history, review_snapshot
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.tables import Action, Review, ReviewEntry
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.review.dialog import KpiReviewPage, ReviewDialog, SaveReview
from kpi_desktop.ui.review.history import ReviewHistory
from kpi_desktop.ui.review.labels import counts_glyphs

D = dt.date
TODAY = D(2026, 11, 15)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    """The demo as seen on TODAY, on a file or on the server (tests/team_server.py)."""
    yield from demo_on(request, tmp_path, engine, TODAY)


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
    assert [(i.kpi, i.status) for i in draft.items[:4]] == [
        ("Average wait at the counter", Status.OFF_TRACK),
        ("Gross margin", Status.AT_RISK),
        ("Web-shop sales", Status.AT_RISK),  # the basket's input, at risk with it
        ("Average web-shop basket", Status.AT_RISK),
    ]
    rest = [i.snapshot for i in draft.items[4:]]
    in_tree_order = [
        st
        for st in kpi_statuses(demo, TODAY)
        if st.status not in (Status.OFF_TRACK, Status.AT_RISK)
    ]
    assert rest == in_tree_order  # the snapshot is the status at the review date
    assert draft.counts() == {
        Status.OFF_TRACK: 1,
        Status.AT_RISK: 3,
        Status.ON_TRACK: 6,
        Status.ACHIEVED: 1,
    }
    assert counts_text(draft.counts()) == "1 off track · 3 at risk · 6 on track · 1 achieved"
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
    assert len(snap.entries) == 11
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
    assert history[0].counts_text == "1 off track · 3 at risk · 6 on track · 1 achieved"
    assert history[1].counts_text == "3 at risk · 8 on track"
    assert counts_glyphs(history[0].counts) == "◆1  ▲3  ●6  ★1"


def test_what_is_typed_is_kept_apart_from_the_widgets(demo: Workspace) -> None:
    draft = start_review(demo, TODAY)
    wait, margin, orders = (draft.items[0], draft.items[1], draft.items[6])
    assert orders.kpi == "Web-shop orders"
    typed = ReviewInput.for_draft(draft)
    assert typed.title == "Monthly review, Oct 2026" and not typed.has_input()
    typed.set_comment(orders.kpi_id, "   ")  # blank: nothing to keep
    assert not typed.has_input() and typed.comments_to_save() == {}
    typed.set_comment(margin.kpi_id, "  Prices up ")
    typed.add_action(orders.kpi_id, NewAction("Later in the walk"))
    typed.add_action(wait.kpi_id, NewAction("First in the walk"))
    typed.add_action(wait.kpi_id, NewAction("Dropped"))
    typed.remove_action(wait.kpi_id, 1)
    assert typed.comment(margin.kpi_id) == "  Prices up "  # as typed, for the page
    assert typed.comments_to_save() == {margin.kpi_id: "Prices up"}
    assert [a.title for a in typed.new_actions(draft)] == ["First in the walk", "Later in the walk"]
    assert [i.kpi for i in typed.uncommented(draft)] == [
        "Average wait at the counter",
        "Web-shop sales",
        "Average web-shop basket",
    ]
    typed.set_done(7, True)
    typed.set_done(7, False)
    assert typed.done == set() and typed.has_input()


# -- the dialog, a whole meeting ------------------------------------------------------------


@pytest.fixture
def doc(demo: Workspace) -> Document:
    document = Document(demo)
    document.set_as_of(TODAY)
    return document


def open_review(qtbot, doc: Document, prompts: ScriptedPrompts | None = None) -> ReviewDialog:  # type: ignore[no-untyped-def]
    """A review dialog, shown, whose questions are answered by a script (closing it with
    input typed asks; a real question would wait for a click)."""
    dialog = ReviewDialog(doc, TODAY, prompts=prompts or ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_whole_review_in_the_dialog(qtbot, doc: Document) -> None:
    ws = doc.workspace
    dialog = open_review(qtbot, doc)
    assert QApplication.activeModalWidget() is None  # shown, not exec()'d
    assert dialog.step_count() == len(dialog.steps.shown()) == 2 + 11 + 1
    assert dialog.start_page.title_edit.text() == "Monthly review, Oct 2026"

    # earlier actions: tick the overdue one
    dialog.next_button.click()
    assert dialog.current_index() == 1
    first = dialog.actions_page.list.item(0)
    assert first.text().startswith("Renegotiate milk and bean prices")
    first.setCheckState(Qt.CheckState.Checked)
    assert dialog.done_action_ids() == [ws.reviews.actions()[1].id]
    assert dialog.steps.shown()[1] == "Earlier actions (1/2 done)"

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
    assert dialog.steps.shown()[2] == "Average wait at the counter  ✎ +1"

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

    # straight to the wrap-up, picked in the list of steps
    steps = dialog.steps.view
    steps.setCurrentIndex(steps.model().index(steps.model().rowCount() - 1))
    assert dialog.current_index() == dialog.step_count() - 1
    assert dialog.pages.currentWidget() is dialog.wrap_page
    assert not dialog.next_button.isEnabled()
    assert "2 comment(s), 2 new action(s), 1 earlier action(s) marked done" in (
        dialog.wrap_page.summary.text()
    )
    assert (
        "No comment yet on: Web-shop sales, Average web-shop basket"
        in dialog.wrap_page.summary.text()
    )
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
    dialog = open_review(qtbot, doc)
    dialog.start_page.title_edit.clear()
    assert dialog.save() is None
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A review needs a title"
    assert len(review_history(doc.workspace)) == 1
    assert doc.undo_stack.count() == 0


def test_removing_a_new_action_before_saving(qtbot, doc: Document) -> None:
    dialog = open_review(qtbot, doc)
    dialog.go_to(2)
    page = dialog.kpi_page
    page.add_action(NewAction("Keep"))
    page.add_action(NewAction("Drop"))
    page.remove_button.click()  # nothing selected: the last one goes
    assert [a.title for a in dialog.new_actions()] == ["Keep"]
    dialog.go_to(dialog.step_count() - 1)
    assert "1 new action(s)" in dialog.wrap_page.summary.text()


def test_review_history_shows_a_review_as_it_was(qtbot, doc: Document) -> None:
    history = ReviewHistory(doc)
    qtbot.addWidget(history)
    assert history.reviews() == [("15 Oct 2026", "Monthly review, Sep 2026", "▲3  ●8")]
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
    return SaveReview(
        doc, draft, title=draft.title, notes="", comments={}, new_actions=[], done_action_ids=[]
    )


def test_enter_and_escape_never_close_the_meeting(qtbot, doc: Document) -> None:
    dialog = open_review(qtbot, doc)
    dialog.go_to(2)
    page = dialog.kpi_page
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
    dialog = open_review(qtbot, doc)
    assert not dialog.has_input()
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_one_kpi_page_shows_each_kpi_and_keeps_what_was_typed(
    qtbot,  # type: ignore[no-untyped-def]
    doc: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kpi_desktop.ui.review import kpi_page as review_kpi_page

    charts_read: list[int] = []
    real_chart_data = review_kpi_page.chart_data

    def counted(ws: Workspace, kpi_id: int, as_of: D, **kw: bool):  # type: ignore[no-untyped-def]
        charts_read.append(kpi_id)
        return real_chart_data(ws, kpi_id, as_of, **kw)

    monkeypatch.setattr(review_kpi_page, "chart_data", counted)
    dialog = open_review(qtbot, doc)
    assert dialog.findChildren(KpiReviewPage) == [] and charts_read == []  # none until asked

    dialog.go_to(2)
    page = dialog.kpi_page
    assert page.item.kpi == "Average wait at the counter"
    qtbot.keyClicks(page.comment_edit, "Queues at lunch")
    page.add_action(NewAction("Second barista", "Jonas", kpi_id=page.item.kpi_id))
    qtbot.keyClicks(page.action_title, "Half typed")  # not added yet
    page.action_owner.setText("Ali")

    dialog.next_button.click()  # the same page, now showing the next KPI
    assert dialog.kpi_page is page and page.item.kpi == "Gross margin"
    assert page.comment_edit.toPlainText() == "" and page.new_list.count() == 0
    assert (page.action_title.text(), page.action_owner.text()) == ("", "Maria")
    assert page.action_link.itemText(1) == "Its goal: Grow profitable revenue"
    actual = find_item(page.chart.plot, "Actual")
    assert actual is not None and actual.yData[-1] == pytest.approx(63.5)  # its own chart

    dialog.back_button.click()
    assert page.comment_edit.toPlainText() == "Queues at lunch"
    assert [page.new_list.item(0).text()] == ["Second barista — Jonas (this KPI)"]
    assert (page.action_title.text(), page.action_owner.text()) == ("Half typed", "Ali")

    for _ in range(dialog.step_count()):
        dialog.next_button.click()
    assert dialog.current_index() == dialog.step_count() - 1
    assert len(dialog.findChildren(KpiReviewPage)) == 1  # one page, one chart, for all 11
    assert len(dialog.findChildren(type(page.chart))) == 1
    assert len(charts_read) == 3 + 10  # read when shown: wait, margin, wait, then 10 KPIs

    dialog.save_button.click()
    snap = review_snapshot(doc.workspace, review_history(doc.workspace)[0].review_id)
    assert {e.kpi: e.comment for e in snap.entries if e.comment} == {
        "Average wait at the counter": "Queues at lunch"
    }
    assert [(a.title, a.owner) for a in snap.actions] == [("Second barista", "Jonas")]


def test_closing_the_window_asks_like_cancel(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(confirm=False)
    dialog = open_review(qtbot, doc, prompts)
    dialog.close()  # nothing typed: closes at once
    assert not dialog.isVisible() and prompts.asked == []

    dialog = open_review(qtbot, doc, prompts)
    dialog.go_to(2)
    qtbot.keyClicks(dialog.kpi_page.comment_edit, "Queues at lunch")
    assert not dialog.close()  # the window's X: asked, and "keep it open" answered
    assert dialog.isVisible()
    assert prompts.asked == [
        (
            "confirm",
            "Close the review without saving?",
            "Not saved yet: 1 comment(s), 0 new action(s), 0 earlier action(s) marked done. "
            "Close the review and lose them?",
        )
    ]
    prompts.answer = True
    assert dialog.close() and not dialog.isVisible()
    assert len(review_history(doc.workspace)) == 1 and doc.undo_stack.count() == 0

    # after Cancel was pressed once (Discard shown), the X closes without a second question
    dialog = open_review(qtbot, doc, prompts)
    dialog.actions_page.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.cancel_button.click()
    assert dialog.cancel_button.text() == "Discard"
    asked = len(prompts.asked)
    assert dialog.close() and len(prompts.asked) == asked


def test_finding_a_kpi_and_walking_only_those_needing_attention(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    dialog = open_review(qtbot, doc)
    steps = dialog.steps
    steps.attention_only.click()
    assert steps.shown() == [
        "Start",
        "Earlier actions (2 open)",
        "Average wait at the counter",
        "Gross margin",
        "Web-shop sales",
        "Average web-shop basket",
        "Wrap up and save",
    ]
    assert steps.shown_label.text() == "4 of 11 KPIs listed"
    dialog.go_to(5)
    dialog.next_button.click()  # past the KPIs on track, straight to the wrap-up
    assert dialog.pages.currentWidget() is dialog.wrap_page
    dialog.back_button.click()
    assert dialog.kpi_page.item.kpi == "Average web-shop basket"

    steps.attention_only.click()
    qtbot.keyClicks(steps.search, "ORDERS")
    assert steps.shown()[2:-1] == ["Web-shop orders"]
    qtbot.keyClick(steps.search, Qt.Key.Key_Return)  # Enter: to the first KPI found
    assert dialog.kpi_page.item.kpi == "Web-shop orders" and dialog.isVisible()
    steps.search.clear()
    assert len(steps.shown()) == 14 and steps.view.currentIndex().row() == 8


def test_a_note_on_the_chart_from_the_review(qtbot, doc: Document) -> None:
    dialog = open_review(qtbot, doc)
    dialog.go_to(2)
    page = dialog.kpi_page
    assert page.item is not None
    note_dialog = page.add_chart_note()
    assert note_dialog is not None and note_dialog.isVisible()
    note_dialog.text.setText("Terrace opened")
    note_dialog.save_button.click()
    (note,) = doc.workspace.annotations.list(page.item.kpi_id)
    assert note.text == "Terrace opened" and note.start == page.item.snapshot.latest_date
    assert find_item(page.chart.plot, "Notes") is not None  # the page's chart shows it
    doc.undo_stack.undo()
    assert doc.workspace.annotations.list() == []
    assert find_item(page.chart.plot, "Notes") is None
