"""One painter for the strategy map: the tab, the PNG/SVG/PDF exports and the deck's slide."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator

from kpi_desktop import __version__
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS
from kpi_desktop.reports.output_file import ExportError, atomic_output
from kpi_desktop.reports.strategy_map.layout import BAND_TITLES, HEAD_H, MapLayout, Rect

_BAND_FILLS = ("#F3F6FA", "#FFFFFF")


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def paint_map(
    painter: QPainter,
    layout: MapLayout,
    *,
    selected_goal: int | None = None,
    selected_link: int | None = None,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), QColor(CHART["background"]))
    base = QFont(painter.font())
    base.setPointSizeF(9.0)
    bold = QFont(base)
    bold.setBold(True)
    for i, (band, rect) in enumerate(layout.bands):
        painter.fillRect(_qrect(rect), QColor(_BAND_FILLS[i % 2]))
        painter.setPen(QColor(CHART["muted"]))
        painter.setFont(bold)
        painter.drawText(
            QRectF(8, rect.y, 108, rect.h),
            Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            BAND_TITLES.get(band, band.capitalize()),
        )
        painter.setPen(QPen(QColor(CHART["grid"]), 1))
        painter.drawLine(QPointF(0, rect.y + rect.h), QPointF(layout.width, rect.y + rect.h))
    for placed in layout.goals:
        colour = QColor(STATUS_COLORS[placed.goal.status])
        r = _qrect(placed.rect)
        fill = QColor(colour)
        fill.setAlpha(38)
        width = 3.0 if placed.goal.id == selected_goal else 1.6
        painter.setPen(QPen(colour, width))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(r, 6, 6)
        head = QRectF(r.x(), r.y(), r.width(), HEAD_H)
        painter.setBrush(QBrush(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        path = QPainterPath()
        path.addRoundedRect(head, 6, 6)
        painter.drawPath(path)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(bold)
        title = painter.fontMetrics().elidedText(
            placed.goal.title, Qt.TextElideMode.ElideRight, int(r.width() - 16)
        )
        painter.drawText(head.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(base)
        metrics = painter.fontMetrics()
        for k in placed.kpis:
            kr = _qrect(k.rect)
            dot = QColor(STATUS_COLORS[k.kpi.status])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(dot))
            painter.drawEllipse(QPointF(kr.x() + 5, kr.center().y()), 4, 4)
            painter.setPen(QColor(CHART["foreground"]))
            name = k.kpi.name + (" (calculated)" if k.kpi.calculated else "")
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(kr.width() - 16))
            painter.drawText(kr.adjusted(14, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
        if placed.more:
            painter.setPen(QColor(CHART["muted"]))
            last = placed.kpis[-1].rect if placed.kpis else Rect(r.x(), r.y() + 14, r.width(), 17)
            painter.drawText(
                QRectF(last.x + 14, last.y + last.h, last.w, last.h),
                Qt.AlignmentFlag.AlignVCenter,
                f"+ {placed.more} more KPIs",
            )
    for arrow in layout.arrows:
        drives = arrow.kind == "drives"
        colour = QColor(CHART["foreground"] if drives else CHART["muted"])
        width = 3.0 if drives and arrow.link_id == selected_link else 1.8
        pen = QPen(colour, width)
        if not drives:
            pen.setStyle(Qt.PenStyle.DashLine)
        _arrow(painter, pen, QPointF(*arrow.start), QPointF(*arrow.end))


def _arrow(painter: QPainter, pen: QPen, a: QPointF, b: QPointF) -> None:
    painter.setPen(pen)
    painter.drawLine(a, b)
    angle = math.atan2(b.y() - a.y(), b.x() - a.x())
    size = 9.0
    left = QPointF(b.x() - size * math.cos(angle - 0.4), b.y() - size * math.sin(angle - 0.4))
    right = QPointF(b.x() - size * math.cos(angle + 0.4), b.y() - size * math.sin(angle + 0.4))
    painter.setBrush(QBrush(pen.color()))
    solid = QPen(pen)
    solid.setStyle(Qt.PenStyle.SolidLine)
    painter.setPen(solid)
    painter.drawPolygon(QPolygonF([b, left, right]))


def map_image(layout: MapLayout, scale: float = 2.0) -> QImage:
    image = QImage(
        int(layout.width * scale), int(layout.height * scale), QImage.Format.Format_ARGB32
    )
    image.fill(QColor(CHART["background"]))
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint_map(painter, layout)
    finally:
        painter.end()
    return image


def export_map(layout: MapLayout, path: Path | str, title: str = "Strategy map") -> Path:
    """Write the map as PNG, SVG or PDF (by the suffix), atomically, like a chart."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise ExportError(path, "a strategy map is saved as .png, .svg or .pdf")
    w, h = int(math.ceil(layout.width)), int(math.ceil(layout.height))
    with atomic_output(path) as partial:
        if suffix == ".png":
            if not map_image(layout).save(str(partial), "PNG"):
                raise ExportError(path, "the image could not be written here")
            return path
        device: QSvgGenerator | QPdfWriter
        if suffix == ".svg":
            device = QSvgGenerator()
            device.setFileName(str(partial))
            device.setSize(QSize(w, h))
            device.setViewBox(QRectF(0, 0, w, h))
            device.setResolution(96)
            device.setTitle(title)
        else:
            device = QPdfWriter(str(partial))
            device.setResolution(96)
            device.setPageSize(
                QPageSize(
                    QSizeF(w * 72 / 96, h * 72 / 96),
                    QPageSize.Unit.Point,
                    "",
                    QPageSize.SizeMatchPolicy.ExactMatch,
                )
            )
            device.setPageMargins(QMarginsF(0, 0, 0, 0))
            device.setTitle(title)
            device.setCreator(f"KPI Desktop {__version__}")
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError(path, "the file could not be written here")
        try:
            paint_map(painter, layout)
        finally:
            painter.end()
    return path
