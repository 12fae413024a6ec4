"""The one KPI chart renderer: the chart pane draws with it and every export renders with it.

:func:`draw_chart` draws a :class:`~kpi_desktop.services.tracking.chart_data.ChartData` into a
pyqtgraph ``PlotItem``; :func:`make_chart_widget` builds the widget both the pane and the
exports use (white background, the legend beside the plot, not over the data);
:func:`render_chart_png` renders a titled chart to a PNG file.

Dates become x coordinates in one place, :func:`date_to_x`: pyqtgraph's ``DateAxisItem``
reads x as a Unix timestamp shown in *local* time, so a date is placed at its local
midnight (float64 seconds).
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from kpi_desktop.domain.formatting import format_percent
from kpi_desktop.reports.chart_style import CHART, FONT_SIZES, MARKER_LIMIT, STATUS_COLORS
from kpi_desktop.services.tracking.chart_data import ChartData

_SECONDS_PER_DAY = 86400
#: Local-time offsets are sampled this many days apart; every time-zone change (daylight
#: saving, law changes) lasts longer than this, so none slips between two samples.
_OFFSET_SAMPLE_DAYS = 14


# -- dates ----------------------------------------------------------------------------------


def date_to_x(d: dt.date | np.datetime64 | Sequence[dt.date] | np.ndarray) -> float | np.ndarray:
    """The x coordinate of a date: the Unix timestamp of its local midnight (float64).

    A single date gives a float; an array or sequence of dates (``datetime64[D]`` or
    ``datetime.date``) gives a float64 array. Vectorised: numpy work per date, plus one
    local-time look-up per two weeks of the span the dates cover (and a few per change of
    the clock), so a million dates take milliseconds, not seconds.
    """
    if isinstance(d, dt.date | np.datetime64):
        return float(_local_midnights(np.array([d], dtype="datetime64[D]"))[0])
    return _local_midnights(np.asarray(d, dtype="datetime64[D]"))


def x_to_date(x: float) -> dt.date:
    """The local calendar date at x (the inverse of :func:`date_to_x` for midnights)."""
    return dt.datetime.fromtimestamp(x).date()


def _local_midnights(days: np.ndarray) -> np.ndarray:
    day_numbers = days.astype(np.int64)
    utc = day_numbers.astype(np.float64) * _SECONDS_PER_DAY
    if day_numbers.size == 0:
        return utc
    first, last = int(day_numbers.min()), int(day_numbers.max())
    if day_numbers.size * _OFFSET_SAMPLE_DAYS < last - first:
        # Few dates over a long span (an envelope): ask for each date's offset directly.
        unique, where = np.unique(day_numbers, return_inverse=True)
        exact = np.array([_offset_at(int(d)) for d in unique], dtype=np.float64)
        return utc - exact[where.ravel()]
    change_days, offsets = _offset_steps(first, last)
    step = np.searchsorted(change_days, day_numbers, side="right") - 1
    return utc - offsets[step]


def _offset_at(day: int) -> float:
    """Seconds east of UTC of local midnight on a day (days since 1970-01-01)."""
    d = dt.date(1970, 1, 1) + dt.timedelta(days=day)
    try:
        local = time.mktime((d.year, d.month, d.day, 0, 0, 0, 0, 0, -1))
    except (OverflowError, OSError, ValueError):  # e.g. Windows before 1970
        return float(-time.timezone)
    return day * _SECONDS_PER_DAY - local


def _offset_steps(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """The days on which the local offset changes (from ``first``) and the offsets then."""
    key = (first, last, time.timezone, time.altzone, time.daylight, time.tzname)
    found = _STEPS_CACHE.get(key)
    if found is None:
        try:
            found = _offset_steps_fast(first, last)
        except (OverflowError, OSError, ValueError):  # e.g. Windows before 1970
            found = _offset_steps_exact(first, last)
        if len(_STEPS_CACHE) >= 32:
            _STEPS_CACHE.clear()
        _STEPS_CACHE[key] = found
    return found


_STEPS_CACHE: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = {}
#: Local midnight of a day lies between these instants (UTC+14 to UTC-12), in seconds from
#: that day's UTC midnight.
_EARLIEST_MIDNIGHT, _LATEST_MIDNIGHT = -14 * 3600, 12 * 3600


def _offset_steps_fast(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`_offset_steps_exact`, with one C-level ``localtime`` per sample to find the
    stretches where the offset may change, and exact local midnights only around those.

    A sample instant u_i (``_EARLIEST_MIDNIGHT`` after sample day i) is never later than
    day i's local midnight, which is before u_(i+1). A change between the local midnights
    of sample days i-1 and i therefore happens after u_(i-1) and before u_(i+1): the UTC
    offsets at u_(i-1), u_i and u_(i+1) differ somewhere, and the stretches around such a
    difference are checked (and bisected) with exact local midnights. Changes are more than
    ``_OFFSET_SAMPLE_DAYS`` apart, so two never cancel out between neighbouring samples.
    """
    samples = np.arange(first, last, _OFFSET_SAMPLE_DAYS, dtype=np.int64)
    samples = np.append(samples, last)
    instants = (samples * _SECONDS_PER_DAY + _EARLIEST_MIDNIGHT).tolist()
    utc_offsets = np.fromiter(
        map(attrgetter("tm_gmtoff"), map(time.localtime, instants)),
        dtype=np.float64,
        count=len(instants),
    )
    flagged = np.flatnonzero(np.diff(utc_offsets) != 0)  # between sample k and k+1
    exact: dict[int, float] = {}

    def offset(i: int) -> float:
        if i not in exact:
            exact[i] = _offset_at(int(samples[i]))
        return exact[i]

    stretches = sorted({j for k in flagged.tolist() for j in (k - 1, k, k + 1)})
    change_days = [first]
    offsets = [_offset_at(first)]
    for j in stretches:
        if j < 0 or j + 1 >= len(samples):
            continue
        before, after = offset(j), offset(j + 1)
        if before == after:
            continue
        lo, hi = int(samples[j]), int(samples[j + 1])  # the change is in (lo, hi]
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _offset_at(mid) == before:
                lo = mid
            else:
                hi = mid
        change_days.append(hi)
        offsets.append(after)
    return np.array(change_days, dtype=np.int64), np.array(offsets, dtype=np.float64)


def _offset_steps_exact(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """The days on which the local offset changes (from ``first``) and the offsets then,
    from exact local midnights every ``_OFFSET_SAMPLE_DAYS`` days."""
    samples = list(range(first, last, _OFFSET_SAMPLE_DAYS)) + [last]
    change_days = [first]
    offsets = [_offset_at(first)]
    previous_day, previous = first, offsets[0]
    for day in samples[1:]:
        offset = _offset_at(day)
        if offset != previous:  # the change is in (previous_day, day]: bisect for it
            lo, hi = previous_day, day
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_at(mid) == previous:
                    lo = mid
                else:
                    hi = mid
            change_days.append(hi)
            offsets.append(offset)
        previous_day, previous = day, offset
    return np.array(change_days, dtype=np.int64), np.array(offsets, dtype=np.float64)


# -- axes -----------------------------------------------------------------------------------


class ValueAxisItem(pg.AxisItem):
    """A value axis that reads like a business report: 12,500 rather than 1.25e4."""

    def __init__(self, orientation: str = "left", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        # Room for "15,000"-wide labels before the first paint measures them (pyqtgraph
        # starts at 30 px, so the first frame drew the axis title over the numbers).
        self.textWidth = 48

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        if spacing <= 0 or not math.isfinite(spacing):
            return [f"{v:,g}" for v in values]
        decimals = max(0, -math.floor(math.log10(spacing * scale)))
        texts = [f"{v * scale:,.{decimals}f}" for v in values]
        return [t[1:] if t.startswith("-") and not t.strip("-0.,") else t for t in texts]


def _style_axes(plot: pg.PlotItem, pen_scale: float) -> None:
    if not isinstance(plot.getAxis("bottom"), pg.DateAxisItem):
        plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom")})
    if not isinstance(plot.getAxis("left"), ValueAxisItem):
        plot.setAxisItems({"left": ValueAxisItem(orientation="left")})
    tick_font = QFont()
    tick_font.setPointSize(FONT_SIZES["tick"])
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(_pen(CHART["foreground"], 1.0, pen_scale))
        axis.setTextPen(CHART["foreground"])
        axis.setTickPen(_pen(CHART["grid"], 1.0, pen_scale))
        axis.setStyle(tickFont=tick_font, tickTextOffset=6)
        axis.setZValue(-200)  # behind the view box (z -100): grid lines under the data
    plot.showGrid(x=True, y=True, alpha=1.0)


# -- drawing --------------------------------------------------------------------------------

#: The legend entries, in the order the legend lists them.
LEGEND_NAMES = (
    "Actual",
    "Plan",
    "Target",
    "Baseline",
    "Milestones",
    "Forecast",
    "Average",
    "Normal variation",
    "Keep within",
)


def _color(color: str | QColor, alpha: int = 255) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def _pen(
    color: str | QColor,
    width: float,
    scale: float,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
) -> QPen:
    """A cosmetic pen (width in pixels whatever the zoom), widened by ``scale`` for images."""
    pen = QPen(_color(color) if isinstance(color, str) else color)
    pen.setWidthF(width * scale)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


def _font(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    # No ligatures: in a PDF or SVG export "fi" in "profitable" would be one glyph, which
    # search and copy read as the character "ﬁ".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _xy(points: Sequence[tuple[dt.date, float]]) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(date_to_x([d for d, _ in points]), dtype=np.float64)
    return xs, np.array([v for _, v in points], dtype=np.float64)


def unit_label(data: ChartData) -> str:
    """The y-axis title: the KPI's unit in words or symbol."""
    return data.unit or data.currency_symbol


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


def draw_chart(
    plot: pg.PlotItem,
    data: ChartData,
    *,
    legend: bool = True,
    title: bool = False,
    pen_scale: float = 1.0,
) -> None:
    """Clear ``plot`` and draw ``data`` into it.

    Every drawn series is named (``item.name()``) after its legend entry, see
    :data:`LEGEND_NAMES`. The legend is ``plot.legend`` when the plot has one (see
    :func:`make_chart_widget`, which puts it beside the plot), else one is added inside
    the plot. ``pen_scale`` widens every line, for images rendered at 2x or more (lines
    are cosmetic: their width is in device pixels).
    """
    plot.clear()
    if plot.legend is not None:
        plot.legend.clear()
    elif legend:
        plot.addLegend(offset=(10, 10), **_legend_style())
    if plot.legend is not None:
        plot.legend.setVisible(legend)
    _style_axes(plot, pen_scale)
    scene = plot.scene()
    for view in scene.views() if scene is not None else ():
        if isinstance(view, pg.GraphicsView):  # e.g. a bare PlotWidget: black by default
            view.setBackground(CHART["background"])
    label_style = {"color": CHART["foreground"], "font-size": f"{FONT_SIZES['label']}pt"}
    plot.setLabel("left", unit_label(data), **label_style)
    plot.getAxis("left").showLabel(bool(unit_label(data)))
    if title:
        plot.setTitle(data.kpi_name, color=CHART["foreground"], size=f"{FONT_SIZES['title']}pt")
    else:
        plot.setTitle(None)
    plot.setDownsampling(auto=True, mode="peak")
    plot.setClipToView(True)
    plot.setMenuEnabled(False)

    s = pen_scale
    _draw_actuals(plot, data, s)
    _draw_plan(plot, data, s)
    _draw_forecast(plot, data, s)
    _draw_limits(plot, data, s)
    _draw_range_band(plot, data, s)
    show_dates(plot, data)


def date_extent(data: ChartData) -> tuple[dt.date, dt.date] | None:
    """The first and last date the chart draws anything at (values, plan, forecast)."""
    days: list[dt.date] = [d for d, _ in (*data.pace, *data.milestones)]
    days += [d for d, _ in data.forecast or ()]
    days += [dv[0] for dv in (data.baseline, data.target) if dv is not None]
    days += list(data.limits_window or ())
    if data.first_date is not None and data.last_date is not None:
        days += [data.first_date, data.last_date]
    return (min(days), max(days)) if days else None


def show_dates(
    plot: pg.PlotItem,
    data: ChartData,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> None:
    """Show the dates from ``start`` to ``end`` (None: where the chart begins / ends), with
    the value axis fitted to what is visible.

    The x range is always set here, never left to auto-range: with clip-to-view (needed for
    a million points) pyqtgraph auto-ranges on the clipped data only, so zooming back out
    would stop at the last view.
    """
    extent = date_extent(data)
    if extent is None:
        return
    first, last = start or extent[0], end or extent[1]
    if last <= first:
        first, last = first - dt.timedelta(days=1), first + dt.timedelta(days=1)
    vb = plot.getViewBox()
    vb.setAutoVisible(y=True)
    vb.enableAutoRange(axis=pg.ViewBox.YAxis)
    vb.setXRange(date_to_x(first), date_to_x(last), padding=0.03)
    vb.updateAutoRange()


def find_item(plot: pg.PlotItem, name: str) -> pg.PlotDataItem | None:
    """The drawn series called ``name`` (see :data:`LEGEND_NAMES`), or None."""
    return next((i for i in plot.listDataItems() if i.name() == name), None)


def _draw_actuals(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if not data.has_values:
        return
    window = data.series
    if window is None:
        dates, values, envelope = data.dates, data.values, False
    else:  # a long series: what the chart pane read of it (see set_actuals)
        dates, values, envelope = window.dates, window.values, window.envelope
    item = pg.PlotDataItem(
        pen=_pen(CHART["actual"], 2.0, s),
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
        symbolPen=_pen(CHART["background"], 1.0, s),
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
    if data.limits is not None:
        others.append(data.limits.upper)
    if data.range_band is not None:
        others.append(data.range_band[1])
    if data.baseline is not None:
        others.append(data.baseline[1])
    highest = data.highest_value()
    if highest is not None:
        others.append(highest)
    return not others or data.target[1] >= max(others)


def _draw_plan(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.pace:
        xs, ys = _xy(data.pace)
        pen = _pen(CHART["pace"], 2.0, s, Qt.PenStyle.DotLine)
        pace = pg.PlotDataItem(xs, ys, pen=pen, name="Plan", antialias=True)
        pace.setZValue(4)
        plot.addItem(pace)
    if data.target is not None:
        pen = _pen(CHART["target"], 1.5, s, Qt.PenStyle.DashLine)
        text = f"Target {data.format_value(data.target[1])}".replace("{", "{{").replace("}", "}}")
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
        line.label.setFont(_font(FONT_SIZES["legend"]))
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


def _draw_forecast(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.forecast is None:
        return
    xs, ys = _xy(data.forecast)
    pen = _pen(CHART["forecast"], 2.0, s, Qt.PenStyle.DashLine)
    item = pg.PlotDataItem(xs, ys, pen=pen, name="Forecast", antialias=True)
    item.setZValue(5)
    plot.addItem(item)


def _draw_limits(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.limits is None or data.limits_window is None:
        return
    xs = np.asarray(date_to_x(list(data.limits_window)), dtype=np.float64)
    edge = _pen(_color(CHART["limits"], 170), 1.0, s)
    fill = _color(CHART["limits"], 50)
    lower = pg.PlotCurveItem(xs, np.full(2, data.limits.lower), pen=edge)
    upper = pg.PlotCurveItem(xs, np.full(2, data.limits.upper), pen=edge)
    band = pg.FillBetweenItem(lower, upper, brush=fill)
    mean_pen = _pen(CHART["limits"], 1.5, s, Qt.PenStyle.DashLine)
    mean = pg.PlotDataItem(xs, np.full(2, data.limits.mean), pen=mean_pen, name="Average")
    for z, item in ((1, band), (2, lower), (2, upper), (2, mean)):
        item.setZValue(z)
        plot.addItem(item)
    _add_band_to_legend(plot, "Normal variation", edge, fill, [band, lower, upper])


def _draw_range_band(plot: pg.PlotItem, data: ChartData, s: float) -> None:
    if data.range_band is None:
        return
    edge = _pen(_color(CHART["range"], 170), 1.0, s)
    fill = _color(CHART["range"], 35)
    region = pg.LinearRegionItem(
        values=data.range_band, orientation="horizontal", movable=False, brush=fill, pen=edge
    )
    region.setZValue(0)
    plot.addItem(region)
    _add_band_to_legend(plot, "Keep within", edge, fill, [region])


# -- the widget and images ------------------------------------------------------------------


def _legend_style() -> dict[str, object]:
    return {
        "labelTextColor": CHART["foreground"],
        "labelTextSize": f"{FONT_SIZES['legend']}pt",
        "brush": _color(CHART["background"], 220),
        "pen": None,
        "sampleType": _LegendSample,
    }


def make_chart_widget(
    parent: QWidget | None = None, *, legend_below: bool = False
) -> pg.GraphicsLayoutWidget:
    """A white chart widget: the plot, with its legend beside it (never over the data).

    The plot is ``widget.plot``; draw into it with :func:`draw_chart`. ``legend_below`` puts
    the legend under the plot, in columns (for narrow charts, so the plot keeps its width).
    """
    widget = pg.GraphicsLayoutWidget(parent)
    widget.setBackground(CHART["background"])
    widget.ci.setContentsMargins(4, 8, 8, 4)
    plot = widget.addPlot(
        row=0,
        col=0,
        axisItems={
            "bottom": pg.DateAxisItem(orientation="bottom"),
            "left": ValueAxisItem(orientation="left"),
        },
    )
    legend = pg.LegendItem(**_legend_style())
    legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    if legend_below:
        widget.addItem(legend, row=1, col=0)
    else:
        widget.addItem(legend, row=0, col=1)
    widget.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    plot.legend = legend
    widget.plot = plot
    return widget


def subtitle_parts(data: ChartData) -> tuple[str, str, str]:
    """The export subtitle in three pieces: before the status word, the word, after it."""
    after = []
    if data.latest is not None:
        after.append(f"latest {data.format_value(data.latest.value)}")
    if data.progress is not None:
        after.append(f"{format_percent(data.progress)} of the way to target")
    after.append(f"as of {data.as_of.day} {data.as_of:%b %Y}")
    return f"Goal: {data.goal_title} · ", data.status.label, " · " + " · ".join(after)


def subtitle_text(data: ChartData) -> str:
    """Goal, status, latest value, progress and as-of date in one line."""
    return "".join(subtitle_parts(data))


# -- painting a titled chart on any device (image, SVG, PDF, report page) --------------------

#: What a chart with no values and no plan says instead of showing empty axes.
NOTHING_TO_CHART = "No values and no target yet: nothing to chart"
#: Charts narrower than this (logical pixels) show the legend under the plot, not beside it.
LEGEND_BELOW_WIDTH = 640
_MARGIN = 16  # left and right margin of the title and subtitle
_TITLE_TOP, _TITLE_HEIGHT = 8, 30
_LINE_HEIGHT = 20  # one subtitle line
_HEADER_GAP = 6  # between the subtitle and the plot


def _title_font() -> QFont:
    font = _font(FONT_SIZES["title"])
    font.setBold(True)
    return font


_Piece = tuple[str, QFont, str]  # text, font, colour


def _subtitle_pieces(data: ChartData) -> list[_Piece]:
    """The subtitle's pieces, shown with a ``·`` between them: the goal, the status word
    (bold, in the status colour), the latest value, progress and the as-of date."""
    regular = _font(FONT_SIZES["subtitle"])
    bold = QFont(regular)
    bold.setBold(True)
    before, word, after = subtitle_parts(data)
    muted = CHART["muted"]
    pieces = [(before.removesuffix(" · "), regular, muted)]
    pieces.append((word, bold, STATUS_COLORS[data.status]))
    pieces += [(part, regular, muted) for part in after.removeprefix(" · ").split(" · ")]
    return pieces


def _separator_width() -> float:
    """The room for a ``·`` between two pieces: wide enough that a renderer whose text runs
    a little wider than Qt measured (SVG viewers) still leaves a gap on both sides."""
    return QFontMetricsF(_font(FONT_SIZES["subtitle"])).horizontalAdvance("  ·  ")


def _subtitle_lines(data: ChartData, width: float) -> list[list[_Piece]]:
    """The subtitle's pieces broken into lines that fit ``width`` (between pieces)."""
    room = width - 2 * _MARGIN
    gap = _separator_width()
    lines: list[list[_Piece]] = []
    used = 0.0
    for piece in _subtitle_pieces(data):
        text, font, _ = piece
        size = QFontMetricsF(font).horizontalAdvance(text)
        if lines and used + gap + size <= room:
            lines[-1].append(piece)
            used += gap + size
        else:
            lines.append([piece])
            used = size
    return lines


def header_height(data: ChartData, width: float) -> float:
    """Logical pixels the title and subtitle take above the plot at this width."""
    lines = len(_subtitle_lines(data, width))
    return _TITLE_TOP + _TITLE_HEIGHT + _LINE_HEIGHT * lines + _HEADER_GAP


def _paint_header(painter: QPainter, data: ChartData, width: float) -> None:
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setFont(_title_font())
    painter.setPen(QColor(CHART["foreground"]))
    title_rect = QRectF(_MARGIN, _TITLE_TOP, width - 2 * _MARGIN, _TITLE_HEIGHT)
    title = painter.fontMetrics().elidedText(
        data.kpi_name, Qt.TextElideMode.ElideRight, int(title_rect.width())
    )
    painter.drawText(title_rect, flags, title)

    right = float(width - _MARGIN)
    gap = _separator_width()
    regular = _font(FONT_SIZES["subtitle"])
    y = _TITLE_TOP + _TITLE_HEIGHT
    for line in _subtitle_lines(data, width):
        x = float(_MARGIN)
        for i, (text, font, color) in enumerate(line):
            if i:  # the separator, centred in its room
                painter.setFont(regular)
                painter.setPen(QColor(CHART["muted"]))
                dot = QRectF(x, y, gap, _LINE_HEIGHT)
                painter.drawText(dot, Qt.AlignmentFlag.AlignCenter, "·")
                x += gap
            painter.setFont(font)
            painter.setPen(QColor(color))
            metrics = painter.fontMetrics()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(right - x))
            painter.drawText(QRectF(x, y, right - x, _LINE_HEIGHT), flags, shown)
            x += metrics.horizontalAdvance(shown)
            if x >= right:
                break
        y += _LINE_HEIGHT


class ChartPainter:
    """Paints titled charts (title, subtitle, plot, legend) onto any QPainter: an image, an
    SVG generator, a PDF page. Keeps one offscreen chart widget, so that a report painting
    many charts lays out only one. Use as a context manager (the widget is freed at exit).

    Sizes are logical pixels (96 per inch): text keeps its point size whatever the chart's
    size, so a smaller chart has relatively larger text.
    """

    def __init__(self) -> None:
        if QApplication.instance() is None:
            pg.mkQApp()
        self._widgets: dict[bool, pg.GraphicsLayoutWidget] = {}

    def __enter__(self) -> ChartPainter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        for widget in self._widgets.values():
            widget.hide()
            widget.deleteLater()
        self._widgets.clear()

    def _widget(self, legend_below: bool) -> pg.GraphicsLayoutWidget:
        widget = self._widgets.get(legend_below)
        if widget is None:
            widget = make_chart_widget(legend_below=legend_below)
            widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            self._widgets[legend_below] = widget
        return widget

    def paint(
        self,
        painter: QPainter,
        data: ChartData,
        rect: QRectF,
        *,
        pen_scale: float = 1.0,
        header: bool = True,
    ) -> None:
        """Paint the chart into ``rect`` (in the painter's coordinates, taken as logical
        pixels) on a white background; with ``header``, under its title and subtitle.

        Lines are cosmetic (their width is in device pixels): on an image with a device
        pixel ratio of 2, pass ``pen_scale=2``.
        """
        width, height = rect.width(), rect.height()
        top = header_height(data, width) if header else 0.0
        if date_extent(data) is None:  # nothing to draw: say so rather than show bare axes
            painter.save()
            try:
                painter.translate(rect.topLeft())
                painter.fillRect(QRectF(0, 0, width, height), QColor(CHART["background"]))
                if header:
                    _paint_header(painter, data, width)
                painter.setFont(_font(FONT_SIZES["label"]))
                painter.setPen(QColor(CHART["muted"]))
                painter.drawText(
                    QRectF(0, top, width, height - top),
                    Qt.AlignmentFlag.AlignCenter,
                    NOTHING_TO_CHART,
                )
            finally:
                painter.restore()
            return
        plot_size = QSize(max(1, round(width)), max(1, round(height - top)))
        widget = self._widget(legend_below=width < LEGEND_BELOW_WIDTH)
        if widget.plot.legend is not None and width < LEGEND_BELOW_WIDTH:
            widget.plot.legend.setColumnCount(max(1, int(width // 150)))
        widget.resize(plot_size)
        draw_chart(widget.plot, data, legend=True, title=False, pen_scale=pen_scale)
        widget.show()  # lays the widget out (a widget never shown has size zero)
        QApplication.processEvents()
        show_dates(widget.plot, data)  # again, at the final size
        widget.grab()  # a first paint measures the tick labels and widens the axes to fit
        QApplication.processEvents()

        painter.save()
        try:
            painter.translate(rect.topLeft())
            painter.setClipRect(QRectF(0, 0, width, height))
            painter.fillRect(QRectF(0, 0, width, height), QColor(CHART["background"]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            if header:
                _paint_header(painter, data, width)
            # The scene, not the view: the view blits a cached background pixmap, which a
            # vector device (SVG, PDF) would embed as an image.
            source = QRectF(0, 0, plot_size.width(), plot_size.height())
            target = QRectF(0, top, plot_size.width(), plot_size.height())
            widget.scene().render(painter, target, source)
        finally:
            painter.restore()


def paint_chart(
    painter: QPainter, data: ChartData, rect: QRectF, *, pen_scale: float = 1.0
) -> None:
    """Paint one titled chart into ``rect`` of ``painter`` (see :class:`ChartPainter`)."""
    with ChartPainter() as chart:
        chart.paint(painter, data, rect, pen_scale=pen_scale)


def render_chart_image(data: ChartData, width: int, height: int, scale: float = 2) -> QImage:
    """The chart under its title and subtitle, as an image of (width x height) x ``scale``
    pixels (``width`` and ``height`` in logical pixels: text and lines keep their size)."""
    if QApplication.instance() is None:
        pg.mkQApp()
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(CHART["background"]))
    painter = QPainter(image)
    try:
        paint_chart(painter, data, QRectF(0, 0, width, height), pen_scale=scale)
    finally:
        painter.end()
    return image


def render_chart_png(
    data: ChartData, path: Path | str, width: int = 960, height: int = 540, scale: float = 2
) -> Path:
    """Write the titled chart to a PNG of (width x height) x ``scale`` pixels."""
    path = Path(path)
    image = render_chart_image(data, width, height, scale)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write the chart image to {path}")
    return path
