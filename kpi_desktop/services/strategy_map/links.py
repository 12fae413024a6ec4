"""Use cases for "drives" links between goals: progress on one goal drives another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.planning.goals import get_goal
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.tables import GoalLink

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    driver_goal_id: int
    driven_goal_id: int


def links(ws: Workspace) -> list[Link]:
    """Every "drives" link, oldest first."""
    with ws.reading() as s:
        rows = s.exec(select(GoalLink).order_by(col(GoalLink.id))).all()
        return [Link(r.id or 0, r.driver_goal_id, r.driven_goal_id) for r in rows]


def add_link(
    ws: Workspace, driver_goal_id: int, driven_goal_id: int, link_id: int | None = None
) -> Link:
    """Store that `driver` drives `driven` (``link_id``: put a removed link back)."""
    if driver_goal_id == driven_goal_id:
        raise ValidationError("link", "A goal cannot drive itself: pick two different goals")
    with ws.writing() as s:
        driver, driven = get_goal(s, driver_goal_id), get_goal(s, driven_goal_id)
        same = s.exec(
            select(GoalLink).where(
                GoalLink.driver_goal_id == driver_goal_id, GoalLink.driven_goal_id == driven_goal_id
            )
        ).first()
        if same is not None:
            raise ValidationError(
                "link", f'"{driver.title}" already drives "{driven.title}" on the map'
            )
        row = GoalLink(id=link_id, driver_goal_id=driver_goal_id, driven_goal_id=driven_goal_id)
        s.add(row)
        s.flush()
        change_log.record(
            s, "goal", "drives", goal_id=driver_goal_id, name=driver.title, new=driven.title
        )
        assert row.id is not None
        return Link(row.id, driver_goal_id, driven_goal_id)


def remove_link(ws: Workspace, link_id: int) -> Link:
    with ws.writing() as s:
        row = s.get(GoalLink, link_id)
        if row is None:
            raise NotFound(f"link #{link_id} no longer exists")
        driver, driven = get_goal(s, row.driver_goal_id), get_goal(s, row.driven_goal_id)
        gone = Link(link_id, row.driver_goal_id, row.driven_goal_id)
        s.delete(row)
        change_log.record(
            s, "goal", "drives", goal_id=row.driver_goal_id, name=driver.title, old=driven.title
        )
        return gone
