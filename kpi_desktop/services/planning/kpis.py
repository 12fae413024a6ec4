"""Use cases for KPIs: define, edit, move and delete, with validation a user understands."""

from __future__ import annotations

import builtins
import datetime as dt
import math
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import func, or_, text
from sqlmodel import Session, select

from kpi_desktop.domain.magnitude import MAX_MAGNITUDE, check_magnitude
from kpi_desktop.domain.types import (
    DEFAULT_TOLERANCE,
    Aggregation,
    Direction,
    Frequency,
    KpiTarget,
    Point,
    UnitKind,
)
from kpi_desktop.services.calculated import definitions as calc_rules
from kpi_desktop.services.calculated.recompute import SOURCE as CALCULATED
from kpi_desktop.services.calculated.recompute import mark as mark_values
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.naming import clean_name, match_name, normalise
from kpi_desktop.services.planning.goals import get_goal
from kpi_desktop.services.workspace.edit_conflicts import check_and_bump
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Kpi, Milestone, _utcnow

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

# Every field a user may set on a KPI, and its default.
KPI_FIELDS: dict[str, Any] = {
    "name": "",
    "key_question": "",
    "description": "",
    "owner": "",
    "unit": "",
    "unit_kind": UnitKind.CUSTOM.value,
    "currency_symbol": "",
    "decimals": 0,
    "direction": Direction.INCREASE.value,
    "range_low": None,
    "range_high": None,
    "aggregation": Aggregation.SUM.value,
    "frequency": Frequency.MONTHLY.value,
    "baseline_value": None,
    "baseline_date": None,
    "target_value": None,
    "target_date": None,
    "tolerance": DEFAULT_TOLERANCE,
    "data_source": "",
    "formula": "",
    "calculation": "",
    "leading": False,
    "weight": 1.0,
    "archived": False,
    "review_date": None,
}

_ENUMS: dict[str, type[StrEnum]] = {
    "unit_kind": UnitKind,
    "direction": Direction,
    "aggregation": Aggregation,
    "frequency": Frequency,
}
_TEXT = (
    "name",
    "key_question",
    "description",
    "owner",
    "unit",
    "currency_symbol",
    "data_source",
    "formula",
    "calculation",
)
_NUMBERS = ("range_low", "range_high", "baseline_value", "target_value")
_DATES = ("baseline_date", "target_date", "review_date")
_LABELS = {
    "range_low": "Range low",
    "range_high": "Range high",
    "baseline_value": "Baseline value",
    "target_value": "Target value",
    "baseline_date": "Baseline date",
    "target_date": "Target date",
    "review_date": "Review date",
}


def get_kpi(session: Session, kpi_id: int) -> Kpi:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound(f"KPI #{kpi_id} no longer exists")
    return kpi


class PlanFields(Protocol):
    """What a KPI's plan is made of: a `Kpi`, or a plain row of its columns."""

    @property
    def direction(self) -> str: ...
    @property
    def baseline_value(self) -> float | None: ...
    @property
    def baseline_date(self) -> dt.date | None: ...
    @property
    def target_value(self) -> float | None: ...
    @property
    def target_date(self) -> dt.date | None: ...
    @property
    def tolerance(self) -> float: ...
    @property
    def range_low(self) -> float | None: ...
    @property
    def range_high(self) -> float | None: ...


class DatedValue(Protocol):
    """A milestone: a `Milestone`, or a plain row."""

    @property
    def date(self) -> dt.date: ...
    @property
    def value(self) -> float: ...


def kpi_target(kpi: PlanFields, milestones: Sequence[DatedValue] = ()) -> KpiTarget:
    """The plan of a KPI in the domain's terms. (Called for every KPI of a workspace when
    statuses are worked out: a dictionary look-up instead of an Enum call, and no sorting
    of no milestones.)"""
    return KpiTarget(
        direction=_DIRECTIONS.get(kpi.direction) or Direction(kpi.direction),
        baseline_value=kpi.baseline_value,
        baseline_date=kpi.baseline_date,
        target_value=kpi.target_value,
        target_date=kpi.target_date,
        tolerance=kpi.tolerance,
        range_low=kpi.range_low,
        range_high=kpi.range_high,
        milestones=tuple(Point(m.date, m.value) for m in sorted(milestones, key=_by_date))
        if milestones
        else (),
    )


_DIRECTIONS = {d.value: d for d in Direction}


def _by_date(milestone: DatedValue) -> dt.date:
    return milestone.date


def clean_kpi_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a full set of KPI fields; raise ValidationError on the first bad one."""
    out = dict(values)
    for key in _TEXT:
        out[key] = (
            clean_name(str(out.get(key) or ""))
            if key == "name"
            else str(out.get(key) or "").strip()
        )
    if not out["name"]:
        raise ValidationError("name", "A KPI needs a name")
    if len(out["name"]) > 200:
        raise ValidationError("name", "A KPI name can be at most 200 characters")
    for key, enum in _ENUMS.items():
        raw = out.get(key)
        try:
            out[key] = enum(str(raw).lower()).value
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise ValidationError(
                key, f"{key.replace('_', ' ').capitalize()} must be one of: {allowed} (got {raw!r})"
            ) from None
    for key in _NUMBERS:
        out[key] = _number(key, out.get(key))
    for key in _DATES:
        value = out.get(key)
        if value is not None and not isinstance(value, dt.date):
            raise ValidationError(key, f"{_LABELS[key]} must be a date")
    try:
        out["decimals"] = int(out.get("decimals") or 0)
    except (TypeError, ValueError):
        raise ValidationError("decimals", "Decimals must be a whole number") from None
    if not 0 <= out["decimals"] <= 6:
        raise ValidationError("decimals", "Decimals must be between 0 and 6")
    tol = _number("tolerance", out.get("tolerance"))
    if tol is None or tol <= 0 or tol > 1:
        raise ValidationError("tolerance", "Tolerance must be more than 0% and at most 100%")
    out["tolerance"] = tol
    weight = _number("weight", out.get("weight"))
    if weight is None or weight < 0:
        raise ValidationError("weight", "Weight must be zero or more")
    out["weight"] = weight
    out["leading"] = bool(out.get("leading"))
    out["archived"] = bool(out.get("archived"))
    lo, hi = out["range_low"], out["range_high"]
    if out["direction"] == Direction.RANGE.value and (lo is None or hi is None):
        raise ValidationError(
            "range_low", "A keep-within-a-range KPI needs both a low and a high limit"
        )
    if lo is not None and hi is not None and not lo < hi:
        raise ValidationError("range_high", "Range high must be above range low")
    bd, td = out["baseline_date"], out["target_date"]
    if bd is not None and td is not None and not td > bd:
        raise ValidationError("target_date", "The target date must be after the baseline date")
    if (
        out["direction"] != Direction.RANGE.value
        and out["baseline_value"] is not None
        and out["target_value"] is not None
        and out["baseline_value"] != out["target_value"]
    ):
        better = out["target_value"] > out["baseline_value"]
        if better != (out["direction"] == Direction.INCREASE.value):
            want = "above" if out["direction"] == Direction.INCREASE.value else "below"
            raise ValidationError(
                "target_value",
                f"For a KPI where {'higher' if want == 'above' else 'lower'} is better, "
                f"the target must be {want} the baseline",
            )
    return out


def _number(key: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        label = _LABELS.get(key, key.replace("_", " ").capitalize())
        raise ValidationError(key, f"{label} must be a number (got {value!r})") from None
    try:
        return check_magnitude(number)
    except ValueError as exc:
        raise ValidationError(key, f"{_LABELS.get(key, key)} {exc}") from None


def _check_unique_name(s: Session, goal_id: int, name: str, exclude: int | None) -> None:
    """Refuse a name another KPI of the goal has (any case). One query by the goal's index
    that compares names in the database: only an equal name (ASCII case folded there) or a
    name with other letters (folded here, exactly) comes back, never every KPI of the goal."""
    wanted = normalise(name)
    query = select(Kpi.id, Kpi.name).where(
        Kpi.goal_id == goal_id, or_(func.lower(Kpi.name) == wanted, _not_ascii(s))
    )
    for other_id, other_name in s.exec(query).all():
        if other_id != exclude and normalise(other_name) == wanted:
            raise ValidationError("name", f'This goal already has a KPI called "{other_name}"')


def _not_ascii(s: Session) -> Any:
    """A condition: the KPI's name holds a letter outside printable ASCII (whose case
    folding the database may not know, as SQLite's lower() does not)."""
    if s.get_bind().dialect.name == "sqlite":
        return text("kpi.name GLOB '*[^ -~]*'")
    return text("kpi.name ~ '[^ -~]'")


def _next_position(s: Session, goal_id: int, exclude: int | None = None) -> int:
    query = select(func.max(Kpi.position)).where(Kpi.goal_id == goal_id)
    if exclude is not None:
        query = query.where(Kpi.id != exclude)
    current = s.exec(query).one()
    return 0 if current is None else int(current) + 1


def _apply_update(
    s: Session, kpi_id: int, fields: dict[str, Any], expected_version: int | None = None
) -> Kpi:
    unknown = set(fields) - set(KPI_FIELDS)
    if unknown:
        raise ValueError(f"unknown KPI fields: {sorted(unknown)}")
    kpi = get_kpi(s, kpi_id)
    check_and_bump(kpi, expected_version, "KPI", kpi.name)
    current = {key: getattr(kpi, key) for key in KPI_FIELDS}
    values = clean_kpi_fields({**current, **fields})
    if "name" in fields:
        _check_unique_name(s, kpi.goal_id, values["name"], exclude=kpi_id)
    was_calculated, old_name = bool(kpi.calculation), kpi.name
    old_rule = (kpi.calculation, kpi.frequency)
    if values["calculation"]:
        values["calculation"] = calc_rules.check_calculation(
            s, kpi_id, values["name"], values["calculation"], values["frequency"], values["unit"]
        )
        if not was_calculated:
            _refuse_typed_values(s, kpi_id, values["name"])
    for key in fields:
        setattr(kpi, key, values[key])
    kpi.updated_at = _utcnow()
    s.add(kpi)
    s.flush()
    if values["name"] != old_name:
        calc_rules.rewrite_on_rename(s, old_name, values["name"])
    calc_rules.recheck_all(s)
    if was_calculated and not kpi.calculation:  # measured from now on: typed values only
        sqlite_connection(s).execute(
            "DELETE FROM measurement WHERE kpi_id = ? AND source = ?", (kpi_id, CALCULATED)
        )
    if (was_calculated or kpi.calculation) and old_rule != (kpi.calculation, kpi.frequency):
        mark_values(s, kpi_id)  # a new formula: every period again (an owner edit: none)
    return kpi


def _refuse_typed_values(s: Session, kpi_id: int, name: str) -> None:
    (n,) = (
        sqlite_connection(s)
        .execute("SELECT count(*) FROM measurement WHERE kpi_id = ?", (kpi_id,))
        .fetchone()
    )
    if n:
        raise ValidationError(
            "calculation",
            f"[{name}] has {n} typed or imported value(s): a calculated KPI's values are "
            "derived, so add a new KPI for the formula (or delete those values first)",
        )


def _close_gap(s: Session, kpi: Kpi) -> None:
    """Move up the KPIs after `kpi` in its goal, as if it were taken out."""
    for sib in s.exec(
        select(Kpi).where(Kpi.goal_id == kpi.goal_id, Kpi.position > kpi.position)
    ).all():
        sib.position -= 1
        s.add(sib)


class KpiService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def list(
        self, *, goal_id: int | None = None, include_archived: bool = True
    ) -> builtins.list[Kpi]:
        with self._ws.reading() as s:
            query = select(Kpi).order_by(Kpi.goal_id, Kpi.position, Kpi.id)  # type: ignore[arg-type]
            if goal_id is not None:
                query = query.where(Kpi.goal_id == goal_id)
            if not include_archived:
                query = query.where(Kpi.archived == False)  # noqa: E712
            return list(s.exec(query).all())

    def ids(self, *, include_archived: bool = True) -> builtins.list[int]:
        """Every KPI's id in tree order (goal, position): what a pass over all of them
        needs first, without an ORM object per KPI."""
        with self._ws.reading() as s:
            query = select(Kpi.id).order_by(Kpi.goal_id, Kpi.position, Kpi.id)  # type: ignore[arg-type]
            if not include_archived:
                query = query.where(Kpi.archived == False)  # noqa: E712
            return [kpi_id for kpi_id in s.exec(query).all() if kpi_id is not None]

    def get(self, kpi_id: int) -> Kpi:
        with self._ws.reading() as s:
            return get_kpi(s, kpi_id)

    def find(self, name: str) -> Kpi:
        """The KPI called `name` (case-insensitive); UnknownName/AmbiguousName otherwise."""
        return match_name("KPI", name, self.list(), lambda k: k.name)

    def add(self, goal_id: int, name: str, **fields: Any) -> Kpi:
        """Add a KPI at the end of its goal; every field is checked first."""
        return self.add_with_milestones(goal_id, name, (), **fields)

    def add_with_milestones(
        self, goal_id: int, name: str, milestones: Sequence[Point], **fields: Any
    ) -> Kpi:
        """Add a KPI and its milestones in one transaction (the wizard's Finish)."""
        unknown = set(fields) - set(KPI_FIELDS)
        if unknown:
            raise ValueError(f"unknown KPI fields: {sorted(unknown)}")
        values = clean_kpi_fields({**KPI_FIELDS, **fields, "name": name})
        with self._ws.writing() as s:
            get_goal(s, goal_id)
            _check_unique_name(s, goal_id, values["name"], exclude=None)
            if values["calculation"]:
                values["calculation"] = calc_rules.check_calculation(
                    s, None, values["name"], values["calculation"], values["frequency"],
                    values["unit"],
                )  # fmt: skip
            kpi = Kpi(goal_id=goal_id, position=_next_position(s, goal_id), **values)
            s.add(kpi)
            s.flush()
            assert kpi.id is not None
            calc_rules.recheck_all(s)
            replace_milestones(s, kpi.id, milestones)
            if kpi.calculation:
                mark_values(s, kpi.id)
            return kpi

    def update_with_milestones(
        self,
        kpi_id: int,
        milestones: Sequence[Point],
        *,
        expected_version: int | None = None,
        **fields: Any,
    ) -> Kpi:
        """Update a KPI's fields and replace its milestones in one transaction."""
        with self._ws.writing() as s:
            kpi = _apply_update(s, kpi_id, fields, expected_version)
            replace_milestones(s, kpi_id, milestones)
            return kpi

    def update(self, kpi_id: int, *, expected_version: int | None = None, **fields: Any) -> Kpi:
        """Change some fields of a KPI. With `expected_version` (the `version` of the KPI as
        the caller showed it), a KPI changed meanwhile elsewhere raises StaleEdit."""
        # A new formula or frequency writes every period of a calculated KPI again, for KPI
        # ids read in this transaction, and no KPI field is a reference: SQLite skips its
        # per-row foreign-key lookups (nothing here deletes a row that others reference).
        checked = "calculation" in fields or "frequency" in fields
        with self._ws.writing(references_checked=checked) as s:
            return _apply_update(s, kpi_id, fields, expected_version)

    def move(
        self,
        kpi_id: int,
        goal_id: int,
        position: int | None = None,
        *,
        expected_version: int | None = None,
    ) -> Kpi:
        with self._ws.writing() as s:
            kpi = get_kpi(s, kpi_id)
            check_and_bump(kpi, expected_version, "KPI", kpi.name)
            get_goal(s, goal_id)
            _check_unique_name(s, goal_id, kpi.name, exclude=kpi_id)
            _close_gap(s, kpi)
            s.flush()
            if position is None:
                position = _next_position(s, goal_id, exclude=kpi_id)
            for sib in s.exec(
                select(Kpi).where(Kpi.goal_id == goal_id, Kpi.position >= position)
            ).all():
                if sib.id != kpi_id:
                    sib.position += 1
                    s.add(sib)
            kpi.goal_id = goal_id
            kpi.position = position
            kpi.updated_at = _utcnow()
            s.add(kpi)
            return kpi

    def delete(self, kpi_id: int) -> None:
        """Delete a KPI with its values and milestones."""
        with self._ws.writing() as s:
            kpi = get_kpi(s, kpi_id)
            calc_rules.refuse_deleting_inputs(s, [kpi_id], f"[{kpi.name}]")
            _close_gap(s, kpi)
            s.delete(kpi)

    def milestones(self, kpi_id: int) -> builtins.list[Milestone]:
        with self._ws.reading() as s:
            return list(
                s.exec(
                    select(Milestone).where(Milestone.kpi_id == kpi_id).order_by(Milestone.date)  # type: ignore[arg-type]
                ).all()
            )

    def set_milestones(
        self, kpi_id: int, milestones: Sequence[Point], *, expected_version: int | None = None
    ) -> builtins.list[Milestone]:
        """Replace the KPI's milestones with `milestones` (dates must be distinct)."""
        with self._ws.writing() as s:
            kpi = get_kpi(s, kpi_id)
            check_and_bump(kpi, expected_version, "KPI", kpi.name)
            s.add(kpi)
            return replace_milestones(s, kpi_id, milestones)


def replace_milestones(s: Session, kpi_id: int, milestones: Sequence[Point]) -> list[Milestone]:
    dates = [m.period for m in milestones]
    if len(set(dates)) != len(dates):
        raise ValidationError("milestones", "Two milestones have the same date")
    for m in milestones:
        if not math.isfinite(m.value):
            raise ValidationError("milestones", f"Milestone {m.period} needs a number")
        if abs(m.value) > MAX_MAGNITUDE:
            raise ValidationError("milestones", f"Milestone {m.period} is too large")
    for old in s.exec(select(Milestone).where(Milestone.kpi_id == kpi_id)).all():
        s.delete(old)
    s.flush()
    rows = [Milestone(kpi_id=kpi_id, date=m.period, value=m.value) for m in milestones]
    s.add_all(rows)
    return rows
