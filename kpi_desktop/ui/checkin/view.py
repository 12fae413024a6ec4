"""The check-in grid's view: Tab and Enter move down the Value column, Ctrl+V pastes a
column of values from the current row down, Delete clears what was typed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kpi_desktop.ui.checkin.model import NOTE, VALUE, CheckinModel
from kpi_desktop.ui.kpi.typed_numbers import read_typed_number
from kpi_desktop.ui.kpi.value_editing import AnyIndex, ValuesView

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class CheckinDelegate(QStyledItemDelegate):
    """Values are typed as text (read with the importer's number rules). Enter and Tab
    store the cell and edit the row below (Shift+Tab: above); a value that is not a
    number keeps its editor open with the text, and the model says why."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == VALUE:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if not (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
        ):
            return super().eventFilter(editor, event)
        view = self.parent()
        index = view.currentIndex() if isinstance(view, QAbstractItemView) else QModelIndex()
        model = index.model()
        if index.column() == VALUE and isinstance(model, CheckinModel) and editor.text().strip():
            read = read_typed_number(editor.text(), "")
            if isinstance(read, str):
                model.setData(index, editor.text())  # refused: the model tells why
                editor.selectAll()
                return True
        backwards = event.key() == Qt.Key.Key_Backtab or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        hint = (
            QAbstractItemDelegate.EndEditHint.EditPreviousItem
            if backwards
            else QAbstractItemDelegate.EndEditHint.EditNextItem
        )
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)
        return True


class CheckinView(ValuesView):
    """The grid (see the module notes); an empty grid says that nothing is due."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(CheckinDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def moveCursor(  # noqa: N802
        self,
        cursorAction: QAbstractItemView.CursorAction,
        modifiers: Qt.KeyboardModifier,  # noqa: N803
    ) -> QModelIndex:
        """Tab goes down the column, Shift+Tab up: a column of values is typed top down."""
        if cursorAction == QAbstractItemView.CursorAction.MoveNext:
            cursorAction = QAbstractItemView.CursorAction.MoveDown
        elif cursorAction == QAbstractItemView.CursorAction.MovePrevious:
            cursorAction = QAbstractItemView.CursorAction.MoveUp
        return super().moveCursor(cursorAction, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        index = self.currentIndex()
        if not isinstance(model, CheckinModel) or self.state() == self.State.EditingState:
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            row = min((i.row() for i in self.selectedIndexes()), default=max(index.row(), 0))
            model.paste(row, QGuiApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            for i in self.selectedIndexes() or [index]:
                if i.column() in (VALUE, NOTE):
                    model.setData(i, "")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            if index.column() not in (VALUE, NOTE):
                index = index.siblingAtColumn(VALUE)
                self.setCurrentIndex(index)
            self.edit(index)
            return
        super().keyPressEvent(event)
