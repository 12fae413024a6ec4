"""A review of a thousand KPIs: the dialog opens without building a page per KPI, walks
them with one page and one chart, lists and filters them as a model, and saves them all
in one step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from kpi_desktop.domain.types import Status
from kpi_desktop.services.review.flow import start_review
from kpi_desktop.services.review.history import review_snapshot
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import ReviewEntry
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.review.dialog import KpiReviewPage, ReviewDialog

TODAY = dt.date(2026, 11, 15)
COPIES = 91  # the demo and 90 copies of its 11 KPIs: 1,001 KPIs
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

_KPI_COPY = """
INSERT INTO kpi ({columns}, name)
SELECT {columns}, name || ' #' || :n FROM kpi WHERE id <= 11
"""
_VALUES_COPY = """
INSERT INTO measurement (kpi_id, period, value, note, source)
SELECT k.id, m.period, m.value, m.note, m.source
FROM measurement AS m JOIN kpi AS o ON o.id = m.kpi_id
JOIN kpi AS k ON k.name = o.name || ' #' || :n
"""


@pytest.fixture
def big(tmp_path: Path) -> Document:
    ws = Workspace.create(tmp_path / "big.kpidb")
    build_demo(ws, TODAY)
    with ws.writing() as s:
        raw = sqlite_connection(s)
        columns = [
            row[1] for row in raw.execute("PRAGMA table_info(kpi)") if row[1] not in ("id", "name")
        ]
        for n in range(1, COPIES):
            raw.execute(_KPI_COPY.format(columns=", ".join(columns)), {"n": n})
            raw.execute(_VALUES_COPY, {"n": n})
    doc = Document(ws)
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def test_a_review_of_a_thousand_kpis(qtbot, big: Document) -> None:  # type: ignore[no-untyped-def]
    draft = start_review(big.workspace, TODAY)
    n = len(draft.items)
    assert n == 11 * COPIES
    assert [i.status for i in draft.items[: 4 * COPIES]] == (
        [Status.OFF_TRACK] * COPIES + [Status.AT_RISK] * 3 * COPIES
    )

    dialog = ReviewDialog(big, TODAY, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChildren(KpiReviewPage) == []  # no page before a KPI is shown
    assert len(dialog.steps.shown()) == n + 3
    assert dialog.steps.shown_label.text() == "1,001 KPIs"

    dialog.go_to(1)
    for _ in range(10):
        dialog.next_button.click()
    assert dialog.kpi_page.item == draft.items[9]
    dialog.steps.view.setCurrentIndex(dialog.steps.model.index(41))  # picked in the list
    page = dialog.kpi_page
    assert page.item == draft.items[39] and page.position_label.text() == "KPI 40 of 1,001"
    page.comment_edit.setPlainText("Seen")
    assert len(dialog.findChildren(KpiReviewPage)) == 1
    assert len(dialog.findChildren(type(page.chart))) == 1

    dialog.steps.attention_only.click()
    assert len(dialog.steps.shown()) == 4 * COPIES + 3
    assert dialog.steps.view.currentIndex().row() == 41  # still the KPI shown
    dialog.go_to(4 * COPIES + 1)  # the last KPI needing attention
    dialog.next_button.click()
    assert dialog.pages.currentWidget() is dialog.wrap_page
    assert "No comment yet on: Average wait at the counter, " in dialog.wrap_page.summary.text()
    assert f"and {4 * COPIES - 9} more (they need attention)" in dialog.wrap_page.summary.text()

    review_id = dialog.save()
    assert review_id is not None
    snap = review_snapshot(big.workspace, review_id)
    assert len(snap.entries) == n
    assert [e.comment for e in snap.entries if e.comment] == ["Seen"]
    big.undo_stack.undo()  # the whole review, one step
    with big.workspace.reading() as s:
        assert s.exec(select(ReviewEntry).where(ReviewEntry.review_id == review_id)).all() == []
