"""What the meeting report and the data export show, gathered in one place (no Qt).

:func:`gather_report` reads everything the meeting report lays out: the cover facts, every
KPI's status (the scorecard), the objectives with their KPIs and charts, the last review's
notes and comments, the open corrective actions and the achievements since the previous
review. :func:`measurement_rows` and :func:`kpi_definitions` feed the XLSX/CSV export.

"Since the previous review" means: values the last review had not seen. The review keeps a
snapshot of each KPI with its latest period then, so achievements count from the period
after the latest one it saw (a review without snapshots counts from its own date). With no
review yet, the report looks back :data:`LOOK_BACK_DAYS` days.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, period_label
from kpi_desktop.domain.rollup import Rollup
from kpi_desktop.domain.types import STATUS_ORDER, Frequency, Status
from kpi_desktop.i18n.catalogue import in_sentence, translate
from kpi_desktop.services.planning.kpis import KPI_FIELDS
from kpi_desktop.services.planning.revisions import plan_history, read_prior_plans, revision_lines
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.tracking.achievements import KpiAchievement, workspace_achievements
from kpi_desktop.services.tracking.chart_data import ChartData, chart_data
from kpi_desktop.services.tracking.status import KpiStatus, goal_rollups, kpi_statuses
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Goal, Kpi, Milestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: Without a previous review, achievements of this many days before the as-of date count.
LOOK_BACK_DAYS = 92


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An open corrective action as the report lists it."""

    title: str
    owner: str
    due_date: dt.date | None
    overdue: bool
    about: str  # the KPI or goal it is for ("" when neither)
    review: str  # the review it was made in ("" when none)


@dataclass(frozen=True, slots=True)
class LastReview:
    title: str
    date: dt.date
    notes: str
    #: The comment made about each KPI (by KPI id), and the status the KPI had then.
    comments: dict[int, str]
    statuses: dict[int, Status]
    #: The latest period the review saw (over all KPIs), None without snapshots.
    seen_until: dt.date | None


@dataclass(frozen=True, slots=True)
class ObjectiveSection:
    """A top-level goal with the KPIs under it (its own and its sub-goals')."""

    goal_id: int
    title: str
    description: str
    owner: str
    perspective: str | None
    rollup: Rollup
    kpis: list[KpiStatus]
    charts: list[ChartData]


@dataclass(frozen=True)
class ReportData:
    workspace_name: str
    as_of: dt.date
    #: The latest period with values, e.g. "Oct 2026" ("" without any value).
    period: str
    statuses: list[KpiStatus]
    status_counts: dict[Status, int]
    objectives: list[ObjectiveSection]
    last_review: LastReview | None
    open_actions: list[ActionRow]
    achievements: list[KpiAchievement]
    #: Achievements are counted from this date (see the module notes).
    achievements_since: dt.date
    frequencies: dict[int, Frequency] = field(default_factory=dict)
    #: Each revised KPI's target revisions, one line each (services.revisions).
    revisions: dict[int, list[str]] = field(default_factory=dict)
    #: The workspace's fiscal year: quarters and years are named by it ("FY 2026/27").
    fiscal: FiscalYear = CALENDAR_YEAR

    @property
    def kpi_count(self) -> int:
        return len(self.statuses)

    def summary(self) -> str:
        """ "9 KPIs: 1 achieved, 5 on track, 2 at risk, 1 off track"."""
        parts = [
            f"{self.status_counts[s]} {in_sentence(s.label)}"
            for s in STATUS_ORDER
            if self.status_counts.get(s)
        ]
        n = self.kpi_count
        head = translate("Report", "1 KPI") if n == 1 else translate("Report", "{0} KPIs").format(n)
        return head + (f": {', '.join(parts)}" if parts else "")


def workspace_name(ws: Workspace) -> str:
    """The name the workspace was given (the file name when it has none)."""
    return ws.info().get("name") or ws.path.stem


def gather_report(ws: Workspace, as_of: dt.date) -> ReportData:
    """Everything the meeting report shows, at ``as_of``."""
    statuses = kpi_statuses(ws, as_of)
    goals = ws.goals.list(include_archived=False)
    rollups = goal_rollups(goals, statuses)
    with ws.reading() as s:
        frequencies = {
            k.id: Frequency(k.frequency)
            for k in s.exec(select(Kpi).where(Kpi.archived == False))  # noqa: E712
            if k.id is not None
        }
    charts = {st.kpi_id: chart_data(ws, st.kpi_id, as_of) for st in statuses}
    with ws.reading() as s:
        revised = read_prior_plans(sqlite_connection(s))
        fiscal = read_fiscal_year(sqlite_connection(s))
    revisions = {
        st.kpi_id: revision_lines(plan_history(ws, st.kpi_id), st.format)
        for st in statuses
        if st.kpi_id in revised
    }

    top_of = _top_goals(goals)
    objectives = []
    for goal in _top_level(goals):
        assert goal.id is not None
        kpis = [st for st in statuses if top_of.get(st.goal_id) == goal.id]
        objectives.append(
            ObjectiveSection(
                goal_id=goal.id,
                title=goal.title,
                description=goal.description,
                owner=goal.owner,
                perspective=goal.perspective,
                rollup=rollups.get(goal.id, Rollup(Status.NO_DATA, None)),
                kpis=kpis,
                charts=[charts[st.kpi_id] for st in kpis],
            )
        )

    review = _last_review(ws, as_of)
    since = _news_since(review) if review else as_of - dt.timedelta(days=LOOK_BACK_DAYS)
    found = workspace_achievements(ws, since=since, as_of=as_of)

    latest = [st.latest_date for st in statuses if st.latest_date is not None]
    period = ""
    if latest:
        newest = max(latest)
        freq = Counter(
            frequencies.get(st.kpi_id, Frequency.MONTHLY)
            for st in statuses
            if st.latest_date == newest
        ).most_common(1)[0][0]
        period = period_label(newest, freq, fiscal=fiscal)
    return ReportData(
        workspace_name=workspace_name(ws),
        as_of=as_of,
        period=period,
        statuses=statuses,
        status_counts=dict(Counter(st.status for st in statuses)),
        objectives=objectives,
        last_review=review,
        open_actions=_open_actions(ws, as_of, goals),
        achievements=found,
        achievements_since=since,
        revisions=revisions,
        frequencies=frequencies,
        fiscal=fiscal,
    )


def _top_level(goals: list[Goal]) -> list[Goal]:
    ids = {g.id for g in goals}
    tops = [g for g in goals if g.parent_id is None or g.parent_id not in ids]
    return sorted(tops, key=lambda g: (g.position, g.id or 0))


def _top_goals(goals: list[Goal]) -> dict[int, int]:
    """Each goal's top-level goal (an objective maps to itself)."""
    by_id = {g.id: g for g in goals if g.id is not None}
    out: dict[int, int] = {}
    for goal_id in by_id:
        current, seen = by_id[goal_id], set()
        while current.parent_id in by_id and current.id not in seen:
            seen.add(current.id)
            current = by_id[current.parent_id]
        assert current.id is not None
        out[goal_id] = current.id
    return out


def since_last_review(ws: Workspace, as_of: dt.date) -> dt.date | None:
    """The first day of what the last review (on or before ``as_of``) had not seen: the
    day after the latest period it saw, else its date; None without a review. "Since the
    last review" in the report and in the Achievements tab."""
    review = _last_review(ws, as_of)
    return None if review is None else _news_since(review)


def _news_since(review: LastReview) -> dt.date:
    if review.seen_until is not None:
        return review.seen_until + dt.timedelta(days=1)
    return review.date


def _last_review(ws: Workspace, as_of: dt.date) -> LastReview | None:
    reviews = [r for r in ws.reviews.list() if r.date <= as_of]
    if not reviews:
        return None
    review = reviews[0]  # the list is newest first
    assert review.id is not None
    entries = ws.reviews.entries(review.id)
    seen = [e.latest_date for e in entries if e.latest_date is not None]
    return LastReview(
        title=review.title,
        date=review.date,
        notes=review.notes,
        comments={e.kpi_id: e.comment for e in entries if e.kpi_id is not None and e.comment},
        statuses={e.kpi_id: _status(e.status) for e in entries if e.kpi_id is not None},
        seen_until=max(seen) if seen else None,
    )


def _status(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        return Status.NO_DATA


def _open_actions(ws: Workspace, as_of: dt.date, goals: list[Goal]) -> list[ActionRow]:
    kpi_names = {k.id: k.name for k in ws.kpis.list()}
    goal_titles = {g.id: g.title for g in goals}
    review_titles = {r.id: r.title for r in ws.reviews.list()}
    rows = []
    for a in ws.reviews.actions(open_only=True):
        about = kpi_names.get(a.kpi_id, "") if a.kpi_id is not None else ""
        if not about and a.goal_id is not None:
            about = goal_titles.get(a.goal_id, "")
        rows.append(
            ActionRow(
                title=a.title,
                owner=a.owner,
                due_date=a.due_date,
                overdue=a.due_date is not None and a.due_date < as_of,
                about=about,
                review=review_titles.get(a.review_id, "") if a.review_id is not None else "",
            )
        )
    # Overdue first, then by due date (undated last).
    return sorted(rows, key=lambda r: (not r.overdue, r.due_date or dt.date.max, r.title))


# -- the data export ------------------------------------------------------------------------

#: The columns of the KPI definitions: the goal, every KPI field, then the bookkeeping ones.
KPI_COLUMNS: tuple[str, ...] = ("goal", *KPI_FIELDS, "created_at", "updated_at")


def kpi_definitions(ws: Workspace) -> list[dict[str, Any]]:
    """Every KPI (archived ones too) as {column: value} in :data:`KPI_COLUMNS`, tree order."""
    goals = {g.id: g for g in ws.goals.list()}
    rows = []
    for kpi in ws.kpis.list(include_archived=True):
        goal = goals.get(kpi.goal_id)
        row: dict[str, Any] = {"goal": goal.title if goal else ""}
        for key in KPI_COLUMNS[1:]:
            row[key] = getattr(kpi, key)
        rows.append(row)
    return rows


def milestone_rows(ws: Workspace) -> list[tuple[str, dt.date, float]]:
    """Every milestone as (KPI name, date, value), by KPI then date."""
    names = {k.id: k.name for k in ws.kpis.list()}
    with ws.reading() as s:
        found = s.exec(select(Milestone).order_by(col(Milestone.kpi_id), col(Milestone.date)))
        return [(names.get(m.kpi_id, ""), m.date, m.value) for m in found]


def measurement_count(ws: Workspace) -> int:
    """How many values the workspace stores (what `measurement_rows` yields)."""
    with ws.reading() as s:
        row = sqlite_connection(s).execute("SELECT count(*) FROM measurement").fetchone()
        return int(row[0])


def measurement_rows(ws: Workspace) -> Iterator[tuple[dt.date, str, float, str, str]]:
    """Every stored value as (period, KPI name, value, note, source), by KPI and period.

    Streams from one query, so a million values never sit in memory as objects at once.
    """
    order = {k.id: i for i, k in enumerate(ws.kpis.list())}
    names = {k.id: k.name for k in ws.kpis.list()}
    with ws.reading() as s:
        raw = sqlite_connection(s)
        for kpi_id in sorted(order, key=order.__getitem__):
            cursor = raw.execute(
                "SELECT period, value, note, source FROM measurement WHERE kpi_id = ? "
                "ORDER BY period",
                (kpi_id,),
            )
            name = names[kpi_id]
            for period, value, note, source in cursor:
                yield dt.date.fromisoformat(period), name, float(value), note or "", source or ""


__all__ = [
    "KPI_COLUMNS",
    "ActionRow",
    "LastReview",
    "ObjectiveSection",
    "ReportData",
    "gather_report",
    "kpi_definitions",
    "measurement_count",
    "measurement_rows",
    "since_last_review",
    "milestone_rows",
    "workspace_name",
]
