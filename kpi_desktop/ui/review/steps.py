"""The steps of a review, listed beside its pages: Start, Earlier actions, one step per KPI
(off track and at risk first) and Wrap up.

A review can walk thousands of KPIs, so the list is a model over the review's draft, not a
widget item per step: :class:`ReviewSteps` answers for the rows on screen only. Steps are
numbered 0 (Start), 1 (Earlier actions), 2 .. n+1 (the KPIs in walk order) and n+2 (Wrap
up). :class:`ReviewStepsPanel` shows them with a search box (a KPI, goal or owner) and a
switch to show only the KPIs that need attention; Back and Next follow what is listed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from kpi_desktop.domain.types import Status
from kpi_desktop.services.review.flow import ReviewDraft, ReviewInput, ReviewItem
from kpi_desktop.ui.review.labels import mute
from kpi_desktop.ui.theme import status_icon

#: The steps before the first KPI.
START_STEP, ACTIONS_STEP = 0, 1
FIRST_KPI_STEP = 2

_Index = QModelIndex | QPersistentModelIndex


class ReviewSteps(QAbstractListModel):
    """The steps of a review as list rows (filtered); row texts follow what is typed."""

    def __init__(
        self, draft: ReviewDraft, state: ReviewInput, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self._state = state
        self._searchable = [f"{i.kpi}\n{i.goal}\n{i.owner}".casefold() for i in draft.items]
        self._attention = sum(1 for i in draft.items if i.needs_attention)
        self._rows: list[int] = list(range(self.step_count()))  # the steps listed
        self._icons: dict[Status, QIcon] = {}
        self._bold: QFont | None = None

    # -- steps ----------------------------------------------------------------------------

    def step_count(self) -> int:
        return len(self.draft.items) + 3

    @property
    def wrap_up_step(self) -> int:
        return self.step_count() - 1

    @property
    def attention_count(self) -> int:
        """How many KPIs need attention (off track or at risk)."""
        return self._attention

    def item_at(self, step: int) -> ReviewItem | None:
        """The KPI of a step, or None for Start, Earlier actions and Wrap up."""
        if FIRST_KPI_STEP <= step < self.wrap_up_step:
            return self.draft.items[step - FIRST_KPI_STEP]
        return None

    def text(self, step: int) -> str:
        """What the list says for a step: for a KPI, its name with a pen when commented
        and +n for the actions decided on it."""
        item = self.item_at(step)
        if item is not None:
            marks = []
            if self._state.has_comment(item.kpi_id):
                marks.append("✎")
            n = len(self._state.actions_for(item.kpi_id))
            if n:
                marks.append(f"+{n}")
            return item.kpi + (f"  {' '.join(marks)}" if marks else "")
        if step == START_STEP:
            return self.tr("Start")
        if step == ACTIONS_STEP:
            n, ticked = len(self.draft.open_actions), len(self._state.done)
            done, still = self.tr(" (%1/%2 done)"), self.tr(" (%1 open)")
            tail = done.replace("%1", str(ticked)).replace("%2", str(n)) if ticked else ""
            tail = tail or (still.replace("%1", str(n)) if n else "")
            return self.tr("Earlier actions") + tail
        return self.tr("Wrap up and save")

    # -- filter ---------------------------------------------------------------------------

    def set_filter(self, text: str = "", attention_only: bool = False) -> None:
        """List only the KPIs whose name, goal or owner holds ``text`` (any case), and only
        those needing attention when asked; the other steps stay listed."""
        needle = text.strip().casefold()
        self.beginResetModel()
        self._rows = [START_STEP, ACTIONS_STEP]
        self._rows += [
            n + FIRST_KPI_STEP
            for n, item in enumerate(self.draft.items)
            if (item.needs_attention or not attention_only)
            and (not needle or needle in self._searchable[n])
        ]
        self._rows.append(self.wrap_up_step)
        self.endResetModel()

    def listed_kpis(self) -> int:
        return len(self._rows) - 3

    def first_listed_kpi(self) -> int | None:
        """The step of the first KPI listed, or None when the filter lists none."""
        step = self._rows[ACTIONS_STEP + 1]  # Start and Earlier actions are always listed
        return step if self.item_at(step) is not None else None

    def row_of(self, step: int) -> int | None:
        """The row listing ``step``, or None when it is filtered out."""
        row = bisect_left(self._rows, step)
        return row if row < len(self._rows) and self._rows[row] == step else None

    def step_at(self, row: int) -> int:
        return self._rows[row]

    def neighbour(self, step: int, direction: int) -> int | None:
        """The listed step after (``direction`` 1) or before (-1) ``step``, or None."""
        if direction > 0:
            row = bisect_right(self._rows, step)
            return self._rows[row] if row < len(self._rows) else None
        row = bisect_left(self._rows, step) - 1
        return self._rows[row] if row >= 0 else None

    def refresh(self, step: int) -> None:
        """Say that a step's text changed (after typing or ticking)."""
        row = self.row_of(step)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    # -- the model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        step = self._rows[index.row()]
        item = self.item_at(step)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(step)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(step) if item is None else f"{item.kpi} — {item.status.label}"
        if role == Qt.ItemDataRole.DecorationRole and item is not None:
            icon = self._icons.get(item.status)
            if icon is None:
                icon = self._icons[item.status] = status_icon(item.status)
            return icon
        if role == Qt.ItemDataRole.FontRole and item is None:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None


class ReviewStepsPanel(QWidget):
    """The list of steps, with a search box and "only KPIs that need attention"."""

    step_chosen = Signal(int)  # a step picked in the list

    def __init__(self, model: ReviewSteps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a KPI, goal or owner"))
        self.search.setAccessibleName(self.tr("Find a KPI in the review"))
        self.search.setClearButtonEnabled(True)
        self.attention_only = QCheckBox(
            self.tr("Only the {n} needing attention").format(n=model.attention_count)
        )
        self.attention_only.setToolTip(self.tr("List only the KPIs off track or at risk"))
        self.attention_only.setVisible(0 < model.attention_count < len(model.draft.items))
        self.shown_label = mute(QLabel())
        self.view = QListView()
        self.view.setModel(model)
        self.view.setAccessibleName(self.tr("Steps of the review"))
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(2)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._first_found)
        self.attention_only.toggled.connect(self._filter)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.attention_only)
        box.addWidget(self.view, 1)
        box.addWidget(self.shown_label)
        self._current = START_STEP
        self._show_count()

    def shown(self) -> list[str]:
        """The texts listed, top to bottom (what the user reads)."""
        return [str(self.model.index(r).data()) for r in range(self.model.rowCount())]

    def set_current(self, step: int) -> None:
        """Select ``step`` in the list (nothing when it is filtered out), quietly."""
        self._current = step
        row = self.model.row_of(step)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clear()
        else:
            index = self.model.index(row)
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)
        self.view.viewport().update()
        if row is not None:
            self.view.scrollTo(self.model.index(row))

    def _first_found(self) -> None:
        """Enter in the search box: go to the first KPI listed."""
        step = self.model.first_listed_kpi()
        if step is not None:
            self.step_chosen.emit(step)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.step_chosen.emit(self.model.step_at(current.row()))

    def _filter(self) -> None:
        self.model.set_filter(self.search.text(), self.attention_only.isChecked())
        self.set_current(self._current)
        self._show_count()

    def _show_count(self) -> None:
        listed, total = self.model.listed_kpis(), len(self.model.draft.items)
        self.shown_label.setText(
            self.tr("{n} KPIs").format(n=f"{total:,}")
            if listed == total
            else self.tr("{n} of {total} KPIs listed").format(n=f"{listed:,}", total=f"{total:,}")
        )


__all__ = [
    "ACTIONS_STEP",
    "FIRST_KPI_STEP",
    "START_STEP",
    "ReviewSteps",
    "ReviewStepsPanel",
]
