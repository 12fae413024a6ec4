"""The KPI quality check: domain/smart.py's rules and services/planning/quality.py over a
workspace."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from kpi_desktop.domain.smart import LETTERS, KpiFacts, check_kpi, passes
from kpi_desktop.domain.types import Point
from kpi_desktop.services.errors import UnknownName
from kpi_desktop.services.planning.quality import check_draft, check_workspace
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date
TODAY = D(2013, 12, 31)

GOOD = KpiFacts(
    name="Leisure jobs",
    unit="thousand jobs",
    key_question="Is the sector hiring?",
    formula="Jobs on payrolls, seasonally adjusted",
    data_source="BLS monthly release",
    owner="Sam",
    target_value=15000.0,
    target_date=D(2014, 12, 1),
    baseline_date=D(2013, 12, 1),
    review_date=D(2014, 3, 1),
    leading=False,
    objective="Grow",
    objective_has_leading=True,
    n_values=24,
    attainability=0.26,
    verdict="attainable",
)


def kinds(findings: list) -> list[tuple[str, str]]:
    return [(f.letter, f.severity) for f in findings]


def test_a_complete_kpi_passes_every_letter() -> None:
    findings = check_kpi(GOOD, TODAY)
    assert findings == []
    assert all(passes(findings, letter) for letter in LETTERS)


@pytest.mark.parametrize(
    ("change", "letter", "severity", "words"),
    [
        ({"formula": "", "description": ""}, "S", "warn", "formula"),
        ({"unit": ""}, "M", "warn", "unit"),
        ({"data_source": " "}, "M", "warn", "data source"),
        ({"n_values": 3}, "M", "warn", "at least 5"),
        ({"n_values": 0}, "M", "warn", "no values"),
        ({"target_value": None}, "A", "fail", "Set a target"),
        ({"key_question": ""}, "R", "warn", "key question"),
        ({"target_date": None}, "T", "fail", "date"),
        ({"target_date": D(2013, 6, 1)}, "T", "warn", "new target"),
        ({"baseline_date": None}, "T", "warn", "baseline"),
        ({"owner": ""}, "Q", "warn", "Name the person"),
        ({"review_date": None}, "Q", "warn", "date to look at it again"),
        ({"objective_has_leading": False}, "Q", "warn", "leading KPI"),
    ],
)
def test_each_rule_has_its_letter_and_a_concrete_fix(
    change: dict, letter: str, severity: str, words: str
) -> None:
    findings = check_kpi(dataclasses.replace(GOOD, **change), TODAY)
    assert kinds(findings) == [(letter, severity)]
    f = findings[0]
    assert f.kpi == "Leisure jobs" and f.message.endswith(".")
    assert words.lower() in (f.fix + f.message).lower()
    assert set(f.as_json()) == {"kpi", "letter", "severity", "message", "fix"}


def test_targets_too_easy_or_needing_a_step_change() -> None:
    easy = check_kpi(
        dataclasses.replace(GOOD, attainability=0.93, verdict="too_easy", stretch=14976.0),
        TODAY,
    )
    assert kinds(easy) == [("A", "warn")]
    assert "too easy" in easy[0].message and "93%" in easy[0].message
    assert "14,976" in easy[0].fix
    hard = check_kpi(
        dataclasses.replace(
            GOOD, attainability=0.004, verdict="step_change", business_as_usual=14931.0
        ),
        TODAY,
    )
    assert kinds(hard) == [("A", "warn")]
    assert "step change" in hard[0].message and "14,931" in hard[0].fix


def test_range_kpis_need_no_target() -> None:
    facts = dataclasses.replace(
        GOOD, direction="range", target_value=None, target_date=None, verdict=None
    )
    assert check_kpi(facts, TODAY) == []


# -- over a workspace ----------------------------------------------------------------------------


@pytest.fixture
def ws(workspace: Workspace, employment_csv: Path) -> Workspace:
    with employment_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    leisure = [(D.fromisoformat(r["month"]), float(r["leisure_and_hospitality"])) for r in rows]
    grow = workspace.goals.add("Grow")
    sub = workspace.goals.add("Regulars", parent_id=grow.id)
    other = workspace.goals.add("Kitchen")
    assert grow.id and sub.id and other.id
    full = {
        "unit": "thousand jobs",
        "key_question": "Is the sector hiring?",
        "formula": "Jobs on payrolls",
        "data_source": "BLS",
        "owner": "Sam",
        "review_date": D(2014, 3, 1),
        "baseline_value": 14255.0,
        "baseline_date": D(2013, 12, 1),
        "target_date": D(2014, 12, 1),
    }
    for name, goal, target in (
        ("Attainable", grow.id, 14950.0),
        ("Too easy", grow.id, 14700.0),
        ("Step change", sub.id, 15200.0),
    ):
        kpi = workspace.kpis.add(goal, name, target_value=target, **full)
        assert kpi.id is not None
        workspace.measurements.upsert_many(kpi.id, [(d, v, None) for d, v in leisure])
    workspace.kpis.add(
        other.id,
        "Waste",
        **{**full, "target_value": 10.0, "baseline_value": 20.0, "direction": "decrease"},
    )
    return workspace


def by_kpi(findings: list) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for f in findings:
        out.setdefault(f.kpi, []).append((f.letter, f.severity))
    return out


def test_check_workspace_judges_targets_on_their_own_history(ws: Workspace) -> None:
    found = by_kpi(check_workspace(ws, as_of=TODAY))
    assert "Attainable" not in [k for k, v in found.items() if ("A", "warn") in v]
    assert ("A", "warn") in found["Too easy"]
    assert ("A", "warn") in found["Step change"]
    # no KPI is leading: each KPI of each objective says so
    for name in ("Attainable", "Too easy", "Step change", "Waste"):
        assert ("Q", "warn") in found[name]
    # "Waste" has no values at all
    assert ("M", "warn") in found["Waste"]


def test_a_leading_kpi_in_a_sub_goal_counts_for_its_objective(ws: Workspace) -> None:
    kpi = ws.kpis.find("Step change")
    assert kpi.id is not None
    ws.kpis.update(kpi.id, leading=True)
    found = by_kpi(check_workspace(ws, as_of=TODAY))
    assert "Attainable" not in found  # nothing left to say about it
    assert ("Q", "warn") not in found.get("Too easy", [])
    assert ("Q", "warn") in found["Waste"]  # another objective


def test_check_one_kpi_by_name(ws: Workspace) -> None:
    found = check_workspace(ws, "too EASY", as_of=TODAY)
    assert {f.kpi for f in found} == {"Too easy"}
    with pytest.raises(UnknownName, match="Too easy"):
        check_workspace(ws, "Too eas", as_of=TODAY)


def test_check_today_flags_past_target_dates(ws: Workspace) -> None:
    found = by_kpi(check_workspace(ws))  # today: the 2014 target dates have passed
    assert ("T", "warn") in found["Attainable"]
    assert ("A", "warn") not in found["Too easy"]  # not judged once the date has passed


def test_check_draft_for_a_kpi_not_saved_yet(ws: Workspace) -> None:
    grow = ws.goals.find("Grow")
    fields = {
        "name": "New",
        "unit": "x",
        "target_value": 5.0,
        "target_date": D(2014, 6, 1),
        "leading": True,
    }
    history = [Point(D(2013, m, 1), float(m)) for m in range(1, 13)]
    found = check_draft(ws, grow.id, fields, history, as_of=TODAY)
    assert not any("leading KPI" in f.message for f in found)
    assert all(f.kpi == "New" for f in found)
    # under a new objective, with no leading KPI: the Q finding names it
    fields["leading"] = False
    found = check_draft(ws, None, fields, history, new_objective="Expand", as_of=TODAY)
    leading = [f for f in found if "leading KPI" in f.message]
    assert len(leading) == 1 and '"Expand"' in leading[0].message
