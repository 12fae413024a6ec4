"""The Size page's small chart: history, normal range, business as usual, milestones and
the target, on a white background."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPen

from kpi_desktop.domain.types import Point
from kpi_desktop.ui.theme import CHART


def _x(d: dt.date) -> float:
    """Seconds since 1970 at midnight UTC (the chart's x)."""
    return float(calendar.timegm(d.timetuple()))


def _pen(color: str, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = pg.mkPen(QColor(color), width=width)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


class SizePreview(pg.PlotWidget):
    """A small chart; ``show_plan()`` redraws it."""

    def __init__(self) -> None:
        super().__init__(axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)})
        self.setBackground(CHART["background"])
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(CHART["foreground"]))
            axis.setTextPen(pg.mkPen(CHART["foreground"]))
        item.getAxis("left").setWidth(52)
        item.showGrid(x=False, y=True, alpha=0.25)
        self.setMinimumSize(260, 150)
        self.curves: dict[str, pg.PlotDataItem] = {}

    def show_plan(
        self,
        history: Sequence[Point],
        limits: tuple[tuple[Point, Point], tuple[Point, Point]] | None,
        baseline: tuple[dt.date, float] | None,
        target: tuple[dt.date, float] | None,
        milestones: Sequence[Point],
        forecast_line: tuple[Point, Point] | None = None,
    ) -> None:
        item = self.getPlotItem()
        item.clear()
        self.curves = {}
        if history:
            xs = [_x(p.period) for p in history]
            ys = [p.value for p in history]
            self.curves["history"] = item.plot(
                xs,
                ys,
                pen=_pen(CHART["actual"]),
                symbol="o",
                symbolSize=4,
                symbolBrush=CHART["actual"],
                symbolPen=None,
            )
            if limits is not None:  # over the window, sloped for a steady trend
                dash = Qt.PenStyle.DotLine
                for key, (a, b) in zip(("lower", "upper"), limits, strict=True):
                    self.curves[key] = item.plot(
                        [_x(a.period), _x(b.period)],
                        [a.value, b.value],
                        pen=_pen(CHART["limits"], 1.2, dash),
                    )
        if forecast_line is not None:
            start, end = forecast_line
            self.curves["forecast"] = item.plot(
                [_x(start.period), _x(end.period)],
                [start.value, end.value],
                pen=_pen(CHART["forecast"], 1.5, Qt.PenStyle.DotLine),
            )
        if baseline is not None and milestones:
            xs = [_x(baseline[0])] + [_x(m.period) for m in milestones]
            ys = [baseline[1]] + [m.value for m in milestones]
            self.curves["milestones"] = item.plot(
                xs,
                ys,
                pen=_pen(CHART["milestone"], 1.5, Qt.PenStyle.DashLine),
                symbol="o",
                symbolSize=5,
                symbolBrush=CHART["milestone"],
                symbolPen=None,
            )
        if target is not None:
            self.curves["target"] = item.plot(
                [_x(target[0])],
                [target[1]],
                pen=None,
                symbol="star",
                symbolSize=14,
                symbolBrush=CHART["target"],
                symbolPen=pg.mkPen(CHART["target"]),
            )
        item.enableAutoRange()


def legend_text() -> str:
    """The key under the chart, as rich text: each curve's colour, line and name."""
    translate = QCoreApplication.translate
    keys = (
        ("#1F4E79", "━", translate("SizePage", "history")),
        ("#56B4E9", "┈", translate("SizePage", "normal range")),
        ("#E69F00", "┈", translate("SizePage", "business as usual")),
        ("#CC79A7", "╌", translate("SizePage", "milestones")),
        ("#0072B2", "★", translate("SizePage", "target")),
    )
    return "&nbsp;&nbsp;".join(f'<span style="color:{c}">{m} {t}</span>' for c, m, t in keys)
