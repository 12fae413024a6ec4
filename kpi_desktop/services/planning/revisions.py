"""Target revisions: a KPI's plan changes from a date on, and the old plan is kept.

The KPI row always holds the latest plan. Each :class:`PlanRevision` keeps the plan it
replaced (baseline, target, tolerance and milestones), in force on the dates before the
revision's ``in_force_from`` and on or after the revision before it. So the plan in force
on a date is: the prior plan of the first revision that starts after it, else the KPI's
own. Status, pace and milestones at any date use that plan (:func:`plans_in_force`), so
``status --as-of D`` gives the same answer before and after a later revision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sqlmodel import Session, col, select

from kpi_desktop.domain.types import KpiTarget, Point
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.planning.kpis import (
    KPI_FIELDS,
    DatedValue,
    PlanFields,
    clean_kpi_fields,
    get_kpi,
    kpi_target,
    replace_milestones,
)
from kpi_desktop.services.planning.plan_rows import MilestoneRow
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection
from kpi_desktop.store.tables import Kpi, Milestone, PlanRevision, PlanRevisionMilestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: The KPI fields that make its plan (what a revision may change and keeps the old of).
PLAN_FIELDS = ("baseline_value", "baseline_date", "target_value", "target_date", "tolerance")


class PriorPlan(NamedTuple):
    """The plan a revision replaced, in force before ``until`` (a row of plan_revision)."""

    until: dt.date
    baseline_value: float | None
    baseline_date: dt.date | None
    target_value: float | None
    target_date: dt.date | None
    tolerance: float
    milestones: tuple[MilestoneRow, ...]


@dataclass(frozen=True, slots=True)
class PlanPeriod:
    """One plan of a KPI and the dates it was (or is) in force: from ``start`` (None: from
    the beginning) to the day before ``end`` (None: still in force)."""

    start: dt.date | None
    end: dt.date | None
    baseline_value: float | None
    baseline_date: dt.date | None
    target_value: float | None
    target_date: dt.date | None
    tolerance: float
    milestones: tuple[Point, ...]
    reason: str = ""  # why this plan replaced the one before (empty for the first)
    made_at: str = ""
    who: str = ""


_FROMISO = dt.date.fromisoformat


def _day(text: str | None) -> dt.date | None:
    return None if text is None else _FROMISO(text)


def read_prior_plans(raw: RawConnection, kpi_id: int | None = None) -> dict[int, list[PriorPlan]]:
    """Each revised KPI's earlier plans, oldest first (KPIs never revised are left out);
    of one KPI only when `kpi_id` is given."""
    one = "" if kpi_id is None else " WHERE kpi_id = :kpi"
    marks: dict[int, list[MilestoneRow]] = defaultdict(list)
    for rev_id, date, value in raw.execute(
        f"SELECT revision_id, date, value FROM plan_revision_milestone{one} "
        "ORDER BY revision_id, date",
        {"kpi": kpi_id},
    ):
        marks[rev_id].append(MilestoneRow(_FROMISO(date), value))
    out: dict[int, list[PriorPlan]] = defaultdict(list)
    for rev_id, kpi, until, bv, bd, tv, td, tol in raw.execute(
        "SELECT id, kpi_id, in_force_from, prior_baseline_value, prior_baseline_date, "
        f"prior_target_value, prior_target_date, prior_tolerance FROM plan_revision{one} "
        "ORDER BY kpi_id, in_force_from",
        {"kpi": kpi_id},
    ):
        out[kpi].append(
            PriorPlan(_FROMISO(until), bv, _day(bd), tv, _day(td), tol, tuple(marks[rev_id]))
        )
    return out


Row = TypeVar("Row", bound=NamedTuple)


def plan_in_force(
    kpi: Row, milestones: list[MilestoneRow], priors: Sequence[PriorPlan], on: dt.date
) -> tuple[Row, list[MilestoneRow]]:
    """The KPI (a row with the plan fields) and milestones as the plan in force on `on`."""
    for prior in priors:
        if on < prior.until:
            fields = {name: getattr(prior, name) for name in PLAN_FIELDS}
            return kpi._replace(**fields), list(prior.milestones)
    return kpi, milestones


def plans_in_force(
    raw: RawConnection,
    kpis: list[Row],
    milestones: dict[int, list[MilestoneRow]],
    on: dt.date,
) -> tuple[list[Row], dict[int, list[MilestoneRow]]]:
    """Every KPI and its milestones as the plan in force on `on` (one small read: KPIs
    never revised, nearly all of them, are passed through as they are)."""
    priors = read_prior_plans(raw)
    if not priors:
        return kpis, milestones
    out_kpis = []
    out_marks = dict(milestones)
    for kpi in kpis:
        kpi_id: int = getattr(kpi, "id")  # noqa: B009 (a NamedTuple field)
        if kpi_id in priors:
            kpi, marks = plan_in_force(kpi, milestones.get(kpi_id, []), priors[kpi_id], on)
            out_marks[kpi_id] = marks
        out_kpis.append(kpi)
    return out_kpis, out_marks


def plan_spans(
    kpi: PlanFields, milestones: Sequence[DatedValue], priors: Sequence[PriorPlan]
) -> list[tuple[dt.date | None, dt.date | None, KpiTarget]]:
    """Each plan of the KPI in the domain's terms with the dates it is in force, from
    ``start`` (None: the beginning) to the day before ``end`` (None: open), oldest first."""
    spans: list[tuple[dt.date | None, dt.date | None, KpiTarget]] = []
    start: dt.date | None = None
    for prior in priors:
        prior_kpi = _PlanOf(kpi, prior)
        spans.append((start, prior.until, kpi_target(prior_kpi, prior.milestones)))
        start = prior.until
    spans.append((start, None, kpi_target(kpi, milestones)))
    return spans


class _PlanOf:
    """A KPI's fields with the plan fields of an earlier plan (for :func:`kpi_target`)."""

    def __init__(self, kpi: PlanFields, prior: PriorPlan) -> None:
        self.direction = kpi.direction
        self.range_low, self.range_high = kpi.range_low, kpi.range_high
        self.baseline_value, self.baseline_date = prior.baseline_value, prior.baseline_date
        self.target_value, self.target_date = prior.target_value, prior.target_date
        self.tolerance = prior.tolerance


def plan_history(ws: Workspace, kpi_id: int) -> list[PlanPeriod]:
    """The KPI's plans, oldest first, each with the dates it is in force and why it came."""
    with ws.reading() as s:
        kpi = get_kpi(s, kpi_id)
        own = sorted(
            s.exec(select(Milestone).where(Milestone.kpi_id == kpi_id)), key=lambda m: m.date
        )
        revisions = list(
            s.exec(
                select(PlanRevision)
                .where(PlanRevision.kpi_id == kpi_id)
                .order_by(col(PlanRevision.in_force_from))
            )
        )
        priors = read_prior_plans(sqlite_connection(s)).get(kpi_id, [])
    plans: list[tuple[PriorPlan | Kpi, Sequence[MilestoneRow | Milestone]]] = [
        (prior, prior.milestones) for prior in priors
    ]
    plans.append((kpi, own))
    ends: list[dt.date | None] = [rev.in_force_from for rev in revisions]
    starts = [None, *ends]
    ends.append(None)
    came = [("", "", ""), *((rev.reason, rev.made_at, rev.who) for rev in revisions)]
    out = [
        PlanPeriod(
            start=start,
            end=end,
            baseline_value=plan.baseline_value,
            baseline_date=plan.baseline_date,
            target_value=plan.target_value,
            target_date=plan.target_date,
            tolerance=plan.tolerance,
            milestones=tuple(Point(m.date, m.value) for m in points),
            reason=why,
            made_at=made,
            who=who,
        )
        for (plan, points), start, end, (why, made, who) in zip(
            plans, starts, ends, came, strict=True
        )
    ]
    return out


def _number(value: float) -> str:
    return f"{value:g}"


def revision_lines(plans: Sequence[PlanPeriod], fmt: Any = _number) -> list[str]:
    """One line per revision for people: "From 2026-07-01: target 40,000 by 2026-12-01 →
    48,000 by 2026-12-01 (new espresso machine); revised 2026-06-20 by anna"."""
    lines = []
    for before, after in zip(plans, plans[1:], strict=False):

        def plan(p: PlanPeriod) -> str:
            value = "none" if p.target_value is None else fmt(p.target_value)
            return f"{value} by {p.target_date.isoformat() if p.target_date else '?'}"

        line = f"From {after.start}: target {plan(before)} → {plan(after)}"
        if after.reason:
            line += f" ({after.reason})"
        if after.made_at:
            line += f"; revised {after.made_at[:10]}"
            line += f" by {after.who}" if after.who else ""
        lines.append(line)
    return lines


@dataclass(frozen=True, slots=True)
class Revision:
    """What a revision did, enough to take it back (:func:`withdraw_revision`)."""

    kpi_id: int
    revision_id: int


def revise_plan(
    ws: Workspace,
    kpi_id: int,
    in_force_from: dt.date,
    *,
    reason: str = "",
    milestones: Sequence[Point] | None = None,
    **plan: Any,
) -> Revision:
    """Give the KPI a new plan from `in_force_from` on, keeping the current one for the
    dates before. `plan` holds the plan fields that change (and any other KPI fields
    changed at the same time, as the wizard does); `milestones` the new plan's
    (None: none, a straight line from the baseline to the new target)."""
    unknown = set(plan) - set(KPI_FIELDS)
    if unknown:
        raise ValueError(f"unknown KPI fields: {sorted(unknown)}")
    reason = " ".join(reason.split())
    if len(reason) > 500:
        raise ValidationError("reason", "The reason is too long (500 characters at most)")
    with ws.writing() as s:
        kpi = get_kpi(s, kpi_id)
        _check_after_last_revision(s, kpi, in_force_from)
        current = {name: getattr(kpi, name) for name in PLAN_FIELDS}
        values = clean_kpi_fields({**{k: getattr(kpi, k) for k in KPI_FIELDS}, **plan})
        new_plan = {name: values[name] for name in PLAN_FIELDS}
        if new_plan == current and milestones is None and set(plan) <= set(PLAN_FIELDS):
            raise ValidationError("target", "The new plan is the same as the current one")
        target_date = new_plan["target_date"]
        if target_date is not None and target_date < in_force_from:
            raise ValidationError(
                "target_date",
                f"The new target date {target_date} is before the revision takes effect "
                f"({in_force_from})",
            )
        old_marks = list(s.exec(select(Milestone).where(Milestone.kpi_id == kpi_id)))
        rev = PlanRevision(
            kpi_id=kpi_id,
            in_force_from=in_force_from,
            reason=reason,
            made_at=dt.datetime.now().isoformat(timespec="seconds"),
            who=change_log.current_user(),
            **{f"prior_{name}": value for name, value in current.items()},
        )
        s.add(rev)
        s.flush()
        assert rev.id is not None
        s.add_all(
            PlanRevisionMilestone(revision_id=rev.id, kpi_id=kpi_id, date=m.date, value=m.value)
            for m in old_marks
        )
        for name in {*new_plan, *plan}:  # the plan, and any other field changed with it
            setattr(kpi, name, values[name])
        kpi.version += 1
        s.add(kpi)
        kpi.updated_at = dt.datetime.now(dt.UTC)
        with change_log.unwatched(s):  # the old ones are kept with the revision
            replace_milestones(s, kpi_id, list(milestones or ()))
        change_log.record(
            s,
            "kpi",
            "target revised",
            kpi_id=kpi_id,
            goal_id=kpi.goal_id,
            name=kpi.name,
            new=f"from {in_force_from}" + (f" ({reason})" if reason else ""),
        )
        return Revision(kpi_id, rev.id)


def withdraw_revision(ws: Workspace, revision: Revision) -> None:
    """Take a revision back: the plan it replaced becomes the KPI's own again (undo)."""
    with ws.writing() as s:
        kpi = get_kpi(s, revision.kpi_id)
        rev = s.get(PlanRevision, revision.revision_id)
        if rev is None or rev.kpi_id != kpi.id:
            raise ValidationError("revision", "This plan revision no longer exists")
        later = s.exec(
            select(PlanRevision.id).where(
                PlanRevision.kpi_id == kpi.id, col(PlanRevision.in_force_from) > rev.in_force_from
            )
        ).first()
        if later is not None:
            raise ValidationError("revision", "Only the latest plan revision can be taken back")
        marks = list(
            s.exec(
                select(PlanRevisionMilestone).where(
                    PlanRevisionMilestone.revision_id == revision.revision_id
                )
            )
        )
        for name in PLAN_FIELDS:
            setattr(kpi, name, getattr(rev, f"prior_{name}"))
        kpi.version += 1
        kpi.updated_at = dt.datetime.now(dt.UTC)
        s.add(kpi)
        with change_log.unwatched(s):
            replace_milestones(s, revision.kpi_id, [Point(m.date, m.value) for m in marks])
        s.delete(rev)
        change_log.record(
            s,
            "kpi",
            "target revision undone",
            kpi_id=kpi.id,
            goal_id=kpi.goal_id,
            name=kpi.name,
            new=f"from {rev.in_force_from}",
        )


def last_revision_start(ws: Workspace, kpi_id: int) -> dt.date | None:
    """The date the KPI's latest revision applies from (None: never revised)."""
    with ws.reading() as s:
        return _last_start(s, kpi_id)


def _last_start(s: Session, kpi_id: int | None) -> dt.date | None:
    found = s.exec(
        select(col(PlanRevision.in_force_from))
        .where(PlanRevision.kpi_id == kpi_id)
        .order_by(col(PlanRevision.in_force_from).desc())
    ).first()
    return found


def _check_after_last_revision(s: Session, kpi: Kpi, in_force_from: dt.date) -> None:
    last = _last_start(s, kpi.id)
    if last is not None and in_force_from <= last:
        raise ValidationError(
            "in_force_from",
            f"The plan of {kpi.name} was last revised from {last}; a new revision must "
            f"start after that date",
        )
