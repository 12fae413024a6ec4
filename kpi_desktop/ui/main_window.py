"""The main window: menus and the open workspace's view. A composer, not a god object:
panes live in WorkspaceView, prompts in Prompts, settings in AppSettings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kpi_desktop import __version__
from kpi_desktop.paths import APP_NAME, WORKSPACE_FILE_FILTER, WORKSPACE_SUFFIX
from kpi_desktop.services.errors import KpiDesktopError, WorkspaceReadOnly
from kpi_desktop.ui.overview.view_state import restore_view, save_view
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace.menus import MainWindowMenus

# Start-up imports only what the first frame shows; the rest loads once the window is up
# (see ui/app.py). Even `Qt` waits: its first use builds 93 Python enums (about 20 ms).
if TYPE_CHECKING:
    from kpi_desktop.ui.document import Document
    from kpi_desktop.ui.help_viewer import HelpViewer
    from kpi_desktop.ui.prompts import Prompts
    from kpi_desktop.ui.workspace_view import WorkspaceView

QWidgetT = TypeVar("QWidgetT", bound=QWidget)


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._prompts = prompts
        self.document: Document | None = None
        self.view: WorkspaceView | None = None
        self._help: HelpViewer | None = None
        self._held_errors: list[tuple[str, str]] | None = None  # see hold_errors()
        self._document_windows: list[QWidget] = []  # see _own()
        self.celebrator: QObject | None = None
        self.resize(1280, 800)
        self.setMinimumSize(960, 600)

        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self._show_welcome()
        welcome_page = QWidget()  # the label centred by stretches: no `Qt` needed yet
        column = QVBoxLayout(welcome_page)
        column.addStretch(1)
        column.addWidget(self.welcome)
        column.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(welcome_page)
        self.setCentralWidget(self.stack)
        self.menus = MainWindowMenus(self)
        self._update_title()
        geometry = self.settings.load_bytes("window")
        if geometry is not None:
            self.restoreGeometry(geometry)

    @property
    def prompts(self) -> Prompts:
        """How this window asks and tells (message boxes, file dialogs), made on first use."""
        if self._prompts is None:
            from kpi_desktop.ui.prompts import Prompts

            self._prompts = Prompts(self)
        return self._prompts

    def _show_welcome(self, html: str | None = None) -> None:
        """The page shown when no workspace is open (or while one opens)."""
        html = html or self.tr(
            "<h2>No workspace is open</h2><p>Use <b>File &gt; New</b> to start a plan, "
            "<b>File &gt; Open</b> for an existing one, or <b>File &gt; Open demo</b> to "
            "explore a sample café.</p>"
        )
        self.welcome.setText(f'<div align="center">{html}</div>')

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            return
        suffix = self.tr(" [read-only]") if self.document.workspace.readonly else ""
        self.setWindowTitle(f"{self.document.title}{suffix} — {APP_NAME}")
        self.setWindowFilePath(str(self.document.workspace.path))

    def show_opening(self, path: Path) -> None:
        """Say which workspace is being opened while it loads (right after start-up)."""
        self._show_welcome(self.tr("<h2>Opening {0}…</h2>").format(Path(path).stem))
        self.setWindowTitle(f"{Path(path).stem} — {APP_NAME}")

    def hold_errors(self) -> None:
        """Keep error messages until `release_errors()`: no dialog during start-up."""
        self._held_errors = []

    def release_errors(self) -> None:
        held, self._held_errors = self._held_errors or [], None
        for title, text in held:
            QTimer.singleShot(0, lambda t=title, x=text: self.prompts.error(t, x))

    def _error(self, title: str, text: str) -> None:
        if self._held_errors is not None:
            self._held_errors.append((title, text))
        else:
            self.prompts.error(title, text)

    # -- workspaces -----------------------------------------------------------------------

    def open_workspace(self, path: Path | str) -> bool:
        """Open `path`, replacing the current workspace. On failure, say why and keep the
        current one; the file is never changed by a failed open."""
        from kpi_desktop.services.workspace import presence as workspace_presence
        from kpi_desktop.services.workspace.workspace import Workspace

        path = Path(path)
        if not self._close_document_windows():  # kept typed input: keep this workspace
            return False
        readonly = False
        who = workspace_presence.other_user(path) if path.exists() else None
        if who is not None:
            if not self.prompts.confirm(
                self.tr("Workspace in use"),
                self.tr(
                    "{0} has this workspace open.\n\nOpen it read-only here, so that the "
                    "two copies cannot overwrite each other?"
                ).format(who),
                self.tr("Open read-only"),
            ):
                return False
            readonly = True
        try:
            workspace = Workspace.open(path, readonly=readonly)
        except WorkspaceReadOnly as exc:
            if not self.prompts.confirm(
                self.tr("Open read-only?"),
                self.tr("{0}\n\nOpen it read-only to look at it without changing it?").format(
                    exc.message
                ),
                self.tr("Open read-only"),
            ):
                return False
            try:
                workspace = Workspace.open(path, readonly=True)
            except KpiDesktopError as again:
                self._error(self.tr("Cannot open the workspace"), again.message)
                return False
        except KpiDesktopError as exc:
            self._error(self.tr("Cannot open the workspace"), exc.message)
            if not path.exists() and not hasattr(exc, "location"):  # a server may be back
                self.settings.remove_recent(path)
            return False
        from kpi_desktop.ui.workspace.safekeeping import show_opened

        return show_opened(self, workspace)  # then the check of its pages, the day's backup

    def show_history(self) -> QWidget | None:
        """Edit > History…: the change log, of the selected goal or KPI first."""
        if self.document is None:
            return None
        from kpi_desktop.ui.workspace.history_dialog import HistoryDialog

        subject = None
        if self.view is not None:
            kind, item_id = self.view.tree.selected()
            ws = self.document.workspace
            if kind == "kpi" and item_id is not None:
                subject = ("kpi", item_id, ws.kpis.get(item_id).name)
            elif kind == "goal" and item_id is not None:
                subject = ("goal", item_id, ws.goals.get(item_id).title)
        dialog = self._own(HistoryDialog(self.document, subject, self))
        dialog.show()  # not modal: the owner can keep working beside it
        return dialog

    def edit_stale_grace(self) -> bool:
        """Edit > Stale values…: the grace before a KPI's latest value counts as stale."""
        from kpi_desktop.ui.workspace.setting_edits import edit_stale_grace

        return self.document is not None and edit_stale_grace(self.document, self, self._error)

    def edit_fiscal_year(self) -> bool:
        """Edit > Fiscal year…: the month the workspace's year starts in (applied at once)."""
        from kpi_desktop.ui.workspace.setting_edits import edit_fiscal_year

        return self.document is not None and edit_fiscal_year(self.document, self, self._error)

    def plan_next_year(self) -> QWidget | None:
        """KPI > Plan next year…: this year's KPIs into the coming year's plan."""
        from kpi_desktop.ui.goals.plan_next_year import open_plan_next_year

        return None if self.document is None else open_plan_next_year(self.document, self)

    def restore_backup(self) -> bool:
        """File > Restore from backup: pick one of the workspace's daily backups."""
        if self.document is None:
            return False
        from kpi_desktop.ui.workspace.restore_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.document.workspace.path, self.prompts, self)
        dialog.about_to_replace.connect(lambda _p: self.close_workspace())
        if dialog.exec() and dialog.restored_path:
            return self.open_workspace(dialog.restored_path)
        return False

    def _show_document(self, document: Document) -> None:
        from kpi_desktop.ui.workspace_view import WorkspaceView

        self.close_workspace()
        self.document = document
        self.view = WorkspaceView(document, self.prompts)
        self.view.wizard_requested.connect(self.open_wizard)
        self.view.review_requested.connect(self.start_review)
        self.view.reminders.checkin_requested.connect(self.check_in)
        self.view.tree.selection_changed.connect(lambda _k, _i: self.menus.update())
        from kpi_desktop.ui.achievements.celebration import Celebrator

        self.celebrator = Celebrator(document, self.view)  # a toast when a value hits a target
        self.celebrator.celebrated.connect(
            lambda found: self.statusBar().showMessage("★ " + found[-1].text, 8000)
        )
        document.undo_stack.indexChanged.connect(lambda _i: self.menus.update())
        document.error_raised.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        restore_view(self.settings, self.view, self.width())  # tab, selection, panels
        self._update_title()
        self.menus.update()

    def _own(self, window: QWidgetT) -> QWidgetT:
        """A non-modal window working on the open workspace (a wizard, the review, an
        export dialog): Qt deletes it once closed, and it is closed (asking, if it holds
        typed input) before the workspace closes."""
        from PySide6.QtCore import Qt

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._document_windows.append(window)
        # forgotten once deleted, so that its Python side (a wizard's file, say) goes too
        window.destroyed.connect(lambda _obj=None, w=window: self._forget_window(w))
        return window

    def _forget_window(self, window: QWidget) -> None:
        self._document_windows = [w for w in self._document_windows if w is not window]

    def _close_document_windows(self) -> bool:
        """Close the windows working on the workspace; False if one stays open (its user
        kept typed input)."""
        from shiboken6 import isValid

        self._document_windows = [w for w in self._document_windows if isValid(w)]
        for window in list(self._document_windows):
            if window.isVisible() and not window.close():
                return False
        return True

    def close_workspace(self) -> bool:
        """File > Close; False (and nothing closed) when a window on it keeps typed input."""
        if self.document is None:
            return True
        if not self._close_document_windows():
            return False
        if self.view is not None:
            save_view(self.settings, self.view)
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.document.close()
        self.document, self.view, self.celebrator = None, None, None
        self._show_welcome()
        self.stack.setCurrentIndex(0)
        self._update_title()
        self.menus.update()
        return True

    def new_workspace(self) -> bool:
        chosen = self.prompts.save_file(
            self.tr("New workspace"), str(Path.home()), WORKSPACE_FILE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix != WORKSPACE_SUFFIX:
            path = path.with_name(path.name + WORKSPACE_SUFFIX)
        from kpi_desktop.services.workspace.workspace import Workspace

        try:
            Workspace.create(path).close()
        except KpiDesktopError as exc:
            self.prompts.error(self.tr("Cannot create the workspace"), exc.message)
            return False
        return self.open_workspace(path)

    def choose_and_open(self) -> bool:
        chosen = self.prompts.open_file(
            self.tr("Open workspace"), str(Path.home()), WORKSPACE_FILE_FILTER
        )
        return bool(chosen) and self.open_workspace(chosen)

    def open_demo(self) -> bool:
        from kpi_desktop.ui.workspace.demo_file import ensure_demo_workspace

        try:
            path = ensure_demo_workspace()
        except KpiDesktopError as exc:
            self._error(self.tr("Cannot open the demo"), exc.message)
            return False
        return self.open_workspace(path)

    def save_copy(self) -> bool:
        if self.document is None:
            return False
        start = str(
            self.document.workspace.path.with_name(f"{self.document.title} copy{WORKSPACE_SUFFIX}")
        )
        chosen = self.prompts.save_file(self.tr("Save a copy"), start, WORKSPACE_FILE_FILTER)
        if not chosen:
            return False
        try:
            self.document.workspace.save_copy(Path(chosen))
        except (KpiDesktopError, OSError) as exc:
            self.prompts.error(self.tr("Cannot save the copy"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved a copy as {0}").format(chosen), 8000)
        return True

    # -- edit, wizard, help ---------------------------------------------------------------

    def _undo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.undo()

    def _redo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.redo()

    def _edit_selected_with_wizard(self) -> None:
        if self.view is not None:
            kind, item_id = self.view.tree.selected()
            if kind == "kpi":
                self.open_wizard(0, item_id)

    def open_wizard(self, goal_id: int = 0, kpi_id: int = 0) -> QWidget | None:
        """Open the New KPI wizard (non-modal): for a goal, or to edit a KPI."""
        if self.document is None or self.view is None:
            return None
        from kpi_desktop.ui.wizard.wizard import NewKpiWizard

        goal = goal_id or self.view.selected_goal_id()
        wizard = NewKpiWizard(
            self.document,
            goal_id=goal or None,
            kpi_id=kpi_id or None,
            parent=self,
            prompts=self.prompts,
            open_help=lambda: self.show_help("sizing"),
        )
        self._own(wizard)
        wizard.finished.connect(lambda _r: self._after_wizard(wizard))
        wizard.open()
        return wizard

    def _after_wizard(self, wizard: QWidget) -> None:
        kpi_id = getattr(wizard, "result_kpi_id", None)
        if kpi_id and self.view is not None:
            self.view.tree.select("kpi", kpi_id)

    def check_in(self) -> QWidget | None:
        """Track > Check in (Ctrl+K): the value of every KPI due, typed in one grid (non-modal)."""
        if self.document is None:
            return None
        from kpi_desktop.ui.checkin.dialog import CheckinDialog

        dialog = self._own(CheckinDialog(self.document, self, prompts=self.prompts))
        dialog.saved.connect(
            lambda n: self.statusBar().showMessage(
                self.tr("1 value checked in")
                if n == 1
                else self.tr("{0} values checked in").format(n),
                5000,
            )
        )
        dialog.show()
        return dialog

    def show_actions(self) -> QWidget | None:
        """Track > Actions: the Actions tab, every corrective action."""
        return None if self.view is None else self.view.show_actions()

    def start_review(self, to_actions: bool = False) -> QWidget | None:
        """Open the review meeting window (non-modal), optionally at the earlier actions."""
        if self.document is None:
            return None
        from kpi_desktop.ui.review.dialog import ReviewDialog

        dialog = ReviewDialog(self.document, parent=self, prompts=self.prompts)
        self._own(dialog)
        dialog.saved.connect(
            lambda _id: self.statusBar().showMessage(self.tr("Review saved"), 5000)
        )
        dialog.show()
        if to_actions:
            dialog.go_to(1)
        return dialog

    def import_data(self) -> QWidget | None:
        """File > Import data: the non-modal wizard (file, mapping, preview, result)."""
        if self.document is None:
            return None
        from kpi_desktop.ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.document, self, prompts=self.prompts)
        self._own(wizard)
        wizard.open()
        return wizard

    # -- exports --------------------------------------------------------------------------

    def _selected_kpi(self) -> int | None:
        if self.view is None:
            return None
        kind, item_id = self.view.tree.selected()
        return item_id if kind == "kpi" else None

    def export_chart(self) -> QWidget | None:
        """File > Export chart: a non-modal dialog with a preview, presets and formats."""
        kpi_id = self._selected_kpi()
        if self.document is None or kpi_id is None:
            return None
        from kpi_desktop.ui.exports.chart_dialog import ExportChartDialog

        dialog = ExportChartDialog(self.document, kpi_id, self.prompts, self)
        self._own(dialog)
        dialog.open()
        return dialog

    def copy_chart(self) -> bool:
        kpi_id = self._selected_kpi()
        if self.document is None or kpi_id is None:
            return False
        from kpi_desktop.ui.exports.chart_dialog import copy_chart_to_clipboard

        copy_chart_to_clipboard(self.document, kpi_id)
        self.statusBar().showMessage(self.tr("Chart copied: paste it into your slides"), 5000)
        return True

    def export_report(self) -> QWidget | None:
        if self.document is None:
            return None
        from kpi_desktop.ui.exports.report_dialog import export_report

        return self._own(export_report(self, self.document, self.prompts))

    def export_deck(self) -> QWidget | None:
        if self.document is None:
            return None
        from kpi_desktop.ui.exports.deck_export import export_deck

        return self._own(export_deck(self, self.document, self.prompts))

    def export_data(self) -> object:
        if self.document is None:
            return None
        from kpi_desktop.ui.exports.report_dialog import export_data

        return export_data(self, self.document, self.prompts)

    def _show_review_history(self) -> None:
        if self.view is not None:
            self.view.centre.setCurrentWidget(self.view.reviews)

    def show_help(self, page: str | None = None) -> HelpViewer:
        if self._help is None:
            from kpi_desktop.ui.help_viewer import HelpViewer

            self._help = HelpViewer(self)
        if page:
            self._help.show_page_containing(page)
        self._help.show()
        self._help.raise_()
        return self._help

    def show_about(self) -> None:
        self.prompts.info(
            self.tr("About {0}").format(APP_NAME),
            self.tr(
                "{0} {1}\n\nSet, track and achieve strategic KPIs, offline.\nLicence: MIT."
            ).format(APP_NAME, __version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.save_bytes("window", self.saveGeometry())
        if not self.close_workspace():  # a review (say) kept its typed input: stay open
            event.ignore()
            return
        self.settings.sync()
        super().closeEvent(event)
