"""The demo workspace: "Corner Cafe", a neighbourhood cafe with a small web shop for beans.

`build_demo(ws, today)` fills an empty workspace with objectives, KPIs, two years of monthly
values ending at the last complete month before `today`, milestones, a past review and its
corrective actions. Everything is placed relative to `today` and drawn from one
`random.Random` with a fixed seed, so the same `today` always gives the same workspace.

The story at `today`: most KPIs on track, gross margin and the web-shop basket at risk,
counter wait time off track, new online reviews achieved, food waste kept within its range.
The last value of each KPI is nudged, when needed, so that this story holds for any `today`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpi_desktop.domain.periods import add_periods, last_complete_period, period_label
from kpi_desktop.domain.status import expected_at, status_at
from kpi_desktop.domain.types import Frequency, KpiTarget, Point, Status
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.review.reviews import EntryInput
from kpi_desktop.services.strategy_map.links import add_link
from kpi_desktop.services.workspace.workspace import Workspace

DEMO_NAME = "Corner Cafe"
SEED = 1923  # the year the corner house was built; any fixed number would do
MONTHS = 24


@dataclass(frozen=True, slots=True)
class GoalSpec:
    key: str
    title: str
    perspective: str
    owner: str
    description: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class KpiSpec:
    """A demo KPI: its definition (named as in KPI_FIELDS) and the story its data tells."""

    goal: str
    name: str
    unit: str
    unit_kind: str
    direction: str
    baseline_value: float  # the level a year ago (for a range KPI: the usual level)
    target_value: float | None  # where to be by the end of next year (None for a range)
    want: Status  # the status at `today`
    was: Status | None = None  # the status at last month's review, when not `want`
    pace: float = 1.0  # how fast the real trend moves, compared with the plan
    season: str = "flat"  # a key of SEASONS
    swing: float = 0.0  # the seasonal swing: 0.1 means 10% above the trend at the peak
    noise: float = 0.03  # relative standard deviation of the month-to-month noise
    milestones: bool = False
    decimals: int = 0
    aggregation: str = "sum"
    leading: bool = False
    weight: float = 1.0
    range_low: float | None = None
    range_high: float | None = None
    owner: str = ""
    key_question: str = ""
    description: str = ""
    data_source: str = ""
    formula: str = ""
    calculation: str = ""  # a calculated KPI: its values are derived from its inputs
    # An input of a calculated KPI whose values follow from two other KPIs' values:
    # (KPI a, KPI b, scale), the value is a x b x scale (so the calculated KPI keeps the
    # story its own spec tells).
    product_of: tuple[str, str, float] | None = None


_SPEC_FIELDS = (
    "unit", "unit_kind", "direction", "baseline_value", "target_value", "decimals",
    "aggregation", "leading", "weight", "range_low", "range_high", "owner", "key_question",
    "description", "data_source", "formula", "calculation",
)  # fmt: skip

# fmt: off
GOALS = (
    GoalSpec("money", "Grow profitable revenue", "financial", "Maria",
             "Grow sales in the cafe and the web shop without giving away margin."),
    GoalSpec("shop", "Grow the web shop", "financial", "Tom",
             "Sell more of our roasted beans online, especially as gifts.", parent="money"),
    GoalSpec("regulars", "Delight our regulars", "customer", "Jonas",
             "Guests come back because they are known, served fast and served well."),
    GoalSpec("kitchen", "Run a tight kitchen", "internal process", "Aylin",
             "Waste little, staff the floor well, keep the kitchen calm at the rush."),
)

SEASONS = {  # January .. December: the shape of a year (mean 0), scaled by a KPI's swing
    "flat": (0.0,) * 12,
    "terrace": (-0.8, -0.9, -0.5, 0.0, 0.4, 0.8, 1.0, 0.9, 0.3, -0.2, -0.6, -0.4),
    "gifts": (-0.15, -0.15, -0.1, -0.1, -0.1, -0.15, -0.25, -0.25, -0.1, -0.1, 0.45, 1.0),
}

KPIS = (
    # goal, name, unit, unit kind, direction, baseline, target; the story; the definition
    KpiSpec("money", "Monthly revenue", "EUR", "currency", "increase", 38_000, 46_000,
            Status.ON_TRACK, pace=1.2, season="terrace", swing=0.08, milestones=True,
            weight=2.0, owner="Maria",
            key_question="Are we selling more, cafe and web shop together?",
            description="Net sales of the cafe and the web shop in the month, without VAT.",
            data_source="Till Z-reports and the web-shop sales export",
            formula="cafe sales + web-shop sales"),
    KpiSpec("money", "Gross profit", "EUR", "currency", "increase", 23_560, 30_360,
            Status.ON_TRACK, decimals=0, weight=0.5, owner="Maria",
            key_question="How many euros are left after beans, milk and food?",
            description="Net sales less the cost of goods sold in the month.",
            data_source="Accountant's monthly P&L",
            formula="net sales - cost of goods sold",
            product_of=("Monthly revenue", "Gross margin", 0.01)),
    KpiSpec("money", "Gross margin", "%", "percent", "increase", 62.0, 66.0,
            Status.AT_RISK, pace=0.5, season="terrace", swing=0.01, noise=0.012,
            decimals=1, aggregation="average", weight=1.5, owner="Maria",
            key_question="How much of each euro is left after beans, milk and food?",
            description="Share of net sales left after the cost of goods sold.",
            data_source="Accountant's monthly P&L",
            formula="(sales - cost of goods) / sales x 100",
            calculation="[Gross profit] / [Monthly revenue] * 100"),
    KpiSpec("shop", "Web-shop orders", "orders", "count", "increase", 180, 300,
            Status.ON_TRACK, pace=1.2, season="gifts", swing=0.5, noise=0.06, milestones=True,
            leading=True, owner="Tom",
            key_question="Do more people buy our beans online?",
            description="Paid orders in the web shop (refunds excluded).",
            data_source="Web-shop order export", formula="count of paid orders"),
    KpiSpec("shop", "Web-shop sales", "EUR", "currency", "increase", 4_950, 9_600,
            Status.ON_TRACK, decimals=2, owner="Tom",
            key_question="How much do we sell online?",
            description="Net value of the paid web-shop orders in the month.",
            data_source="Web-shop sales export", formula="sum of paid orders",
            product_of=("Web-shop orders", "Average web-shop basket", 1.0)),
    # Left incomplete on purpose, no owner and no data source, so that the KPI quality
    # check has something to find in the demo.
    KpiSpec("shop", "Average web-shop basket", "EUR", "currency", "increase", 27.5, 32.0,
            Status.AT_RISK, Status.ON_TRACK, pace=0.6, season="gifts", swing=0.06,
            noise=0.02, decimals=2, aggregation="average",
            key_question="Do online customers buy more per order?",
            description="Average net value of a paid web-shop order.",
            formula="web-shop sales / web-shop orders",
            calculation="[Web-shop sales] / [Web-shop orders]"),
    KpiSpec("regulars", "Repeat-customer rate", "%", "percent", "increase", 38.0, 45.0,
            Status.ON_TRACK, pace=1.4, noise=0.025, milestones=True,
            decimals=1, aggregation="average", weight=2.0, owner="Jonas",
            key_question="Do our guests come back?",
            description="Share of loyalty-card payments from cards used before that month.",
            data_source="Loyalty app monthly report",
            formula="returning cards / all cards x 100"),
    KpiSpec("regulars", "New online reviews", "reviews", "count", "increase", 12, 20,
            Status.ACHIEVED, Status.ON_TRACK, pace=2.6, season="terrace", swing=0.1,
            noise=0.1, leading=True, owner="Jonas",
            key_question="Do happy guests tell others about us?",
            description="New reviews of the cafe on map and review sites in the month.",
            data_source="Review sites, counted by hand", formula="count of new reviews"),
    KpiSpec("regulars", "Average wait at the counter", "min", "duration", "decrease", 6.5, 4.5,
            Status.OFF_TRACK, Status.AT_RISK, pace=0.2, season="terrace", swing=0.08,
            noise=0.05, milestones=True,
            decimals=1, aggregation="average", leading=True, owner="Jonas",
            key_question="How long does a guest wait from ordering to cup in hand?",
            description="Mean of the weekly 30-order stopwatch sample at lunchtime.",
            data_source="Stopwatch sample sheet", formula="mean wait of the sampled orders"),
    KpiSpec("kitchen", "Food waste", "% of purchases", "percent", "range", 3.2, None,
            Status.ON_TRACK, season="terrace", swing=0.15, noise=0.07,
            decimals=1, aggregation="average", range_low=2.0, range_high=4.0, owner="Aylin",
            key_question="Do we buy and prep the right amounts?",
            description="Food thrown away as a share of food bought: under 2% means empty "
                        "shelves at the rush, over 4% means money in the bin.",
            data_source="Waste log and supplier invoices",
            formula="value of waste / food purchases x 100"),
    KpiSpec("kitchen", "Covers per staff hour", "covers/h", "ratio", "increase", 2.4, 3.0,
            Status.ON_TRACK, pace=1.2, season="terrace", swing=0.06, noise=0.03,
            decimals=2, aggregation="average", leading=True, weight=0.5, owner="Aylin",
            key_question="Do we staff the floor to match the guests?",
            description="Guests served per paid staff hour in the cafe.",
            data_source="Till covers and the rota", formula="covers / paid staff hours"),
)
# fmt: on

# The gap bands (positive is good, as in domain.status) a value is moved into, as little
# as possible, when its natural value does not tell the story's status.
_GAP_BANDS = {
    Status.ON_TRACK: (-0.07, 0.6),
    Status.AT_RISK: (-0.18, -0.12),
    Status.OFF_TRACK: (-0.6, -0.26),
}


def build_demo(ws: Workspace, today: dt.date | None = None) -> None:
    """Fill the empty workspace `ws` with the Corner Cafe, as seen on `today`."""
    if ws.goals.list():
        raise ValueError("the demo can only be built in an empty workspace")
    today = today or dt.date.today()
    rng = random.Random(SEED)
    monthly = Frequency.MONTHLY
    last = last_complete_period(today, monthly)
    months = [add_periods(last, monthly, i - MONTHS + 1) for i in range(MONTHS)]
    baseline_date = add_periods(last, monthly, -12)
    target_date = dt.date(today.year + 1, 12, 31)
    # Last month's review meeting, at which the month before was the latest complete one.
    review_day = add_periods(today, monthly, -1).replace(day=min(today.day, 28))

    goal_ids: dict[str, int] = {}
    for g in GOALS:
        goal = ws.goals.add(
            g.title,
            parent_id=goal_ids.get(g.parent or ""),
            description=g.description,
            perspective=g.perspective,
            owner=g.owner,
            due_date=target_date,
        )
        goal_ids[g.key] = goal.id  # type: ignore[assignment]

    rows: list[tuple[int, dt.date, float]] = []
    made: list[tuple[int, KpiSpec, KpiTarget, list[Point]]] = []
    story: dict[str, list[float]] = {}  # each KPI's values as its spec tells them
    for spec in KPIS:
        kpi = ws.kpis.add(
            goal_ids[spec.goal],
            spec.name,
            **{key: getattr(spec, key) for key in _SPEC_FIELDS},
            currency_symbol="€" if spec.unit_kind == "currency" else "",
            frequency=monthly.value,
            baseline_date=baseline_date,
            target_date=None if spec.target_value is None else target_date,
            review_date=add_periods(today, Frequency.QUARTERLY, 1),
        )
        assert kpi.id is not None
        milestones = []
        if spec.milestones:
            spread = _even_milestones(spec, baseline_date, target_date)
            milestones = ws.kpis.set_milestones(kpi.id, spread)
        plan = kpi_target(kpi, milestones)
        made.append((kpi.id, spec, plan, []))
        if spec.product_of is not None:
            continue  # its values follow from the others', below
        values = _history(spec, months, baseline_date, target_date, rng)
        values[-2] = _steer(spec, plan, months[-2], values[-2], review_day, spec.was or spec.want)
        values[-1] = _steer(spec, plan, months[-1], values[-1], today, spec.want)
        story[spec.name] = values
    for kpi_id, spec, _plan, _ in made:
        if spec.product_of is not None:
            a, b, scale = spec.product_of
            story[spec.name] = [
                round(x * y * scale, 2) for x, y in zip(story[a], story[b], strict=True)
            ]
        if not spec.calculation:
            rows += [(kpi_id, m, v) for m, v in zip(months, story[spec.name], strict=True)]
    ws.measurements.write_many(rows, source="demo")  # the calculated KPIs follow from these
    # The strategy map's cause and effect: a calm kitchen serves regulars well, who grow
    # the revenue.
    add_link(ws, goal_ids["kitchen"], goal_ids["regulars"])
    add_link(ws, goal_ids["regulars"], goal_ids["money"])
    made = [(kpi_id, spec, plan, ws.measurements.points(kpi_id)) for kpi_id, spec, plan, _ in made]
    _add_review(ws, made, today, review_day, goal_ids)


def _even_milestones(spec: KpiSpec, start: dt.date, end: dt.date) -> list[Point]:
    """Quarter starts between baseline and target, on the straight line between them."""
    assert spec.target_value is not None
    b, t = spec.baseline_value, spec.target_value
    out = []
    q = add_periods(start, Frequency.QUARTERLY, 1)
    while q < end:
        out.append(Point(q, round(b + (t - b) * (q - start).days / (end - start).days, 6)))
        q = add_periods(q, Frequency.QUARTERLY, 1)
    return out


def _history(
    spec: KpiSpec, months: list[dt.date], start: dt.date, end: dt.date, rng: random.Random
) -> list[float]:
    """Trend (slower before the baseline) x season x noise, rounded as the KPI shows it."""
    b = spec.baseline_value
    t = b if spec.target_value is None else spec.target_value
    per_day = (t - b) / (end - start).days
    values = []
    for m in months:
        days = (m - start).days
        level = b + per_day * days * (spec.pace if days >= 0 else 0.4)
        season = 1 + spec.swing * SEASONS[spec.season][m.month - 1]
        value = level * season * (1 + rng.gauss(0, spec.noise))
        values.append(round(value, spec.decimals))
    return values


def _steer(
    spec: KpiSpec, plan: KpiTarget, period: dt.date, natural: float, when: dt.date, want: Status
) -> float:
    """The value for `period`: `natural` if it gives the status `want` at `when`, else the
    nearest value that does (so the seasonal shape stays as far as the story allows)."""
    candidates = [natural]
    b, t = spec.baseline_value, spec.target_value
    if spec.range_low is not None and spec.range_high is not None:  # only on_track is used
        lo, hi = spec.range_low, spec.range_high
        candidates.append(min(max(natural, lo + (hi - lo) * 0.05), hi - (hi - lo) * 0.05))
    elif want == Status.ACHIEVED:
        assert t is not None
        candidates.append(t)
    else:
        assert t is not None
        span, sign = abs(t - b), (1 if t > b else -1)
        expected = expected_at(plan, when)
        assert expected is not None
        low, high = _GAP_BANDS[want]
        high = min(high, sign * (t - expected) / span - 0.03)  # not quite reached
        gap = min(max(sign * (natural - expected) / span, low), high)
        # rounding may push the value over the band's edge: then take the band's middle
        candidates += [expected + sign * g * span for g in (gap, (low + high) / 2)]
    for value in candidates:
        value = round(value, spec.decimals)
        if status_at(plan, [Point(period, value)], when).status == want:
            return value
    raise AssertionError(f"no value of {spec.name} gives {want} at {when}")


def _add_review(
    ws: Workspace,
    made: list[tuple[int, KpiSpec, KpiTarget, list[Point]]],
    today: dt.date,
    day: dt.date,
    goal_ids: dict[str, int],
) -> None:
    """Last month's review meeting: a snapshot of every KPI, two comments, three actions."""
    known_by = last_complete_period(day, Frequency.MONTHLY)  # complete data at the meeting
    comments = {
        "Gross margin": "Milk and bean prices went up again; we have not passed it on yet.",
        "Average wait at the counter": "Queues out of the door at lunch on busy days; "
        "the one grinder is the bottleneck.",
    }
    entries = []
    ids: dict[str, int] = {}
    for kpi_id, spec, plan, points in made:
        seen = [p for p in points if p.period <= known_by]
        reading = status_at(plan, seen, day)
        ids[spec.name] = kpi_id
        entries.append(
            EntryInput(
                kpi_id=kpi_id,
                kpi_name=spec.name,
                status=reading.status.value,
                latest_value=reading.latest.value if reading.latest else None,
                latest_date=reading.latest.period if reading.latest else None,
                expected=reading.expected,
                progress=reading.progress,
                comment=comments.get(spec.name, ""),
            )
        )
    review = ws.reviews.record(
        day,
        f"Monthly review, {period_label(known_by, Frequency.MONTHLY)}",
        notes="Revenue, web-shop orders and repeat guests keep pace with the plan, and the "
        "new reviews are close to target. Two worries: supplier prices squeeze the margin, "
        "and lunchtime waits keep getting longer.\n"
        "Decided: buy a second grinder now, talk to our suppliers, and trial a second "
        "barista on Saturday mornings.",
        entries=entries,
    )
    done = ws.reviews.add_action(
        "Buy a second grinder for the lunch rush",
        owner="Jonas",
        due_date=day + dt.timedelta(days=14),
        kpi_id=ids["Average wait at the counter"],
        review_id=review.id,
    )
    assert done.id is not None
    ws.reviews.set_action_done(done.id, when=day + dt.timedelta(days=9))
    ws.reviews.add_action(  # overdue: due a week ago and still open
        "Renegotiate milk and bean prices with our suppliers",
        owner="Maria",
        due_date=today - dt.timedelta(days=7),
        kpi_id=ids["Gross margin"],
        review_id=review.id,
    )
    ws.reviews.add_action(
        "Trial a second barista on Saturday mornings",
        owner="Jonas",
        due_date=today + dt.timedelta(days=21),
        goal_id=goal_ids["regulars"],
        review_id=review.id,
    )
