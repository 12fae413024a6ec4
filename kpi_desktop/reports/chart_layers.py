"""The chart's layers and the pens they are drawn with: the actual values, the plan, target,
baseline and milestones, the forecast, the limits of normal variation, the keep-within
band and the notes (annotations); and the legend entries they add (a band shows as a
filled box).

Each ``draw_*`` function adds one layer to a plot (see ``reports.chart.draw_chart``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate
from kpi_desktop.reports.chart_axes import date_to_x
from kpi_desktop.reports.chart_style import CHART, FONT_SIZES, MARKER_LIMIT
from kpi_desktop.services.review.annotations import numbered
from kpi_desktop.services.tracking.chart_data import ChartData

# -- pens, colours and fonts ----------------------------------------------------------------


def chart_color(color: str | QColor, alpha: int = 255) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def chart_pen(
    color: str | QColor,
    width: float,
    scale: float,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
) -> QPen:
    """A cosmetic pen (width in pixels whatever the zoom), widened by ``scale`` for images."""
    pen = QPen(chart_color(color) if isinstance(color, str) else color)
    pen.setWidthF(width * scale)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


def chart_font(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    # No ligatures: in a PDF or SVG export "fi" in "profitable" would be one glyph, which
    # search and copy read as the character "ﬁ".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _xy(points: Sequence[tuple[dt.date, float]]) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(date_to_x([d for d, _ in points]), dtype=np.float64)
    return xs, np.array([v for _, v in points], dtype=np.float64)


# -- the legend ----------------------------------------------------------------------------

#: The legend entries, in the order the legend lists them.
LEGEND_NAMES = (
    QT_TRANSLATE_NOOP("Chart", "Actual"),
    QT_TRANSLATE_NOOP("Chart", "Plan"),
    QT_TRANSLATE_NOOP("Chart", "Target"),
    QT_TRANSLATE_NOOP("Chart", "Baseline"),
    QT_TRANSLATE_NOOP("Chart", "Milestones"),
    QT_TRANSLATE_NOOP("Chart", "Forecast"),
    QT_TRANSLATE_NOOP("Chart", "Same months last year"),
    QT_TRANSLATE_NOOP("Chart", "Average"),
    QT_TRANSLATE_NOOP("Chart", "Trend line"),
    QT_TRANSLATE_NOOP("Chart", "Normal variation"),
    QT_TRANSLATE_NOOP("Chart", "Keep within"),
    QT_TRANSLATE_NOOP("Chart", "Notes"),
)


class _LegendSample(pg.ItemSample):
    """Legend sample that shows a band as a filled box, and hides or shows a band's parts
    together when clicked (a plain sample would toggle only its stand-in item)."""

    def paint(self, p: QPainter, *args: object) -> None:
        band: _BandKey | None = getattr(self.item, "band_key", None)
        if band is None or not self.item.isVisible():
            super().paint(p, *args)
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(band.edge)
        p.setBrush(band.fill)
        p.drawRect(QRectF(2, 5, 16, 12))

    def mouseClickEvent(self, event: object) -> None:  # noqa: N802
        super().mouseClickEvent(event)
        band: _BandKey | None = getattr(self.item, "band_key", None)
        if band is not None:
            for part in band.parts:
                part.setVisible(self.item.isVisible())


class _BandKey:
    """What the legend needs to show a band: its pens and the items it is drawn with."""

    def __init__(self, edge: QPen, fill: QColor, parts: list[pg.GraphicsObject]) -> None:
        self.edge, self.fill, self.parts = edge, fill, parts


def _add_band_to_legend(
    plot: pg.PlotItem, name: str, edge: QPen, fill: QColor, parts: list[pg.GraphicsObject]
) -> None:
    if plot.legend is None:
        return
    stand_in = pg.PlotDataItem([], [], pen=edge, name=name)
    stand_in.band_key = _BandKey(edge, fill, parts)
    parts[0].legend_stand_in = stand_in  # keep it alive as long as the band
    plot.legend.addItem(stand_in, name)


def legend_style() -> dict[str, object]:
    return {
        "labelTextColor": CHART["foreground"],
        "labelTextSize": f"{FONT_SIZES['legend']}pt",
        "brush": chart_color(CHART["background"], 220),
        "pen": None,
        "sampleType": _LegendSample,
    }

    # -- the layers ----------------------------------------------------------------------------


def draw_actuals(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if not data.has_values:
        return
    window = data.series
    if window is None:
        dates, values, envelope = data.dates, data.values, False
    else:  # a long series: what the chart pane read of it (see set_actuals)
        dates, values, envelope = window.dates, window.values, window.envelope
    item = pg.PlotDataItem(
        pen=chart_pen(CHART["actual"], 2.0, s),
        symbol=None,
        symbolSize=6,
        symbolBrush=CHART["actual"],
        symbolPen=None,
        useCache=False,  # symbols painted as shapes: crisp at any scale (at most 500)
        name="Actual",
        skipFiniteCheck=True,  # the services refuse non-finite values
    )
    item.setZValue(10)
    set_actuals(item, dates, values, envelope=envelope)
    plot.addItem(item)


def set_actuals(
    item: pg.PlotDataItem, dates: np.ndarray, values: np.ndarray, *, envelope: bool = False
) -> None:
    """Show these values (or this envelope, see ``SeriesWindow``) in the "Actual" series."""
    few = not envelope and len(values) <= MARKER_LIMIT  # markers, and antialiasing: a wide
    # antialiased line through thousands of zig-zags takes seconds to paint; dense series
    # look the same without
    item.setData(date_to_x(dates), values, symbol="o" if few else None, antialias=few)


def _marker(
    points: Sequence[tuple[dt.date, float]], name: str, symbol: str, size: int, color: str, s: float
) -> pg.PlotDataItem:
    xs, ys = _xy(points)
    item = pg.PlotDataItem(
        xs,
        ys,
        pen=None,
        symbol=symbol,
        symbolSize=size,
        symbolBrush=color,
        symbolPen=chart_pen(CHART["background"], 1.0, s),
        useCache=False,
        name=name,
        antialias=True,
    )
    item.setZValue(11)
    return item


def _target_on_top(data: ChartData) -> bool:
    """Whether nothing the chart draws lies above the target line."""
    assert data.target is not None
    others = [v for _, v in (*data.pace, *data.milestones, *(data.forecast or ()))]
    others += [v for line in data.other_plans for _, v in line]
    others += [band.upper[i] for band in data.stretches for i in (0, 1)]
    if data.range_band is not None:
        others.append(data.range_band[1])
    if data.baseline is not None:
        others.append(data.baseline[1])
    highest = data.highest_value()
    if highest is not None:
        others.append(highest)
    return not others or data.target[1] >= max(others)


def draw_plan(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.pace:
        xs, ys = _xy(data.pace)
        pen = chart_pen(CHART["pace"], 2.0, s, Qt.PenStyle.DotLine)
        pace = pg.PlotDataItem(xs, ys, pen=pen, name="Plan", antialias=True)
        pace.setZValue(4)
        plot.addItem(pace)
    for i, line in enumerate(data.other_plans):  # the plans before or after a revision
        xs, ys = _xy(line)
        pen = chart_pen(CHART["pace"], 1.2, s, Qt.PenStyle.DashDotLine)
        before = bool(data.pace) and line[-1][0] <= data.pace[0][0]
        name = (
            QT_TRANSLATE_NOOP("Chart", "Plan before revision")
            if before
            else QT_TRANSLATE_NOOP("Chart", "Plan after revision")
        )
        other = pg.PlotDataItem(xs, ys, pen=pen, name=name if i == 0 else None)
        other.setZValue(3)
        plot.addItem(other)
    if data.target is not None:
        pen = chart_pen(CHART["target"], 1.5, s, Qt.PenStyle.DashLine)
        target = translate("Chart", "Target %1").replace("%1", data.format_value(data.target[1]))
        text = target.replace("{", "{{").replace("}", "}}")
        line = pg.InfiniteLine(
            pos=data.target[1],
            angle=0,
            pen=pen,
            movable=False,
            label=text,
            labelOpts={
                "position": 0.01,
                # Above the line, unless the line is the top of the chart (the label would
                # be cut off there): then under it.
                "anchors": [(0, 0), (0, 0)] if _target_on_top(data) else [(0, 1), (0, 1)],
                "color": CHART["target"],
            },
        )
        line.label.setFont(chart_font(FONT_SIZES["legend"]))
        line.setZValue(3)
        plot.addItem(line)
        marker = _marker([data.target], "Target", "star", 17, CHART["target"], s)
        marker.setPen(pen)  # the legend sample shows the dashed line with the star
        marker.setZValue(12)
        plot.addItem(marker)
    if data.baseline is not None:
        plot.addItem(_marker([data.baseline], "Baseline", "s", 10, CHART["baseline"], s))
    if data.milestones:
        plot.addItem(_marker(data.milestones, "Milestones", "d", 12, CHART["milestone"], s))


def draw_last_year(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    """Last year's values for the same months, moved on a year, as a thin grey line."""
    if not data.last_year:
        return
    xs, ys = _xy(data.last_year)
    pen = chart_pen(chart_color(CHART["foreground"], 120), 1.5, s)
    item = pg.PlotDataItem(
        xs,
        ys,
        pen=pen,
        symbol="o",
        symbolSize=5 * s,
        symbolBrush=chart_color(CHART["foreground"], 120),
        symbolPen=None,
        name="Same months last year",
        antialias=True,
    )
    item.setZValue(6)
    plot.addItem(item)


def draw_forecast(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.forecast is None:
        return
    xs, ys = _xy(data.forecast)
    pen = chart_pen(CHART["forecast"], 2.0, s, Qt.PenStyle.DashLine)
    item = pg.PlotDataItem(xs, ys, pen=pen, name="Forecast", antialias=True)
    item.setZValue(5)
    plot.addItem(item)


def _centre_line(data: ChartData) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every stretch's central line, a NaN between stretches so that it draws
    as steps (sloped where a stretch trends)."""
    xs: list[float] = []
    ys: list[float] = []
    for band in data.stretches:
        xs += [*date_to_x([band.first, band.end]), np.nan]
        ys += [*band.centre, np.nan]
    return np.asarray(xs[:-1], dtype=np.float64), np.asarray(ys[:-1], dtype=np.float64)


def draw_limits(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    """The natural-variation band of each stretch, and its central line ("Average", or
    "Trend line" when the latest stretch trends)."""
    if not data.stretches:
        return
    edge = chart_pen(chart_color(CHART["limits"], 170), 1.0, s)
    fill = chart_color(CHART["limits"], 50)
    items: list[pg.GraphicsObject] = []
    for band in data.stretches:  # one fill per stretch: FillBetweenItem cannot skip NaNs
        bx = np.asarray(date_to_x([band.first, band.end]), dtype=np.float64)
        low = pg.PlotCurveItem(bx, np.asarray(band.lower, dtype=np.float64), pen=edge)
        high = pg.PlotCurveItem(bx, np.asarray(band.upper, dtype=np.float64), pen=edge)
        items += [pg.FillBetweenItem(low, high, brush=fill), low, high]
    name = "Trend line" if data.trend_limits else "Average"
    mean_pen = chart_pen(CHART["limits"], 1.5, s, Qt.PenStyle.DashLine)
    mean = pg.PlotDataItem(*_centre_line(data), pen=mean_pen, name=name, connect="finite")
    for item in items:
        item.setZValue(1 if isinstance(item, pg.FillBetweenItem) else 2)
        plot.addItem(item)
    mean.setZValue(2)
    plot.addItem(mean)
    if len(data.stretches) > 1:  # the break at each lasting change, marked (not hoverable)
        low = min(min(b.lower) for b in data.stretches)
        high = max(max(b.upper) for b in data.stretches)
        xs: list[float] = []
        ys: list[float] = []
        for band in data.stretches[1:]:
            (x,) = date_to_x([band.first])
            xs += [x, x, np.nan]
            ys += [low, high, np.nan]
        pen = chart_pen(CHART["limits"], 1.0, s, Qt.PenStyle.DotLine)
        breaks = pg.PlotCurveItem(np.asarray(xs), np.asarray(ys), pen=pen, connect="finite")
        breaks.setZValue(1)
        plot.addItem(breaks)
    _add_band_to_legend(plot, "Normal variation", edge, fill, items)


def draw_range_band(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.range_band is None:
        return
    edge = chart_pen(chart_color(CHART["range"], 170), 1.0, s)
    fill = chart_color(CHART["range"], 35)
    region = pg.LinearRegionItem(
        values=data.range_band, orientation="horizontal", movable=False, brush=fill, pen=edge
    )
    region.setZValue(0)
    plot.addItem(region)
    _add_band_to_legend(plot, "Keep within", edge, fill, [region])


def _value_at(data: ChartData, day: dt.date) -> float:
    """The actual value of the period nearest ``day`` (the first or last one outside)."""
    dates = data.dates if data.series is None else data.series.dates
    values = data.values if data.series is None else data.series.values
    i = int(np.searchsorted(dates, np.datetime64(day, "D"), side="right")) - 1
    return float(values[min(max(i, 0), len(values) - 1)])


def _drawn_span(data: ChartData) -> tuple[float, float]:
    """The lowest and highest value the chart draws (values, plan, target, limits)."""
    values = data.values if data.series is None else data.series.values
    drawn = [float(np.min(values)), float(np.max(values))]
    drawn += [v for _, v in (*data.pace, *(data.forecast or ()))]
    drawn += [dv[1] for dv in (data.baseline, data.target) if dv is not None]
    drawn += [v for band in data.stretches for v in (*band.lower, *band.upper)]
    return min(drawn), max(drawn)


def draw_notes(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    """Each note as a numbered pin just above the line at its date, with a dotted line down
    the chart (a shaded span for a note over a period); the pins' tooltip is the note. The
    numbers are the order of ``data.notes``: the report and the deck list them so."""
    if not data.notes or not data.has_values:
        return
    low, high = _drawn_span(data)
    lift = (high - low) * 0.05 or max(abs(high) * 0.05, 1.0)
    color = CHART["note"]
    guide = chart_pen(chart_color(color, 150), 1.0, s, Qt.PenStyle.DotLine)
    xs: list[float] = []
    ys: list[float] = []
    for number, note in enumerate(data.notes, 1):
        x = float(date_to_x(note.start))
        y = _value_at(data, note.start) + lift
        xs.append(x)
        ys.append(y)
        if note.end is not None:
            span = np.asarray(date_to_x([note.start, note.end]), dtype=np.float64)
            bottom = pg.PlotCurveItem(span, np.full(2, low - lift), pen=None)
            top = pg.PlotCurveItem(span, np.full(2, high + lift), pen=None)
            fill = pg.FillBetweenItem(bottom, top, brush=chart_color(color, 28))
            fill.setZValue(0)
            plot.addItem(fill, ignoreBounds=True)
        line = pg.PlotCurveItem(np.array([x, x]), np.array([low - lift, y]), pen=guide)
        line.setZValue(3)
        plot.addItem(line, ignoreBounds=True)
        label = pg.TextItem(str(number), color=CHART["background"], anchor=(0.5, 0.5))
        label.setFont(chart_font(FONT_SIZES["legend"] - 2))
        label.setPos(x, y)
        label.setZValue(21)
        plot.addItem(label, ignoreBounds=True)
    pins = pg.ScatterPlotItem(
        xs,
        ys,
        symbol="o",
        size=14 * s,
        brush=color,
        pen=chart_pen(CHART["background"], 1.0, s),
        name="Notes",
        hoverable=True,
        tip=lambda x, y, data: data,
        data=numbered(data.notes),
    )
    pins.setZValue(20)
    plot.addItem(pins)
