"""Editing the workspace's settings from the Edit menu: a setting's dialog, then one undo
step that applies it at once (the services refuse a bad or harmful value)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kpi_desktop.services.planning.workspace_settings import grace_days
from kpi_desktop.ui.commands import EditCommand, SetFiscalYear, SetStaleGrace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from kpi_desktop.ui.document import Document

#: Shows a refusal: (title, message).
ShowError = Callable[[str, str], None]


def edit_stale_grace(document: Document, parent: QWidget, show_error: ShowError) -> bool:
    """Edit > Stale values…: the grace before a KPI's latest value counts as stale."""
    from kpi_desktop.ui.workspace.stale_dialog import StaleGraceDialog

    days = grace_days(document.workspace)
    dialog = StaleGraceDialog(days, parent)
    return _edit(document, dialog, dialog.days.value, days, SetStaleGrace, show_error)


def edit_fiscal_year(document: Document, parent: QWidget, show_error: ShowError) -> bool:
    """Edit > Fiscal year…: the month the workspace's year starts in."""
    from kpi_desktop.ui.workspace.fiscal_dialog import FiscalYearDialog

    fiscal = document.fiscal
    dialog = FiscalYearDialog(fiscal, parent)
    return _edit(
        document, dialog, dialog.start_month, fiscal.start_month, SetFiscalYear, show_error
    )


def _edit(
    document: Document,
    dialog: QDialog,
    chosen: Callable[[], int],
    before: int,
    command: Callable[[Document, int], EditCommand],
    show_error: ShowError,
) -> bool:
    """Run the dialog; push the undo step when the value changed (True when applied)."""
    if not dialog.exec() or chosen() == before:
        return False
    error = document.push(command(document, chosen()))
    if error is not None:
        show_error(dialog.windowTitle(), error.message)
    return error is None
