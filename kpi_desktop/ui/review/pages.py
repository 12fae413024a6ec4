"""The review's pages around the KPIs: Start, Earlier actions and Wrap up (the KPI page is
ui/review/kpi_page.py). Each page writes what is typed into the review's
:class:`~kpi_desktop.services.review.flow.ReviewInput` and shows it again from there."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.review.flow import ReviewDraft, ReviewInput, counts_text
from kpi_desktop.ui.review.labels import day_text, heading, mute, names_text
from kpi_desktop.ui.review.open_action_list import OpenActionList


def input_summary(state: ReviewInput, draft: ReviewDraft) -> str:
    """ "2 comment(s), 1 new action(s), 1 earlier action(s) marked done." """
    return (
        f"{len(state.comments_to_save())} comment(s), {len(state.new_actions(draft))} new "
        f"action(s), {len(state.done)} earlier action(s) marked done."
    )


class StartPage(QWidget):
    """Title, date, what the KPIs look like and how to hold the review."""

    def __init__(
        self, draft: ReviewDraft, state: ReviewInput, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit(state.title)
        self.title_edit.setAccessibleName(self.tr("Review title"))
        self.title_edit.textChanged.connect(lambda text: setattr(state, "title", text))
        attention = [i.kpi for i in draft.items if i.needs_attention]
        if attention:
            focus = self.tr(
                "First the KPIs that need attention: {names}. Then the others, briefly."
            ).format(names=names_text(attention, 4))
        else:
            focus = self.tr("No KPI is off track or at risk: a short review today.")
        overdue = [a for a in draft.open_actions if a.is_overdue(draft.date)]
        lines = [
            self.tr("<b>{n} KPIs</b>: {counts}").format(
                n=len(draft.items), counts=counts_text(draft.counts()) or self.tr("none yet")
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
                "Many KPIs? Find one by name in the list of steps, or show only those that "
                "need attention.<br><br>"
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


class EarlierActionsPage(QWidget):
    """The actions open from earlier reviews, to tick when done."""

    done_toggled = Signal(int, bool)  # action id, ticked

    def __init__(self, draft: ReviewDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = OpenActionList()
        self.list.setAccessibleName(self.tr("Open actions from earlier reviews"))
        self.list.show_actions(draft.open_actions, draft.date, set())
        self.list.done_toggled.connect(self.done_toggled)
        empty = mute(QLabel(self.tr("No open actions from earlier reviews.")))
        empty.setVisible(not draft.open_actions)
        hint = QLabel(
            self.tr(
                "Go through what was decided last time. Tick an action when it is done; it "
                "is closed on the review's date when you save. Overdue ones are in red."
            )
        )
        hint.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Actions from earlier reviews")))
        box.addWidget(hint)
        box.addWidget(self.list, 1)
        box.addWidget(empty)

    def sync(self, done: set[int]) -> None:
        self.list.sync(done)


class WrapUpPage(QWidget):
    """Notes and decisions, and what Save review will write."""

    def __init__(self, state: ReviewInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes_edit = QPlainTextEdit(state.notes)
        self.notes_edit.setPlaceholderText(
            self.tr("The main points and decisions, for whoever reads this review later.")
        )
        self.notes_edit.setAccessibleName(self.tr("Review notes"))
        self.notes_edit.textChanged.connect(
            lambda: setattr(state, "notes", self.notes_edit.toPlainText())
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Wrap up")))
        box.addWidget(QLabel(self.tr("<b>Notes and decisions</b>")))
        box.addWidget(self.notes_edit, 1)
        box.addSpacing(8)
        box.addWidget(self.summary)

    def refresh(self, draft: ReviewDraft, state: ReviewInput) -> None:
        """Say what Save review will write, and which KPIs needing attention have no
        comment yet."""
        lines = [
            self.tr("<b>Saving</b> the status of {n} KPIs on {day} ({counts}).").format(
                n=len(draft.items), day=day_text(draft.date), counts=counts_text(draft.counts())
            ),
            html.escape(input_summary(state, draft)),
        ]
        missing = [i.kpi for i in state.uncommented(draft)]
        if missing:
            lines.append(
                self.tr("No comment yet on: {names} (they need attention).").format(
                    names=html.escape(names_text(missing))
                )
            )
        self.summary.setText("<br>".join(lines))


__all__ = ["EarlierActionsPage", "StartPage", "WrapUpPage", "input_summary"]
