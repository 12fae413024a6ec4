"""Undo commands: each user edit is one QUndoCommand whose redo() calls a service and whose
undo() calls its inverse. QUndoStack.push() runs redo(), so nothing is applied before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from kpi_desktop.domain.formatting import format_date, format_number, style
from kpi_desktop.domain.periods import period_start
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.planning import revisions, snapshots, workspace_settings
from kpi_desktop.services.tracking.measurements import MeasurementChange, ValueChanges
from kpi_desktop.ui.document import Document

_MERGE_KPI_FIELD = 1001
_MERGE_GOAL_FIELD = 1002
#: The undo step's name (Edit > Undo "…"): `translate("Undo", "text")`, as lupdate reads it.
translate = QCoreApplication.translate


class EditCommand(QUndoCommand):
    """Base: runs `apply()`/`revert()` and turns a refused first run into an obsolete
    command (Qt then drops it) with `error` set for the caller."""

    def __init__(self, doc: Document, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.error: KpiDesktopError | None = None
        self._ran = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        """Emit the document signals for what this command changes."""
        self.doc.goals_changed.emit()

    def redo(self) -> None:
        try:
            self.apply()
        except KpiDesktopError as exc:
            if not self._ran:
                self.error = exc
                self.setObsolete(True)
                return
            self.doc.error_raised.emit(exc.message)
        self._ran = True
        self.announce()

    def undo(self) -> None:
        try:
            self.revert()
        except KpiDesktopError as exc:
            self.doc.error_raised.emit(exc.message)
        self.announce()


# -- goals ----------------------------------------------------------------------------------


class AddGoal(EditCommand):
    def __init__(self, doc: Document, title: str, parent_id: int | None = None) -> None:
        add = translate("Undo", 'Add goal "{0}"'), translate("Undo", 'Add sub-goal "{0}"')
        super().__init__(doc, add[parent_id is not None].format(title))
        self.title, self.parent_id = title, parent_id
        self.goal_id: int | None = None
        self._snapshot: snapshots.Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.goal_id = self.doc.workspace.goals.add(self.title, parent_id=self.parent_id).id
        else:
            snapshots.restore(self.doc.workspace, self._snapshot)

    def revert(self) -> None:
        assert self.goal_id is not None
        self._snapshot = snapshots.capture_goal(self.doc.workspace, self.goal_id)
        self.doc.workspace.goals.delete(self.goal_id)


class DeleteGoal(EditCommand):
    def __init__(self, doc: Document, goal_id: int, title: str) -> None:
        super().__init__(doc, translate("Undo", 'Delete goal "{0}"').format(title))
        self.goal_id = goal_id
        self._snapshot: snapshots.Snapshot | None = None

    def apply(self) -> None:
        self._snapshot = snapshots.capture_goal(self.doc.workspace, self.goal_id)
        self.doc.workspace.goals.delete(self.goal_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        snapshots.restore(self.doc.workspace, self._snapshot)


class EditGoal(EditCommand):
    """Change goal fields; consecutive edits of one field of one goal merge into one step."""

    def __init__(
        self,
        doc: Document,
        goal_id: int,
        text: str | None = None,
        *,
        expected_version: int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(doc, text or translate("Undo", "Edit goal"))
        goal = doc.workspace.goals.get(goal_id)
        self.goal_id = goal_id
        self.expected_version = expected_version
        self.new = fields
        self.old = {key: getattr(goal, key) for key in fields}

    def apply(self) -> None:
        # The version the editor saw guards the first run only: a redo follows our own undo.
        expected, self.expected_version = self.expected_version, None
        self.doc.workspace.goals.update(self.goal_id, expected_version=expected, **self.new)

    def revert(self) -> None:
        self.doc.workspace.goals.update(self.goal_id, **self.old)

    def id(self) -> int:
        # A refused edit must not merge into the previous step before Qt drops it.
        return _MERGE_GOAL_FIELD if len(self.new) == 1 and self.error is None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, EditGoal) or other.goal_id != self.goal_id:
            return False
        if other.new.keys() != self.new.keys():
            return False
        self.new = other.new
        return True


class MoveGoal(EditCommand):
    def __init__(
        self, doc: Document, goal_id: int, new_parent_id: int | None, position: int | None = None
    ) -> None:
        goal = doc.workspace.goals.get(goal_id)
        super().__init__(doc, translate("Undo", 'Move goal "{0}"').format(goal.title))
        self.goal_id = goal_id
        self.old = (goal.parent_id, goal.position)
        self.target = (new_parent_id, position)

    def apply(self) -> None:
        self.doc.workspace.goals.move(self.goal_id, *self.target)

    def revert(self) -> None:
        self.doc.workspace.goals.move(self.goal_id, *self.old)


# -- KPIs -----------------------------------------------------------------------------------


class AddKpi(EditCommand):
    """Add a KPI (optionally with milestones): one step, as the wizard's Finish needs."""

    def __init__(
        self,
        doc: Document,
        goal_id: int,
        name: str,
        milestones: Sequence[Point] = (),
        *,
        history: Sequence[Point] = (),
        source: str = "manual",
        **fields: Any,
    ) -> None:
        """``history``: values to store with the KPI (the wizard's pasted or file history)."""
        super().__init__(doc, translate("Undo", 'Add KPI "{0}"').format(name))
        self.goal_id, self.name, self.fields = goal_id, name, fields
        self.milestones = list(milestones)
        self.history, self.source = list(history), source
        self.kpi_id: int | None = None
        self._snapshot: snapshots.Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            snapshots.restore(self.doc.workspace, self._snapshot)
            return
        ws = self.doc.workspace
        kpi_id = ws.kpis.add_with_milestones(
            self.goal_id, self.name, self.milestones, **self.fields
        ).id
        assert kpi_id is not None
        if self.history:
            rows = [(p.period, p.value, None) for p in self.history]
            try:
                ws.measurements.upsert_many(kpi_id, rows, source=self.source)
            except KpiDesktopError:
                ws.kpis.delete(kpi_id)  # all or nothing: no KPI without the values asked for
                raise
        self.kpi_id = kpi_id

    def announce(self) -> None:
        super().announce()
        if self.history and self.kpi_id is not None:
            self.doc.announce_values(self.kpi_id)

    def revert(self) -> None:
        assert self.kpi_id is not None
        self._snapshot = snapshots.capture_kpi(self.doc.workspace, self.kpi_id)
        self.doc.workspace.kpis.delete(self.kpi_id)


class DeleteKpi(EditCommand):
    def __init__(self, doc: Document, kpi_id: int, name: str) -> None:
        super().__init__(doc, translate("Undo", 'Delete KPI "{0}"').format(name))
        self.kpi_id = kpi_id
        self._snapshot: snapshots.Snapshot | None = None

    def apply(self) -> None:
        self._snapshot = snapshots.capture_kpi(self.doc.workspace, self.kpi_id)
        self.doc.workspace.kpis.delete(self.kpi_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        snapshots.restore(self.doc.workspace, self._snapshot)


class EditKpi(EditCommand):
    """Change KPI fields; typing in one field merges into one undo step."""

    def __init__(
        self,
        doc: Document,
        kpi_id: int,
        text: str | None = None,
        *,
        expected_version: int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(doc, text or translate("Undo", "Edit KPI"))
        kpi = doc.workspace.kpis.get(kpi_id)
        self.kpi_id = kpi_id
        self.expected_version = expected_version
        self.new = fields
        self.old = {key: getattr(kpi, key) for key in fields}

    def apply(self) -> None:
        # The version the editor saw guards the first run only: a redo follows our own undo.
        expected, self.expected_version = self.expected_version, None
        self.doc.workspace.kpis.update(self.kpi_id, expected_version=expected, **self.new)

    def revert(self) -> None:
        self.doc.workspace.kpis.update(self.kpi_id, **self.old)

    def announce(self) -> None:
        self.doc.kpi_changed.emit(self.kpi_id)
        self.doc.goals_changed.emit()  # names, targets and weights show in the tree

    def id(self) -> int:
        # A refused edit must not merge into the previous step before Qt drops it.
        return _MERGE_KPI_FIELD if len(self.new) == 1 and self.error is None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, EditKpi) or other.kpi_id != self.kpi_id:
            return False
        if other.new.keys() != self.new.keys():
            return False
        self.new = other.new
        return True


class EditKpiWithMilestones(EditCommand):
    """The wizard's Finish on an existing KPI: fields and milestones as one step. A new
    target for a KPI that has values is a revision from the current period on (the old
    plan is kept); before any value, or again within that period, the plan is corrected."""

    def __init__(
        self, doc: Document, kpi_id: int, milestones: Sequence[Point], **fields: Any
    ) -> None:
        super().__init__(doc, translate("Undo", "Edit KPI with the wizard"))
        self.kpi_id = kpi_id
        self.new_fields, self.new_milestones = fields, list(milestones)
        ws = doc.workspace
        kpi = ws.kpis.get(kpi_id)
        self.old_fields = {key: getattr(kpi, key) for key in fields}
        self.old_milestones = [Point(m.date, m.value) for m in ws.kpis.milestones(kpi_id)]
        moved = any(
            key in fields and fields[key] != getattr(kpi, key)
            for key in ("target_value", "target_date")
        )
        start = period_start(doc.as_of, Frequency(kpi.frequency), fiscal=doc.fiscal)
        self.revise_from = (
            start
            if moved
            and ws.measurements.count(kpi_id) > 0
            and revisions.last_revision_start(ws, kpi_id) != start
            else None
        )
        self._done: revisions.Revision | None = None

    def apply(self) -> None:
        if self.revise_from is None:
            self.doc.workspace.kpis.update_with_milestones(
                self.kpi_id, self.new_milestones, **self.new_fields
            )
            return
        self._done = revisions.revise_plan(
            self.doc.workspace,
            self.kpi_id,
            self.revise_from,
            reason="sized again with the wizard",
            milestones=self.new_milestones,
            **self.new_fields,
        )

    def revert(self) -> None:
        if self._done is not None:
            revisions.withdraw_revision(self.doc.workspace, self._done)
            self._done = None
        self.doc.workspace.kpis.update_with_milestones(
            self.kpi_id, self.old_milestones, **self.old_fields
        )

    def announce(self) -> None:
        self.doc.kpi_changed.emit(self.kpi_id)
        self.doc.goals_changed.emit()


class MoveKpi(EditCommand):
    def __init__(
        self, doc: Document, kpi_id: int, goal_id: int, position: int | None = None
    ) -> None:
        kpi = doc.workspace.kpis.get(kpi_id)
        super().__init__(doc, translate("Undo", 'Move KPI "{0}"').format(kpi.name))
        self.kpi_id = kpi_id
        self.old = (kpi.goal_id, kpi.position)
        self.target = (goal_id, position)

    def apply(self) -> None:
        self.doc.workspace.kpis.move(self.kpi_id, *self.target)

    def revert(self) -> None:
        self.doc.workspace.kpis.move(self.kpi_id, *self.old)


# -- measurements ---------------------------------------------------------------------------


class _ValuesCommand(EditCommand):
    """An edit of one KPI's values. It announces which periods it added, removed or changed
    (Document.value_changes), so a table of a million values moves a few rows instead of
    reading them all again; after a failed run it announces the change as unknown."""

    # Whether the edit can change a status (values can; a note cannot).
    changes_status = True

    def __init__(self, doc: Document, kpi_id: int, text: str) -> None:
        super().__init__(doc, text)
        self.kpi_id = kpi_id
        self._changes: list[MeasurementChange] = []
        self._done: ValueChanges | None = None  # what the last run did, if it succeeded

    def write(self) -> list[MeasurementChange]:
        raise NotImplementedError

    def apply(self) -> None:
        self._done = None
        self._changes = self.write()
        self._done = ValueChanges.of(self.kpi_id, self._changes)

    def revert(self) -> None:
        self._done = None
        self.doc.workspace.measurements.restore_many(self._changes)
        self._done = ValueChanges.of(self.kpi_id, self._changes, undone=True)

    def announce(self) -> None:
        self.doc.announce_values(self.kpi_id, self._done)
        if self.changes_status:
            self.doc.goals_changed.emit()


class SetValues(_ValuesCommand):
    """Store one or many (date, value, note) rows for a KPI: typing in the table, pasting."""

    def __init__(
        self,
        doc: Document,
        kpi_id: int,
        rows: Sequence[tuple[dt.date, float, str | None]],
        text: str | None = None,
    ) -> None:
        paste = translate("Undo", "Paste {0} values").format(format_number(len(rows)))
        one = len(rows) == 1
        super().__init__(doc, kpi_id, text or (translate("Undo", "Set value") if one else paste))
        self.rows = list(rows)

    def write(self) -> list[MeasurementChange]:
        return self.doc.workspace.measurements.upsert_many(self.kpi_id, self.rows)


class SetNote(_ValuesCommand):
    changes_status = False

    def __init__(self, doc: Document, kpi_id: int, period: dt.date, note: str) -> None:
        super().__init__(doc, kpi_id, translate("Undo", "Edit note"))
        self.period, self.note = period, note

    def write(self) -> list[MeasurementChange]:
        return [self.doc.workspace.measurements.set_note(self.kpi_id, self.period, self.note)]


class DeleteValues(_ValuesCommand):
    def __init__(self, doc: Document, kpi_id: int, periods: Sequence[dt.date]) -> None:
        many = translate("Undo", "Delete {0} values").format(format_number(len(periods)))
        one = translate("Undo", "Delete value")
        super().__init__(doc, kpi_id, one if len(periods) == 1 else many)
        self.periods = list(periods)

    def write(self) -> list[MeasurementChange]:
        return self.doc.workspace.measurements.delete_many(self.kpi_id, self.periods)


# -- workspace settings ---------------------------------------------------------------------


class SetStaleGrace(EditCommand):
    """How many days after its period ends a value may come before the KPI is stale."""

    def __init__(self, doc: Document, days: int) -> None:
        super().__init__(doc, translate("Undo", "Stale after {0} days' grace").format(days))
        self._days = days
        self._before = workspace_settings.grace_days(doc.workspace)

    def apply(self) -> None:
        workspace_settings.set_grace_days(self.doc.workspace, self._days)

    def revert(self) -> None:
        workspace_settings.set_grace_days(self.doc.workspace, self._before)


class SetFiscalYear(EditCommand):
    """The month the workspace's fiscal year starts in; quarters and years follow it."""

    def __init__(self, doc: Document, start_month: int) -> None:
        month = style().months[start_month - 1] if 1 <= start_month <= 12 else str(start_month)
        super().__init__(doc, translate("Undo", "Fiscal year starts in {0}").format(month))
        self._month = start_month
        self._before = workspace_settings.fiscal_year(doc.workspace).start_month

    def apply(self) -> None:
        workspace_settings.set_fiscal_year(self.doc.workspace, self._month)

    def revert(self) -> None:
        workspace_settings.set_fiscal_year(self.doc.workspace, self._before)

    def announce(self) -> None:
        """The tree, and every quarterly or yearly KPI's values and chart, read anew."""
        super().announce()
        for kpi in self.doc.plan().kpis:
            if kpi.frequency in workspace_settings.FISCAL_FREQUENCIES:
                self.doc.kpi_changed.emit(kpi.id)


class RevisePlan(EditCommand):
    """A new plan for a KPI from a date on; the old one stays in force before it."""

    def __init__(
        self,
        doc: Document,
        kpi_id: int,
        in_force_from: dt.date,
        *,
        reason: str = "",
        **plan: Any,
    ) -> None:
        text = translate("Undo", "Revise target from {0}").format(format_date(in_force_from))
        super().__init__(doc, text)
        self.kpi_id = kpi_id
        self._from, self._reason, self._plan = in_force_from, reason, plan
        self._done: revisions.Revision | None = None

    def apply(self) -> None:
        self._done = revisions.revise_plan(
            self.doc.workspace, self.kpi_id, self._from, reason=self._reason, **self._plan
        )

    def revert(self) -> None:
        if self._done is not None:
            revisions.withdraw_revision(self.doc.workspace, self._done)

    def announce(self) -> None:
        self.doc.kpi_changed.emit(self.kpi_id)
        self.doc.goals_changed.emit()  # statuses in the tree follow the plan in force
