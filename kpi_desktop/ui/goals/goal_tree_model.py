"""GoalTreeModel: objectives > sub-goals > KPIs with rolled-up status badges.

A thin adapter over the services: it is rebuilt from plain rows on every change (cheap: one
status read per KPI) and edits go through the document's undo commands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from kpi_desktop.domain.types import Status
from kpi_desktop.services.tracking.status import goal_rollups, kpi_statuses_of
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.theme import item_icon, status_icon

MIME_TYPE = "application/x-kpi-desktop-tree-item"
Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class TreeNode:
    kind: str  # "root", "goal" or "kpi"
    id: int
    title: str
    status: Status = Status.NO_DATA
    detail: str = ""  # tooltip text: score, latest value...
    archived: bool = False
    stale: bool = False  # a KPI whose latest value is older than a period and the grace
    parent: TreeNode | None = None
    children: list[TreeNode] = field(default_factory=list)

    position: int = 0  # the row under its parent (set when the tree is built)

    def row(self) -> int:
        return self.position


# Item flags, combined once: Python enum arithmetic costs microseconds a call, and the view
# asks every row.
_DROP = Qt.ItemFlag.ItemIsDropEnabled
_KPI = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_KPI_NAME = _KPI | Qt.ItemFlag.ItemIsEditable
_GOAL = _KPI | _DROP
_GOAL_NAME = _KPI_NAME | _DROP


class GoalTreeModel(QAbstractItemModel):
    KindRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    StatusRole = Qt.ItemDataRole.UserRole + 3

    COLUMNS = (
        QT_TRANSLATE_NOOP("GoalTreeModel", "Goal / KPI"),
        QT_TRANSLATE_NOOP("GoalTreeModel", "Status"),
    )

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._root = TreeNode("root", 0, "")
        self._nodes: dict[tuple[str, int], TreeNode] = {}  # (kind, id) -> node
        self.reload()

    # -- building -------------------------------------------------------------------------

    def reload(self) -> None:
        plan = self.document.plan()
        # siblings in their order: a goal's children are appended in this order below
        goals = sorted(plan.goals.values(), key=lambda g: (g.position, g.id))
        # Every KPI (archived ones too) with its status and latest value: no forecast.
        statuses = kpi_statuses_of(plan)
        rollups = goal_rollups(goals, [s for s in statuses if s.weight >= 0])
        root = TreeNode("root", 0, "")
        nodes: dict[int, TreeNode] = {}
        for g in goals:
            roll = rollups.get(g.id)
            score = "" if roll is None or roll.score is None else f"score {roll.score:.0f}/100"
            nodes[g.id] = TreeNode(
                "goal",
                g.id,
                g.title,
                status=roll.status if roll else Status.NO_DATA,
                detail=score,
                archived=g.archived,
            )
        for g in goals:
            parent = root if g.parent_id is None else nodes.get(g.parent_id, root)
            node = nodes[g.id]
            node.parent = parent
            parent.children.append(node)
        for st in statuses:  # in each goal: by position, like the KPI list
            goal_node = nodes.get(st.goal_id)
            if goal_node is None:
                continue
            node = TreeNode(
                "kpi",
                st.kpi_id,
                st.kpi,
                status=st.status,
                detail="" if st.latest_value is None else st.format(st.latest_value),
                archived=st.archived,
                stale=st.stale,
                parent=goal_node,
            )
            # KPIs after the goal's sub-goals, in their own order
            goal_node.children.append(node)
        for node in nodes.values():
            node.children.sort(key=lambda n: 0 if n.kind == "goal" else 1)
        by_key: dict[tuple[str, int], TreeNode] = {}
        stack = [root]
        while stack:
            node = stack.pop()
            for i, child in enumerate(node.children):
                child.position = i
                by_key[child.kind, child.id] = child
            stack.extend(node.children)
        self.beginResetModel()
        self._root, self._nodes = root, by_key
        self.endResetModel()

    def node_count(self) -> int:
        """How many goals and KPIs the tree holds (every level)."""
        return len(self._nodes)

    # -- lookup ---------------------------------------------------------------------------

    def node(self, index: Index) -> TreeNode:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self._root

    def index_of(self, kind: str, item_id: int, column: int = 0) -> QModelIndex:
        """The index of a goal or KPI, or an invalid index."""
        node = self._nodes.get((kind, item_id))
        return QModelIndex() if node is None else self.createIndex(node.row(), column, node)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # hasIndex() without its two calls back into Python (rowCount, columnCount): views
        # and the filter proxy call index() tens of thousands of times on a large tree.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self.node(parent).children
        if not (0 <= row < len(children) and 0 <= column < len(self.COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return node.title
            return (
                self.tr("%1 (stale)").replace("%1", node.status.label)
                if node.stale
                else node.status.label
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(node.status) if col == 1 else item_icon(node.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "KPI" if node.kind == "kpi" else "Goal"
            extra = f" — {node.detail}" if node.detail else ""
            stale = (
                "\n" + self.tr("Stale: the latest value is older than a period and the grace")
                if node.stale
                else ""
            )
            return f"{kind}: {node.title}\nStatus: {node.status.label}{extra}{stale}"
        if role == Qt.ItemDataRole.FontRole and node.kind == "goal" and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.archived:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == self.KindRole:
            return node.kind
        if role == self.IdRole:
            return node.id
        if role == self.StatusRole:
            return node.status.value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _DROP
        if self.node(index).kind == "goal":
            return _GOAL_NAME if index.column() == 0 else _GOAL
        return _KPI_NAME if index.column() == 0 else _KPI

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.EditRole:
            return False
        node = self.node(index)
        text = str(value)
        if text.strip() == node.title:
            return False
        if node.kind == "goal":
            rename = self.tr('Rename goal "%1"').replace("%1", node.title)
            cmd: commands.EditCommand = commands.EditGoal(
                self.document, node.id, rename, title=text
            )
        else:
            rename = self.tr('Rename KPI "%1"').replace("%1", node.title)
            cmd = commands.EditKpi(self.document, node.id, rename, name=text)
        error = self.document.push(cmd)
        if error is not None:
            self.document.error_raised.emit(error.message)
            return False
        return True

    # -- drag and drop --------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        items = []
        for index in indexes:
            if index.isValid() and index.column() == 0:
                node = self.node(index)
                items.append({"kind": node.kind, "id": node.id})
        data = QMimeData()
        data.setData(MIME_TYPE, json.dumps(items[:1]).encode())
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        item = _dragged(data)
        if item is None:
            return False
        target = self.node(parent)
        if item["kind"] == "kpi":
            return target.kind == "goal"
        return target.kind in ("goal", "root")

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item = _dragged(data)
        assert item is not None
        target = self.node(parent)
        siblings = [c for c in target.children if c.kind == item["kind"]]
        position: int | None = None
        if row >= 0:
            # Qt's row counts all children (sub-goals first, then KPIs): map to the kind's own.
            before = [c for c in target.children[:row] if c.kind == item["kind"]]
            position = len(
                [c for c in before if not (c.kind == item["kind"] and c.id == item["id"])]
            )
            position = min(position, len(siblings))
        if item["kind"] == "kpi":
            cmd: commands.EditCommand = commands.MoveKpi(
                self.document, item["id"], target.id, position
            )
        else:
            new_parent = None if target.kind == "root" else target.id
            cmd = commands.MoveGoal(self.document, item["id"], new_parent, position)
        error = self.document.push(cmd)
        if error is not None:
            self.document.error_raised.emit(error.message)
        # The model is rebuilt by goals_changed; tell the view not to remove the source row.
        return False


def _dragged(data: QMimeData) -> dict[str, Any] | None:
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        items = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
    except ValueError:
        return None
    if not items or items[0].get("kind") not in ("goal", "kpi"):
        return None
    return dict(items[0])
