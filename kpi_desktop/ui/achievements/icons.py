"""Icons of the kinds of achievement (target, milestone, streak, best), drawn, not loaded."""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import (
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)

from kpi_desktop.domain.achievements import AchievementKind
from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.types import Status
from kpi_desktop.ui.theme import CHART, STATUS_COLORS

_KIND_COLORS = {
    AchievementKind.TARGET: STATUS_COLORS[Status.ACHIEVED],
    AchievementKind.MILESTONE: CHART["milestone"],
    AchievementKind.STREAK: STATUS_COLORS[Status.ON_TRACK],
    AchievementKind.BEST: "#E69F00",
}

# -- icons ----------------------------------------------------------------------------------


def _star(r: QRectF) -> QPainterPath:
    import math

    c, outer, inner = r.center(), r.width() / 2, r.width() / 4.6
    path = QPainterPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(c.x() + radius * math.cos(angle), c.y() + radius * math.sin(angle))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


@cache
def kind_pixmap(kind: str, size: int = 24) -> QPixmap:
    """A small picture per kind: a star (target), a flag (milestone), rising bars (streak),
    a medal (best value); each in its own colour, so it reads without the colour too."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_KIND_COLORS.get(AchievementKind(kind), CHART["muted"]))
    p.setBrush(color)
    p.setPen(QPen(color.darker(140), max(1.0, size / 20)))
    s = float(size)
    if kind == AchievementKind.TARGET:
        p.drawPath(_star(QRectF(1.5, 1.5, s - 3, s - 3)))
    elif kind == AchievementKind.MILESTONE:
        p.drawRect(QRectF(s * 0.2, s * 0.1, s * 0.08, s * 0.8))
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.28, s * 0.12),
                    QPointF(s * 0.85, s * 0.3),
                    QPointF(s * 0.28, s * 0.5),
                ]
            )
        )
    elif kind == AchievementKind.STREAK:
        width = s * 0.2
        for i, h in enumerate((0.35, 0.6, 0.85)):
            p.drawRect(QRectF(s * 0.1 + i * (width + s * 0.08), s * (0.92 - h), width, s * h))
    else:  # best value: a medal on a ribbon
        ribbon = QColor(STATUS_COLORS[Status.ACHIEVED])
        p.save()
        p.setBrush(ribbon)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.25, 0),
                    QPointF(s * 0.45, 0),
                    QPointF(s * 0.6, s * 0.45),
                    QPointF(s * 0.4, s * 0.45),
                ]
            )
        )
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.55, 0),
                    QPointF(s * 0.75, 0),
                    QPointF(s * 0.6, s * 0.45),
                    QPointF(s * 0.4, s * 0.45),
                ]
            )
        )
        p.restore()
        p.drawEllipse(QRectF(s * 0.22, s * 0.38, s * 0.56, s * 0.56))
    p.end()
    return pix


@cache
def gold_star_pixmap(size: int = 28) -> QPixmap:
    """The celebration's star: gold, to stand out on the dark toast."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#F5C518"))
    p.setPen(QPen(QColor("#B8860B"), 1.2))
    p.drawPath(_star(QRectF(1.5, 1.5, size - 3, size - 3)))
    p.end()
    return pix


@cache
def kind_icon(kind: str, size: int = 24) -> QIcon:
    return QIcon(kind_pixmap(kind, size))


def when_text(d: dt.date) -> str:
    return format_date(d, "month")
