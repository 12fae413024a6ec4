"""The KPI step of a review: ONE page, shown for one KPI at a time.

:class:`KpiReviewPage` is built once per review and re-bound to each KPI the meeting moves
to (:meth:`KpiReviewPage.show_item`): its chart is redrawn for that KPI, its comment, new
actions and ticks are read from the review's
:class:`~kpi_desktop.services.review.flow.ReviewInput`, where everything typed is written
as it is typed. So a review of 2,000 KPIs costs one page and one chart, and nothing typed
depends on a widget staying alive. A half-typed corrective action (not added yet) is kept
per KPI too, and comes back when the meeting returns to that KPI.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.reports.chart import draw_chart, make_chart_widget
from kpi_desktop.reports.chart_signals import SIGNAL_COLOR, draw_signals
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.commentary import sentences
from kpi_desktop.services.review.flow import (
    NewAction,
    OpenAction,
    ReviewDraft,
    ReviewInput,
    ReviewItem,
)
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.signals import chart_signals
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.notes.note_dialog import NoteDialog
from kpi_desktop.ui.review.labels import day_text, heading, mute
from kpi_desktop.ui.review.open_action_list import OpenActionList, one_line_per_row
from kpi_desktop.ui.theme import status_pixmap

#: A new action is due this many days after the review, unless changed.
DEFAULT_ACTION_DAYS = 14
#: The most facts a KPI shows under its name (see ``ReviewItem.facts``).
_MOST_FACTS = 5


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _fit_rows(widget: QListWidget, most: int) -> None:
    """Make ``widget`` as tall as its rows (at most ``most``; it scrolls beyond)."""
    rows = max(1, min(most, widget.count()))
    row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 6
    widget.setFixedHeight(rows * row + 2 * widget.frameWidth() + 2)


@dataclass(frozen=True, slots=True)
class _ActionDraft:
    """The corrective-action form as left on a KPI (kept when it differs from the
    defaults, so moving on and back does not lose a half-typed action)."""

    title: str
    owner: str
    due: QDate
    link: int  # 0: this KPI, 1: its goal


def _actions_about(draft: ReviewDraft, item: ReviewItem) -> list[OpenAction]:
    """The open actions on a KPI, and those on its goal without a KPI."""
    return [
        a
        for a in draft.open_actions
        if a.kpi_id == item.kpi_id or (a.kpi_id is None and a.goal_id == item.goal_id)
    ]


class KpiReviewPage(QWidget):
    """One KPI in the review: chart, status and numbers, comment, actions.

    ``item`` is the KPI shown (None before the first :meth:`show_item`).
    """

    input_changed = Signal(int)  # a KPI's comment or new actions changed: its id
    done_toggled = Signal(int, bool)  # an open action ticked done (or not): id, ticked

    def __init__(
        self,
        document: Document,
        draft: ReviewDraft,
        state: ReviewInput,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._draft = draft
        self._state = state
        self._forms: dict[int, _ActionDraft] = {}
        self.item: ReviewItem | None = None
        self.facts_text = ""

        self.name_label = heading("", 1.35)
        self.position_label = mute(QLabel())
        self.badge = QLabel()
        self.status_label = QLabel()
        self.who_label = mute(QLabel())
        self.who_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignTop)
        status_row = QHBoxLayout()
        status_row.addWidget(self.badge)
        status_row.addWidget(self.status_label)
        status_row.addSpacing(12)
        status_row.addWidget(self.who_label, 1)

        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(2)
        self._facts: list[tuple[QLabel, QLabel]] = []
        for column in range(_MOST_FACTS):
            pair = (mute(QLabel()), QLabel())
            facts.addWidget(pair[0], 0, column)
            facts.addWidget(pair[1], 1, column)
            self._facts.append(pair)
        facts.setColumnStretch(_MOST_FACTS, 1)

        self.signal_label = QLabel()
        self.signal_label.setWordWrap(True)
        self.signal_label.setStyleSheet(f"color: {SIGNAL_COLOR};")
        self.signal_label.setVisible(False)
        # what the numbers say, in plain sentences (services.review.commentary)
        self.said_label = QLabel()
        self.said_label.setWordWrap(True)
        self.said_label.setVisible(False)

        self.chart = make_chart_widget()
        self.chart.setMinimumHeight(240)
        # take the room left, not the view's large size hint (which would scroll the page)
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.no_chart = mute(QLabel(self.tr("No values yet: nothing to chart.")))
        self.no_chart.setVisible(False)

        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setFixedHeight(96)
        self.comment_edit.textChanged.connect(self._comment_typed)

        self._build_action_form()

        self.open_list = OpenActionList(one_line=True)
        self.open_list.setAccessibleName(self.tr("Open actions on this KPI"))
        self.open_list.done_toggled.connect(self.done_toggled)
        self.open_box = QWidget()
        open_layout = QVBoxLayout(self.open_box)
        open_layout.setContentsMargins(0, 0, 0, 0)
        open_layout.addWidget(QLabel(self.tr("<b>Open actions</b> (tick when done):")))
        open_layout.addWidget(self.open_list)

        self.chart_note_button = QPushButton(self.tr("Note on the chart…"))
        self.chart_note_button.setToolTip(
            self.tr("Mark what happened (a new barista, a price rise) on this KPI's chart")
        )
        self.chart_note_button.clicked.connect(self.add_chart_note)
        self.note_dialog: NoteDialog | None = None  # the open one (for tests)
        document.notes_changed.connect(self._redraw)
        comment_row = QHBoxLayout()
        comment_row.addWidget(QLabel(self.tr("<b>Comment</b>")), 1)
        comment_row.addWidget(self.chart_note_button)
        notes = QVBoxLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addLayout(comment_row)
        notes.addWidget(self.comment_edit)
        notes.addWidget(self.open_box)
        notes.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addLayout(notes, 1)
        bottom.addWidget(self.action_box, 1, Qt.AlignmentFlag.AlignTop)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 8, 0)
        box.addLayout(top)
        box.addLayout(status_row)
        box.addSpacing(4)
        box.addLayout(facts)
        box.addWidget(self.signal_label)
        box.addWidget(self.said_label)
        box.addWidget(self.chart, 1)
        box.addWidget(self.no_chart, 1, Qt.AlignmentFlag.AlignCenter)
        box.addLayout(bottom)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)

    def _build_action_form(self) -> None:
        self.action_box = QFrame()
        self.action_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.action_title = QLineEdit()
        self.action_title.setPlaceholderText(self.tr("What will be done, e.g. Call the supplier"))
        self.action_title.setAccessibleName(self.tr("New action: what"))
        self.action_owner = QLineEdit()
        self.action_owner.setPlaceholderText(self.tr("Who"))
        self.action_owner.setAccessibleName(self.tr("New action: who"))
        self.action_due = QDateEdit()
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("d MMM yyyy")
        self.action_due.setAccessibleName(self.tr("New action: due date"))
        self.action_link = QComboBox()
        self.action_link.addItem(self.tr("This KPI"))
        self.action_link.addItem("")  # "Its goal: …", set per KPI
        self.action_link.setAccessibleName(self.tr("New action: linked to"))
        self.add_button = QPushButton(self.tr("Add action"))
        self.add_button.setEnabled(False)
        self.action_title.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.action_title.returnPressed.connect(self.add_action_from_form)
        self.add_button.clicked.connect(self.add_action_from_form)
        self.new_list = QListWidget()
        one_line_per_row(self.new_list)  # the whole line as tooltip
        self.new_list.setAccessibleName(self.tr("Actions decided for this KPI"))
        self.new_list.setVisible(False)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setVisible(False)
        self.remove_button.clicked.connect(self._remove_selected)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&What:"), self.action_title)
        when = QHBoxLayout()
        when.addWidget(self.action_owner, 1)
        when.addWidget(QLabel(self.tr("by")))
        when.addWidget(self.action_due)
        form.addRow(self.tr("Who:"), when)
        link = QHBoxLayout()
        link.addWidget(self.action_link, 1)
        link.addWidget(self.add_button)
        form.addRow(self.tr("For:"), link)
        listed = QHBoxLayout()
        listed.addWidget(self.new_list, 1)
        listed.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self.action_box)
        box.addWidget(QLabel(self.tr("<b>Corrective action</b>: who does what by when")))
        box.addLayout(form)
        box.addLayout(listed)

    # -- showing a KPI --------------------------------------------------------------------

    def show_item(self, item: ReviewItem, position: str) -> None:
        """Show ``item`` (``position`` reads like "KPI 3 of 40"): its numbers and chart,
        and what was typed about it so far."""
        if self.item is not None:
            if self.item.kpi_id == item.kpi_id:
                self.position_label.setText(position)
                return
            self._keep_form(self.item)
        self.item = item
        self._scroll.verticalScrollBar().setValue(0)  # each KPI from its name and chart
        self.position_label.setText(position)
        self._show_header(item)
        self._show_comment(item)
        self._show_form(item)
        self._show_new_actions()
        self._show_open_actions(item)
        self._draw_chart(item)

    def _show_header(self, item: ReviewItem) -> None:
        self.name_label.setText(item.kpi)
        self.badge.setPixmap(status_pixmap(item.status, 18))
        self.status_label.setText(f"<b>{item.status.label}</b>")
        self.who_label.setText(
            self.tr("Goal: {goal} · Owner: {owner}").format(
                goal=item.goal, owner=item.owner or self.tr("nobody yet")
            )
        )
        facts = item.facts()
        for column, (label, value) in enumerate(self._facts):
            shown = column < len(facts)
            label.setVisible(shown)
            value.setVisible(shown)
            if shown:
                label.setText(self.tr(facts[column][0]))
                value.setText(f"<b>{html.escape(facts[column][1])}</b>")
        self.facts_text = " · ".join(f"{label}: {text}" for label, text in facts)

    def _show_comment(self, item: ReviewItem) -> None:
        self.comment_edit.blockSignals(True)
        self.comment_edit.setPlainText(self._state.comment(item.kpi_id))
        self.comment_edit.blockSignals(False)
        self.comment_edit.setPlaceholderText(
            self.tr("What do you see, and why? (for example: prices went up; not passed on)")
            if item.needs_attention
            else self.tr("Anything to note? (optional)")
        )
        self.comment_edit.setAccessibleName(self.tr("Comment on {kpi}").format(kpi=item.kpi))

    def _default_form(self, item: ReviewItem) -> _ActionDraft:
        due = _qdate(self._draft.date + dt.timedelta(DEFAULT_ACTION_DAYS))
        return _ActionDraft(title="", owner=item.owner, due=due, link=0)

    def _keep_form(self, item: ReviewItem) -> None:
        form = _ActionDraft(
            title=self.action_title.text(),
            owner=self.action_owner.text(),
            due=self.action_due.date(),
            link=self.action_link.currentIndex(),
        )
        if form == self._default_form(item):
            self._forms.pop(item.kpi_id, None)
        else:
            self._forms[item.kpi_id] = form

    def _show_form(self, item: ReviewItem) -> None:
        form = self._forms.get(item.kpi_id) or self._default_form(item)
        self.action_link.setItemText(1, self.tr("Its goal: {g}").format(g=item.goal))
        self.action_link.setCurrentIndex(form.link)
        self.action_title.setText(form.title)
        self.action_owner.setText(form.owner)
        self.action_due.setDate(form.due)

    def _show_new_actions(self) -> None:
        assert self.item is not None
        self.new_list.clear()
        decided = self._state.actions_for(self.item.kpi_id)
        for action in decided:
            due = f", by {day_text(action.due_date)}" if action.due_date else ""
            who = action.owner or self.tr("nobody yet")
            link = self.tr("this KPI") if action.kpi_id is not None else self.tr("its goal")
            text = f"{action.title} — {who}{due} ({link})"
            self.new_list.addItem(text)
            self.new_list.item(self.new_list.count() - 1).setToolTip(text)
        self.new_list.setVisible(bool(decided))
        self.remove_button.setVisible(bool(decided))
        if decided:
            _fit_rows(self.new_list, 4)

    def _show_open_actions(self, item: ReviewItem) -> None:
        mine = _actions_about(self._draft, item)
        self.open_list.show_actions(mine, self._draft.date, self._state.done)
        _fit_rows(self.open_list, 3)
        self.open_box.setVisible(bool(mine))

    def add_chart_note(self) -> NoteDialog | None:
        """Open the dialog for a note on the KPI's chart, at its latest value's date."""
        item = self.item
        if item is None:
            return None
        day = item.snapshot.latest_date or self._draft.date
        self.note_dialog = NoteDialog(self._document, item.kpi_id, item.kpi, day, parent=self)
        self.note_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.note_dialog.open()
        return self.note_dialog

    def _redraw(self) -> None:
        if self.item is not None:
            self._draw_chart(self.item)

    def _draw_chart(self, item: ReviewItem) -> None:
        """Redraw the chart for ``item`` (a long series as its envelope, read in slices)."""
        try:
            data = chart_data(
                self._document.workspace, item.kpi_id, self._draft.date, complete=False
            )
        except KpiDesktopError:
            data = None
        drawn = data is not None and data.has_values
        self.chart.setVisible(drawn)
        self.no_chart.setVisible(not drawn)
        self.chart.setAccessibleName(self.tr("Chart of {kpi}").format(kpi=item.kpi))
        explanation = said = ""
        if data is not None and drawn:
            draw_chart(self.chart.plot, data, legend=True, title=False)
            report = chart_signals(data)
            draw_signals(self.chart.plot, data, report)
            explanation = report.explanation
            said = " ".join(sentences(item.snapshot, data))
        else:
            self.chart.plot.clear()
        self.signal_label.setText(
            self.tr("◯ Real change: {e}").format(e=explanation) if explanation else ""
        )
        self.signal_label.setVisible(bool(explanation))
        self.said_label.setText(said)
        self.said_label.setVisible(bool(said))

    # -- what is typed --------------------------------------------------------------------

    def _comment_typed(self) -> None:
        if self.item is None:
            return
        self._state.set_comment(self.item.kpi_id, self.comment_edit.toPlainText())
        self.input_changed.emit(self.item.kpi_id)

    def comment(self) -> str:
        return "" if self.item is None else self._state.comment(self.item.kpi_id).strip()

    def new_actions(self) -> list[NewAction]:
        return [] if self.item is None else list(self._state.actions_for(self.item.kpi_id))

    def add_action(self, action: NewAction) -> None:
        """Decide ``action`` on the KPI shown."""
        assert self.item is not None, "no KPI shown"
        self._state.add_action(self.item.kpi_id, action)
        self._show_new_actions()
        self.input_changed.emit(self.item.kpi_id)

    def add_action_from_form(self) -> bool:
        title = " ".join(self.action_title.text().split())
        if not title or self.item is None:
            return False
        q = self.action_due.date()
        to_goal = self.action_link.currentIndex() == 1
        self.add_action(
            NewAction(
                title=title,
                owner=self.action_owner.text().strip(),
                due_date=dt.date(q.year(), q.month(), q.day()),
                kpi_id=None if to_goal else self.item.kpi_id,
                goal_id=self.item.goal_id if to_goal else None,
            )
        )
        self.action_title.clear()
        return True

    def _remove_selected(self) -> None:
        if self.item is None or not self.new_list.count():
            return
        row = self.new_list.currentRow()
        self._state.remove_action(self.item.kpi_id, row if row >= 0 else self.new_list.count() - 1)
        self._show_new_actions()
        self.input_changed.emit(self.item.kpi_id)

    def sync(self, done: set[int]) -> None:
        """Tick the open actions marked done in this review."""
        self.open_list.sync(done)


__all__ = ["DEFAULT_ACTION_DAYS", "KpiReviewPage"]
