"""Texts and labels the review windows share: dates and statuses as text, headings, muted
labels, an open action on one or two lines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.types import Status
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.review.flow import OpenAction
from kpi_desktop.ui.theme import STATUS_COLORS

#: Errors and overdue actions are written in this colour.
ERROR_COLOR = "#B3261E"
STATUS_GLYPHS = {
    Status.ACHIEVED: "★",
    Status.ON_TRACK: "●",
    Status.AT_RISK: "▲",
    Status.OFF_TRACK: "◆",
    Status.NO_DATA: "○",
}


def day_text(d: dt.date | None) -> str:
    return "—" if d is None else format_date(d)


def mute(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def heading(text: str, scale: float = 1.25) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def counts_glyphs(counts: dict[Status, int]) -> str:
    """KPIs by status in few characters, worst first: "◆1 ▲2 ●5 ★1" (shapes as on the
    badges, so they read without colour)."""
    order = (Status.OFF_TRACK, Status.AT_RISK, Status.NO_DATA, Status.ON_TRACK, Status.ACHIEVED)
    return "  ".join(f"{STATUS_GLYPHS[s]}{counts[s]}" for s in order if counts.get(s))


def status_html(status: Status) -> str:
    """The status as coloured shape and word, for rich text."""
    color = STATUS_COLORS[status]
    return f'<span style="color:{color}">{STATUS_GLYPHS[status]}</span> {status.label}'


def action_line(action: OpenAction, on: dt.date) -> str:
    """An open action in two lines: its title, then who, when (and how late) and about what."""
    who = action.owner or translate("ReviewLabels", "nobody yet")
    due = (
        translate("ReviewLabels", "due {0}").format(day_text(action.due_date))
        if action.due_date
        else translate("ReviewLabels", "no due date")
    )
    if action.is_overdue(on) and action.due_date is not None:
        late = (on - action.due_date).days
        due += (
            translate("ReviewLabels", " (1 day late)")
            if late == 1
            else translate("ReviewLabels", " ({0} days late)").format(late)
        )
    details = [who, due]
    if action.about():
        details.append(action.about())
    return f"{action.title}\n{' · '.join(details)}"


def names_text(names: list[str], most: int = 8) -> str:
    """ "A, B, C and 12 more": at most ``most`` names, then how many others."""
    shown = ", ".join(names[:most])
    return shown + (
        translate("ReviewLabels", " and {0} more").format(len(names) - most)
        if len(names) > most
        else ""
    )


__all__ = [
    "ERROR_COLOR",
    "STATUS_GLYPHS",
    "action_line",
    "counts_glyphs",
    "day_text",
    "heading",
    "mute",
    "names_text",
    "status_html",
]
