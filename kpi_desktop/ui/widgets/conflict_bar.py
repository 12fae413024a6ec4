"""The bar an editor shows when someone else changed the goal or KPI being edited: who
changed what and when, and the two ways on: keep this edit (save it over theirs) or take
theirs (show the stored values, drop this edit). Nothing is saved until the user chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.ui.widgets.form_fields import AutoSaveForm


class ConflictBar(QFrame):
    """Shown above an editor's fields while its AutoSaveForm holds an edit refused as stale."""

    def __init__(self, form: AutoSaveForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setStyleSheet(
            "QFrame#conflictBar { background: #FFF4E0; border: 1px solid #E69F00; "
            "border-radius: 4px; } QFrame#conflictBar QLabel { color: #4A3000; }"
        )
        self._form = form
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._keep = QPushButton(self.tr("Save mine over it"), self)
        self._keep.setToolTip(self.tr("Save what you typed, replacing the other change"))
        self._take = QPushButton(self.tr("Show theirs"), self)
        self._take.setToolTip(self.tr("Drop what you typed and show the stored values"))
        self._keep.clicked.connect(self._keep_mine)
        self._take.clicked.connect(self._take_theirs)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._take)
        buttons.addWidget(self._keep)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self._text)
        layout.addLayout(buttons)
        form.stale.connect(self.show_conflict)
        form.values_shown.connect(self._hide_when_settled)
        self.hide()

    def show_conflict(self, error: StaleEdit) -> None:
        change = error.change
        if change is None:
            text = self.tr(
                "This was changed in another window or by another user while you were "
                "editing it. Your change is not saved yet."
            )
        else:
            field = change.what
            if field in self._form.names():
                field = self._form.binding(field).label
            text = (
                self.tr("%1 changed %2 at %3 while you were editing. Your change is not saved yet.")
                .replace("%1", change.who or self.tr("Someone"))
                .replace("%2", field)
                .replace("%3", change.at)
            )
        self._text.setText(text)
        self.show()

    def text(self) -> str:
        return self._text.text() if self.isVisible() else ""

    def _hide_when_settled(self) -> None:
        if not self._form.has_pending():  # saved, dropped, or another item shown
            self.hide()

    def _keep_mine(self) -> None:
        self.hide()
        self._form.keep_mine()  # a second conflict shows the bar again

    def _take_theirs(self) -> None:
        self.hide()
        self._form.take_theirs()
