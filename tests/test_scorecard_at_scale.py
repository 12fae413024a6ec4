"""The scorecard of 2,000 KPIs costs what is on screen: one model row per KPI, but only the
tiles in view are painted and worded; filters and the due filter re-list plain rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kpi_desktop.domain.types import Status
from kpi_desktop.services.importing.file_import import ImportOptions, import_file
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.scorecard import model as scorecard_model
from kpi_desktop.ui.scorecard.delegate import KpiTileDelegate
from kpi_desktop.ui.scorecard.view import ScorecardView

KPIS = 2000
AS_OF = dt.date(2025, 6, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """2,000 KPIs with six monthly values each, made by one import; two of them are owned
    and have targets (one achieved, one off track), the rest have no target."""
    folder = tmp_path_factory.mktemp("scorecard-at-scale")
    ws = Workspace.create(folder / "big.kpidb")
    goal = ws.goals.add("Sales", perspective="financial").id
    for name, target in (("Orders", 10.0), ("Visits", 1000.0)):
        ws.kpis.add(
            goal, name, owner="Maria", unit="count", baseline_value=0,
            baseline_date=dt.date(2025, 1, 1), target_value=target,
            target_date=dt.date(2025, 12, 1),
        )  # fmt: skip
    names = ["Orders", "Visits"] + [f"KPI {k:04d}" for k in range(KPIS - 2)]
    lines = ["date,kpi,value"] + [
        f"2025-{m:02d}-01,{name},{(k % 7) * m + 10}"
        for k, name in enumerate(names)
        for m in range(1, 7)
    ]
    csv = folder / "values.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(ws, csv, ImportOptions(create_missing=True))
    yield ws
    ws.close()


@pytest.fixture
def view(qtbot, big: Workspace) -> ScorecardView:  # type: ignore[no-untyped-def]
    doc = Document(big)
    doc.set_as_of(AS_OF)
    widget = ScorecardView(doc)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_showing_2000_kpis_paints_and_words_only_the_tiles_in_view(
    qtbot,  # type: ignore[no-untyped-def]
    view: ScorecardView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    painted: list[int] = []
    worded: list[int] = []
    real_paint, real_content = KpiTileDelegate.paint, scorecard_model.tile_content

    def counting_paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        painted.append(index.row())
        real_paint(self, painter, option, index)

    def counting_content(row, as_of):  # type: ignore[no-untyped-def]
        worded.append(row.kpi_id)
        return real_content(row, as_of)

    monkeypatch.setattr(KpiTileDelegate, "paint", counting_paint)
    monkeypatch.setattr(scorecard_model, "tile_content", counting_content)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    assert view.model.rowCount() == KPIS == len(view.rows())
    on_screen = view.columns() * (view.grid.viewport().height() // view.tile_rect(1).height() + 2)
    assert 0 < len(set(painted)) <= on_screen < 40
    assert len(set(worded)) <= on_screen
    assert "2000 KPIs: 1 achieved, 1 off track, 1998 no data" in view.summary_label.text()
    # Scrolling to the end paints the last tiles, still not the ones in between.
    painted.clear()
    view.grid.scrollToBottom()
    QApplication.processEvents()
    assert painted and min(painted) > KPIS - 40 and max(painted) == KPIS - 1


def test_filters_over_2000_kpis(view: ScorecardView, big: Workspace) -> None:
    view.show()
    ids = [r.kpi_id for r in view.rows()]
    view.set_status_filter(Status.NO_DATA)
    assert view.model.rowCount() == KPIS - 2
    view.set_status_filter(Status.ACHIEVED)
    assert [t.name for t in view.tiles()] == ["Orders"]
    view.set_status_filter(None)
    view.set_owner_filter("maria")
    assert [t.name for t in view.tiles()] == ["Orders", "Visits"]
    view.set_owner_filter("")
    assert view.model.rowCount() == KPIS - 2
    view.clear_filters()
    view.set_due_filter(ids[::3])
    assert [t.kpi_id for t in view.tiles()] == ids[::3]
    assert view.summary_label.text().startswith(f"{len(ids[::3])} of 2000 KPIs due for a value")
    view.set_due_filter(None)
    assert view.model.rowCount() == KPIS
