"""The meeting report's house style: page margins, ink colours, fonts (in points) and how
dates and periods are written.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import (
    QFont,
)

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, period_end, period_label
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.chart_style import STATUS_COLORS

# Layout (logical pixels) and type (points).
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 56.0, 70.0
FOOTER_OFFSET = 34.0  # footer baseline above the page's bottom edge
INK, MUTED, RULE, BAND = "#222222", "#5F5F5F", "#D9D9D9", "#F4F6F8"
OVERDUE = STATUS_COLORS[Status.OFF_TRACK]


def _font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    # No ligatures: a PDF stores "ff" in "staff" as one glyph, which search and copy
    # would then read as the character "ﬀ".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


BODY = _font(10)
BODY_BOLD = _font(10, bold=True)
SMALL = _font(8.5)
SMALL_BOLD = _font(8.5, bold=True)
NOTE = _font(9.5, italic=True)
TABLE = _font(9)
TABLE_BOLD = _font(9, bold=True)
H1 = _font(30, bold=True)
H2 = _font(18, bold=True)
H3 = _font(12.5, bold=True)
KICKER = _font(10.5, bold=True)


def long_date(d: dt.date) -> str:
    return format_date(d, "long")


def short_date(d: dt.date | None) -> str:
    return "—" if d is None else format_date(d)


def fiscal_year_line(fiscal: FiscalYear, as_of: dt.date) -> str:
    """The report header's line on a fiscal year that is not the calendar year: "Fiscal
    year April to March: FY 2026/27 runs from 1 April 2026 to 31 March 2027"."""
    start = fiscal.start_of(as_of)
    end = period_end(start, Frequency.YEARLY, fiscal=fiscal)
    return translate("Report", "Fiscal year {0}: {1} runs from {2} to {3}").format(
        fiscal.describe(), fiscal.name(start), long_date(start), long_date(end)
    )


def period_name(d: dt.date | None, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR) -> str:
    return "" if d is None else period_label(d, freq, fiscal=fiscal)
