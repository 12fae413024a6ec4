"""The import wizard's File page: which spreadsheet holds the values."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.reading import column_names, is_workbook, sheet_names
from kpi_desktop.ui.importing.state import ImportState
from kpi_desktop.ui.importing.texts import count, problem_text
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import FieldMessage, WrappedLabel, hint_label, make_form

FILE_FILTERS = (
    "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;CSV (*.csv *.txt *.tsv);;"
    "Excel workbooks (*.xlsx);;All files (*)"
)


class FilePage(QWizardPage):
    """Choose the file (Browse… or type a path) and, for a workbook, the sheet."""

    def __init__(self, state: ImportState, prompts: Prompts) -> None:
        super().__init__()
        self.state = state
        self.prompts = prompts
        self.setTitle(self.tr("File: which spreadsheet holds the values?"))
        self.setSubTitle(
            self.tr(
                "Import measured values from a CSV file or an Excel workbook (.xlsx). Nothing is "
                "written until you click Import on the Preview page."
            )
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("e.g. monthly-figures.csv"))
        self.path.setClearButtonEnabled(True)
        self.browse = QPushButton(self.tr("Browse…"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        path_field = QWidget()
        path_field.setLayout(row)
        self.sheet = QComboBox()
        self.sheet.setMinimumContentsLength(16)
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.columns_info = WrappedLabel()
        self.form = make_form()
        self.form.addRow(self.tr("File:"), path_field)
        self.form.addRow(
            "",
            hint_label(
                self.tr(
                    "Two layouts work: a date column with one column per KPI (wide), or one "
                    "value per row with a date, a KPI name and a value (long). Dates like "
                    "2024-01-31, 31/01/2024 or Jan 2024 and numbers like 1,200.50, 12% or €300 "
                    "are understood."
                )
            ),
        )
        self.form.addRow(self.tr("Sheet:"), self.sheet)
        self.form.setRowVisible(self.sheet, False)
        self.form.addRow(self.tr("Found:"), self.columns_info)
        self.form.setRowVisible(self.columns_info, False)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        self.browse.clicked.connect(self._on_browse)
        self.path.textChanged.connect(self._on_path_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self._look())
        self._sheets_of: Path | None = None
        self._columns: list[str] = []

    def chosen(self) -> Path | None:
        text = self.path.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def _on_browse(self) -> None:
        current = self.chosen()
        start = str(current.parent if current is not None else Path.home())
        picked = self.prompts.open_file(self.tr("Import data"), start, self.tr(FILE_FILTERS))
        if picked:
            self.path.setText(picked)

    def _on_path_changed(self, _text: str) -> None:
        self._look()

    def _sheet_choice(self) -> str | None:
        return self.sheet.currentText() if self._sheets_of is not None else None

    def _look(self) -> None:
        """A first look at the file: its sheets and columns, or why it cannot be read."""
        path = self.chosen()
        self._columns = []
        message = ""
        workbook = path is not None and path.is_file() and is_workbook(path)
        try:
            if path != self._sheets_of:  # another file: list its sheets (none for a CSV)
                self._sheets_of = path if workbook else None
                self.sheet.blockSignals(True)
                try:
                    self.sheet.clear()
                    if workbook:
                        assert path is not None
                        self.sheet.addItems(sheet_names(path))
                finally:
                    self.sheet.blockSignals(False)
            if path is not None and path.is_file():
                self._columns = column_names(path, self._sheet_choice())
        except KpiDesktopError as exc:
            message = problem_text(exc)
        self.message.set_message(message)
        self.form.setRowVisible(self.sheet, bool(workbook))
        columns = self._columns
        shown = ", ".join(columns[:8]) + (
            self.tr(" and %1 more").replace("%1", str(len(columns) - 8)) if len(columns) > 8 else ""
        )
        self.columns_info.setText(f"{count(len(columns), 'column')}: {shown}")
        self.form.setRowVisible(self.columns_info, bool(columns))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self._columns)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        path = self.chosen()
        if path is None:
            return False
        sheet = self._sheet_choice()
        try:
            columns = column_names(path, sheet)
        except KpiDesktopError as exc:
            self.message.set_message(problem_text(exc))
            return False
        s = self.state
        if (path, sheet, columns) != (s.path, s.sheet, s.columns):
            s.path, s.sheet, s.columns = path, sheet, columns
            s.source, s.plan, s.error = None, None, None  # another file: read it anew
        self.message.set_message("")
        return True
