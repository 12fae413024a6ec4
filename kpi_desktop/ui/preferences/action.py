"""Edit > Preferences…: the menu item (light at start-up: the dialog loads when chosen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from kpi_desktop.ui.main_window import MainWindow


def add_preferences_action(menu: QMenu, window: MainWindow) -> QAction:
    """Edit > Preferences… (the platform's Preferences role on macOS)."""
    action = menu.addAction(QCoreApplication.translate("PreferencesDialog", "&Preferences…"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.setShortcuts(QKeySequence.StandardKey.Preferences)
    action.triggered.connect(lambda: _edit(window))
    return action


def _edit(window: MainWindow) -> bool:
    from kpi_desktop.ui.preferences.dialog import edit_preferences

    return edit_preferences(window.settings, window)
