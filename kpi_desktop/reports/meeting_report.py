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
out, page by page (the pages and their parts are in ``reports.meeting``). Layout is in
logical pixels (96 per inch): a page is first laid out into lists of drawing steps, then
painted, so the footer knows the page count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication

from kpi_desktop import __version__
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.chart import ChartPainter
from kpi_desktop.reports.meeting.cover import cover_page
from kpi_desktop.reports.meeting.objective_section import objective_section
from kpi_desktop.reports.meeting.page_layout import Layout, PaintContext, paint_footer
from kpi_desktop.reports.meeting.scorecard import scorecard_page
from kpi_desktop.reports.meeting.since_last_review import since_last_review_page
from kpi_desktop.reports.meeting.style import long_date
from kpi_desktop.reports.output_file import ExportError, atomic_output, check_output
from kpi_desktop.services.errors import KpiDesktopError, ValidationError
from kpi_desktop.services.review.report_data import (
    ReportData,
    gather_report,
)

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
    check_output(path, protect=(ws.path,))
    as_of = as_of or dt.date.today()
    _tell(progress, 0, 1, translate("Report", "Reading the workspace"))
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
        writer.setTitle(
            translate("Report", "{0}: meeting report, {1}").format(
                data.workspace_name, long_date(data.as_of)
            )
        )
        writer.setCreator(f"KPI Desktop {__version__}")
        page = QRectF(0, 0, writer.width(), writer.height())
        layout = Layout(page, writer)
        _lay_out(layout, data)

        total_charts = sum(len(o.charts) for o in data.objectives)
        steps = total_charts + 2
        done = [1]

        def chart_step(name: str) -> None:
            done[0] += 1
            if (
                _tell(
                    progress,
                    done[0],
                    steps,
                    translate("Report", "Drawing the chart of {0}").format(name),
                )
                is False
            ):
                raise ReportCancelled

        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(path, "the report could not be written here")
        try:
            with ChartPainter() as charts:
                context = PaintContext(painter, charts, chart_step)
                for number, steps_on_page in enumerate(layout.pages, start=1):
                    if number > 1:
                        writer.newPage()
                    for step in steps_on_page:
                        step(context)
                    paint_footer(painter, page, data, number, len(layout.pages))
        finally:
            painter.end()
        if _tell(progress, steps, steps, translate("Report", "Saving the report")) is False:
            raise ReportCancelled
    return path


def _tell(progress: Progress | None, done: int, total: int, what: str) -> bool | None:
    return None if progress is None else progress(done, total, what)


def _lay_out(layout: Layout, data: ReportData) -> None:
    cover_page(layout, data)
    layout.new_page()
    layout.running_head = translate("Report", "Scorecard (continued)")
    scorecard_page(layout, data)
    layout.running_head = ""
    layout.new_page()
    layout.running_head = translate("Report", "Since the last review (continued)")
    since_last_review_page(layout, data)
    for i, objective in enumerate(data.objectives):
        layout.running_head = ""
        if objective.kpis or i == 0:
            layout.new_page()
        else:  # an objective without KPIs is short: it goes under the one before
            layout.gap(36)
        objective_section(layout, data, objective)
    layout.running_head = ""
