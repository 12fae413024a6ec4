"""Colours, status badges and the light chart theme shared by every pane.

A status is never shown by colour alone: each has a shape and a word too.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPixmap, QPolygonF

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS

__all__ = [
    "CHART",
    "STATUS_COLORS",
    "STATUS_SHAPES",
    "item_icon",
    "status_color",
    "status_icon",
    "status_ink",
    "status_pixmap",
]

# Colours come from the chart style, so exports and panes agree.
# A shape per status so the badge reads without colour: star, circle, triangle, square...
STATUS_SHAPES: dict[Status, str] = {
    Status.ACHIEVED: "star",
    Status.ON_TRACK: "circle",
    Status.AT_RISK: "triangle",
    Status.OFF_TRACK: "diamond",
    Status.NO_DATA: "ring",
}


def status_color(status: Status) -> QColor:
    """The status colour on screen: the export colour on light, a lighter tint on dark."""
    from kpi_desktop.ui.appearance.contrast import STATUS_FILLS
    from kpi_desktop.ui.appearance.scheme import is_dark

    return QColor(STATUS_FILLS[is_dark()][status])


def status_ink(status: Status, palette: QPalette | None = None) -> QColor:
    """A status colour for text: 4.5:1 against the background of ``palette`` (WCAG AA)."""
    from kpi_desktop.ui.appearance.contrast import STATUS_INKS
    from kpi_desktop.ui.appearance.scheme import is_dark

    return QColor(STATUS_INKS[is_dark(palette)][status])


@cache
def status_icon(status: Status, size: int = 16) -> QIcon:
    """A small badge: the status colour in the status shape."""
    return QIcon(status_pixmap(status, size))


def status_pixmap(status: Status, size: int = 16) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    from kpi_desktop.ui.appearance.contrast import badge_outline
    from kpi_desktop.ui.appearance.scheme import is_dark

    color = status_color(status)
    p.setBrush(color)
    outline = p.pen()  # the outline carries the contrast where a fill is pale (WCAG 1.4.11)
    outline.setColor(QColor(badge_outline(status, is_dark())))
    outline.setWidthF(max(1.0, size / 12))
    p.setPen(outline)
    r = QRectF(1.5, 1.5, size - 3, size - 3)
    shape = STATUS_SHAPES[status]
    if shape == "circle":
        p.drawEllipse(r)
    elif shape == "ring":
        p.setBrush(Qt.BrushStyle.NoBrush)
        pen = p.pen()
        pen.setWidthF(max(1.5, size / 8))
        p.setPen(pen)
        p.drawEllipse(r.adjusted(1, 1, -1, -1))
    elif shape == "triangle":
        p.drawPolygon(
            QPolygonF([QPointF(r.center().x(), r.top()), r.bottomRight(), r.bottomLeft()])
        )
    elif shape == "diamond":
        c = r.center()
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), r.top()),
                    QPointF(r.right(), c.y()),
                    QPointF(c.x(), r.bottom()),
                    QPointF(r.left(), c.y()),
                ]
            )
        )
    else:  # star
        p.drawPath(_star_path(r))
    p.end()
    return pix


def _star_path(r: QRectF) -> QPainterPath:
    import math

    c, outer, inner = r.center(), r.width() / 2, r.width() / 4.6
    path = QPainterPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(c.x() + radius * math.cos(angle), c.y() + radius * math.sin(angle))
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    return path


@cache
def item_icon(kind: str, size: int = 16) -> QIcon:
    """Tree icons: a target for goals, a small bar chart for KPIs (drawn, so they follow the
    palette's text colour in light and dark themes)."""
    from PySide6.QtWidgets import QApplication

    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QApplication.palette().color(QPalette.ColorRole.Text)
    ink.setAlpha(170)
    pen = p.pen()
    pen.setColor(ink)
    pen.setWidthF(max(1.2, size / 12))
    p.setPen(pen)
    if kind == "goal":
        c = QPointF(size / 2, size / 2)
        for radius in (size * 0.42, size * 0.24):
            p.drawEllipse(c, radius, radius)
        p.setBrush(ink)
        p.drawEllipse(c, size * 0.07, size * 0.07)
    else:
        p.setBrush(ink)
        w = size / 5
        for i, h in enumerate((0.35, 0.6, 0.85)):
            x = size * 0.12 + i * (w + size * 0.1)
            p.drawRect(QRectF(x, size * (0.92 - h), w, size * h))
    p.end()
    return QIcon(pix)
