"""Commentary written from the numbers (issue 15, item 5, in part): the sentences under a
KPI's chart in the deck and the meeting report, each there only when its numbers are."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from kpi_desktop.cli import main
from kpi_desktop.services.review.commentary import sentences, status_line
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace

TODAY = dt.date.today()


def said(ws: Workspace, name: str, as_of: dt.date = TODAY) -> tuple[str, list[str]]:
    st = next(s for s in kpi_statuses(ws, as_of) if s.kpi == name)
    chart = chart_data(ws, st.kpi_id, as_of)
    return status_line(st, chart), sentences(st, chart)


def test_fixed_series_give_fixed_sentences(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(
        goal.id,
        "Sales",
        unit="EUR",
        unit_kind="currency",
        currency_symbol="€",
        baseline_value=100.0,
        baseline_date=dt.date(2025, 1, 1),
        target_value=200.0,
        target_date=dt.date(2026, 1, 1),
    )
    rows = [(dt.date(2025, m, 1), 100.0 + 5 * m, None) for m in range(1, 13)]
    workspace.measurements.upsert_many(kpi.id, rows)
    as_of = dt.date(2025, 12, 15)
    line, text = said(workspace, "Sales", as_of)
    assert line == "Off track · €160 for Dec 2025 · plan €195 · target €200 by 1 Jan 2026"
    assert text[0].startswith("Dec 2025 came in at €160, ")
    assert "worse than the plan for now" in text[0]
    assert text[1] == "Up €5 (+3.2%) on the period before (€155)."
    assert not any("a year earlier" in t for t in text)  # no value a year before
    assert (
        text[-1]
        == "At the pace of the last values it falls short of the target: €165 by 1 Jan 2026."
    )


def test_a_kpi_without_values_gets_one_sentence(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    workspace.kpis.add(goal.id, "Visits")
    _line, text = said(workspace, "Visits")
    assert text == ["Visits has no value yet: its first one is what to bring to the meeting."]


def test_demo_sentences_quote_the_stored_numbers(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    points = demo.measurements.points(kpi.id)
    _line, text = said(demo, "Monthly revenue")
    latest, before = points[-1].value, points[-2].value
    assert f"€{latest:,.0f}" in text[0]
    assert f"(€{before:,.0f})" in text[1]
    year_ago = next(
        p.value
        for p in points
        if p.period == points[-1].period.replace(year=points[-1].period.year - 1)
    )
    assert f"on a year earlier (€{year_ago:,.0f})" in text[2]
    assert "natural variation" in text[3]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_the_report_carries_the_sentences(cafe: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(cafe), "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "on the period before" in flat and "natural variation" in flat
    with Workspace.open(cafe, readonly=True) as ws:
        _line, said_revenue = said(ws, "Monthly revenue")
    assert " ".join(said_revenue[0].split()) in flat
