"""The light, meeting-ready look of every chart: on screen, in exports and in reports.

Plain data (colour names, sizes), so the UI theme can import it too: ``ui.theme.CHART`` and
``ui.theme.STATUS_COLORS`` are these same dicts.
"""

from __future__ import annotations

from kpi_desktop.domain.types import Status

# Colour-blind-aware palette (Okabe-Ito based), readable on light and dark backgrounds.
STATUS_COLORS: dict[Status, str] = {
    Status.ACHIEVED: "#0072B2",  # blue
    Status.ON_TRACK: "#009E73",  # green
    Status.AT_RISK: "#E69F00",  # orange
    Status.OFF_TRACK: "#D55E00",  # vermilion
    Status.NO_DATA: "#8C8C8C",  # grey
}

# Chart colours for a white, meeting-ready background.
CHART: dict[str, str] = {
    "background": "#FFFFFF",
    "foreground": "#333333",
    "muted": "#666666",  # subtitles, secondary text
    "grid": "#E5E5E5",
    "actual": "#1F4E79",
    "target": "#0072B2",
    "baseline": "#7F7F7F",
    "pace": "#009E73",
    "milestone": "#CC79A7",
    "forecast": "#E69F00",
    "limits": "#56B4E9",
    "range": "#009E73",
    "note": "#6A3D9A",  # annotations: the numbered pins and their spans
}

#: Point sizes of chart text (axis ticks, axis labels, legend, export title and subtitle).
FONT_SIZES: dict[str, int] = {
    "tick": 9,
    "label": 10,
    "legend": 9,
    "title": 15,
    "subtitle": 10,
}

#: Above this many actual values the markers are left off (the line alone reads better).
MARKER_LIMIT = 500
