"""Where each part of a scorecard tile goes: the tile's fonts (made from the view's font)
and the rectangles of its name, goal line, "Real change" tag, value, trend, sparkline and
status line. The painter and the tooltips share it, so a tooltip is about what is painted
under the mouse."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from kpi_desktop.ui.scorecard.tile import TileContent

#: A tile is never narrower than this; the grid has as many columns as fit.
TILE_MIN_WIDTH = 250
STRIPE = 5  # height of the status-coloured strip on top of a tile
RADIUS = 6.0
PAD_X, PAD_TOP, PAD_BOTTOM = 14.0, 10.0, 12.0
SPARKLINE_HEIGHT = 38.0
BADGE = 16


translate = QCoreApplication.translate


def real_change_tag() -> str:
    """The words of the "Real change" tag, after a ring (the signal rings of the chart)."""
    return "◯ " + translate("KpiTile", "Real change")


def sparkline_points(values: tuple[float, ...], area: QRectF) -> list[QPointF]:
    """Where each value is drawn in `area` (oldest left, latest right; lowest at the
    bottom, highest at the top; a flat line in the middle)."""
    if not values:
        return []
    low, high = min(values), max(values)
    span = high - low
    step = area.width() / (len(values) - 1) if len(values) > 1 else 0.0
    out = []
    for i, v in enumerate(values):
        x = area.right() if len(values) == 1 else area.left() + i * step
        share = 0.5 if span == 0 else (v - low) / span
        out.append(QPointF(x, area.bottom() - share * area.height()))
    return out


def _scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(out.pointSizeF() * factor)
    else:
        out.setPixelSize(max(1, round(out.pixelSize() * factor)))
    if weight is not None:
        out.setWeight(weight)
    return out


class TileFonts:
    """The fonts of a tile, made from the view's font, with their metrics."""

    def __init__(self, base: QFont) -> None:
        self.body = QFont(base)
        self.name = _scaled(base, 1.08, QFont.Weight.Bold)
        self.small = _scaled(base, 0.9)
        self.value = _scaled(base, 1.9, QFont.Weight.Bold)
        self.bold = _scaled(base, 1.0, QFont.Weight.Bold)
        self.tag = _scaled(base, 1.0, QFont.Weight.DemiBold)
        self.body_m = QFontMetricsF(self.body)
        self.name_m = QFontMetricsF(self.name)
        self.small_m = QFontMetricsF(self.small)
        self.value_m = QFontMetricsF(self.value)
        self.bold_m = QFontMetricsF(self.bold)
        self.tag_m = QFontMetricsF(self.tag)
        self.goal_line_height = max(self.small_m.height(), self.tag_m.height())
        self.status_line_height = max(float(BADGE), self.bold_m.height(), self.body_m.height())

    def tile_height(self) -> int:
        inner = (
            self.name_m.height()
            + 2
            + self.goal_line_height
            + 6
            + self.value_m.height()
            + 4
            + SPARKLINE_HEIGHT
            + 8
            + self.status_line_height
        )
        return int(STRIPE + PAD_TOP + inner + PAD_BOTTOM + 0.999)


@dataclass(frozen=True, slots=True)
class TileLayout:
    """Where each part of a tile goes inside the tile's rectangle."""

    inner: QRectF  # the tile without its padding
    name: QRectF
    goal: QRectF
    tag: QRectF  # the "Real change" tag (empty without one)
    value_baseline: float
    trend: QRectF  # the trend arrow and word (empty without a trend)
    sparkline: QRectF
    status: QRectF  # badge + status word + progress

    @staticmethod
    def of(rect: QRectF, fonts: TileFonts, content: TileContent) -> TileLayout:
        inner = rect.adjusted(PAD_X, STRIPE + PAD_TOP, -PAD_X, -PAD_BOTTOM)
        y = inner.top()
        name = QRectF(inner.left(), y, inner.width(), fonts.name_m.height())
        y = name.bottom() + 2
        goal = QRectF(inner.left(), y, inner.width(), fonts.goal_line_height)
        tag_width = fonts.tag_m.horizontalAdvance(real_change_tag()) + 2
        tag = (
            QRectF(inner.right() - tag_width, y, tag_width, fonts.goal_line_height)
            if content.real_change
            else QRectF()
        )
        y = goal.bottom() + 6
        baseline = y + fonts.value_m.ascent()
        trend_width = fonts.bold_m.horizontalAdvance(content.trend_text) + 2
        trend = (
            QRectF(
                inner.right() - trend_width,
                baseline - fonts.bold_m.ascent(),
                trend_width,
                fonts.bold_m.height(),
            )
            if content.trend_text
            else QRectF()
        )
        y += fonts.value_m.height() + 4
        sparkline = QRectF(inner.left(), y, inner.width(), SPARKLINE_HEIGHT)
        y = sparkline.bottom() + 8
        status = QRectF(inner.left(), y, inner.width(), fonts.status_line_height)
        return TileLayout(inner, name, goal, tag, baseline, trend, sparkline, status)


__all__ = [
    "BADGE",
    "RADIUS",
    "SPARKLINE_HEIGHT",
    "STRIPE",
    "TILE_MIN_WIDTH",
    "TileFonts",
    "TileLayout",
    "real_change_tag",
    "sparkline_points",
]
