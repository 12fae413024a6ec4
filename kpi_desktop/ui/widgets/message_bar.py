"""A message line under a toolbar: a warning or a note, in place of a dialog."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QToolButton,
    QWidget,
)

_MESSAGE_STYLES = {
    "warning": ("#FFF4E0", "#E69F00", "#4A3000"),
    "info": ("#EAF2FA", "#0072B2", "#0B2F4A"),
}


class MessageBar(QFrame):
    """An inline message under the toolbar: an icon, the text (scrolls past a few lines, so
    every bad row stays listed) and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measurementsMessage")
        self.kind = ""
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setObjectName("measurementsMessageText")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._text)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.viewport().setAutoFillBackground(False)
        self._text.setAutoFillBackground(False)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self._scroll, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, kind: str = "warning") -> None:
        self.kind = kind
        background, border, ink = _MESSAGE_STYLES[kind]
        self.setStyleSheet(
            f"QFrame#measurementsMessage {{ background: {background}; "
            f"border: 1px solid {border}; border-radius: 4px; }}"
            f"QLabel#measurementsMessageText {{ color: {ink}; background: transparent; }}"
            "QScrollArea { background: transparent; }"
        )
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if kind == "warning"
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        self._icon.setPixmap(self.style().standardIcon(pixmap).pixmap(16, 16))
        self._text.setText(text)
        lines = min(text.count("\n") + 1, 6)
        height = self._text.fontMetrics().lineSpacing() * lines + 8
        self._scroll.setFixedHeight(height)
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self._text.clear()
        self.hide()

    def text(self) -> str:
        return self._text.text() if self.kind else ""
