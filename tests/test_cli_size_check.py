"""`kpi-desktop size` and `kpi-desktop check`, driven in-process on real data."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_server import built_workspace

from kpi_desktop.cli import main
from kpi_desktop.services.planning.quality import check_workspace
from kpi_desktop.services.planning.sizing import size_kpi, sizing_json
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date
SIZE_KEYS = [
    "baseline",
    "mean",
    "lower_limit",
    "upper_limit",
    "trend_per_period",
    "forecast",
    "suggestions",
    "stretch",
]
FINDING_KEYS = {"kpi", "letter", "severity", "message", "fix"}


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    assert exc.value.code == 2
    return capsys.readouterr().err


@pytest.fixture
def path(
    tmp_path: Path, employment_csv: Path, engine: str, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """Where the jobs workspace is for the command line: a file, or a server database's URL
    cloned from a template built once (tests/team_server.py)."""

    def build(ws: Workspace) -> None:
        _fill(ws, employment_csv)

    made = built_workspace(request, tmp_path, engine, "jobs", build, "jobs.kpidb")
    ws = next(made)
    where: Path | str = ws.path if engine != "team" else str(ws.location)
    ws.close()  # the command line opens it itself
    yield where
    made.close()


def _fill(ws: Workspace, employment_csv: Path) -> None:
    """A workspace under one objective: "Leisure jobs" (US leisure and hospitality jobs,
    2006-2015) to size; "Staff on payroll" (the same values, a keep-within-a-range KPI with
    a complete definition: nothing to say about it); "Retail jobs" (retail, with gaps in its
    definition)."""
    with employment_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    grow = ws.goals.add("Grow")
    assert grow.id is not None
    leisure = ws.kpis.add(grow.id, "Leisure jobs", unit="thousand jobs")
    staff = ws.kpis.add(
        grow.id,
        "Staff on payroll",
        unit="thousand jobs",
        key_question="Is the sector hiring?",
        formula="Jobs on payrolls",
        data_source="BLS",
        owner="Sam",
        leading=True,
        review_date=D(2030, 1, 1),
        direction="range",
        range_low=14000.0,
        range_high=17000.0,
    )
    retail = ws.kpis.add(grow.id, "Retail jobs", unit="")
    for kpi, column in (
        (leisure, "leisure_and_hospitality"),
        (staff, "leisure_and_hospitality"),
        (retail, "retail_trade"),
    ):
        assert kpi.id is not None
        ws.measurements.upsert_many(
            kpi.id, [(D.fromisoformat(r["month"]), float(r[column]), None) for r in rows]
        )


# -- size ------------------------------------------------------------------------------------


def test_size_json_is_the_contract(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "size", path, "--kpi", "leisure JOBS", "--target-date", "2014-12-01",
        "--as-of", "2013-12-31", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == SIZE_KEYS
    assert list(data["suggestions"]) == ["business_as_usual", "stretch", "ambitious"]
    # the latest stretch: a steady climb since Dec 2012 (a run of 8 above the line before)
    assert data["stretch"] == {"start": "2012-12-01", "count": 13, "kind": "trend"}
    assert round(data["baseline"]) == 14472 and round(data["forecast"]) == 14947
    assert round(data["lower_limit"]) == 14366 and round(data["upper_limit"]) == 14577
    assert data["lower_limit"] <= data["baseline"] <= data["upper_limit"]
    assert data["trend_per_period"] == pytest.approx(39.593, abs=1e-3)


def test_size_json_with_a_target(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2014-12-01",
        "--target", "14,950", "--as-of", "2013-12-31", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert list(data) == [*SIZE_KEYS, "attainability", "verdict"]
    assert data["verdict"] == "attainable" and round(data["attainability"], 2) == 0.45
    with Workspace.open(path, readonly=True) as ws:  # the same function as the Size page
        same = sizing_json(size_kpi(ws, "Leisure jobs", D(2014, 12, 1), 14950.0, D(2013, 12, 31)))
    assert data == json.loads(json.dumps(same))


@pytest.mark.parametrize(("target", "verdict"), [(14700, "too_easy"), (15200, "step_change")])
def test_size_verdicts(
    path: Path, capsys: pytest.CaptureFixture[str], target: int, verdict: str
) -> None:
    _, out, _ = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2014-12-01",
        "--target", target, "--as-of", "2013-12-31", "--json",
    )  # fmt: skip
    assert json.loads(out)["verdict"] == verdict


def test_size_text_is_for_people(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2014-12-01",
        "--target", "15000", "--as-of", "2013-12-31",
    )  # fmt: skip
    assert code == 0
    for words in (
        "13 value(s) up to 2013-12-31",
        "since Dec 2012, 13 values, a steady trend",
        "Normal range (around the trend)",
        "14,472 thousand jobs",
        "+39.6 thousand jobs per month",
        "Business as usual by 2014-12-01",
        "Stretch",
        "(33% chance)",
        "Your target 15,000 thousand jobs: 2% chance, needs a step change in how you work.",
    ):
        assert words in out, words


def test_size_with_too_few_values_says_so(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2007-01-01",
        "--as-of", "2006-03-31", "--target", "13000",
    )  # fmt: skip
    assert code == 0
    assert "Only 3 value(s): at least 5 are needed" in out
    code, out, _ = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2007-01-01",
        "--as-of", "2006-03-31", "--target", "13000", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["verdict"] is not None


def test_size_user_errors(
    path: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "size", path, "--kpi", "Leisure", "--target-date", "2099-01-01")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and 'no KPI named "Leisure"' in err and "Leisure jobs" in err
    code, _, err = run(
        capsys, "size", path, "--kpi", "Leisure jobs", "--target-date", "2013-01-01",
        "--as-of", "2013-12-31",
    )  # fmt: skip
    assert code == 1 and "must be after" in err
    code, _, err = run(capsys, "size", tmp_path / "nope.kpidb", "--kpi", "x",
                       "--target-date", "2099-01-01")  # fmt: skip
    assert code == 1 and "no such workspace" in err


def test_size_bad_usage(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "--target-date" in usage_error(capsys, "size", path, "--kpi", "Leisure jobs")
    assert "--kpi" in usage_error(capsys, "size", path, "--target-date", "2099-01-01")
    err = usage_error(
        capsys, "size", path, "--kpi", "x", "--target-date", "2099-01-01", "--target", "lots"
    )
    assert "'lots' is not a number" in err
    assert "not a date" in usage_error(capsys, "size", path, "--kpi", "x", "--target-date", "soon")


# -- check -----------------------------------------------------------------------------------


def test_check_json_lists_findings(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", path, "--json")
    assert code == 0, err
    findings = json.loads(out)
    assert findings and all(set(f) == FINDING_KEYS for f in findings)
    assert {f["kpi"] for f in findings} == {"Leisure jobs", "Retail jobs"}
    got = {(f["letter"], f["severity"]) for f in findings}
    assert {("M", "warn"), ("A", "fail"), ("T", "fail"), ("R", "warn"), ("Q", "warn")} <= got
    assert all(f["letter"] in "SMARTQ" and f["severity"] in ("warn", "fail") for f in findings)
    with Workspace.open(path, readonly=True) as ws:
        assert findings == [f.as_json() for f in check_workspace(ws)]


def test_check_one_kpi_and_a_clean_one(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", path, "--kpi", "staff ON payroll", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "check", path, "--kpi", "staff on payroll")
    assert code == 0 and "pass the check" in out


def test_check_text_says_what_to_fix(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert out.startswith("Leisure jobs\n") and "\n\nRetail jobs\n" in out
    assert "problem (Attainable): It has no target" in out
    assert "warning (Measurable): It has no unit" in out
    assert "Fix: Add a unit" in out
    assert "finding(s) for 2 of 3 KPI(s); 4 problem(s) stop a status." in out


def test_check_errors(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", path, "--kpi", "Retail job")
    assert code == 1 and "Retail jobs" in err
    assert "workspace" in usage_error(capsys, "check")


def test_check_an_empty_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Workspace.create(tmp_path / "e.kpidb").close()
    assert run(capsys, "check", tmp_path / "e.kpidb") == (0, "There are no KPIs yet.\n", "")
    assert run(capsys, "check", tmp_path / "e.kpidb", "--json") == (0, "[]\n", "")
