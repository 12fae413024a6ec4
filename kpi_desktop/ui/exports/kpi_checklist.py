"""A tick list of the goal tree's KPIs (goals as branches: ticking a goal ticks its KPIs),
for an export that covers some KPIs only: which of them go into the meeting deck."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.workspace.workspace import Workspace

_KPI_NAME = Qt.ItemDataRole.UserRole + 1  # set on KPI items only


class KpiChecklist(QWidget):
    """Every KPI in force (not archived) under its goal, all ticked to start with."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumHeight(220)
        self._fill(workspace)
        self.tree.expandAll()
        self.tree.itemChanged.connect(lambda *_: self.changed.emit())
        every = QPushButton(self.tr("Tick all"))
        every.clicked.connect(lambda: self.set_all(True))
        none = QPushButton(self.tr("Clear"))
        none.clicked.connect(lambda: self.set_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(every)
        buttons.addWidget(none)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)

    def _fill(self, workspace: Workspace) -> None:
        goals = workspace.goals.list(include_archived=False)
        kids = defaultdict(list)
        for goal in goals:
            kids[goal.parent_id].append(goal)
        kpis = defaultdict(list)
        for kpi in workspace.kpis.list(include_archived=False):
            kpis[kpi.goal_id].append(kpi)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable

        def add(parent: QTreeWidget | QTreeWidgetItem, parent_id: int | None) -> None:
            for goal in kids[parent_id]:
                item = QTreeWidgetItem(parent, [goal.title])
                item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
                for kpi in kpis[goal.id]:
                    leaf = QTreeWidgetItem(item, [kpi.name])
                    leaf.setFlags(flags)
                    leaf.setData(0, _KPI_NAME, kpi.name)
                    leaf.setCheckState(0, Qt.CheckState.Checked)
                add(item, goal.id)
                if item.childCount() == 0:  # a goal without KPIs has nothing to tick
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)

        add(self.tree, None)

    def _kpi_items(self) -> Iterator[QTreeWidgetItem]:
        it = QTreeWidgetItemIterator(self.tree)
        while it.value() is not None:
            item = it.value()
            if item.data(0, _KPI_NAME) is not None:
                yield item
            it += 1

    def set_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for item in self._kpi_items():
            item.setCheckState(0, state)

    def tick_goal(self, title: str) -> None:
        """Tick only the KPIs under the goal called ``title`` (its sub-goals' too)."""
        self.set_all(False)
        for item in self.tree.findItems(
            title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, _KPI_NAME) is None:
                item.setCheckState(0, Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        """The ticked KPIs' names, in tree order."""
        return [
            str(item.data(0, _KPI_NAME))
            for item in self._kpi_items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def everything_chosen(self) -> bool:
        return all(item.checkState(0) == Qt.CheckState.Checked for item in self._kpi_items())
