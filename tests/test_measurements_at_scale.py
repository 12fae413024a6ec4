"""The values table costs what is on screen: a KPI with 200,000 values is counted, read in
pages as the view asks for rows, and follows edits by moving the rows they touch."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from kpi_desktop.services.tracking.measurements import MeasurementService, ValueChanges
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.commands import DeleteValues, SetValues
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi import measurements_model
from kpi_desktop.ui.kpi.measurements_model import (
    CACHED_PAGES,
    NOTE,
    PAGE_ROWS,
    PERIOD,
    SOURCE,
    VALUE,
    MeasurementRow,
    MeasurementsModel,
    PeriodRole,
    ValueRole,
)
from kpi_desktop.ui.kpi.measurements_table import MeasurementsTable

D = dt.date
N = 200_000
START = D(1400, 1, 1)  # the newest of the N values is in 2008: every period has begun
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def day_of(row: int) -> dt.date:
    """The period shown in `row`: daily values, every tenth day missing."""
    return START + dt.timedelta(days=row + row // 9)


def value_of(row: int) -> float:
    return 1000.0 + row * 0.25


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A workspace file with one daily KPI of 200,000 values (built once, copied per test)."""
    path = tmp_path_factory.mktemp("scale") / "long.kpidb"
    ws = Workspace.create(path)
    goal = ws.goals.add("Sensors")
    kpi = ws.kpis.add(goal.id, "Readings", unit="kWh", decimals=2, frequency="daily")
    ws.measurements.write_many([(kpi.id, day_of(r), value_of(r)) for r in range(N)])
    ws.close()
    return path, kpi.id


@pytest.fixture
def doc(stored: tuple[Path, int], tmp_path: Path) -> Iterator[Document]:
    path = tmp_path / "long.kpidb"
    shutil.copy(stored[0], path)
    document = Document(Workspace.open(path))
    yield document
    document.close()


@pytest.fixture
def kpi_id(stored: tuple[Path, int]) -> int:
    return stored[1]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Every page the model reads, as (direction, limit, skip); reading all values fails."""
    seen: list[tuple[str, int, int]] = []

    def spy(name: str):  # type: ignore[no-untyped-def]
        real = getattr(MeasurementService, name)

        def read(self, kpi_id, bound, *, limit, skip=0):  # type: ignore[no-untyped-def]
            seen.append((name, limit, skip))
            return real(self, kpi_id, bound, limit=limit, skip=skip)

        return read

    def every_value(self: MeasurementService, kpi_id: int) -> list[object]:
        raise AssertionError("the values table read every value")

    monkeypatch.setattr(MeasurementService, "rows_after", spy("rows_after"))
    monkeypatch.setattr(MeasurementService, "rows_before", spy("rows_before"))
    monkeypatch.setattr(MeasurementService, "rows", every_value)
    return seen


def _row(model: MeasurementsModel, row: int) -> tuple[dt.date, float]:
    """The period and value `row` shows, read as a view reads them."""
    return model.index(row, PERIOD).data(PeriodRole), model.index(row, VALUE).data(ValueRole)


def _table(qtbot, doc: Document, kpi_id: int, shown: bool = True) -> MeasurementsTable:  # type: ignore[no-untyped-def]
    """The values table of the KPI, 700 x 400, shown (or not) before the KPI is."""
    table = MeasurementsTable(doc)
    qtbot.addWidget(table)
    table.resize(700, 400)
    if shown:
        table.show()
    table.show_kpi(kpi_id)
    return table


def test_the_model_counts_and_reads_only_the_pages_asked_for(
    doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    assert model.rowCount() == N
    assert model.cached_rows() == 0  # counted, nothing read yet
    assert model.latest_period() == day_of(N - 1)
    assert _row(model, N - 1) == (day_of(N - 1), value_of(N - 1))
    tail = N - (N - 1) // PAGE_ROWS * PAGE_ROWS  # pages start at multiples of PAGE_ROWS
    assert reads[-1] == ("rows_before", tail, 0)  # the last page, read from the end
    assert model.cached_rows() == tail
    assert _row(model, 0) == (day_of(0), value_of(0))
    middle = 123_457
    assert _row(model, middle) == (day_of(middle), value_of(middle))
    assert model.index(middle, PERIOD).data() == day_of(middle).isoformat()
    assert model.index(middle, VALUE).data() == f"{value_of(middle):,.2f}"
    assert model.headerData(VALUE, Qt.Orientation.Horizontal) == "Value (kWh)"
    for row in range(N - 1, -1, -PAGE_ROWS // 2):  # scroll all the way up
        assert _row(model, row) == (day_of(row), value_of(row))
        assert model.cached_rows() <= CACHED_PAGES * PAGE_ROWS
    pages = -(-N // PAGE_ROWS)
    assert pages <= len(reads) <= pages + 8
    # each page was read on from its neighbour: no query skipped over many rows (but the
    # middle row's, read from the nearer end)
    assert sorted(skip for _, _, skip in reads)[-2] == 0


def test_row_of_finds_a_period_by_counting_near_a_known_one(
    doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    for row in (0, 9, 10, 77_777, 150_001, N - 1):
        assert model.row_of(day_of(row)) == row
        assert model.row_at(row) == MeasurementRow(day_of(row), value_of(row), "", "import")
    assert model.row_of(day_of(8) + dt.timedelta(days=1)) == -1  # a missing day
    assert model.row_of(START - dt.timedelta(days=1)) == -1
    assert model.row_of(day_of(N - 1) + dt.timedelta(days=1)) == -1
    assert model.stored_count([day_of(5), day_of(8) + dt.timedelta(days=1)]) == 1
    assert model.cached_rows() <= CACHED_PAGES * PAGE_ROWS
    with pytest.raises(IndexError):
        model.row_at(N)


def test_editing_a_value_deep_in_the_history_moves_no_rows(
    doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    resets: list[object] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    row = 150_000
    assert model.setData(model.index(row, VALUE), "12,5")
    stored = doc.workspace.measurements.rows_after(kpi_id, day_of(row - 1), limit=1)
    assert stored[0][:2] == (day_of(row), 12.5)
    assert model.index(row, VALUE).data() == "12.50"
    assert model.setData(model.index(row, NOTE), "meter swapped")
    assert model.index(row, NOTE).data() == "meter swapped"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _row(model, row) == (day_of(row), value_of(row))
    assert model.index(row, NOTE).data() == ""
    assert changed == [(row, row)] * 4 and not resets
    assert model.rowCount() == N


def test_deleting_rows_in_the_table_shifts_the_rows_below(
    qtbot, doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    table = _table(qtbot, doc, kpi_id, shown=False)
    model, view = table.model, table.view
    removed: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _, a, b: removed.append((a, b)))
    model.rowsInserted.connect(lambda _, a, b: inserted.append((a, b)))
    rows = (100_000, 100_001, 199_999)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(model.index(row, 0), flags)
    table.delete_action.trigger()
    assert removed == [(199_999, 199_999), (100_000, 100_001)]
    assert model.rowCount() == N - 3 == doc.workspace.measurements.count(kpi_id)
    assert _row(model, 100_000) == (day_of(100_002), value_of(100_002))
    assert model.latest_period() == day_of(N - 2)
    assert table._count.text() == f"{N - 3:,} values"
    doc.undo_stack.undo()
    assert inserted == [(100_000, 100_001), (199_999, 199_999)]
    assert model.rowCount() == N
    assert [_row(model, r) for r in rows] == [(day_of(r), value_of(r)) for r in rows]
    assert model.latest_period() == day_of(N - 1)
    assert model.cached_rows() <= CACHED_PAGES * PAGE_ROWS


def test_adding_and_pasting_insert_rows_where_their_periods_go(
    qtbot, doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    table = _table(qtbot, doc, kpi_id, shown=False)
    model = table.model
    table.add_action.trigger()  # the form offers the day after the newest value
    assert table.add_row.date() == day_of(N - 1) + dt.timedelta(days=1)
    table.add_row.value_edit.setText("1,234,567.5")
    table._on_save_new_value()
    assert model.rowCount() == N + 1
    assert _row(model, N) == (day_of(N - 1) + dt.timedelta(days=1), 1234567.5)
    assert [i.row() for i in table.view.selectionModel().selectedRows()] == [N]
    value_column = table.view.horizontalHeader().sectionSize(VALUE)
    assert value_column >= table.view.sizeHintForIndex(model.index(N, VALUE)).width()
    # two missing days (rows 8 and 17 come before them) and one stored day, in one paste
    gap1, gap2 = day_of(8) + dt.timedelta(days=1), day_of(17) + dt.timedelta(days=1)
    text = f"{gap2.isoformat()}\t2\n{day_of(3).isoformat()}\t3\n{gap1.isoformat()}\t1\n"
    assert table.paste_text(text) == 3
    assert "replacing 1 stored value" in table.message_text()
    assert model.rowCount() == N + 3
    assert [model.row_of(p) for p in (gap1, gap2, day_of(3))] == [9, 19, 3]
    assert [_row(model, r)[1] for r in (3, 9, 19)] == [3.0, 1.0, 2.0]
    assert sorted(i.row() for i in table.view.selectionModel().selectedRows()) == [3, 9, 19]
    doc.undo_stack.undo()
    assert model.rowCount() == N + 1
    assert _row(model, 9) == (day_of(9), value_of(9))


def test_columns_are_sized_from_a_sample_not_every_row(
    qtbot, doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    table = _table(qtbot, doc, kpi_id)
    header = table.view.horizontalHeader()
    table.view.scrollToBottom()
    qtbot.wait(10)
    bottom = table.view.rowAt(table.view.viewport().height() - 2)
    assert bottom == N - 1
    for column in (PERIOD, VALUE, SOURCE):
        needed = table.view.sizeHintForIndex(table.model.index(N - 1, column)).width()
        assert header.sectionSize(column) >= max(needed, header.sectionSizeHint(column))
    assert table.model.cached_rows() <= 3 * PAGE_ROWS  # the two ends, and nothing else


def test_a_change_the_document_does_not_detail_is_read_again(
    doc: Document, kpi_id: int, reads: list[tuple[str, int, int]]
) -> None:
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(1))
    assert _row(model, 5)[1] == value_of(5)
    doc.workspace.measurements.upsert(kpi_id, day_of(5), -1.0)  # same count: values changed
    doc.measurements_changed.emit(kpi_id)
    assert _row(model, 5)[1] == -1.0 and not resets
    doc.workspace.measurements.delete(kpi_id, day_of(0))  # another count: read again
    doc.measurements_changed.emit(kpi_id)
    assert resets and model.rowCount() == N - 1
    assert _row(model, 0) == (day_of(1), value_of(1))
    # an announcement that does not match what is stored is not trusted: the model reads
    # the count again (unchanged here, so the rows stay)
    doc.announce_values(kpi_id, ValueChanges(kpi_id, added=(day_of(0),)))
    assert model.rowCount() == N - 1 and len(resets) == 1
    assert _row(model, 0) == (day_of(1), value_of(1))


def test_many_small_changes_keep_model_and_workspace_equal(
    qtmodeltester, monkeypatch: pytest.MonkeyPatch, workspace: Workspace
) -> None:
    """Small pages and a small cache, random edits through undo commands: after each, every
    row the model shows is the row the workspace holds (and Qt's model tester agrees)."""
    monkeypatch.setattr(measurements_model, "PAGE_ROWS", 16)
    monkeypatch.setattr(measurements_model, "CACHED_PAGES", 3)
    goal = workspace.goals.add("Ops")
    kpi = workspace.kpis.add(goal.id, "Tickets", frequency="daily").id
    days = [D(2020, 1, 1) + dt.timedelta(days=i) for i in range(120)]
    rng = random.Random(7)
    workspace.measurements.write_many([(kpi, d, float(i)) for i, d in enumerate(days[::2])])
    doc = Document(workspace)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi)
    qtmodeltester.check(model)
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(1))
    for step in range(24):
        stored = [r[0] for r in workspace.measurements.rows(kpi)]
        if step % 3 == 2 and stored:
            doc.push(DeleteValues(doc, kpi, rng.sample(stored, min(len(stored), 5))))
        elif step % 7 == 6:
            doc.undo_stack.undo()
        else:
            picked = rng.sample(days, 6)
            doc.push(SetValues(doc, kpi, [(d, float(step), None) for d in picked]))
        for r in rng.sample(range(model.rowCount()), min(model.rowCount(), 30)):
            model.index(r, 0).data()  # read some pages, as a scrolling view would
        shown = [model.row_at(r) for r in range(model.rowCount())]
        assert shown == [MeasurementRow(*r) for r in workspace.measurements.rows(kpi)]
        assert model.index(0, SOURCE).data() in (None, "By hand", "import")
    assert not resets  # every change moved rows; none was read again from scratch
    assert model.data(QModelIndex()) is None
    doc.undo_stack.clear()


def test_values_gone_behind_the_documents_back_are_read_again(qtbot, workspace: Workspace) -> None:
    goal = workspace.goals.add("Ops")
    kpi = workspace.kpis.add(goal.id, "Tickets", frequency="daily").id
    days = [D(2020, 1, 1) + dt.timedelta(days=i) for i in range(50)]
    workspace.measurements.write_many([(kpi, d, 1.0) for d in days])
    doc = Document(workspace)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi)
    refreshed: list[object] = []
    model.refreshed.connect(lambda: refreshed.append(1))
    workspace.measurements.delete_keys([(kpi, d) for d in days[10:]])  # no announcement
    assert model.index(30, PERIOD).data() is None  # a short page is not shown...
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=2000)  # ...but read again
    assert refreshed and model.row_at(9).period == days[9]


def test_value_changes_say_what_an_edit_and_its_undo_did(workspace: Workspace) -> None:
    goal = workspace.goals.add("Ops")
    kpi = workspace.kpis.add(goal.id, "Tickets", frequency="monthly").id
    values = workspace.measurements
    values.upsert(kpi, D(2024, 1, 1), 1.0)
    changes = values.upsert_many(kpi, [(D(2024, 3, 9), 3.0, None), (D(2024, 1, 5), 2.0, None)])
    done = ValueChanges.of(kpi, changes)
    assert done == ValueChanges(kpi, added=(D(2024, 3, 1),), changed=(D(2024, 1, 1),))
    assert ValueChanges.of(kpi, changes, undone=True) == ValueChanges(
        kpi, removed=(D(2024, 3, 1),), changed=(D(2024, 1, 1),)
    )
    gone = ValueChanges.of(kpi, values.delete_many(kpi, [D(2024, 1, 1)]))
    assert gone == ValueChanges(kpi, removed=(D(2024, 1, 1),))


def test_a_kpi_shows_its_newest_values(qtbot, doc: Document, kpi_id: int) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, doc, kpi_id)
    qtbot.waitExposed(table)
    view, model = table.view, table.model
    last = model.rowCount() - 1
    bottom = view.rowAt(view.viewport().height() - 2)
    assert bottom in (last, -1) or bottom >= last - 1
    assert view.rowAt(0) > 0  # scrolled: the oldest values are above
