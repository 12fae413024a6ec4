"""The review meeting: ReviewDialog walks the KPIs (past reviews: ui/review/history.py).

:class:`ReviewDialog` (open it with ``.open()`` or ``.show()``; it never blocks) has one
step per part of the meeting: *Start* (title, what needs attention), *Earlier actions*
(tick what is done), one step per KPI (off track and at risk first: chart, status and
numbers, a comment, corrective actions) and *Wrap up* (notes, what will be saved).
**Save review** writes everything in one transaction through ``services.review_flow``, as
one undo step (:class:`SaveReview`).

It stays quick with thousands of KPIs: everything typed lives in a
:class:`~kpi_desktop.services.review.flow.ReviewInput`, the steps are a list model
(ui/review/steps.py) and one KPI page (ui/review/kpi_page.py) is built, on the first visit
to a KPI, and shown again for each KPI the meeting moves to. The other pages are in
ui/review/pages.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.review.flow import (
    NewAction,
    ReviewDraft,
    ReviewInput,
    SavedReview,
    save_review,
    start_review,
    undo_review,
)
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.review.kpi_page import KpiReviewPage
from kpi_desktop.ui.review.labels import ERROR_COLOR
from kpi_desktop.ui.review.pages import EarlierActionsPage, StartPage, WrapUpPage, input_summary
from kpi_desktop.ui.review.steps import (
    ACTIONS_STEP,
    FIRST_KPI_STEP,
    START_STEP,
    ReviewSteps,
    ReviewStepsPanel,
)

# -- the undo step ----------------------------------------------------------------------------


class SaveReview(EditCommand):
    """Saving a review (entries, new actions, actions done) as one undoable step."""

    def __init__(
        self,
        doc: Document,
        draft: ReviewDraft,
        *,
        title: str,
        notes: str,
        comments: dict[int, str],
        new_actions: Sequence[NewAction],
        done_action_ids: Sequence[int],
    ) -> None:
        super().__init__(doc, translate("Undo", 'Save review "{0}"').format(title))
        self.draft = draft
        self.title, self.notes = title, notes
        self.comments = dict(comments)
        self.new_actions = list(new_actions)
        self.done_action_ids = list(done_action_ids)
        self.saved: SavedReview | None = None

    @classmethod
    def of(cls, doc: Document, draft: ReviewDraft, state: ReviewInput) -> SaveReview:
        """Saving what was typed and ticked in ``state``."""
        return cls(
            doc,
            draft,
            title=state.title,
            notes=state.notes,
            comments=state.comments_to_save(),
            new_actions=state.new_actions(draft),
            done_action_ids=sorted(state.done),
        )

    def apply(self) -> None:
        self.saved = save_review(
            self.doc.workspace,
            self.draft,
            title=self.title,
            notes=self.notes,
            comments=self.comments,
            new_actions=self.new_actions,
            done_action_ids=self.done_action_ids,
        )

    def revert(self) -> None:
        if self.saved is not None:
            undo_review(self.doc.workspace, self.saved)
            self.saved = None

    def announce(self) -> None:
        self.doc.reviews_changed.emit()


# -- the dialog -----------------------------------------------------------------------------


class ReviewDialog(QDialog):
    """A review meeting from start to save. ``saved`` carries the new review's id.

    Steps are numbered as in :class:`~kpi_desktop.ui.review.steps.ReviewSteps`: 0 Start,
    1 Earlier actions, 2 .. n+1 the KPIs, n+2 Wrap up (:meth:`go_to` takes one).
    """

    saved = Signal(int)

    def __init__(
        self,
        document: Document,
        when: dt.date | None = None,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.draft = start_review(document.workspace, when or document.as_of)
        self.state = ReviewInput.for_draft(self.draft)
        self.review_id: int | None = None
        self._prompts = prompts
        self._step = START_STEP
        self._discard_armed = False
        self.setWindowTitle(self.tr("Review: {t}").format(t=self.draft.title))
        self.resize(1120, 780)

        self.start_page = StartPage(self.draft, self.state)
        self.actions_page = EarlierActionsPage(self.draft)
        self.actions_page.done_toggled.connect(self.set_action_done)
        self.wrap_page = WrapUpPage(self.state)
        self.wrap_page.notes_edit.textChanged.connect(self._disarm_discard)
        self._kpi_page: KpiReviewPage | None = None  # made on the first visit to a KPI
        self.pages = QStackedWidget()
        for page in (self.start_page, self.actions_page, self.wrap_page):
            self.pages.addWidget(page)

        self.steps = ReviewStepsPanel(ReviewSteps(self.draft, self.state, self))
        self.steps.setFixedWidth(260)
        self.steps.step_chosen.connect(self.go_to)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.save_button = QPushButton(self.tr("&Save review"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        # Enter adds an action or a line, it never saves or closes the meeting by accident
        for button in (self.back_button, self.next_button, self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.save_button)

        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.go_to(START_STEP)

    @property
    def prompts(self) -> Prompts:
        if self._prompts is None:
            self._prompts = Prompts(self)
        return self._prompts

    @property
    def kpi_page(self) -> KpiReviewPage:
        """The page that shows the current KPI (one for all of them, made when first
        needed)."""
        if self._kpi_page is None:
            page = KpiReviewPage(self.document, self.draft, self.state)
            page.input_changed.connect(self._kpi_input_changed)
            page.done_toggled.connect(self.set_action_done)
            self.pages.insertWidget(2, page)
            self._kpi_page = page
        return self._kpi_page

    # -- navigation -----------------------------------------------------------------------

    def step_count(self) -> int:
        return self.steps.model.step_count()

    def current_index(self) -> int:
        """The step shown (0 Start, 1 Earlier actions, then the KPIs, last Wrap up)."""
        return self._step

    def go_to(self, step: int) -> None:
        """Show a step (clipped to the first and the last)."""
        steps = self.steps.model
        step = max(START_STEP, min(step, steps.wrap_up_step))
        self._step = step
        item = steps.item_at(step)
        if item is not None:
            n = len(self.draft.items)
            position = self.tr("KPI {i} of {n}").format(
                i=f"{step - FIRST_KPI_STEP + 1:,}", n=f"{n:,}"
            )
            self.kpi_page.show_item(item, position)
            self.pages.setCurrentWidget(self.kpi_page)
        elif step == START_STEP:
            self.pages.setCurrentWidget(self.start_page)
        elif step == ACTIONS_STEP:
            self.actions_page.sync(self.state.done)
            self.pages.setCurrentWidget(self.actions_page)
        else:
            self.wrap_page.refresh(self.draft, self.state)
            self.pages.setCurrentWidget(self.wrap_page)
        self.steps.set_current(step)
        self.back_button.setEnabled(steps.neighbour(step, -1) is not None)
        self.next_button.setEnabled(steps.neighbour(step, 1) is not None)

    def next(self) -> None:
        """The next step listed (all of them, or what the search and filter list)."""
        step = self.steps.model.neighbour(self._step, 1)
        if step is not None:
            self.go_to(step)

    def back(self) -> None:
        step = self.steps.model.neighbour(self._step, -1)
        if step is not None:
            self.go_to(step)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter and Escape do not close the meeting (Enter in a field adds, Esc is easy to
        hit): only Save review, Cancel and the window's close button do."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- closing --------------------------------------------------------------------------

    def has_input(self) -> bool:
        """Whether anything was typed or ticked that Save review would keep."""
        return self.state.has_input()

    def cancel(self) -> None:
        """Close without saving; with input, only on a second press (no modal question)."""
        if self.has_input() and not self._discard_armed:
            self._discard_armed = True
            self.cancel_button.setText(self.tr("Discard"))
            self.error_label.setText(
                self.tr("Not saved yet. Press Discard to close without saving, or Save review.")
            )
            return
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """The window's close button: as Cancel, it does not lose typed input unasked."""
        if self.isVisible() and self.has_input() and not self._discard_armed:
            discard = self.prompts.confirm(
                self.tr("Close the review without saving?"),
                self.tr("Not saved yet: {what} Close the review and lose them?").format(
                    what=input_summary(self.state, self.draft)
                ),
                self.tr("Discard"),
            )
            if not discard:
                event.ignore()
                return
        super().closeEvent(event)

    def _disarm_discard(self) -> None:
        """New input after Cancel was pressed once: ask again before losing it."""
        if self._discard_armed:
            self._discard_armed = False
            self.cancel_button.setText(self.tr("Cancel"))
            self.error_label.clear()

    # -- what the review records ----------------------------------------------------------

    def set_action_done(self, action_id: int, done: bool) -> None:
        """Mark an earlier action done (or not) in this review; all lists follow."""
        self.state.set_done(action_id, done)
        self.actions_page.sync(self.state.done)
        if self._kpi_page is not None:
            self._kpi_page.sync(self.state.done)
        self.steps.model.refresh(ACTIONS_STEP)
        self._disarm_discard()

    def _kpi_input_changed(self, _kpi_id: int) -> None:
        self.steps.model.refresh(self._step)  # typing is always on the KPI shown
        self._disarm_discard()

    def done_action_ids(self) -> list[int]:
        return sorted(self.state.done)

    def new_actions(self) -> list[NewAction]:
        return self.state.new_actions(self.draft)

    def save(self) -> int | None:
        """Save the review in one transaction (one undo step); the review id, or None when
        it was refused (the reason is shown in the dialog)."""
        command = SaveReview.of(self.document, self.draft, self.state)
        error = self.document.push(command)
        if error is not None or command.saved is None:
            message = error.message if error is not None else self.tr("The review was not saved")
            self.error_label.setText(message)
            return None
        self.review_id = command.saved.review_id
        self.saved.emit(self.review_id)
        self.accept()
        return self.review_id


__all__ = ["KpiReviewPage", "ReviewDialog", "SaveReview"]
