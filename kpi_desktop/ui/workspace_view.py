"""The three panes of one open workspace: goal tree | overview (scorecard, due, latest
achievements), chart + values, achievements, actions or reviews | editor (a side panel that
View > Editor panel, F9, hides and shows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from kpi_desktop.ui.achievements.panel import AchievementsPanel
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.goal_editor import GoalEditor
from kpi_desktop.ui.goals.goal_tree import GoalTreePane
from kpi_desktop.ui.kpi.chart_pane import ChartPane
from kpi_desktop.ui.kpi.kpi_editor import KpiEditor
from kpi_desktop.ui.kpi.measurements_table import MeasurementsTable
from kpi_desktop.ui.overview.page import OverviewPage
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.reminders_bar import RemindersBar
from kpi_desktop.ui.review.history import ReviewHistory
from kpi_desktop.ui.scorecard.view import ScorecardView

if TYPE_CHECKING:
    from kpi_desktop.ui.actions.panel import ActionsPanel


class LazyPage(QWidget):
    """A tab page that makes its content (with ``factory``) when first shown or asked for."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], QWidget] | None = factory
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_made(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        if self._content is None:
            assert self._factory is not None
            self._content = self._factory()
            self._factory = None
            self._layout.addWidget(self._content)
            if self.isVisible():  # made while shown: show it now, not on the next turn
                self._content.show()
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.content()
        super().showEvent(event)


class WorkspaceView(QWidget):
    wizard_requested = Signal(int, int)  # goal id to preselect (or 0), KPI id to edit (or 0)
    review_requested = Signal(bool)  # start a review (True: open it at the earlier actions)

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tree = GoalTreePane(document, prompts)
        self.chart = ChartPane(document)
        self.table = MeasurementsTable(document)
        self.scorecard = ScorecardView(document)
        self.goal_editor = GoalEditor(document)
        self.kpi_editor = KpiEditor(document)

        self.chart_split = QSplitter(Qt.Orientation.Vertical)
        self.chart_split.addWidget(self.chart)
        self.chart_split.addWidget(self.table)
        self.chart_split.setStretchFactor(0, 3)
        self.chart_split.setStretchFactor(1, 2)
        self.chart_split.setSizes([560, 220])  # on a 640-pixel screen, the chart whole

        self.overview = OverviewPage(document, self.scorecard)
        self.centre = QTabWidget()
        self.centre.setDocumentMode(True)
        self.centre.addTab(self.overview, self.tr("Overv&iew"))
        self.centre.addTab(self.chart_split, self.tr("&Chart"))
        # The achievements are derived from every KPI's history: worked out only when the
        # tab is first shown (or the panel asked for), not on every open.
        self._achievements_page = LazyPage(lambda: self._make_achievements(document))
        self.centre.addTab(self._achievements_page, self.tr("Achieve&ments"))
        self._actions_page = LazyPage(lambda: self._make_actions(document, prompts))
        self.centre.addTab(self._actions_page, self.tr("Actio&ns"))
        self.reviews = ReviewHistory(document)
        self.centre.addTab(self.reviews, self.tr("Revie&ws"))
        self._map_page = LazyPage(lambda: self._make_strategy_map(document, prompts))
        self.centre.addTab(self._map_page, self.tr("Strate&gy map"))
        # How the last tab is remembered (ui/overview/view_state): each page's object name.
        for page, name in (
            (self.overview, "overview"),
            (self.chart_split, "chart"),
            (self._achievements_page, "achievements"),
            (self._actions_page, "actions"),
            (self.reviews, "reviews"),
            (self._map_page, "strategy_map"),
        ):
            page.setObjectName(name)
        self.reminders = RemindersBar(document, self)

        hint = QLabel(self.tr("Select a goal or a KPI in the tree to edit it here."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editors = QStackedWidget()
        self.editors.setAccessibleName(self.tr("Editor"))
        self.editors.addWidget(hint)
        self.editors.addWidget(self.goal_editor)
        self.editors.addWidget(self.kpi_editor)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.tree)
        self.split.addWidget(self.centre)
        self.split.addWidget(self.editors)
        self.split.setCollapsible(2, False)  # hidden whole by its toggle, never squeezed
        self.tree.setMinimumWidth(200)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)
        self.split.setStretchFactor(2, 3)
        self.split.setSizes([340, 580, 360])
        self._editor_width = 360  # the panel's width when F9 shows it again
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.reminders)
        layout.addWidget(self.split, 1)  # the bar above keeps its own height

        self.tree.selection_changed.connect(self._on_tree_selection)
        self.tree.wizard_requested.connect(lambda goal_id: self.wizard_requested.emit(goal_id, 0))
        self.kpi_editor.wizard_requested.connect(
            lambda kpi_id: self.wizard_requested.emit(0, kpi_id)
        )
        self.overview.kpi_selected.connect(self._on_scorecard_kpi)
        self.overview.actions_requested.connect(lambda: self.show_actions("Overdue"))
        self.reminders.filter_requested.connect(self.tree.set_due_filter)
        self.reminders.filter_requested.connect(self.scorecard.set_due_filter)
        self.reminders.actions_requested.connect(lambda: self.show_actions("Overdue"))
        self.reviews.review_requested.connect(lambda: self.review_requested.emit(False))

    @property
    def achievements(self) -> AchievementsPanel:
        """The Achievements tab's panel (made on first use)."""
        return self._achievements_page.content()  # type: ignore[return-value]

    @property
    def actions_panel(self) -> ActionsPanel:
        """The Actions tab's panel (made on first use)."""
        return self._actions_page.content()  # type: ignore[return-value]

    def show_actions(self, state: str | None = None) -> ActionsPanel:
        """Bring the Actions tab up, filtered to the state choice ``state`` if given."""
        panel = self.actions_panel
        if state is not None:
            panel.set_filter(state=state)
        self.centre.setCurrentWidget(self._actions_page)
        return panel

    def _make_actions(self, document: Document, prompts: Prompts) -> ActionsPanel:
        from kpi_desktop.ui.actions.panel import ActionsPanel

        return ActionsPanel(document, prompts)

    def _make_strategy_map(self, document: Document, prompts: Prompts) -> QWidget:
        from kpi_desktop.ui.calculated.strategy_map_tab import StrategyMapTab

        tab = StrategyMapTab(document, prompts)
        tab.kpi_selected.connect(self._on_scorecard_kpi)
        return tab

    def _make_achievements(self, document: Document) -> AchievementsPanel:
        panel = AchievementsPanel(document)
        panel.kpi_selected.connect(self._on_scorecard_kpi)
        return panel

    def editor_shown(self) -> bool:
        return not self.editors.isHidden()

    def set_editor_shown(self, shown: bool) -> None:
        """Show or hide the editor side panel: the centre takes its room, and gives it back."""
        if shown == self.editor_shown():
            return
        tree, centre, editor = self.split.sizes()
        if shown:
            editor = max(self._editor_width, self.editors.minimumSizeHint().width())
            self.editors.setVisible(True)
            self.split.setSizes([tree, max(centre - editor, 0), editor])
        else:
            self._editor_width = editor or self._editor_width
            self.editors.setVisible(False)
            self.split.setSizes([tree, centre + editor, 0])

    def _on_tree_selection(self, kind: str, item_id: int) -> None:
        kpi_id = item_id if kind == "kpi" else None
        if kind == "kpi" and self.centre.currentWidget() is self.overview:
            self.centre.setCurrentWidget(self.chart_split)  # a KPI chosen: its chart
        self.chart.show_kpi(kpi_id)
        self.table.show_kpi(kpi_id)
        if kind == "kpi":
            self.kpi_editor.show_kpi(item_id)
            self.editors.setCurrentWidget(self.kpi_editor)
        elif kind == "goal":
            self.goal_editor.show_goal(item_id)
            self.goal_editor.set_summary(self.tree.goal_summary(item_id))
            self.editors.setCurrentWidget(self.goal_editor)
        else:
            self.editors.setCurrentIndex(0)

    def _on_scorecard_kpi(self, kpi_id: int) -> None:
        self.tree.select("kpi", kpi_id)
        self.centre.setCurrentWidget(self.chart_split)

    def selected_goal_id(self) -> int | None:
        kind, item_id = self.tree.selected()
        if kind == "goal":
            return item_id
        if kind == "kpi":
            return self.document.workspace.kpis.get(item_id).goal_id
        return None
