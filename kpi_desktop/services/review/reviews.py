"""Use cases for review meetings and the corrective actions they decide."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from kpi_desktop.services.errors import ConflictError, NotFound, ValidationError
from kpi_desktop.services.planning.goals import get_goal
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.store.tables import Action, Goal, Kpi, Review, ReviewEntry

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


@dataclass(frozen=True, slots=True)
class EntryInput:
    """A KPI as seen in a review: its status snapshot and the comment made about it."""

    kpi_id: int | None
    kpi_name: str
    status: str
    latest_value: float | None = None
    latest_date: dt.date | None = None
    expected: float | None = None
    progress: float | None = None
    comment: str = ""


def _clean_title(title: str, what: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("title", f"A {what} needs a title")
    return title


class ReviewService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    # -- reviews ------------------------------------------------------------------------------

    def list(self) -> builtins.list[Review]:
        with self._ws.reading() as s:
            return list(
                s.exec(select(Review).order_by(col(Review.date).desc(), col(Review.id).desc()))
            )

    def get(self, review_id: int) -> Review:
        with self._ws.reading() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise NotFound(f"review #{review_id} no longer exists")
            return review

    def entries(self, review_id: int) -> builtins.list[ReviewEntry]:
        with self._ws.reading() as s:
            return list(
                s.exec(
                    select(ReviewEntry)
                    .where(ReviewEntry.review_id == review_id)
                    .order_by(col(ReviewEntry.id))
                )
            )

    def record(
        self,
        date: dt.date,
        title: str,
        notes: str = "",
        entries: Sequence[EntryInput] = (),
    ) -> Review:
        """Save a review with its snapshot of KPI statuses, in one transaction."""
        with self._ws.writing() as s:
            review = Review(date=date, title=_clean_title(title, "review"), notes=notes or "")
            s.add(review)
            s.flush()
            assert review.id is not None
            for e in entries:
                s.add(
                    ReviewEntry(
                        review_id=review.id,
                        kpi_id=e.kpi_id,
                        kpi_name=e.kpi_name,
                        status=e.status,
                        latest_value=e.latest_value,
                        latest_date=e.latest_date,
                        expected=e.expected,
                        progress=e.progress,
                        comment=e.comment,
                    )
                )
            return review

    def update_notes(self, review_id: int, notes: str) -> Review:
        with self._ws.writing() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise NotFound(f"review #{review_id} no longer exists")
            review.notes = notes
            s.add(review)
            return review

    def delete(self, review_id: int) -> None:
        with self._ws.writing() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise NotFound(f"review #{review_id} no longer exists")
            s.delete(review)

    # -- actions ------------------------------------------------------------------------------

    def actions(self, *, open_only: bool = False) -> builtins.list[Action]:
        with self._ws.reading() as s:
            query = select(Action)
            if open_only:
                query = query.where(Action.done == False)  # noqa: E712
            # the actions without a due date first, on PostgreSQL too (NULLs sort last there)
            order = (col(Action.due_date).asc().nulls_first(), col(Action.id))
            return list(s.exec(query.order_by(*order)))

    def get_action(self, action_id: int) -> Action:
        with self._ws.reading() as s:
            action = s.get(Action, action_id)
            if action is None:
                raise NotFound(f"action #{action_id} no longer exists")
            return action

    def add_action(
        self,
        title: str,
        *,
        owner: str = "",
        due_date: dt.date | None = None,
        kpi_id: int | None = None,
        goal_id: int | None = None,
        review_id: int | None = None,
    ) -> Action:
        with self._ws.writing() as s:
            if kpi_id is not None:
                get_kpi(s, kpi_id)
            if goal_id is not None:
                get_goal(s, goal_id)
            if review_id is not None and s.get(Review, review_id) is None:
                raise NotFound(f"review #{review_id} no longer exists")
            action = Action(
                title=_clean_title(title, "corrective action"),
                owner=(owner or "").strip(),
                due_date=due_date,
                kpi_id=kpi_id,
                goal_id=goal_id,
                review_id=review_id,
            )
            s.add(action)
            s.flush()
            return action

    def set_action_done(
        self, action_id: int, done: bool = True, when: dt.date | None = None
    ) -> Action:
        with self._ws.writing() as s:
            action = s.get(Action, action_id)
            if action is None:
                raise NotFound(f"action #{action_id} no longer exists")
            action.done = done
            action.done_date = (when or dt.date.today()) if done else None
            s.add(action)
            return action

    def update_action(self, action_id: int, **fields: Any) -> Action:
        """Change an action's title, owner, due date, KPI or goal (None unlinks those)."""
        unknown = set(fields) - {"title", "owner", "due_date", "kpi_id", "goal_id"}
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        with self._ws.writing() as s:
            action = s.get(Action, action_id)
            if action is None:
                raise NotFound(f"action #{action_id} no longer exists")
            if fields.get("kpi_id") is not None:
                get_kpi(s, fields["kpi_id"])
            if fields.get("goal_id") is not None:
                get_goal(s, fields["goal_id"])
            if "title" in fields:
                fields["title"] = _clean_title(fields["title"], "corrective action")
            if "owner" in fields:
                fields["owner"] = (fields["owner"] or "").strip()
            for key, value in fields.items():
                setattr(action, key, value)
            s.add(action)
            return action

    def delete_action(self, action_id: int) -> Action:
        """Delete an action; returns it as it was (for :meth:`restore_action`)."""
        with self._ws.writing() as s:
            action = s.get(Action, action_id)
            if action is None:
                raise NotFound(f"action #{action_id} no longer exists")
            gone = Action.model_validate(action.model_dump())
            s.delete(action)
            return gone

    def restore_action(self, action: Action) -> Action:
        """Put a deleted action back with its number; a link to a KPI, goal or review
        deleted since is left out, as deleting those leaves it out."""
        with self._ws.writing() as s:
            if action.id is not None and s.get(Action, action.id) is not None:
                raise ConflictError(f"action #{action.id} exists already")
            back = Action.model_validate(action.model_dump())
            if back.kpi_id is not None and s.get(Kpi, back.kpi_id) is None:
                back.kpi_id = None
            if back.goal_id is not None and s.get(Goal, back.goal_id) is None:
                back.goal_id = None
            if back.review_id is not None and s.get(Review, back.review_id) is None:
                back.review_id = None
            s.add(back)
            s.flush()
            return back
