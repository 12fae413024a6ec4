"""The one KPI chart renderer: the chart pane draws with it and every export renders with it.

:func:`draw_chart` draws a :class:`~kpi_desktop.services.tracking.chart_data.ChartData` into a
pyqtgraph ``PlotItem``; :func:`make_chart_widget` builds the widget both the pane and the
exports use (white background, the legend beside the plot, not over the data);
:func:`render_chart_png` renders a titled chart to a PNG file.

The parts live beside it: the axes and dates as x coordinates in ``chart_axes``
(:func:`date_to_x`), the drawn layers and legend in ``chart_layers``, the title and
subtitle in ``chart_header``. Callers import all of them from here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate
from kpi_desktop.reports.chart_axes import ValueAxisItem, date_to_x, x_to_date
from kpi_desktop.reports.chart_header import (
    header_height,
    paint_header,
    subtitle_parts,
    subtitle_text,
)
from kpi_desktop.reports.chart_layers import (
    LEGEND_NAMES,
    chart_font,
    chart_pen,
    draw_actuals,
    draw_forecast,
    draw_last_year,
    draw_limits,
    draw_notes,
    draw_plan,
    draw_range_band,
    legend_style,
    set_actuals,
)
from kpi_desktop.reports.chart_style import CHART, FONT_SIZES
from kpi_desktop.services.tracking.chart_data import ChartData

# -- drawing --------------------------------------------------------------------------------


def _style_axes(plot: pg.PlotItem, pen_scale: float) -> None:
    if not isinstance(plot.getAxis("bottom"), pg.DateAxisItem):
        plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom")})
    if not isinstance(plot.getAxis("left"), ValueAxisItem):
        plot.setAxisItems({"left": ValueAxisItem(orientation="left")})
    tick_font = QFont()
    tick_font.setPointSize(FONT_SIZES["tick"])
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(chart_pen(CHART["foreground"], 1.0, pen_scale))
        axis.setTextPen(CHART["foreground"])
        axis.setTickPen(chart_pen(CHART["grid"], 1.0, pen_scale))
        axis.setStyle(tickFont=tick_font, tickTextOffset=6)
        axis.setZValue(-200)  # behind the view box (z -100): grid lines under the data
    plot.showGrid(x=True, y=True, alpha=1.0)


def unit_label(data: ChartData) -> str:
    """The y-axis title: the KPI's unit in words or symbol."""
    return data.unit or data.currency_symbol


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
        plot.addLegend(offset=(10, 10), **legend_style())
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
    draw_actuals(plot, data, s)
    draw_plan(plot, data, s)
    draw_forecast(plot, data, s)
    draw_last_year(plot, data, s)
    draw_limits(plot, data, s)
    draw_range_band(plot, data, s)
    draw_notes(plot, data, s)
    show_dates(plot, data)
    if plot.legend is not None:  # the series keep their English names (find_item); not so
        for _sample, label in plot.legend.items:  # the words a person reads
            label.setText(translate("Chart", label.text))


def date_extent(data: ChartData) -> tuple[dt.date, dt.date] | None:
    """The first and last date the chart draws anything at (values, plan, forecast)."""
    days: list[dt.date] = [d for d, _ in (*data.pace, *data.milestones)]
    days += [d for d, _ in data.forecast or ()]
    days += [d for line in data.other_plans for d, _ in line]
    days += [dv[0] for dv in (data.baseline, data.target) if dv is not None]
    days += [d for band in data.stretches for d in (band.first, band.end)]
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


# -- the widget and images ------------------------------------------------------------------


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
    legend = pg.LegendItem(**legend_style())
    legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    if legend_below:
        widget.addItem(legend, row=1, col=0)
    else:
        widget.addItem(legend, row=0, col=1)
    widget.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    plot.legend = legend
    widget.plot = plot
    return widget


# -- painting a titled chart on any device (image, SVG, PDF, report page) --------------------

#: What a chart with no values and no plan says instead of showing empty axes.
NOTHING_TO_CHART = QT_TRANSLATE_NOOP("Chart", "No values and no target yet: nothing to chart")
#: Charts narrower than this (logical pixels) show the legend under the plot, not beside it.
LEGEND_BELOW_WIDTH = 640


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
                    paint_header(painter, data, width)
                painter.setFont(chart_font(FONT_SIZES["label"]))
                painter.setPen(QColor(CHART["muted"]))
                painter.drawText(
                    QRectF(0, top, width, height - top),
                    Qt.AlignmentFlag.AlignCenter,
                    translate("Chart", NOTHING_TO_CHART),
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
                paint_header(painter, data, width)
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


__all__ = [
    "LEGEND_BELOW_WIDTH",
    "LEGEND_NAMES",
    "NOTHING_TO_CHART",
    "ChartPainter",
    "ValueAxisItem",
    "date_extent",
    "date_to_x",
    "draw_chart",
    "find_item",
    "header_height",
    "make_chart_widget",
    "paint_chart",
    "render_chart_image",
    "render_chart_png",
    "set_actuals",
    "show_dates",
    "subtitle_parts",
    "subtitle_text",
    "unit_label",
    "x_to_date",
]
