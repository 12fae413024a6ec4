"""The KPI being written in the wizard, shared by its pages, and small pieces they share.

Each page loads what it shows from the draft when it is entered and saves its own part
back when the user moves on (Picard's setup wizard pattern). Nothing touches the
workspace until Finish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QWizardPage

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    PERIODS_PER_YEAR,
    FiscalYear,
    add_periods,
    period_end,
    period_index,
    period_label,
    period_start,
)
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.sizing import SizingResult
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.planning.kpis import KPI_FIELDS

MilestoneShape = str  # "even" | "seasonal" | "custom"


@dataclass
class KpiDraft:
    """Everything the wizard has gathered so far."""

    fields: dict[str, Any] = field(default_factory=lambda: dict(KPI_FIELDS))
    goal_id: int | None = None  # an existing goal, or None with new_goal_title
    new_goal_title: str = ""  # an objective typed on the Align page, made at Finish
    perspective: str | None = None  # of the chosen or new objective
    history: list[Point] = field(default_factory=list)
    history_label: str = ""  # where the history came from, in words
    keep_history: bool = False  # store the pasted or file history as the KPI's values
    history_source: str = ""  # the values' source when kept: "pasted", "file NAME"
    sizing: SizingResult | None = None
    milestones: list[Point] = field(default_factory=list)
    milestone_shape: MilestoneShape = "even"
    template_name: str = ""
    revision: int = 0  # bumped when a template replaces the fields; pages then reload
    fiscal: FiscalYear = CALENDAR_YEAR  # the workspace's: quarters and years follow it

    @property
    def frequency(self) -> Frequency:
        return Frequency(self.fields.get("frequency") or "monthly")

    def period_of(self, day: dt.date) -> dt.date:
        """First day of the KPI's period that contains ``day`` (by the fiscal year)."""
        return period_start(day, self.frequency, fiscal=self.fiscal)

    def period_number(self, day: dt.date) -> int:
        """Index of the KPI's period that contains ``day`` (see ``period_index``)."""
        return period_index(day, self.frequency, fiscal=self.fiscal)

    def period_name(self, day: dt.date) -> str:
        """Label of the KPI's period that contains ``day``: "Q1 FY 2026/27"."""
        return period_label(day, self.frequency, fiscal=self.fiscal)

    @property
    def direction(self) -> Direction:
        return Direction(self.fields.get("direction") or "increase")

    def format(self, value: float | None, extra_decimals: int = 0) -> str:
        """A value in the KPI's unit, for people."""
        f = self.fields
        return format_value(
            value,
            str(f.get("unit") or ""),
            int(f.get("decimals") or 0) + extra_decimals,
            str(f.get("unit_kind") or ""),
            str(f.get("currency_symbol") or ""),
        )

    def format_exact(self, value: float | None) -> str:
        """Like :meth:`format`, with the decimals a typed value needs (15.4 stays 15.4)."""
        if value is None:
            return self.format(None)
        decimals = int(self.fields.get("decimals") or 0)
        return self.format(value, enough_decimals(value, decimals) - decimals)

    def format_range(self, low: float | None, high: float | None) -> str:
        """ "13,912 to 14,113 jobs" (the unit said once)."""
        a, b = self.format(low), self.format(high)
        unit = str(self.fields.get("unit") or "").strip()
        if unit and a.endswith(" " + unit) and b.endswith(" " + unit):
            a = a[: -len(unit) - 1]
        return translate("KpiDraft", "{0} to {1}").format(a, b)


def enough_decimals(value: float, decimals: int) -> int:
    """``decimals``, or up to 3 more when rounding to them would change ``value`` by more
    than 0.1 % (a target of 15.4 with 0 decimals must not read 15)."""
    for extra in range(4):
        if abs(round(value, decimals + extra) - value) <= 0.001 * abs(value):
            return decimals + extra
    return decimals + 3


def default_target_date(
    baseline_period: dt.date, frequency: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> dt.date:
    """The last day of the period one year after the baseline's period."""
    per_year = PERIODS_PER_YEAR.get(frequency)
    if per_year is not None:
        later = add_periods(baseline_period, frequency, per_year, fiscal=fiscal)
        return period_end(later, frequency, fiscal=fiscal)
    days = 365 if frequency == Frequency.DAILY else 364
    return period_end(baseline_period + dt.timedelta(days=days), frequency)


def baseline_period(
    history: list[Point],
    as_of: dt.date,
    frequency: Frequency,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> dt.date:
    """The period the baseline is dated by: the latest value's, else the one before as_of."""
    if history:
        return period_start(max(p.period for p in history), frequency, fiscal=fiscal)
    return add_periods(as_of, frequency, -1, fiscal=fiscal)


class DraftPage(QWizardPage):
    """A page that loads from and saves to the wizard's draft.

    Entries survive Back: ``cleanupPage`` keeps them (Qt's default would reset them), and
    ``initializePage`` reloads from the draft only the first time or after a template
    replaced the fields.
    """

    def __init__(self, draft: KpiDraft) -> None:
        super().__init__()
        self.draft = draft
        self._loaded_revision: int | None = None

    # Qt's names ------------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802
        if self._loaded_revision != self.draft.revision:
            self._loaded_revision = self.draft.revision
            self.load()
        self.entered()
        self.show_problem(self.problem(final=False))

    def cleanupPage(self) -> None:  # noqa: N802
        """Keep what the user typed when going Back."""

    def validatePage(self) -> bool:  # noqa: N802
        problem = self.problem(final=True)
        self.show_problem(problem)
        if problem:
            return False
        self.save()
        return True

    def isComplete(self) -> bool:  # noqa: N802
        return self.problem(final=False) is None

    # for subclasses ----------------------------------------------------------------------
    def load(self) -> None:
        """Show the draft's values."""

    def entered(self) -> None:
        """Called each time the page is shown (after ``load`` when it ran)."""

    def save(self) -> None:
        """Write this page's part into the draft."""

    def problem(self, final: bool) -> str | None:
        """What blocks Next, in plain words, or None. ``final`` when Next was clicked."""
        return None

    def show_problem(self, problem: str | None) -> None:
        """Show ``problem`` on the page (subclasses have a message label)."""

    def changed(self) -> None:
        """Something the user typed changed: re-check and tell the wizard."""
        self.show_problem(self.problem(final=False))
        self.completeChanged.emit()
