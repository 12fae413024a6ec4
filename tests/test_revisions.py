"""Target revisions (issue 14, item 4): a new target from a date on keeps the old plan in
force before it; status, pace and milestones at any date use the plan in force then; the
chart draws both plans as steps; the editor, the wizard's Finish, the report and
`kpi-desktop revise-target` all go through the same service, undoable."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_server import cafe_on, reading_raw

from kpi_desktop.domain.types import Point
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.planning.revisions import (
    plan_history,
    revise_plan,
    revision_lines,
    withdraw_revision,
)
from kpi_desktop.services.review.report_data import gather_report
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.kpi_editor import KpiEditor
from tests.cli_run import run

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)
EARLIER = THIS_MONTH - dt.timedelta(days=70)  # a date the old plan judged


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def revenue(ws: Workspace) -> dict[str, object]:
    st = next(s for s in kpi_statuses(ws, TODAY) if s.kpi == "Monthly revenue")
    return st.as_json()


def status_json(capsys: pytest.CaptureFixture[str], path: Path, as_of: dt.date) -> str:
    code, out, _ = run(capsys, "status", path, "--as-of", as_of, "--json")
    assert code == 0
    return out


def test_status_before_the_revision_is_the_same_and_after_it_the_new_plan(
    capsys: pytest.CaptureFixture[str], cafe: Path | str
) -> None:
    before = status_json(capsys, cafe, EARLIER)
    code, out, _ = run(
        capsys, "revise-target", cafe, "--kpi", "monthly revenue",
        "--target", "52000@2027-12-31", "--from", THIS_MONTH, "--reason", "second shop",
    )  # fmt: skip
    assert code == 0 and "kept for the dates before" in out
    assert status_json(capsys, cafe, EARLIER) == before  # history is judged as it was
    now = {r["kpi"]: r for r in json.loads(status_json(capsys, cafe, TODAY))}
    old = {r["kpi"]: r for r in json.loads(before)}
    assert now["Monthly revenue"]["target"] == 52000.0
    assert old["Monthly revenue"]["target"] == 46000.0
    assert now["Monthly revenue"]["expected"] > old["Monthly revenue"]["expected"]
    with reading_raw(cafe) as conn:
        reason, prior = conn.execute(
            "SELECT reason, prior_target_value FROM plan_revision"
        ).fetchone()
        marks = conn.execute("SELECT count(*) FROM plan_revision_milestone").fetchone()[0]
    assert (reason, prior) == ("second shop", 46000.0)
    assert marks > 0  # the demo's milestones went with the old plan


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--kpi", "Nope", "--target", "5@2027-12-31", "--from", "2026-09-01"], 1, "no KPI"),
        (["--kpi", "Monthly revenue", "--target", "5@2027-02-30", "--from", "2026-09-01"], 2,
         "is not a date"),
        (["--kpi", "Monthly revenue", "--target", "52000@2026-01-31", "--from", "2026-09-01"], 1,
         "before the revision takes effect"),
        (["--kpi", "Monthly revenue", "--target", "30000@2027-12-31", "--from", "2026-09-01"], 1,
         "must be above the baseline"),
        (["--kpi", "Monthly revenue", "--target", "lots@2027-12-31", "--from", "2026-09-01"], 2,
         "is not a number"),
    ],
)  # fmt: skip
def test_bad_revisions_say_what_and_write_nothing(
    capsys: pytest.CaptureFixture[str], cafe: Path | str, args: list[str], code: int, says: str
) -> None:
    got, _, err = run(capsys, "revise-target", cafe, *args)
    assert got == code and says in err
    assert len(err.strip().splitlines()) == 1 or code == 2
    with reading_raw(cafe) as conn:
        assert conn.execute("SELECT count(*) FROM plan_revision").fetchone()[0] == 0
        target = conn.execute(
            "SELECT target_value FROM kpi WHERE name = 'Monthly revenue'"
        ).fetchone()[0]
    assert target == 46000.0


def test_revisions_go_forward_and_the_latest_can_be_taken_back(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    own = [Point(m.date, m.value) for m in demo.kpis.milestones(kpi.id)]
    first = revise_plan(demo, kpi.id, dt.date(2026, 7, 1), target_value=50000.0, reason="a")
    mark = [Point(dt.date(2027, 6, 1), 50000.0)]
    second = revise_plan(demo, kpi.id, dt.date(2026, 10, 1), target_value=54000.0,
                         milestones=mark)  # fmt: skip
    with pytest.raises(ValidationError, match="must start after"):
        revise_plan(demo, kpi.id, dt.date(2026, 10, 1), target_value=55000.0)
    plans = plan_history(demo, kpi.id)
    assert [(p.start, p.end, p.target_value) for p in plans] == [
        (None, dt.date(2026, 7, 1), 46000.0),
        (dt.date(2026, 7, 1), dt.date(2026, 10, 1), 50000.0),
        (dt.date(2026, 10, 1), None, 54000.0),
    ]
    assert list(plans[0].milestones) == own and list(plans[2].milestones) == mark
    lines = revision_lines(plans)
    assert lines[0].startswith("From 2026-07-01: target 46000 by 2027-12-31 → 50000")
    assert "(a)" in lines[0]
    with pytest.raises(ValidationError, match="Only the latest"):
        withdraw_revision(demo, first)
    withdraw_revision(demo, second)
    withdraw_revision(demo, first)
    back = demo.kpis.get(kpi.id)
    assert back.target_value == 46000.0
    assert [Point(m.date, m.value) for m in demo.kpis.milestones(kpi.id)] == own
    assert len(plan_history(demo, kpi.id)) == 1


def test_the_chart_draws_each_plan_over_its_own_dates(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    revise_plan(demo, kpi.id, THIS_MONTH, target_value=52000.0)
    now = chart_data(demo, kpi.id, TODAY)
    assert now.pace[0][0] == THIS_MONTH and now.target == (dt.date(2027, 12, 31), 52000.0)
    (old,) = now.other_plans
    assert old[-1][0] == THIS_MONTH and old[-1][1] < now.pace[0][1]  # a step up
    then = chart_data(demo, kpi.id, EARLIER)  # the chart as of a date before: the old plan
    assert then.target == (dt.date(2027, 12, 31), 46000.0)
    assert then.pace[-1][0] == THIS_MONTH and then.other_plans[0][0][0] == THIS_MONTH


def test_the_report_lists_the_revision_beside_the_kpi(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    revise_plan(demo, kpi.id, THIS_MONTH, target_value=52000.0, reason="second shop")
    (line,) = gather_report(demo, TODAY).revisions[kpi.id]
    assert "€46,000" in line and "€52,000" in line and "second shop" in line


def test_the_editor_revises_through_its_dialog_and_undo_takes_it_back(
    qtbot, demo: Workspace
) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    editor = KpiEditor(doc)
    qtbot.addWidget(editor)
    kpi = demo.kpis.find("Monthly revenue")
    editor.show_kpi(kpi.id)
    assert not editor.field_widget("target_value").isEnabled()  # judged values: revise it
    dialog = editor.revise_target()
    assert dialog is not None
    dialog.target.setText("not a number")
    dialog.accept()
    assert "must be a number" in dialog.message.message() and dialog.isVisible()
    dialog.target.setText("52,000")
    dialog.reason.setText("second shop")
    dialog.accept()
    assert not dialog.isVisible()
    assert demo.kpis.get(kpi.id).target_value == 52000.0
    assert "second shop" in editor._revisions.text()
    assert revenue(demo)["target"] == 52000.0
    doc.undo_stack.undo()
    assert demo.kpis.get(kpi.id).target_value == 46000.0
    assert "none" in editor._revisions.text()
    doc.undo_stack.redo()
    assert len(plan_history(demo, kpi.id)) == 2
    doc.close()


def test_the_wizard_finish_on_a_kpi_with_values_is_a_revision(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    kpi = demo.kpis.find("Monthly revenue")
    mark = [Point(dt.date(2027, 6, 1), 49000.0)]
    cmd = commands.EditKpiWithMilestones(doc, kpi.id, mark, target_value=53000.0, owner="Ben")
    assert doc.push(cmd) is None
    plans = plan_history(demo, kpi.id)
    assert [p.target_value for p in plans] == [46000.0, 53000.0]
    assert plans[1].start == THIS_MONTH and list(plans[1].milestones) == mark
    assert demo.kpis.get(kpi.id).owner == "Ben"
    doc.undo_stack.undo()
    assert len(plan_history(demo, kpi.id)) == 1
    assert (demo.kpis.get(kpi.id).owner, demo.kpis.get(kpi.id).target_value) == ("Maria", 46000.0)
    doc.close()


def test_a_kpi_without_values_is_corrected_not_revised(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    goal = demo.goals.find("Grow profitable revenue")
    fresh = demo.kpis.add(goal.id, "Catering orders", unit="orders", baseline_value=1.0,
                          baseline_date=dt.date(2026, 1, 1), target_value=5.0,
                          target_date=dt.date(2027, 1, 1))  # fmt: skip
    cmd = commands.EditKpiWithMilestones(doc, fresh.id, [], target_value=8.0)
    assert doc.push(cmd) is None
    assert len(plan_history(demo, fresh.id)) == 1 and demo.kpis.get(fresh.id).target_value == 8.0
    editor = KpiEditor(doc)
    qtbot.addWidget(editor)
    editor.show_kpi(fresh.id)
    assert editor.field_widget("target_value").isEnabled()
    doc.close()
