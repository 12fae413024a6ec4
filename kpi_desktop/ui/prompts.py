"""Questions and messages for the user, behind one small object that tests replace.

Widgets never call QMessageBox themselves: they ask `Prompts`, so a test can answer
without a modal dialog ever opening.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Prompts:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, ok_label: str = "OK") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def open_file(self, title: str, start: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, start, filters)
        return path or None

    def save_file(self, title: str, start: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, start, filters)
        return path or None


class ScriptedPrompts(Prompts):
    """For tests: answers from a script and remembers what was asked; never opens a window."""

    def __init__(self, confirm: bool = True, files: list[str] | None = None) -> None:
        super().__init__(None)
        self.answer = confirm
        self.files = list(files or [])
        self.asked: list[tuple[str, str, str]] = []  # (kind, title, text)

    def confirm(self, title: str, text: str, ok_label: str = "OK") -> bool:
        self.asked.append(("confirm", title, text))
        return self.answer

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def open_file(self, title: str, start: str, filters: str) -> str | None:
        self.asked.append(("open_file", title, filters))
        return self.files.pop(0) if self.files else None

    def save_file(self, title: str, start: str, filters: str) -> str | None:
        self.asked.append(("save_file", title, filters))
        return self.files.pop(0) if self.files else None
