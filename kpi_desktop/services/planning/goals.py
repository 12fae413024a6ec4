"""Use cases for goals: the tree of objectives and sub-goals."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kpi_desktop.domain.types import Perspective
from kpi_desktop.services.calculated import definitions as calc_rules
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.naming import clean_name, match_name
from kpi_desktop.services.workspace.edit_conflicts import check_and_bump
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Goal

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

# The goal fields a user edits (in this order in the goal editor).
GOAL_FIELDS = ("title", "description", "perspective", "owner", "due_date", "archived")


def get_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"goal #{goal_id} no longer exists")
    return goal


def _clean_title(title: str) -> str:
    title = clean_name(title or "")
    if not title:
        raise ValidationError("title", "A goal needs a title")
    if len(title) > 200:
        raise ValidationError("title", "A goal title can be at most 200 characters")
    return title


def _clean_perspective(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return Perspective(str(value).lower()).value
    except ValueError:
        allowed = ", ".join(p.value for p in Perspective)
        raise ValidationError("perspective", f"Perspective must be one of: {allowed}") from None


def _next_position(session: Session, parent_id: int | None) -> int:
    current = session.exec(select(func.max(Goal.position)).where(Goal.parent_id == parent_id)).one()
    return 0 if current is None else int(current) + 1


class GoalService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def list(self, *, include_archived: bool = True) -> builtins.list[Goal]:
        with self._ws.reading() as s:
            # the top-level goals first, on PostgreSQL too (where NULLs sort last)
            order = (col(Goal.parent_id).asc().nulls_first(), Goal.position, Goal.id)
            query = select(Goal).order_by(*order)  # type: ignore[arg-type]
            if not include_archived:
                query = query.where(Goal.archived == False)  # noqa: E712
            return list(s.exec(query).all())

    def get(self, goal_id: int) -> Goal:
        with self._ws.reading() as s:
            return get_goal(s, goal_id)

    def find(self, title: str) -> Goal:
        """The goal called `title` (case-insensitive); UnknownName/AmbiguousName otherwise."""
        return match_name("goal", title, self.list(), lambda g: g.title)

    def add(
        self,
        title: str,
        *,
        parent_id: int | None = None,
        description: str = "",
        perspective: str | None = None,
        owner: str = "",
        due_date: dt.date | None = None,
        position: int | None = None,
    ) -> Goal:
        with self._ws.writing() as s:
            if parent_id is not None:
                get_goal(s, parent_id)
            goal = Goal(
                title=_clean_title(title),
                parent_id=parent_id,
                description=description or "",
                perspective=_clean_perspective(perspective),
                owner=(owner or "").strip(),
                due_date=due_date,
                position=_next_position(s, parent_id) if position is None else position,
            )
            if position is not None:
                _shift_siblings(s, parent_id, position, +1)
            s.add(goal)
            s.flush()
            return goal

    def update(self, goal_id: int, *, expected_version: int | None = None, **fields: Any) -> Goal:
        """Change some fields of a goal. With `expected_version` (the `version` of the goal as
        the caller showed it), a goal changed meanwhile elsewhere raises StaleEdit."""
        unknown = set(fields) - set(GOAL_FIELDS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        with self._ws.writing() as s:
            goal = get_goal(s, goal_id)
            check_and_bump(goal, expected_version, "goal", goal.title)
            if "title" in fields:
                fields["title"] = _clean_title(fields["title"])
            if "perspective" in fields:
                fields["perspective"] = _clean_perspective(fields["perspective"])
            for key, value in fields.items():
                setattr(goal, key, value)
            s.add(goal)
            return goal

    def rename(self, goal_id: int, title: str, *, expected_version: int | None = None) -> Goal:
        return self.update(goal_id, expected_version=expected_version, title=title)

    def archive(self, goal_id: int, archived: bool = True) -> Goal:
        return self.update(goal_id, archived=archived)

    def move(
        self,
        goal_id: int,
        new_parent_id: int | None,
        position: int | None = None,
        *,
        expected_version: int | None = None,
    ) -> Goal:
        """Re-parent and/or reorder a goal. Moving a goal under itself or its own
        sub-goal is refused."""
        with self._ws.writing() as s:
            goal = get_goal(s, goal_id)
            check_and_bump(goal, expected_version, "goal", goal.title)
            if new_parent_id is not None:
                ancestor: int | None = new_parent_id
                while ancestor is not None:
                    if ancestor == goal_id:
                        raise ValidationError(
                            "parent", "A goal cannot be moved under itself or its own sub-goal"
                        )
                    ancestor = get_goal(s, ancestor).parent_id
            _shift_siblings(s, goal.parent_id, goal.position + 1, -1, exclude=goal_id)
            if position is None:
                position = _next_position(s, new_parent_id)
            _shift_siblings(s, new_parent_id, position, +1, exclude=goal_id)
            goal.parent_id = new_parent_id
            goal.position = position
            s.add(goal)
            return goal

    def delete(self, goal_id: int) -> None:
        """Delete a goal with its sub-goals, KPIs and their values."""
        with self._ws.writing() as s:
            goal = get_goal(s, goal_id)
            calc_rules.refuse_deleting_inputs(
                s, _kpis_under(s, goal_id), f'The goal "{goal.title}" (with its KPIs)'
            )
            _shift_siblings(s, goal.parent_id, goal.position + 1, -1, exclude=goal_id)
            s.delete(goal)


def _shift_siblings(
    s: Session, parent_id: int | None, from_position: int, delta: int, exclude: int | None = None
) -> None:
    siblings = s.exec(
        select(Goal).where(Goal.parent_id == parent_id, Goal.position >= from_position)
    ).all()
    for sib in siblings:
        if sib.id != exclude:
            sib.position += delta
            s.add(sib)


def _kpis_under(s: Session, goal_id: int) -> list[int]:
    """The ids of the KPIs of the goal and its sub-goals, at any depth."""
    rows = sqlite_connection(s).execute(
        "WITH RECURSIVE tree(id) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT goal.id FROM goal "
        "JOIN tree ON goal.parent_id = tree.id) SELECT kpi.id FROM kpi JOIN tree "
        "ON kpi.goal_id = tree.id",
        (goal_id,),
    )
    return [kpi_id for (kpi_id,) in rows]
