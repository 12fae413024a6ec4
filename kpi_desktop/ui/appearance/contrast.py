"""Status and chart colours per colour scheme, and the WCAG 2 contrast they are held to.

Plain data and arithmetic (no Qt), so the colours can be checked without a screen:
a status badge (a graphic) needs 3:1 against the background it sits on, a status word
(text) 4.5:1 (WCAG 2.1, success criteria 1.4.11 and 1.4.3). Exports keep the light colours of
``reports.chart_style`` whatever the screen shows.
"""

from __future__ import annotations

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS

#: WCAG AA minimums: normal text, and graphics (badges, lines that carry meaning).
AA_TEXT = 4.5
AA_GRAPHIC = 3.0

#: The backgrounds a status is drawn on, per scheme: the base of lists and tiles, and the
#: window (the chart header, forms). They are the palettes' Base and Window colours.
BACKGROUNDS: dict[bool, tuple[str, ...]] = {
    False: ("#FFFFFF", "#EFEFEF"),
    True: ("#1E2126", "#262A30"),
}

#: Badge fills. Light: the export colours (their outlines, 40 % darker, carry the contrast
#: where a fill is pale, as the at-risk orange is). Dark: lighter tints that read on dark.
STATUS_FILLS: dict[bool, dict[Status, str]] = {
    False: dict(STATUS_COLORS),
    True: {
        Status.ACHIEVED: "#56B4E9",
        Status.ON_TRACK: "#33C29A",
        Status.AT_RISK: "#F0B429",
        Status.OFF_TRACK: "#FF8A4C",
        Status.NO_DATA: "#A6A6A6",
    },
}

#: The colour of a status word or of good and bad news written in a status colour.
STATUS_INKS: dict[bool, dict[Status, str]] = {
    False: {
        Status.ACHIEVED: "#0072B2",
        Status.ON_TRACK: "#007A5A",
        Status.AT_RISK: "#8F5F00",
        Status.OFF_TRACK: "#A34500",
        Status.NO_DATA: "#666666",
    },
    True: STATUS_FILLS[True],
}

#: The chart pane on a dark background (exports always use ``CHART``, the light one).
DARK_CHART: dict[str, str] = {
    "background": "#1E2126",
    "foreground": "#E6E6E6",
    "muted": "#A6A6A6",
    "grid": "#3A3F46",
    "actual": "#8CC4F0",
    "target": "#56B4E9",
    "baseline": "#A6A6A6",
    "pace": "#33C29A",
    "milestone": "#E39AC6",
    "forecast": "#F0B429",
    "limits": "#56B4E9",
    "range": "#33C29A",
    "note": "#C7A6F0",
}
assert DARK_CHART.keys() == CHART.keys()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``: 0 (black) to 1 (white)."""
    h = color.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    r, g, b = (_channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darker(color: str, factor: int = 140) -> str:
    """``color`` darkened as QColor.darker(factor) does for these opaque colours (HSV value
    divided by factor / 100): the badge outline of the light scheme."""
    h = color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(c * 100 / factor):02X}" for c in (r, g, b))


def badge_outline(status: Status, dark: bool) -> str:
    """The pen of a status badge: darker than its fill on light, the fill itself on dark."""
    fill = STATUS_FILLS[dark][status]
    return fill if dark else darker(fill)
