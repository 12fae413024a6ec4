"""The review meeting: ReviewDialog walks the KPIs (past reviews: ui/review_history.py).

:class:`ReviewDialog` (open it with ``.open()`` or ``.show()``; it never blocks) has one
step per part of the meeting: *Start* (title, what needs attention), *Earlier actions*
(tick what is done), one step per KPI (off track and at risk first: chart, status and
numbers, a comment, corrective actions) and *Wrap up* (notes, what will be saved).
**Save review** writes everything in one transaction through ``services.review_flow``, as
one undo step (:class:`SaveReview`).

:class:`ReviewHistory` lists past reviews (date, title, KPIs by status, actions) and shows
a saved review as it read on the day: a value edited later does not change it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart import draw_chart, make_chart_widget
from kpi_desktop.reports.chart_signals import SIGNAL_COLOR, draw_signals
from kpi_desktop.services.chart_data import chart_data
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review_flow import (
    NewAction,
    OpenAction,
    ReviewDraft,
    ReviewItem,
    SavedReview,
    counts_text,
    save_review,
    start_review,
    undo_review,
)
from kpi_desktop.services.signals import chart_signals
from kpi_desktop.ui.commands import EditCommand
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.theme import STATUS_COLORS, status_icon, status_pixmap

#: A new action is due this many days after the review, unless changed.
DEFAULT_ACTION_DAYS = 14
_ERROR_COLOR = "#B3261E"
_STATUS_GLYPHS = {
    Status.ACHIEVED: "★",
    Status.ON_TRACK: "●",
    Status.AT_RISK: "▲",
    Status.OFF_TRACK: "◆",
    Status.NO_DATA: "○",
}


def day_text(d: dt.date | None) -> str:
    return "—" if d is None else f"{d.day} {d:%b %Y}"


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def mute(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def heading(text: str, scale: float = 1.25) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def counts_glyphs(counts: dict[Status, int]) -> str:
    """KPIs by status in few characters, worst first: "◆1 ▲2 ●5 ★1" (shapes as on the
    badges, so they read without colour)."""
    order = (Status.OFF_TRACK, Status.AT_RISK, Status.NO_DATA, Status.ON_TRACK, Status.ACHIEVED)
    return "  ".join(f"{_STATUS_GLYPHS[s]}{counts[s]}" for s in order if counts.get(s))


def status_html(status: Status) -> str:
    """The status as coloured shape and word, for rich text."""
    color = STATUS_COLORS[status]
    return f'<span style="color:{color}">{_STATUS_GLYPHS[status]}</span> {status.label}'


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
        super().__init__(doc, f'Save review "{title}"')
        self.draft = draft
        self.title, self.notes = title, notes
        self.comments = dict(comments)
        self.new_actions = list(new_actions)
        self.done_action_ids = list(done_action_ids)
        self.saved: SavedReview | None = None

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


# -- the dialog's pages -----------------------------------------------------------------------


class _StartPage(QWidget):
    def __init__(self, draft: ReviewDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit(draft.title)
        self.title_edit.setAccessibleName(self.tr("Review title"))
        counts = draft.counts()
        attention = [i for i in draft.items if i.needs_attention]
        if attention:
            names = ", ".join(i.kpi for i in attention[:4])
            more = f" and {len(attention) - 4} more" if len(attention) > 4 else ""
            focus = self.tr(
                "First the KPIs that need attention: {names}{more}. Then the others, briefly."
            ).format(names=names, more=more)
        else:
            focus = self.tr("No KPI is off track or at risk: a short review today.")
        overdue = [a for a in draft.open_actions if a.is_overdue(draft.date)]
        lines = [
            self.tr("<b>{n} KPIs</b>: {counts}").format(
                n=len(draft.items), counts=counts_text(counts) or self.tr("none yet")
            ),
            self.tr("<b>{n} open action(s)</b> from earlier reviews{late}").format(
                n=len(draft.open_actions),
                late=self.tr(", {k} overdue").format(k=len(overdue)) if overdue else "",
            ),
        ]
        summary = QLabel("<br>".join(lines))
        summary.setTextFormat(Qt.TextFormat.RichText)
        how = QLabel(
            self.tr(
                "{focus}<br><br>For each KPI: look at the chart, write in one or two sentences "
                "what you see and why, and decide a corrective action when the numbers need "
                "one: who does what by when. Red rings on a chart mark a <i>real change</i>; "
                "the other ups and downs are routine noise, not worth a reaction.<br><br>"
                "Nothing is saved until you press <b>Save review</b>."
            ).format(focus=html.escape(focus))
        )
        how.setWordWrap(True)
        how.setTextFormat(Qt.TextFormat.RichText)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("Date:"), QLabel(day_text(draft.date)))
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Start the review")))
        box.addLayout(form)
        box.addSpacing(8)
        box.addWidget(summary)
        box.addSpacing(8)
        box.addWidget(how)
        box.addStretch(1)


class _ActionsPage(QWidget):
    def __init__(self, dialog: ReviewDialog, draft: ReviewDraft) -> None:
        super().__init__(dialog)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Open actions from earlier reviews"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        for action in draft.open_actions:
            item = QListWidgetItem(_action_line(action, draft.date))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, action.action_id)
            if action.is_overdue(draft.date):
                item.setForeground(_color(_ERROR_COLOR))
            self.list.addItem(item)
        self.list.itemChanged.connect(
            lambda item: dialog.set_action_done(
                int(item.data(Qt.ItemDataRole.UserRole)),
                item.checkState() == Qt.CheckState.Checked,
            )
        )
        empty = mute(QLabel(self.tr("No open actions from earlier reviews.")))
        empty.setVisible(not draft.open_actions)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Actions from earlier reviews")))
        hint = QLabel(
            self.tr(
                "Go through what was decided last time. Tick an action when it is done; it "
                "is closed on the review's date when you save. Overdue ones are in red."
            )
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.list, 1)
        box.addWidget(empty)

    def sync(self, done: set[int]) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in done
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)


def _compact_list() -> QListWidget:
    """A small list whose long lines end in "…" (full text as tooltip), no side scrolling."""
    widget = QListWidget()
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setUniformItemSizes(True)
    return widget


def _fit_rows(widget: QListWidget, most: int) -> None:
    """Make ``widget`` as tall as its rows (at most ``most``; it scrolls beyond)."""
    rows = max(1, min(most, widget.count()))
    row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 6
    widget.setFixedHeight(rows * row + 2 * widget.frameWidth() + 2)


def _color(name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    return QColor(name)


def _action_line(action: OpenAction, on: dt.date) -> str:
    parts = [action.title]
    who = action.owner or "nobody yet"
    due = f"due {day_text(action.due_date)}" if action.due_date else "no due date"
    if action.is_overdue(on) and action.due_date is not None:
        late = (on - action.due_date).days
        due += f" ({late} day{'s' if late != 1 else ''} late)"
    details = [who, due]
    if action.about():
        details.append(action.about())
    return f"{parts[0]}\n{' · '.join(details)}"


class KpiReviewPage(QWidget):
    """One KPI in the review: chart, status and numbers, comment, actions."""

    def __init__(self, dialog: ReviewDialog, item: ReviewItem, position: str) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.item = item
        self._chart_drawn = False
        self._new: list[NewAction] = []
        st = item.snapshot

        name = heading(item.kpi, 1.35)
        where = mute(QLabel(position))
        badge = QLabel()
        badge.setPixmap(status_pixmap(item.status, 18))
        status = QLabel(f"<b>{item.status.label}</b>")
        who = mute(
            QLabel(
                self.tr("Goal: {goal} · Owner: {owner}").format(
                    goal=item.goal, owner=item.owner or self.tr("nobody yet")
                )
            )
        )
        who.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(name, 1)
        top.addWidget(where, 0, Qt.AlignmentFlag.AlignTop)
        status_row = QHBoxLayout()
        status_row.addWidget(badge)
        status_row.addWidget(status)
        status_row.addSpacing(12)
        status_row.addWidget(who, 1)

        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(2)
        for col, (label, text) in enumerate(item.facts()):
            facts.addWidget(mute(QLabel(self.tr(label))), 0, col)
            value = QLabel(f"<b>{html.escape(text)}</b>")
            facts.addWidget(value, 1, col)
        facts.setColumnStretch(len(item.facts()), 1)
        self.facts_text = " · ".join(f"{label}: {text}" for label, text in item.facts())

        self.signal_label = QLabel(
            self.tr("◯ Real change: {e}").format(e=item.signal) if item.signal else ""
        )
        self.signal_label.setWordWrap(True)
        self.signal_label.setStyleSheet(f"color: {SIGNAL_COLOR};")
        self.signal_label.setVisible(bool(item.signal))

        self.chart = make_chart_widget()
        self.chart.setMinimumHeight(240)
        # take the room left, not the view's large size hint (which would scroll the page)
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.chart.setAccessibleName(self.tr("Chart of {kpi}").format(kpi=item.kpi))

        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(
            self.tr("What do you see, and why? (for example: prices went up; not passed on)")
            if item.needs_attention
            else self.tr("Anything to note? (optional)")
        )
        self.comment_edit.setAccessibleName(self.tr("Comment on {kpi}").format(kpi=item.kpi))
        self.comment_edit.setFixedHeight(96)
        self.comment_edit.textChanged.connect(dialog.update_steps)

        self._build_action_form(st.kpi_id, item)

        self.open_list = _compact_list()
        self.open_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.open_list.setAccessibleName(self.tr("Open actions on this KPI"))
        mine = [
            a
            for a in dialog.draft.open_actions
            if a.kpi_id == item.kpi_id or (a.kpi_id is None and a.goal_id == item.goal_id)
        ]
        for action in mine:
            entry = QListWidgetItem(_action_line(action, dialog.draft.date).replace("\n", " — "))
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, action.action_id)
            entry.setToolTip(entry.text())
            self.open_list.addItem(entry)
        self.open_list.itemChanged.connect(
            lambda e: dialog.set_action_done(
                int(e.data(Qt.ItemDataRole.UserRole)), e.checkState() == Qt.CheckState.Checked
            )
        )
        _fit_rows(self.open_list, 3)
        open_box = QWidget()
        open_layout = QVBoxLayout(open_box)
        open_layout.setContentsMargins(0, 0, 0, 0)
        open_layout.addWidget(QLabel(self.tr("<b>Open actions</b> (tick when done):")))
        open_layout.addWidget(self.open_list)
        open_box.setVisible(bool(mine))

        notes = QVBoxLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(QLabel(self.tr("<b>Comment</b>")))
        notes.addWidget(self.comment_edit)
        notes.addWidget(open_box)
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
        box.addWidget(self.chart, 1)
        box.addLayout(bottom)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_action_form(self, kpi_id: int, item: ReviewItem) -> None:
        self.action_box = QFrame()
        self.action_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.action_title = QLineEdit()
        self.action_title.setPlaceholderText(self.tr("What will be done, e.g. Call the supplier"))
        self.action_title.setAccessibleName(self.tr("New action: what"))
        self.action_owner = QLineEdit(item.owner)
        self.action_owner.setPlaceholderText(self.tr("Who"))
        self.action_owner.setAccessibleName(self.tr("New action: who"))
        self.action_due = QDateEdit(
            _qdate(self._dialog.draft.date + dt.timedelta(DEFAULT_ACTION_DAYS))
        )
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("d MMM yyyy")
        self.action_due.setAccessibleName(self.tr("New action: due date"))
        self.action_link = QComboBox()
        self.action_link.addItem(self.tr("This KPI"), ("kpi", kpi_id))
        self.action_link.addItem(
            self.tr("Its goal: {g}").format(g=item.goal), ("goal", item.goal_id)
        )
        self.action_link.setAccessibleName(self.tr("New action: linked to"))
        self.add_button = QPushButton(self.tr("Add action"))
        self.add_button.setEnabled(False)
        self.action_title.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.action_title.returnPressed.connect(self.add_action_from_form)
        self.add_button.clicked.connect(self.add_action_from_form)
        self.new_list = _compact_list()
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

    # -- public ---------------------------------------------------------------------------

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def new_actions(self) -> list[NewAction]:
        return list(self._new)

    def add_action(self, action: NewAction) -> None:
        self._new.append(action)
        due = f", by {day_text(action.due_date)}" if action.due_date else ""
        who = action.owner or self.tr("nobody yet")
        link = self.tr("this KPI") if action.kpi_id is not None else self.tr("its goal")
        text = f"{action.title} — {who}{due} ({link})"
        self.new_list.addItem(text)
        self.new_list.item(self.new_list.count() - 1).setToolTip(text)
        self.new_list.setVisible(True)
        _fit_rows(self.new_list, 4)
        self.remove_button.setVisible(True)
        self._dialog.update_steps()

    def add_action_from_form(self) -> bool:
        title = " ".join(self.action_title.text().split())
        if not title:
            return False
        kind, link_id = self.action_link.currentData()
        q = self.action_due.date()
        self.add_action(
            NewAction(
                title=title,
                owner=self.action_owner.text().strip(),
                due_date=dt.date(q.year(), q.month(), q.day()),
                kpi_id=link_id if kind == "kpi" else None,
                goal_id=link_id if kind == "goal" else None,
            )
        )
        self.action_title.clear()
        return True

    def sync(self, done: set[int]) -> None:
        self.open_list.blockSignals(True)
        for i in range(self.open_list.count()):
            entry = self.open_list.item(i)
            on = int(entry.data(Qt.ItemDataRole.UserRole)) in done
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.open_list.blockSignals(False)

    def draw(self) -> None:
        """Draw the chart (once, when the page is first shown)."""
        if self._chart_drawn:
            return
        self._chart_drawn = True
        try:
            data = chart_data(
                self._dialog.document.workspace, self.item.kpi_id, self._dialog.draft.date
            )
        except KpiDesktopError:
            self.chart.setVisible(False)
            return
        if not data.has_values:
            self.chart.setVisible(False)
            return
        draw_chart(self.chart.plot, data, legend=True, title=False)
        draw_signals(self.chart.plot, data, chart_signals(data))

    def _remove_selected(self) -> None:
        row = self.new_list.currentRow()
        if row < 0:
            row = self.new_list.count() - 1
        if row < 0:
            return
        self.new_list.takeItem(row)
        del self._new[row]
        self.new_list.setVisible(bool(self._new))
        self.remove_button.setVisible(bool(self._new))
        self._dialog.update_steps()


def _step_text(page: KpiReviewPage) -> str:
    marks = []
    if page.comment():
        marks.append("✎")
    n = len(page.new_actions())
    if n:
        marks.append(f"+{n}")
    return page.item.kpi + (f"  {' '.join(marks)}" if marks else "")


class _WrapUpPage(QWidget):
    def __init__(self, dialog: ReviewDialog) -> None:
        super().__init__(dialog)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(
            self.tr("The main points and decisions, for whoever reads this review later.")
        )
        self.notes_edit.setAccessibleName(self.tr("Review notes"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Wrap up")))
        box.addWidget(QLabel(self.tr("<b>Notes and decisions</b>")))
        box.addWidget(self.notes_edit, 1)
        box.addSpacing(8)
        box.addWidget(self.summary)


# -- the dialog -----------------------------------------------------------------------------


class ReviewDialog(QDialog):
    """A review meeting from start to save. ``saved`` carries the new review's id."""

    saved = Signal(int)

    def __init__(
        self, document: Document, when: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.draft = start_review(document.workspace, when or document.as_of)
        self._done: set[int] = set()
        self.review_id: int | None = None
        self.steps = QListWidget()  # first: the pages update it while they are built
        self.setWindowTitle(self.tr("Review: {t}").format(t=self.draft.title))
        self.resize(1120, 780)

        self.start_page = _StartPage(self.draft, self)
        self.actions_page = _ActionsPage(self, self.draft)
        self.kpi_pages: list[KpiReviewPage] = []
        n = len(self.draft.items)
        for i, item in enumerate(self.draft.items, start=1):
            self.kpi_pages.append(
                KpiReviewPage(self, item, self.tr("KPI {i} of {n}").format(i=i, n=n))
            )
        self.wrap_page = _WrapUpPage(self)

        self.pages = QStackedWidget()
        self.steps.setAccessibleName(self.tr("Steps of the review"))
        self.steps.setFixedWidth(260)
        self.steps.setSpacing(2)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for page, text, icon in self._page_list():
            self.pages.addWidget(page)
            entry = QListWidgetItem(text)
            if icon is not None:
                entry.setIcon(icon)  # a KPI: its status badge
            else:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.steps.addItem(entry)
        self.steps.currentRowChanged.connect(self.go_to)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {_ERROR_COLOR};")
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
        self._discard_armed = False
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
        self.steps.setCurrentRow(0)
        self.go_to(0)

    def _page_list(self) -> list[tuple[QWidget, str, object]]:
        out: list[tuple[QWidget, str, object]] = [
            (self.start_page, self.tr("Start"), None),
            (self.actions_page, self._actions_step_text(), None),
        ]
        for page in self.kpi_pages:
            out.append((page, page.item.kpi, status_icon(page.item.status)))
        out.append((self.wrap_page, self.tr("Wrap up and save"), None))
        return out

    def _actions_step_text(self) -> str:
        n = len(self.draft.open_actions)
        ticked = len(self._done)
        tail = f" ({ticked}/{n} done)" if ticked else (f" ({n} open)" if n else "")
        return self.tr("Earlier actions") + tail

    # -- navigation -----------------------------------------------------------------------

    def current_index(self) -> int:
        return self.pages.currentIndex()

    def go_to(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        if self.steps.currentRow() != index:
            self.steps.blockSignals(True)
            self.steps.setCurrentRow(index)
            self.steps.blockSignals(False)
        page = self.pages.currentWidget()
        if isinstance(page, KpiReviewPage):
            page.draw()
            page.sync(self._done)
        elif page is self.actions_page:
            self.actions_page.sync(self._done)
        elif page is self.wrap_page:
            self._update_wrap_up()
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.pages.count() - 1)

    def next(self) -> None:
        self.go_to(self.current_index() + 1)

    def back(self) -> None:
        self.go_to(self.current_index() - 1)

    def page_for(self, kpi_id: int) -> KpiReviewPage:
        return next(p for p in self.kpi_pages if p.item.kpi_id == kpi_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter and Escape do not close the meeting (Enter in a field adds, Esc is easy to
        hit): only Save review and Cancel do."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            return
        super().keyPressEvent(event)

    def has_input(self) -> bool:
        """Whether anything was typed or ticked that Save review would keep."""
        return bool(
            self.comments()
            or self.new_actions()
            or self._done
            or self.wrap_page.notes_edit.toPlainText().strip()
        )

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

    # -- what the review records ----------------------------------------------------------

    def set_action_done(self, action_id: int, done: bool) -> None:
        """Mark an earlier action done (or not) in this review; all lists follow."""
        if done:
            self._done.add(action_id)
        else:
            self._done.discard(action_id)
        self.actions_page.sync(self._done)
        for kpi_page in self.kpi_pages:
            kpi_page.sync(self._done)
        self.update_steps()

    def done_action_ids(self) -> list[int]:
        return sorted(self._done)

    def comments(self) -> dict[int, str]:
        return {p.item.kpi_id: p.comment() for p in self.kpi_pages if p.comment()}

    def new_actions(self) -> list[NewAction]:
        return [a for p in self.kpi_pages for a in p.new_actions()]

    def update_steps(self) -> None:
        """Step texts: done ticks, and per KPI a pen when commented and +n new actions."""
        if self.steps.count() < 2:  # still being built
            return
        self.steps.item(1).setText(self._actions_step_text())
        for row, page in enumerate(self.kpi_pages, start=2):
            self.steps.item(row).setText(_step_text(page))

    def _update_wrap_up(self) -> None:
        comments = self.comments()
        actions = self.new_actions()
        lines = [
            self.tr("<b>Saving</b> the status of {n} KPIs on {day} ({counts}).").format(
                n=len(self.draft.items),
                day=day_text(self.draft.date),
                counts=counts_text(self.draft.counts()),
            ),
            self.tr("{n} comment(s), {a} new action(s), {d} earlier action(s) marked done.").format(
                n=len(comments), a=len(actions), d=len(self._done)
            ),
        ]
        missing = [p.item.kpi for p in self.kpi_pages if p.item.needs_attention and not p.comment()]
        if missing:
            lines.append(
                self.tr("No comment yet on: {names} (they need attention).").format(
                    names=html.escape(", ".join(missing))
                )
            )
        self.wrap_page.summary.setText("<br>".join(lines))

    def save(self) -> int | None:
        """Save the review in one transaction (one undo step); the review id, or None when
        it was refused (the reason is shown in the dialog)."""
        title = self.start_page.title_edit.text()
        command = SaveReview(
            self.document,
            self.draft,
            title=title,
            notes=self.wrap_page.notes_edit.toPlainText(),
            comments=self.comments(),
            new_actions=self.new_actions(),
            done_action_ids=self.done_action_ids(),
        )
        error = self.document.push(command)
        if error is not None or command.saved is None:
            message = error.message if error is not None else self.tr("The review was not saved")
            self.error_label.setText(message)
            return None
        self.review_id = command.saved.review_id
        self.saved.emit(self.review_id)
        self.accept()
        return self.review_id


__all__ = [
    "KpiReviewPage",
    "ReviewDialog",
    "SaveReview",
    "counts_glyphs",
    "day_text",
    "heading",
    "mute",
    "status_html",
]
