"""Help > the pages in resources/help/, shown as formatted Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from kpi_desktop.i18n.catalogue import DEFAULT, language
from kpi_desktop.paths import resource

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# The pages an owner needs first come first; any other page follows by file name.
PAGE_ORDER = ("how-status-works.md", "how-sizing-works.md", "how-reminders-work.md")


def help_folder(code: str | None = None) -> Traversable:
    """resources/help/CODE (German pages in help/de) when the app ships them, else the
    English pages in resources/help."""
    code = code or language()
    folder = resource("help", code)
    return folder if code != DEFAULT and folder.is_dir() else resource("help")


def help_page(name: str) -> Traversable:
    """One page by its file name, in the language in use when it has one."""
    page = help_folder().joinpath(name)
    return page if page.is_file() else resource("help", name)


def help_pages() -> dict[str, str]:
    """Page title (from its first heading) -> Markdown text, in file-name order, in the
    language in use (resources/help/CODE/ holds the translated pages, same file names)."""
    return {title: text for title, (_name, text) in _pages().items()}


def _pages() -> dict[str, tuple[str, str]]:
    folder = help_folder()
    pages = {}
    first = {name: i for i, name in enumerate(PAGE_ORDER)}
    for entry in sorted(folder.iterdir(), key=lambda e: (first.get(e.name, 99), e.name)):
        if entry.name.endswith(".md"):
            text = entry.read_text(encoding="utf-8")
            first = next((ln for ln in text.splitlines() if ln.startswith("# ")), entry.name)
            pages[first.lstrip("# ").strip()] = (entry.name, text)
    return pages


class HelpViewer(QDialog):
    """A non-modal window listing the help pages with the chosen one on the right."""

    def __init__(self, parent: QWidget | None = None, page: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("KPI Desktop Help"))
        self.setModal(False)
        self.resize(900, 640)
        self.files = {title: name for title, (name, _text) in _pages().items()}
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
        for row, title in enumerate(self.pages):  # the title, or the (English) file name
            if words.lower() in title.lower() or words.lower() in self.files[title]:
                self.index.setCurrentRow(row)
                return

    def current_text(self) -> str:
        return self.browser.toPlainText()
