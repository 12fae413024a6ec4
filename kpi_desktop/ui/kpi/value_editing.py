"""The values table's view and cell editor: a number typed in the table's own locale rules."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QKeyEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from kpi_desktop.ui.kpi.measurements_model import (
    VALUE,
    MeasurementsModel,
)
from kpi_desktop.ui.kpi.typed_numbers import number_text

AnyIndex = QModelIndex | QPersistentModelIndex


class ValueDelegate(QStyledItemDelegate):
    """Edits values as text, so the model reads them with the importer's number rules
    ("1.234,5", "€1,200", "12%") instead of a spin box's locale and range."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        if index.column() != VALUE:
            return super().createEditor(parent, option, index)
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        editor.setProperty("valueEditor", True)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if index.column() == VALUE and isinstance(editor, QLineEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else number_text(float(value)))
            return
        super().setEditorData(editor, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on a value that is not a number keeps the editor open (with the text the
        user typed) and shows why, instead of closing it and losing the text."""
        if (
            isinstance(editor, QLineEdit)
            and editor.property("valueEditor")
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            view = self.parent()
            model = view.model() if isinstance(view, QTableView) else None
            if isinstance(model, MeasurementsModel):
                read = model.read_value(editor.text())
                if isinstance(read, str):
                    model.problem.emit(read)
                    editor.selectAll()
                    return True
        return super().eventFilter(editor, event)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        if index.column() == VALUE and isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ValuesView(QTableView):
    """The table: Enter edits the value of the current row; an empty table says what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                if not index.flags() & Qt.ItemFlag.ItemIsEditable:
                    index = index.siblingAtColumn(VALUE)
                    self.setCurrentIndex(index)
                self.edit(index)
                return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(16, 8, -16, -8)
            painter.drawText(
                QRect(area),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()
