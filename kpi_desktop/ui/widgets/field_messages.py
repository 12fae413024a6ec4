"""Inline messages and labels of the editors' forms: a refused value's message under its
field, the red border, hints and word-wrapped labels that do not widen a pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QWidget,
)

from kpi_desktop.domain.formatting import style
from kpi_desktop.domain.values import parse_number
from kpi_desktop.services.errors import KpiDesktopError

SAVE_DELAY_MS = 400  # pause in typing after which a text field saves

# A word-wrapped QLabel asks for a wide minimum by default, which widens a narrow pane.
WRAPPED_LABEL_MIN_WIDTH = 80

ERROR_COLOR = "#B3261E"  # message text: a dark red that reads on white
ERROR_BORDER = "#D55E00"  # the off-track vermilion of the theme

# Set on an editor's top widget; a field is marked with the dynamic property "invalid".
# Combo and spin boxes are left out on purpose: a border rule makes Qt draw them without
# their arrows. Their message under them is enough.
INVALID_FIELD_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QDateEdit[invalid="true"] {{
    border: 1px solid {ERROR_BORDER};
    border-radius: 2px;
    padding: 1px;
}}
QLabel#fieldMessage {{ color: {ERROR_COLOR}; }}
QLabel#fieldHint {{ color: palette(placeholder-text); }}
"""

SaveCallback = Callable[[dict[str, Any], str], KpiDesktopError | None]
LoadCallback = Callable[[], dict[str, Any] | None]


class FieldInputError(ValueError):
    """What the user typed is not a value at all (caught before asking the service)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field for the red border of INVALID_FIELD_STYLE (a dynamic property)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def format_number(value: float | None) -> str:
    """A stored number as the user reads and retypes it: 1200.0 -> "1,200", 0.25 -> "0.25"."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return localised(f"{int(value):,}")
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return localised(text) if parse_number(text) == value else repr(float(value))


def localised(text: str) -> str:
    """ "1,234.5" in the language's marks ("1.234,5" in German; parse_number reads both)."""
    marks = style()
    if marks.decimal == ".":
        return text
    return text.replace(",", "\0").replace(".", marks.decimal).replace("\0", marks.group)


# -- small widgets -------------------------------------------------------------------------


class WrappedLabel(QLabel):
    """A word-wrapped label that fits a narrow pane: it may shrink to a small width, and its
    size hint is its height at the width it has (Qt's own hint is for a guessed width, which
    leaves gaps in a form)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._hint_height = -1

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(WRAPPED_LABEL_MIN_WIDTH, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self.width() if self.width() > WRAPPED_LABEL_MIN_WIDTH else 240
        self._hint_height = self.heightForWidth(width)
        return QSize(WRAPPED_LABEL_MIN_WIDTH, self._hint_height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self._hint_height:
            self.updateGeometry()


class FieldMessage(WrappedLabel):
    """The inline message under a field: a warning sign and the reason, in red, wrapping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("fieldMessage")
        self._message = ""

    def message(self) -> str:
        return self._message

    def set_message(self, message: str) -> None:
        self._message = message
        self.setText(f"\u26a0 {message}" if message else "")


def hint_label(text: str) -> WrappedLabel:
    """A small grey sentence under a field that says what it is for."""
    label = WrappedLabel(text)
    label.setObjectName("fieldHint")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label
