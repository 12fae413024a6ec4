"""The undo step of an import: :class:`ImportValues`."""

from __future__ import annotations

import datetime as dt

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import (
    ImportPlan,
    ImportResult,
    apply_import,
    stored_values,
)
from kpi_desktop.services.planning import snapshots
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document


class ImportValues(EditCommand):
    """Import a plan as one undo step.

    The first run writes the plan with :func:`apply_import` and records what it changed:
    which values it added to KPIs that existed, which stored values it replaced (and what
    they were), and the KPIs and goal it created. Undo puts the replaced values back,
    deletes the added ones and deletes what was created (keeping snapshots); redo restores
    the snapshots (same ids) and writes the values again. Values are written set-based
    (``write_many``, snapshots), as the import itself is.
    """

    def __init__(
        self, doc: Document, plan: ImportPlan, on_conflict: OnConflict = OnConflict.ERROR
    ) -> None:
        super().__init__(doc, translate("Undo", 'Import "{0}"').format(plan.path.name))
        self.plan = plan
        self.on_conflict = OnConflict(on_conflict)
        self.result: ImportResult | None = None
        self.created_kpi_ids: list[int] = []
        self.created_goal_ids: list[int] = []
        self.matched_ids: list[int] = []
        # (KPI, period, value) the import added to KPIs that existed
        self._added: list[tuple[int, dt.date, float]] = []
        # (KPI, period, new value) -> the stored (value, source) it replaced
        self._replaced: dict[tuple[int, dt.date, float], tuple[float, str]] = {}
        # what undo deleted (the created goal and KPIs, with their values), for redo
        self._snapshots: list[snapshots.Snapshot] = []
        self._applied = False

    def apply(self) -> None:
        ws = self.doc.workspace
        if self.result is not None:
            self._reapply(ws)
        else:
            self._first_run(ws)
        self._applied = True

    def _first_run(self, ws: Workspace) -> None:
        ids = self.plan.matched_ids()
        before = stored_values(ws, self.plan) if ids else {}
        goals_before = {g.id for g in ws.goals.list()}
        kpis_before = {k.id for k in ws.kpis.list()}
        try:
            result = apply_import(ws, self.plan, self.on_conflict)
        except KpiDesktopError:
            raise
        except Exception as exc:  # never a crash in the GUI: the transaction rolled back
            raise KpiDesktopError(
                f"The values could not be written ({type(exc).__name__}: {exc}); nothing "
                "was imported."
            ) from exc
        self.result = result
        self.created_goal_ids = sorted(
            g.id for g in ws.goals.list() if g.id is not None and g.id not in goals_before
        )
        self.created_kpi_ids = [
            k.id for k in ws.kpis.list() if k.id is not None and k.id not in kpis_before
        ]
        self.matched_ids = sorted(ids.values())
        if ids:  # values of created KPIs are in their snapshots, taken at undo
            self._record_changes(ids, before)

    def _record_changes(
        self, ids: dict[str, int], before: dict[tuple[int, dt.date], tuple[float, str]]
    ) -> None:
        replacing = self.on_conflict == OnConflict.REPLACE
        for name, period, value, _row in self.plan.values:
            kpi_id = ids.get(name)
            if kpi_id is None:
                continue  # a created KPI
            old = before.get((kpi_id, period))
            if old is None:
                self._added.append((kpi_id, period, value))
            elif replacing:
                self._replaced[(kpi_id, period, value)] = old

    def _reapply(self, ws: Workspace) -> None:
        for snap in self._snapshots:
            snapshots.restore(ws, snap)
        self._snapshots = []  # undo takes them again (a million values hold some 40 MB)
        source = self.plan.path.name
        if self._added:
            ws.measurements.write_many(self._added, source=source)
        if self._replaced:
            ws.measurements.write_many(
                list(self._replaced), on_conflict=OnConflict.REPLACE, source=source
            )

    def revert(self) -> None:
        ws = self.doc.workspace
        by_source: dict[str, list[tuple[int, dt.date, float]]] = {}
        for (kpi_id, period, _new), (old, source) in self._replaced.items():
            by_source.setdefault(source, []).append((kpi_id, period, old))
        for source, rows in by_source.items():  # notes were not touched by the import
            ws.measurements.write_many(rows, on_conflict=OnConflict.REPLACE, source=source)
        if self._added:
            ws.measurements.delete_keys([(kpi_id, period) for kpi_id, period, _ in self._added])
        in_new_goal = {k.id for gid in self.created_goal_ids for k in ws.kpis.list(goal_id=gid)}
        loose = [kid for kid in self.created_kpi_ids if kid not in in_new_goal]
        # Snapshot everything first, so that restoring in this order puts each KPI back at
        # its position.
        self._snapshots = [snapshots.capture_goal(ws, gid) for gid in self.created_goal_ids]
        self._snapshots += [snapshots.capture_kpi(ws, kid) for kid in loose]
        for kid in reversed(loose):
            ws.kpis.delete(kid)
        for gid in self.created_goal_ids:
            ws.goals.delete(gid)
        self._applied = False

    def announce(self) -> None:
        self.doc.goals_changed.emit()
        touched = self.matched_ids + (self.created_kpi_ids if self._applied else [])
        for kpi_id in touched:
            self.doc.measurements_changed.emit(kpi_id)
