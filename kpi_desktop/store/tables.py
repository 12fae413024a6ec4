"""SQLModel tables of a workspace. Validation lives in the services (table models skip it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _fk(target: str, *, nullable: bool, ondelete: str) -> Column:  # type: ignore[type-arg]
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def _version() -> Column:  # type: ignore[type-arg]
    """A row's version: the services bump it on each edit; the mapper's version_id_col makes
    each UPDATE/DELETE say "WHERE version = the one read", so a write that lost a race
    with another client's commit fails (StaleDataError) instead of overwriting it."""
    return Column("version", Integer, nullable=False, server_default="1", default=1)


_GOAL_VERSION, _KPI_VERSION, _ANNOTATION_VERSION = _version(), _version(), _version()


class Goal(SQLModel, table=True):
    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    parent_id: int | None = Field(
        default=None, sa_column=_fk("goal.id", nullable=True, ondelete="CASCADE")
    )
    perspective: str | None = None
    owner: str = ""
    due_date: dt.date | None = None
    position: int = 0
    archived: bool = False
    # Bumped by every edit of the goal itself; an editor passes the version it showed so
    # that an edit made meanwhile in another window is reported, not overwritten.
    version: int = Field(default=1, sa_column=_GOAL_VERSION)
    __mapper_args__ = {"version_id_col": _GOAL_VERSION, "version_id_generator": False}


class Kpi(SQLModel, table=True):
    __tablename__ = "kpi"
    __table_args__ = (
        CheckConstraint("tolerance > 0", name="ck_kpi_tolerance_positive"),
        CheckConstraint(
            "range_low IS NULL OR range_high IS NULL OR range_low < range_high",
            name="ck_kpi_range_order",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(sa_column=_fk("goal.id", nullable=False, ondelete="CASCADE"))
    name: str
    key_question: str = ""
    description: str = ""
    owner: str = ""
    unit: str = ""  # display unit, e.g. "EUR", "%", "customers"
    unit_kind: str = "custom"  # domain.types.UnitKind
    currency_symbol: str = ""
    decimals: int = 0
    direction: str = "increase"  # domain.types.Direction
    range_low: float | None = None
    range_high: float | None = None
    aggregation: str = "sum"  # domain.types.Aggregation
    frequency: str = "monthly"  # domain.types.Frequency
    baseline_value: float | None = None
    baseline_date: dt.date | None = None
    target_value: float | None = None
    target_date: dt.date | None = None
    tolerance: float = 0.10
    data_source: str = ""
    formula: str = ""
    # A calculated KPI's formula over other KPIs by [name] (domain/formulas); "" for a
    # measured KPI. Its values are derived (source "calculated"), never typed.
    calculation: str = Field(default="", sa_column_kwargs={"server_default": ""})
    leading: bool = False  # leading (drives results) or lagging (shows results)
    weight: float = 1.0
    position: int = 0
    archived: bool = False
    review_date: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=_utcnow)
    updated_at: dt.datetime = Field(default_factory=_utcnow)
    # Bumped by every edit of the KPI's definition or milestones (see Goal.version).
    version: int = Field(default=1, sa_column=_KPI_VERSION)
    __mapper_args__ = {"version_id_col": _KPI_VERSION, "version_id_generator": False}


class Measurement(SQLModel, table=True):
    """One value per KPI and period; the period is stored as its first day."""

    __tablename__ = "measurement"
    __table_args__ = {"sqlite_with_rowid": False}

    kpi_id: int = Field(
        sa_column=Column(Integer, ForeignKey("kpi.id", ondelete="CASCADE"), primary_key=True)
    )
    period: dt.date = Field(primary_key=True)
    value: float
    note: str = ""
    source: str = "manual"


class Milestone(SQLModel, table=True):
    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("kpi_id", "date", name="uq_milestone_kpi_date"),)

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = Field(sa_column=_fk("kpi.id", nullable=False, ondelete="CASCADE"))
    date: dt.date
    value: float


class Review(SQLModel, table=True):
    __tablename__ = "review"

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    title: str
    notes: str = ""
    created_at: dt.datetime = Field(default_factory=_utcnow)


class ReviewEntry(SQLModel, table=True):
    """A KPI as a review saw it: the status snapshot and the comment made about it."""

    __tablename__ = "review_entry"
    __table_args__ = (UniqueConstraint("review_id", "kpi_id", name="uq_review_entry"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(sa_column=_fk("review.id", nullable=False, ondelete="CASCADE"))
    kpi_id: int | None = Field(
        default=None, sa_column=_fk("kpi.id", nullable=True, ondelete="SET NULL")
    )
    kpi_name: str
    status: str
    latest_value: float | None = None
    latest_date: dt.date | None = None
    expected: float | None = None
    progress: float | None = None
    comment: str = ""


class Action(SQLModel, table=True):
    """A corrective action, usually made in a review."""

    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    owner: str = ""
    due_date: dt.date | None = None
    done: bool = False
    done_date: dt.date | None = None
    kpi_id: int | None = Field(
        default=None, sa_column=_fk("kpi.id", nullable=True, ondelete="SET NULL")
    )
    goal_id: int | None = Field(
        default=None, sa_column=_fk("goal.id", nullable=True, ondelete="SET NULL")
    )
    review_id: int | None = Field(
        default=None, sa_column=_fk("review.id", nullable=True, ondelete="SET NULL")
    )
    created_at: dt.datetime = Field(default_factory=_utcnow)


class WorkspaceInfo(SQLModel, table=True):
    """Key/value facts about the workspace (name, created, app version that wrote it)."""

    __tablename__ = "workspace_info"

    key: str = Field(primary_key=True)
    value: str = ""


class ChangeLogEntry(SQLModel, table=True):
    """One change to the plan: what, the value before and after, when and who. Written in
    the transaction of the change; kept when the goal or KPI it names is deleted."""

    __tablename__ = "change_log"

    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(index=True)  # local time, ISO 8601 to the second
    who: str = ""  # the OS user (or the server role in a team workspace)
    kind: str  # goal, kpi, milestone, value, review, action, note, setting
    kpi_id: int | None = Field(default=None, index=True)
    goal_id: int | None = Field(default=None, index=True)
    name: str = ""  # the goal's or KPI's name at the time
    what: str  # "added", "deleted", a field name, "values"
    old: str = ""
    new: str = ""


class PlanRevision(SQLModel, table=True):
    """A change of a KPI's plan from a date on. The KPI row always holds the latest plan;
    a revision keeps the plan it replaced (the ``prior_`` columns and its milestones), which
    stays in force on the dates before ``in_force_from`` (and after the revision before)."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("kpi_id", "in_force_from", name="uq_plan_revision_from"),)

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = Field(sa_column=_fk("kpi.id", nullable=False, ondelete="CASCADE"))
    in_force_from: dt.date
    reason: str = ""
    made_at: str = ""  # local time, ISO 8601 to the second
    who: str = ""
    prior_baseline_value: float | None = None
    prior_baseline_date: dt.date | None = None
    prior_target_value: float | None = None
    prior_target_date: dt.date | None = None
    prior_tolerance: float = 0.10


class PlanRevisionMilestone(SQLModel, table=True):
    """A milestone of the plan a revision replaced."""

    __tablename__ = "plan_revision_milestone"
    __table_args__ = {"sqlite_with_rowid": False}

    revision_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan_revision.id", ondelete="CASCADE"), primary_key=True
        )
    )
    date: dt.date = Field(primary_key=True)
    kpi_id: int = Field(sa_column=_fk("kpi.id", nullable=False, ondelete="CASCADE"))
    value: float


class Annotation(SQLModel, table=True):
    """A dated note ("new barista started", "road works") on a KPI or, without a KPI, on
    the whole workspace: on one date, or from ``start_date`` to ``end_date`` (inclusive)."""

    __tablename__ = "annotation"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_annotation_span"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int | None = Field(
        default=None, sa_column=_fk("kpi.id", nullable=True, ondelete="CASCADE")
    )
    start_date: dt.date = Field(index=True)
    end_date: dt.date | None = None  # None: a note on one date
    text: str
    created_at: dt.datetime = Field(default_factory=_utcnow)
    # Bumped by every edit (see Goal.version).
    version: int = Field(default=1, sa_column=_ANNOTATION_VERSION)
    __mapper_args__ = {"version_id_col": _ANNOTATION_VERSION, "version_id_generator": False}


class GoalLink(SQLModel, table=True):
    """A "drives" link of the strategy map: progress on one goal drives another."""

    __tablename__ = "goal_link"
    __table_args__ = (
        UniqueConstraint("driver_goal_id", "driven_goal_id", name="uq_goal_link"),
        CheckConstraint("driver_goal_id <> driven_goal_id", name="ck_goal_link_distinct"),
    )

    id: int | None = Field(default=None, primary_key=True)
    driver_goal_id: int = Field(sa_column=_fk("goal.id", nullable=False, ondelete="CASCADE"))
    driven_goal_id: int = Field(sa_column=_fk("goal.id", nullable=False, ondelete="CASCADE"))
    created_at: dt.datetime = Field(default_factory=_utcnow)
    # Bumped by every edit (see Goal.version).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
