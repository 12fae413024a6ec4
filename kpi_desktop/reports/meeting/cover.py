"""The cover page: workspace, period and report date, the status count tiles, each
objective's status, and what needs attention (KPIs at risk or off track, overdue actions).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
)

from kpi_desktop.domain.formatting import format_percent
from kpi_desktop.domain.types import Status
from kpi_desktop.i18n.catalogue import in_sentence, translate
from kpi_desktop.reports.chart_style import STATUS_COLORS
from kpi_desktop.reports.meeting.badges import badge_line, badge_line_height, paint_badge
from kpi_desktop.reports.meeting.page_layout import Layout, PaintContext, paint_text, tint
from kpi_desktop.reports.meeting.style import (
    BODY,
    BODY_BOLD,
    H1,
    H2,
    H3,
    INK,
    KICKER,
    MUTED,
    SMALL,
    fiscal_year_line,
    long_date,
)
from kpi_desktop.services.review.report_data import (
    STATUS_ORDER,
    ObjectiveSection,
    ReportData,
)


def _status_summary_block(layout: Layout, data: ReportData) -> None:
    """One tile per status with a count: big number, badge and word."""
    shown = [s for s in STATUS_ORDER if data.status_counts.get(s)]
    if not shown:
        return
    gap = 10.0
    # As wide as the statuses shown allow (longer German words: "Vom Kurs ab").
    tile_w = (layout.width - gap * (len(shown) - 1)) / len(shown)
    tile_w = min(tile_w, 150.0)

    def paint(ctx: PaintContext, r: QRectF) -> None:
        p = ctx.painter
        for i, status in enumerate(shown):
            tile = QRectF(r.left() + i * (tile_w + gap), r.top(), tile_w, r.height())
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(tint(STATUS_COLORS[status], 34))
            p.drawRoundedRect(tile, 6, 6)
            p.setBrush(QColor(STATUS_COLORS[status]))
            p.drawRoundedRect(QRectF(tile.left(), tile.top(), 5, tile.height()), 2, 2)
            p.restore()
            count = str(data.status_counts[status])
            paint_text(p, QRectF(tile.left() + 16, tile.top() + 6, tile_w - 20, 40), count, H2)
            paint_badge(p, status, QRectF(tile.left() + 16, tile.top() + 50, 13, 13))
            word = QRectF(tile.left() + 34, tile.top() + 46, tile_w - 38, 22)
            paint_text(p, word, status.label, BODY_BOLD)

    layout.block(78, paint)


def cover_page(layout: Layout, data: ReportData) -> None:
    layout.y += 70

    def band(ctx: PaintContext, r: QRectF) -> None:
        p = ctx.painter
        p.fillRect(QRectF(r.left(), r.top(), 56, 5), QColor(STATUS_COLORS[Status.ACHIEVED]))
        paint_text(
            p,
            QRectF(r.left(), r.top() + 14, r.width(), 20),
            translate("Report", "Meeting report").upper(),
            KICKER,
            STATUS_COLORS[Status.ACHIEVED],
        )

    layout.block(40, band)
    layout.heading(data.workspace_name, H1)
    layout.gap(6)
    period = (
        translate("Report", "Results to {0}").format(data.period)
        if data.period
        else translate("Report", "No values recorded yet")
    )
    layout.paragraph(period, H3, INK)
    layout.paragraph(
        translate("Report", "Report date: {0}").format(long_date(data.as_of)), BODY, MUTED
    )
    if not data.fiscal.is_calendar:
        layout.paragraph(fiscal_year_line(data.fiscal, data.as_of), BODY, MUTED)
    review = data.last_review
    if review is not None:
        layout.paragraph(
            translate("Report", "Last review: {0} (held {1})").format(
                review.title, long_date(review.date)
            ),
            BODY,
            MUTED,
        )
    layout.gap(34)
    layout.heading(translate("Report", "Where we stand"), H3, keep_with=90)
    layout.paragraph(data.summary(), BODY, MUTED)
    layout.gap(10)
    _status_summary_block(layout, data)
    layout.gap(30)

    if data.objectives:
        layout.heading(translate("Report", "Objectives"), H3, keep_with=30)
        layout.gap(4)
        for objective in data.objectives:
            _objective_line(layout, objective)
        layout.gap(26)

    attention = [st for st in data.statuses if st.status in (Status.OFF_TRACK, Status.AT_RISK)]
    attention.sort(key=lambda st: -st.status.severity)
    overdue = [a for a in data.open_actions if a.overdue]
    if not attention and not overdue:
        return
    layout.heading(translate("Report", "Needs attention"), H3, keep_with=30)
    layout.gap(4)
    overdue_line: tuple[str, str] | None = None
    if overdue:
        nobody = translate("Report", "no owner")
        names = "; ".join(f"{a.title} ({a.owner or nobody})" for a in overdue[:3])
        if len(overdue) > 3:
            names += translate("Report", "; and {0} more (see the list of open actions)").format(
                len(overdue) - 3
            )
        overdue_text = (
            translate("Report", "1 corrective action is overdue")
            if len(overdue) == 1
            else translate("Report", "{0} corrective actions are overdue").format(len(overdue))
        )
        overdue_line = (overdue_text, names)
    lines = [
        (
            st.status,
            f"{st.kpi}: {in_sentence(st.status.label)}",
            translate("Report", "latest {0}, {1} of the way to {2}").format(
                st.format(st.latest_value), format_percent(st.progress), st.target_text()
            ),
        )
        for st in attention
    ]
    # The cover stays one page: name as many KPIs as fit, then say how many more there are.
    reserve = 2 * layout.line_height(SMALL) + 6
    if overdue_line is not None:
        reserve += badge_line_height(layout, *overdue_line)
    shown = 0
    for status, title, detail in lines:
        if badge_line_height(layout, title, detail) + reserve > layout.room():
            break
        badge_line(layout, status, title, detail)
        shown += 1
    if shown < len(lines):
        more = len(lines) - shown
        layout.paragraph(
            (
                translate("Report", "and 1 more KPI at risk or off track: see the scorecard.")
                if more == 1
                else translate(
                    "Report", "and {0} more KPIs at risk or off track: see the scorecard."
                ).format(more)
            ),
            SMALL,
            MUTED,
            indent=24,
        )
        layout.gap(6)
    if overdue_line is not None:
        badge_line(layout, Status.OFF_TRACK, *overdue_line)


def _objective_line(layout: Layout, objective: ObjectiveSection) -> None:
    n = len(objective.kpis)
    facts = [translate("Report", "1 KPI") if n == 1 else translate("Report", "{0} KPIs").format(n)]
    if objective.rollup.score is not None:
        facts.append(translate("Report", "score {0:.0f} of 100").format(objective.rollup.score))
    if objective.owner:
        facts.append(translate("Report", "owner {0}").format(objective.owner))
    badge_line(
        layout,
        objective.rollup.status,
        objective.title,
        f"{objective.rollup.status.label} · " + " · ".join(facts),
    )
