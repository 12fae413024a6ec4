"""Undo steps for corrective actions: add, edit, mark done or re-open, delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document

# The fields of an action an edit can change (see ReviewService.update_action).
EDITABLE = ("title", "owner", "due_date", "kpi_id", "goal_id")


class _ActionCommand(EditCommand):
    def announce(self) -> None:
        self.doc.reviews_changed.emit()


class AddAction(_ActionCommand):
    """A new action; undo deletes it, redo puts the same action (same number) back."""

    def __init__(self, doc: Document, title: str, **fields: Any) -> None:
        super().__init__(doc, translate("Undo", 'Add action "{0}"').format(title.strip()))
        self.title, self.fields = title, fields
        self.action_id: int | None = None
        self._gone: Any = None  # the action as undo deleted it

    def apply(self) -> None:
        reviews = self.doc.workspace.reviews
        if self._gone is None:
            self.action_id = reviews.add_action(self.title, **self.fields).id
        else:
            reviews.restore_action(self._gone)

    def revert(self) -> None:
        assert self.action_id is not None
        self._gone = self.doc.workspace.reviews.delete_action(self.action_id)


class EditAction(_ActionCommand):
    """Change an action's title, owner, due date, KPI or goal."""

    def __init__(self, doc: Document, action_id: int, **fields: Any) -> None:
        action = doc.workspace.reviews.get_action(action_id)
        super().__init__(doc, translate("Undo", 'Edit action "{0}"').format(action.title))
        self.action_id = action_id
        self.fields = {k: v for k, v in fields.items() if getattr(action, k) != v}
        self.before = {k: getattr(action, k) for k in self.fields}

    def apply(self) -> None:
        self.doc.workspace.reviews.update_action(self.action_id, **self.fields)

    def revert(self) -> None:
        self.doc.workspace.reviews.update_action(self.action_id, **self.before)


class SetActionDone(_ActionCommand):
    """Mark an action done (on a day, today by default) or open it again."""

    def __init__(
        self, doc: Document, action_id: int, done: bool, when: dt.date | None = None
    ) -> None:
        action = doc.workspace.reviews.get_action(action_id)
        text = translate("Undo", 'Mark done "{0}"') if done else translate("Undo", 'Re-open "{0}"')
        super().__init__(doc, text.format(action.title))
        self.action_id, self.done, self.when = action_id, done, when
        self.before = (action.done, action.done_date)

    def apply(self) -> None:
        self.doc.workspace.reviews.set_action_done(self.action_id, self.done, self.when)

    def revert(self) -> None:
        self.doc.workspace.reviews.set_action_done(self.action_id, *self.before)


class DeleteAction(_ActionCommand):
    """Delete an action; undo puts it back with its number, links and state."""

    def __init__(self, doc: Document, action_id: int) -> None:
        action = doc.workspace.reviews.get_action(action_id)
        super().__init__(doc, translate("Undo", 'Delete action "{0}"').format(action.title))
        self.action_id = action_id
        self._gone: Any = None

    def apply(self) -> None:
        self._gone = self.doc.workspace.reviews.delete_action(self.action_id)

    def revert(self) -> None:
        self.doc.workspace.reviews.restore_action(self._gone)
