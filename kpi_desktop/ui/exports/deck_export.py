"""File > Export meeting deck…: the as-of date and which goal's KPIs, then a PowerPoint
deck with native charts, written with a progress dialog (Cancel stops it, writes nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.reports.deck.slides import DeckCancelled, build_deck
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import workspace_name
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.exports.report_dialog import _safe, _start_path, progress_shown
from kpi_desktop.ui.prompts import Prompts


def _tr(text: str) -> str:
    return QApplication.translate("DeckExport", text)


def write_deck(
    parent: QWidget | None,
    document: Document,
    path: Path,
    as_of: dt.date,
    prompts: Prompts,
    goal: str | None = None,
) -> Path | None:
    """Write the deck with a progress dialog; problems are told through ``prompts``."""
    try:
        with progress_shown(
            parent, _tr("Export meeting deck"), _tr("Preparing the slides...")
        ) as tell:
            made = build_deck(document.workspace, path, as_of, goal=goal, progress=tell)
    except DeckCancelled:
        return None
    except KpiDesktopError as exc:
        prompts.error(_tr("The deck was not saved"), exc.message)
        return None
    prompts.info(
        _tr("Meeting deck saved"),
        _tr(
            "Saved {n} slides to {path}. Its charts are native: edit them in PowerPoint, "
            "Keynote or Impress."
        ).format(n=made.slides, path=path),
    )
    return path


class DeckExportDialog(QDialog):
    """Results as of a date, every KPI or one goal's, then Export… to choose the file."""

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.prompts = document, prompts
        self.last_path: Path | None = None
        self.setWindowTitle(self.tr("Export meeting deck"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "A PowerPoint deck for the meeting: a title slide, the scorecard, a slide per "
                "KPI with an editable chart and what its numbers say (also in the speaker "
                "notes, with its open actions), the open actions and the achievements."
            )
        )
        intro.setWordWrap(True)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("d MMM yyyy")
        as_of = document.as_of
        self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.goal = QComboBox()
        self.goal.addItem(self.tr("Every KPI"), None)
        for goal in document.workspace.goals.list(include_archived=False):
            if goal.parent_id is None:
                self.goal.addItem(self.tr("KPIs of: {0}").format(goal.title), goal.title)
        form = QFormLayout()
        form.addRow(self.tr("Results as of"), self.as_of_edit)
        form.addRow(self.tr("Slides for"), self.goal)
        self.export_button = QPushButton(self.tr("Export..."))
        self.export_button.setDefault(True)
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
        name = f"{_safe(workspace_name(self.document.workspace))} meeting {self.as_of}.pptx"
        answer = self.prompts.save_file(
            self.tr("Export meeting deck"), _start_path(name), _tr("PowerPoint deck (*.pptx)")
        )
        if not answer:
            return None
        path = Path(answer)
        if path.suffix.lower() != ".pptx":
            path = path.with_name(path.name + ".pptx")
        written = write_deck(
            self, self.document, path, self.as_of, self.prompts, self.goal.currentData()
        )
        self.last_path = written
        return written


def export_deck(parent: QWidget | None, document: Document, prompts: Prompts) -> DeckExportDialog:
    """File > Export meeting deck…: open the (window-modal, non-blocking) dialog."""
    dialog = DeckExportDialog(document, prompts, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
