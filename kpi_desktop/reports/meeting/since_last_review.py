"""The "since the last review" page: the last review's notes, the achievements since it and
the open corrective actions (overdue ones first, marked in colour and words).
"""

from __future__ import annotations

from kpi_desktop.domain.types import Status
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.meeting.badges import badge_line
from kpi_desktop.reports.meeting.page_layout import Layout
from kpi_desktop.reports.meeting.style import (
    BODY,
    H2,
    H3,
    INK,
    MUTED,
    OVERDUE,
    SMALL,
    SMALL_BOLD,
    TABLE,
    TABLE_BOLD,
    long_date,
    short_date,
)
from kpi_desktop.reports.meeting.table import Cell, Column, Lines, table
from kpi_desktop.services.review.report_data import (
    ReportData,
)


def since_last_review_page(layout: Layout, data: ReportData) -> None:
    review = data.last_review
    title = (
        translate("Report", "Since the last review")
        if review
        else translate("Report", "Recent results")
    )
    layout.heading(title, H2, keep_with=60, rule=True)
    if review is not None:
        layout.heading(f"{review.title} ({long_date(review.date)})", H3, keep_with=40)
        if review.notes.strip():
            for paragraph in review.notes.strip().split("\n"):
                layout.paragraph(paragraph, BODY)
                layout.gap(4)
        else:
            layout.paragraph(
                translate("Report", "No notes were written at this review."), BODY, MUTED
            )
    else:
        layout.paragraph(
            translate("Report", "No review meeting has been recorded yet."), BODY, MUTED
        )
    layout.gap(20)

    layout.heading(translate("Report", "Achievements"), H3, keep_with=40)
    since = long_date(data.achievements_since)
    layout.paragraph(
        translate("Report", "Targets, milestones, streaks and records since {0}.").format(since),
        SMALL,
        MUTED,
    )
    layout.gap(4)
    if data.achievements:
        for found in data.achievements:
            badge_line(layout, Status.ACHIEVED, found.kpi, found.text)
    else:
        layout.paragraph(translate("Report", "None yet in this period."), BODY, MUTED)
    layout.gap(20)

    layout.heading(translate("Report", "Open corrective actions"), H3, keep_with=60)
    if not data.open_actions:
        layout.paragraph(translate("Report", "No open actions."), BODY, MUTED)
        return
    overdue = sum(a.overdue for a in data.open_actions)
    note = translate("Report", "{0} open").format(len(data.open_actions))
    if overdue:
        note += translate("Report", ", {0} overdue (listed first)").format(overdue)
    layout.paragraph(note + ".", SMALL, MUTED)
    layout.gap(4)
    columns = [
        Column(translate("Report", "Action"), 0.40),
        Column(translate("Report", "For"), 0.22),
        Column(translate("Report", "Owner"), 0.13),
        Column(translate("Report", "Due"), 0.25),
    ]
    rows: list[list[Cell] | str] = []
    for a in data.open_actions:
        due: Lines = [(short_date(a.due_date), TABLE, INK)]
        if a.overdue and a.due_date is not None:
            days = (data.as_of - a.due_date).days
            due = [
                (short_date(a.due_date), TABLE_BOLD, OVERDUE),
                (
                    (
                        translate("Report", "Overdue by 1 day")
                        if days == 1
                        else translate("Report", "Overdue by {0} days").format(days)
                    ),
                    SMALL_BOLD,
                    OVERDUE,
                ),
            ]
        rows.append(
            [
                Cell([(a.title, TABLE, INK)]),
                Cell([(a.about or "—", TABLE, MUTED if not a.about else INK)]),
                Cell(
                    [(a.owner or translate("Report", "no owner"), TABLE, INK if a.owner else MUTED)]
                ),
                Cell(due),
            ]
        )
    table(layout, columns, rows)
