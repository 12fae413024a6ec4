"""The main window's menu bar and toolbar, and which of their actions are enabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from kpi_desktop.paths import APP_NAME
from kpi_desktop.ui.preferences.action import add_preferences_action
from kpi_desktop.ui.workspace.new_from_export import new_from_export
from kpi_desktop.ui.workspace.view_menu import ViewMenu

if TYPE_CHECKING:
    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.workspace.keyboard import ShortcutsDialog


class MainWindowMenus:
    """File, Edit, KPI, Track, Review and Help, and the toolbar; the window owns the slots."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(
            file_menu, self.tr("&New…"), self.window.new_workspace, QKeySequence.StandardKey.New
        )
        self._action(
            file_menu, self.tr("&Open…"), self.window.choose_and_open, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.connect_team_action = self._action(
            file_menu, self.tr("Connect to team &workspace…"), self._connect_team
        )
        self._action(file_menu, self.tr("Open d&emo"), self.window.open_demo)
        self._action(file_menu, self.tr("New from e&xport…"), lambda: new_from_export(self.window))
        file_menu.addSeparator()
        self.restore_action = self._action(
            file_menu, self.tr("Res&tore from backup…"), self.window.restore_backup
        )
        self.import_action = self._action(
            file_menu, self.tr("&Import data…"), self.window.import_data, "Ctrl+I"
        )
        self.export_chart_action = self._action(
            file_menu, self.tr("Export c&hart…"), self.window.export_chart, "Ctrl+E"
        )
        self.copy_chart_action = self._action(
            file_menu, self.tr("Cop&y chart"), self.window.copy_chart, "Ctrl+Shift+C"
        )
        self.export_report_action = self._action(
            file_menu, self.tr("Export meeting re&port…"), self.window.export_report, "Ctrl+Shift+E"
        )
        self.export_deck_action = self._action(
            file_menu, self.tr("Export meeting dec&k…"), self.window.export_deck
        )
        self.export_data_action = self._action(
            file_menu, self.tr("Export &data…"), self.window.export_data
        )
        file_menu.addSeparator()
        self.save_copy_action = self._action(
            file_menu,
            self.tr("Save a &Copy…"),
            self.window.save_copy,
            QKeySequence.StandardKey.SaveAs,
        )
        self.close_action = self._action(
            file_menu,
            self.tr("C&lose"),
            self.window.close_workspace,
            QKeySequence.StandardKey.Close,
        )
        file_menu.addSeparator()
        quit_action = self._action(
            file_menu, self.tr("&Quit"), self.window.close, QKeySequence.StandardKey.Quit
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, self.tr("&Undo"), self.window._undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit_menu, self.tr("&Redo"), self.window._redo, QKeySequence.StandardKey.Redo
        )
        edit_menu.addSeparator()
        self.history_action = self._action(
            edit_menu, self.tr("&History…"), self.window.show_history, "Ctrl+H"
        )
        self.stale_action = self._action(
            edit_menu, self.tr("&Stale values…"), self.window.edit_stale_grace
        )
        self.fiscal_action = self._action(
            edit_menu, self.tr("&Fiscal year…"), self.window.edit_fiscal_year
        )
        edit_menu.addSeparator()
        add_preferences_action(edit_menu, window)

        self.view_menu = ViewMenu(window, bar.addMenu(self.tr("&View")))
        kpi_menu = bar.addMenu(self.tr("&KPI"))
        self.new_kpi_action = self._action(
            kpi_menu, self.tr("&New KPI…"), lambda: self.window.open_wizard(0, 0), "Ctrl+Shift+N"
        )
        self.edit_wizard_action = self._action(
            kpi_menu, self.tr("Edit with &wizard…"), self.window._edit_selected_with_wizard
        )
        kpi_menu.addSeparator()
        self.next_year_action = self._action(
            kpi_menu, self.tr("&Plan next year…"), self.window.plan_next_year
        )
        track_menu = bar.addMenu(self.tr("&Track"))
        self.check_in_action = self._action(
            track_menu, self.tr("&Check in…"), self.window.check_in, "Ctrl+K"
        )
        self.actions_action = self._action(
            track_menu, self.tr("&Actions"), self.window.show_actions, "Ctrl+Shift+A"
        )
        review_menu = bar.addMenu(self.tr("&Review"))
        self.start_review_action = self._action(
            review_menu, self.tr("&Start a review…"), lambda: self.window.start_review(), "Ctrl+R"
        )
        self.review_history_action = self._action(
            review_menu, self.tr("Review &history"), self.window._show_review_history
        )
        toolbar = self.window.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        # Its actions have no icons, so the buttons show their text.
        toolbar.addAction(self.new_kpi_action)
        toolbar.addAction(self.check_in_action)
        toolbar.addAction(self.start_review_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.view_menu.editor_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.aboutToShow.connect(self._fill_help_menu)
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.shortcuts_action = self._action(
            self.help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts, "Ctrl+/"
        )
        self.help_menu.addSeparator()
        self.about_action = self._action(
            self.help_menu, self.tr("&About %1").replace("%1", APP_NAME), self.window.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._help_filled = False
        self.update()

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("MainWindowMenus", text)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding the platform has for it
        elif shortcut is not None:
            # (setShortcut() would build the whole `Qt` namespace to pick its overload)
            action.setShortcuts([QKeySequence(shortcut)])
        return action

    def _fill_help_menu(self) -> None:
        """The help pages above About, read from resources/help when the menu first opens."""
        if self._help_filled:
            return
        self._help_filled = True
        from kpi_desktop.ui.help_viewer import help_pages
        from kpi_desktop.ui.workspace.keyboard import mnemonic, with_mnemonic

        about = self.shortcuts_action
        taken = {mnemonic(a.text()) for a in self.help_menu.actions()}
        for title in help_pages():
            page = QAction(with_mnemonic(title.replace("&", "&&"), taken), self.help_menu)
            page.triggered.connect(lambda _c=False, t=title: self.window.show_help(t))
            self.help_menu.insertAction(about, page)
        self.help_menu.insertSeparator(about)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard shortcuts: every shortcut of the window (not modal)."""
        from kpi_desktop.ui.workspace.keyboard import ShortcutsDialog

        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.window)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        return self.shortcuts_dialog

    def _connect_team(self) -> None:
        from kpi_desktop.ui.workspace.team import connect_team_workspace

        connect_team_workspace(self.window)

    def _fill_recent_menu(self) -> None:
        from kpi_desktop.ui.workspace.team import open_recent, recent_label

        self.recent_menu.clear()
        recent = self.window.settings.recent_files()
        for number, path in enumerate(recent, start=1):  # "&1 plan.kpidb": Alt+1 opens it
            name = recent_label(str(path)).replace("&", "&&")
            action = self.recent_menu.addAction(f"&{number % 10} {name}" if number <= 10 else name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: open_recent(self.window, str(p)))
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
        self.view_menu.update()
        on_server = is_open and w.document.workspace.location.is_server  # type: ignore[union-attr]
        self.restore_action.setEnabled(not on_server)  # a server's backups are its admin's
        for action in (  # a read-only workspace (a team workspace's viewer) takes no edit
            self.import_action,
            self.new_kpi_action,
            self.edit_wizard_action,
            self.check_in_action,
            self.start_review_action,
        ):
            action.setEnabled(writable)
        has_kpi = w.view is not None and w.view.tree.selected()[0] == "kpi"
        self.export_chart_action.setEnabled(has_kpi)
        self.copy_chart_action.setEnabled(has_kpi)
        stack = w.document.undo_stack if w.document else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        if stack is not None:
            self.undo_action.setText(self.tr("&Undo {0}").format(stack.undoText()).rstrip(": "))
            self.redo_action.setText(self.tr("&Redo {0}").format(stack.redoText()).rstrip(": "))
