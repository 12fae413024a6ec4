"""The undo step of a check-in: every value saved at once, taken back at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kpi_desktop.domain.formatting import format_number
from kpi_desktop.services.tracking.checkin import CheckinValue, save_checkin
from kpi_desktop.services.tracking.measurements import MeasurementChange, ValueChanges
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document


class CheckIn(EditCommand):
    """Store the values typed in the check-in grid in one transaction; undo puts back what
    each period held before (nothing, or the value corrected), also in one transaction."""

    def __init__(self, doc: Document, values: Sequence[CheckinValue]) -> None:
        many = translate("Undo", "Check in {0} values").format(format_number(len(values)))
        one = translate("Undo", "Check in 1 value")
        super().__init__(doc, one if len(values) == 1 else many)
        self.values = list(values)
        self._changes: list[MeasurementChange] = []
        self._undone = False
        self._known = False  # whether the last run succeeded (else: announce as unknown)

    def apply(self) -> None:
        self._known = False
        self._changes = save_checkin(self.doc.workspace, self.values)
        self._known, self._undone = True, False

    def revert(self) -> None:
        self._known = False
        self.doc.workspace.measurements.restore_many(self._changes)
        self._known, self._undone = True, True

    def kpi_ids(self) -> list[int]:
        return list(dict.fromkeys(v.kpi_id for v in self.values))

    def announce(self) -> None:
        by_kpi: dict[int, list[MeasurementChange]] = defaultdict(list)
        for change in self._changes:
            by_kpi[change.kpi_id].append(change)
        for kpi_id in self.kpi_ids():
            done = (
                ValueChanges.of(kpi_id, by_kpi[kpi_id], undone=self._undone)
                if self._known
                else None
            )
            self.doc.announce_values(kpi_id, done)
        self.doc.goals_changed.emit()
