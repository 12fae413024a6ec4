"""Tables in the report: columns, cells (text lines, a status chip or a progress bar) and the
table block whose header row repeats after a page break.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPen,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS
from kpi_desktop.reports.meeting.badges import paint_badge
from kpi_desktop.reports.meeting.page_layout import Layout, PaintContext, paint_text, tint
from kpi_desktop.reports.meeting.style import (
    BAND,
    INK,
    MUTED,
    RULE,
    TABLE_BOLD,
)

Lines = list[tuple[str, QFont, str]]  # (text, font, colour) per line of a cell


@dataclass
class Column:
    title: str
    share: float  # of the table's width
    right: bool = False


@dataclass
class Cell:
    lines: Lines
    status: Status | None = None  # a status chip instead of text
    bar: float | None = None  # a progress bar under the text (0..1)


_PAD_X, _PAD_Y = 6.0, 5.0


def _cell_layout(layout: Layout, cell: Cell, width: float) -> list[tuple[str, QFont, str]]:
    room = width - 2 * _PAD_X - (18 if cell.status is not None else 0)
    out = []
    for text, font, color in cell.lines:
        out += [(line, font, color) for line in layout.wrap(text, font, room)]
    return out


def _cell_height(layout: Layout, lines: Lines, cell: Cell) -> float:
    height = sum(layout.line_height(font) for _, font, _ in lines)
    if cell.bar is not None:
        height += 8
    return height + 2 * _PAD_Y


def table(
    layout: Layout,
    columns: Sequence[Column],
    rows: Sequence[list[Cell] | str],
) -> None:
    """A table with a header row (repeated after a page break). A row that is a string is
    a group heading across the table."""
    widths = [c.share * layout.width for c in columns]
    header_h = layout.line_height(TABLE_BOLD) + 2 * _PAD_Y

    def paint_header(ctx: PaintContext, r: QRectF) -> None:
        p = ctx.painter
        p.fillRect(r, QColor(BAND))
        x = r.left()
        for column, w in zip(columns, widths, strict=True):
            cell = QRectF(x + _PAD_X, r.top(), w - 2 * _PAD_X, r.height())
            align = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            paint_text(p, cell, column.title, TABLE_BOLD, MUTED, align)
            x += w
        p.setPen(QPen(QColor(RULE), 1.0))
        p.drawLine(r.bottomLeft(), r.bottomRight())

    def header() -> None:
        layout.block(header_h, paint_header)

    first_row_h = header_h * 2.5
    layout.keep(header_h + first_row_h)
    header()
    step, ascent = layout.line_height(TABLE_BOLD), layout.metrics(TABLE_BOLD).ascent()
    for row in rows:
        if isinstance(row, str):
            titles = layout.wrap(row, TABLE_BOLD, layout.width - 2 * _PAD_X)
            height = step * len(titles) + 2 * _PAD_Y + 6
            if height + first_row_h > layout.room():
                layout.new_page()
                header()

            def paint_group(ctx: PaintContext, r: QRectF, titles: list[str] = titles) -> None:
                ctx.painter.setFont(TABLE_BOLD)
                ctx.painter.setPen(QColor(INK))
                for i, title in enumerate(titles):
                    at = QPointF(r.left() + _PAD_X, r.top() + 6 + _PAD_Y + ascent + i * step)
                    ctx.painter.drawText(at, title)

            layout.block(height, paint_group)
            continue
        laid = [_cell_layout(layout, cell, w) for cell, w in zip(row, widths, strict=True)]
        height = max(
            _cell_height(layout, lines, cell) for lines, cell in zip(laid, row, strict=True)
        )
        if height > layout.room():
            layout.new_page()
            header()

        def paint_row(
            ctx: PaintContext, r: QRectF, row: list[Cell] = row, laid: list[Lines] = laid
        ) -> None:
            p = ctx.painter
            x = r.left()
            for column, w, cell, lines in zip(columns, widths, row, laid, strict=True):
                _paint_cell(layout, p, QRectF(x, r.top(), w, r.height()), column, cell, lines)
                x += w
            p.setPen(QPen(QColor(RULE), 0.8))
            p.drawLine(r.bottomLeft(), r.bottomRight())

        layout.block(height, paint_row)


def _paint_cell(
    layout: Layout, p: QPainter, r: QRectF, column: Column, cell: Cell, lines: Lines
) -> None:
    x = r.left() + _PAD_X
    right = r.right() - _PAD_X
    y = r.top() + _PAD_Y
    if cell.status is not None:
        chip = QRectF(r.left() + 2, r.top() + 2, r.width() - 4, r.height() - 4)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(tint(STATUS_COLORS[cell.status], 38))
        p.drawRoundedRect(chip, 4, 4)
        p.restore()
        first_h = layout.line_height(lines[0][1]) if lines else 12
        paint_badge(p, cell.status, QRectF(x, y + (first_h - 11) / 2, 11, 11))
        x += 18
    for text, font, color in lines:
        h = layout.line_height(font)
        align = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
        paint_text(p, QRectF(x, y, right - x, h), text, font, color, align)
        y += h
    if cell.bar is not None:
        track = QRectF(x, y + 2, right - x, 4)
        p.fillRect(track, QColor("#E6E6E6"))
        share = max(0.0, min(1.0, cell.bar))
        p.fillRect(
            QRectF(track.left(), track.top(), track.width() * share, track.height()),
            QColor(CHART["actual"]),
        )
