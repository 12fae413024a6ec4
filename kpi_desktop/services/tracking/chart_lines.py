"""The lines a KPI chart draws besides its values: the plan (pace) line, cut where a
target revision puts another plan in force; the one forecast's line; and the band of
natural variation, one part per stretch. Pure functions of what ``chart_data`` read."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from kpi_desktop.domain.status import expected_at
from kpi_desktop.domain.types import Direction, KpiTarget
from kpi_desktop.domain.variation.behaviour import Behaviour

DatedValue = tuple[dt.date, float]


@dataclass(frozen=True, slots=True)
class StretchBand:
    """One stretch of the natural-variation band as the chart draws it: from ``first`` to
    ``end`` (the next stretch's first date, or its own last value), its central line and
    limits at both ends (sloped for a trend stretch)."""

    first: dt.date
    end: dt.date
    count: int
    kind: str  # "level" or "trend"
    centre: tuple[float, float]
    lower: tuple[float, float]
    upper: tuple[float, float]
    recognised: dt.date | None  # when the shift that started it was recognised


def stretch_bands(now: Behaviour) -> tuple[StretchBand, ...]:
    """The band of every stretch of at least 2 values, each reaching to the next one's
    first date so that the band reads as steps."""
    out = []
    stretches = now.stretches
    for i, st in enumerate(stretches):
        if st.count < 2:
            continue
        end = stretches[i + 1].first if i + 1 < len(stretches) else st.last
        ends = (st.first, end)
        out.append(
            StretchBand(
                first=st.first,
                end=end,
                count=st.count,
                kind=st.kind,
                centre=(st.centre_on(ends[0]), st.centre_on(ends[1])),
                lower=(st.lower_on(ends[0]), st.lower_on(ends[1])),
                upper=(st.upper_on(ends[0]), st.upper_on(ends[1])),
                recognised=st.recognised,
            )
        )
    return tuple(out)


def pace_line(target: KpiTarget) -> tuple[DatedValue, ...]:
    """The corners of the expected line: baseline, the milestones inside the plan, target.

    Empty for range KPIs and incomplete plans. The values are the domain's ``expected_at``
    at each corner, so the line drawn is exactly the one the status is judged against.
    """
    if target.direction == Direction.RANGE:
        return ()
    start, end = target.baseline_date, target.target_date
    if start is None or end is None or end <= start:
        return ()
    inner = sorted({m.period for m in target.milestones if start < m.period < end})
    corners = []
    for d in (start, *inner, end):
        value = expected_at(target, d)
        if value is None:
            return ()
        corners.append((d, value))
    return tuple(corners)


def span_of(
    target: KpiTarget, spans: list[tuple[dt.date | None, dt.date | None, KpiTarget]]
) -> tuple[dt.date | None, dt.date | None]:
    return next((start, end) for start, end, plan in spans if plan is target)


def clipped(
    line: tuple[DatedValue, ...], start: dt.date | None, end: dt.date | None
) -> tuple[DatedValue, ...]:
    """The part of a polyline (corners by date) from ``start`` to ``end`` (None: open),
    with corners added where it is cut, so that plans in force one after another draw as
    steps."""
    if not line:
        return ()
    first, last = line[0][0], line[-1][0]
    lo = first if start is None else max(start, first)
    hi = last if end is None else min(end, last)
    if hi < lo:
        return ()

    def at(d: dt.date) -> float:
        for (d0, v0), (d1, v1) in itertools.pairwise(line):
            if d0 <= d <= d1:
                return v0 if d1 == d0 else v0 + (v1 - v0) * (d - d0).days / (d1 - d0).days
        return line[-1][1] if d > last else line[0][1]

    inner = [(d, v) for d, v in line if lo < d < hi]
    return ((lo, at(lo)), *inner, (hi, at(hi)))


def forecast_line(
    now: Behaviour, target_date: dt.date | None
) -> tuple[DatedValue, DatedValue] | None:
    """The one forecast's line (the latest stretch's least-squares line) from the last
    value's date to ``target_date``; its end value is the status forecast.

    None without a forecast (fewer than 3 values), without a target date, or when the
    target date is not after the last value (there is nothing left to forecast).
    """
    latest = now.latest
    if target_date is None or latest is None:
        return None
    last = latest.last
    start, end = now.forecast(last), now.forecast(target_date)
    if target_date <= last or start is None or end is None:
        return None
    return (last, start), (target_date, end)


__all__ = ["StretchBand", "clipped", "forecast_line", "pace_line", "span_of", "stretch_bands"]
