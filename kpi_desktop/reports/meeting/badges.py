"""Status badges, so a status reads without colour (the same shapes as the app's badges), and
the badge line: a badge, a bold title and a muted detail under it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart_style import STATUS_COLORS
from kpi_desktop.reports.meeting.page_layout import Layout, PaintContext
from kpi_desktop.reports.meeting.style import (
    BODY_BOLD,
    INK,
    MUTED,
    SMALL,
)

# The same shapes as the app's status badges (ui.theme), so a status reads without colour.
_SHAPES = {
    Status.ACHIEVED: "star",
    Status.ON_TRACK: "circle",
    Status.AT_RISK: "triangle",
    Status.OFF_TRACK: "diamond",
    Status.NO_DATA: "ring",
}


def _shape_path(shape: str, r: QRectF) -> QPainterPath:
    path = QPainterPath()
    cx, cy = r.center().x(), r.center().y()
    if shape in ("circle", "ring"):
        path.addEllipse(r)
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(cx, r.top()), r.bottomRight(), r.bottomLeft()]))
        path.closeSubpath()
    elif shape == "diamond":
        points = [
            QPointF(cx, r.top()),
            QPointF(r.right(), cy),
            QPointF(cx, r.bottom()),
            QPointF(r.left(), cy),
        ]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    else:  # a five-pointed star
        outer, inner = r.width() / 2, r.width() / 5
        points = []
        for i in range(10):
            radius = outer if i % 2 == 0 else inner
            angle = math.pi / 2 + i * math.pi / 5
            points.append(QPointF(cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    return path


def paint_badge(p: QPainter, status: Status, r: QRectF) -> None:
    """The status's shape in its colour (a ring for no data)."""
    color = QColor(STATUS_COLORS[status])
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    shape = _SHAPES[status]
    if shape == "ring":
        pen = QPen(color, max(1.5, r.width() / 7))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(_shape_path(shape, r.adjusted(1, 1, -1, -1)))
    else:
        p.setPen(QPen(color.darker(130), 0.8))
        p.setBrush(color)
        p.drawPath(_shape_path(shape, r))
    p.restore()


def badge_line_height(layout: Layout, title: str, detail: str) -> float:
    indent = 24.0
    titles = len(layout.wrap(title, BODY_BOLD, layout.width - indent))
    details = len(layout.wrap(detail, SMALL, layout.width - indent)) if detail else 0
    return titles * layout.line_height(BODY_BOLD) + details * layout.line_height(SMALL) + 8


def badge_line(layout: Layout, status: Status, title: str, detail: str) -> None:
    """A badge, a bold title and a muted detail after it (wrapped under the title)."""
    indent = 24.0
    title_lines = layout.wrap(title, BODY_BOLD, layout.width - indent)
    detail_lines = layout.wrap(detail, SMALL, layout.width - indent) if detail else []
    lh_title, lh_detail = layout.line_height(BODY_BOLD), layout.line_height(SMALL)
    height = len(title_lines) * lh_title + len(detail_lines) * lh_detail + 8
    ascent_t, ascent_d = layout.metrics(BODY_BOLD).ascent(), layout.metrics(SMALL).ascent()

    def paint(ctx: PaintContext, r: QRectF) -> None:
        p = ctx.painter
        paint_badge(p, status, QRectF(r.left() + 2, r.top() + 3, 12, 12))
        y = r.top()
        p.setFont(BODY_BOLD)
        p.setPen(QColor(INK))
        for line in title_lines:
            p.drawText(QPointF(r.left() + indent, y + ascent_t), line)
            y += lh_title
        p.setFont(SMALL)
        p.setPen(QColor(MUTED))
        for line in detail_lines:
            p.drawText(QPointF(r.left() + indent, y + ascent_d), line)
            y += lh_detail

    layout.block(height, paint)
