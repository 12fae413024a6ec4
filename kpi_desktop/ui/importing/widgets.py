"""Qt pieces the import wizard's pages share: read-only tables of text (the preview and
the list of bad rows, however long), unchecking a choice, the busy cursor."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from kpi_desktop.services.importing.file_import import RowProblem
from kpi_desktop.ui.widgets.form_fields import ChoiceButtons
from kpi_desktop.ui.widgets.text_alignment import RIGHT_MIDDLE_ROLE


class RowsModel(QAbstractTableModel):
    """Read-only rows of text for the preview (cheap for many rows)."""

    def __init__(
        self, headers: Sequence[str], right: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: Sequence[tuple[str, ...]] = []
        self._right = set(right)  # columns of numbers, aligned right

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def row_count(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return RIGHT_MIDDLE_ROLE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class RowProblemsModel(RowsModel):
    """Every bad row of a file; each one is put in words only when the view shows it (a
    file can have a million)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(["Row", "Column", "Value", "Why"], right=(0,), parent=parent)
        self.problems: Sequence[RowProblem] = []
        self._shown: tuple[int, tuple[str, ...]] = (-1, ())  # the row the view asked last

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self.beginResetModel()
        self.problems = problems
        self._shown = (-1, ())
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        if self._shown[0] != row:  # the view asks for a row's cells one after the other
            p = self.problems[row]
            self._shown = (row, (str(p.row), p.column, p.value, p.reason))
        return self._shown[1][column]

    def row_count(self) -> int:
        return len(self.problems)


def rows_table(model: RowsModel, stretch: int) -> QTableView:
    """A read-only table of `model`, column `stretch` taking the width left."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 6)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_column(view: QTableView, column: int, widest: str) -> None:
    """Make `column` wide enough for the text `widest` (and its title), wherever the view
    is scrolled: sizing to contents looks at the first rows only."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    text = view.fontMetrics().horizontalAdvance(widest) + 2 * view.fontMetrics().averageCharWidth()
    header.resizeSection(column, max(header.sectionSizeHint(column), text))


def uncheck_all(choice: ChoiceButtons, values: Sequence[Any]) -> None:
    """Check none of the buttons (an exclusive group refuses to uncheck its last one)."""
    for value in values:
        button = choice.button(value)
        group = button.group()
        group.setExclusive(False)
        button.setChecked(False)
        group.setExclusive(True)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor while a page reads or writes."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
