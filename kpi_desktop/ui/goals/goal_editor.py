"""The goal editor pane: a goal's fields, saved as they are edited (see form_fields)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.types import Perspective
from kpi_desktop.i18n.catalogue import in_sentence
from kpi_desktop.services.errors import KpiDesktopError, NotFound
from kpi_desktop.services.planning.goals import GOAL_FIELDS
from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.ui.commands import EditGoal
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.conflict_bar import ConflictBar
from kpi_desktop.ui.widgets.form_fields import (
    INVALID_FIELD_STYLE,
    AutoSaveForm,
    CheckBinding,
    ComboBinding,
    DateBinding,
    OptionalDateField,
    TextBinding,
    make_combo,
    make_form,
)


class GoalEditor(QWidget):
    """Shows and edits one goal (objective or sub-goal); every valid change is saved at once
    as an undo step, a refused one stays in its field with the reason under it."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._goal_id: int | None = None
        self._version: int | None = None
        self._present = False
        self._form = AutoSaveForm(self._load, self._save, self)
        self._build()
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self._form.values_shown.connect(self._on_values_shown)
        document.reconnected.connect(self._form.keep_mine)  # the server is back: save again
        document.goals_changed.connect(self._on_goals_changed)
        self.show_goal(None)

    # -- public API ----------------------------------------------------------------------

    @property
    def goal_id(self) -> int | None:
        return self._goal_id

    def show_goal(self, goal_id: int | None) -> None:
        """Show goal `goal_id` (None: nothing); unsaved input of the previous goal is saved
        first if it can be. Showing the goal already shown keeps what the user is typing."""
        if goal_id is not None and goal_id == self._goal_id and self._present:
            if not self._form.refresh():
                self._set_present(False, gone=True)
            return
        if self._goal_id is not None:
            self._form.flush()
        self._goal_id = goal_id
        shown = goal_id is not None and self._form.load()
        self._set_present(shown, gone=goal_id is not None and not shown)

    def set_summary(self, text: str) -> None:
        """A read-only line under the title, e.g. the goal's roll-up; "" hides it."""
        self._summary.setText(text)
        self._summary.setVisible(bool(text))

    def summary(self) -> str:
        return self._summary.text()

    def field_widget(self, name: str) -> QWidget:
        """The widget that edits goal field `name` (one of GOAL_FIELDS)."""
        return self._form.binding(name).widget

    def field_message(self, name: str) -> str:
        return self._form.message(name)

    def field_value(self, name: str) -> Any:
        return self._form.binding(name).value()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self._title = QLabel()
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._title.setFont(font)
        self._title.setWordWrap(True)
        self._title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary = QLabel()
        self._summary.setObjectName("goalSummary")
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary.setVisible(False)

        form = make_form()
        self._form.add_row(form, TextBinding("title", self.tr("Title"), QLineEdit()))
        description = QPlainTextEdit()
        description.setFixedHeight(description.fontMetrics().lineSpacing() * 4 + 12)
        self._form.add_row(form, TextBinding("description", self.tr("Description"), description))
        perspective = make_combo(
            [
                (None, self.tr("None")),
                (Perspective.FINANCIAL.value, self.tr("Financial")),
                (Perspective.CUSTOMER.value, self.tr("Customer")),
                (Perspective.INTERNAL_PROCESS.value, self.tr("Internal process")),
                (Perspective.LEARNING_AND_GROWTH.value, self.tr("Learning and growth")),
            ]
        )
        perspective.setToolTip(
            self.tr("The balanced-scorecard view this goal belongs to (optional)")
        )
        self._form.add_row(form, ComboBinding("perspective", self.tr("Perspective"), perspective))
        owner = QLineEdit()
        owner.setPlaceholderText(self.tr("Who is responsible"))
        self._form.add_row(form, TextBinding("owner", self.tr("Owner"), owner))
        self._form.add_row(form, DateBinding("due_date", self.tr("Due date"), OptionalDateField()))
        archived = QCheckBox(self.tr("Archived"))
        self._form.add_row(
            form,
            CheckBinding("archived", self.tr("Archived"), archived),
            label="",
            hint=self.tr("Kept with its history, but hidden from the tree."),
        )

        form.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        holder = QWidget()
        holder.setLayout(outer)
        self._scroll = QScrollArea()
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(holder)

        self._empty = QLabel(self.tr("Select a goal in the tree to see and edit it here."))
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._summary)
        self.conflict_bar = ConflictBar(self._form, self)  # someone else changed it meanwhile
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._empty, 1)

    # -- loading and saving --------------------------------------------------------------

    def _load(self) -> dict[str, Any] | None:
        if self._goal_id is None:
            return None
        try:
            goal = self._doc.workspace.goals.get(self._goal_id)
        except NotFound:
            return None
        self._version = goal.version  # what this window last saw (stale-edit guard)
        return {name: getattr(goal, name) for name in GOAL_FIELDS}

    def _save(self, fields: dict[str, Any], label: str) -> KpiDesktopError | None:
        assert self._goal_id is not None
        text = (
            self.tr("Edit %1").replace("%1", in_sentence(label)) if label else self.tr("Edit goal")
        )
        try:
            error = self._doc.push(
                EditGoal(self._doc, self._goal_id, text, expected_version=self._version, **fields)
            )
            if isinstance(error, StaleEdit):  # changed in another window: show its values
                QTimer.singleShot(0, self._form.refresh)
            return error
        except KpiDesktopError as exc:  # deleted under us, or the server gone (it reads first)
            return self._doc.refused(exc)

    def _on_goals_changed(self) -> None:
        if self._goal_id is None or self._form.saving:
            return
        if not self._present:
            if self._form.load():  # deleted, and now back (undo)
                self._set_present(True)
        elif not self._form.refresh():
            self._set_present(False, gone=True)

    def _on_values_shown(self) -> None:
        self._title.setText(self._form.stored.get("title", ""))
        self._form.set_read_only(self._doc.workspace.readonly)  # a viewer: shown, not edited

    def _set_present(self, present: bool, *, gone: bool = False) -> None:
        self._present = present
        self._scroll.setVisible(present)
        self._empty.setVisible(not present)
        self._title.setVisible(present)
        if not present:
            self.set_summary("")
            self._empty.setText(
                self.tr("This goal no longer exists.")
                if gone
                else self.tr("Select a goal in the tree to see and edit it here.")
            )
