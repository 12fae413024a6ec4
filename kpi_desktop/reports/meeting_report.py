"""The meeting report: one PDF to walk into a review meeting with (A4 or US Letter).

Pages, in order:

1. **Cover**: the workspace's name, the period the latest values are for, the report date,
   the status count (colour, shape *and* word), each objective's overall status, what
   needs attention and how many actions are overdue.
2. **Scorecard**: every KPI, grouped by objective: status, latest value with its unit and
   period, target and date, progress (number and bar) and forecast at the target date.
3. **Since the last review**: the last review's notes, the achievements since it, and the
   open corrective actions with owner and due date (overdue ones marked in colour and
   words, listed first).
4. **One section per objective**: its overall status and description, then each KPI's
   chart (the same renderer as the chart pane and the chart export, painted as vectors),
   its target and forecast, and the comment the last review made about it.

Every page has a footer with the page number ("Page 2 of 9"). All text is drawn as text
(QPainter on a QPdfWriter), so it can be selected, searched and read aloud; charts are
vectors. Data comes from ``services.report_data.gather_report``; this module only lays it
out. Layout is in logical pixels (96 per inch): a page is first laid out into lists of
drawing steps, then painted, so the footer knows the page count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
    QTextLayout,
)
from PySide6.QtWidgets import QApplication

from kpi_desktop import __version__
from kpi_desktop.domain.formatting import format_percent
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.reports.chart import ChartPainter
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS
from kpi_desktop.reports.data_export import ExportError, atomic_output
from kpi_desktop.services.errors import KpiDesktopError, ValidationError
from kpi_desktop.services.review.report_data import (
    STATUS_ORDER,
    ObjectiveSection,
    ReportData,
    gather_report,
)
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: Page sizes a report can have.
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
DPI = 96  # layout units per inch (logical pixels, as the chart renderer uses)

#: Told how far the report is: (steps done, steps in all, what is being done). Returning
#: False cancels the report (nothing is written).
Progress = Callable[[int, int, str], bool | None]

# Layout (logical pixels) and type (points).
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 60.0, 56.0, 70.0
_FOOTER_OFFSET = 34.0  # footer baseline above the page's bottom edge
_INK, _MUTED, _RULE, _BAND = "#222222", "#5F5F5F", "#D9D9D9", "#F4F6F8"
_OVERDUE = STATUS_COLORS[Status.OFF_TRACK]

# The same shapes as the app's status badges (ui.theme), so a status reads without colour.
_SHAPES = {
    Status.ACHIEVED: "star",
    Status.ON_TRACK: "circle",
    Status.AT_RISK: "triangle",
    Status.OFF_TRACK: "diamond",
    Status.NO_DATA: "ring",
}


class ReportCancelled(KpiDesktopError):
    """The report was cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("the report was cancelled; nothing was written")


def default_page_size() -> str:
    """Letter where people use US paper (by the system's locale), else A4."""
    system = QLocale.system()
    if system.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "Letter"
    if system.territory() in (QLocale.Country.Canada, QLocale.Country.Mexico):
        return "Letter"
    return "A4"


def build_report(
    ws: Workspace,
    path: Path | str,
    as_of: dt.date | None = None,
    page_size: str = "A4",
    progress: Progress | None = None,
) -> Path:
    """Write the meeting report of ``ws`` at ``as_of`` (default today) to the PDF ``path``.

    Written under a temporary name and moved into place at the end: a failed or cancelled
    report leaves no partial file and keeps an older one. Raises ExportError (the place),
    ValidationError (an unknown page size) or ReportCancelled.
    """
    if page_size not in PAGE_SIZES:
        sizes = " or ".join(PAGE_SIZES)
        raise ValidationError("page_size", f"unknown page size '{page_size}'; use {sizes}")
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ExportError(path, "a meeting report is a PDF: name the file .pdf")
    as_of = as_of or dt.date.today()
    _tell(progress, 0, 1, "Reading the workspace")
    data = gather_report(ws, as_of)
    return render_report(data, path, page_size, progress)


def render_report(
    data: ReportData, path: Path | str, page_size: str = "A4", progress: Progress | None = None
) -> Path:
    """Lay out and paint a gathered report into the PDF ``path`` (see :func:`build_report`)."""
    if QApplication.instance() is None:
        import pyqtgraph as pg

        pg.mkQApp()
    path = Path(path)
    with atomic_output(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAGE_SIZES[page_size]),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        writer.setTitle(f"{data.workspace_name}: meeting report, {_long_date(data.as_of)}")
        writer.setCreator(f"KPI Desktop {__version__}")
        page = QRectF(0, 0, writer.width(), writer.height())
        layout = _Layout(page, writer)
        _lay_out(layout, data)

        total_charts = sum(len(o.charts) for o in data.objectives)
        steps = total_charts + 2
        done = [1]

        def chart_step(name: str) -> None:
            done[0] += 1
            if _tell(progress, done[0], steps, f"Drawing the chart of {name}") is False:
                raise ReportCancelled

        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(path, "the report could not be written here")
        try:
            with ChartPainter() as charts:
                context = _PaintContext(painter, charts, chart_step)
                for number, steps_on_page in enumerate(layout.pages, start=1):
                    if number > 1:
                        writer.newPage()
                    for step in steps_on_page:
                        step(context)
                    _paint_footer(painter, page, data, number, len(layout.pages))
        finally:
            painter.end()
        if _tell(progress, steps, steps, "Saving the report") is False:
            raise ReportCancelled
    return path


def _tell(progress: Progress | None, done: int, total: int, what: str) -> bool | None:
    return None if progress is None else progress(done, total, what)


# -- fonts, text and badges -----------------------------------------------------------------


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


def _long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _short_date(d: dt.date | None) -> str:
    return "—" if d is None else f"{d.day} {d:%b %Y}"


def _tint(color: str, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def _shape_path(shape: str, r: QRectF) -> QPainterPath:
    path = QPainterPath()
    cx, cy = r.center().x(), r.center().y()
    if shape in ("circle", "ring"):
        path.addEllipse(r)
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(cx, r.top()), r.bottomRight(), r.bottomLeft()]))
        path.closeSubpath()
    elif shape == "diamond":
        points = [
            QPointF(cx, r.top()),
            QPointF(r.right(), cy),
            QPointF(cx, r.bottom()),
            QPointF(r.left(), cy),
        ]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    else:  # a five-pointed star
        outer, inner = r.width() / 2, r.width() / 5
        points = []
        for i in range(10):
            radius = outer if i % 2 == 0 else inner
            angle = math.pi / 2 + i * math.pi / 5
            points.append(QPointF(cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    return path


def _paint_badge(p: QPainter, status: Status, r: QRectF) -> None:
    """The status's shape in its colour (a ring for no data)."""
    color = QColor(STATUS_COLORS[status])
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    shape = _SHAPES[status]
    if shape == "ring":
        pen = QPen(color, max(1.5, r.width() / 7))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(_shape_path(shape, r.adjusted(1, 1, -1, -1)))
    else:
        p.setPen(QPen(color.darker(130), 0.8))
        p.setBrush(color)
        p.drawPath(_shape_path(shape, r))
    p.restore()


# -- layout ---------------------------------------------------------------------------------


@dataclass
class _PaintContext:
    painter: QPainter
    charts: ChartPainter
    chart_done: Callable[[str], None]


Step = Callable[[_PaintContext], None]


class _Layout:
    """Places blocks down the pages; remembers for each page the steps that paint it."""

    def __init__(self, page: QRectF, device: QPdfWriter) -> None:
        self.device = device
        self.page = page
        self.frame = page.adjusted(_MARGIN_X, _MARGIN_TOP, -_MARGIN_X, -_MARGIN_BOTTOM)
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

            def paint(ctx: _PaintContext, r: QRectF) -> None:
                ctx.painter.setFont(SMALL_BOLD)
                ctx.painter.setPen(QColor(_MUTED))
                ctx.painter.drawText(QPointF(r.left(), r.top() + ascent), title)

            where = QRectF(self.left, self.y, self.width, 1)
            self.pages[-1].append(lambda ctx: paint(ctx, where))
            self.y += self.line_height(SMALL_BOLD) + 10

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits below."""
        if height > self.room() and not self.at_top:
            self.new_page()

    def block(self, height: float, paint: Callable[[_PaintContext, QRectF], None]) -> QRectF:
        """A block of ``height`` (on a new page when it does not fit here)."""
        self.keep(height)
        rect = QRectF(self.left, self.y, self.width, height)
        self.pages[-1].append(lambda ctx: paint(ctx, rect))
        self.y += height
        return rect

    def gap(self, height: float) -> None:
        if not self.at_top:
            self.y = min(self.y + height, self.frame.bottom())

    def paragraph(self, text: str, font: QFont, color: str = _INK, *, indent: float = 0.0) -> None:
        """Wrapped text; it may run on over a page break, line by line."""
        height = self.line_height(font)
        ascent = self.metrics(font).ascent()
        for line in self.wrap(text, font, self.width - indent):

            def paint(ctx: _PaintContext, r: QRectF, line: str = line) -> None:
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

        def paint(ctx: _PaintContext, r: QRectF) -> None:
            p = ctx.painter
            p.setFont(font)
            p.setPen(QColor(_INK))
            for i, line in enumerate(lines):
                p.drawText(QPointF(r.left(), r.top() + ascent + i * step), line)
            if rule:
                p.setPen(QPen(QColor(_RULE), 1.2))
                y = r.bottom() - 3
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))

        self.block(height, paint)


def _paint_text(
    p: QPainter,
    r: QRectF,
    text: str,
    font: QFont,
    color: str = _INK,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    p.setFont(font)
    p.setPen(QColor(color))
    p.drawText(r, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def _paint_footer(p: QPainter, page: QRectF, data: ReportData, number: int, total: int) -> None:
    y = page.bottom() - _FOOTER_OFFSET
    left, right = page.left() + _MARGIN_X, page.right() - _MARGIN_X
    p.setPen(QPen(QColor(_RULE), 1.0))
    p.drawLine(QPointF(left, y - 14), QPointF(right, y - 14))
    r = QRectF(left, y - 10, right - left, 18)
    about = f"{data.workspace_name} · Meeting report · {_long_date(data.as_of)}"
    _paint_text(p, r, about, SMALL, _MUTED)
    _paint_text(p, r, f"Page {number} of {total}", SMALL, _MUTED, Qt.AlignmentFlag.AlignRight)


# -- the pages ------------------------------------------------------------------------------


def _lay_out(layout: _Layout, data: ReportData) -> None:
    _cover(layout, data)
    layout.new_page()
    layout.running_head = "Scorecard (continued)"
    _scorecard(layout, data)
    layout.running_head = ""
    layout.new_page()
    layout.running_head = "Since the last review (continued)"
    _since_last_review(layout, data)
    for i, objective in enumerate(data.objectives):
        layout.running_head = ""
        if objective.kpis or i == 0:
            layout.new_page()
        else:  # an objective without KPIs is short: it goes under the one before
            layout.gap(36)
        _objective(layout, data, objective)
    layout.running_head = ""


def _status_summary_block(layout: _Layout, data: ReportData) -> None:
    """One tile per status with a count: big number, badge and word."""
    shown = [s for s in STATUS_ORDER if data.status_counts.get(s)]
    if not shown:
        return
    gap = 10.0
    tile_w = (layout.width - gap * (len(STATUS_ORDER) - 1)) / len(STATUS_ORDER)
    tile_w = min(tile_w, 130.0)

    def paint(ctx: _PaintContext, r: QRectF) -> None:
        p = ctx.painter
        for i, status in enumerate(shown):
            tile = QRectF(r.left() + i * (tile_w + gap), r.top(), tile_w, r.height())
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_tint(STATUS_COLORS[status], 34))
            p.drawRoundedRect(tile, 6, 6)
            p.setBrush(QColor(STATUS_COLORS[status]))
            p.drawRoundedRect(QRectF(tile.left(), tile.top(), 5, tile.height()), 2, 2)
            p.restore()
            count = str(data.status_counts[status])
            _paint_text(p, QRectF(tile.left() + 16, tile.top() + 6, tile_w - 20, 40), count, H2)
            _paint_badge(p, status, QRectF(tile.left() + 16, tile.top() + 50, 13, 13))
            word = QRectF(tile.left() + 34, tile.top() + 46, tile_w - 38, 22)
            _paint_text(p, word, status.label, BODY_BOLD)

    layout.block(78, paint)


def _cover(layout: _Layout, data: ReportData) -> None:
    layout.y += 70

    def band(ctx: _PaintContext, r: QRectF) -> None:
        p = ctx.painter
        p.fillRect(QRectF(r.left(), r.top(), 56, 5), QColor(STATUS_COLORS[Status.ACHIEVED]))
        _paint_text(
            p,
            QRectF(r.left(), r.top() + 14, r.width(), 20),
            "MEETING REPORT",
            KICKER,
            STATUS_COLORS[Status.ACHIEVED],
        )

    layout.block(40, band)
    layout.heading(data.workspace_name, H1)
    layout.gap(6)
    period = f"Results to {data.period}" if data.period else "No values recorded yet"
    layout.paragraph(period, H3, _INK)
    layout.paragraph(f"Report date: {_long_date(data.as_of)}", BODY, _MUTED)
    review = data.last_review
    if review is not None:
        layout.paragraph(
            f"Last review: {review.title} (held {_long_date(review.date)})", BODY, _MUTED
        )
    layout.gap(34)
    layout.heading("Where we stand", H3, keep_with=90)
    layout.paragraph(data.summary(), BODY, _MUTED)
    layout.gap(10)
    _status_summary_block(layout, data)
    layout.gap(30)

    if data.objectives:
        layout.heading("Objectives", H3, keep_with=30)
        layout.gap(4)
        for objective in data.objectives:
            _objective_line(layout, objective)
        layout.gap(26)

    attention = [st for st in data.statuses if st.status in (Status.OFF_TRACK, Status.AT_RISK)]
    attention.sort(key=lambda st: -st.status.severity)
    overdue = [a for a in data.open_actions if a.overdue]
    if not attention and not overdue:
        return
    layout.heading("Needs attention", H3, keep_with=30)
    layout.gap(4)
    overdue_line: tuple[str, str] | None = None
    if overdue:
        noun = "action is" if len(overdue) == 1 else "actions are"
        names = "; ".join(f"{a.title} ({a.owner or 'no owner'})" for a in overdue[:3])
        if len(overdue) > 3:
            names += f"; and {len(overdue) - 3} more (see the list of open actions)"
        overdue_line = (f"{len(overdue)} corrective {noun} overdue", names)
    lines = [
        (
            st.status,
            f"{st.kpi}: {st.status.label.lower()}",
            f"latest {st.format(st.latest_value)}, "
            f"{format_percent(st.progress)} of the way to {st.target_text()}",
        )
        for st in attention
    ]
    # The cover stays one page: name as many KPIs as fit, then say how many more there are.
    reserve = 2 * layout.line_height(SMALL) + 6
    if overdue_line is not None:
        reserve += _badge_line_height(layout, *overdue_line)
    shown = 0
    for status, title, detail in lines:
        if _badge_line_height(layout, title, detail) + reserve > layout.room():
            break
        _badge_line(layout, status, title, detail)
        shown += 1
    if shown < len(lines):
        more = len(lines) - shown
        layout.paragraph(
            f"and {more} more KPI{'s' if more != 1 else ''} at risk or off track: "
            "see the scorecard.",
            SMALL,
            _MUTED,
            indent=24,
        )
        layout.gap(6)
    if overdue_line is not None:
        _badge_line(layout, Status.OFF_TRACK, *overdue_line)


def _objective_line(layout: _Layout, objective: ObjectiveSection) -> None:
    n = len(objective.kpis)
    facts = [f"{n} KPI{'s' if n != 1 else ''}"]
    if objective.rollup.score is not None:
        facts.append(f"score {objective.rollup.score:.0f} of 100")
    if objective.owner:
        facts.append(f"owner {objective.owner}")
    _badge_line(
        layout,
        objective.rollup.status,
        objective.title,
        f"{objective.rollup.status.label} · " + " · ".join(facts),
    )


def _badge_line_height(layout: _Layout, title: str, detail: str) -> float:
    indent = 24.0
    titles = len(layout.wrap(title, BODY_BOLD, layout.width - indent))
    details = len(layout.wrap(detail, SMALL, layout.width - indent)) if detail else 0
    return titles * layout.line_height(BODY_BOLD) + details * layout.line_height(SMALL) + 8


def _badge_line(layout: _Layout, status: Status, title: str, detail: str) -> None:
    """A badge, a bold title and a muted detail after it (wrapped under the title)."""
    indent = 24.0
    title_lines = layout.wrap(title, BODY_BOLD, layout.width - indent)
    detail_lines = layout.wrap(detail, SMALL, layout.width - indent) if detail else []
    lh_title, lh_detail = layout.line_height(BODY_BOLD), layout.line_height(SMALL)
    height = len(title_lines) * lh_title + len(detail_lines) * lh_detail + 8
    ascent_t, ascent_d = layout.metrics(BODY_BOLD).ascent(), layout.metrics(SMALL).ascent()

    def paint(ctx: _PaintContext, r: QRectF) -> None:
        p = ctx.painter
        _paint_badge(p, status, QRectF(r.left() + 2, r.top() + 3, 12, 12))
        y = r.top()
        p.setFont(BODY_BOLD)
        p.setPen(QColor(_INK))
        for line in title_lines:
            p.drawText(QPointF(r.left() + indent, y + ascent_t), line)
            y += lh_title
        p.setFont(SMALL)
        p.setPen(QColor(_MUTED))
        for line in detail_lines:
            p.drawText(QPointF(r.left() + indent, y + ascent_d), line)
            y += lh_detail

    layout.block(height, paint)


# -- tables ---------------------------------------------------------------------------------

Lines = list[tuple[str, QFont, str]]  # (text, font, colour) per line of a cell


@dataclass
class _Column:
    title: str
    share: float  # of the table's width
    right: bool = False


@dataclass
class _Cell:
    lines: Lines
    status: Status | None = None  # a status chip instead of text
    bar: float | None = None  # a progress bar under the text (0..1)


_PAD_X, _PAD_Y = 6.0, 5.0


def _cell_layout(layout: _Layout, cell: _Cell, width: float) -> list[tuple[str, QFont, str]]:
    room = width - 2 * _PAD_X - (18 if cell.status is not None else 0)
    out = []
    for text, font, color in cell.lines:
        out += [(line, font, color) for line in layout.wrap(text, font, room)]
    return out


def _cell_height(layout: _Layout, lines: Lines, cell: _Cell) -> float:
    height = sum(layout.line_height(font) for _, font, _ in lines)
    if cell.bar is not None:
        height += 8
    return height + 2 * _PAD_Y


def _table(
    layout: _Layout,
    columns: Sequence[_Column],
    rows: Sequence[list[_Cell] | str],
) -> None:
    """A table with a header row (repeated after a page break). A row that is a string is
    a group heading across the table."""
    widths = [c.share * layout.width for c in columns]
    header_h = layout.line_height(TABLE_BOLD) + 2 * _PAD_Y

    def paint_header(ctx: _PaintContext, r: QRectF) -> None:
        p = ctx.painter
        p.fillRect(r, QColor(_BAND))
        x = r.left()
        for column, w in zip(columns, widths, strict=True):
            cell = QRectF(x + _PAD_X, r.top(), w - 2 * _PAD_X, r.height())
            align = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            _paint_text(p, cell, column.title, TABLE_BOLD, _MUTED, align)
            x += w
        p.setPen(QPen(QColor(_RULE), 1.0))
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

            def paint_group(ctx: _PaintContext, r: QRectF, titles: list[str] = titles) -> None:
                ctx.painter.setFont(TABLE_BOLD)
                ctx.painter.setPen(QColor(_INK))
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
            ctx: _PaintContext, r: QRectF, row: list[_Cell] = row, laid: list[Lines] = laid
        ) -> None:
            p = ctx.painter
            x = r.left()
            for column, w, cell, lines in zip(columns, widths, row, laid, strict=True):
                _paint_cell(layout, p, QRectF(x, r.top(), w, r.height()), column, cell, lines)
                x += w
            p.setPen(QPen(QColor(_RULE), 0.8))
            p.drawLine(r.bottomLeft(), r.bottomRight())

        layout.block(height, paint_row)


def _paint_cell(
    layout: _Layout, p: QPainter, r: QRectF, column: _Column, cell: _Cell, lines: Lines
) -> None:
    x = r.left() + _PAD_X
    right = r.right() - _PAD_X
    y = r.top() + _PAD_Y
    if cell.status is not None:
        chip = QRectF(r.left() + 2, r.top() + 2, r.width() - 4, r.height() - 4)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_tint(STATUS_COLORS[cell.status], 38))
        p.drawRoundedRect(chip, 4, 4)
        p.restore()
        first_h = layout.line_height(lines[0][1]) if lines else 12
        _paint_badge(p, cell.status, QRectF(x, y + (first_h - 11) / 2, 11, 11))
        x += 18
    for text, font, color in lines:
        h = layout.line_height(font)
        align = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
        _paint_text(p, QRectF(x, y, right - x, h), text, font, color, align)
        y += h
    if cell.bar is not None:
        track = QRectF(x, y + 2, right - x, 4)
        p.fillRect(track, QColor("#E6E6E6"))
        share = max(0.0, min(1.0, cell.bar))
        p.fillRect(
            QRectF(track.left(), track.top(), track.width() * share, track.height()),
            QColor(CHART["actual"]),
        )


def _period(d: dt.date | None, freq: Frequency) -> str:
    return "" if d is None else period_label(d, freq)


def _scorecard(layout: _Layout, data: ReportData) -> None:
    layout.heading("Scorecard", H2, keep_with=60, rule=True)
    layout.paragraph(
        f"Every KPI as of {_long_date(data.as_of)}. Progress is the share of the way from "
        "the baseline to the target; the forecast is the trend of the latest values at the "
        "target date.",
        SMALL,
        _MUTED,
    )
    layout.gap(10)
    if not data.statuses:
        layout.paragraph("There are no KPIs yet.", BODY, _MUTED)
        return
    columns = [
        _Column("KPI", 0.29),
        _Column("Status", 0.15),
        _Column("Latest", 0.15, right=True),
        _Column("Target", 0.15, right=True),
        _Column("Progress", 0.11, right=True),
        _Column("Forecast", 0.15, right=True),
    ]
    rows: list[list[_Cell] | str] = []
    for objective in data.objectives:
        if not objective.kpis:
            continue
        rows.append(objective.title)
        for st in objective.kpis:
            rows.append(_scorecard_row(data, objective, st))
    _table(layout, columns, rows)


def _scorecard_row(data: ReportData, objective: ObjectiveSection, st: KpiStatus) -> list[_Cell]:
    freq = data.frequencies.get(st.kpi_id, Frequency.MONTHLY)
    kpi: Lines = [(st.kpi, TABLE_BOLD, _INK)]
    if st.goal != objective.title:
        kpi.append((st.goal, SMALL, _MUTED))
    latest: Lines = [(st.format(st.latest_value), TABLE, _INK)]
    if st.latest_date is not None:
        latest.append((_period(st.latest_date, freq), SMALL, _MUTED))
    target: Lines = [(st.target_text(), TABLE, _INK)]
    if st.direction == "range":
        target.append(("keep within", SMALL, _MUTED))
    elif st.target_date is not None:
        target.append((f"by {_period(st.target_date, freq)}", SMALL, _MUTED))
    progress = _Cell([(format_percent(st.progress), TABLE, _INK)], bar=st.progress)
    if st.progress is None:
        progress = _Cell([("—", TABLE, _MUTED)])
    forecast: Lines = [(st.format(st.forecast), TABLE, _INK)]
    if st.forecast is not None and st.target is not None and st.direction != "range":
        good = st.forecast >= st.target if st.direction == "increase" else st.forecast <= st.target
        forecast.append(("reaches target" if good else "short of target", SMALL, _MUTED))
    return [
        _Cell(kpi),
        _Cell([(st.status.label, TABLE_BOLD, _INK)], status=st.status),
        _Cell(latest),
        _Cell(target),
        progress,
        _Cell(forecast),
    ]


def _since_last_review(layout: _Layout, data: ReportData) -> None:
    review = data.last_review
    title = "Since the last review" if review else "Recent results"
    layout.heading(title, H2, keep_with=60, rule=True)
    if review is not None:
        layout.heading(f"{review.title} ({_long_date(review.date)})", H3, keep_with=40)
        if review.notes.strip():
            for paragraph in review.notes.strip().split("\n"):
                layout.paragraph(paragraph, BODY)
                layout.gap(4)
        else:
            layout.paragraph("No notes were written at this review.", BODY, _MUTED)
    else:
        layout.paragraph("No review meeting has been recorded yet.", BODY, _MUTED)
    layout.gap(20)

    layout.heading("Achievements", H3, keep_with=40)
    since = _long_date(data.achievements_since)
    layout.paragraph(f"Targets, milestones, streaks and records since {since}.", SMALL, _MUTED)
    layout.gap(4)
    if data.achievements:
        for found in data.achievements:
            _badge_line(layout, Status.ACHIEVED, found.kpi, found.text)
    else:
        layout.paragraph("None yet in this period.", BODY, _MUTED)
    layout.gap(20)

    layout.heading("Open corrective actions", H3, keep_with=60)
    if not data.open_actions:
        layout.paragraph("No open actions.", BODY, _MUTED)
        return
    overdue = sum(a.overdue for a in data.open_actions)
    note = f"{len(data.open_actions)} open"
    if overdue:
        note += f", {overdue} overdue (listed first)"
    layout.paragraph(note + ".", SMALL, _MUTED)
    layout.gap(4)
    columns = [
        _Column("Action", 0.40),
        _Column("For", 0.22),
        _Column("Owner", 0.13),
        _Column("Due", 0.25),
    ]
    rows: list[list[_Cell] | str] = []
    for a in data.open_actions:
        due: Lines = [(_short_date(a.due_date), TABLE, _INK)]
        if a.overdue and a.due_date is not None:
            days = (data.as_of - a.due_date).days
            due = [
                (_short_date(a.due_date), TABLE_BOLD, _OVERDUE),
                (f"Overdue by {days} day{'s' if days != 1 else ''}", SMALL_BOLD, _OVERDUE),
            ]
        rows.append(
            [
                _Cell([(a.title, TABLE, _INK)]),
                _Cell([(a.about or "—", TABLE, _MUTED if not a.about else _INK)]),
                _Cell([(a.owner or "no owner", TABLE, _INK if a.owner else _MUTED)]),
                _Cell(due),
            ]
        )
    _table(layout, columns, rows)


def _chart_height(layout: _Layout) -> float:
    """Two charts and their captions fit a page under the objective's heading."""
    content = layout.frame.height()
    return max(250.0, min(360.0, (content - 300) / 2))


def _objective(layout: _Layout, data: ReportData, objective: ObjectiveSection) -> None:
    layout.heading(objective.title, H2, rule=True, keep_with=30)
    layout.running_head = f"{objective.title} (continued)"
    facts = [objective.rollup.status.label]
    if objective.rollup.score is not None:
        facts.append(f"score {objective.rollup.score:.0f} of 100")
    if objective.perspective:
        facts.append(f"{objective.perspective} perspective")
    if objective.owner:
        facts.append(f"owner {objective.owner}")
    _badge_line(layout, objective.rollup.status, "Overall: " + " · ".join(facts), "")
    if objective.description:
        layout.paragraph(objective.description, BODY, _MUTED)
    layout.gap(12)
    if not objective.kpis:
        layout.paragraph("No KPIs measure this objective yet.", BODY, _MUTED)
        return
    chart_h = _chart_height(layout)
    for st, chart in zip(objective.kpis, objective.charts, strict=True):
        _kpi_block(layout, data, st, chart, chart_h)
        layout.gap(16)


def _kpi_block(
    layout: _Layout, data: ReportData, st: KpiStatus, chart: ChartData, chart_h: float
) -> None:
    """The KPI's chart, a caption with its target and forecast, and the review's comment."""
    freq = data.frequencies.get(st.kpi_id, Frequency.MONTHLY)
    caption_parts = []
    if st.direction == "range":
        caption_parts.append(f"Keep within {st.target_text()}")
    elif st.target is not None:
        by = f" by {_short_date(st.target_date)}" if st.target_date else ""
        caption_parts.append(f"Target {st.target_text()}{by}")
    if st.expected is not None and st.direction != "range":
        caption_parts.append(f"plan for now {st.format(st.expected)}")
    if st.forecast is not None:
        caption_parts.append(f"forecast {st.format(st.forecast)}")
    if st.latest_date is not None:
        caption_parts.append(f"latest value for {_period(st.latest_date, freq)}")
    caption = " · ".join(caption_parts)
    comment = ""
    review = data.last_review
    if review is not None and review.comments.get(st.kpi_id):
        comment = f"At the review of {_short_date(review.date)}: “{review.comments[st.kpi_id]}”"

    caption_lines = layout.wrap(caption, SMALL, layout.width - 16) if caption else []
    comment_lines = layout.wrap(comment, NOTE, layout.width - 24) if comment else []
    lh_caption, lh_note = layout.line_height(SMALL), layout.line_height(NOTE)
    height = chart_h + 6 + len(caption_lines) * lh_caption
    if comment_lines:
        height += 8 + len(comment_lines) * lh_note + 8
    ascent_c, ascent_n = layout.metrics(SMALL).ascent(), layout.metrics(NOTE).ascent()

    def paint(ctx: _PaintContext, r: QRectF) -> None:
        p = ctx.painter
        chart_rect = QRectF(r.left(), r.top(), r.width(), chart_h)
        ctx.charts.paint(p, chart, chart_rect)
        ctx.chart_done(st.kpi)
        p.setPen(QPen(QColor(_RULE), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(chart_rect)
        y = chart_rect.bottom() + 6
        p.setFont(SMALL)
        p.setPen(QColor(_MUTED))
        for line in caption_lines:
            p.drawText(QPointF(r.left() + 8, y + ascent_c), line)
            y += lh_caption
        if comment_lines:
            y += 8
            box = QRectF(r.left(), y - 4, r.width(), len(comment_lines) * lh_note + 8)
            p.fillRect(box, QColor(_BAND))
            p.fillRect(QRectF(box.left(), box.top(), 3, box.height()), QColor(_MUTED))
            p.setFont(NOTE)
            p.setPen(QColor(_INK))
            for line in comment_lines:
                p.drawText(QPointF(r.left() + 14, y + ascent_n), line)
                y += lh_note

    layout.block(height, paint)
