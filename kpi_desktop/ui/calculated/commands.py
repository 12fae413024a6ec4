"""Undo steps of the strategy map: a "drives" link drawn or removed."""

from __future__ import annotations

from kpi_desktop.services.strategy_map import links
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document


class AddGoalLink(EditCommand):
    """One goal drives another (an arrow on the strategy map)."""

    def __init__(self, doc: Document, driver_goal_id: int, driven_goal_id: int) -> None:
        super().__init__(doc, translate("Undo", "Draw a link on the strategy map"))
        self._ends = (driver_goal_id, driven_goal_id)
        self.link_id: int | None = None  # kept, so that redo puts back the same row

    def apply(self) -> None:
        self.link_id = links.add_link(self.doc.workspace, *self._ends, link_id=self.link_id).id

    def revert(self) -> None:
        if self.link_id is not None:
            links.remove_link(self.doc.workspace, self.link_id)


class RemoveGoalLink(EditCommand):
    def __init__(self, doc: Document, link_id: int) -> None:
        super().__init__(doc, translate("Undo", "Remove a link from the strategy map"))
        self._link_id = link_id
        self._gone: links.Link | None = None

    def apply(self) -> None:
        self._gone = links.remove_link(self.doc.workspace, self._link_id)

    def revert(self) -> None:
        if self._gone is not None:
            g = self._gone
            links.add_link(self.doc.workspace, g.driver_goal_id, g.driven_goal_id, link_id=g.id)
