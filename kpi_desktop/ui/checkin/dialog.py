"""Track > Check in: the window with the grid of every KPI due, one Save for all of them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.due import period_name
from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.periods import add_periods, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.tracking.checkin import checkin_rows
from kpi_desktop.ui.checkin.command import CheckIn
from kpi_desktop.ui.checkin.model import (
    EXPECTED,
    HEADERS,
    KPI,
    PERIOD,
    RECENT,
    STATUS,
    VALUE,
    CheckinModel,
)
from kpi_desktop.ui.checkin.view import CheckinView
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.message_bar import MessageBar

#: How many month ends before the check-in date the date list offers.
MONTHS_BACK = 12


def checkin_dates(as_of: dt.date) -> list[tuple[str, dt.date]]:
    """The dates a check-in can be for: ``as_of`` itself, then the day after each of the
    last months (what was due at the end of that month)."""
    translate = QCoreApplication.translate
    out = [(translate("CheckinDialog", "%1 (today)").replace("%1", format_date(as_of)), as_of)]
    month = period_start(as_of, Frequency.MONTHLY)
    for back in range(MONTHS_BACK):
        start = add_periods(month, Frequency.MONTHLY, -back - 1)
        day_after = add_periods(start, Frequency.MONTHLY, 1)
        if day_after != as_of:
            name = period_name(start, Frequency.MONTHLY)
            out.append((translate("CheckinDialog", "End of %1").replace("%1", name), day_after))
    return out


class CheckinDialog(QDialog):
    """Not modal: the owner can look at a KPI's chart beside it. ``saved`` carries how many
    values the Save stored (one undo step: Edit > Undo takes them all back)."""

    saved = Signal(int)

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._prompts = prompts or Prompts(self)
        self.setWindowTitle(self.tr("Check in"))
        self.resize(1040, 620)

        self.when = QComboBox()
        self._dates = checkin_dates(document.as_of)
        for label, _ in self._dates:
            self.when.addItem(label)
        self.when.setAccessibleName(self.tr("Values due on"))
        self.entered = QCheckBox(self.tr("Also show the KPIs already entered"))
        top = QHBoxLayout()
        due_label = QLabel(self.tr("Values &due on:"))
        due_label.setBuddy(self.when)
        top.addWidget(due_label)
        top.addWidget(self.when)
        top.addSpacing(16)
        top.addWidget(self.entered)
        top.addStretch(1)

        self.intro = QLabel(
            self.tr(
                "Type each KPI's value for the period shown; Tab or Enter moves down. Paste a "
                "column copied from a spreadsheet with Ctrl+V. The status shows what each "
                "value means at once; nothing is stored until you click Save."
            )
        )
        self.intro.setWordWrap(True)
        self.message = MessageBar(self)
        self.view = CheckinView(self)
        self.summary = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(False)  # Enter moves down the grid, it never saves
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.model: CheckinModel | None = None
        self._shown = 0  # the date index on show (to go back to if a change is cancelled)
        self.when.currentIndexChanged.connect(self._on_when)
        self.entered.toggled.connect(lambda _on: self._reload_keeping_typed())
        self.load()

    # -- public ---------------------------------------------------------------------------

    @property
    def as_of(self) -> dt.date:
        return self._dates[self.when.currentIndex()][1]

    def load(self) -> None:
        """Read the KPIs due at the chosen date into a fresh grid (what was typed goes)."""
        self.message.clear()
        rows = checkin_rows(self._doc.workspace, self.as_of, entered=self.entered.isChecked())
        old = self.model
        self.model = CheckinModel(rows, self)
        self.model.problem.connect(self.message.show_message)
        self.model.typed_changed.connect(self._update_summary)
        self.view.setModel(self.model)
        if old is not None:
            old.deleteLater()
        self.view.empty_text = self.tr(
            "Nothing is due on {0}: every KPI's value for its last period is in."
        ).format(self._dates[self.when.currentIndex()][0].removesuffix(" (today)"))
        self._fit_columns()
        if rows:
            self.view.setCurrentIndex(self.model.index(0, VALUE))
        self.view.setFocus()
        self._update_summary()

    def _fit_columns(self) -> None:
        """Each column as wide as its text in the first rows (a few hundred are enough to
        judge, and the grid opens at once with thousands), within bounds."""
        model = self.model
        assert model is not None
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.view.fontMetrics()
        char = metrics.averageCharWidth()
        sample = range(min(model.rowCount(), 300))
        bounds = {
            KPI: (14, 40),
            PERIOD: (8, 18),
            RECENT: (12, 44),
            EXPECTED: (9, 18),
            VALUE: (12, 20),
        }
        for col, (least, most) in bounds.items():
            texts = [model.data(model.index(r, col)) or "" for r in sample]
            texts.append(HEADERS[col])
            width = max(metrics.horizontalAdvance(t) for t in texts) + 20
            self.view.setColumnWidth(col, max(least * char, min(width, most * char)))
        self.view.setColumnWidth(STATUS, metrics.horizontalAdvance("Needs a value") + 44)

    def save(self) -> bool:
        """Store every value typed, in one transaction and one undo step; close on success.
        A refusal (a value out of range, a workspace opened read-only...) keeps the grid
        and everything typed, and says why above it."""
        model = self.model
        assert model is not None
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:  # Ctrl+S while typing in a cell: keep what is typed there
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        lonely = model.notes_without_value()
        if lonely:
            names = ", ".join(model.rows[r].kpi for r in lonely[:3])
            self.message.show_message(
                self.tr("A note needs a value: type the value of {0}, or clear the note.").format(
                    names
                )
            )
            return False
        values = model.typed()
        if not values:
            self.message.show_message(
                self.tr("Type at least one value, or click Cancel."), kind="info"
            )
            return False
        try:
            error = self._doc.push(CheckIn(self._doc, values))
        except KpiDesktopError as exc:  # (a command reports its refusal; this is a guard)
            error = exc
        if error is not None:
            self.message.show_message(
                self.tr("Nothing was saved: {0}").format(error.message), kind="warning"
            )
            return False
        self.saved.emit(len(values))
        self.accept()
        return True

    # -- slots ----------------------------------------------------------------------------

    def _update_summary(self) -> None:
        model = self.model
        if model is None:
            return
        n, total = model.typed_count(), len(model.rows)
        due = sum(1 for r in model.rows if r.stored is None)
        if not total:
            text = ""
        elif due == total:
            text = self.tr("{0} of {1} values typed").format(n, due)
        else:
            text = self.tr("{0} values typed · {1} KPIs due, {2} entered already").format(
                n, due, total - due
            )
        self.summary.setText(text)
        self.save_button.setEnabled(bool(model.typed()))

    def _on_when(self, index: int) -> None:
        if index == self._shown:
            return
        if not self._may_discard():
            self.when.blockSignals(True)
            self.when.setCurrentIndex(self._shown)
            self.when.blockSignals(False)
            return
        self._shown = index
        self.load()

    def _reload_keeping_typed(self) -> None:
        if self._may_discard():
            self.load()
        else:
            self.entered.blockSignals(True)
            self.entered.setChecked(not self.entered.isChecked())
            self.entered.blockSignals(False)

    def _may_discard(self) -> bool:
        model = self.model
        if model is None or not model.typed():
            return True
        return self._prompts.confirm(
            self.tr("Check in"),
            self.tr("Discard the {0} values typed and not saved?").format(len(model.typed())),
            self.tr("Discard"),
        )

    def reject(self) -> None:
        """Cancel, Escape and the window's close button: ask before typed values go."""
        if self._may_discard():
            super().reject()


__all__ = ["CheckinDialog", "checkin_dates"]
