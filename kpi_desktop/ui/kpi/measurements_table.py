"""The measurements table: a KPI's values with Add value, Delete and Paste-from-spreadsheet.

Everything happens in place: adding a value opens a one-line form above the table (Enter
saves and moves on to the next period, so a year of values is typed without the mouse),
and problems show in a message line under the toolbar, never in a dialog. Every write is
one undo step pushed through the Document.

Paste reads rows copied from a spreadsheet: ``date<TAB>value[<TAB>note]``. A header row is
skipped, blank lines are skipped, dates and numbers are read with the importer's rules
(day-first or month-first decided over all the pasted dates; the decimal mark over all the
values) and every date is mapped to its period. Either all rows are written as one undo
step, or, if any row is bad, nothing is written and every bad row is listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import count_of, format_value, parse_typed
from kpi_desktop.domain.pasting import read_pasted_rows
from kpi_desktop.domain.periods import next_period, period_label, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.calculated.reading import gaps_of
from kpi_desktop.ui.commands import DeleteValues, SetValues
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.add_value_row import AddValueRow
from kpi_desktop.ui.kpi.measurements_model import (
    NOTE,
    PERIOD,
    SOURCE,
    VALUE,
    MeasurementsModel,
)
from kpi_desktop.ui.kpi.typed_numbers import number_text
from kpi_desktop.ui.kpi.value_editing import ValueDelegate, ValuesView
from kpi_desktop.ui.notes.note_dialog import NoteDialog
from kpi_desktop.ui.widgets.message_bar import MessageBar


def calculated_caption(ws: Any, kpi: Any, n: int) -> str:
    """What the count line says for a calculated KPI: its formula, and why periods whose
    inputs all have a value still have none (a division by zero)."""
    text = QCoreApplication.translate("MeasurementsTable", "{0}, calculated: {1}").format(
        _plural(n, "value"), kpi.calculation
    )
    missing = gaps_of(ws, kpi.id)
    if missing:
        day, why = missing[-1]
        text += QCoreApplication.translate("MeasurementsTable", "; no value for {0}: {1}").format(
            period_label(day, Frequency(kpi.frequency)), why
        )
        if len(missing) > 1:
            text += QCoreApplication.translate("MeasurementsTable", " (and {0} more)").format(
                len(missing) - 1
            )
    return text


def _plural(n: int, word: str) -> str:
    return count_of(n, word)


#: Rows from each end of the table whose texts size the columns when a KPI is shown (never
#: every row: a KPI may have a million values).
SIZING_ROWS = 24


class MeasurementsTable(QWidget):
    """A KPI's values: toolbar (Add value, Delete, Paste), inline add form, message line and
    the table. `show_kpi(id)` chooses the KPI; `paste_text(text)` pastes spreadsheet rows."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.model = MeasurementsModel(document, self)

        self.view = ValuesView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Values"))
        self.setAccessibleName(self.tr("Values table"))
        self.view.setItemDelegate(ValueDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one height: no row is measured
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        # Widths from the titles and a sample of rows (_fit_columns), then the user's: Qt's
        # ResizeToContents would measure a thousand rows at every change.
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)
        for column in (PERIOD, VALUE, SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Room between the text and the grid lines, as in a spreadsheet.
        self.view.setStyleSheet("QTableView::item { padding: 0px 6px; }")
        header.setStyleSheet("QHeaderView::section { padding: 3px 10px; }")

        self.add_action = self._action(
            self.tr("Add value"),
            self.tr("Add a value for the next period (Insert)"),
            self._on_add_value,
            QKeySequence(Qt.Key.Key_Insert),
        )
        self.delete_action = self._action(
            self.tr("Delete"),
            self.tr("Delete the selected values (Delete)"),
            self._on_delete,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.paste_action = self._action(
            self.tr("Paste"),
            self.tr(
                "Paste rows copied from a spreadsheet: a date column, a value column and "
                "optionally a note column (Ctrl+V)"
            ),
            self._on_paste,
            QKeySequence(QKeySequence.StandardKey.Paste),
        )
        self.copy_action = self._action(
            self.tr("Copy"),
            self.tr("Copy the selected rows for a spreadsheet (Ctrl+C)"),
            self._on_copy,
            QKeySequence(QKeySequence.StandardKey.Copy),
        )

        self.chart_note_action = self._action(
            self.tr("Note on the chart…"),
            self.tr(
                "Mark what happened in the selected period on the chart (the report and the "
                "deck list the note too)"
            ),
            self._on_chart_note,
            QKeySequence(),
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.note_dialog: NoteDialog | None = None  # the open one (for tests)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        toolbar.setSpacing(4)
        for action in (self.add_action, self.delete_action, self.paste_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            toolbar.addWidget(button)
        self._count = QLabel(self)
        self._count.setObjectName("valueCount")
        self._count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._count.setContentsMargins(0, 0, 6, 0)
        # quieter than the buttons (it informs), in the light and the dark scheme
        self._count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        toolbar.addSpacing(8)
        toolbar.addWidget(self._count, 1)

        self.add_row = AddValueRow(self)
        self.add_row.save_requested.connect(self._on_save_new_value)
        self.add_row.closed.connect(self.view.setFocus)
        self.add_row.date_edit.dateChanged.connect(self._update_add_hint)
        self.message = MessageBar(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(toolbar)
        layout.addWidget(self.add_row)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        self._model_problem_shown = False
        self._fit_afresh = True  # the next fit starts from the titles (a KPI was shown)
        self.model.problem.connect(self._on_model_problem)
        self.model.dataChanged.connect(self._on_values_edited)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.refreshed.connect(self._on_refreshed)
        self.view.selectionModel().selectionChanged.connect(self._update_state)
        self.show_kpi(None)

    # -- public API ------------------------------------------------------------------------

    def show_kpi(self, kpi_id: int | None) -> None:
        """Show the values of KPI `kpi_id` (None: nothing)."""
        self.message.clear()
        self.model.set_kpi(kpi_id)
        # The newest values are the ones an owner looks at and adds to: show the end.
        self.view.scrollToBottom()
        self.add_row.set_frequency(self.model.frequency)
        if self.add_row.isVisible():
            self._reset_add_form()
        self.view.empty_text = (
            self.tr("Choose a KPI to see its values.")
            if self.model.kpi is None
            else self.tr(
                "No values yet. Click Add value, or copy a date column and a value column "
                "in a spreadsheet and press Ctrl+V here."
            )
        )
        self._update_state()

    def paste_text(self, text: str) -> int:
        """Paste spreadsheet rows (see the module docstring); returns the rows written."""
        kpi_id = self.model.kpi_id
        if kpi_id is None or self.model.kpi is None:
            self._show_problem(self.tr("Choose a KPI before pasting values."))
            return 0
        read = read_pasted_rows(text, self.model.frequency, self._doc.fiscal)
        if read.problems:
            count = len(read.problems)
            head = (
                self.tr("Nothing was pasted. Fix this row and paste again:")
                if count == 1
                else self.tr("Nothing was pasted. Fix these rows and paste again:")
            )
            self._show_problem("\n".join([head, *read.problems]))
            return 0
        if not read.rows:
            self._show_problem(
                self.tr("Nothing to paste: copy a date column and a value column first.")
            )
            return 0
        replaced = self.model.stored_count(period for period, _, _ in read.rows)
        error = self._doc.push(SetValues(self._doc, kpi_id, read.rows))
        if error is not None:
            self._show_problem(error.message)
            return 0
        self._select_periods([period for period, _, _ in read.rows])
        done = self.tr("Pasted %1").replace("%1", _plural(len(read.rows), "value"))
        if replaced:
            done += self.tr(", replacing %1").replace("%1", _plural(replaced, "stored value"))
        if read.header is not None:
            done += self.tr(" (the header row was skipped)")
        self.message.show_message(done + self.tr(". Undo with Ctrl+Z."), "info")
        return len(read.rows)

    def message_text(self) -> str:
        """The inline message shown now ("" if none)."""
        return self.message.text()

    def message_kind(self) -> str:
        """ "warning", "info" or "" (no message)."""
        return self.message.kind

    # -- actions ---------------------------------------------------------------------------

    def _action(self, text: str, tip: str, slot: object, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)  # shortcuts work while the table has the focus
        return action

    def _on_add_value(self) -> None:
        if self.model.kpi is None:
            return
        self._reset_add_form()
        self.add_row.show()
        self.add_row.value_edit.setFocus()

    def _reset_add_form(self) -> None:
        latest = self.model.latest_period()
        freq, fiscal = self.model.frequency, self._doc.fiscal
        when = (
            next_period(latest, freq, fiscal=fiscal)
            if latest
            else period_start(self._doc.as_of, freq, fiscal=fiscal)
        )
        self.add_row.set_date(when)
        self.add_row.value_edit.clear()
        self.add_row.note_edit.clear()
        self._update_add_hint()

    def _update_add_hint(self) -> None:
        freq, fiscal = self.model.frequency, self._doc.fiscal
        period = period_start(self.add_row.date(), freq, fiscal=fiscal)
        row = self.model.row_of(period)
        # the editor shows a month or a calendar year ("2026") well enough by itself
        shown_by_editor = freq == Frequency.MONTHLY or (
            freq == Frequency.YEARLY and fiscal.is_calendar
        )
        parts = [] if shown_by_editor else [period_label(period, freq, fiscal=fiscal)]
        if row >= 0 and self.model.kpi is not None:
            stored = format_value(self.model.row_at(row).value, "", self.model.kpi.decimals)
            parts.append(self.tr("replaces %1").replace("%1", stored))
            self.add_row.save_button.setText(self.tr("Replace"))
        else:
            self.add_row.save_button.setText(self.tr("Save"))
        hint = " · ".join(parts)
        self.add_row.period_hint.setText(hint)
        self.add_row.period_hint.setVisible(bool(hint))

    def _on_save_new_value(self) -> None:
        kpi_id = self.model.kpi_id
        if kpi_id is None:
            return
        text = self.add_row.value_edit.text().strip()
        if not text:
            self._show_problem(self.tr("Type a value first."))
            self.add_row.value_edit.setFocus()
            return
        try:
            value = parse_typed(text)
        except ValueError as exc:
            self._show_problem(f"'{text}' {exc}")
            self.add_row.value_edit.setFocus()
            self.add_row.value_edit.selectAll()
            return
        fiscal = self._doc.fiscal
        period = period_start(self.add_row.date(), self.model.frequency, fiscal=fiscal)
        note = self.add_row.note_edit.text().strip() or None
        error = self._doc.push(SetValues(self._doc, kpi_id, [(period, value, note)]))
        if error is not None:
            self._show_problem(error.message)
            return
        self.message.clear()
        self._select_periods([period])
        self.add_row.set_date(next_period(period, self.model.frequency, fiscal=fiscal))
        self.add_row.value_edit.clear()
        self.add_row.note_edit.clear()
        self.add_row.value_edit.setFocus()

    def _on_delete(self) -> None:
        kpi_id = self.model.kpi_id
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if kpi_id is None or not rows:
            return
        periods = [self.model.row_at(r).period for r in rows]
        error = self._doc.push(DeleteValues(self._doc, kpi_id, periods))
        if error is not None:
            self._show_problem(error.message)
            return
        self.message.clear()

    def _on_chart_note(self) -> None:
        kpi, index = self.model.kpi, self.view.currentIndex()
        if kpi is None or kpi.id is None or not index.isValid():
            return
        period = self.model.row_at(index.row()).period
        self.note_dialog = NoteDialog(self._doc, kpi.id, kpi.name, period, parent=self)
        self.note_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.note_dialog.open()

    def _on_paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def _on_copy(self) -> None:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if not rows:
            return
        lines = []
        for r in rows:
            row = self.model.row_at(r)
            cells = [row.period.isoformat(), number_text(row.value)]
            if row.note:
                cells.append(" ".join(row.note.split()))
            lines.append("\t".join(cells))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    # -- state -----------------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self._model_problem_shown = False
        self.message.show_message(text, "warning")

    def _on_model_problem(self, text: str) -> None:
        self._show_problem(text)
        self._model_problem_shown = True

    def _on_values_edited(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        if self._model_problem_shown:  # the refused edit was put right
            self._model_problem_shown = False
            self.message.clear()
        if bottom.row() - top.row() < SIZING_ROWS:  # an edit, not a reread of every row
            self._fit_columns(range(top.row(), bottom.row() + 1))

    def _on_model_reset(self) -> None:
        self._fit_afresh = True

    def _on_refreshed(self) -> None:
        n = self.model.rowCount()
        ends = range(min(n, SIZING_ROWS)), range(max(SIZING_ROWS, n - SIZING_ROWS), n)
        self._fit_columns([*ends[0], *ends[1]], afresh=self._fit_afresh)
        self._fit_afresh = False
        self._update_state()

    def _fit_columns(self, rows: Iterable[int], *, afresh: bool = False) -> None:
        """Widen Period, Value and Source to their title and the texts of `rows` (from the
        titles when `afresh`, else never narrower than now); Note takes the rest."""
        rows = list(rows)
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        grid = 1 if self.view.showGrid() else 0
        for column in (PERIOD, VALUE, SOURCE):
            width = max(header.sectionSizeHint(column), header.minimumSectionSize())
            if rows:  # the delegate measures the widest text only (padding included)
                cells = [self.model.index(r, column) for r in rows]
                widest = max(cells, key=lambda i: metrics.horizontalAdvance(str(i.data() or "")))
                width = max(width, self.view.sizeHintForIndex(widest).width() + grid)
            if not afresh:
                width = max(width, header.sectionSize(column))
            if width != header.sectionSize(column):
                header.resizeSection(column, width)

    def _select_periods(self, periods: Sequence[dt.date]) -> None:
        rows = sorted(r for r in (self.model.row_of(p) for p in periods) if r >= 0)
        if not rows:
            return
        self._fit_columns({*rows[:SIZING_ROWS], *rows[-SIZING_ROWS:]})
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            selection.select(self.model.index(start, 0), self.model.index(prev, last_column))
            if r is not None:
                start = prev = r
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().select(selection, flags)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(rows[0], VALUE), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.view.scrollTo(self.model.index(rows[-1], 0))

    def _update_state(self, *_: object) -> None:
        has_kpi = self.model.kpi is not None
        typed = has_kpi and not self.model.calculated  # a calculated KPI's values are derived
        self.add_action.setEnabled(typed)
        self.paste_action.setEnabled(typed)
        selected = has_kpi and self.view.selectionModel().hasSelection()
        self.delete_action.setEnabled(selected and typed)
        self.copy_action.setEnabled(selected)
        if not has_kpi:
            self.add_row.hide()
            self._count.clear()
            return
        n = self.model.rowCount()
        self._count.setText(
            calculated_caption(self._doc.workspace, self.model.kpi, n)
            if not typed
            else _plural(n, "value")
            if n
            else self.tr("Tip: copy dates and values in a spreadsheet, then Paste")
        )
        if self.add_row.isVisible():
            self._update_add_hint()
