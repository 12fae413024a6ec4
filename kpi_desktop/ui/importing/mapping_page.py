"""The import wizard's Mapping page: how the file is laid out, and what to do with KPIs
the workspace lacks and with unclear dates."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWizardPage,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import (
    AmbiguousDates,
    FileImport,
    ImportFailed,
    ImportFileError,
    ImportOptions,
    ImportPlan,
)
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.importing.state import DEFAULT_GOAL, ImportState
from kpi_desktop.ui.importing.texts import count, problem_text, some_names
from kpi_desktop.ui.importing.widgets import busy_cursor, uncheck_all
from kpi_desktop.ui.widgets.form_fields import (
    ChoiceButtons,
    FieldMessage,
    WrappedLabel,
    hint_label,
    make_form,
)


def _about_dates(exc: KpiDesktopError) -> bool:
    """Whether the plan stopped at dates that need a day-first or month-first choice."""
    return isinstance(exc, AmbiguousDates) or (
        isinstance(exc, ImportFileError) and "month-first" in exc.reason
    )


class MappingPage(QWizardPage):
    """The layout and columns (detected, changeable), creating missing KPIs, date order.

    Every change plans the file again with the new choices (from the cells read once; the
    plans of choices made before are remembered); what the user has not chosen shows what
    the importer detected.
    """

    _COLUMNS = ("date", "kpi", "value")

    def __init__(self, state: ImportState, workspace: Workspace) -> None:
        super().__init__()
        self.state = state
        self.workspace = workspace
        self.chosen: set[str] = set()  # the choices the user made (the rest are detected)
        self.ambiguous = False  # the dates need a day/month-first choice
        self.would_create: list[str] = []  # KPIs that ticking "create" would make
        self._filling = False
        self._planned_for: tuple[Any, ...] | None = None
        self.setTitle(self.tr("Mapping: how is the file laid out?"))
        self.setSubTitle(
            self.tr(
                "The layout and the columns were found from the file's content. Change them if "
                "they are wrong."
            )
        )
        self._build()

    def _build(self) -> None:
        self.file_label = WrappedLabel()
        self.layout_choice = ChoiceButtons(
            [
                (
                    "wide",
                    self.tr("Wide: a date column and one column per KPI"),
                    self.tr("One row per date, e.g. columns month, revenue, visitors."),
                ),
                (
                    "long",
                    self.tr("Long: one value per row"),
                    self.tr("Three columns hold the date, the KPI's name and the value."),
                ),
            ]
        )
        layout_box = QGroupBox(self.tr("Layout"))
        QVBoxLayout(layout_box).addWidget(self.layout_choice)

        self.combos = {key: QComboBox() for key in self._COLUMNS}
        for combo in self.combos.values():
            combo.setPlaceholderText(self.tr("choose a column"))
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.columns_form = make_form()
        self.columns_form.addRow(self.tr("Dates in:"), self.combos["date"])
        self.columns_form.addRow(self.tr("KPI names in:"), self.combos["kpi"])
        self.columns_form.addRow(self.tr("Values in:"), self.combos["value"])
        self.wide_hint = hint_label(
            self.tr(
                'Every other column named after a KPI is imported; with "Create KPIs" ticked, '
                "every other column of numbers too."
            )
        )
        self.columns_form.addRow("", self.wide_hint)
        columns_box = QGroupBox(self.tr("Columns"))
        columns_box.setLayout(self.columns_form)

        self.create_missing = QCheckBox(self.tr("Create KPIs that don't exist yet"))
        self.goal = QComboBox()
        self.goal.setEditable(True)
        self.goal.setMinimumContentsLength(18)
        self.goal.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        new_form = make_form()
        new_form.addRow(self.create_missing)
        new_form.addRow(self.tr("Under the goal:"), self.goal)
        new_form.addRow(
            "",
            hint_label(
                self.tr(
                    "New KPIs get the column's name, no unit, and the frequency their dates "
                    "suggest; finish them later in the KPI editor."
                )
            ),
        )
        new_box = QGroupBox(self.tr("KPIs"))
        new_box.setLayout(new_form)

        self.date_order = ChoiceButtons(
            [
                ("dmy", self.tr("Day first: 03/04/2024 is 3 April 2024"), ""),
                ("mdy", self.tr("Month first: 03/04/2024 is 4 March 2024"), ""),
            ]
        )
        self.date_box = QGroupBox(self.tr("Dates"))
        date_layout = QVBoxLayout(self.date_box)
        date_layout.addWidget(self.date_order)
        self.date_box.setVisible(False)

        self.found = WrappedLabel()
        self.message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(layout_box, 1)
        top.addWidget(self.date_box, 1)
        middle = QHBoxLayout()
        middle.addWidget(columns_box, 1)
        middle.addWidget(new_box, 1)
        page = QVBoxLayout(self)
        page.addWidget(self.file_label)
        page.addLayout(top)
        page.addLayout(middle)
        page.addWidget(self.found)
        page.addStretch(1)
        page.addWidget(self.message)

        self.layout_choice.value_changed.connect(lambda _v: self._on_chosen("layout"))
        for key, combo in self.combos.items():
            combo.currentIndexChanged.connect(lambda _i, k=key: self._on_chosen(k))
        self.create_missing.toggled.connect(self._on_create_toggled)
        self.goal.currentTextChanged.connect(lambda _t: self._refresh())
        self.date_order.value_changed.connect(lambda _v: self._on_chosen("date_order"))

    # -- Qt's names --------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        s = self.state
        source = (s.path, s.sheet, tuple(s.columns))
        if source != self._planned_for:  # a new file: detect everything again
            self._planned_for = source
            self._reset()
        self.replan()

    def cleanupPage(self) -> None:  # noqa: N802
        """Keep the choices when going Back (Qt would reset the fields)."""

    def isComplete(self) -> bool:  # noqa: N802
        return self.problem() is None

    def validatePage(self) -> bool:  # noqa: N802
        self.replan()  # with the goal as typed now
        return self.problem() is None

    # -- choices -----------------------------------------------------------------------------

    def _reset(self) -> None:
        s = self.state
        self._filling = True
        try:
            self.chosen.clear()
            self.ambiguous = False
            self.date_box.setVisible(False)
            uncheck_all(self.layout_choice, ("wide", "long"))
            uncheck_all(self.date_order, ("dmy", "mdy"))
            for combo in self.combos.values():
                combo.clear()
                combo.addItems(s.columns)
                combo.setCurrentIndex(-1)
            self.goal.clear()
            titles = sorted({g.title for g in self.workspace.goals.list()}, key=str.casefold)
            self.goal.addItems(titles if DEFAULT_GOAL in titles else [DEFAULT_GOAL, *titles])
            self.goal.setCurrentText(DEFAULT_GOAL)
            self.goal.setEnabled(self.create_missing.isChecked())
            name = s.path.name if s.path is not None else ""
            where = f", sheet '{s.sheet}'" if s.sheet else ""
            self.file_label.setText(
                self.tr("Reading %1: %2 columns.")
                .replace("%1", f"{name}{where}")
                .replace("%2", str(len(s.columns)))
            )
        finally:
            self._filling = False

    def _on_chosen(self, what: str) -> None:
        if self._filling:
            return
        self.chosen.add(what)
        if what == "layout":  # the other layout's columns are found again
            self.chosen.difference_update({"kpi", "value"})
        self.replan()

    def _on_create_toggled(self, checked: bool) -> None:
        self.goal.setEnabled(checked)
        if not self._filling:
            self.replan()

    def options(self) -> ImportOptions:
        def column(key: str) -> str | None:
            combo = self.combos[key]
            return combo.currentText() if key in self.chosen and combo.currentIndex() >= 0 else None

        layout = self.layout_choice.value() if "layout" in self.chosen else None
        long = self.layout_choice.value() == "long"  # chosen or detected
        return ImportOptions(
            layout=layout,
            sheet=self.state.sheet,
            create_missing=self.create_missing.isChecked(),
            goal=self.goal.currentText().strip() or DEFAULT_GOAL,
            date_column=column("date"),
            kpi_column=column("kpi") if long else None,
            value_column=column("value") if long else None,
            date_order=self.date_order.value(),
        )

    # -- planning ----------------------------------------------------------------------------

    def replan(self) -> None:
        """Plan the file with the current choices (writes nothing)."""
        s = self.state
        if s.path is None:
            return
        if s.source is None:
            s.source = FileImport(self.workspace, s.path, s.sheet)
        options = self.options()
        shown: ImportPlan | None = None  # what detection found, to prefill the choices
        self.would_create = []
        with busy_cursor():
            try:
                s.plan, s.error = s.source.plan(options), None
                shown = s.plan
            except KpiDesktopError as exc:
                s.plan, s.error = None, exc
                dates = _about_dates(exc)
                self.ambiguous = self.ambiguous or dates
                shown = self._probe(s.source, options)
                if shown is not None and not dates and not options.create_missing:
                    self.would_create = [name for name, _f in shown.kpis_to_create]
        self._show_plan(shown)

    @staticmethod
    def _probe(source: FileImport, options: ImportOptions) -> ImportPlan | None:
        """Unknown KPIs and unclear dates stop the plan before it says what it found: plan
        again as if KPIs were to be created (and, if the dates stop that too, read day
        first), only to show the layout and columns and which KPIs ticking "create" would
        make. The first try is the plan ticking "create" asks for, which is remembered."""
        create = replace(options, create_missing=True)
        probes = [create] if options.date_order else [create, replace(create, date_order="dmy")]
        for probe in probes:
            if probe == options:
                continue
            try:
                return source.plan(probe)
            except KpiDesktopError as exc:
                if not _about_dates(exc):
                    return None
        return None

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self._filling = True
        try:
            self.date_box.setVisible(self.ambiguous)
            if plan is not None:
                if "layout" not in self.chosen:
                    self.layout_choice.set_value(plan.layout)
                shown = {
                    "date": plan.date_column,
                    "kpi": plan.kpi_column,
                    "value": plan.value_column,
                }
                for key, column in shown.items():
                    if key not in self.chosen and column is not None:
                        self.combos[key].setCurrentIndex(self.combos[key].findText(column))
        finally:
            self._filling = False
        long = self.layout_choice.value() == "long"
        self.columns_form.setRowVisible(self.combos["kpi"], long)
        self.columns_form.setRowVisible(self.combos["value"], long)
        self.wide_hint.setVisible(not long)
        found = self.state.plan
        if found is not None:
            kpis = len(found.kpis_matched) + len(found.kpis_to_create)
            text = (
                self.tr("Found %1 for %2 in %3.")
                .replace("%1", count(found.value_count, "value"))
                .replace("%2", count(kpis, "KPI"))
                .replace("%3", count(found.rows_read, "row"))
            )
            if found.kpis_to_create:
                text += " " + self.tr("%1 will be created.").replace(
                    "%1", count(len(found.kpis_to_create), "KPI")
                )
            self.found.setText(text)
        elif plan is None:
            self.found.setText(
                self.tr(
                    "The layout and columns show here once the file can be read; you can also "
                    "choose them yourself."
                )
            )
        else:
            self.found.setText("")
        self._refresh()

    def problem(self) -> str | None:
        s = self.state
        if self.create_missing.isChecked() and not self.goal.currentText().strip():
            return self.tr("Type the goal that new KPIs go under.")
        if self.ambiguous and self.date_order.value() is None:
            if isinstance(s.error, KpiDesktopError):
                return problem_text(s.error)
            return self.tr("Choose how to read the dates.")
        if isinstance(s.error, ImportFileError) and self.would_create:
            return (
                self.tr(
                    'No column is named after a KPI of this workspace. Tick "Create KPIs that '
                    "don't exist yet\" to make %1 (%2), or name the columns after your KPIs."
                )
                .replace("%1", count(len(self.would_create), "new KPI"))
                .replace("%2", some_names(self.would_create))
            )
        if s.error is not None and not isinstance(s.error, ImportFailed):
            return problem_text(s.error)
        if s.plan is None and s.error is None:
            return self.tr("The file has not been read yet.")
        return None

    def _refresh(self) -> None:
        problem = self.problem()
        error = self.state.error
        if problem is None and isinstance(error, ImportFailed):
            unknown = error.unknown_kpi_rows == len(error.problems)
            if unknown and self.would_create:
                problem = (
                    self.tr(
                        "%1 name KPIs that don't exist yet (%2). Tick \"Create KPIs that don't "
                        'exist yet" to make them, or see every row on the next page.'
                    )
                    .replace("%1", count(len(error.problems), "row"))
                    .replace("%2", some_names(self.would_create))
                )
            else:
                problem = problem_text(error)
        self.message.set_message(problem or "")
        self.completeChanged.emit()
