"""Commentary written from the numbers (issue 15, item 5, in part): the sentences under a
KPI's chart in the deck and the meeting report, each there only when its numbers are."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_server import cafe_on

from kpi_desktop.cli import main
from kpi_desktop.services.review.commentary import sentences, status_line
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace

TODAY = dt.date.today()


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


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
    # a steady climb of €5 a month: its limits follow the line; no value a year before
    assert text == [
        "Sales rose to €160 (+3.2% on Nov 2025).",
        "That is €35 worse than the plan for now (€195).",
        "It climbs steadily, about €5 a month.",
        "It stays within its natural variation (€147–€173): routine variation, not a reason "
        "to act on its own.",
        "At this pace it reaches €200 in Aug 2026, seven months late.",
    ]


def test_a_step_reads_as_a_new_level(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(
        goal.id,
        "Covers",
        unit="covers",
        baseline_value=100.0,
        baseline_date=dt.date(2024, 12, 1),
        target_value=150.0,
        target_date=dt.date(2026, 6, 1),
    )
    wobble = [0, 2, -1, 1, -2, 0, 1, -1, 2, -2, 1, 0]
    rows = [(dt.date(2024, m, 1), 100.0 + wobble[m - 1], None) for m in range(1, 13)]
    rows += [(dt.date(2025, m, 1), 130.0 + wobble[m - 1], None) for m in range(1, 9)]
    workspace.measurements.upsert_many(kpi.id, rows)
    as_of = dt.date(2025, 8, 20)
    st = next(s for s in kpi_statuses(workspace, as_of) if s.kpi == "Covers")
    text = sentences(st, chart_data(workspace, st.kpi_id, as_of), ["Open the terrace (Ana)"])
    assert text == [
        "Covers fell to 129 covers (-1.5% on Jul 2025, +30% on Aug 2024).",
        "That is 5 covers better than the plan for now (124 covers).",
        "Since Jan 2025 it runs at a new level (about 130 covers, up from 100 covers).",
        "It stays within its natural variation (124–136 covers): routine variation, not a "
        "reason to act on its own.",
        "At this pace it does not reach 150 covers: about 128 covers by 1 Jun 2026.",
        "Open action on it: Open the terrace (Ana).",
    ]


def test_a_rate_moves_and_misses_its_plan_in_points(workspace: Workspace) -> None:
    goal = workspace.goals.add("Keep")
    kpi = workspace.kpis.add(
        goal.id,
        "Margin",
        unit="%",
        decimals=1,
        baseline_value=60.0,
        baseline_date=dt.date(2025, 1, 1),
        target_value=72.0,
        target_date=dt.date(2026, 1, 1),
    )
    rows = [(dt.date(2025, m, 1), 60.0 + 0.5 * m, None) for m in range(1, 13)]
    workspace.measurements.upsert_many(kpi.id, rows)
    _line, text = said(workspace, "Margin", dt.date(2025, 12, 15))
    # 66.0% against a plan of 71.4%: 5.4 points behind, not "5.0%" (a share of what?)
    assert text[:2] == [
        "Margin rose to 66.0% (+0.5 points on Nov 2025).",
        "That is 5.4 points worse than the plan for now (71.4%).",
    ]


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
    year_ago = next(
        p.value
        for p in points
        if p.period == points[-1].period.replace(year=points[-1].period.year - 1)
    )
    up = "rose to" if latest > before else "fell to"
    assert text[0].startswith(f"Monthly revenue {up} €{latest:,.0f} (")
    assert f"{(latest - before) / before:+.1%} on " in text[0]
    assert f"{(latest - year_ago) / year_ago:+.0%} on " in text[0]
    assert any("natural variation" in t for t in text)
    assert text[-1].startswith("At this pace it ")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_the_report_carries_the_sentences(cafe: Path | str, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(cafe), "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Monthly revenue rose to" in flat and "natural variation" in flat
    with Workspace.open(cafe, readonly=True) as ws:
        _line, said_revenue = said(ws, "Monthly revenue")
    assert " ".join(said_revenue[0].split()) in flat
