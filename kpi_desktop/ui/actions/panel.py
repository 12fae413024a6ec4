"""The Actions tab: every corrective action with the KPI or goal it is for, its owner, due
date, state and the review it came from; filters by owner, state and KPI; New, Edit, Mark
done, Re-open and Delete, each one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QShowEvent, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.action_list import (
    ActionItem,
    ActionState,
    action_items,
    matching,
    owners,
)
from kpi_desktop.ui.actions.commands import DeleteAction, SetActionDone
from kpi_desktop.ui.actions.editor import ActionDialog
from kpi_desktop.ui.actions.model import ABOUT, DUE, OWNER, REVIEW, STATE, TITLE, ActionsModel
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.flow_layout import FlowLayout

#: The state filter's choices: label -> the states it keeps (None: all).
STATE_CHOICES: tuple[tuple[str, tuple[ActionState, ...] | None], ...] = (
    (
        QT_TRANSLATE_NOOP("ActionsPanel", "Open and overdue"),
        (ActionState.OPEN, ActionState.OVERDUE),
    ),
    (QT_TRANSLATE_NOOP("ActionsPanel", "Overdue"), (ActionState.OVERDUE,)),
    (QT_TRANSLATE_NOOP("ActionsPanel", "Done"), (ActionState.DONE,)),
    (QT_TRANSLATE_NOOP("ActionsPanel", "All"), None),
)
EVERYONE, NOBODY = (
    QT_TRANSLATE_NOOP("ActionsPanel", "Everyone"),
    QT_TRANSLATE_NOOP("ActionsPanel", "Nobody yet"),
)


class ActionsPanel(QWidget):
    """The tab (see the module notes)."""

    def __init__(
        self, document: Document, prompts: Prompts | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._prompts = prompts or Prompts(self)
        self._all: list[ActionItem] = []

        self.owner = QComboBox()
        self.owner.setAccessibleName(self.tr("Owner"))
        self.state = QComboBox()
        for label, _ in STATE_CHOICES:
            self.state.addItem(self.tr(label))
        self.state.setAccessibleName(self.tr("State"))
        self.kpi = QComboBox()
        self.kpi.setAccessibleName(self.tr("KPI"))
        self.kpi.setMinimumContentsLength(18)
        self.kpi.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # The filters wrap to a second line in a narrow pane rather than being cut off.
        filter_bar = QWidget()
        filters = FlowLayout(filter_bar, spacing=14)
        filters.setContentsMargins(0, 0, 0, 0)
        for label, combo in (
            (QT_TRANSLATE_NOOP("ActionsPanel", "Owner:"), self.owner),
            (QT_TRANSLATE_NOOP("ActionsPanel", "Show:"), self.state),
            (QT_TRANSLATE_NOOP("ActionsPanel", "KPI:"), self.kpi),
        ):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel(self.tr(label)))
            row.addWidget(combo)
            filters.addWidget(pair)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)

        self.model = ActionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for col, sample in (
            (ABOUT, "Gross margin"),
            (OWNER, "nobody yet"),
            (DUE, "30 Nov 2026"),
            (STATE, "Overdue, 30 days"),
            (REVIEW, "Review, Nov 2026"),
        ):
            self.view.setColumnWidth(col, metrics.horizontalAdvance(sample) + 20)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.new_button = QPushButton(self.tr("&New action…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.reopen_button = QPushButton(self.tr("Re-&open"))
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.new_button.clicked.connect(lambda: self.new_action())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.done_button.clicked.connect(lambda: self.set_done(True))
        self.reopen_button.clicked.connect(lambda: self.set_done(False))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.done_button,
            self.reopen_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("fieldMessage")
        buttons.addWidget(self.error, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

        for combo in (self.owner, self.state, self.kpi):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = False  # a change came while the tab was hidden: read on show
        for signal in (document.reviews_changed, document.goals_changed, document.kpi_changed):
            signal.connect(self._timer.start)
        self.refresh()

    # -- public ---------------------------------------------------------------------------

    def _refresh_if_shown(self) -> None:
        """Every edit of the plan announces a change: a hidden tab only notes it (reading
        every action, KPI and goal again is for when it is looked at)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the actions again, keeping the filters and the selected action."""
        self._timer.stop()
        self._stale = False
        selected = self.selected()
        self._all = action_items(self._doc.workspace, self._doc.as_of)
        self._fill_combo(
            self.owner,
            [(self.tr(EVERYONE), None), (self.tr(NOBODY), "")]
            + [(name, name) for name in owners(self._all)],
        )
        kpis = sorted(
            {(i.kpi, i.kpi_id) for i in self._all if i.kpi_id is not None and i.kpi},
            key=lambda p: p[0].casefold(),
        )
        self._fill_combo(self.kpi, [(self.tr("All KPIs"), None), *kpis])
        self._apply_filters(keep=selected.id if selected else None)

    def set_filter(
        self, *, owner: str | None = None, state: str | None = None, kpi_id: int | None = None
    ) -> None:
        """Show the actions of ``owner`` (None: everyone), in the state choice labelled
        ``state`` (e.g. "Overdue"; None leaves it), about ``kpi_id`` (None: any)."""
        self._select_data(self.owner, owner)
        self._select_data(self.kpi, kpi_id)
        if state is not None:
            labels = [label for label, _ in STATE_CHOICES]
            self.state.setCurrentIndex(labels.index(state))

    def shown(self) -> list[ActionItem]:
        return list(self.model.items)

    def selected(self) -> ActionItem | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.item_at(rows[0].row()) if rows else None

    def select(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
        if row < 0:
            return False
        self.view.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def new_action(self) -> ActionDialog:
        """New action… (window-modal, for the KPI the filter shows, if one)."""
        dialog = ActionDialog(
            self._doc, None, owners(self._all), self, kpi_id=self.kpi.currentData()
        )
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def edit_selected(self) -> ActionDialog | None:
        item = self.selected()
        if item is None:
            return None
        dialog = ActionDialog(self._doc, item, owners(self._all), self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def set_done(self, done: bool) -> bool:
        item = self.selected()
        if item is None or item.done == done:
            return False
        return self._push(lambda: SetActionDone(self._doc, item.id, done))

    def delete_selected(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        if not self._prompts.confirm(
            self.tr("Delete action"),
            self.tr('Delete the action "{0}"? Edit > Undo brings it back.').format(item.title),
            self.tr("Delete"),
        ):
            return False
        return self._push(lambda: DeleteAction(self._doc, item.id))

    # -- inside ---------------------------------------------------------------------------

    def _push(self, make: Callable[[], QUndoCommand]) -> bool:
        try:
            command = make()
            error = self._doc.push(command)
        except KpiDesktopError as exc:
            error = exc
        self.error.setText(f"\u26a0 {error.message}" if error else "")
        self.refresh()  # at once, not on the next turn: the buttons follow the new state
        return error is None

    def _apply_filters(self, keep: int | None = None) -> None:
        if keep is None:
            current = self.selected()
            keep = current.id if current else None
        states = STATE_CHOICES[max(self.state.currentIndex(), 0)][1]
        items = matching(
            self._all, owner=self.owner.currentData(), states=states, kpi_id=self.kpi.currentData()
        )
        self.model.set_items(items, self._doc.as_of)
        if keep is not None:
            self.select(keep)
        n_late = sum(1 for i in self._all if i.state == ActionState.OVERDUE)
        total = len(self._all)
        self.count_label.setText(
            self.tr("{0} of {1} actions shown · {2} overdue").format(len(items), total, n_late)
        )
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.empty.setText(
            self.tr("No actions yet. New action… adds one; a review adds them too.")
            if not total
            else self.tr("No action matches these filters.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected()
        writable = not self._doc.workspace.readonly
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and item is not None)
        self.delete_button.setEnabled(writable and item is not None)
        self.done_button.setEnabled(writable and item is not None and not item.done)
        self.reopen_button.setEnabled(writable and item is not None and item.done)

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: Sequence[tuple[str, object]]) -> None:
        """Replace the choices, keeping the one chosen if it is still there."""
        current = combo.currentData() if combo.count() else None
        combo.blockSignals(True)
        combo.clear()
        for label, data in choices:
            combo.addItem(label, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @staticmethod
    def _select_data(combo: QComboBox, data: object) -> None:
        index = 0 if data is None else combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)
