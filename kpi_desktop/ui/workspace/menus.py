"""The main window's menu bar and toolbar, and which of their actions are enabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from kpi_desktop.paths import APP_NAME
from kpi_desktop.ui.workspace.new_from_export import new_from_export

if TYPE_CHECKING:
    from kpi_desktop.ui.main_window import MainWindow


class MainWindowMenus:
    """File, Edit, KPI, Track, Review and Help, and the toolbar; the window owns the slots."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.tr = window.tr
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, "&New…", self.window.new_workspace, QKeySequence.StandardKey.New)
        self._action(
            file_menu, "&Open…", self.window.choose_and_open, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file_menu, "Open &demo", self.window.open_demo)
        self._action(file_menu, "New from e&xport…", lambda: new_from_export(self.window))
        file_menu.addSeparator()
        self.restore_action = self._action(
            file_menu, "&Restore from backup…", self.window.restore_backup
        )
        self.import_action = self._action(
            file_menu, "&Import data…", self.window.import_data, "Ctrl+I"
        )
        self.export_chart_action = self._action(
            file_menu, "Export &chart…", self.window.export_chart, "Ctrl+E"
        )
        self.copy_chart_action = self._action(
            file_menu, "Cop&y chart", self.window.copy_chart, "Ctrl+Shift+C"
        )
        self.export_report_action = self._action(
            file_menu, "Export meeting &report…", self.window.export_report, "Ctrl+Shift+E"
        )
        self.export_deck_action = self._action(
            file_menu, "Export meeting dec&k…", self.window.export_deck
        )
        self.export_data_action = self._action(file_menu, "Export &data…", self.window.export_data)
        file_menu.addSeparator()
        self.save_copy_action = self._action(
            file_menu, "Save a &Copy…", self.window.save_copy, QKeySequence.StandardKey.SaveAs
        )
        self.close_action = self._action(
            file_menu, "&Close", self.window.close_workspace, QKeySequence.StandardKey.Close
        )
        file_menu.addSeparator()
        quit_action = self._action(
            file_menu, "&Quit", self.window.close, QKeySequence.StandardKey.Quit
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, "&Undo", self.window._undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit_menu, "&Redo", self.window._redo, QKeySequence.StandardKey.Redo
        )
        edit_menu.addSeparator()
        self.history_action = self._action(
            edit_menu, "&History…", self.window.show_history, "Ctrl+H"
        )
        self.stale_action = self._action(edit_menu, "&Stale values…", self.window.edit_stale_grace)
        self.fiscal_action = self._action(edit_menu, "&Fiscal year…", self.window.edit_fiscal_year)

        kpi_menu = bar.addMenu(self.tr("&KPI"))
        self.new_kpi_action = self._action(
            kpi_menu, "&New KPI…", lambda: self.window.open_wizard(0, 0), "Ctrl+Shift+N"
        )
        self.edit_wizard_action = self._action(
            kpi_menu, "Edit with &wizard…", self.window._edit_selected_with_wizard
        )
        kpi_menu.addSeparator()
        self.next_year_action = self._action(
            kpi_menu, "Plan &next year…", self.window.plan_next_year
        )
        track_menu = bar.addMenu(self.tr("&Track"))
        self.check_in_action = self._action(
            track_menu, "&Check in…", self.window.check_in, "Ctrl+K"
        )
        self.actions_action = self._action(
            track_menu, "&Actions", self.window.show_actions, "Ctrl+Shift+A"
        )
        review_menu = bar.addMenu(self.tr("&Review"))
        self.start_review_action = self._action(
            review_menu, "&Start a review…", lambda: self.window.start_review(), "Ctrl+R"
        )
        self.review_history_action = self._action(
            review_menu, "Review &history", self.window._show_review_history
        )
        toolbar = self.window.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        # Its actions have no icons, so the buttons show their text.
        toolbar.addAction(self.new_kpi_action)
        toolbar.addAction(self.check_in_action)
        toolbar.addAction(self.start_review_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.aboutToShow.connect(self._fill_help_menu)
        about = self._action(self.help_menu, f"&About {APP_NAME}", self.window.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self.update()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(self.tr(text))
        action.triggered.connect(slot)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding the platform has for it
        elif shortcut is not None:
            # (setShortcut() would build the whole `Qt` namespace to pick its overload)
            action.setShortcuts([QKeySequence(shortcut)])
        return action

    def _fill_help_menu(self) -> None:
        """The help pages above About, read from resources/help when the menu first opens."""
        if len(self.help_menu.actions()) > 1:
            return
        from kpi_desktop.ui.help_viewer import help_pages

        about = self.help_menu.actions()[0]
        for title in help_pages():
            page = QAction(title, self.help_menu)
            page.triggered.connect(lambda _c=False, t=title: self.window.show_help(t))
            self.help_menu.insertAction(about, page)
        self.help_menu.insertSeparator(about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.window.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.window.open_workspace(p))
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def update(self) -> None:
        """Enable what the open workspace and the selection allow; name the undo step."""
        w = self.window
        is_open = w.document is not None
        for action in (
            self.save_copy_action,
            self.import_action,
            self.export_report_action,
            self.export_deck_action,
            self.export_data_action,
            self.close_action,
            self.new_kpi_action,
            self.edit_wizard_action,
            self.check_in_action,
            self.actions_action,
            self.start_review_action,
            self.review_history_action,
            self.history_action,
        ):
            action.setEnabled(is_open)
        writable = is_open and not w.document.workspace.readonly  # type: ignore[union-attr]
        self.stale_action.setEnabled(writable)
        self.fiscal_action.setEnabled(writable)
        has_kpi = w.view is not None and w.view.tree.selected()[0] == "kpi"
        self.export_chart_action.setEnabled(has_kpi)
        self.copy_chart_action.setEnabled(has_kpi)
        stack = w.document.undo_stack if w.document else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        if stack is not None:
            self.undo_action.setText(self.tr("&Undo {0}").format(stack.undoText()).strip())
            self.redo_action.setText(self.tr("&Redo {0}").format(stack.redoText()).strip())
