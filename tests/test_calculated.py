"""Calculated KPIs: the formula language, the checks when saved, derived values kept up to
date (import, edit, undo), what-if, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from team_server import cafe_on

from kpi_desktop.domain.formulas.evaluate import evaluate, name_key, unit_of
from kpi_desktop.domain.formulas.parser import FormulaError, parse, rename
from kpi_desktop.domain.formulas.what_if import parse_change
from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.calculated.reading import gaps_of, preview
from kpi_desktop.services.calculated.what_if import read_changes, what_if
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.importing.file_import import ImportOptions, import_file
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.engine import sqlite_connection
from tests.cli_run import run

D = dt.date
MONTHS = [D(2024, m, 1) for m in range(1, 7)]


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def _monthly(p: dt.date) -> dt.date:
    return add_periods(p, Frequency.MONTHLY, -1)


# -- the language (pure) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("[A] + [B]", 12.0),
        ("[A] - [B]", 8.0),
        ("[A] * [B]", 20.0),
        ("[A] / [B]", 5.0),
        ("-[A] + 2 * (3 + [B])", 0.0),
        ("([A] - [B]) / [A] * 100", 80.0),
        ("sum([A], [B], 3)", 15.0),
        ("avg([A], [B])", 6.0),
        ("min([A], [B], 1.5)", 1.5),
        ("MAX([A], [B])", 10.0),
        ("[A] - prev([A])", 4.0),
        ("1e1 / [B] + .5", 5.5),
    ],
)
def test_every_operator_and_function(formula: str, expected: float) -> None:
    series = {"a": {D(2024, 1, 1): 6.0, D(2024, 2, 1): 10.0}, "b": {D(2024, 2, 1): 2.0}}
    result = evaluate(parse(formula), series, _monthly)
    assert result.values == {D(2024, 2, 1): pytest.approx(expected)}


def test_division_by_zero_gives_no_value_and_a_reason() -> None:
    series = {"a": {p: 1.0 for p in MONTHS}, "b": {p: float(i % 3) for i, p in enumerate(MONTHS)}}
    result = evaluate(parse("[A] / [B]"), series, _monthly)
    assert sorted(result.gaps) == [MONTHS[0], MONTHS[3]]
    assert set(result.gaps.values()) == {"division by zero"}
    assert sorted(result.values) == [p for i, p in enumerate(MONTHS) if i % 3]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("[A", "not closed"),
        ("Revenue / 2", "Unknown function 'Revenue'"),
        ("[A] +", "found the end"),
        ("prev(2)", "prev() takes one KPI"),
        ("3 * 4", "at least one KPI"),
        ("[A] [B]", "Unexpected"),
        ("[]", "Empty KPI name"),
    ],
)
def test_unreadable_formulas_say_where(text: str, says: str) -> None:
    with pytest.raises(FormulaError) as info:
        parse(text)
    assert says in info.value.message


def test_units_add_only_alike_and_rename_keeps_the_text() -> None:
    assert unit_of(parse("[P] / [R] * 100"), {"p": "EUR", "r": "EUR"}) == {}
    assert unit_of(parse("[S] / [O]"), {"s": "EUR", "o": "orders"}) == {"EUR": 1, "orders": -1}
    with pytest.raises(ValueError, match="adds \\[S\\] \\(EUR\\) and \\[O\\] \\(orders\\)"):
        unit_of(parse("[S] + [O]"), {"s": "EUR", "o": "orders"})
    assert rename("[a]  /  [B]*[A]", lambda n: name_key(n) == "a", "Sales]x") == (
        "[Sales]]x]  /  [B]*[Sales]]x]"
    )
    assert parse("[Sales]]x]").name == "Sales]x"  # type: ignore[union-attr]


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=20),
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=20),
)
def test_the_evaluator_is_plain_double_arithmetic(xs: list[float], ys: list[float]) -> None:
    days = [D(2024, 1, 1) + dt.timedelta(days=i) for i in range(max(len(xs), len(ys)))]
    series = {"x": dict(zip(days, xs, strict=False)), "y": dict(zip(days, ys, strict=False))}
    result = evaluate(parse("([X] - [Y]) / [Y]"), series, lambda p: p - dt.timedelta(days=1))
    for day, x, y in zip(days, xs, ys, strict=False):
        if y == 0:
            assert result.gaps[day] == "division by zero"
        elif abs((x - y) / y) <= 1e15:
            assert result.values[day] == (x - y) / y
    assert len(result.values) + len(result.gaps) == min(len(xs), len(ys))


def test_changes_read_as_shares_or_values() -> None:
    assert parse_change("+5%").applied(200.0) == pytest.approx(210.0)
    assert parse_change("-3 %").applied(100.0) == pytest.approx(97.0)
    assert parse_change("31").applied(27.0) == 31.0
    assert parse_change("€1,250").applied(1.0) == 1250.0
    for bad in ("", "five%", "-100%", "abc"):
        with pytest.raises(ValueError):
            parse_change(bad)


# -- saving a formula ----------------------------------------------------------------------


@pytest.fixture
def shop(workspace: Workspace) -> tuple[Workspace, dict[str, int]]:
    goal = workspace.goals.add("Money")
    assert goal.id is not None
    ids = {}
    for name, unit in (("Revenue", "EUR"), ("Gross profit", "EUR"), ("Orders", "orders")):
        kpi = workspace.kpis.add(goal.id, name, unit=unit)
        assert kpi.id is not None
        ids[name] = kpi.id
    workspace.measurements.write_many(
        [(ids["Revenue"], p, 1000.0 * (i + 1)) for i, p in enumerate(MONTHS)]
        + [(ids["Gross profit"], p, 600.0 * (i + 1)) for i, p in enumerate(MONTHS[:4])]
        + [(ids["Orders"], p, 50.0 + i) for i, p in enumerate(MONTHS)]
    )
    margin = workspace.kpis.add(
        goal.id, "Gross margin", unit="%", calculation="[gross PROFIT] / [Revenue] * 100"
    )
    assert margin.id is not None
    ids["Gross margin"] = margin.id
    ids["goal"] = goal.id
    return workspace, ids


def _values(ws: Workspace, kpi_id: int) -> dict[dt.date, float]:
    return {p.period: p.value for p in ws.measurements.points(kpi_id)}


def test_values_are_derived_where_every_input_has_one(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    assert ws.kpis.get(ids["Gross margin"]).calculation == "[Gross profit] / [Revenue] * 100"
    assert _values(ws, ids["Gross margin"]) == {p: pytest.approx(60.0) for p in MONTHS[:4]}
    rows = ws.measurements.rows(ids["Gross margin"])
    assert {source for *_, source in rows} == {"calculated"}


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("[Revenu] / 2", "Unknown KPI [Revenu] in the formula (did you mean [Revenue]?)"),
        ("[Revenue] + [Orders]", "Unit clash: the formula adds [Revenue] (EUR) and [Orders]"),
        ("[Margin 2] * 2", "Cycle: [Margin 2] cannot be calculated from itself"),
        ("[Weekly visits] / 7", "[Weekly visits] is weekly, but [Margin 2] is monthly"),
        ("[Revenue] / (", "Formula: Expected a number"),
    ],
)
def test_a_bad_formula_is_refused_naming_the_problem(shop, formula: str, message: str) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    ws.kpis.add(ids["goal"], "Weekly visits", frequency="weekly")
    with pytest.raises(ValidationError) as info:
        ws.kpis.add(ids["goal"], "Margin 2", unit="%", calculation=formula)
    assert message in str(info.value)
    assert "Margin 2" not in {k.name for k in ws.kpis.list()}


def test_a_cycle_through_another_kpi_is_refused(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    double = ws.kpis.add(ids["goal"], "Double margin", unit="%", calculation="[Gross margin] * 2")
    assert _values(ws, double.id)[MONTHS[0]] == pytest.approx(120.0)  # a chain, in order
    with pytest.raises(
        ValidationError, match=r"Cycle: \[Gross margin\], which uses \[Double margin\], which uses"
    ):
        ws.kpis.update(ids["Gross margin"], calculation="[Double margin] / 2")


def test_typing_a_value_of_a_calculated_kpi_is_refused(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    with pytest.raises(ValidationError, match="is calculated from other KPIs"):
        ws.measurements.upsert(ids["Gross margin"], MONTHS[0], 50.0)
    with pytest.raises(ValidationError, match="is calculated from other KPIs"):
        ws.measurements.write_many([(ids["Gross margin"], MONTHS[0], 50.0)])
    with pytest.raises(ValidationError, match="typed or imported value"):
        ws.kpis.update(ids["Orders"], calculation="[Revenue] / 10")


def test_an_edit_and_its_undo_recompute(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    change = ws.measurements.upsert(ids["Revenue"], MONTHS[1], 0.0)
    assert MONTHS[1] not in _values(ws, ids["Gross margin"])
    assert gaps_of(ws, ids["Gross margin"]) == [(MONTHS[1], "division by zero")]
    ws.measurements.upsert(ids["Revenue"], MONTHS[1], 3000.0)
    assert _values(ws, ids["Gross margin"])[MONTHS[1]] == pytest.approx(40.0)
    ws.measurements.restore(change)  # back to 2000
    assert _values(ws, ids["Gross margin"])[MONTHS[1]] == pytest.approx(60.0)
    ws.measurements.delete(ids["Gross profit"], MONTHS[0])
    assert MONTHS[0] not in _values(ws, ids["Gross margin"])


def test_an_import_of_an_input_recomputes_and_its_undo_too(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    csv = tmp_path / "profit.csv"
    csv.write_text("Date,Gross profit\n2024-05-01,2500\n2024-06-01,3000\n", encoding="utf-8")
    import_file(ws, csv, ImportOptions())
    margin = _values(ws, ids["Gross margin"])
    assert margin[D(2024, 5, 1)] == pytest.approx(50.0)
    assert margin[D(2024, 6, 1)] == pytest.approx(50.0)
    ws.measurements.delete_keys([(ids["Gross profit"], D(2024, 5, 1))])  # the import's undo
    assert D(2024, 5, 1) not in _values(ws, ids["Gross margin"])


def test_renaming_an_input_rewrites_the_formula_and_deleting_it_is_refused(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    ws.kpis.update(ids["Revenue"], name="Net sales")
    assert ws.kpis.get(ids["Gross margin"]).calculation == "[Gross profit] / [Net sales] * 100"
    ws.measurements.upsert(ids["Revenue"], MONTHS[0], 1200.0)
    assert _values(ws, ids["Gross margin"])[MONTHS[0]] == pytest.approx(50.0)
    with pytest.raises(ValidationError, match=r"the calculated KPI \[Gross margin\] uses it"):
        ws.kpis.delete(ids["Revenue"])
    with pytest.raises(ValidationError, match=r"the calculated KPI \[Gross margin\] uses it"):
        other = ws.goals.add("Elsewhere")
        ws.kpis.move(ids["Gross margin"], other.id)
        ws.goals.delete(ids["goal"])
    with pytest.raises(ValidationError, match="Two KPIs are called \\[Net sales\\]"):
        ws.kpis.add(other.id, "Net sales")
    with pytest.raises(ValidationError, match="is weekly, but \\[Gross margin\\] is monthly"):
        ws.kpis.update(ids["Revenue"], frequency="weekly")
    ws.kpis.update(ids["Gross margin"], calculation="")  # a measured KPI again: no values
    assert _values(ws, ids["Gross margin"]) == {}
    ws.kpis.delete(ids["Revenue"])


def test_preview_shows_the_last_values_or_the_problem(shop) -> None:  # type: ignore[no-untyped-def]
    ws, _ids = shop
    shown = preview(ws, "[Revenue] / [Orders]", name="Basket", frequency="monthly", unit="EUR")
    assert shown.problem == "" and shown.inputs == ["Revenue", "Orders"]
    assert shown.values[-1] == (MONTHS[-1], pytest.approx(6000.0 / 55.0))
    bad = preview(ws, "[Revenue] + [Orders]", name="Basket", frequency="monthly", unit="EUR")
    assert bad.problem.startswith("Unit clash") and bad.values == []


# -- what-if and the CLI -------------------------------------------------------------------


def test_what_if_arithmetic_on_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    ws, today = demo, dt.date.today()
    basket = ws.kpis.find("Average web-shop basket")
    sales = {p.period: p.value for p in ws.measurements.points(ws.kpis.find("Web-shop sales").id)}
    orders = {p.period: p.value for p in ws.measurements.points(ws.kpis.find("Web-shop orders").id)}
    result = what_if(
        ws, basket.id, read_changes(["web-shop orders=+5%", "Web-shop sales=9000"]), today
    )
    last = max(orders)
    assert result.period == last
    assert result.value == pytest.approx(sales[last] / orders[last])
    assert result.what_if_value == pytest.approx(9000.0 / (orders[last] * 1.05))
    assert [i.change for i in result.inputs] == ["9000", "+5%"]  # in the formula's order
    assert result.status.value == "at_risk"
    before = {p.period: p.value for p in ws.measurements.points(basket.id)}
    assert before[last] == pytest.approx(result.value)  # nothing stored
    with pytest.raises(ValidationError, match="not calculated"):
        what_if(ws, ws.kpis.find("Web-shop orders").id, {}, today)


def test_cli_add_kpi_calc_status_and_what_if(
    cafe: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "add-kpi", cafe, "--goal", "Grow the web shop", "--name", "Sales per order",
        "--unit", "EUR", "--baseline", "27@2025-01-01", "--target", "33@2027-12-31",
        "--calc", "[Web-shop sales] / [Web-shop orders]",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "status", cafe, "--json")
    rows = {r["kpi"]: r for r in json.loads(out)}
    assert rows["Sales per order"]["latest_value"] == pytest.approx(
        rows["Average web-shop basket"]["latest_value"]
    )
    code, _, err = run(
        capsys, "add-kpi", cafe, "--goal", "Grow the web shop", "--name", "Bad",
        "--unit", "EUR", "--baseline", "1@2025-01-01", "--target", "2@2027-12-31",
        "--calc", "[Web-shop sales] + [Web-shop orders]",
    )  # fmt: skip
    assert code == 1 and "Unit clash" in err
    code, out, err = run(
        capsys, "what-if", cafe, "--kpi", "gross margin", "--set", "Gross profit=+2%", "--json"
    )
    assert code == 0, err
    shown = json.loads(out)
    profit, revenue = (i["value"] for i in shown["inputs"])
    assert shown["what_if_value"] == pytest.approx(profit * 1.02 / revenue * 100)
    assert set(shown) == {
        "kpi", "period", "inputs", "value", "what_if_value", "status", "what_if_status",
        "target", "target_date", "reached_on",
    }  # fmt: skip
    code, out, _ = run(
        capsys, "what-if", cafe, "--kpi", "gross margin", "--set", "Gross profit=+2%"
    )
    assert code == 0 and "Nothing was stored." in out and "(+2%)" in out
    assert run(capsys, "what-if", cafe, "--kpi", "gross margin", "--set", "nope")[0] == 1
    assert math.isfinite(shown["value"])


def test_editing_other_fields_of_a_calculated_kpi_recomputes_nothing(shop) -> None:  # type: ignore[no-untyped-def]
    ws, ids = shop
    margin = ids["Gross margin"]
    from kpi_desktop.services.calculated import recompute

    calls: list[int] = []
    real = recompute.recompute

    def counted(raw, calc, first, last):  # type: ignore[no-untyped-def]
        calls.append(calc.kpi.id)
        return real(raw, calc, first, last)

    recompute.recompute = counted  # type: ignore[assignment]
    try:
        ws.kpis.update(margin, owner="Maria")
        assert calls == []
        ws.kpis.update(margin, calculation="[Gross profit] * 100 / [Revenue]")
        assert calls == [margin]
    finally:
        recompute.recompute = real  # type: ignore[assignment]
    assert _values(ws, margin)[MONTHS[0]] == pytest.approx(60.0)


@pytest.mark.file_only  # SQLite's foreign-key pragma
def test_a_new_formula_is_written_without_per_row_key_lookups_in_its_transaction_only(shop) -> None:  # type: ignore[no-untyped-def]
    """Saving a formula recomputes every period for KPI ids read in that transaction, so
    SQLite's foreign-key lookups are off there; a typed value's recompute keeps them, and
    the next write checks (and a delete cascades) again."""
    ws, ids = shop
    margin = ids["Gross margin"]
    from kpi_desktop.services.calculated import recompute

    seen: list[tuple[int, int]] = []
    real = recompute.recompute

    def watched(raw, calc, first, last):  # type: ignore[no-untyped-def]
        seen.append((calc.kpi.id, raw.execute("PRAGMA foreign_keys").fetchone()[0]))
        return real(raw, calc, first, last)

    recompute.recompute = watched  # type: ignore[assignment]
    try:
        ws.kpis.update(margin, calculation="[Gross profit] * 100 / [Revenue]")
        ws.measurements.upsert(ids["Revenue"], MONTHS[0], 1200.0)
    finally:
        recompute.recompute = real  # type: ignore[assignment]
    assert seen == [(margin, 0), (margin, 1)]
    assert _values(ws, margin) == {
        MONTHS[0]: pytest.approx(50.0),
        **{p: pytest.approx(60.0) for p in MONTHS[1:4]},
    }
    with ws.writing() as s:
        raw = sqlite_connection(s)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("INSERT INTO measurement VALUES (999, '2025-01-01', 1, '', '')")
    ws.kpis.delete(margin)
    with ws.reading() as s:
        count = sqlite_connection(s).execute(
            "SELECT count(*) FROM measurement WHERE kpi_id = ?", (margin,)
        )
        assert count.fetchone() == (0,)
