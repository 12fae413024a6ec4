"""Importing CSV and XLSX files (services/importing/file_import.py): layouts, formats, and
all-or-nothing."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import random
import sqlite3
import string
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import ConflictError, KpiDesktopError, ValidationError
from kpi_desktop.services.importing.file_import import (
    AmbiguousDates,
    ImportFailed,
    ImportFileError,
    ImportOptions,
    ImportPlan,
    RowProblem,
    apply_import,
    import_file,
    plan_import,
)
from kpi_desktop.services.planning.goals import GoalService
from kpi_desktop.services.planning.kpis import KpiService
from kpi_desktop.services.tracking.measurements import MeasurementService, OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.engine import sqlite_connection

EMPLOYMENT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "us-employment.csv"
D = dt.date


# -- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """The conftest's workspace: a file, and (marked team) a server database as well."""
    return workspace


@pytest.fixture
def sales(ws: Workspace) -> Workspace:
    """A workspace with a monthly KPI "Revenue" and a weekly KPI "Visits"."""
    goal = GoalService(ws).add("Sales")
    kpis = KpiService(ws)
    kpis.add(goal.id, "Revenue", unit="EUR", frequency="monthly")
    kpis.add(goal.id, "Visits", unit="visits", frequency="weekly")
    return ws


def counts(ws: Workspace) -> tuple[int, int, int]:
    """(goals, KPIs, measurements) in the workspace, as stored (a file or a server)."""
    from sqlalchemy import text

    with ws.reading() as s:
        return tuple(  # type: ignore[return-value]
            s.connection().execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("goal", "kpi", "measurement")
        )


def stored(ws: Workspace, kpi: str) -> dict[dt.date, float]:
    kpi_id = KpiService(ws).find(kpi).id
    return {m.period: m.value for m in MeasurementService(ws).list(kpi_id)}


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def xlsx(
    tmp_path: Path,
    rows: list[list[object]],
    name: str = "data.xlsx",
    sheet: str = "Data",
    extra_sheets: tuple[str, ...] = (),
) -> Path:
    wb = openpyxl.Workbook()
    ws_ = wb.active
    ws_.title = sheet
    for row in rows:
        ws_.append(row)
    for title in extra_sheets:
        wb.create_sheet(title).append(["nothing", "here"])
    path = tmp_path / name
    wb.save(path)
    return path


# -- the real file: us-employment.csv, wide ------------------------------------------------


@pytest.fixture
def employment() -> Path:
    if not EMPLOYMENT.exists():
        pytest.skip(f"shared data not found at {EMPLOYMENT}")
    return EMPLOYMENT


def test_real_wide_file_creates_monthly_kpis(ws: Workspace, employment: Path) -> None:
    plan = plan_import(ws, employment, ImportOptions(create_missing=True))
    assert plan.layout == "wide"
    assert plan.date_column == "month"
    assert plan.rows_read == 120
    assert len(plan.kpis_to_create) == 23
    assert {f for _, f in plan.kpis_to_create} == {Frequency.MONTHLY}
    assert plan.skipped_columns == []
    assert plan.preview(2) == [
        ("nonfarm", D(2006, 1, 1), 135450.0, 2),
        ("private", D(2006, 1, 1), 113603.0, 2),
    ]
    assert counts(ws) == (0, 0, 0)  # planning writes nothing

    result = apply_import(ws, plan, OnConflict.ERROR)
    assert (result.inserted, result.replaced, result.kept) == (2760, 0, 0)
    assert len(result.kpis_created) == 23
    assert counts(ws) == (1, 23, 2760)
    kpis = KpiService(ws).list()
    assert {k.frequency for k in kpis} == {"monthly"}
    assert {k.unit for k in kpis} == {""}
    assert GoalService(ws).get(kpis[0].goal_id).title == "Imported"
    for kpi in kpis:
        assert len(MeasurementService(ws).list(kpi.id)) == 120
    assert stored(ws, "nonfarm")[D(2006, 1, 1)] == 135450
    assert stored(ws, "wholesale_trade")[D(2006, 2, 1)] == 5854.8
    assert stored(ws, "utilities")[D(2015, 12, 1)] == 556.5
    assert stored(ws, "nonfarm_change")[D(2015, 12, 1)] == 234
    measurement = MeasurementService(ws).list(KpiService(ws).find("nonfarm").id)[0]
    assert measurement.source == "us-employment.csv"


def test_reimporting_follows_on_conflict(ws: Workspace, employment: Path, tmp_path: Path) -> None:
    import_file(ws, employment, ImportOptions(create_missing=True))
    before = counts(ws)

    with pytest.raises(ConflictError, match="2760 value.*already stored.*nonfarm Jan 2006"):
        import_file(ws, employment, ImportOptions(), OnConflict.ERROR)
    assert counts(ws) == before

    kept = import_file(ws, employment, ImportOptions(), OnConflict.KEEP)
    assert (kept.inserted, kept.replaced, kept.kept) == (0, 0, 2760)
    assert counts(ws) == before

    changed = write(tmp_path, employment.read_text().replace("135450,", "135451,"), "new.csv")
    replaced = import_file(ws, changed, ImportOptions(), OnConflict.REPLACE)
    assert (replaced.inserted, replaced.replaced, replaced.kept) == (0, 2760, 0)
    assert stored(ws, "nonfarm")[D(2006, 1, 1)] == 135451
    assert counts(ws) == before


def test_conflict_with_create_missing_creates_nothing(
    ws: Workspace, employment: Path, tmp_path: Path
) -> None:
    """A failing write leaves no new KPI or goal behind: it is one transaction."""
    goal = GoalService(ws).add("Jobs")
    nonfarm = KpiService(ws).add(goal.id, "Nonfarm")
    MeasurementService(ws).upsert(nonfarm.id, D(2006, 1, 1), 1.0)
    before = counts(ws)
    with pytest.raises(ConflictError, match="1 value"):
        import_file(ws, employment, ImportOptions(create_missing=True), OnConflict.ERROR)
    assert counts(ws) == before


# -- wide and long CSV ---------------------------------------------------------------------


def test_wide_csv_matches_kpis_and_lists_skipped_columns(sales: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Date,REVENUE,notes,visits\n2024-01-15,100,good,7\n2024-02-15,,meh,8\n2024-03-15,120.5,,\n",
    )
    plan = plan_import(sales, path, ImportOptions())
    assert plan.layout == "wide"
    assert plan.kpis_matched == ["Revenue", "Visits"]
    assert plan.skipped_columns == ["notes"]
    # dates map to period starts: a month's 1st, a week's Monday; blanks are skipped
    assert plan.values == [
        ("Revenue", D(2024, 1, 1), 100.0, 2),
        ("Visits", D(2024, 1, 15), 7.0, 2),
        ("Visits", D(2024, 2, 12), 8.0, 3),
        ("Revenue", D(2024, 3, 1), 120.5, 4),
    ]
    result = apply_import(sales, plan)
    assert result.inserted == 4
    assert result.skipped_columns == ["notes"]
    assert stored(sales, "Revenue") == {D(2024, 1, 1): 100.0, D(2024, 3, 1): 120.5}


def test_wide_with_no_kpi_column_says_so(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,profit\n2024-01-01,5\n")
    with pytest.raises(ImportFileError, match="no column is named after a KPI.*'profit'"):
        plan_import(sales, path, ImportOptions())


def test_long_csv_is_detected_and_imported(sales: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "when,metric,amount,comment\n"
        '2024-01-31,Revenue,"1,200.50",x\n'
        "2024-02-29,revenue,1300,y\n"
        "2024-01-01,Visits,40,\n"
        "2024-01-08,Visits,,\n"
        "2024-01-08,visits ,44,\n",
    )
    plan = plan_import(sales, path, ImportOptions())
    assert plan.layout == "long"
    assert (plan.date_column, plan.kpi_column, plan.value_column) == ("when", "metric", "amount")
    assert plan.skipped_columns == ["comment"]
    assert plan.rows_read == 5
    assert plan.values == [
        ("Revenue", D(2024, 1, 1), 1200.5, 2),
        ("Revenue", D(2024, 2, 1), 1300.0, 3),
        ("Visits", D(2024, 1, 1), 40.0, 4),
        ("Visits", D(2024, 1, 8), 44.0, 6),
    ]
    assert import_file(sales, path).inserted == 4
    assert stored(sales, "Visits") == {D(2024, 1, 1): 40.0, D(2024, 1, 8): 44.0}


def test_long_create_missing_infers_frequency(ws: Workspace, tmp_path: Path) -> None:
    lines = ["date,kpi,value"]
    lines += [f"{D(2024, 1, 1) + dt.timedelta(days=i)},daily thing,{i}" for i in range(10)]
    lines += [f"{D(2024, 1, 1) + dt.timedelta(weeks=i)},Weekly Thing,{i}" for i in range(6)]
    lines += [f"2024-{q * 3 + 1:02d}-01,quarterly thing,{q}" for q in range(4)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    plan = plan_import(ws, path, ImportOptions(create_missing=True, goal="Ops"))
    assert plan.kpis_to_create == [
        ("daily thing", Frequency.DAILY),
        ("Weekly Thing", Frequency.WEEKLY),
        ("quarterly thing", Frequency.QUARTERLY),
    ]
    result = apply_import(ws, plan)
    assert result.inserted == 20
    assert result.kpis_created == ["daily thing", "Weekly Thing", "quarterly thing"]
    goal = GoalService(ws).find("ops")
    assert [k.name for k in KpiService(ws).list(goal_id=goal.id)] == result.kpis_created


def test_created_kpis_go_under_an_existing_goal(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,kpi,value\n2024-01-01,Margin,5\n2024-02-01,Margin,6\n")
    import_file(sales, path, ImportOptions(create_missing=True, goal="sales"))
    assert counts(sales)[0] == 1
    margin = KpiService(sales).find("margin")
    assert GoalService(sales).get(margin.goal_id).title == "Sales"
    assert margin.frequency == "monthly"


def test_year_column_and_create_missing_skips_text(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "Year,Customers,Comment,\n2021,10,ok,\n2022,12,,\n2023,15,great,\n")
    plan = plan_import(ws, path, ImportOptions(create_missing=True))
    assert plan.layout == "wide"
    assert plan.kpis_to_create == [("Customers", Frequency.YEARLY)]
    assert plan.skipped_columns == ["Comment"]
    assert [v[1:3] for v in plan.values] == [
        (D(2021, 1, 1), 10.0),
        (D(2022, 1, 1), 12.0),
        (D(2023, 1, 1), 15.0),
    ]


def test_excel_serials_in_a_csv_date_column(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Revenue\n45292,1\n45323.5,2\n")
    assert [v[1] for v in plan_import(sales, path).values] == [D(2024, 1, 1), D(2024, 2, 1)]


def test_columns_named_by_letter_number_or_header(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "a,b,c,d\nRevenue,2024-01-01,x,5\nRevenue,2024-02-01,y,6\n")
    for date, kpi, value in (("B", "A", "D"), ("2", "1", "4"), ("b", "a", "d")):
        plan = plan_import(
            sales, path, ImportOptions(date_column=date, kpi_column=kpi, value_column=value)
        )
        assert plan.layout == "long"
        assert [v[2] for v in plan.values] == [5.0, 6.0]
    with pytest.raises(ImportFileError, match="no value column 'Z'.*'a', 'b', 'c', 'd'"):
        plan_import(sales, path, ImportOptions(kpi_column="a", value_column="Z"))


def test_layout_can_be_forced(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,Revenue,label\n2024-01-01,5,a\n2024-02-01,6,a\n")
    assert plan_import(sales, path, ImportOptions(layout="wide")).layout == "wide"
    with pytest.raises(ValidationError):
        plan_import(sales, path, ImportOptions(layout="diagonal"))  # type: ignore[arg-type]


# -- all or nothing: problems -------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_names_it(sales: Workspace, tmp_path: Path) -> None:
    rows = [f"2023-{m:02d}-01,{m * 10}" for m in range(1, 13)]
    rows[5] = '2023-06-01,"12,x"'  # row 7 in a spreadsheet (header is row 1)
    path = write(tmp_path, "date,revenue\n" + "\n".join(rows) + "\n")
    before = counts(sales)
    with pytest.raises(ImportFailed) as caught:
        import_file(sales, path, ImportOptions())
    assert caught.value.problems == [RowProblem(7, "revenue", "12,x", "is not a number")]
    assert "row 7, column 'revenue': '12,x' is not a number" in caught.value.message
    assert "nothing was imported" in caught.value.message
    assert counts(sales) == before


def test_every_bad_row_is_reported(sales: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,kpi,value\n"
        "2024-01-05,Revenue,10\n"  # row 2
        "2024-01-20,Revenue,11\n"  # row 3: same month as row 2
        "not a day,Revenue,12\n"  # row 4
        "2024-03-01,Revenue,abc\n"  # row 5
        "2024-04-01,Revnue,13\n"  # row 6: unknown KPI
        ",Revenue,14\n"  # row 7: no date
        "2024-05-01,,15\n"  # row 8: no KPI
        "2024-06-01,Revenue,\n"  # row 9: blank value: skipped
        "2024-06-01,Revenue,NaN\n",
    )  # row 10
    before = counts(sales)
    with pytest.raises(ImportFailed) as caught:
        import_file(sales, path, ImportOptions(), OnConflict.REPLACE)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (3, "value"),
        (4, "date"),
        (5, "value"),
        (6, "kpi"),
        (7, "date"),
        (8, "kpi"),
        (10, "value"),
    ]
    text = caught.value.message
    assert "row 3, column 'value': '11' is a second value for Revenue in Jan 2024 (row 2 " in text
    assert "row 4, column 'date': 'not a day' is not a date" in text
    assert (
        "row 6, column 'kpi': 'Revnue' is not a KPI of this workspace (did you mean "
        "'Revenue'?)" in text
    )
    assert "row 10, column 'value': 'NaN' is not a finite number" in text
    assert "--create-missing" in text
    assert len(text.splitlines()) == 1 + len(problems) + 1
    assert counts(sales) == before


def test_wide_duplicate_periods_name_both_rows(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,Revenue,Visits\n2024-01-01,1,1\n2024-01-31,2,\n")
    with pytest.raises(ImportFailed) as caught:
        plan_import(sales, path, ImportOptions())
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column 'Revenue': '2' is a second value for Revenue in Jan 2024 "
        "(row 2 has one already)"
    ]


def test_bad_dates_only_matter_on_rows_with_values(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,Revenue\n2024-01-01,1\nTotal,\n\n2024-02-01,2\n")
    plan = plan_import(sales, path, ImportOptions())
    assert [(v[1], v[3]) for v in plan.values] == [(D(2024, 1, 1), 2), (D(2024, 2, 1), 5)]


# -- dates and numbers in files -----------------------------------------------------------


def test_ambiguous_slash_dates_ask_for_an_order(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,Visits\n01/02/2024,1\n03/04/2024,2\n05/06/2024,3\n")
    with pytest.raises(AmbiguousDates) as caught:
        plan_import(sales, path, ImportOptions())
    assert caught.value.rows == [2, 3, 4]
    assert "day-first (dmy) or month-first (mdy)" in caught.value.message
    dmy = plan_import(sales, path, ImportOptions(date_order="dmy"))
    mdy = plan_import(sales, path, ImportOptions(date_order="mdy"))
    assert [v[1] for v in dmy.values] == [D(2024, 1, 29), D(2024, 4, 1), D(2024, 6, 3)]
    assert [v[1] for v in mdy.values] == [D(2024, 1, 1), D(2024, 3, 4), D(2024, 5, 6)]
    assert (dmy.date_order, mdy.date_order) == ("dmy", "mdy")


def test_slash_date_order_is_detected(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "date,Revenue\n03/01/2024,1\n28/02/2024,2\n")
    plan = plan_import(sales, path, ImportOptions())
    assert plan.date_order == "dmy"
    assert [v[1] for v in plan.values] == [D(2024, 1, 1), D(2024, 2, 1)]
    mixed = write(tmp_path, "date,Revenue\n13/01/2024,1\n02/28/2024,2\n", "mixed.csv")
    with pytest.raises(ImportFileError, match="mix day-first .* month-first"):
        plan_import(sales, mixed, ImportOptions())
    with pytest.raises(ImportFailed) as failed:
        plan_import(sales, mixed, ImportOptions(date_order="dmy"))
    assert [p.row for p in failed.value.problems] == [3]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-03-31", D(2024, 3, 1)),
        ("2024-03-31T00:00:00", D(2024, 3, 1)),
        ("31.03.2024", D(2024, 3, 1)),
        ("Mar 31 2024", D(2024, 3, 1)),
        ("31 Mar 2024", D(2024, 3, 1)),
        ("March 2024", D(2024, 3, 1)),
        ("2024-03", D(2024, 3, 1)),
        ("45382", D(2024, 3, 1)),  # Excel serial of 2024-03-31, in the date column
    ],
)
def test_date_forms_in_a_file(
    sales: Workspace, tmp_path: Path, cell: str, expected: dt.date
) -> None:
    path = write(tmp_path, f"date,kpi,value\n{cell},Revenue,1\n")
    plan = plan_import(sales, path, ImportOptions(date_column="date"))
    assert plan.values[0][1] == expected


def test_decimal_comma_semicolon_file(sales: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Datum;Revenue;Visits\n"
        "31.01.2024;1.234,50 €;12%\n"
        "29.02.2024;(1.000);1.500\n"
        "31.03.2024;-0,5;7\n",
        encoding="cp1252",
    )
    plan = plan_import(sales, path, ImportOptions())
    assert [(v[0], v[2]) for v in plan.values] == [
        ("Revenue", 1234.5),
        ("Visits", 12.0),
        ("Revenue", -1000.0),
        ("Visits", 1500.0),
        ("Revenue", -0.5),
        ("Visits", 7.0),
    ]


def test_encodings_and_quoting(sales: Workspace, tmp_path: Path) -> None:
    text = 'date,"Revenue"\r\n"2024-01-01","€ 1,000"\r\n2024-02-01,"2,000.5"\r\n'
    for i, encoding in enumerate(("utf-8-sig", "utf-16", "cp1252", "utf-8")):
        path = write(tmp_path, text, f"enc{i}.csv", encoding=encoding)
        plan = plan_import(sales, path, ImportOptions())
        assert [v[2] for v in plan.values] == [1000.0, 2000.5], encoding


def test_tab_separated_with_thousands(sales: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "month\tRevenue\nJan 2024\t1,234\nFeb 2024\t$2,000\n", "d.tsv")
    plan = plan_import(sales, path, ImportOptions())
    assert [(v[1], v[2]) for v in plan.values] == [(D(2024, 1, 1), 1234.0), (D(2024, 2, 1), 2000.0)]


# -- XLSX -------------------------------------------------------------------------------


def test_xlsx_wide_with_real_date_cells(sales: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path,
        [
            ["Month", "Revenue", "Visits", "Comment"],
            [dt.datetime(2024, 1, 31), 100, 3.5, "fine"],
            [dt.datetime(2024, 2, 29, 12, 0), 110.25, None, None],
            [D(2024, 3, 15), "1,200", 4, "ok"],
            [None, None, None, None],
        ],
    )
    plan = plan_import(sales, path, ImportOptions())
    assert plan.layout == "wide"
    assert plan.skipped_columns == ["Comment"]
    assert plan.values == [
        ("Revenue", D(2024, 1, 1), 100.0, 2),
        ("Visits", D(2024, 1, 29), 3.5, 2),
        ("Revenue", D(2024, 2, 1), 110.25, 3),
        ("Revenue", D(2024, 3, 1), 1200.0, 4),
        ("Visits", D(2024, 3, 11), 4.0, 4),
    ]
    assert apply_import(sales, plan).inserted == 5


def test_xlsx_long_with_excel_serial_dates(sales: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path,
        [
            ["date", "kpi", "value"],
            [45292, "Revenue", 10],  # 2024-01-01
            [45323, "Revenue", 11],  # 2024-02-01
            [45292, "Visits", 5],
        ],
        sheet="Values",
        extra_sheets=("Notes",),
    )
    plan = plan_import(sales, path, ImportOptions(sheet="values"))
    assert plan.layout == "long"
    assert [v[:3] for v in plan.values] == [
        ("Revenue", D(2024, 1, 1), 10.0),
        ("Revenue", D(2024, 2, 1), 11.0),
        ("Visits", D(2024, 1, 1), 5.0),
    ]


def test_xlsx_problems_are_reported_with_rows(sales: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path,
        [
            [None],
            ["date", "Revenue"],  # the header may sit below blank rows
            [dt.datetime(2024, 1, 1), True],
            [dt.datetime(2024, 2, 1), "#DIV/0!"],
            ["someday", 5],
        ],
    )
    with pytest.raises(ImportFailed) as caught:
        plan_import(sales, path, ImportOptions())
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column 'Revenue': 'True' is true/false, not a number",
        "row 4, column 'Revenue': '#DIV/0!' is not a number",
        "row 5, column 'date': 'someday' is not a date",
    ]


def test_xlsx_unknown_sheet_lists_the_sheets(sales: Workspace, tmp_path: Path) -> None:
    path = xlsx(tmp_path, [["date", "Revenue"], ["2024-01-01", 1]], extra_sheets=("Notes",))
    with pytest.raises(ImportFileError, match="no sheet named 'Budget'.*'Data', 'Notes'"):
        plan_import(sales, path, ImportOptions(sheet="Budget"))


# "Billion laughs": ten levels of ten entities each expand to 10**9 "lol"s.
BOMB_DOCTYPE = (
    '<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xlsx_billion_laughs_is_refused(sales: Workspace, tmp_path: Path, part: str) -> None:
    good = xlsx(tmp_path, [["date", "Revenue"], ["2024-01-01", 1]], name="good.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                doctype = BOMB_DOCTYPE.encode()
                if data.startswith(b"<?xml"):
                    data = data.replace(b"?>", b"?>" + doctype, 1)
                else:
                    data = doctype + data
                data = data.replace(b"<sheetData>", b"<sheetData>&lol9;")
            dst.writestr(item, data)
    with pytest.raises(ImportFileError, match="unsafe XML"):
        plan_import(sales, bomb, ImportOptions())


# -- malformed files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"\n\n  \n", "empty"),
        ("header.csv", b"date,Revenue\n", "no data"),
        ("header2.csv", b"date,Revenue\n,\n", "no data"),
        ("noheader.csv", b"2024-01-01,5\n2024-02-01,6\n", "holds data.*not column names"),
        ("nodate.csv", b"name,Revenue\nx,5\n", "no date column"),
        ("junk.csv", bytes(range(256)) * 20, "binary"),
        ("fake.xlsx", b"date,Revenue\n2024-01-01,1\n", "not a valid Excel workbook"),
        ("zip.xlsx", b"PK\x03\x04garbage" * 10, "not a valid Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-style Excel"),
    ],
)
def test_malformed_files_give_clear_errors(
    sales: Workspace, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        plan_import(sales, path, ImportOptions())


def test_missing_file_and_folder(sales: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        plan_import(sales, tmp_path / "nope.csv", ImportOptions())
    with pytest.raises(ImportFileError, match="folder"):
        plan_import(sales, tmp_path, ImportOptions())


def test_random_bytes_never_crash(sales: Workspace, tmp_path: Path) -> None:
    rng = random.Random(7)
    for i in range(30):
        path = tmp_path / f"junk{i}{rng.choice(['.csv', '.xlsx', '.txt'])}"
        size = rng.choice([1, 10, 100, 5000])
        prefix = rng.choice([b"", b"PK\x03\x04", b"date,Revenue\n"])
        path.write_bytes(prefix + bytes(rng.randrange(256) for _ in range(size)))
        with contextlib.suppress(KpiDesktopError):
            plan_import(sales, path, ImportOptions())


JUNK = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "NaN",
            '"',
            "a,b",
            "\t",
            ";",
            "31/02/2024",
            "01/02/2024",
            "Revenue",
            "12",
            "1,5",
            "1.234,5",
            "(3)",
            "12%",
            "€4",
            "-",
        ]
    ),
    st.text(alphabet=string.printable, max_size=6),
)


def _mostly(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`valid` nine times in ten, junk otherwise."""
    return st.integers(0, 9).flatmap(lambda k: JUNK if k == 0 else valid)


DATES_ = _mostly(
    st.one_of(
        st.dates(min_value=D(2020, 1, 1), max_value=D(2024, 12, 31)).map(str),
        st.dates(min_value=D(2020, 1, 1), max_value=D(2024, 12, 31)).map(
            lambda d: d.strftime("%d/%m/%Y")
        ),
    )
)
NUMBERS_ = _mostly(
    st.one_of(
        st.integers(-(10**9), 10**9).map(str),
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        st.just(""),
    )
)
NAMES_ = _mostly(st.sampled_from(["Revenue", " visits", "New KPI", "other one"]))
ROWS = st.lists(st.tuples(DATES_, NAMES_, NUMBERS_, NUMBERS_, JUNK), max_size=12)


def _lay_out(layout: str, rows: list[tuple[str, ...]], header: list[str]) -> list[list[str]]:
    if layout == "wide":
        return [["date", "Revenue", "New KPI"]] + [[d, a, b] for d, _, a, b, _ in rows]
    if layout == "long":
        return [["date", "kpi", "value"]] + [[d, n, a] for d, n, a, _, _ in rows]
    return [header] + [list(r)[: len(header)] for r in rows]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.sampled_from(["wide", "long", "other"]),
    rows=ROWS,
    header=st.lists(
        st.sampled_from(["date", "kpi", "value", "Revenue", "Visits", "x", ""]),
        min_size=1,
        max_size=5,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    create=st.booleans(),
)
def test_any_csv_imports_or_fails_cleanly(
    sales: Workspace,
    tmp_path: Path,
    layout: str,
    rows: list[tuple[str, ...]],
    header: list[str],
    delimiter: str,
    create: bool,
) -> None:
    """Whatever the cells, an import either works or raises a KpiDesktopError, and a failed
    import leaves the workspace as it was."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(_lay_out(layout, rows, header))
    path = tmp_path / "generated.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    before = counts(sales)
    try:
        result = import_file(sales, path, ImportOptions(create_missing=create), OnConflict.KEEP)
    except KpiDesktopError as exc:
        event(type(exc).__name__)
        assert counts(sales) == before
    else:
        event("imported" if result.inserted else "nothing to import")
        after = counts(sales)
        assert after[2] == before[2] + result.inserted
        assert after[1] == before[1] + len(result.kpis_created)


# -- plan and preview -----------------------------------------------------------------------


def test_plan_preview_and_stale_plans(sales: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path, "date,Revenue\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))
    )
    plan = plan_import(sales, path, ImportOptions())
    assert isinstance(plan, ImportPlan)
    assert plan.value_count == 12
    assert plan.preview(3) == plan.values[:3]
    assert plan.preview(3)[2] == ("Revenue", D(2020, 3, 1), 3.0, 4)
    other = Workspace.create(tmp_path / "other.kpidb")
    try:
        with pytest.raises(KpiDesktopError, match="another workspace"):
            apply_import(other, plan)
    finally:
        other.close()
    KpiService(sales).delete(KpiService(sales).find("Revenue").id)
    with pytest.raises(KpiDesktopError, match="deleted"):
        apply_import(sales, plan)


@pytest.mark.file_only  # SQLite's foreign-key pragma
def test_an_import_skips_per_row_key_checks_and_the_next_write_has_them_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    """The import checks its KPI ids once, so SQLite's per-value foreign-key lookups are
    off in its transaction only: a later delete still cascades, a bad id is still refused."""
    path = tmp_path / "long.csv"
    path.write_text("date,kpi,value\n2025-01-01,Walk-ins,3\n2025-02-01,Walk-ins,4\n")
    import_file(workspace, path, ImportOptions(create_missing=True))
    kpi = workspace.kpis.find("Walk-ins")
    with workspace.writing() as s:
        raw = sqlite_connection(s)
        assert raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("INSERT INTO measurement VALUES (999, '2025-01-01', 1, '', '')")
    workspace.kpis.delete(kpi.id)
    with workspace.reading() as s:
        assert sqlite_connection(s).execute("SELECT count(*) FROM measurement").fetchone() == (0,)
