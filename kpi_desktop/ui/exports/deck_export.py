"""File > Export meeting deck…: a PowerPoint deck with native charts, written with a
progress dialog (Cancel stops it and writes nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kpi_desktop.reports.deck.slides import DeckCancelled, build_deck
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import workspace_name
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.exports.report_dialog import _safe, _start_path, progress_shown
from kpi_desktop.ui.prompts import Prompts


def _tr(text: str) -> str:
    return QApplication.translate("DeckExport", text)


def export_deck(parent: QWidget | None, document: Document, prompts: Prompts) -> Path | None:
    """Ask for a .pptx file and write the deck of every KPI as of the document's date."""
    name = f"{_safe(workspace_name(document.workspace))} meeting {document.as_of:%Y-%m-%d}.pptx"
    answer = prompts.save_file(
        _tr("Export meeting deck"), _start_path(name), _tr("PowerPoint deck (*.pptx)")
    )
    if not answer:
        return None
    path = Path(answer)
    if path.suffix.lower() != ".pptx":
        path = path.with_name(path.name + ".pptx")
    try:
        with progress_shown(
            parent, _tr("Export meeting deck"), _tr("Preparing the slides...")
        ) as tell:
            made = build_deck(document.workspace, path, document.as_of, progress=tell)
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
