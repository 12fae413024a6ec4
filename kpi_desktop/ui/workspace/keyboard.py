"""Keyboard use: Help > Keyboard shortcuts (every shortcut of the window, read from its
actions, so the list cannot go stale) and mnemonics for menu items made at run time."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutsDialog", text)


def plain(text: str) -> str:
    """A menu text without its mnemonic marks ("Save a &Copy…" -> "Save a Copy…")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic(text: str) -> str:
    """The letter after a single "&" in ``text`` (lower case), or ""."""
    i = text.replace("&&", "  ").find("&")
    return text[i + 1].lower() if 0 <= i < len(text) - 1 else ""


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with "&" before its first letter that no other item of the menu uses
    (the letter is added to ``taken``); unchanged when it has one or no letter is free."""
    if mnemonic(text):
        taken.add(mnemonic(text))
        return text
    for i, char in enumerate(text):
        if char.isalnum() and char.lower() not in taken:
            taken.add(char.lower())
            return text[:i] + "&" + text[i:]
    return text


def keys_text(action: QAction) -> str:
    """The keys of ``action`` as people type them (without the "New", "Undo"... keys of
    multimedia keyboards that Qt binds to the standard actions as well)."""
    from PySide6.QtCore import Qt

    special = {
        Qt.Key.Key_New, Qt.Key.Key_Open, Qt.Key.Key_Close, Qt.Key.Key_Save, Qt.Key.Key_Undo,
        Qt.Key.Key_Redo, Qt.Key.Key_Find, Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Paste,
    }  # fmt: skip
    typed = [seq for seq in action.shortcuts() if seq.count() and seq[0].key() not in special]
    return ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in typed)


def _menu_rows(menu: QMenu, path: list[str], seen: set[int]) -> Iterable[tuple[str, str, str]]:
    for action in menu.actions():
        seen.add(id(action))
        if action.menu() is not None:
            yield from _menu_rows(action.menu(), [*path, plain(action.text())], seen)
        elif not action.isSeparator() and action.shortcuts():
            yield " > ".join(path), plain(action.text()), keys_text(action)


def _owner_name(action: QAction) -> str:
    owner = action.parent()
    while isinstance(owner, QWidget):
        if owner.accessibleName():
            return owner.accessibleName()
        owner = owner.parentWidget()
    return _tr("Window")


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action of ``window`` that has a shortcut: the menus'
    first (by menu path), then the panes' own (the goal tree's, the values table's...)."""
    seen: set[int] = set()
    rows: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            rows += _menu_rows(top.menu(), [plain(top.text())], seen)
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.shortcuts() and not action.menu():
            rows.append((_owner_name(action), plain(action.text()), keys_text(action)))
    return rows


def general_rows() -> list[tuple[str, str, str]]:
    """What the keyboard does everywhere, beside the actions' own shortcuts."""
    where = _tr("Everywhere")
    return [
        (where, _tr("Open a menu"), _tr("Alt + its underlined letter")),
        (where, _tr("Go to a tab or a field"), _tr("Alt + its underlined letter")),
        (where, _tr("Next pane or field"), _tr("Tab (Shift+Tab: back)")),
        (where, _tr("Next tab"), _tr("Ctrl+Tab (Ctrl+Shift+Tab: back)")),
        (where, _tr("Open the chart of a tile or list item"), _tr("Enter")),
    ]


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: a list, grouped by menu and pane (not modal)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for where, what, keys in [*shortcut_rows(window), *general_rows()]:
            group = groups.get(where)
            if group is None:
                group = groups[where] = QTreeWidgetItem(self.tree, [where])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
            QTreeWidgetItem(group, [what, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(max(560, self.tree.header().length() + 60), 600)

    def rows(self) -> list[tuple[str, str, str]]:
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                out.append((group.text(0), item.text(0), item.text(1)))
        return out
