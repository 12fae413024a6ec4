"""Align: which objective the KPI serves, the question it answers, leading or lagging, and
the template library (choosing a template fills the next pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.types import Perspective
from kpi_desktop.services.naming import normalise
from kpi_desktop.services.planning.records import GoalRecord
from kpi_desktop.services.planning.templates import Industry, KpiTemplate, load_industries
from kpi_desktop.ui.widgets.form_fields import (
    ChoiceButtons,
    FieldMessage,
    WrappedLabel,
    hint_label,
    make_combo,
    make_form,
)
from kpi_desktop.ui.wizard.draft import DraftPage, KpiDraft

GOAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 2


class AlignPage(DraftPage):
    def __init__(
        self,
        draft: KpiDraft,
        goals: list[GoalRecord],
        *,
        editing: bool,
        currency: tuple[str, str],
    ) -> None:
        super().__init__(draft)
        self._goals = {g.id: g for g in goals if g.id is not None}
        self._editing = editing
        self._currency = currency
        self._industries: tuple[Industry, ...] = load_industries()
        self.setTitle(self.tr("Align: what is this KPI for?"))
        self.setSubTitle(
            self.tr(
                "A KPI is worth tracking when it tells you whether one of your objectives "
                "is being reached. Pick the objective, then say what the KPI should tell you."
            )
        )
        self._build()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.goal_tree = QTreeWidget()
        self.goal_tree.setHeaderHidden(True)
        self.goal_tree.setMinimumHeight(110)
        self._fill_tree()
        self.new_goal = QLineEdit()
        self.new_goal.setPlaceholderText(self.tr("or type a new objective, e.g. Win more regulars"))
        self.perspective = make_combo(
            [
                ("", self.tr("Not set")),
                (Perspective.FINANCIAL.value, self.tr("Money (financial)")),
                (Perspective.CUSTOMER.value, self.tr("Customers")),
                (Perspective.INTERNAL_PROCESS.value, self.tr("How we work (processes)")),
                (Perspective.LEARNING_AND_GROWTH.value, self.tr("People and skills (growth)")),
            ]
        )
        objective = QGroupBox(self.tr("Objective"))
        obj_layout = QVBoxLayout(objective)
        obj_layout.addWidget(self.goal_tree, 1)
        obj_layout.addWidget(self.new_goal)
        persp_form = make_form()
        persp_form.addRow(self.tr("Perspective:"), self.perspective)
        obj_layout.addLayout(persp_form)
        if self._editing:
            self.goal_tree.setVisible(False)
            self.new_goal.setVisible(False)
            self.current_goal = WrappedLabel()
            obj_layout.insertWidget(0, self.current_goal)
            obj_layout.addWidget(
                hint_label(
                    self.tr("To move the KPI to another objective, drag it in the main tree.")
                )
            )

        self.key_question = QLineEdit()
        self.key_question.setPlaceholderText(self.tr("e.g. Are customers coming back more often?"))
        self.kind = ChoiceButtons(
            [
                (
                    True,
                    self.tr("Leading"),
                    self.tr(
                        "Something you can influence now that drives results later "
                        "(quotes sent, visits, trials started)."
                    ),
                ),
                (
                    False,
                    self.tr("Lagging"),
                    self.tr("Shows the result after the fact (revenue, profit, customers lost)."),
                ),
            ]
        )
        kpi_box = QGroupBox(self.tr("The KPI"))
        kpi_form = make_form()
        kpi_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        kpi_form.addRow(self.tr("Key question:"), self.key_question)
        kpi_form.addRow(self.tr("Kind:"), self.kind)
        kpi_box.setLayout(kpi_form)

        left = QVBoxLayout()
        left.addWidget(objective, 0 if self._editing else 3)
        left.addWidget(kpi_box, 0)
        if self._editing:
            left.addStretch(1)

        self.industry = QComboBox()
        for industry in self._industries:
            self.industry.addItem(industry.title, industry.key)
        self.template_list = QListWidget()
        self.template_about = WrappedLabel()
        self.template_about.setMinimumHeight(64)
        self.use_template = QPushButton(self.tr("Use this template"))
        self.use_template.setEnabled(False)
        self.template_note = hint_label("")
        library = QGroupBox(self.tr("Start from a template (optional)"))
        lib_layout = QVBoxLayout(library)
        lib_layout.addWidget(self.industry)
        lib_layout.addWidget(self.template_list, 1)
        lib_layout.addWidget(self.template_about)
        lib_layout.addWidget(self.use_template, 0, Qt.AlignmentFlag.AlignLeft)
        lib_layout.addWidget(self.template_note)
        library.setVisible(not self._editing)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(library, 2)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)

        self.goal_tree.itemSelectionChanged.connect(self._on_goal_picked)
        self.new_goal.textChanged.connect(self._on_new_goal_typed)
        self.industry.currentIndexChanged.connect(self._fill_templates)
        self.template_list.currentItemChanged.connect(self._on_template_selected)
        self.template_list.itemDoubleClicked.connect(lambda _item: self.apply_selected_template())
        self.use_template.clicked.connect(self.apply_selected_template)
        self.key_question.textChanged.connect(self.changed)
        self._fill_templates()

    def _fill_tree(self) -> None:
        items: dict[int, QTreeWidgetItem] = {}
        pending = sorted(self._goals.values(), key=lambda g: (g.position, g.id or 0))
        while pending:
            rest = []
            for g in pending:
                if g.parent_id is None or g.parent_id not in self._goals:
                    parent: QTreeWidget | QTreeWidgetItem = self.goal_tree
                elif g.parent_id in items:
                    parent = items[g.parent_id]
                else:
                    rest.append(g)
                    continue
                item = QTreeWidgetItem(parent, [g.title])
                item.setData(0, GOAL_ID_ROLE, g.id)
                assert g.id is not None
                items[g.id] = item
            if len(rest) == len(pending):
                break
            pending = rest
        self.goal_tree.expandAll()
        self._items = items

    def _fill_templates(self) -> None:
        self.template_list.clear()
        key = self.industry.currentData()
        for industry in self._industries:
            if industry.key == key:
                for template in industry.templates:
                    item = QListWidgetItem(template.name)
                    item.setData(TEMPLATE_ROLE, template)
                    self.template_list.addItem(item)
        self.template_about.setText(self.tr("Pick a KPI to see what it measures."))

    # -- reacting ---------------------------------------------------------------------------

    def _on_goal_picked(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            self.changed()
            return
        if self.new_goal.text():
            self.new_goal.blockSignals(True)
            self.new_goal.clear()
            self.new_goal.blockSignals(False)
        goal = self._goals.get(goal_id)
        if goal is not None:
            self._set_perspective(goal.perspective or "")
        self.changed()

    def _on_new_goal_typed(self, text: str) -> None:
        if text.strip():
            self.goal_tree.blockSignals(True)
            self.goal_tree.setCurrentItem(None)  # type: ignore[arg-type]
            self.goal_tree.clearSelection()
            self.goal_tree.blockSignals(False)
        self.changed()

    def _on_template_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.use_template.setEnabled(current is not None)
        if current is None:
            return
        t: KpiTemplate = current.data(TEMPLATE_ROLE)
        kind = self.tr("Leading") if t.leading else self.tr("Lagging")
        self.template_about.setText(f"{t.key_question}\n{t.description}\n{kind}, {t.frequency}.")

    def apply_selected_template(self) -> None:
        item = self.template_list.currentItem()
        if item is not None:
            self.apply_template(item.data(TEMPLATE_ROLE))

    def apply_template(self, template: KpiTemplate) -> None:
        """Fill this page and the draft (so the next pages) from ``template``."""
        self.draft.fields.update(template.kpi_fields(*self._currency))
        self.draft.template_name = template.name
        self.draft.revision += 1
        self.key_question.setText(template.key_question)
        self.kind.set_value(template.leading)
        if not self.perspective.currentData():
            self._set_perspective(template.perspective)
        self._loaded_revision = self.draft.revision
        self.template_note.setText(
            self.tr(
                'Using the template "%1": the next pages are filled in; change anything.'
            ).replace("%1", template.name)
        )
        self.changed()

    def _set_perspective(self, value: str) -> None:
        index = self.perspective.findData(value)
        self.perspective.setCurrentIndex(max(index, 0))

    # -- DraftPage ---------------------------------------------------------------------------

    def selected_goal_id(self) -> int | None:
        items = self.goal_tree.selectedItems()
        return items[0].data(0, GOAL_ID_ROLE) if items else None

    def select_goal(self, goal_id: int | None) -> None:
        item = self._items.get(goal_id) if goal_id is not None else None
        if item is not None:
            self.goal_tree.setCurrentItem(item)
            item.setSelected(True)

    def load(self) -> None:
        d = self.draft
        if self._editing:
            goal = self._goals.get(d.goal_id)
            self.current_goal.setText(
                self.tr("This KPI serves the objective “%1”.").replace(
                    "%1", goal.title if goal is not None else ""
                )
            )
        if d.new_goal_title:
            self.new_goal.setText(d.new_goal_title)
        else:
            self.select_goal(d.goal_id)
        self._set_perspective(d.perspective or "")
        self.key_question.setText(str(d.fields.get("key_question") or ""))
        self.kind.set_value(bool(d.fields.get("leading")))

    def save(self) -> None:
        d = self.draft
        title = " ".join(self.new_goal.text().split())
        d.new_goal_title = title
        d.goal_id = None if title else self.selected_goal_id()
        d.perspective = self.perspective.currentData() or None
        d.fields["key_question"] = self.key_question.text().strip()
        d.fields["leading"] = bool(self.kind.value())

    def problem(self, final: bool) -> str | None:
        title = " ".join(self.new_goal.text().split())
        if title:
            for g in self._goals.values():
                if normalise(g.title) == normalise(title):
                    return self.tr(
                        'There is already an objective called "%1": pick it in the list.'
                    ).replace("%1", g.title)
            return None
        if self.selected_goal_id() is None:
            return self.tr("Pick the objective this KPI serves, or type a new one.")
        return None

    def show_problem(self, problem: str | None) -> None:
        self.message.set_message(problem or "")

    def goal_widget(self) -> QWidget:
        return self.goal_tree
