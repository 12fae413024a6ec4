"""File > Export meeting deck…: the as-of date and which KPIs (a tick list by goal), then a
PowerPoint deck with native charts, written with a progress dialog (Cancel stops it, writes
nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget

from kpi_desktop.reports.deck.slides import DeckCancelled, build_deck
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import workspace_name
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.exports.kpi_checklist import KpiChecklist
from kpi_desktop.ui.exports.report_dialog import (
    ExportDialog,
    _safe,
    _start_path,
    progress_shown,
)
from kpi_desktop.ui.prompts import Prompts

translate = QApplication.translate


def write_deck(
    parent: QWidget | None,
    document: Document,
    path: Path,
    as_of: dt.date,
    prompts: Prompts,
    kpis: list[str] | None = None,
) -> Path | None:
    """Write the deck (of ``kpis`` by name; None: every KPI) with a progress dialog;
    problems are told through ``prompts``."""
    try:
        with progress_shown(
            parent,
            translate("DeckExport", "Export meeting deck"),
            translate("DeckExport", "Preparing the slides..."),
        ) as tell:
            made = build_deck(document.workspace, path, as_of, kpis=kpis or (), progress=tell)
    except DeckCancelled:
        return None
    except KpiDesktopError as exc:
        prompts.error(translate("DeckExport", "The deck was not saved"), exc.message)
        return None
    prompts.info(
        translate("DeckExport", "Meeting deck saved"),
        translate(
            "DeckExport",
            "Saved {n} slides to {path}. Its charts are native: edit them in PowerPoint, "
            "Keynote or Impress.",
        ).format(n=made.slides, path=path),
    )
    return path


class DeckExportDialog(ExportDialog):
    """Which KPIs (all ticked to start with), results as of a date, then Export… to
    choose the file."""

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None):
        super().__init__(document, prompts, self.tr("Export meeting deck"), parent)
        self.setMinimumWidth(520)
        self.kpis = KpiChecklist(document.workspace)
        self.count = QLabel()
        self.kpis.changed.connect(self._count_chosen)
        form = QFormLayout()
        form.addRow(self.tr("Slides for"), self.kpis)
        form.addRow("", self.count)
        self.lay_out(
            self.tr(
                "A PowerPoint deck for the meeting: a title slide, the scorecard, a slide per "
                "KPI with an editable chart and what its numbers say (also in the speaker "
                "notes, with its open actions), the open actions and the achievements. Tick "
                "a goal for all its KPIs."
            ),
            form,
        )
        self._count_chosen()

    def _count_chosen(self) -> None:
        n = len(self.kpis.chosen())
        if n == 0:
            text = self.tr("Tick at least one KPI.")
        elif n == 1:
            text = self.tr("1 KPI: one slide for it.")
        else:
            text = self.tr("{n} KPIs: a slide for each.").format(n=n)
        self.count.setText(text)
        self.export_button.setEnabled(n > 0)

    def export_to_chosen_file(self) -> Path | None:
        name = f"{_safe(workspace_name(self.document.workspace))} meeting {self.as_of}.pptx"
        answer = self.prompts.save_file(
            self.tr("Export meeting deck"),
            _start_path(name),
            translate("DeckExport", "PowerPoint deck (*.pptx)"),
        )
        if not answer:
            return None
        path = Path(answer)
        if path.suffix.lower() != ".pptx":
            path = path.with_name(path.name + ".pptx")
        chosen = None if self.kpis.everything_chosen() else self.kpis.chosen()
        written = write_deck(self, self.document, path, self.as_of, self.prompts, chosen)
        self.last_path = written
        return written


def export_deck(parent: QWidget | None, document: Document, prompts: Prompts) -> DeckExportDialog:
    """File > Export meeting deck…: open the (window-modal, non-blocking) dialog."""
    dialog = DeckExportDialog(document, prompts, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
