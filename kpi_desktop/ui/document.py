"""The open workspace as the GUI sees it: services, one undo stack, change signals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kpi_desktop.domain.periods import FiscalYear
from kpi_desktop.services.calculated.reading import calculated_from
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.planning.plan_rows import PlanRead, read_plan
from kpi_desktop.services.workspace import presence as workspace_presence

if TYPE_CHECKING:
    from kpi_desktop.services.tracking.measurements import ValueChanges
    from kpi_desktop.services.workspace.workspace import Workspace


class Document(QObject):
    """Wraps an open Workspace. Every user edit is a QUndoCommand pushed here; commands call
    the services and then announce what changed so panes can refresh what they show."""

    goals_changed = Signal()  # the tree changed: goals or KPIs added, removed, moved, renamed
    kpi_changed = Signal(int)  # a KPI's definition changed (id)
    measurements_changed = Signal(int)  # a KPI's values changed (id); see value_changes()
    reviews_changed = Signal()
    notes_changed = Signal()  # a note (annotation) was added, changed or deleted
    error_raised = Signal(str)  # an edit was refused; the message is for the user
    about_to_edit = Signal()  # push() is about to run an edit: nothing is changed yet
    connection_lost = Signal(str)  # a team workspace's server did not answer an edit
    reconnected = Signal()  # the server answers again: editors send what was not saved

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        # Tell a second window or program that this file is open here (see workspace_presence).
        claim = not workspace.readonly and not workspace.location.is_server
        self.presence = workspace_presence.claim(workspace.path) if claim else None
        self._as_of: dt.date | None = None
        self._value_changes: ValueChanges | None = None
        self._plan: PlanRead | None = None  # see plan()
        #: Charts (the pane and its exports) overlay the same months of last year.
        self.show_last_year = False
        # Connected first, so that every view that reloads on a change reads it anew.
        self.goals_changed.connect(self._forget_plan)
        self.kpi_changed.connect(self._forget_plan)
        self.measurements_changed.connect(self._forget_plan)
        from kpi_desktop.ui.workspace.team import attach

        # A team workspace refreshes on other users' changes; a file on a share is warned of.
        self.team = attach(self)

    @property
    def as_of(self) -> dt.date:
        """The date statuses are judged at (today, unless a test or review fixes it)."""
        return self._as_of or dt.date.today()

    def set_as_of(self, when: dt.date | None) -> None:
        self._as_of = when
        self.goals_changed.emit()

    def plan(self) -> PlanRead:
        """The whole plan with every KPI's latest value at ``as_of``, read once and shared
        by the views that go over every KPI (goal tree, reminders, celebrations) until the
        next change this document announces."""
        if self._plan is None or self._plan.as_of != self.as_of:
            self._plan = read_plan(self.workspace, self.as_of)
        return self._plan

    @property
    def fiscal(self) -> FiscalYear:
        """The workspace's fiscal year (quarters and years follow it), read with the plan."""
        return self.plan().fiscal

    def _forget_plan(self, *_: object) -> None:
        self._plan = None

    @property
    def title(self) -> str:
        where = self.workspace.location
        return f"{where.name} on {where.server}" if where.is_server else self.workspace.path.stem

    def announce_values(self, kpi_id: int, changes: ValueChanges | None = None) -> None:
        """Emit measurements_changed(kpi_id); its slots can ask value_changes(kpi_id) for
        which periods changed (an undo command knows; None: unknown, e.g. an import)."""
        outer, self._value_changes = self._value_changes, changes
        try:
            self.measurements_changed.emit(kpi_id)
        finally:
            self._value_changes = outer
        for calculated in calculated_from(self.workspace, kpi_id):  # recomputed meanwhile
            self.measurements_changed.emit(calculated)

    def value_changes(self, kpi_id: int) -> ValueChanges | None:
        """While measurements_changed(kpi_id) is being emitted by announce_values: the
        periods added, removed and changed; else (or when not known) None."""
        changes = self._value_changes
        return changes if changes is not None and changes.kpi_id == kpi_id else None

    def push(self, command: QUndoCommand) -> KpiDesktopError | None:
        """Run `command` (QUndoStack.push calls redo) and keep it for undo.

        A command whose service refuses the edit marks itself obsolete, so Qt drops it
        instead of stacking it; the refusal is returned for the caller to show in place.
        """
        self.about_to_edit.emit()
        self.undo_stack.push(command)
        error = getattr(command, "error", None)
        return None if error is None else self.refused(error)

    def refused(self, error: KpiDesktopError) -> KpiDesktopError:
        """Note an edit's refusal (from its command, or from reading before it): a team
        server that stopped answering is announced, so the window can offer to reconnect."""
        if self.workspace.location.is_server:
            from kpi_desktop.services.team.server import ServerConnectionLost, ServerUnreachable

            if isinstance(error, ServerUnreachable | ServerConnectionLost):
                where = error.location
                self.connection_lost.emit(f"{where.name} on {where.server}: {error.reason}")
        return error

    def close(self) -> None:
        self.undo_stack.clear()
        if self.team is not None:
            self.team.close()
            self.team = None
        if self.presence is not None:
            self.presence.release()
            self.presence = None
        self.workspace.close()
