"""What a person sees cut off in a window: labels and line edits narrower than their text
needs, or cut by the pane they sit in. Used by the small-screen tests (issue 19)."""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

#: A line edit shows at least this many characters of a longer text (it scrolls the rest).
LINE_EDIT_CHARS = 12


def _plain(label: QLabel) -> str:
    text = label.text()
    if "<" in text:
        text = unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"<(?!br)[^>]+>", "", text)))
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` (in window coordinates) that its ancestors do not cut off."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window.parentWidget():
        corner = parent.mapTo(window, QPoint(0, 0)) if parent is not window else QPoint(0, 0)
        rect = rect.intersected(QRect(corner, parent.size()))
        if parent is window:
            break
        parent = parent.parentWidget()
    return rect


def needed_width(widget: QWidget) -> int:
    """The width ``widget``'s text needs: a label its whole line (or, when it wraps, its
    longest word); a line edit its text or ``LINE_EDIT_CHARS`` characters of it."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        text = _plain(widget)
        lines = text.split() if widget.wordWrap() else text.splitlines()
        widest = max((metrics.horizontalAdvance(part) for part in lines), default=0)
        margins = widget.contentsMargins()
        return widest + margins.left() + margins.right() + 2 * widget.margin() + widget.indent() * 0
    assert isinstance(widget, QLineEdit)
    text = widget.text() or widget.placeholderText()
    shown = text if len(text) <= LINE_EDIT_CHARS else text[:LINE_EDIT_CHARS]
    margins = widget.textMargins()
    return metrics.horizontalAdvance(shown) + margins.left() + margins.right() + 8


def clipped_widgets(window: QWidget) -> list[str]:
    """Every visible label or line edit of ``window`` (with text) that is cut: narrower
    than its text needs, or partly outside a pane around it (sideways)."""
    problems = []
    for widget in [*window.findChildren(QLabel), *window.findChildren(QLineEdit)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and (
            widget.pixmap() is not None and not widget.pixmap().isNull()
        ):
            continue
        text = _plain(widget) if isinstance(widget, QLabel) else widget.text()
        if not text.strip():
            continue
        shown = shown_rect(widget, window)
        if shown.isEmpty():
            continue  # scrolled out of view
        name = f"{type(widget).__name__} {text[:40]!r}"
        if shown.width() < widget.width():
            problems.append(f"{name}: {widget.width() - shown.width()} px cut off at the side")
        elif widget.width() < needed_width(widget):
            problems.append(f"{name}: {widget.width()} px wide, needs {needed_width(widget)}")
    return problems
