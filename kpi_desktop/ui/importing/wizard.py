"""ImportWizard: File > Mapping > Preview > Result, for measured values in CSV or XLSX files.

The services do the reading and checking (:class:`FileImport`, which reads the file once
and plans it for each choice the Mapping page offers) and the writing
(:func:`apply_import`); the wizard shows what they found and asks what they cannot know:
the layout when detection guessed wrong, the columns of a long file, whether to create
missing KPIs, how to read dates like 03/04/2024, and whether values already stored for a
period are replaced or kept. Nothing is written before Import on the Preview page (a
commit page), which pushes ONE undo step, :class:`ImportValues`. Cancel writes nothing.
A file with bad rows lists every one of them and cannot be imported.

The pages live in ``import_file_page``, ``import_mapping_page``, ``import_preview_page``
and ``import_result_page``; the undo step in ``import_command``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import ImportResult
from kpi_desktop.services.importing.reading import column_names
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.importing.command import ImportValues
from kpi_desktop.ui.importing.file_page import FilePage
from kpi_desktop.ui.importing.mapping_page import MappingPage
from kpi_desktop.ui.importing.preview_page import PreviewPage
from kpi_desktop.ui.importing.result_page import ResultPage
from kpi_desktop.ui.importing.state import ImportState
from kpi_desktop.ui.importing.widgets import busy_cursor
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import INVALID_FIELD_STYLE

FILE, MAPPING, PREVIEW, RESULT = range(4)

__all__ = ["FILE", "MAPPING", "PREVIEW", "RESULT", "ImportValues", "ImportWizard", "column_names"]


class ImportWizard(QWizard):
    """The "Import data" wizard. Non-modal: open it with ``open()`` or ``show()``.

    ``path`` preselects a file. After Import, ``result`` is the ImportResult, ``command``
    the undo step, and ``imported`` is emitted with the result.
    """

    imported = Signal(object)  # ImportResult

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
        path: Path | str | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.state = ImportState()
        self.command: ImportValues | None = None
        self.setWindowTitle(self.tr("Import data"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setStyleSheet(INVALID_FIELD_STYLE)
        ws = document.workspace
        self.file_page = FilePage(self.state, prompts or Prompts(self))
        self.mapping_page = MappingPage(self.state, ws)
        self.preview_page = PreviewPage(self.state, ws, self._import)
        self.result_page = ResultPage(self.state)
        self.setPage(FILE, self.file_page)
        self.setPage(MAPPING, self.mapping_page)
        self.setPage(PREVIEW, self.preview_page)
        self.setPage(RESULT, self.result_page)
        if path is not None:
            self.file_page.path.setText(str(path))
        self.setMinimumSize(720, 560)  # below this, wrapped sentences would be cut
        self.resize(860, 640)

    @property
    def import_result(self) -> ImportResult | None:
        """What the import did (None before Import)."""
        return self.state.result

    def done(self, result: int) -> None:
        """Closing (Finish or Cancel) lets go of the file's cells, the plans made of them
        and the bad rows listed (a big file holds hundreds of MB); the undo step keeps the
        plan it imported."""
        self.state.source = None
        self.state.error = None
        self.preview_page.problems_model.set_problems([])
        super().done(result)

    def _import(self, on_conflict: OnConflict) -> KpiDesktopError | None:
        """Push the import as one undo step; the refusal, if any."""
        plan = self.state.plan
        if plan is None or self.state.result is not None:
            return None
        command = ImportValues(self.document, plan, on_conflict)
        with busy_cursor():
            error = self.document.push(command)
        if error is not None:
            return error
        self.command = command
        self.state.result = command.result
        self.imported.emit(command.result)
        return None
