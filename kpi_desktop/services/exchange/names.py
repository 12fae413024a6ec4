"""KPIs that a name alone cannot tell apart (the same name, any case, under two goals)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kpi_desktop.services.naming import normalise

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


def kpis_sharing_a_name(ws: Workspace) -> set[int]:
    """The ids of the KPIs whose name (compared as names are) another KPI has too."""
    by_name: defaultdict[str, list[int]] = defaultdict(list)
    for kpi in ws.kpis.list():
        assert kpi.id is not None
        by_name[normalise(kpi.name)].append(kpi.id)
    return {kid for ids in by_name.values() if len(ids) > 1 for kid in ids}
