"""The header painted above an exported chart: the KPI's name as the title, and a subtitle
(goal, status word in its colour, latest value, progress, as-of date) broken into lines
that fit the chart's width.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from kpi_desktop.domain.formatting import format_date, format_percent
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.chart_layers import chart_font
from kpi_desktop.reports.chart_style import CHART, FONT_SIZES, STATUS_COLORS
from kpi_desktop.services.tracking.chart_data import ChartData

_MARGIN = 16  # left and right margin of the title and subtitle
_TITLE_TOP, _TITLE_HEIGHT = 8, 30
_LINE_HEIGHT = 20  # one subtitle line
_HEADER_GAP = 6  # between the subtitle and the plot


def subtitle_parts(data: ChartData) -> tuple[str, str, str]:
    """The export subtitle in three pieces: before the status word, the word, after it."""
    after = []
    if data.latest is not None:
        latest = data.format_value(data.latest.value)
        after.append(translate("Chart", "latest %1").replace("%1", latest))
    if data.progress is not None:
        way = translate("Chart", "%1 of the way to target")
        after.append(way.replace("%1", format_percent(data.progress)))
    after.append(translate("Chart", "as of %1").replace("%1", format_date(data.as_of)))
    goal = translate("Chart", "Goal: %1").replace("%1", data.goal_title)
    return f"{goal} · ", data.status.label, " · " + " · ".join(after)


def subtitle_text(data: ChartData) -> str:
    """Goal, status, latest value, progress and as-of date in one line."""
    return "".join(subtitle_parts(data))


def _title_font() -> QFont:
    font = chart_font(FONT_SIZES["title"])
    font.setBold(True)
    return font


_Piece = tuple[str, QFont, str]  # text, font, colour


def _subtitle_pieces(data: ChartData) -> list[_Piece]:
    """The subtitle's pieces, shown with a ``·`` between them: the goal, the status word
    (bold, in the status colour), the latest value, progress and the as-of date."""
    regular = chart_font(FONT_SIZES["subtitle"])
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
    return QFontMetricsF(chart_font(FONT_SIZES["subtitle"])).horizontalAdvance("  ·  ")


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


def paint_header(painter: QPainter, data: ChartData, width: float) -> None:
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
    regular = chart_font(FONT_SIZES["subtitle"])
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
