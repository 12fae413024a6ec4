"""Shared vocabulary of the domain: enums and small immutable records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    RANGE = "range"  # keep within [range_low, range_high]


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Aggregation(StrEnum):
    SUM = "sum"
    AVERAGE = "average"
    LAST = "last"


class UnitKind(StrEnum):
    CURRENCY = "currency"
    PERCENT = "percent"
    COUNT = "count"
    DURATION = "duration"
    RATIO = "ratio"
    CUSTOM = "custom"


class Perspective(StrEnum):
    FINANCIAL = "financial"
    CUSTOMER = "customer"
    INTERNAL_PROCESS = "internal process"
    LEARNING_AND_GROWTH = "learning and growth"

    @property
    def label(self) -> str:
        """ "Financial", "Customer"... in the language in use."""
        return translate("Perspective", _PERSPECTIVE_LABELS[self.value])


_PERSPECTIVE_LABELS = {
    "financial": QT_TRANSLATE_NOOP("Perspective", "Financial"),
    "customer": QT_TRANSLATE_NOOP("Perspective", "Customer"),
    "internal process": QT_TRANSLATE_NOOP("Perspective", "Internal process"),
    "learning and growth": QT_TRANSLATE_NOOP("Perspective", "Learning and growth"),
}


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        """Plain words for people (the enum value is for machines)."""
        return translate("Status", _STATUS_LABELS[self])

    @property
    def severity(self) -> int:
        """Higher is worse, for sorting and worst-of badges. Roll-ups leave no_data children
        out of the badge unless every child has no data (see rollup.py)."""
        return _STATUS_SEVERITY[self]


#: The statuses best first, no data last: the order of lists, filters and summaries.
STATUS_ORDER: tuple[Status, ...] = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NO_DATA,
)

_STATUS_LABELS = {
    Status.ACHIEVED: QT_TRANSLATE_NOOP("Status", "Achieved"),
    Status.ON_TRACK: QT_TRANSLATE_NOOP("Status", "On track"),
    Status.AT_RISK: QT_TRANSLATE_NOOP("Status", "At risk"),
    Status.OFF_TRACK: QT_TRANSLATE_NOOP("Status", "Off track"),
    Status.NO_DATA: QT_TRANSLATE_NOOP("Status", "No data"),
}

_STATUS_SEVERITY = {
    Status.ACHIEVED: 0,
    Status.ON_TRACK: 1,
    Status.NO_DATA: 2,
    Status.AT_RISK: 3,
    Status.OFF_TRACK: 4,
}

DEFAULT_TOLERANCE = 0.10


@dataclass(frozen=True, slots=True)
class Point:
    """One measurement: the first day of its period and its value."""

    period: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class KpiTarget:
    """What the status rules need to know about a KPI's plan.

    For direction RANGE only range_low/range_high and tolerance matter.
    Milestones are (date, value) pairs, the period targets made by sizing.
    """

    direction: Direction
    baseline_value: float | None
    baseline_date: dt.date | None
    target_value: float | None
    target_date: dt.date | None
    tolerance: float = DEFAULT_TOLERANCE
    range_low: float | None = None
    range_high: float | None = None
    milestones: tuple[Point, ...] = ()
