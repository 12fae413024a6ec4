"""One section per objective: its overall status and description, then each KPI's chart
(painted as vectors) with its target, forecast and the last review's comment.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPen,
)

from kpi_desktop.domain.types import Frequency, Perspective
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.meeting.badges import badge_line
from kpi_desktop.reports.meeting.page_layout import Layout, PaintContext
from kpi_desktop.reports.meeting.style import (
    BAND,
    BODY,
    H2,
    INK,
    MUTED,
    NOTE,
    RULE,
    SMALL,
    period_name,
    short_date,
)
from kpi_desktop.services.review.annotations import numbered
from kpi_desktop.services.review.commentary import sentences
from kpi_desktop.services.review.report_data import (
    ObjectiveSection,
    ReportData,
)
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus


def _chart_height(layout: Layout) -> float:
    """Two charts and their captions fit a page under the objective's heading."""
    content = layout.frame.height()
    return max(250.0, min(360.0, (content - 300) / 2))


def objective_section(layout: Layout, data: ReportData, objective: ObjectiveSection) -> None:
    layout.heading(objective.title, H2, rule=True, keep_with=30)
    layout.running_head = translate("Report", "{0} (continued)").format(objective.title)
    facts = [objective.rollup.status.label]
    if objective.rollup.score is not None:
        facts.append(translate("Report", "score {0:.0f} of 100").format(objective.rollup.score))
    if objective.perspective:
        facts.append(
            translate("Report", "{0} perspective").format(_perspective(objective.perspective))
        )
    if objective.owner:
        facts.append(translate("Report", "owner {0}").format(objective.owner))
    overall = translate("Report", "Overall: {0}").format(" · ".join(facts))
    badge_line(layout, objective.rollup.status, overall, "")
    if objective.description:
        layout.paragraph(objective.description, BODY, MUTED)
    layout.gap(12)
    if not objective.kpis:
        layout.paragraph(translate("Report", "No KPIs measure this objective yet."), BODY, MUTED)
        return
    chart_h = _chart_height(layout)
    for st, chart in zip(objective.kpis, objective.charts, strict=True):
        _kpi_block(layout, data, st, chart, chart_h)
        layout.gap(16)


def _kpi_block(
    layout: Layout, data: ReportData, st: KpiStatus, chart: ChartData, chart_h: float
) -> None:
    """The KPI's chart, a caption with its target and forecast, what its numbers say
    (``review.commentary``) and the review's comment."""
    freq = data.frequencies.get(st.kpi_id, Frequency.MONTHLY)
    caption_parts = []
    if st.direction == "range":
        caption_parts.append(translate("Report", "Keep within {0}").format(st.target_text()))
    elif st.target is not None:
        by = (
            translate("Report", " by {0}").format(short_date(st.target_date))
            if st.target_date
            else ""
        )
        caption_parts.append(translate("Report", "Target {0}{1}").format(st.target_text(), by))
    if st.expected is not None and st.direction != "range":
        caption_parts.append(translate("Report", "plan for now {0}").format(st.format(st.expected)))
    if st.forecast is not None:
        caption_parts.append(translate("Report", "forecast {0}").format(st.format(st.forecast)))
    if st.latest_date is not None:
        when = period_name(st.latest_date, freq, data.fiscal)
        caption_parts.append(translate("Report", "latest value for {0}").format(when))
    caption = " · ".join(caption_parts)
    for line in data.revisions.get(st.kpi_id, []):  # the plan's history, under the caption
        caption += "\n" + translate("Report", "Target revised: {0}").format(
            line[0].lower() + line[1:]
        )
    comment = ""
    review = data.last_review
    if review is not None and review.comments.get(st.kpi_id):
        comment = translate("Report", "At the review of {0}: “{1}”").format(
            short_date(review.date), review.comments[st.kpi_id]
        )

    said = " ".join(sentences(st, chart))  # what the numbers say, in plain sentences
    caption_lines = layout.wrap(caption, SMALL, layout.width - 16) if caption else []
    said_lines = layout.wrap(said, NOTE, layout.width - 16)
    for line in numbered(chart.notes):  # the chart's numbered pins, explained
        said_lines += layout.wrap(
            translate("Report", "Note {0}").format(line), NOTE, layout.width - 16
        )
    comment_lines = layout.wrap(comment, NOTE, layout.width - 24) if comment else []
    lh_caption, lh_note = layout.line_height(SMALL), layout.line_height(NOTE)
    height = chart_h + 6 + len(caption_lines) * lh_caption + 4 + len(said_lines) * lh_note
    if comment_lines:
        height += 8 + len(comment_lines) * lh_note + 8
    ascent_c, ascent_n = layout.metrics(SMALL).ascent(), layout.metrics(NOTE).ascent()

    def paint(ctx: PaintContext, r: QRectF) -> None:
        p = ctx.painter
        chart_rect = QRectF(r.left(), r.top(), r.width(), chart_h)
        ctx.charts.paint(p, chart, chart_rect)
        ctx.chart_done(st.kpi)
        p.setPen(QPen(QColor(RULE), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(chart_rect)
        y = chart_rect.bottom() + 6
        p.setFont(SMALL)
        p.setPen(QColor(MUTED))
        for line in caption_lines:
            p.drawText(QPointF(r.left() + 8, y + ascent_c), line)
            y += lh_caption
        y += 4
        p.setFont(NOTE)
        p.setPen(QColor(INK))
        for line in said_lines:
            p.drawText(QPointF(r.left() + 8, y + ascent_n), line)
            y += lh_note
        if comment_lines:
            y += 8
            box = QRectF(r.left(), y - 4, r.width(), len(comment_lines) * lh_note + 8)
            p.fillRect(box, QColor(BAND))
            p.fillRect(QRectF(box.left(), box.top(), 3, box.height()), QColor(MUTED))
            p.setFont(NOTE)
            p.setPen(QColor(INK))
            for line in comment_lines:
                p.drawText(QPointF(r.left() + 14, y + ascent_n), line)
                y += lh_note

    layout.block(height, paint)


def _perspective(value: str) -> str:
    try:
        return Perspective(value).label
    except ValueError:
        return value
