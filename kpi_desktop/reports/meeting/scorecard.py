"""The scorecard page: every KPI grouped by objective, with status, latest value, target,
progress and forecast.
"""

from __future__ import annotations

from kpi_desktop.domain.formatting import format_percent
from kpi_desktop.domain.types import Frequency
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.meeting.page_layout import Layout
from kpi_desktop.reports.meeting.style import (
    BODY,
    H2,
    INK,
    MUTED,
    OVERDUE,
    SMALL,
    SMALL_BOLD,
    TABLE,
    TABLE_BOLD,
    long_date,
    period_name,
)
from kpi_desktop.reports.meeting.table import Cell, Column, Lines, table
from kpi_desktop.services.review.report_data import (
    ObjectiveSection,
    ReportData,
)
from kpi_desktop.services.tracking.status import KpiStatus


def scorecard_page(layout: Layout, data: ReportData) -> None:
    layout.heading(translate("Report", "Scorecard"), H2, keep_with=60, rule=True)
    layout.paragraph(
        translate(
            "Report",
            "Every KPI as of {0}. Progress is the share of the way from the baseline to the "
            "target; the forecast is the trend of the latest values at the target date.",
        ).format(long_date(data.as_of)),
        SMALL,
        MUTED,
    )
    layout.gap(10)
    if not data.statuses:
        layout.paragraph(translate("Report", "There are no KPIs yet."), BODY, MUTED)
        return
    columns = [
        Column("KPI", 0.27),
        Column(translate("Report", "Status"), 0.15),
        Column(translate("Report", "Latest"), 0.15, right=True),
        Column(translate("Report", "Target"), 0.15, right=True),
        Column(translate("Report", "Progress"), 0.13, right=True),  # "Fortschritt"
        Column(translate("Report", "Forecast"), 0.15, right=True),
    ]
    rows: list[list[Cell] | str] = []
    for objective in data.objectives:
        if not objective.kpis:
            continue
        rows.append(objective.title)
        for st in objective.kpis:
            rows.append(_scorecard_row(data, objective, st))
    table(layout, columns, rows)


def _scorecard_row(data: ReportData, objective: ObjectiveSection, st: KpiStatus) -> list[Cell]:
    freq = data.frequencies.get(st.kpi_id, Frequency.MONTHLY)
    kpi: Lines = [(st.kpi, TABLE_BOLD, INK)]
    if st.goal != objective.title:
        kpi.append((st.goal, SMALL, MUTED))
    latest: Lines = [(st.format(st.latest_value), TABLE, INK)]
    if st.latest_date is not None:
        latest.append((period_name(st.latest_date, freq, data.fiscal), SMALL, MUTED))
    target: Lines = [(st.target_text(), TABLE, INK)]
    if st.direction == "range":
        target.append((translate("Report", "keep within"), SMALL, MUTED))
    elif st.target_date is not None:
        by = translate("Report", "by {0}").format(period_name(st.target_date, freq, data.fiscal))
        target.append((by, SMALL, MUTED))
    progress = Cell([(format_percent(st.progress), TABLE, INK)], bar=st.progress)
    if st.progress is None:
        progress = Cell([("—", TABLE, MUTED)])
    forecast: Lines = [(st.format(st.forecast), TABLE, INK)]
    if st.forecast is not None and st.target is not None and st.direction != "range":
        good = st.forecast >= st.target if st.direction == "increase" else st.forecast <= st.target
        forecast.append(
            (
                translate("Report", "reaches target")
                if good
                else translate("Report", "short of target"),
                SMALL,
                MUTED,
            )
        )
    status: Lines = [(st.status.label, TABLE_BOLD, INK)]
    if st.stale:  # an old status: the latest value is overdue
        status.append((translate("Report", "stale"), SMALL_BOLD, OVERDUE))
    return [
        Cell(kpi),
        Cell(status, status=st.status),
        Cell(latest),
        Cell(target),
        progress,
        Cell(forecast),
    ]
