"""What one scorecard tile says, in words: the texts the tile paints, its tooltips and its
accessible text, made from a `ScorecardRow` (the verdicts come from services and domain;
this only words them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from kpi_desktop.domain.formatting import format_percent, format_value
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Direction, Frequency, Perspective, Status
from kpi_desktop.domain.variation.trend import Trend
from kpi_desktop.services.tracking.scorecard import ScorecardRow, real_change_of

translate = QCoreApplication.translate


def perspective_label(value: str | None) -> str:
    """ "financial" -> "Financial" ("" for none)."""
    if not value:
        return ""
    try:
        return Perspective(value).label
    except ValueError:  # a perspective of another version: as written
        return value.capitalize()


@dataclass(frozen=True, slots=True)
class TileContent:
    """Everything one KPI's tile shows or tells, as plain values."""

    row: ScorecardRow
    goal_line: str  # "Grow revenue · Maria" (the goal alone when nobody owns the KPI)
    value_text: str  # "62 returns", "€117", "—"
    number: str  # the part shown large: "62", "€117", "40.5%"
    unit: str  # the unit word shown smaller after it ("" when part of the number)
    trend_text: str  # "↑ Improving" ("" without a trend)
    trend_tooltip: str
    progress_text: str  # "Progress 57%", "Keep 5–10"
    sparkline: tuple[float, ...]
    real_change: str  # why the latest values are a real change ("" when they are not)
    real_change_good: bool | None  # good news, bad news, or neither
    tooltip: str  # rich text
    accessible_text: str

    @property
    def kpi_id(self) -> int:
        return self.row.kpi_id

    @property
    def name(self) -> str:
        return self.row.kpi

    @property
    def status(self) -> Status:
        return self.row.status

    @property
    def status_word(self) -> str:
        return self.row.status.label

    @property
    def trend_good(self) -> bool | None:
        return self.row.trend_good if self.trend_text else None


def value_parts(row: ScorecardRow) -> tuple[str, str, str]:
    """The latest value in full ("62 returns"), split into what is shown large ("62",
    "€43,933", "40.5%") and the unit word shown smaller after it ("returns"; "" when the
    unit is part of the number)."""
    full = row.format(row.latest_value)
    if row.latest_value is None:
        return full, full, ""
    number = format_value(row.latest_value, "", row.decimals)
    if full.startswith(number + " "):
        return full, number, full[len(number) + 1 :]
    return full, full, ""


def progress_text(row: ScorecardRow) -> str:
    if (
        row.direction == Direction.RANGE
        and row.range_low is not None
        and row.range_high is not None
    ):
        low = format_value(row.range_low, "", row.decimals)
        high = format_value(row.range_high, "", row.decimals)
        return translate("KpiTile", "Keep {low}–{high}").format(low=low, high=high)
    if row.progress is None:
        return translate("KpiTile", "Progress —")
    return translate("KpiTile", "Progress {p}").format(p=format_percent(row.progress))


def trend_text(trend: Trend | None, good: bool | None) -> str:
    """The arrow and its word, e.g. "↑ Improving" ("" without a trend)."""
    if trend is None:
        return ""
    if trend == Trend.FLAT:
        word = translate("KpiTile", "Steady")
    elif good is None:
        word = (
            translate("KpiTile", "Rising") if trend == Trend.UP else translate("KpiTile", "Falling")
        )
    else:
        word = translate("KpiTile", "Improving") if good else translate("KpiTile", "Worsening")
    return f"{trend.arrow} {word}"


def _tooltip(row: ScorecardRow, value_text: str) -> str:
    lines = [f"<b>{row.kpi}</b>", translate("KpiTile", "Goal: {g}").format(g=row.goal)]
    lines.append(
        translate("KpiTile", "Owner: {o}").format(o=row.owner or translate("KpiTile", "nobody yet"))
    )
    if row.perspective:
        lines.append(
            translate("KpiTile", "Perspective: {p}").format(p=perspective_label(row.perspective))
        )
    if row.latest_date is not None:
        try:
            when = period_label(row.latest_date, Frequency(row.frequency), fiscal=row.fiscal)
        except ValueError:
            when = row.latest_date.isoformat()
        lines.append(translate("KpiTile", "Latest: {v} ({when})").format(v=value_text, when=when))
    if row.target is not None:
        by = f" by {row.target_date.isoformat()}" if row.target_date else ""
        lines.append(
            translate("KpiTile", "Target: {t}{by}").format(t=row.format(row.target), by=by)
        )
    lines.append(translate("KpiTile", "Status: {s}").format(s=row.status.label))
    if row.stale:
        lines.append(
            translate("KpiTile", "Stale: the latest value is older than a period and the grace")
        )
    return "<br>".join(lines)


def tile_content(row: ScorecardRow, as_of: dt.date) -> TileContent:
    """What `row`'s tile says on `as_of`."""
    full, number, unit = value_parts(row)
    trend, good = row.trend, row.trend_good
    trend_words = trend_text(trend, good)
    sparkline = row.sparkline
    progress = progress_text(row)
    if row.stale:  # the status is an old one: say so where the progress is read
        progress = (
            f"{progress} · {translate('KpiTile', 'stale')}"
            if progress
            else translate("KpiTile", "Stale")
        )
    change = real_change_of(row, as_of)
    spoken = [f"{row.kpi}: {full}", row.status.label, progress]
    if trend_words:
        spoken.append(translate("KpiTile", "trend {t}").format(t=trend_words[2:].lower()))
    if change:
        spoken.append(translate("KpiTile", "real change: {e}").format(e=change.explanation))
    return TileContent(
        row=row,
        goal_line=f"{row.goal} · {row.owner}" if row.owner else row.goal,
        value_text=full,
        number=number,
        unit=unit,
        trend_text=trend_words,
        trend_tooltip=(
            translate("KpiTile", "Trend of the last {n} values: {text}").format(
                n=len(sparkline), text=trend_words
            )
            if trend_words
            else ""
        ),
        progress_text=progress,
        sparkline=sparkline,
        real_change=change.explanation,
        real_change_good=change.good,
        tooltip=_tooltip(row, full),
        accessible_text=", ".join(spoken),
    )


__all__ = ["TileContent", "perspective_label", "progress_text", "tile_content", "trend_text"]
