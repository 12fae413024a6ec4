"""The goal tree pane: filter box, tree view with status badges, add/rename/delete, drag
and drop, context menu. Selection is announced; editing is done by the editors."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.services.naming import normalise
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.due_filter import DueFilterProxy
from kpi_desktop.ui.goals.goal_tree_model import GoalTreeModel
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.theme import status_icon


class GoalTreePane(QWidget):
    selection_changed = Signal(str, int)  # kind ("goal", "kpi" or "" for none), id
    wizard_requested = Signal(int)  # goal id to preselect in the New KPI wizard

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.prompts = prompts
        self.model = GoalTreeModel(document, self)
        self.proxy = DueFilterProxy(self)  # text filter, plus "only KPIs due for a value"
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(placeholderText=self.tr("Filter goals and KPIs"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Filter goals and KPIs"))
        self.setAccessibleName(self.tr("Goal tree"))  # names its shortcuts in the list too
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_box.textChanged.connect(lambda _t: self._expand_default())

        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Goals and KPIs"))
        self.view.setHeaderHidden(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The status column holds one of five labels: sized for the widest once, rather than
        # to its contents (which asks every row of a 2,000-KPI tree, on every layout).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self._status_column_width())
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        self._make_actions()
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.add_goal_action,
            self.add_sub_goal_action,
            self.add_kpi_action,
            self.delete_action,
        ):
            toolbar.addAction(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(toolbar)
        layout.addWidget(self.view)

        document.goals_changed.connect(self.refresh)
        self._expand_default()
        self._update_actions()

    def _status_column_width(self) -> int:
        """The width that fits any status (badge and word, bold on an objective's row) and
        the column's title."""
        option = QStyleOptionViewItem()
        option.initFrom(self.view.viewport())
        option.features = (
            QStyleOptionViewItem.ViewItemFeature.HasDisplay
            | QStyleOptionViewItem.ViewItemFeature.HasDecoration
        )
        option.decorationSize = QSize(16, 16)
        bold = QFont(self.view.font())
        bold.setBold(True)
        style = self.view.style()
        widest = self.view.header().sectionSizeHint(1)
        for font in (self.view.font(), bold):
            option.font = font
            option.fontMetrics = QFontMetrics(font)
            for status in Status:
                option.text = status.label
                option.icon = status_icon(status)
                size = style.sizeFromContents(
                    QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self.view
                )
                widest = max(widest, size.width())
        return widest

    def _make_actions(self) -> None:
        def act(text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
            action = QAction(self.tr(text), self)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            return action

        # with the tree in focus (the toolbar's buttons are not in the Tab order)
        self.add_goal_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "Add goal"), self.add_goal, "Ctrl+Shift+G"
        )
        self.add_sub_goal_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "Add sub-goal"), self.add_sub_goal, "Ctrl+Shift+U"
        )
        self.add_kpi_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "Add KPI"), self.add_kpi, "Ctrl+Shift+I"
        )
        self.new_kpi_wizard_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "New KPI with wizard…"), self._request_wizard
        )
        self.rename_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "Rename"),
            self.rename_selected,
            QKeySequence(Qt.Key.Key_F2),
        )
        self.delete_action = act(
            QT_TRANSLATE_NOOP("GoalTreePane", "Delete"),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
        )

    # -- selection ------------------------------------------------------------------------

    def selected(self) -> tuple[str, int]:
        indexes = self.view.selectionModel().selectedRows(0)
        if not indexes:
            return "", 0
        src = self.proxy.mapToSource(indexes[0])
        node = self.model.node(src)
        return node.kind, node.id

    def select(self, kind: str, item_id: int) -> bool:
        src = self.model.index_of(kind, item_id)
        if not src.isValid():
            return False
        index = self.proxy.mapFromSource(src)
        if not index.isValid():
            self.filter_box.clear()
            index = self.proxy.mapFromSource(self.model.index_of(kind, item_id))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _selected_goal_id(self) -> int | None:
        kind, item_id = self.selected()
        if kind == "goal":
            return item_id
        if kind == "kpi":
            return self.document.workspace.kpis.get(item_id).goal_id
        return None

    def _on_selection(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_actions()
        kind, item_id = self.selected()
        self.selection_changed.emit(kind, item_id)

    def _update_actions(self) -> None:
        kind, _ = self.selected()
        can = kind != "" and not self.document.workspace.readonly  # a viewer: nothing
        self.add_goal_action.setEnabled(not self.document.workspace.readonly)
        self.add_sub_goal_action.setEnabled(can)
        self.add_kpi_action.setEnabled(can)
        self.new_kpi_wizard_action.setEnabled(can)
        self.rename_action.setEnabled(can)
        self.delete_action.setEnabled(can)

    def set_due_filter(self, kpi_ids: frozenset[int] | None) -> None:
        """Show only these KPIs (and their goals), or everything again with None."""
        self.proxy.set_due_ids(kpi_ids)
        self._expand_default()

    #: A tree of at most this many goals and KPIs opens fully expanded (a few screens); a
    #: bigger one shows its objectives with their rolled-up statuses, to be expanded where
    #: the user looks, so that opening it costs what is on screen. A filter shows every
    #: match expanded.
    EXPAND_ALL_UP_TO = 400

    def _expand_default(self) -> None:
        filtering = bool(self.filter_box.text()) or self.proxy.due_ids is not None
        if filtering or self.model.node_count() <= self.EXPAND_ALL_UP_TO:
            self.view.expandAll()
        else:
            self.view.collapseAll()

    def refresh(self) -> None:
        """Rebuild from the workspace, keeping what was expanded and selected."""
        kind, item_id = self.selected()
        expanded = self._expanded_goals()
        self.model.reload()
        for goal_id in expanded:
            index = self.proxy.mapFromSource(self.model.index_of("goal", goal_id))
            if index.isValid():
                self.view.expand(index)
        if kind and not self.select(kind, item_id):
            self.selection_changed.emit("", 0)

    def _expanded_goals(self) -> list[int]:
        """The goals shown expanded, parents first (only expanded rows are visited)."""
        out = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.view.isExpanded(index):
                    out.append(self.model.node(self.proxy.mapToSource(index)).id)
                    stack.append(index)
        return out

    # -- edits ----------------------------------------------------------------------------

    def add_goal(self) -> int | None:
        return self._add_goal(None, "New objective")

    def add_sub_goal(self) -> int | None:
        parent = self._selected_goal_id()
        return None if parent is None else self._add_goal(parent, "New sub-goal")

    def _add_goal(self, parent_id: int | None, title: str) -> int | None:
        cmd = commands.AddGoal(self.document, title, parent_id)
        error = self.document.push(cmd)
        if error is not None:
            self.prompts.error(self.tr("Cannot add the goal"), error.message)
            return None
        assert cmd.goal_id is not None
        self.select("goal", cmd.goal_id)
        self.rename_selected()
        return cmd.goal_id

    def add_kpi(self) -> int | None:
        goal_id = self._selected_goal_id()
        if goal_id is None:
            return None
        taken = {normalise(k.name) for k in self.document.workspace.kpis.list(goal_id=goal_id)}
        name, n = "New KPI", 2
        while normalise(name) in taken:
            name, n = f"New KPI {n}", n + 1
        cmd = commands.AddKpi(self.document, goal_id, name)
        error = self.document.push(cmd)
        if error is not None:
            self.prompts.error(self.tr("Cannot add the KPI"), error.message)
            return None
        assert cmd.kpi_id is not None
        self.select("kpi", cmd.kpi_id)
        self.rename_selected()
        return cmd.kpi_id

    def rename_selected(self) -> None:
        indexes = self.view.selectionModel().selectedRows(0)
        if indexes:
            self.view.edit(indexes[0])

    def delete_selected(self) -> bool:
        kind, item_id = self.selected()
        if not kind:
            return False
        if kind == "goal":
            goal = self.document.workspace.goals.get(item_id)
            n_kpis = self._count_kpis(item_id)
            text = self.tr('Delete the goal "{0}"').format(goal.title)
            if n_kpis:
                text += self.tr(", its sub-goals and {0} KPI(s) with all their values").format(
                    n_kpis
                )
            if not self.prompts.confirm(
                self.tr("Delete goal"),
                text + "?\n" + self.tr("You can undo this with Edit > Undo."),
                self.tr("Delete"),
            ):
                return False
            cmd: commands.EditCommand = commands.DeleteGoal(self.document, item_id, goal.title)
        else:
            kpi = self.document.workspace.kpis.get(item_id)
            n_values = len(self.document.workspace.measurements.list(item_id))
            text = self.tr('Delete the KPI "{0}" and its {1} value(s)?').format(kpi.name, n_values)
            if not self.prompts.confirm(
                self.tr("Delete KPI"),
                text + "\n" + self.tr("You can undo this with Edit > Undo."),
                self.tr("Delete"),
            ):
                return False
            cmd = commands.DeleteKpi(self.document, item_id, kpi.name)
        error = self.document.push(cmd)
        if error is not None:
            self.prompts.error(self.tr("Cannot delete"), error.message)
            return False
        return True

    def goal_summary(self, goal_id: int) -> str:
        """One line on a goal's roll-up: "At risk · score 75/100 · 4 KPIs"."""
        node = self.model.node(self.model.index_of("goal", goal_id))
        parts = [node.status.label]
        if node.detail:
            parts.append(node.detail)
        parts.append(self.tr("{0} KPI(s)").format(self._count_kpis(goal_id)))
        return " · ".join(parts)

    def _count_kpis(self, goal_id: int) -> int:
        src = self.model.index_of("goal", goal_id)
        stack, count = [self.model.node(src)], 0
        while stack:
            node = stack.pop()
            count += sum(1 for c in node.children if c.kind == "kpi")
            stack.extend(c for c in node.children if c.kind == "goal")
        return count

    def _request_wizard(self) -> None:
        goal_id = self._selected_goal_id()
        if goal_id is not None:
            self.wizard_requested.emit(goal_id)

    def _on_context_menu(self, pos: object) -> None:
        menu = QMenu(self)
        kind, _ = self.selected()
        menu.addAction(self.add_goal_action)
        if kind:
            menu.addAction(self.add_sub_goal_action)
            menu.addAction(self.add_kpi_action)
            menu.addAction(self.new_kpi_wizard_action)
            menu.addSeparator()
            menu.addAction(self.rename_action)
            menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
