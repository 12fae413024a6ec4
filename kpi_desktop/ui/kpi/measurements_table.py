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

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.pasting import read_pasted_rows
from kpi_desktop.domain.periods import next_period, period_label, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.domain.values import parse_number
from kpi_desktop.ui.commands import DeleteValues, SetValues
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.measurements_model import (
    NOTE,
    PERIOD,
    SOURCE,
    VALUE,
    MeasurementsModel,
    number_text,
)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


#: Rows from each end of the table whose texts size the columns when a KPI is shown (never
#: every row: a KPI may have a million values).
SIZING_ROWS = 24


AnyIndex = QModelIndex | QPersistentModelIndex

# -- widgets ----------------------------------------------------------------------------------

_MESSAGE_STYLES = {
    "warning": ("#FFF4E0", "#E69F00", "#4A3000"),
    "info": ("#EAF2FA", "#0072B2", "#0B2F4A"),
}


class _MessageBar(QFrame):
    """An inline message under the toolbar: an icon, the text (scrolls past a few lines, so
    every bad row stays listed) and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measurementsMessage")
        self.kind = ""
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setObjectName("measurementsMessageText")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._text)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.viewport().setAutoFillBackground(False)
        self._text.setAutoFillBackground(False)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self._scroll, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, kind: str = "warning") -> None:
        self.kind = kind
        background, border, ink = _MESSAGE_STYLES[kind]
        self.setStyleSheet(
            f"QFrame#measurementsMessage {{ background: {background}; "
            f"border: 1px solid {border}; border-radius: 4px; }}"
            f"QLabel#measurementsMessageText {{ color: {ink}; background: transparent; }}"
            "QScrollArea { background: transparent; }"
        )
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if kind == "warning"
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        self._icon.setPixmap(self.style().standardIcon(pixmap).pixmap(16, 16))
        self._text.setText(text)
        lines = min(text.count("\n") + 1, 6)
        height = self._text.fontMetrics().lineSpacing() * lines + 8
        self._scroll.setFixedHeight(height)
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self._text.clear()
        self.hide()

    def text(self) -> str:
        return self._text.text() if self.kind else ""


class _ValueDelegate(QStyledItemDelegate):
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


class _ValuesView(QTableView):
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


class _AddValueRow(QFrame):
    """A one-line form above the table: period, value, note, Save. Enter saves and moves on
    to the next period; Escape closes it."""

    save_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addValueRow")
        self.setStyleSheet(
            "QFrame#addValueRow { background: palette(alternate-base); "
            "border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.date_edit = QDateEdit(self)
        self.date_edit.setToolTip(self.tr("The period of the new value"))
        self.period_hint = QLabel(self)
        self.period_hint.setObjectName("periodHint")
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("Value"))
        self.value_edit.setToolTip(
            self.tr("Written as you like: 1234.5, 1,234.5, 1.234,5, €1,200 or 12%")
        )
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_edit.setMinimumWidth(120)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save this value (Enter) and go to the next period"))
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close (Esc)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 4, 4)
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("New value for"), self))
        row.addWidget(self.date_edit)
        row.addWidget(self.period_hint)
        row.addWidget(self.value_edit, 1)
        row.addWidget(self.note_edit, 2)
        row.addWidget(self.save_button)
        row.addWidget(close)
        self.value_edit.returnPressed.connect(self.save_requested)
        self.note_edit.returnPressed.connect(self.save_requested)
        self.save_button.clicked.connect(self.save_requested)
        close.clicked.connect(self.close_form)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_form)
        self.addAction(escape)
        self.hide()

    def set_frequency(self, frequency: Frequency) -> None:
        self.date_edit.setDisplayFormat(
            {
                Frequency.DAILY: "yyyy-MM-dd",
                Frequency.WEEKLY: "yyyy-MM-dd",
                Frequency.MONTHLY: "MMM yyyy",
                Frequency.QUARTERLY: "MMM yyyy",
                Frequency.YEARLY: "yyyy",
            }[frequency]
        )
        self.date_edit.setCalendarPopup(frequency in (Frequency.DAILY, Frequency.WEEKLY))

    def date(self) -> dt.date:
        when = self.date_edit.date().toPython()
        assert isinstance(when, dt.date)
        return when

    def set_date(self, when: dt.date) -> None:
        self.date_edit.setDate(QDate(when.year, when.month, when.day))

    def close_form(self) -> None:
        self.hide()
        self.closed.emit()


class MeasurementsTable(QWidget):
    """A KPI's values: toolbar (Add value, Delete, Paste), inline add form, message line and
    the table. `show_kpi(id)` chooses the KPI; `paste_text(text)` pastes spreadsheet rows."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.model = MeasurementsModel(document, self)

        self.view = _ValuesView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(_ValueDelegate(self.view))
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
        self._count.setStyleSheet("color: #5A5A5A;")  # quieter than the buttons: it informs
        toolbar.addSpacing(8)
        toolbar.addWidget(self._count, 1)

        self.add_row = _AddValueRow(self)
        self.add_row.save_requested.connect(self._on_save_new_value)
        self.add_row.closed.connect(self.view.setFocus)
        self.add_row.date_edit.dateChanged.connect(self._update_add_hint)
        self.message = _MessageBar(self)

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
        read = read_pasted_rows(text, self.model.frequency)
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
        done = f"Pasted {_plural(len(read.rows), 'value')}"
        if replaced:
            done += f", replacing {_plural(replaced, 'stored value')}"
        if read.header is not None:
            done += " (the header row was skipped)"
        self.message.show_message(done + ". Undo with Ctrl+Z.", "info")
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
        freq = self.model.frequency
        when = next_period(latest, freq) if latest else period_start(self._doc.as_of, freq)
        self.add_row.set_date(when)
        self.add_row.value_edit.clear()
        self.add_row.note_edit.clear()
        self._update_add_hint()

    def _update_add_hint(self) -> None:
        freq = self.model.frequency
        period = period_start(self.add_row.date(), freq)
        row = self.model.row_of(period)
        shown_by_editor = freq in (Frequency.MONTHLY, Frequency.YEARLY)
        parts = [] if shown_by_editor else [period_label(period, freq)]
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
            value = parse_number(text)
        except ValueError as exc:
            self._show_problem(f"'{text}' {exc}")
            self.add_row.value_edit.setFocus()
            self.add_row.value_edit.selectAll()
            return
        period = period_start(self.add_row.date(), self.model.frequency)
        note = self.add_row.note_edit.text().strip() or None
        error = self._doc.push(SetValues(self._doc, kpi_id, [(period, value, note)]))
        if error is not None:
            self._show_problem(error.message)
            return
        self.message.clear()
        self._select_periods([period])
        self.add_row.set_date(next_period(period, self.model.frequency))
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
        self.add_action.setEnabled(has_kpi)
        self.paste_action.setEnabled(has_kpi)
        selected = has_kpi and self.view.selectionModel().hasSelection()
        self.delete_action.setEnabled(selected)
        self.copy_action.setEnabled(selected)
        if not has_kpi:
            self.add_row.hide()
            self._count.clear()
            return
        n = self.model.rowCount()
        self._count.setText(
            _plural(n, "value")
            if n
            else self.tr("Tip: copy dates and values in a spreadsheet, then Paste")
        )
        if self.add_row.isVisible():
            self._update_add_hint()
