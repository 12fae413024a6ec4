"""Text alignments the item models and delegates return or paint with on every call,
combined once: Python enum arithmetic costs microseconds, and a view asks every cell."""

from __future__ import annotations

from PySide6.QtCore import Qt

LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: What a model's data() gives for Qt.TextAlignmentRole (an int, as views expect).
RIGHT_MIDDLE_ROLE = int(RIGHT_MIDDLE)

__all__ = ["LEFT_MIDDLE", "RIGHT_MIDDLE", "RIGHT_MIDDLE_ROLE"]
