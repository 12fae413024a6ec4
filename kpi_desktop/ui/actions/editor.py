"""New action… and Edit…: an action's title, owner, due date and what it is for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.action_list import ActionItem
from kpi_desktop.ui.actions.commands import AddAction, EditAction
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.field_messages import FieldMessage


class ActionDialog(QDialog):
    """Add (``item`` None) or edit one action. OK pushes one undoable command; a refusal
    (an empty title, a KPI deleted meanwhile) keeps the dialog open and says why."""

    def __init__(
        self,
        document: Document,
        item: ActionItem | None = None,
        owners: list[str] | None = None,
        parent: QWidget | None = None,
        *,
        kpi_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc, self._item = document, item
        self.setWindowTitle(self.tr("Edit action") if item else self.tr("New action"))
        self.title = QLineEdit(item.title if item else "")
        self.title.setPlaceholderText(self.tr("e.g. Renegotiate the milk price"))
        self.title.setMinimumWidth(360)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(owners or [])
        self.owner.setCurrentText(item.owner if item else "")
        line = self.owner.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("who does it"))
        due = item.due_date if item and item.due_date else dt.date.today() + dt.timedelta(14)
        self.has_due = QCheckBox(self.tr("Due on"))
        self.has_due.setChecked(item is None or item.due_date is not None)
        self.due = QDateEdit(QDate(due.year, due.month, due.day))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.about = QComboBox()
        self._fill_about(item, kpi_id)
        self.message = FieldMessage()

        form = QFormLayout()
        form.addRow(self.tr("&Action:"), self.title)
        form.addRow(self.tr("&Owner:"), self.owner)
        form.addRow(self.tr("Due:"), due_row)
        form.addRow(self.tr("&For:"), self.about)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _fill_about(self, item: ActionItem | None, kpi_id: int | None) -> None:
        """The whole workspace, then each goal with its KPIs indented under it."""
        ws = self._doc.workspace
        self.about.addItem(self.tr("The whole workspace"), (None, None))
        kpis = ws.kpis.list()
        for goal in ws.goals.list():
            if goal.archived:
                continue
            self.about.addItem(self.tr("Goal: {0}").format(goal.title), (None, goal.id))
            for kpi in kpis:
                if kpi.goal_id == goal.id and not kpi.archived:
                    self.about.addItem(f"    {kpi.name}", (kpi.id, goal.id))
        wanted_kpi = item.kpi_id if item else kpi_id
        wanted_goal = item.goal_id if item else None
        for i in range(self.about.count()):
            k, g = self.about.itemData(i)
            if (wanted_kpi is not None and k == wanted_kpi) or (
                wanted_kpi is None and wanted_goal is not None and k is None and g == wanted_goal
            ):
                self.about.setCurrentIndex(i)
                break

    def fields(self) -> dict[str, Any]:
        """What the form says, as ReviewService's fields."""
        kpi_id, goal_id = self.about.currentData()
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return {
            "title": self.title.text(),
            "owner": self.owner.currentText().strip(),
            "due_date": due,
            # an action for a KPI is found under the KPI; its goal is the KPI's
            "kpi_id": kpi_id,
            "goal_id": None if kpi_id is not None else goal_id,
        }

    def accept(self) -> None:
        fields = self.fields()
        if not fields["title"].strip():
            self.message.set_message(self.tr("Say what is to be done: the action needs a title."))
            self.title.setFocus()
            return
        try:
            if self._item is None:
                title = fields.pop("title")
                command: AddAction | EditAction = AddAction(self._doc, title, **fields)
            else:
                command = EditAction(self._doc, self._item.id, **fields)
        except KpiDesktopError as exc:
            self.message.set_message(exc.message)
            return
        if isinstance(command, EditAction) and not command.fields:
            super().accept()  # nothing changed: no undo step
            return
        error = self._doc.push(command)
        if error is not None:
            self.message.set_message(error.message)
            return
        super().accept()
