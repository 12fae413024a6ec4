"""A KPI's chart as a native PowerPoint line chart: real chart XML with the values as its
data (the embedded workbook holds them), so PowerPoint, Keynote and Impress can restyle,
re-label and edit it.

Series, all lines on one date axis: the actual values; the plan (baseline -> milestones ->
target, interpolated at each date of the axis); the target as a level line; the centre
line and natural process limits over the stretch they were worked out on; for a KPI kept
within a range, its two bounds. Every series is padded to the shared dates with gaps
(``dispBlanksAs gap``), and the axis's base unit follows the KPI's frequency.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Sequence

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Emu, Pt

from kpi_desktop.domain.types import Frequency
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate
from kpi_desktop.reports.chart_style import CHART
from kpi_desktop.services.tracking.chart_data import ChartData, DatedValue
from kpi_desktop.services.tracking.chart_lines import StretchBand

#: A daily KPI shows its last this many values (a slide cannot show ten years of days).
MAX_POINTS = 400
_BASE_UNIT = {
    Frequency.DAILY: "days",
    Frequency.WEEKLY: "days",
    Frequency.MONTHLY: "months",
    Frequency.QUARTERLY: "months",
    Frequency.YEARLY: "years",
}
_NUMBER_FORMAT = {
    Frequency.DAILY: "d mmm yyyy",
    Frequency.WEEKLY: "d mmm yyyy",
    Frequency.MONTHLY: "mmm yyyy",
    Frequency.QUARTERLY: "mmm yyyy",
    Frequency.YEARLY: "yyyy",
}
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _interpolate(knots: Sequence[DatedValue], d: dt.date) -> float | None:
    """The plan's value on ``d`` (None outside the plan's dates)."""
    if not knots or d < knots[0][0] or d > knots[-1][0]:
        return None
    xs = [k[0].toordinal() for k in knots]
    x = d.toordinal()
    i = bisect_left(xs, x)
    if xs[i] == x:
        return knots[i][1]
    x0, y0, x1, y1 = xs[i - 1], knots[i - 1][1], xs[i], knots[i][1]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def series_of(chart: ChartData) -> tuple[list[dt.date], dict[str, list[float | None]]]:
    """The shared dates of the axis and each series' values on them (None: a gap)."""
    dates = [d.astype(dt.date) for d in chart.dates[-MAX_POINTS:]]
    values = [float(v) for v in chart.values[-MAX_POINTS:]]
    start = dates[0] if dates else None
    plan = [k for k in chart.pace if start is None or k[0] >= start] if chart.pace else []
    if chart.pace and start is not None and chart.pace[0][0] < start:
        first = _interpolate(chart.pace, start)
        plan = ([(start, first)] if first is not None else []) + plan
    axis = sorted(set(dates) | {k[0] for k in plan})
    actual = dict(zip(dates, values, strict=True))
    out: dict[str, list[float | None]] = {"Actual": [actual.get(d) for d in axis]}
    if plan:
        out["Plan"] = [_interpolate(plan, d) for d in axis]
    if chart.target is not None and chart.range_band is None:
        out["Target"] = [chart.target[1]] * len(axis)
    if chart.range_band is not None:
        low, high = chart.range_band
        out["Range low"] = [low] * len(axis)
        out["Range high"] = [high] * len(axis)
    if chart.stretches:  # each stretch's own line and limits (sloped where it trends)
        bands = [_band_at(chart, d) for d in axis]
        for name, part in _LIMIT_SERIES:
            out[name] = [
                None if b is None else _along(b, getattr(b, part), d)
                for b, d in zip(bands, axis, strict=True)
            ]
    pins = _note_pins(chart, axis, out["Actual"])
    if any(v is not None for v in pins):
        out["Notes"] = pins
    return axis, out


def _note_pins(
    chart: ChartData, axis: list[dt.date], actual: list[float | None]
) -> list[float | None]:
    """A marker on the actual value of the period each note starts in (None elsewhere)."""
    pins: list[float | None] = [None] * len(axis)
    for note in chart.notes:
        i = bisect_left(axis, note.start)
        if i == len(axis) or axis[i] > note.start:
            i -= 1
        if 0 <= i < len(axis) and actual[i] is not None and (note.start - axis[i]).days < 400:
            pins[i] = actual[i]
    return pins


_LIMIT_SERIES = (
    ("Average", "centre"),
    ("Upper natural limit", "upper"),
    ("Lower natural limit", "lower"),
)


def _band_at(chart: ChartData, d: dt.date) -> StretchBand | None:
    """The stretch band that holds date ``d`` (a band reaches to the next one's start)."""
    for band in reversed(chart.stretches):
        if band.first <= d <= band.end:
            return band
    return None


def _along(band: StretchBand, ends: tuple[float, float], d: dt.date) -> float:
    span = (band.end - band.first).days
    if span <= 0:
        return ends[0]
    return ends[0] + (ends[1] - ends[0]) * (d - band.first).days / span


_LOOK: dict[str, tuple[str, float, MSO_LINE_DASH_STYLE | None]] = {
    "Actual": (CHART["actual"], 2.25, None),
    "Plan": (CHART["pace"], 1.5, MSO_LINE_DASH_STYLE.DASH),
    "Target": (CHART["target"], 1.25, MSO_LINE_DASH_STYLE.LONG_DASH),
    "Range low": (CHART["range"], 1.25, MSO_LINE_DASH_STYLE.DASH),
    "Range high": (CHART["range"], 1.25, MSO_LINE_DASH_STYLE.DASH),
    "Average": (CHART["limits"], 1.0, None),
    "Upper natural limit": (CHART["limits"], 1.0, MSO_LINE_DASH_STYLE.SQUARE_DOT),
    "Lower natural limit": (CHART["limits"], 1.0, MSO_LINE_DASH_STYLE.SQUARE_DOT),
    "Notes": (CHART["note"], 0.0, None),
}
#: The series names of the deck's own (the others are the chart pane's: Chart context).
_NAMES = (
    QT_TRANSLATE_NOOP("Chart", "Range low"),
    QT_TRANSLATE_NOOP("Chart", "Range high"),
    QT_TRANSLATE_NOOP("Chart", "Upper natural limit"),
    QT_TRANSLATE_NOOP("Chart", "Lower natural limit"),
)


def add_kpi_chart(
    shapes: object, chart: ChartData, left: int, top: int, width: int, height: int
) -> object:
    """Add the native chart of ``chart`` to a slide's ``shapes``; returns the chart."""
    axis, series = series_of(chart)
    data = CategoryChartData(number_format=_value_format(chart))
    data.categories = axis
    for name, values in series.items():
        data.add_series(translate("Chart", name), values)
    frame = shapes.add_chart(  # type: ignore[attr-defined]
        XL_CHART_TYPE.LINE, Emu(left), Emu(top), Emu(width), Emu(height), data
    )
    native = frame.chart
    native.has_legend = True
    native.legend.position = XL_LEGEND_POSITION.BOTTOM
    native.legend.include_in_layout = False
    native.legend.font.size = Pt(10)
    native.font.size = Pt(10)
    native.font.color.rgb = RGBColor.from_string(CHART["foreground"].lstrip("#"))
    for plotted, key in zip(native.plots[0].series, series, strict=True):
        color, width_pt, dash = _LOOK[key]
        line = plotted.format.line
        line.color.rgb = RGBColor.from_string(color.lstrip("#"))
        line.width = Pt(width_pt)
        if dash is not None:
            line.dash_style = dash
        plotted.smooth = False
        if key == "Notes":  # markers only: a diamond on each note's period
            line.fill.background()
            plotted.marker.style = XL_MARKER_STYLE.DIAMOND
            plotted.marker.size = 11
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            continue
        plotted.marker.style = (
            XL_MARKER_STYLE.CIRCLE if key == "Actual" and len(axis) <= 60 else XL_MARKER_STYLE.NONE
        )
        if key == "Actual" and len(axis) <= 60:
            plotted.marker.size = 5
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
    category_axis = native.category_axis
    category_axis.tick_labels.number_format = _NUMBER_FORMAT[chart.frequency]
    category_axis.tick_labels.number_format_is_linked = False
    value_axis = native.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(
        CHART["grid"].lstrip("#")
    )
    low, high = value_range(series)
    value_axis.minimum_scale, value_axis.maximum_scale = low, high
    value_axis.tick_labels.number_format = _value_format(chart)
    value_axis.tick_labels.number_format_is_linked = False
    _set_base_unit(native, _BASE_UNIT[chart.frequency])
    return native


def value_range(series: dict[str, list[float | None]]) -> tuple[float, float]:
    """A value axis around the data (not from zero, which flattens a KPI that moves within
    a tenth of its level), on round steps: the lowest and highest value padded by 8 %."""
    values = [v for vs in series.values() for v in vs if v is not None]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    step = 10 ** math.floor(math.log10(pad))
    floor = math.floor((low - pad) / step) * step
    if low >= 0 > floor:
        floor = 0.0  # a count or a share never goes below zero
    return floor, math.ceil((high + pad) / step) * step


def _value_format(chart: ChartData) -> str:
    decimals = max(0, min(chart.decimals, 4))
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    if chart.unit == "%":
        return number + '"%"'
    if chart.unit_kind == "currency" and chart.currency_symbol:
        return f'"{chart.currency_symbol}"{number}'
    return number


def _set_base_unit(native: object, unit: str) -> None:
    """python-pptx leaves the date axis at days: monthly points would spread by day."""
    space = native._chartSpace  # type: ignore[attr-defined]
    for axis in space.iter(f"{{{_C}}}dateAx"):
        found = axis.find(f"{{{_C}}}baseTimeUnit")
        if found is None:
            found = etree.SubElement(axis, f"{{{_C}}}baseTimeUnit")
        found.set("val", unit)
