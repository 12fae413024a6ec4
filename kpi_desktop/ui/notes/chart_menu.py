"""The chart's right-click menu for notes: Add a note here…, Edit or Delete the note under
the pointer, and Explain this change… at a lasting change of level (a stretch's start),
which keeps the explanation as a note on that date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.periods import period_label
from kpi_desktop.reports.chart import date_to_x, x_to_date
from kpi_desktop.services.review.annotations import Note
from kpi_desktop.ui.notes.commands import DeleteNote
from kpi_desktop.ui.notes.note_dialog import NoteDialog

if TYPE_CHECKING:
    from kpi_desktop.ui.kpi.chart_pane import ChartPane

#: How close (in screen pixels) the pointer must be to a note's pin or a change's mark.
NEAR_PX = 10


class ChartNoteMenu(QObject):
    """Offers the note actions on right-click in ``pane``'s chart."""

    def __init__(self, pane: ChartPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.dialog: NoteDialog | None = None  # the open dialog (for tests)
        view = pane.chart_widget
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_menu)

    def _near(self, x: float, day: dt.date) -> bool:
        per_pixel = self.pane.plot_item.getViewBox().viewPixelSize()[0]
        return abs(float(date_to_x(day)) - x) <= NEAR_PX * max(per_pixel, 1e-9)

    def actions_at(self, x: float) -> list[QAction]:
        """The menu's actions for the chart's x coordinate ``x`` (empty without a KPI)."""
        data = self.pane.data
        if data is None or not data.has_values:
            return []
        out: list[QAction] = []
        near = [n for n in data.notes if self._near(x, n.start)]
        for note in near:
            edit = QAction(self.tr("Edit note “%1”…").replace("%1", note.text[:40]), self)
            edit.triggered.connect(lambda _=False, n=note: self.edit(n))
            delete = QAction(self.tr("Delete note “%1”").replace("%1", note.text[:40]), self)
            delete.triggered.connect(lambda _=False, n=note: self.delete(n))
            out += [edit, delete]
        explained = {n.start for n in near}
        for band in data.stretches[1:]:
            if self._near(x, band.first) and band.first not in explained:
                when = period_label(band.first, data.frequency, fiscal=data.fiscal)
                explain = QAction(
                    self.tr("Explain this change (since %1)…").replace("%1", when), self
                )
                explain.triggered.connect(lambda _=False, d=band.first: self.explain(d))
                out.append(explain)
        day = x_to_date(x)
        add = QAction(self.tr("Add a note here (%1)…").replace("%1", format_date(day)), self)
        add.triggered.connect(lambda _=False, d=day: self.add(d))
        out.append(add)
        return out

    def _open(self, start: dt.date, note: Note | None = None, intro: str = "") -> NoteDialog:
        data = self.pane.data
        assert data is not None
        dialog = NoteDialog(
            self.pane.document,
            data.kpi_id,
            data.kpi_name,
            start,
            note,
            intro=intro,
            parent=self.pane,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.dialog = dialog
        return dialog

    def add(self, day: dt.date) -> NoteDialog:
        return self._open(day)

    def edit(self, note: Note) -> NoteDialog:
        return self._open(note.start, note)

    def explain(self, day: dt.date) -> NoteDialog:
        data = self.pane.data
        assert data is not None
        when = period_label(day, data.frequency, fiscal=data.fiscal)
        intro = (
            self.tr(
                "%1 runs at a new level since %2. What changed? The explanation is kept as a "
                "note on the chart, in the report and in the deck."
            )
            .replace("%1", data.kpi_name)
            .replace("%2", when)
        )
        return self._open(day, intro=intro)

    def delete(self, note: Note) -> None:
        self.pane.document.push(DeleteNote(self.pane.document, note.id))

    def _on_menu(self, pos: QPoint) -> None:
        view = self.pane.chart_widget
        vb = self.pane.plot_item.getViewBox()
        scene_pos = view.mapToScene(pos)
        if not vb.sceneBoundingRect().contains(scene_pos):
            return
        actions = self.actions_at(vb.mapSceneToView(scene_pos).x())
        if not actions:
            return
        menu = QMenu(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        for action in actions:
            menu.addAction(action)
        menu.popup(view.mapToGlobal(pos))
