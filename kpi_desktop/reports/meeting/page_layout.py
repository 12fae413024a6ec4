"""Laying a report out down its pages (``Layout``: blocks, paragraphs, headings, page breaks
with a running head) and the drawing primitives every page uses (text in a box, tints, the
page footer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
)

from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.meeting.style import (
    FOOTER_OFFSET,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    RULE,
    SMALL,
    SMALL_BOLD,
    long_date,
)
from kpi_desktop.services.review.report_data import (
    ReportData,
)

if TYPE_CHECKING:
    from kpi_desktop.reports.chart import ChartPainter


@dataclass
class PaintContext:
    painter: QPainter
    charts: ChartPainter
    chart_done: Callable[[str], None]


Step = Callable[[PaintContext], None]


class Layout:
    """Places blocks down the pages; remembers for each page the steps that paint it."""

    def __init__(self, page: QRectF, device: QPdfWriter) -> None:
        self.device = device
        self.page = page
        self.frame = page.adjusted(MARGIN_X, MARGIN_TOP, -MARGIN_X, -MARGIN_BOTTOM)
        self.pages: list[list[Step]] = [[]]
        self.y = self.frame.top()
        #: Said at the top of a page that a section runs on to ("Objective (continued)").
        self.running_head = ""

    @property
    def width(self) -> float:
        return self.frame.width()

    @property
    def left(self) -> float:
        return self.frame.left()

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def line_height(self, font: QFont) -> float:
        return self.metrics(font).lineSpacing()

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (its own line breaks kept)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                lines.append("")
                continue
            layout = QTextLayout(paragraph, font, self.device)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                start, length = line.textStart(), line.textLength()
                lines.append(paragraph[start : start + length].rstrip())
            layout.endLayout()
        return lines

    def text_height(self, text: str, font: QFont, width: float) -> float:
        return len(self.wrap(text, font, width)) * self.line_height(font)

    def room(self) -> float:
        return self.frame.bottom() - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.frame.top() + 0.5

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.frame.top()
        if self.running_head:
            title = self.metrics(SMALL_BOLD).elidedText(
                self.running_head, Qt.TextElideMode.ElideMiddle, self.width
            )
            ascent = self.metrics(SMALL_BOLD).ascent()

            def paint(ctx: PaintContext, r: QRectF) -> None:
                ctx.painter.setFont(SMALL_BOLD)
                ctx.painter.setPen(QColor(MUTED))
                ctx.painter.drawText(QPointF(r.left(), r.top() + ascent), title)

            where = QRectF(self.left, self.y, self.width, 1)
            self.pages[-1].append(lambda ctx: paint(ctx, where))
            self.y += self.line_height(SMALL_BOLD) + 10

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits below."""
        if height > self.room() and not self.at_top:
            self.new_page()

    def block(self, height: float, paint: Callable[[PaintContext, QRectF], None]) -> QRectF:
        """A block of ``height`` (on a new page when it does not fit here)."""
        self.keep(height)
        rect = QRectF(self.left, self.y, self.width, height)
        self.pages[-1].append(lambda ctx: paint(ctx, rect))
        self.y += height
        return rect

    def gap(self, height: float) -> None:
        if not self.at_top:
            self.y = min(self.y + height, self.frame.bottom())

    def paragraph(self, text: str, font: QFont, color: str = INK, *, indent: float = 0.0) -> None:
        """Wrapped text; it may run on over a page break, line by line."""
        height = self.line_height(font)
        ascent = self.metrics(font).ascent()
        for line in self.wrap(text, font, self.width - indent):

            def paint(ctx: PaintContext, r: QRectF, line: str = line) -> None:
                ctx.painter.setFont(font)
                ctx.painter.setPen(QColor(color))
                ctx.painter.drawText(QPointF(r.left() + indent, r.top() + ascent), line)

            self.block(height, paint)

    def heading(
        self, text: str, font: QFont, *, keep_with: float = 0.0, rule: bool = False
    ) -> None:
        """A heading kept on one page with the ``keep_with`` pixels that follow it."""
        lines = self.wrap(text, font, self.width)
        height = len(lines) * self.line_height(font) + (8 if rule else 2)
        self.keep(height + keep_with)
        ascent = self.metrics(font).ascent()
        step = self.line_height(font)

        def paint(ctx: PaintContext, r: QRectF) -> None:
            p = ctx.painter
            p.setFont(font)
            p.setPen(QColor(INK))
            for i, line in enumerate(lines):
                p.drawText(QPointF(r.left(), r.top() + ascent + i * step), line)
            if rule:
                p.setPen(QPen(QColor(RULE), 1.2))
                y = r.bottom() - 3
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))

        self.block(height, paint)


def tint(color: str, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def paint_text(
    p: QPainter,
    r: QRectF,
    text: str,
    font: QFont,
    color: str = INK,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    p.setFont(font)
    p.setPen(QColor(color))
    p.drawText(r, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def paint_footer(p: QPainter, page: QRectF, data: ReportData, number: int, total: int) -> None:
    y = page.bottom() - FOOTER_OFFSET
    left, right = page.left() + MARGIN_X, page.right() - MARGIN_X
    p.setPen(QPen(QColor(RULE), 1.0))
    p.drawLine(QPointF(left, y - 14), QPointF(right, y - 14))
    r = QRectF(left, y - 10, right - left, 18)
    about = translate("Report", "{0} · Meeting report · {1}").format(
        data.workspace_name, long_date(data.as_of)
    )
    paint_text(p, r, about, SMALL, MUTED)
    paint_text(
        p,
        r,
        translate("Report", "Page {0} of {1}").format(number, total),
        SMALL,
        MUTED,
        Qt.AlignmentFlag.AlignRight,
    )
