"""A review meeting, start to finish: walk the KPIs, comment, decide actions, save.

:func:`start_review` takes the snapshot: every KPI's status at the review date, off track
first, then at risk, then the others (in tree order), with the open actions from earlier
reviews. :func:`save_review` writes the review, one entry per KPI (the snapshot as it was
shown, with its comment), the new actions and the actions marked done, in **one**
transaction: all of it is saved or none. Entries are copies, so a value edited later does
not change how a past review reads. :func:`undo_review` is its exact inverse (for undo).

:class:`ReviewInput` holds what is typed and ticked while the review is held (comments and
actions per KPI, earlier actions done, title, notes), apart from any widget: the dialog
shows one KPI at a time from it, and Save reads it.

Cost: :func:`start_review` reads the statuses of all KPIs in a few set-based statements
(``services.status``) and nothing per KPI; :func:`save_review` writes the entries with one
multi-row insert. A real change (signal) is found per KPI when its page is shown, from the
values its chart reads (``services.signals.chart_signals``). Saved reviews are read back
by :mod:`kpi_desktop.services.review.history`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import col, select

from kpi_desktop.domain.formatting import format_date, format_percent
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    last_complete_period,
    period_label,
)
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, in_sentence, translate
from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.tracking.status import KpiStatus, kpi_statuses
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Action, Goal, Kpi, Review, ReviewEntry

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: The order KPIs are walked in: off track, at risk, then everything else.
_WALK_ORDER = {Status.OFF_TRACK: 0, Status.AT_RISK: 1}
#: How statuses are counted in summaries (worst first).
STATUS_ORDER = (Status.OFF_TRACK, Status.AT_RISK, Status.NO_DATA, Status.ON_TRACK, Status.ACHIEVED)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One KPI as the review sees it: its status snapshot and owner."""

    snapshot: KpiStatus
    owner: str
    frequency: Frequency
    fiscal: FiscalYear = CALENDAR_YEAR  # the workspace's: names quarters and years

    @property
    def kpi_id(self) -> int:
        return self.snapshot.kpi_id

    @property
    def kpi(self) -> str:
        return self.snapshot.kpi

    @property
    def goal(self) -> str:
        return self.snapshot.goal

    @property
    def goal_id(self) -> int:
        return self.snapshot.goal_id

    @property
    def status(self) -> Status:
        return self.snapshot.status

    @property
    def needs_attention(self) -> bool:
        return self.status in _WALK_ORDER

    def facts(self) -> list[tuple[str, str]]:
        """The numbers behind the status, as label/text pairs for people."""
        st = self.snapshot
        latest = st.format(st.latest_value)
        if st.latest_date is not None:
            latest += f" ({period_label(st.latest_date, self.frequency, fiscal=self.fiscal)})"
        out = [(QT_TRANSLATE_NOOP("KpiReviewPage", "Latest"), latest)]
        if st.expected is not None:
            out.append((QT_TRANSLATE_NOOP("KpiReviewPage", "Plan for now"), st.format(st.expected)))
        if st.target is not None or st.direction == "range":
            by = (
                translate("ReviewItem", " by %1").replace(
                    "%1", format_date(st.target_date, "month")
                )
                if st.target_date
                else ""
            )
            out.append((QT_TRANSLATE_NOOP("KpiReviewPage", "Target"), st.target_text() + by))
        if st.progress is not None:
            out.append(
                (QT_TRANSLATE_NOOP("KpiReviewPage", "Progress"), format_percent(st.progress))
            )
        if st.forecast is not None:
            out.append(
                (
                    QT_TRANSLATE_NOOP("KpiReviewPage", "Forecast at target date"),
                    st.format(st.forecast),
                )
            )
        return out


@dataclass(frozen=True, slots=True)
class OpenAction:
    """A corrective action not done yet."""

    action_id: int
    title: str
    owner: str
    due_date: dt.date | None
    kpi_id: int | None
    kpi: str | None
    goal_id: int | None
    goal: str | None
    made_on: dt.date | None  # the date of the review that decided it

    def is_overdue(self, on: dt.date) -> bool:
        return self.due_date is not None and self.due_date < on

    def about(self) -> str:
        if self.kpi:
            return f"KPI: {self.kpi}"
        return f"Goal: {self.goal}" if self.goal else ""


@dataclass(frozen=True, slots=True)
class ReviewDraft:
    """A review being held: the date, a suggested title, the KPIs to walk, open actions."""

    date: dt.date
    title: str
    items: tuple[ReviewItem, ...]
    open_actions: tuple[OpenAction, ...]

    def counts(self) -> dict[Status, int]:
        return count_statuses(i.status for i in self.items)

    def item(self, kpi_id: int) -> ReviewItem:
        for item in self.items:
            if item.kpi_id == kpi_id:
                return item
        raise KeyError(kpi_id)


@dataclass(frozen=True, slots=True)
class NewAction:
    """A corrective action decided in the review, linked to a KPI or a goal."""

    title: str
    owner: str = ""
    due_date: dt.date | None = None
    kpi_id: int | None = None
    goal_id: int | None = None


@dataclass(frozen=True, slots=True)
class SavedReview:
    """What :func:`save_review` wrote: enough for :func:`undo_review` to take it back."""

    review_id: int
    action_ids: tuple[int, ...]
    # (action id, done before, done date before) of the actions marked done
    marked_done: tuple[tuple[int, bool, dt.date | None], ...]


def count_statuses(statuses: object) -> dict[Status, int]:
    """How many of each status, worst first (statuses not there are left out)."""
    counted = Counter(Status(s) for s in statuses)  # type: ignore[attr-defined]
    return {s: counted[s] for s in STATUS_ORDER if counted[s]}


def counts_text(counts: Mapping[Status, int]) -> str:
    """ "1 off track · 2 at risk · 5 on track" (worst first)."""
    return " · ".join(f"{counts[s]} {in_sentence(s.label)}" for s in STATUS_ORDER if counts.get(s))


def default_title(when: dt.date) -> str:
    """ "Monthly review, Oct 2026": the last complete month at the review date."""
    month = last_complete_period(when, Frequency.MONTHLY)
    return f"Monthly review, {period_label(month, Frequency.MONTHLY)}"


def open_actions(ws: Workspace) -> list[OpenAction]:
    """Every action not done yet, the earliest due first (no due date last)."""
    with ws.reading() as s:
        actions = list(s.exec(select(Action).where(Action.done == False)))  # noqa: E712
        kpis = dict(s.exec(select(Kpi.id, Kpi.name)).all())
        goals = dict(s.exec(select(Goal.id, Goal.title)).all())
        reviews: dict[int | None, dt.date] = dict(
            s.exec(select(col(Review.id), col(Review.date))).all()
        )
    actions.sort(key=lambda a: (a.due_date is None, a.due_date or dt.date.max, a.id or 0))
    return [
        OpenAction(
            action_id=a.id or 0,
            title=a.title,
            owner=a.owner,
            due_date=a.due_date,
            kpi_id=a.kpi_id,
            kpi=kpis.get(a.kpi_id) if a.kpi_id is not None else None,
            goal_id=a.goal_id,
            goal=goals.get(a.goal_id) if a.goal_id is not None else None,
            made_on=reviews.get(a.review_id) if a.review_id is not None else None,
        )
        for a in actions
    ]


def start_review(ws: Workspace, when: dt.date, title: str | None = None) -> ReviewDraft:
    """The snapshot for a review held on ``when``: statuses at that date, worst first."""
    statuses = kpi_statuses(ws, when)
    with ws.reading() as s:
        people = {
            kpi_id: (owner, frequency)
            for kpi_id, owner, frequency in s.exec(select(Kpi.id, Kpi.owner, Kpi.frequency))
        }
        fiscal = read_fiscal_year(sqlite_connection(s))
    items = [
        ReviewItem(
            snapshot=st,
            owner=people[st.kpi_id][0],
            frequency=Frequency(people[st.kpi_id][1]),
            fiscal=fiscal,
        )
        for st in statuses
        if st.kpi_id in people
    ]
    items.sort(key=lambda i: _WALK_ORDER.get(i.status, len(_WALK_ORDER)))  # stable: tree order
    return ReviewDraft(when, title or default_title(when), tuple(items), tuple(open_actions(ws)))


@dataclass(slots=True)
class ReviewInput:
    """What is typed and ticked while a review is held, kept apart from the widgets.

    Comments are kept as typed (Save strips them); actions are listed under the KPI whose
    page decided them (an action may be linked to that KPI's goal instead).
    """

    title: str
    notes: str = ""
    comments: dict[int, str] = field(default_factory=dict)  # by KPI id
    actions: dict[int, list[NewAction]] = field(default_factory=dict)  # by KPI id
    done: set[int] = field(default_factory=set)  # ids of earlier actions ticked done

    @classmethod
    def for_draft(cls, draft: ReviewDraft) -> ReviewInput:
        return cls(title=draft.title)

    def comment(self, kpi_id: int) -> str:
        return self.comments.get(kpi_id, "")

    def set_comment(self, kpi_id: int, text: str) -> None:
        if text:
            self.comments[kpi_id] = text
        else:
            self.comments.pop(kpi_id, None)

    def has_comment(self, kpi_id: int) -> bool:
        return bool(self.comments.get(kpi_id, "").strip())

    def actions_for(self, kpi_id: int) -> tuple[NewAction, ...]:
        return tuple(self.actions.get(kpi_id, ()))

    def add_action(self, kpi_id: int, action: NewAction) -> None:
        self.actions.setdefault(kpi_id, []).append(action)

    def remove_action(self, kpi_id: int, index: int) -> None:
        """Take back the ``index``-th action decided on a KPI's page."""
        listed = self.actions.get(kpi_id, [])
        del listed[index]
        if not listed:
            self.actions.pop(kpi_id, None)

    def set_done(self, action_id: int, done: bool) -> None:
        if done:
            self.done.add(action_id)
        else:
            self.done.discard(action_id)

    def comments_to_save(self) -> dict[int, str]:
        """The comments that say something, stripped, by KPI id."""
        return {k: text.strip() for k, text in self.comments.items() if text.strip()}

    def new_actions(self, draft: ReviewDraft) -> list[NewAction]:
        """Every action decided, in the order the KPIs are walked."""
        if not self.actions:
            return []
        return [a for item in draft.items for a in self.actions.get(item.kpi_id, ())]

    def uncommented(self, draft: ReviewDraft) -> list[ReviewItem]:
        """The KPIs that need attention and have no comment yet, in walk order."""
        return [i for i in draft.items if i.needs_attention and not self.has_comment(i.kpi_id)]

    def has_input(self) -> bool:
        """Whether anything was typed or ticked that saving would keep (the title aside)."""
        typed = any(text.strip() for text in self.comments.values())
        return typed or bool(self.actions or self.done or self.notes.strip())


def _clean(text: str, what: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("title", f"A {what} needs a title")
    return text


def save_review(
    ws: Workspace,
    draft: ReviewDraft,
    *,
    title: str | None = None,
    notes: str = "",
    comments: Mapping[int, str] | None = None,
    new_actions: Sequence[NewAction] = (),
    done_action_ids: Sequence[int] = (),
) -> SavedReview:
    """Save the review, its snapshot and comments, new actions and actions done, at once.

    Actions marked done get the review date as their done date. Nothing is written when
    anything is refused (an action without a title, a KPI or action deleted meanwhile).
    """
    comments = comments or {}
    review_title = _clean(title if title is not None else draft.title, "review")
    cleaned = [
        NewAction(
            _clean(a.title, "corrective action"),
            (a.owner or "").strip(),
            a.due_date,
            a.kpi_id,
            a.goal_id,
        )
        for a in new_actions
    ]
    with ws.writing() as s:
        review = Review(date=draft.date, title=review_title, notes=(notes or "").strip())
        s.add(review)
        s.flush()
        assert review.id is not None
        alive = set(s.exec(select(Kpi.id)).all())
        entries = [
            {
                "review_id": review.id,
                "kpi_id": st.kpi_id if st.kpi_id in alive else None,
                "kpi_name": st.kpi,
                "status": st.status.value,
                "latest_value": st.latest_value,
                "latest_date": st.latest_date,
                "expected": st.expected,
                "progress": st.progress,
                "comment": (comments.get(st.kpi_id) or "").strip(),
            }
            for st in (item.snapshot for item in draft.items)
        ]
        if entries:  # one multi-row insert, not an object per KPI
            s.execute(insert(ReviewEntry), entries)
        made = []
        for a in cleaned:
            if a.kpi_id is not None and s.get(Kpi, a.kpi_id) is None:
                raise NotFound(f'the KPI of the action "{a.title}" no longer exists')
            if a.goal_id is not None and s.get(Goal, a.goal_id) is None:
                raise NotFound(f'the goal of the action "{a.title}" no longer exists')
            action = Action(
                title=a.title,
                owner=a.owner,
                due_date=a.due_date,
                kpi_id=a.kpi_id,
                goal_id=a.goal_id,
                review_id=review.id,
            )
            s.add(action)
            s.flush()
            assert action.id is not None
            made.append(action.id)
        done = []
        for action_id in dict.fromkeys(done_action_ids):
            row = s.get(Action, action_id)
            if row is None:
                raise NotFound(f"action #{action_id} no longer exists")
            done.append((action_id, row.done, row.done_date))
            row.done, row.done_date = True, draft.date
            s.add(row)
        return SavedReview(review.id, tuple(made), tuple(done))


def undo_review(ws: Workspace, saved: SavedReview) -> None:
    """Take back a saved review: its entries, the actions it made and the ones it closed."""
    with ws.writing() as s:
        for action_id, was_done, was_date in saved.marked_done:
            row = s.get(Action, action_id)
            if row is not None:
                row.done, row.done_date = was_done, was_date
                s.add(row)
        for action_id in saved.action_ids:
            row = s.get(Action, action_id)
            if row is not None:
                s.delete(row)
        review = s.get(Review, saved.review_id)
        if review is not None:
            s.delete(review)


__all__ = [
    "STATUS_ORDER",
    "NewAction",
    "OpenAction",
    "ReviewDraft",
    "ReviewInput",
    "ReviewItem",
    "SavedReview",
    "count_statuses",
    "counts_text",
    "default_title",
    "open_actions",
    "save_review",
    "start_review",
    "undo_review",
]
