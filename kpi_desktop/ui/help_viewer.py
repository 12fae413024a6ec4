"""Help > the pages in resources/help/, shown as formatted Markdown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from kpi_desktop.paths import resource

# The pages an owner needs first come first; any other page follows by file name.
PAGE_ORDER = ("how-status-works.md", "how-sizing-works.md", "how-reminders-work.md")


def help_pages() -> dict[str, str]:
    """Page title (from its first heading) -> Markdown text, in file-name order."""
    folder = resource("help")
    pages = {}
    first = {name: i for i, name in enumerate(PAGE_ORDER)}
    for entry in sorted(folder.iterdir(), key=lambda e: (first.get(e.name, 99), e.name)):
        if entry.name.endswith(".md"):
            text = entry.read_text(encoding="utf-8")
            first = next((ln for ln in text.splitlines() if ln.startswith("# ")), entry.name)
            pages[first.lstrip("# ").strip()] = text
    return pages


class HelpViewer(QDialog):
    """A non-modal window listing the help pages with the chosen one on the right."""

    def __init__(self, parent: QWidget | None = None, page: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("KPI Desktop Help"))
        self.setModal(False)
        self.resize(900, 640)
        self.pages = help_pages()
        self.index = QListWidget()
        self.index.addItems(list(self.pages))
        self.index.setMaximumWidth(280)
        self.index.setWordWrap(True)
        self.index.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.index)
        layout.addWidget(self.browser, 1)
        self.index.currentTextChanged.connect(self.show_page)
        if self.pages:
            self.index.setCurrentRow(0)
        if page:
            self.show_page_containing(page)

    def show_page(self, title: str) -> None:
        self.browser.setMarkdown(self.pages.get(title, ""))
        self.browser.verticalScrollBar().setValue(0)

    def show_page_containing(self, words: str) -> None:
        for row, title in enumerate(self.pages):
            if words.lower() in title.lower():
                self.index.setCurrentRow(row)
                return

    def current_text(self) -> str:
        return self.browser.toPlainText()
