"""File > Export meeting report... and File > Export data...: the GUI ends of the exports.

:func:`export_report` opens a small, non-modal dialog (paper size, as-of date) whose
Export button asks for the file (``prompts.save_file``) and writes the PDF, showing a
progress dialog with a Cancel button while the charts are drawn. :func:`export_data` asks
for an XLSX or CSV file and writes it, with the same progress dialog (a workspace of
millions of values takes minutes as XLSX). Messages go through ``Prompts`` so tests never block.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.reports.data_export import FORMATS as DATA_FORMATS
from kpi_desktop.reports.data_export import ExportCancelled, Progress, sheets_note
from kpi_desktop.reports.data_export import export_data as write_data
from kpi_desktop.reports.meeting_report import (
    ReportCancelled,
    build_report,
    default_page_size,
)
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import workspace_name
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts

PAGE_LABELS = {"A4": "A4 (210 × 297 mm)", "Letter": "US Letter (8.5 × 11 in)"}


def _start_path(file_name: str) -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found and Path(found).is_dir() else Path.home()
    return str(folder / file_name)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else " " for c in name).strip() or "KPIs"


@contextlib.contextmanager
def progress_shown(parent: QWidget | None, title: str, label: str) -> Iterator[Progress]:
    """A window-modal progress dialog with Cancel while a long export runs (it appears only
    after 300 ms). Yields ``tell(done, total, what) -> go on?`` for the export to call."""
    progress = QProgressDialog(
        label, QApplication.translate("ReportExport", "Cancel"), 0, 1, parent
    )
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)

    def tell(done: int, total: int, what: str) -> bool:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        progress.setLabelText(what + "...")
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        yield tell
    finally:
        progress.close()
        progress.deleteLater()


def write_report(
    parent: QWidget | None,
    document: Document,
    path: Path,
    page_size: str,
    as_of: dt.date,
    prompts: Prompts,
) -> Path | None:
    """Write the meeting report with a progress dialog (Cancel stops it, writing nothing).

    Problems are told through ``prompts``; returns the file, or None.
    """
    try:
        with progress_shown(
            parent,
            QApplication.translate("ReportExport", "Export meeting report"),
            QApplication.translate("ReportExport", "Preparing the meeting report..."),
        ) as tell:
            build_report(document.workspace, path, as_of, page_size=page_size, progress=tell)
    except ReportCancelled:
        return None
    except KpiDesktopError as exc:
        prompts.error(
            QApplication.translate("ReportExport", "The report was not saved"), exc.message
        )
        return None
    return path


class ExportDialog(QDialog):
    """An export's small dialog: an intro, a form whose last row is "Results as of", and
    Export... (which asks for the file: :meth:`export_to_chosen_file`) or Cancel."""

    def __init__(
        self, document: Document, prompts: Prompts, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.prompts = prompts
        self.last_path: Path | None = None
        self.setWindowTitle(title)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("d MMM yyyy")
        as_of = document.as_of
        self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.export_button = QPushButton(self.tr("Export..."))
        self.export_button.setDefault(True)

    def lay_out(self, intro_text: str, form: QFormLayout) -> None:
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        form.addRow(self.tr("Results as of"), self.as_of_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def as_of(self) -> dt.date:
        d = self.as_of_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def _on_export(self) -> None:
        if self.export_to_chosen_file() is not None:
            self.accept()

    def export_to_chosen_file(self) -> Path | None:
        raise NotImplementedError


class ReportExportDialog(ExportDialog):
    """Paper size and as-of date for the meeting report, then Export... to choose the file."""

    exported = Signal(Path)

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(document, prompts, self.tr("Export meeting report"), parent)
        self.page_group = QButtonGroup(self)
        self.page_buttons: dict[str, QRadioButton] = {}
        pages = QHBoxLayout()
        for key, label in PAGE_LABELS.items():
            button = QRadioButton(label)
            self.page_group.addButton(button)
            self.page_buttons[key] = button
            pages.addWidget(button)
        pages.addStretch(1)
        self.page_buttons[default_page_size()].setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Paper"), pages)
        self.lay_out(
            self.tr(
                "One PDF for the meeting: a cover, the scorecard of every KPI, what happened "
                "since the last review (achievements, open actions) and a page per objective "
                "with its charts."
            ),
            form,
        )

    @property
    def page_size(self) -> str:
        return next(k for k, b in self.page_buttons.items() if b.isChecked())

    def set_page_size(self, key: str) -> None:
        self.page_buttons[key].setChecked(True)

    def export_to_chosen_file(self) -> Path | None:
        name = f"{_safe(workspace_name(self.document.workspace))} meeting report "
        name += f"{self.as_of.isoformat()}.pdf"
        answer = self.prompts.save_file(
            self.tr("Export meeting report"), _start_path(name), "PDF document (*.pdf)"
        )
        if not answer:
            return None
        path = Path(answer)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        written = write_report(self, self.document, path, self.page_size, self.as_of, self.prompts)
        if written is not None:
            self.last_path = written
            self.exported.emit(written)
            self.prompts.info(
                self.tr("Meeting report saved"),
                self.tr("Saved the meeting report to {path}.").format(path=written),
            )
        return written


def export_report(
    parent: QWidget | None, document: Document, prompts: Prompts
) -> ReportExportDialog:
    """File > Export meeting report...: open the (non-modal) report dialog and return it."""
    dialog = ReportExportDialog(document, prompts, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog


def export_data(parent: QWidget | None, document: Document, prompts: Prompts) -> Path | None:
    """File > Export data...: ask for an XLSX or CSV file and write the workspace's data."""
    filters = ";;".join(f"{name} (*{suffix})" for suffix, name in DATA_FORMATS.items())
    name = f"{_safe(workspace_name(document.workspace))} data.xlsx"
    answer = prompts.save_file(
        QApplication.translate("ReportExport", "Export data"), _start_path(name), filters
    )
    if not answer:
        return None
    path = Path(answer)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    try:
        with progress_shown(
            parent,
            QApplication.translate("ReportExport", "Export data"),
            QApplication.translate("ReportExport", "Writing the values..."),
        ) as tell:
            write_data(document.workspace, path, document.as_of, progress=tell)
    except ExportCancelled:
        return None
    except KpiDesktopError as exc:
        prompts.error(
            QApplication.translate("ReportExport", "The data was not exported"), exc.message
        )
        return None
    xlsx = path.suffix.lower() == ".xlsx"
    saved = QApplication.translate("ReportExport", "Saved the {what} {path}.").format(
        what="workbook" if xlsx else "CSV file", path=path
    )
    note = sheets_note(document.workspace) if xlsx else ""
    prompts.info(
        QApplication.translate("ReportExport", "Data exported"),
        f"{saved}\n\n{note}" if note else saved,
    )
    return path
