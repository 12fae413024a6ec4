"""Signals of real change on a KPI chart: a red ring around each signalling value.

Drawn after :func:`kpi_desktop.reports.chart.draw_chart`, into the same plot, for the pane
and for exports alike. The rings stay out of the legend (the header or subtitle says what
they mean); pointing at one shows its one-line explanation as a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen

from kpi_desktop.domain.types import Status
from kpi_desktop.domain.variation.signals import DatedSignal, SignalReport
from kpi_desktop.reports.chart import date_to_x
from kpi_desktop.reports.chart_style import STATUS_COLORS
from kpi_desktop.services.tracking.chart_data import ChartData

#: The ring colour: the off-track vermilion, the palette's "look here" colour.
SIGNAL_COLOR = STATUS_COLORS[Status.OFF_TRACK]
SIGNAL_ITEM = "signal_markers"  # attribute set on the ring item, to find it again


def _tip(x: float, y: float, data: object) -> str:
    return str(data or "")


def draw_signals(
    plot: pg.PlotItem,
    data: ChartData,
    signals: SignalReport | Iterable[DatedSignal],
    *,
    pen_scale: float = 1.0,
) -> pg.ScatterPlotItem | None:
    """Ring each signalling value of ``data`` in red; None when there is nothing to ring.

    Rings from an earlier call on the same plot are removed first.
    """
    for item in list(plot.items):
        if getattr(item, SIGNAL_ITEM, False):
            plot.removeItem(item)
    found = list(signals.signals if isinstance(signals, SignalReport) else signals)
    if not found or not data.has_values:
        return None
    xs = np.asarray(date_to_x([s.period for s in found]), dtype=np.float64)
    ys = np.asarray([s.value for s in found], dtype=np.float64)
    pen = QPen(QColor(SIGNAL_COLOR))
    pen.setWidthF(1.8 * pen_scale)
    pen.setCosmetic(True)
    rings = pg.ScatterPlotItem(
        x=xs,
        y=ys,
        data=[s.explanation for s in found],
        symbol="o",
        size=14 * pen_scale,
        pen=pen,
        brush=None,
        hoverable=True,
        tip=_tip,
        antialias=True,
    )
    rings.setZValue(20)
    setattr(rings, SIGNAL_ITEM, True)
    plot.addItem(rings, ignoreBounds=True)
    return rings


def find_signals(plot: pg.PlotItem) -> pg.ScatterPlotItem | None:
    """The rings drawn by :func:`draw_signals` on ``plot``, or None."""
    return next((i for i in plot.items if getattr(i, SIGNAL_ITEM, False)), None)


__all__ = ["SIGNAL_COLOR", "draw_signals", "find_signals"]
