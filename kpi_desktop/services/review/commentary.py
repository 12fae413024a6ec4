"""Plain sentences about a KPI, written from its numbers: what the deck's KPI slides (and
their notes) say under the chart.

Each sentence says one thing the numbers show: where the latest value stands against the
plan, how it moved since the period before and since the same period a year earlier,
whether it falls outside its natural variation, and where the trend leads by the target
date. Nothing is said that the numbers do not carry (no value: one sentence saying so).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from kpi_desktop.domain.due import period_name
from kpi_desktop.domain.types import Direction, Status
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus


def status_line(st: KpiStatus, chart: ChartData) -> str:
    """ "On track · €44,100 for Nov 2026 · plan €42,061 · target €46,000 by 31 Dec 2027"."""
    parts = [st.status.label + (" (stale)" if st.stale else "")]
    if st.latest_value is not None and st.latest_date is not None:
        parts.append(
            f"{st.format(st.latest_value)} for {period_name(st.latest_date, chart.frequency)}"
        )
    if st.expected is not None and st.direction != Direction.RANGE:
        parts.append(f"plan {st.format(st.expected)}")
    if st.direction == Direction.RANGE and st.range_low is not None:
        parts.append(f"keep within {st.target_text()}")
    elif st.target is not None:
        by = f" by {_day(st.target_date)}" if st.target_date else ""
        parts.append(f"target {st.target_text()}{by}")
    return " · ".join(parts)


def sentences(st: KpiStatus, chart: ChartData) -> list[str]:
    """The commentary: a few sentences, each from the numbers (see the module notes)."""
    if st.latest_value is None or st.latest_date is None or not len(chart.values):
        return [f"{st.kpi} has no value yet: its first one is what to bring to the meeting."]
    out = []
    latest, when = st.latest_value, period_name(st.latest_date, chart.frequency)
    if st.expected is not None and st.direction != Direction.RANGE:
        gap = latest - st.expected
        side = _better_or_worse(gap, st.direction)
        if abs(gap) < 1e-9:
            out.append(f"{when} is exactly on plan at {st.format(latest)}.")
        else:
            out.append(
                f"{when} came in at {st.format(latest)}, {st.format(abs(gap))} {side} the "
                f"plan for now ({st.format(st.expected)})."
            )
    values, dates = chart.values, chart.dates
    if len(values) >= 2:
        out.append(_change_sentence(st, "the period before", float(values[-1]), float(values[-2])))
    year_ago = _value_a_year_before(dates, values, st.latest_date)
    if year_ago is not None:
        out.append(_change_sentence(st, "a year earlier", float(values[-1]), year_ago))
    limits = chart.limits
    if limits is not None:
        if latest > limits.upper or latest < limits.lower:
            where = "above" if latest > limits.upper else "below"
            out.append(
                f"The latest value is {where} its natural variation "
                f"({st.format(limits.lower)}–{st.format(limits.upper)}): a real change, "
                "worth finding the cause."
            )
        else:
            out.append(
                f"It stays within its natural variation ({st.format(limits.lower)}–"
                f"{st.format(limits.upper)}): routine variation, not a reason to act on its own."
            )
    if st.status == Status.ACHIEVED:
        out.append("The target is reached.")
    elif st.forecast is not None and st.target is not None and st.target_date is not None:
        ahead = _better_or_worse(st.forecast - st.target, st.direction)
        reach = "reaches" if ahead != "worse than" else "falls short of"
        out.append(
            f"At the pace of the last values it {reach} the target: {st.format(st.forecast)} "
            f"by {_day(st.target_date)}."
        )
    return out


def _change_sentence(st: KpiStatus, since: str, now: float, then: float) -> str:
    change = now - then
    share = ""
    if then != 0 and st.unit != "%":
        ratio = change / abs(then)
        share = f" ({ratio:+.1%})" if abs(ratio) < 0.1 else f" ({ratio:+.0%})"
    if abs(change) < 1e-12:
        return f"Unchanged from {since}."
    verb = "Up" if change > 0 else "Down"
    return f"{verb} {st.format(abs(change))}{share} on {since} ({st.format(then)})."


def _better_or_worse(gap: float, direction: str) -> str:
    if direction == Direction.DECREASE:
        gap = -gap
    return "better than" if gap > 0 else "worse than"


def _value_a_year_before(dates: np.ndarray, values: np.ndarray, latest: dt.date) -> float | None:
    try:
        target = np.datetime64(latest.replace(year=latest.year - 1), "D")
    except ValueError:  # 29 February
        target = np.datetime64(latest.replace(year=latest.year - 1, day=28), "D")
    hits = np.nonzero(dates.astype("datetime64[D]") == target)[0]
    return float(values[hits[-1]]) if len(hits) else None


def _day(d: dt.date | None) -> str:
    return "" if d is None else f"{d.day} {d:%b %Y}"


__all__ = ["sentences", "status_line"]
