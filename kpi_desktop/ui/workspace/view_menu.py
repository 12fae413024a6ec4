"""The View menu: the editor side panel (F9), going to the overview, the chart and the tree
filter, and the colour scheme (System, Light, Dark)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from kpi_desktop.ui.main_window import MainWindow


class ViewMenu:
    """Made by the main window's menus; its slots work on ``window.view`` when one is open."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self.menu = menu
        self.editor_action = self._add(self.tr("&Editor panel"), "F9", self._toggle_editor)
        self.editor_action.setCheckable(True)
        self.editor_action.setToolTip(self.tr("Show or hide the editor beside the chart (F9)"))
        self.editor_action.setIconText(self.tr("Editor"))
        menu.addSeparator()
        self.overview_action = self._add(self.tr("Go to the &overview"), "Ctrl+1", self._overview)
        self.chart_action = self._add(self.tr("Go to the &chart"), "Ctrl+2", self._chart)
        self.find_action = self._add(
            self.tr("&Find in the tree"), QKeySequence.StandardKey.Find, self._find
        )
        menu.addSeparator()
        schemes = menu.addMenu(self.tr("Colour &scheme"))
        self.scheme_group = QActionGroup(schemes)
        self.scheme_actions: dict[str, QAction] = {}
        chosen = window.settings.colour_scheme()
        for choice, text in (
            ("system", self.tr("Same as the &system")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = schemes.addAction(text)
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.triggered.connect(lambda _c=False, c=choice: self.set_scheme(c))
            self.scheme_group.addAction(action)
            self.scheme_actions[choice] = action
        if not any(a.isChecked() for a in self.scheme_actions.values()):
            self.scheme_actions["system"].setChecked(True)

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ViewMenu", text)

    def _add(self, text: str, keys: str | QKeySequence.StandardKey, slot: object) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(slot)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcuts([QKeySequence(keys)])
        return action

    def set_scheme(self, choice: str) -> bool:
        """Use colour scheme ``choice`` now and on the next start; True if the app is dark."""
        from PySide6.QtWidgets import QApplication

        from kpi_desktop.ui.appearance.scheme import apply_colour_scheme

        self.window.settings.set_colour_scheme(choice)
        self.scheme_actions[choice].setChecked(True)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        return apply_colour_scheme(app, choice)

    def _toggle_editor(self, shown: bool) -> None:
        if self.window.view is not None:
            self.window.view.set_editor_shown(shown)

    def _overview(self) -> None:
        view = self.window.view
        if view is not None:
            view.centre.setCurrentWidget(view.overview)

    def _chart(self) -> None:
        view = self.window.view
        if view is not None:
            view.centre.setCurrentWidget(view.chart_split)

    def _find(self) -> None:
        view = self.window.view
        if view is not None:
            view.tree.filter_box.setFocus()
            view.tree.filter_box.selectAll()

    def update(self) -> None:
        view = self.window.view
        for action in (
            self.editor_action,
            self.overview_action,
            self.chart_action,
            self.find_action,
        ):
            action.setEnabled(view is not None)
        self.editor_action.setChecked(view is not None and view.editor_shown())
