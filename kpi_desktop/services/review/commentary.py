"""Plain sentences about a KPI, written from its numbers: what the chart pane's header,
the review, the meeting report and the deck's KPI slides say about it.

Each sentence says one thing the numbers show, and is there only when its numbers are:
what moved and by how much (on the period before and the same period last year); where
that stands against the plan; what the stretches say (a new level or a steady trend since
a lasting change, and whether the latest value is a surprise or routine, judged against
its own stretch); when the one forecast reaches the target, early or late; and which
actions are open on it. No value: one sentence saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from kpi_desktop.domain.due import period_name
from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.periods import PERIOD_WORD, add_periods, period_index
from kpi_desktop.domain.types import Direction, Frequency, Status
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus


def status_line(st: KpiStatus, chart: ChartData) -> str:
    """ "On track · €44,100 for Nov 2026 · plan €42,061 · target €46,000 by 31 Dec 2027"."""
    parts = [st.status.label + (" (stale)" if st.stale else "")]
    if st.latest_value is not None and st.latest_date is not None:
        when = period_name(st.latest_date, chart.frequency, fiscal=chart.fiscal)
        parts.append(f"{st.format(st.latest_value)} for {when}")
    if st.expected is not None and st.direction != Direction.RANGE:
        parts.append(f"plan {st.format(st.expected)}")
    if st.direction == Direction.RANGE and st.range_low is not None:
        parts.append(f"keep within {st.target_text()}")
    elif st.target is not None:
        by = f" by {_day(st.target_date)}" if st.target_date else ""
        parts.append(f"target {st.target_text()}{by}")
    return " · ".join(parts)


class Facts(Protocol):
    """What the sentences read about a KPI: a ``KpiStatus``, or :class:`ChartFacts`."""

    @property
    def kpi(self) -> str: ...

    @property
    def unit(self) -> str: ...

    @property
    def decimals(self) -> int: ...

    @property
    def direction(self) -> str: ...

    @property
    def status(self) -> Status: ...

    @property
    def latest_value(self) -> float | None: ...

    @property
    def latest_date(self) -> dt.date | None: ...

    @property
    def expected(self) -> float | None: ...

    @property
    def target(self) -> float | None: ...

    @property
    def target_date(self) -> dt.date | None: ...

    @property
    def forecast(self) -> float | None: ...

    def format(self, value: float | None) -> str: ...


@dataclass(frozen=True, slots=True)
class ChartFacts:
    """The facts of a chart (what the chart pane holds), for :func:`sentences`."""

    chart: ChartData

    @property
    def kpi(self) -> str:
        return self.chart.kpi_name

    @property
    def unit(self) -> str:
        return self.chart.unit

    @property
    def decimals(self) -> int:
        return self.chart.decimals

    @property
    def direction(self) -> str:
        return self.chart.direction

    @property
    def status(self) -> Status:
        return self.chart.status

    @property
    def latest_value(self) -> float | None:
        return None if self.chart.latest is None else self.chart.latest.value

    @property
    def latest_date(self) -> dt.date | None:
        return None if self.chart.latest is None else self.chart.latest.period

    @property
    def expected(self) -> float | None:
        return self.chart.reading.expected

    @property
    def target(self) -> float | None:
        return None if self.chart.target is None else self.chart.target[1]

    @property
    def target_date(self) -> dt.date | None:
        return None if self.chart.target is None else self.chart.target[0]

    @property
    def forecast(self) -> float | None:
        """The one forecast at the target date (what the status says)."""
        now = self.chart.behaviour
        return None if now is None else now.forecast(self.target_date)

    def format(self, value: float | None) -> str:
        return self.chart.format_value(value)


def chart_sentences(chart: ChartData) -> list[str]:
    """The commentary of what a chart shows (the chart pane's header)."""
    return sentences(ChartFacts(chart), chart)


def sentences(st: Facts, chart: ChartData, actions: Sequence[str] = ()) -> list[str]:
    """The commentary: a few sentences, each from the numbers (see the module notes).
    ``actions`` are the open actions on the KPI, one short text each."""
    if st.latest_value is None or st.latest_date is None or not len(chart.values):
        return [f"{st.kpi} has no value yet: its first one is what to bring to the meeting."]
    out = [_movement(st, chart)]
    latest, when = (
        st.latest_value,
        period_name(st.latest_date, chart.frequency, fiscal=chart.fiscal),
    )
    if st.expected is not None and st.direction != Direction.RANGE:
        gap = latest - st.expected
        if abs(gap) < 1e-9:
            out.append(f"{when} is exactly on plan.")
        else:
            side = _better_or_worse(gap, st.direction)
            out.append(
                f"That is {_amount(st, abs(gap))} {side} the plan for now "
                f"({st.format(st.expected)})."
            )
    out += _variation(st, chart)
    pace = _pace(st, chart)
    if pace:
        out.append(pace)
    if actions:
        noun = "Open action" if len(actions) == 1 else "Open actions"
        out.append(f"{noun} on it: {'; '.join(actions)}.")
    return out


def _movement(st: Facts, chart: ChartData) -> str:
    """ "Monthly revenue rose to €41,343 (+2% on Oct 2026, +9% on Nov 2025)."."""
    values, dates = chart.values, chart.dates
    assert st.latest_value is not None and st.latest_date is not None
    now = st.latest_value
    changes = []
    before = float(values[-2]) if len(values) >= 2 else None
    if before is not None:
        changes.append(
            _change(
                st,
                now,
                before,
                period_name(chart.date_at(len(values) - 2), chart.frequency, fiscal=chart.fiscal),
            )
        )
    year_ago = _value_a_year_before(dates, values, st.latest_date)
    if year_ago is not None:
        last_year = st.latest_date.replace(year=st.latest_date.year - 1, day=1)
        changes.append(
            _change(st, now, year_ago, period_name(last_year, chart.frequency, fiscal=chart.fiscal))
        )
    if before is None:
        verb = "stands at"
    elif abs(now - before) < 1e-12:
        verb = "held at"
    else:
        verb = "rose to" if now > before else "fell to"
    detail = f" ({', '.join(changes)})" if changes else ""
    return f"{st.kpi} {verb} {st.format(now)}{detail}."


def _is_rate(st: Facts) -> bool:
    return st.unit.strip() == "%"


def _amount(st: Facts, difference: float) -> str:
    """A difference between two values: in points for a rate ("0.4 points"), else in the
    KPI's unit ("€718")."""
    if _is_rate(st):
        return f"{difference:.{max(st.decimals, 1)}f} points"
    return st.format(difference)


def _change(st: Facts, now: float, then: float, when: str) -> str:
    change = now - then
    if abs(change) < 1e-12:
        return f"the same as {when}"
    sign = "+" if change > 0 else "-"
    if _is_rate(st):  # a change of a rate is in points, not a share of it
        return f"{sign}{_amount(st, abs(change))} on {when}"
    if then != 0:
        ratio = change / abs(then)
        return f"{ratio:+.1%} on {when}" if abs(ratio) < 0.1 else f"{ratio:+.0%} on {when}"
    return f"{sign}{st.format(abs(change))} on {when}"


def _explained(chart: ChartData, first: dt.date) -> str:
    """ "; the note says: New barista started" when a note covers the period a lasting
    change began in (else "")."""
    end = add_periods(first, chart.frequency, 1, fiscal=chart.fiscal)
    for note in chart.notes:
        if note.start < end and note.last >= first:
            return f"; the note says: {note.text}"
    return ""


def _variation(st: Facts, chart: ChartData) -> list[str]:
    """What the stretches say: a new level or trend since a lasting change, and whether
    the latest value is a surprise or routine."""
    now = chart.behaviour
    latest = now.latest if now is not None else None
    if now is None or latest is None or latest.count < 2 or st.latest_date is None:
        return []
    out = []
    per = PERIOD_WORD.get(chart.frequency, "period")
    since = period_name(latest.first, chart.frequency, fiscal=chart.fiscal)
    before = now.previous
    if latest.kind == "trend":
        moving = "climbs" if latest.stretch.slope > 0 else "falls"
        rate = f"about {st.format(abs(latest.stretch.slope))} a {per}"
        lead = f"Since {since} it {moving} steadily" if before else f"It {moving} steadily"
        out.append(f"{lead}, {rate}{_explained(chart, latest.first) if before else ''}.")
    elif before is not None:
        was = before.centre_on(latest.first)
        side = "up" if latest.mean > was else "down"
        out.append(
            f"Since {since} it runs at a new level (about {st.format(latest.mean)}, "
            f"{side} from {st.format(was)}){_explained(chart, latest.first)}."
        )
    low, high = latest.lower_on(st.latest_date), latest.upper_on(st.latest_date)
    value = st.latest_value
    assert value is not None
    band = f"{st.format(low).removesuffix(' ' + st.unit) if st.unit else st.format(low)}–"
    band += st.format(high)
    if value > high or value < low:
        where = "above" if value > high else "below"
        out.append(
            f"The latest value is {where} its natural variation ({band}): a real change, "
            "worth finding the cause."
        )
    else:
        out.append(
            f"It stays within its natural variation ({band}): routine variation, not a "
            "reason to act on its own."
        )
    return out


def _pace(st: Facts, chart: ChartData) -> str:
    """Where the one forecast leads: when it reaches the target, early or late."""
    if st.status == Status.ACHIEVED:
        return "The target is reached."
    if (
        st.direction == Direction.RANGE
        or st.target is None
        or st.target_date is None
        or chart.behaviour is None
        or st.forecast is None
    ):
        return ""
    increase = st.direction != Direction.DECREASE
    reached = chart.behaviour.reaches(st.target, increase)
    target = st.format(st.target)
    if reached is None or reached > st.target_date.replace(year=st.target_date.year + 10):
        return (
            f"At this pace it does not reach {target}: about {st.format(st.forecast)} "
            f"by {_day(st.target_date)}."
        )
    early = period_index(st.target_date, chart.frequency, fiscal=chart.fiscal) - period_index(
        reached, chart.frequency, fiscal=chart.fiscal
    )
    per = PERIOD_WORD.get(chart.frequency, "period")
    if early == 0:
        timing = "on time"
    else:
        n, unit = abs(early), per
        if chart.frequency == Frequency.MONTHLY and n >= 24:  # "about five years late"
            n, unit = round(n / 12), "year"
        count = _WORDS.get(n, str(n))
        about = "about " if unit != per else ""
        timing = (
            f"{about}{count} {unit if n == 1 else unit + 's'} {'early' if early > 0 else 'late'}"
        )
    when = period_name(reached, chart.frequency, fiscal=chart.fiscal)
    return f"At this pace it reaches {target} in {when}, {timing}."


_WORDS = dict(
    enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
)


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
    return "" if d is None else format_date(d)


__all__ = ["ChartFacts", "Facts", "chart_sentences", "sentences", "status_line"]
