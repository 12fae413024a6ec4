"""Keeping the open workspace safe: the check of its pages when it opens (a damaged file
turns read-only, with the offer to restore its newest intact backup) and the day's backup,
made only once the file is known to be intact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

from kpi_desktop.services.errors import KpiDesktopError, WorkspaceCorrupt

if TYPE_CHECKING:
    from pathlib import Path

    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.ui.document import Document
    from kpi_desktop.ui.main_window import MainWindow

#: How often a check still running in its thread is asked for its answer (ms).
POLL_MS = 200


def show_opened(window: MainWindow, workspace: Workspace) -> bool:
    """Show a workspace just opened, then act on the check of its pages (see after_open).
    A file too damaged to show is closed again, with the offer to restore a backup."""
    from kpi_desktop.ui.document import Document

    document = Document(workspace, window)
    try:
        window._show_document(document)
    except KpiDesktopError as exc:
        problem = workspace.damage(wait=True) or exc.message
        if window.document is document:
            window.close_workspace()
        else:
            document.close()
        return _offer_restore(window, workspace.path, problem, shown=False)
    window.settings.add_recent(workspace.path)
    after_open(window)
    return True


def after_open(window: MainWindow) -> None:
    """Act on the check of the workspace just opened: at once when its answer is in (a
    small file), else when its thread finishes (the window stays usable meanwhile)."""
    document = window.document
    if document is None:
        return
    check = document.workspace.integrity
    if check is None or check.done():
        _checked(window, document)
        return
    timer = QTimer(window)

    def poll() -> None:
        if window.document is not document:  # closed meanwhile: nothing more to do
            timer.stop()
            timer.deleteLater()
        elif check.done():
            timer.stop()
            timer.deleteLater()
            _checked(window, document)

    timer.timeout.connect(poll)
    timer.start(POLL_MS)


def _checked(window: MainWindow, document: Document) -> None:
    problem = document.workspace.damage(wait=True)
    if problem is not None:
        damaged(window, document, problem)
        return
    _daily_backup(window, document)


def _daily_backup(window: MainWindow, document: Document) -> None:
    """A rolling backup in the user data folder, at most one a day (see File > Restore)."""
    from kpi_desktop.services.workspace.backups import make_daily_backup

    if document.workspace.readonly:
        return
    try:
        make_daily_backup(document.workspace)
    except WorkspaceCorrupt as exc:  # found by the copy's own check
        damaged(window, document, exc.message)
    except KpiDesktopError as exc:
        window.statusBar().showMessage(
            QCoreApplication.translate("Safekeeping", "No backup today: {0}").format(exc.message),
            8000,
        )


def damaged(window: MainWindow, document: Document, problem: str) -> bool:
    """The workspace is damaged: read-only from now on, and the offer to restore its newest
    intact backup (the damaged file is kept beside it). True when a backup was restored."""
    document.workspace.readonly = True  # nothing more is written into it
    window.menus.update()
    window.setWindowTitle(
        QCoreApplication.translate("Safekeeping", "{0} [damaged, read-only]").format(document.title)
    )
    return _offer_restore(window, document.workspace.path, problem, shown=True)


def _offer_restore(window: MainWindow, path: Path, problem: str, *, shown: bool) -> bool:
    from kpi_desktop.services.workspace.backups import newest_intact_backup, restore_backup

    title = QCoreApplication.translate("Safekeeping", "The workspace is damaged")
    said = QCoreApplication.translate(
        "Safekeeping", "{0} is damaged: SQLite found a broken page ({1})."
    ).format(path.name, problem) + (
        QCoreApplication.translate(
            "Safekeeping", "\n\nIt is open read-only, so nothing more is written into it."
        )
        if shown
        else QCoreApplication.translate(
            "Safekeeping", "\n\nIt cannot be shown; nothing was written into it."
        )
    )
    backup = newest_intact_backup(path)
    if backup is None:
        window.prompts.error(
            title,
            said
            + QCoreApplication.translate(
                "Safekeeping",
                "\n\nThere is no intact backup of it. Export what you can still see "
                "(File > Export data) and build a new workspace from it (File > New from "
                "export).",
            ),
        )
        return False
    when = backup.made_at.strftime("%a %d %b %Y, %H:%M")
    if not window.prompts.confirm(
        title,
        said
        + QCoreApplication.translate(
            "Safekeeping",
            "\n\nRestore its newest intact backup, of {0} ({1} KPIs)? The damaged file is "
            "kept beside it as “{2}.before-restore-…”.",
        ).format(when, backup.kpi_count, path.stem),
        QCoreApplication.translate("Safekeeping", "Restore backup"),
    ):
        return False
    if shown:
        window.close_workspace()
    try:
        restore_backup(backup, path)
    except KpiDesktopError as exc:
        window.prompts.error(
            QCoreApplication.translate("Safekeeping", "Cannot restore the backup"), exc.message
        )
        return False
    return window.open_workspace(path)
