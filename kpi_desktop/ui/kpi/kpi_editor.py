"""The KPI editor pane: every field of a KPI, saved as it is edited (see form_fields)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.types import Aggregation, Direction, Frequency, UnitKind
from kpi_desktop.i18n.catalogue import in_sentence
from kpi_desktop.services.errors import KpiDesktopError, NotFound
from kpi_desktop.services.planning.kpis import KPI_FIELDS
from kpi_desktop.services.planning.revisions import plan_history, revision_lines
from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.ui.commands import EditKpi
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.conflict_bar import ConflictBar
from kpi_desktop.ui.widgets.field_messages import WrappedLabel
from kpi_desktop.ui.widgets.form_fields import (
    INVALID_FIELD_STYLE,
    AutoSaveForm,
    CheckBinding,
    ChoiceButtons,
    ChoiceButtonsBinding,
    ComboBinding,
    DateBinding,
    FieldBinding,
    NumberBinding,
    OptionalDateField,
    SpinBinding,
    TextBinding,
    align_label_columns,
    make_combo,
    make_form,
    make_spin,
)

if TYPE_CHECKING:
    from kpi_desktop.ui.kpi.revise_target_dialog import ReviseTargetDialog


def _multiline(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    metrics = edit.fontMetrics()
    margins = edit.contentsMargins()
    edit.setFixedHeight(
        metrics.lineSpacing() * lines
        + 2 * int(edit.document().documentMargin())
        + margins.top()
        + margins.bottom()
    )
    return edit


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    return edit


class KpiEditor(QWidget):
    """Shows and edits one KPI. Every valid change is saved at once as an undo step; a refused
    value stays in its field with the reason under it."""

    wizard_requested = Signal(int)  # the user asked to edit this KPI with the wizard

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._kpi_id: int | None = None
        self._version: int | None = None
        self._present = False
        self._forms: list[QFormLayout] = []
        self._form = AutoSaveForm(self._load, self._save, self)
        self._build()
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self._form.values_shown.connect(self._on_values_shown)
        document.reconnected.connect(self._form.keep_mine)  # the server is back: save again
        document.kpi_changed.connect(self._on_kpi_changed)
        document.goals_changed.connect(self._on_goals_changed)  # deletions announce only this
        self.show_kpi(None)

    # -- public API ----------------------------------------------------------------------

    @property
    def kpi_id(self) -> int | None:
        return self._kpi_id

    def show_kpi(self, kpi_id: int | None) -> None:
        """Show KPI `kpi_id` (None: nothing); unsaved input of the previous KPI is saved
        first if it can be. Showing the KPI already shown keeps what the user is typing."""
        if kpi_id is not None and kpi_id == self._kpi_id and self._present:
            if not self._form.refresh():
                self._set_present(False, gone=True)
            return
        if self._kpi_id is not None:
            self._form.flush()
        self._kpi_id = kpi_id
        shown = kpi_id is not None and self._form.load()
        self._set_present(shown, gone=kpi_id is not None and not shown)

    def field_widget(self, name: str) -> QWidget:
        """The widget that edits KPI field `name` (a key of services.kpis.KPI_FIELDS)."""
        return self._form.binding(name).widget

    def field_message(self, name: str) -> str:
        """The inline message shown for field `name` ("" when none)."""
        return self._form.message(name)

    def field_value(self, name: str) -> Any:
        """The value field `name` shows, as it would be saved."""
        return self._form.binding(name).value()

    def field_names(self) -> list[str]:
        return self._form.names()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self._title = QLabel()
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._title.setFont(font)
        self._title.setWordWrap(True)
        self._title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._wizard_button = QPushButton(self.tr("Edit with wizard…"))
        self._wizard_button.setToolTip(
            self.tr("Walk through aligning, quantifying and sizing this KPI step by step")
        )
        self._wizard_button.clicked.connect(self._on_wizard_clicked)
        header = QHBoxLayout()
        header.addWidget(self._title, 1)
        header.addWidget(self._wizard_button, 0, Qt.AlignmentFlag.AlignTop)

        content = QWidget()
        groups = QVBoxLayout(content)
        groups.addWidget(self._definition_group())
        groups.addWidget(self._measurement_group())
        groups.addWidget(self._target_group())
        groups.addWidget(self._ownership_group())
        groups.addStretch(1)
        align_label_columns(self._forms)
        self._scroll = QScrollArea()
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(content)

        self._empty = QLabel(self.tr("Select a KPI in the tree to see and edit it here."))
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        self.conflict_bar = ConflictBar(self._form, self)  # someone else changed it meanwhile
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._empty, 1)

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = make_form()
        self._forms.append(form)
        box.setLayout(form)
        return box, form

    def _add(self, form: QFormLayout, binding: FieldBinding, **kwargs: Any) -> None:
        self._form.add_row(form, binding, **kwargs)

    def _definition_group(self) -> QGroupBox:
        box, form = self._group(self.tr("Definition"))
        self._add(form, TextBinding("name", self.tr("Name"), _line(self.tr("e.g. Monthly sales"))))
        self._add(
            form,
            TextBinding(
                "key_question",
                self.tr("Key question"),
                _line(self.tr("What do you want to know?")),
            ),
        )
        self._add(form, TextBinding("description", self.tr("Description"), _multiline(3)))
        leading = ChoiceButtons(
            [
                (
                    True,
                    self.tr("Leading"),
                    self.tr("Moves first and drives results (e.g. web-shop visits)."),
                ),
                (
                    False,
                    self.tr("Lagging"),
                    self.tr("Shows the result after the fact (e.g. revenue)."),
                ),
            ]
        )
        self._add(form, ChoiceButtonsBinding("leading", self.tr("Indicator"), leading))
        return box

    def _measurement_group(self) -> QGroupBox:
        box, form = self._group(self.tr("Measurement"))
        unit_kind = make_combo(
            [
                (UnitKind.CURRENCY.value, self.tr("Money")),
                (UnitKind.PERCENT.value, self.tr("Percentage")),
                (UnitKind.COUNT.value, self.tr("Count")),
                (UnitKind.DURATION.value, self.tr("Duration")),
                (UnitKind.RATIO.value, self.tr("Ratio")),
                (UnitKind.CUSTOM.value, self.tr("Other")),
            ]
        )
        unit_kind.currentIndexChanged.connect(self._update_dependent_fields)
        self._add(form, ComboBinding("unit_kind", self.tr("Kind of unit"), unit_kind))
        self._add(form, TextBinding("unit", self.tr("Unit"), _line(self.tr("e.g. EUR, %, orders"))))
        symbol = _line(self.tr("e.g. €"))
        symbol.setMaxLength(8)
        self._add(form, TextBinding("currency_symbol", self.tr("Currency symbol"), symbol))
        self._add(form, SpinBinding("decimals", self.tr("Decimals"), make_spin(0, 6)))
        aggregation = make_combo(
            [
                (Aggregation.SUM.value, self.tr("Sum of the period")),
                (Aggregation.AVERAGE.value, self.tr("Average over the period")),
                (Aggregation.LAST.value, self.tr("Last value in the period")),
            ]
        )
        self._add(form, ComboBinding("aggregation", self.tr("Period value"), aggregation))
        frequency = make_combo(
            [
                (Frequency.DAILY.value, self.tr("Daily")),
                (Frequency.WEEKLY.value, self.tr("Weekly")),
                (Frequency.MONTHLY.value, self.tr("Monthly")),
                (Frequency.QUARTERLY.value, self.tr("Quarterly")),
                (Frequency.YEARLY.value, self.tr("Yearly")),
            ]
        )
        self._add(form, ComboBinding("frequency", self.tr("Frequency"), frequency))
        self._add(
            form,
            TextBinding(
                "data_source",
                self.tr("Data source"),
                _line(self.tr("Where the numbers come from")),
            ),
        )
        self._add(
            form,
            TextBinding("formula", self.tr("Formula"), _line(self.tr("e.g. orders ÷ visits"))),
        )
        self._add(
            form,
            TextBinding(
                "calculation",
                self.tr("Calculated as"),
                _line(self.tr("e.g. [Web-shop sales] / [Web-shop orders]")),
            ),
            hint=self.tr("Leave empty for a KPI whose values are typed or imported."),
        )
        return box

    def _target_group(self) -> QGroupBox:
        box, form = self._group(self.tr("Target"))
        direction = make_combo(
            [
                (Direction.INCREASE.value, self.tr("Higher is better")),
                (Direction.DECREASE.value, self.tr("Lower is better")),
                (Direction.RANGE.value, self.tr("Keep within a range")),
            ]
        )
        direction.currentIndexChanged.connect(self._update_dependent_fields)
        self._add(form, ComboBinding("direction", self.tr("Good means"), direction))
        self._add(form, NumberBinding("range_low", self.tr("Range low"), _line()))
        self._add(form, NumberBinding("range_high", self.tr("Range high"), _line()))
        self._add(form, NumberBinding("baseline_value", self.tr("Baseline value"), _line()))
        self._add(form, DateBinding("baseline_date", self.tr("Baseline date"), OptionalDateField()))
        self._add(form, NumberBinding("target_value", self.tr("Target value"), _line()))
        self._add(form, DateBinding("target_date", self.tr("Target date"), OptionalDateField()))
        self._add(
            form,
            SpinBinding(
                "tolerance",
                self.tr("Tolerance"),
                make_spin(0, 100, decimals=1, step=1, suffix=" %"),
                scale=100.0,
            ),
            hint=self.tr("How far behind plan still counts as on track (10 % is usual)."),
        )
        self._add(
            form,
            SpinBinding("weight", self.tr("Weight"), make_spin(0, 1000, decimals=2, step=0.5)),
            hint=self.tr("How much this KPI counts in its goal's score (1 is normal)."),
        )
        self._add(form, DateBinding("review_date", self.tr("Review date"), OptionalDateField()))
        self._revise_button = QPushButton(self.tr("Revise target…"))
        self._revise_button.setToolTip(
            self.tr("A new target from a date on; the old plan is kept for the dates before")
        )
        self._revise_button.clicked.connect(self.revise_target)
        self._revisions = WrappedLabel()
        self._revisions.setObjectName("planRevisions")
        self._revisions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._what_if_button = QPushButton(self.tr("What if…"))
        self._what_if_button.setToolTip(self.tr("Change a calculated KPI's inputs and see"))
        self._what_if_button.clicked.connect(self.what_if)
        form.addRow("", self._revise_button)
        form.addRow("", self._what_if_button)
        form.addRow(self.tr("Revisions:"), self._revisions)
        return box

    def _ownership_group(self) -> QGroupBox:
        box, form = self._group(self.tr("Ownership"))
        self._add(
            form, TextBinding("owner", self.tr("Owner"), _line(self.tr("Who looks after it")))
        )
        archived = QCheckBox(self.tr("Archived"))
        self._add(
            form,
            CheckBinding("archived", self.tr("Archived"), archived),
            label="",
            hint=self.tr("Kept with its history, but hidden from the scorecard."),
        )
        return box

    # -- loading and saving --------------------------------------------------------------

    def _load(self) -> dict[str, Any] | None:
        if self._kpi_id is None:
            return None
        try:
            kpi = self._doc.workspace.kpis.get(self._kpi_id)
        except NotFound:
            return None
        self._version = kpi.version  # what this window last saw (stale-edit guard)
        return {name: getattr(kpi, name) for name in KPI_FIELDS}

    def _save(self, fields: dict[str, Any], label: str) -> KpiDesktopError | None:
        assert self._kpi_id is not None
        text = (
            self.tr("Edit %1").replace("%1", in_sentence(label)) if label else self.tr("Edit KPI")
        )
        try:
            error = self._doc.push(
                EditKpi(self._doc, self._kpi_id, text, expected_version=self._version, **fields)
            )
            if isinstance(error, StaleEdit):  # changed in another window: show its values
                QTimer.singleShot(0, self._form.refresh)
            return error
        except KpiDesktopError as exc:  # deleted under us, or the server gone (it reads first)
            return self._doc.refused(exc)

    def _on_kpi_changed(self, kpi_id: int) -> None:
        if kpi_id != self._kpi_id or self._form.saving:
            return
        if not self._form.refresh():
            self._set_present(False, gone=True)

    def _on_goals_changed(self) -> None:
        if self._kpi_id is None or self._form.saving:
            return
        if self._present:
            self._on_kpi_changed(self._kpi_id)
        elif self._form.load():  # deleted, and now back (undo)
            self._set_present(True)

    def _on_values_shown(self) -> None:
        self._title.setText(self._form.stored.get("name", ""))
        self._update_dependent_fields()
        self._show_revisions()
        if self._doc.workspace.readonly:  # a viewer, a damaged file: shown, not edited
            self._form.set_read_only(True)
            self._wizard_button.setEnabled(False)

    def _show_revisions(self) -> None:
        """The plan's history, and the target locked once values were judged by it: from
        then on a change is a revision (Revise target…), so the old plan is kept."""
        if self._kpi_id is None:
            return
        ws = self._doc.workspace
        try:
            lines = revision_lines(plan_history(ws, self._kpi_id), self._form_value)
            judged = ws.measurements.count(self._kpi_id) > 0
        except NotFound:
            return
        self._revisions.setText("\n".join(lines) or self.tr("none: the first plan is in force"))
        for name in ("target_value", "target_date"):
            self._form.binding(name).set_enabled(not judged and not ws.readonly)
            self._form.binding(name).widget.setToolTip(
                self.tr("Use Revise target… to change it: the old plan is kept") if judged else ""
            )
        self._revise_button.setEnabled(not ws.readonly)
        self._what_if_button.setVisible(bool(self._form.stored.get("calculation")))
        self._what_if_button.setEnabled(judged)

    def _form_value(self, value: float) -> str:
        s = self._form.stored
        return format_value(value, s["unit"], s["decimals"], s["unit_kind"], s["currency_symbol"])

    def revise_target(self) -> ReviseTargetDialog | None:
        """Open Revise target… for the KPI shown (not modal: it pushes one undo step)."""
        if self._kpi_id is None:
            return None
        self._form.flush()
        from kpi_desktop.ui.kpi.revise_target_dialog import ReviseTargetDialog

        dialog = ReviseTargetDialog(self._doc, self._doc.workspace.kpis.get(self._kpi_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def what_if(self) -> QWidget | None:
        """Open What if… for a calculated KPI (not modal; nothing is stored)."""
        kpi = self._doc.workspace.kpis.get(self._kpi_id) if self._kpi_id is not None else None
        if (
            kpi is None
            or not kpi.calculation
            or not self._doc.workspace.measurements.count(self._kpi_id)
        ):
            return None
        from kpi_desktop.ui.calculated.what_if_panel import WhatIfPanel

        panel = WhatIfPanel(self._doc, kpi.id, self)
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        panel.show()
        return panel

    def _update_dependent_fields(self) -> None:
        """Currency symbol only for money; range limits only for keep-within-a-range."""
        is_money = self._form.binding("unit_kind").state() == UnitKind.CURRENCY.value
        self._form.binding("currency_symbol").set_enabled(is_money)
        is_range = self._form.binding("direction").state() == Direction.RANGE.value
        for name in ("range_low", "range_high"):
            self._form.binding(name).set_enabled(is_range)
            self._form.set_row_visible(name, is_range)

    def _set_present(self, present: bool, *, gone: bool = False) -> None:
        self._present = present
        self._scroll.setVisible(present)
        self._empty.setVisible(not present)
        self._wizard_button.setEnabled(present)
        if not present:
            self._title.setText(self.tr("KPI") if not gone else "")
            self._empty.setText(
                self.tr("This KPI no longer exists.")
                if gone
                else self.tr("Select a KPI in the tree to see and edit it here.")
            )

    def _on_wizard_clicked(self) -> None:
        if self._kpi_id is not None:
            self._form.flush()
            self.wizard_requested.emit(self._kpi_id)
