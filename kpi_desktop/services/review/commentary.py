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
from kpi_desktop.domain.formatting import format_date, format_number, format_percent
from kpi_desktop.domain.periods import PERIOD_WORD, add_periods, period_index
from kpi_desktop.domain.types import Direction, Frequency, Status
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus


def status_line(st: KpiStatus, chart: ChartData) -> str:
    """ "On track · €44,100 for Nov 2026 · plan €42,061 · target €46,000 by 31 Dec 2027"."""
    stale = translate("Commentary", " (stale)") if st.stale else ""
    parts = [st.status.label + stale]
    if st.latest_value is not None and st.latest_date is not None:
        when = period_name(st.latest_date, chart.frequency, fiscal=chart.fiscal)
        parts.append(
            translate("Commentary", "{v} for {when}").format(
                v=st.format(st.latest_value), when=when
            )
        )
    if st.expected is not None and st.direction != Direction.RANGE:
        parts.append(translate("Commentary", "plan {v}").format(v=st.format(st.expected)))
    if st.direction == Direction.RANGE and st.range_low is not None:
        parts.append(translate("Commentary", "keep within {v}").format(v=st.target_text()))
    elif st.target is not None:
        by = (
            translate("Commentary", " by {d}").format(d=_day(st.target_date))
            if st.target_date
            else ""
        )
        parts.append(translate("Commentary", "target {v}{by}").format(v=st.target_text(), by=by))
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
        return [
            translate(
                "Commentary",
                "{kpi} has no value yet: its first one is what to bring to the meeting.",
            ).format(kpi=st.kpi)
        ]
    out = [_movement(st, chart)]
    latest, when = (
        st.latest_value,
        period_name(st.latest_date, chart.frequency, fiscal=chart.fiscal),
    )
    if st.expected is not None and st.direction != Direction.RANGE:
        gap = latest - st.expected
        if abs(gap) < 1e-9:
            out.append(translate("Commentary", "{when} is exactly on plan.").format(when=when))
        else:
            better = gap > 0 if st.direction != Direction.DECREASE else gap < 0
            sentence = (
                translate("Commentary", "That is {amount} better than the plan for now ({plan}).")
                if better
                else translate(
                    "Commentary", "That is {amount} worse than the plan for now ({plan})."
                )
            )
            out.append(sentence.format(amount=_amount(st, abs(gap)), plan=st.format(st.expected)))
    out += _variation(st, chart)
    pace = _pace(st, chart)
    if pace:
        out.append(pace)
    if actions:
        sentence = (
            translate("Commentary", "Open action on it: {list}.")
            if len(actions) == 1
            else translate("Commentary", "Open actions on it: {list}.")
        )
        out.append(sentence.format(list="; ".join(actions)))
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
        sentence = translate("Commentary", "{kpi} stands at {value}{detail}.")
    elif abs(now - before) < 1e-12:
        sentence = translate("Commentary", "{kpi} held at {value}{detail}.")
    elif now > before:
        sentence = translate("Commentary", "{kpi} rose to {value}{detail}.")
    else:
        sentence = translate("Commentary", "{kpi} fell to {value}{detail}.")
    detail = f" ({', '.join(changes)})" if changes else ""
    return sentence.format(kpi=st.kpi, value=st.format(now), detail=detail)


def _is_rate(st: Facts) -> bool:
    return st.unit.strip() == "%"


def _amount(st: Facts, difference: float) -> str:
    """A difference between two values: in points for a rate ("0.4 points"), else in the
    KPI's unit ("€718")."""
    if _is_rate(st):
        points = format_number(difference, max(st.decimals, 1))
        return translate("Commentary", "{n} points").format(n=points)
    return st.format(difference)


def _change(st: Facts, now: float, then: float, when: str) -> str:
    change = now - then
    if abs(change) < 1e-12:
        return translate("Commentary", "the same as {when}").format(when=when)
    sign = "+" if change > 0 else "-"
    on = translate("Commentary", "{change} on {when}")
    if _is_rate(st):  # a change of a rate is in points, not a share of it
        return on.format(change=f"{sign}{_amount(st, abs(change))}", when=when)
    if then != 0:
        ratio = change / abs(then)
        share = format_percent(abs(ratio), 1 if abs(ratio) < 0.1 else 0)
        return on.format(change=f"{sign}{share}", when=when)
    return on.format(change=f"{sign}{st.format(abs(change))}", when=when)


def _explained(chart: ChartData, first: dt.date) -> str:
    """ "; the note says: New barista started" when a note covers the period a lasting
    change began in (else "")."""
    end = add_periods(first, chart.frequency, 1, fiscal=chart.fiscal)
    for note in chart.notes:
        if note.start < end and note.last >= first:
            return translate("Commentary", "; the note says: {text}").format(text=note.text)
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
        climbs = latest.stretch.slope > 0
        if before:
            sentence = (
                translate(
                    "Commentary", "Since {since} it climbs steadily, about {rate} a {per}{note}."
                )
                if climbs
                else translate(
                    "Commentary", "Since {since} it falls steadily, about {rate} a {per}{note}."
                )
            )
        else:
            sentence = (
                translate("Commentary", "It climbs steadily, about {rate} a {per}{note}.")
                if climbs
                else translate("Commentary", "It falls steadily, about {rate} a {per}{note}.")
            )
        note = _explained(chart, latest.first) if before else ""
        rate = st.format(abs(latest.stretch.slope))
        out.append(sentence.format(since=since, rate=rate, per=_unit(per, 1), note=note))
    elif before is not None:
        was = before.centre_on(latest.first)
        sentence = (
            translate(
                "Commentary",
                "Since {since} it runs at a new level (about {mean}, up from {was}){note}.",
            )
            if latest.mean > was
            else translate(
                "Commentary",
                "Since {since} it runs at a new level (about {mean}, down from {was}){note}.",
            )
        )
        out.append(
            sentence.format(
                since=since,
                mean=st.format(latest.mean),
                was=st.format(was),
                note=_explained(chart, latest.first),
            )
        )
    low, high = latest.lower_on(st.latest_date), latest.upper_on(st.latest_date)
    value = st.latest_value
    assert value is not None
    band = f"{st.format(low).removesuffix(' ' + st.unit) if st.unit else st.format(low)}–"
    band += st.format(high)
    if value > high or value < low:
        sentence = (
            translate(
                "Commentary",
                "The latest value is above its natural variation ({band}): a real change, worth "
                "finding the cause.",
            )
            if value > high
            else translate(
                "Commentary",
                "The latest value is below its natural variation ({band}): a real change, worth "
                "finding the cause.",
            )
        )
        out.append(sentence.format(band=band))
    else:
        out.append(
            translate(
                "Commentary",
                "It stays within its natural variation ({band}): routine variation, not a "
                "reason to act on its own.",
            ).format(band=band)
        )
    return out


def _pace(st: Facts, chart: ChartData) -> str:
    """Where the one forecast leads: when it reaches the target, early or late."""
    if st.status == Status.ACHIEVED:
        return translate("Commentary", "The target is reached.")
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
        return translate(
            "Commentary", "At this pace it does not reach {target}: about {forecast} by {day}."
        ).format(target=target, forecast=st.format(st.forecast), day=_day(st.target_date))
    early = period_index(st.target_date, chart.frequency, fiscal=chart.fiscal) - period_index(
        reached, chart.frequency, fiscal=chart.fiscal
    )
    per = PERIOD_WORD.get(chart.frequency, "period")
    if early == 0:
        timing = translate("Commentary", "on time")
    else:
        n, unit = abs(early), per
        if chart.frequency == Frequency.MONTHLY and n >= 24:  # "about five years late"
            n, unit = round(n / 12), "year"
        count = translate("Commentary", _WORDS[n]) if n in _WORDS else str(n)
        if unit != per:
            timing = (
                translate("Commentary", "about {n} {unit} early")
                if early > 0
                else translate("Commentary", "about {n} {unit} late")
            )
        else:
            timing = (
                translate("Commentary", "{n} {unit} early")
                if early > 0
                else translate("Commentary", "{n} {unit} late")
            )
        timing = timing.format(n=count, unit=_unit(unit, n))
    when = period_name(reached, chart.frequency, fiscal=chart.fiscal)
    return translate("Commentary", "At this pace it reaches {target} in {when}, {timing}.").format(
        target=target, when=when, timing=timing
    )


_WORDS = dict(
    enumerate(
        [
            QT_TRANSLATE_NOOP("Commentary", "zero"),
            QT_TRANSLATE_NOOP("Commentary", "one"),
            QT_TRANSLATE_NOOP("Commentary", "two"),
            QT_TRANSLATE_NOOP("Commentary", "three"),
            QT_TRANSLATE_NOOP("Commentary", "four"),
            QT_TRANSLATE_NOOP("Commentary", "five"),
            QT_TRANSLATE_NOOP("Commentary", "six"),
            QT_TRANSLATE_NOOP("Commentary", "seven"),
            QT_TRANSLATE_NOOP("Commentary", "eight"),
            QT_TRANSLATE_NOOP("Commentary", "nine"),
            QT_TRANSLATE_NOOP("Commentary", "ten"),
            QT_TRANSLATE_NOOP("Commentary", "eleven"),
            QT_TRANSLATE_NOOP("Commentary", "twelve"),
        ]
    )
)

#: A period word in the singular and the plural, as the sentences use it.
_UNITS = {
    "day": (QT_TRANSLATE_NOOP("Commentary", "day"), QT_TRANSLATE_NOOP("Commentary", "days")),
    "week": (QT_TRANSLATE_NOOP("Commentary", "week"), QT_TRANSLATE_NOOP("Commentary", "weeks")),
    "month": (QT_TRANSLATE_NOOP("Commentary", "month"), QT_TRANSLATE_NOOP("Commentary", "months")),
    "quarter": (
        QT_TRANSLATE_NOOP("Commentary", "quarter"),
        QT_TRANSLATE_NOOP("Commentary", "quarters"),
    ),
    "year": (QT_TRANSLATE_NOOP("Commentary", "year"), QT_TRANSLATE_NOOP("Commentary", "years")),
    "period": (
        QT_TRANSLATE_NOOP("Commentary", "period"),
        QT_TRANSLATE_NOOP("Commentary", "periods"),
    ),
}


def _unit(word: str, n: int) -> str:
    one, many = _UNITS.get(word, (word, word + "s"))
    return translate("Commentary", one if n == 1 else many)


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
