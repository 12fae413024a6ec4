"""DueFilterProxy: the goal tree's filter model, able to show only the KPIs due for a value.

A drop-in replacement for the plain ``QSortFilterProxyModel`` of ``GoalTreePane``: with no
due filter set it filters exactly as before (the text typed in the filter box). With
:meth:`DueFilterProxy.set_due_ids`, only those KPIs (that also match the text) are shown,
with the goals above them; a goal with no due KPI below it disappears.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kpi_desktop.ui.goals.goal_tree_model import GoalTreeModel


def accepts_kpi(kind: str, item_id: int, due_ids: frozenset[int] | None) -> bool | None:
    """The due filter's verdict on one tree row: True/False for a KPI, None for a goal
    (a goal is shown when a KPI below it is). Everything passes without a due filter."""
    if due_ids is None:
        return True
    if kind != "kpi":
        return None
    return item_id in due_ids


class DueFilterProxy(QSortFilterProxyModel):
    """Text filter (inherited) combined with an optional "due KPIs only" filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._due: frozenset[int] | None = None
        self.setRecursiveFilteringEnabled(True)  # goals stay when a KPI below them matches
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    @property
    def due_ids(self) -> frozenset[int] | None:
        return self._due

    def set_due_ids(self, kpi_ids: Iterable[int] | None) -> None:
        """Show only these KPIs (and their goals); None shows every KPI again."""
        due = None if kpi_ids is None else frozenset(kpi_ids)
        if due == self._due:
            return
        self.beginFilterChange()
        self._due = due
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._due is not None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            kind = index.data(GoalTreeModel.KindRole)
            item_id = index.data(GoalTreeModel.IdRole)
            verdict = accepts_kpi(str(kind), int(item_id or 0), self._due)
            if not verdict:  # False for a KPI not due; None for a goal: shown via its KPIs
                return False
        return super().filterAcceptsRow(source_row, source_parent)


__all__ = ["DueFilterProxy", "accepts_kpi"]
