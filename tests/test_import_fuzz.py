"""Hostile files: thousands of generated CSV and XLSX files thrown at the importer.

The property, for every file: importing either succeeds or raises a KpiDesktopError with a
message (never another exception), and a failed import writes nothing (the row counts of
every table are the same before and after). A successful one adds exactly what it says.

Generated: random bytes under any file name; random text in several encodings; CSV files
of plausible and implausible cells (dates and numbers in many spellings, garbage, blanks)
with random delimiters, quoting, line ends, byte-order marks and encodings; XLSX workbooks
of random typed cells; and XLSX files broken at the zip or XML level. The XML bomb is
tested in test_importing.py (test_xlsx_billion_laughs_is_refused).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from team_server import built_workspace

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import ImportOptions, import_file
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.raw import raw_connection

TABLES = ("goal", "kpi", "measurement", "milestone")
KPI_NAMES = ("Revenue", "Orders", "Visits", "Margin %")
FUZZ = settings(
    deadline=None,
    database=None,  # no .hypothesis folder in the tree; a failure prints its reproducer
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
TRIED: dict[str, int] = {}  # files tried, by kind
IMPORTED: dict[str, int] = {}  # of those, imported without a refusal


def _sales(ws: Workspace) -> None:
    goal = ws.goals.add("Sales")
    for name, freq in zip(KPI_NAMES, ("monthly", "weekly", "daily", "quarterly"), strict=True):
        kpi = ws.kpis.add(goal.id, name, frequency=freq)
        ws.measurements.upsert(kpi.id, dt.date(2024, 1, 1), 1.0)


@pytest.fixture(scope="module", params=["file", pytest.param("team", marks=pytest.mark.team)])
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Workspace, Path]]:
    """One workspace for all the examples (it grows as imports succeed), on a file or on
    the server (tests/team_server.py), and a scratch folder for the generated files."""
    folder = tmp_path_factory.mktemp("fuzz")
    engine = request.param
    with contextlib.closing(
        built_workspace(request, folder, engine, "fuzz", _sales, "fuzz.kpidb")
    ) as made:
        yield next(made), folder
    print(f"\nimport fuzzing: {sum(TRIED.values())} files tried: {TRIED}; imported: {IMPORTED}")


def counts(ws: Workspace) -> dict[str, int]:
    with ws.reading() as s:
        conn = raw_connection(s)
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


OPTIONS = st.builds(
    ImportOptions,
    layout=st.sampled_from([None, None, "wide", "long"]),
    create_missing=st.booleans(),
    date_order=st.sampled_from([None, None, "dmy", "mdy"]),
    sheet=st.sampled_from([None, None, None, "Data", "Sheet2", "nope"]),
)
CONFLICT = st.sampled_from(list(OnConflict))


def check_import(
    ws: Workspace, path: Path, options: ImportOptions, on_conflict: OnConflict, kind: str
) -> None:
    TRIED[kind] = TRIED.get(kind, 0) + 1
    IMPORTED.setdefault(kind, 0)
    before = counts(ws)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            result = import_file(ws, path, options, on_conflict)
    except KpiDesktopError as exc:
        assert exc.message.strip(), "a refusal says why"
        assert counts(ws) == before, f"a failed import wrote something: {exc.message}"
    else:
        IMPORTED[kind] += 1
        after = counts(ws)
        assert after["measurement"] == before["measurement"] + result.inserted
        assert after["kpi"] == before["kpi"] + len(result.kpis_created)
        assert after["milestone"] == before["milestone"]


# -- random bytes and random text -------------------------------------------------------


SUFFIXES = st.sampled_from([".csv", ".txt", ".xlsx", ".tsv", ""])
PREFIXES = st.sampled_from(
    [
        b"",
        b"",
        b"PK\x03\x04",
        b"date,Revenue\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xd0\xcf\x11\xe0",
        b"SQLite format 3\x00",
    ]
)


def test_random_bytes(target: tuple[Workspace, Path]) -> None:
    ws, folder = target

    @settings(FUZZ, max_examples=700)
    @given(
        prefix=PREFIXES,
        data=st.binary(max_size=3000),
        suffix=SUFFIXES,
        options=OPTIONS,
        on_conflict=CONFLICT,
    )
    def run(
        prefix: bytes, data: bytes, suffix: str, options: ImportOptions, on_conflict: OnConflict
    ) -> None:
        path = folder / f"bytes{suffix}"
        path.write_bytes(prefix + data)
        check_import(ws, path, options, on_conflict, "random bytes")

    run()
    assert TRIED["random bytes"] >= 500


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


def test_random_text(target: tuple[Workspace, Path]) -> None:
    ws, folder = target

    @settings(FUZZ, max_examples=600)
    @given(text=st.text(max_size=800), encoding=ENCODINGS, options=OPTIONS, on_conflict=CONFLICT)
    def run(text: str, encoding: str, options: ImportOptions, on_conflict: OnConflict) -> None:
        path = folder / "text.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        check_import(ws, path, options, on_conflict, "random text")

    run()
    assert TRIED["random text"] >= 400


# -- CSV files of plausible and implausible cells ------------------------------------------


DATES = st.dates(min_value=dt.date(1899, 12, 1), max_value=dt.date(2100, 1, 1))
DATE_CELLS = st.one_of(
    DATES.map(dt.date.isoformat),
    DATES.map(lambda d: d.strftime("%d/%m/%Y")),
    DATES.map(lambda d: d.strftime("%m/%d/%Y")),
    DATES.map(lambda d: d.strftime("%b %d %Y")),
    DATES.map(lambda d: d.strftime("%Y-%m")),
    DATES.map(lambda d: d.strftime("%d.%m.%y")),
    DATES.map(lambda d: f"{d.isoformat()}T12:30:00"),
    st.integers(-10, 80000).map(str),  # Excel serial days, or not
    st.sampled_from(["2024-02-30", "31/02/2024", "0000-00-00", "9999-12-31", "2024", "Q1 2024"]),
)
NUMBER_CELLS = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:,.2f}"),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:,.2f}".replace(",", " ").replace(".", ",")),
    st.floats(0, 1e4).map(lambda x: f"€{x:.2f}"),
    st.floats(0, 100).map(lambda x: f"{x:.1f}%"),
    st.sampled_from(["(12)", "-", "1e309", "-0", "0x10", "1_000", "١٢٣", "NaN", "TRUE", "#N/A"]),
)
CLEAN_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)).map(
    dt.date.isoformat
)
CLEAN_NUMBERS = st.one_of(
    st.integers(-(10**9), 10**9).map(str),
    st.floats(-1e9, 1e9).map(lambda x: f"{x:.3f}"),
    st.just(""),
)
GARBAGE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            '"',
            '""',
            "\n",
            "\r",
            ",",
            ";",
            "\t",
            "=1+1",
            "@SUM(A1)",
            "\x00",
            "\ufeff",
            "Revenue",
            "revenue ",
            "Orders",
            "New one",
            "x" * 300,
        ]
    ),
)
CELLS = st.one_of(DATE_CELLS, NUMBER_CELLS, GARBAGE, st.sampled_from(KPI_NAMES))
HEADERS = st.one_of(
    st.sampled_from(
        [
            "date",
            "Date",
            "month",
            "period",
            "kpi",
            "KPI name",
            "value",
            "amount",
            "year",
            "week",
            "",
            *KPI_NAMES,
        ]
    ),
    GARBAGE,
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 6))
    header = draw(st.lists(HEADERS, min_size=width, max_size=width))
    column_kinds = draw(
        st.lists(st.sampled_from(["date", "number", "name", "any"]), min_size=width, max_size=width)
    )
    if draw(st.booleans()):  # the usual shape: dates first, then KPIs (wide) or name/value
        header[0], column_kinds[0] = draw(st.sampled_from(["date", "month", "Date"])), "date"
        if width > 1 and draw(st.booleans()):
            header[1:] = [KPI_NAMES[j % len(KPI_NAMES)] for j in range(width - 1)]
            column_kinds[1:] = ["number"] * (width - 1)
    junk = draw(st.sampled_from([0, 0, 2, 25]))  # percent of cells that are garbage
    by_kind = {
        "date": DATE_CELLS,
        "number": NUMBER_CELLS,
        "name": st.sampled_from(KPI_NAMES),
        "any": CELLS,
    }
    if junk == 0:  # a clean file, of the kind that imports
        by_kind |= {"date": CLEAN_DATES, "number": CLEAN_NUMBERS}

    def cell(kind: str) -> st.SearchStrategy[str]:
        return st.integers(0, 99).flatmap(lambda k: GARBAGE if k < junk else by_kind[kind])

    rows = draw(
        st.lists(
            st.tuples(*[cell(k) for k in column_kinds]),
            min_size=draw(st.sampled_from([0, 1, 1, 1])),
            max_size=25,
        )
    )
    if junk == 0 and column_kinds[0] == "date":  # one date a quarter: no period twice
        start = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)))
        spell = draw(st.sampled_from(["%Y-%m-%d", "%b %d %Y", "%d %B %Y"]))
        rows = [
            ((start + dt.timedelta(days=92 * i)).strftime(spell), *row[1:])
            for i, row in enumerate(rows)
        ]
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|", " "]))
    quoting = draw(
        st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE])
    )
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=quoting,
        escapechar="\\",
        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\n", "\r"])),
    )
    for row in [header, *[list(r) for r in rows]]:
        try:
            writer.writerow(row)
        except csv.Error:  # QUOTE_NONE cannot write some cells: write them raw
            buffer.write(delimiter.join(row) + "\n")
    text = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:  # a ragged or cut file
        text = text[: draw(st.integers(0, len(text)))]
    encoding = draw(st.one_of(st.just("utf-8"), ENCODINGS))
    return text.encode(encoding, errors="replace")


def test_generated_csv(target: tuple[Workspace, Path]) -> None:
    ws, folder = target

    @settings(FUZZ, max_examples=1500)
    @given(data=csv_files(), options=OPTIONS, on_conflict=CONFLICT)
    def run(data: bytes, options: ImportOptions, on_conflict: OnConflict) -> None:
        path = folder / "generated.csv"
        path.write_bytes(data)
        check_import(ws, path, options, on_conflict, "generated CSV")

    run()
    assert TRIED["generated CSV"] >= 1000
    assert IMPORTED["generated CSV"] > 0  # the property was also tested on real writes


# -- XLSX workbooks ------------------------------------------------------------------------


XLSX_CELLS = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(-1e12, 1e12),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    DATE_CELLS,
    NUMBER_CELLS,
    st.sampled_from(KPI_NAMES),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=10),
)


def _storable(value: object) -> object:
    """openpyxl refuses control characters in strings (no spreadsheet writes them)."""
    if isinstance(value, str):
        return "".join(c for c in value if ord(c) >= 32 or c in "\t\n\r")
    return value


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    wb = openpyxl.Workbook()
    sheets = [wb.active]
    sheets[0].title = draw(st.sampled_from(["Data", "Sheet1", "Values"]))
    for _ in range(draw(st.integers(0, 2))):
        sheets.append(wb.create_sheet())
    if draw(st.booleans()):  # a clean first sheet, of the kind that imports
        names = draw(st.lists(st.sampled_from(KPI_NAMES), min_size=1, max_size=4, unique=True))
        sheets[0].append(["date", *names])
        start = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)))
        cells = st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6), st.none())
        for i in range(draw(st.integers(1, 15))):
            day = start + dt.timedelta(days=92 * i)
            sheets[0].append(
                [day, *draw(st.lists(cells, min_size=len(names), max_size=len(names)))]
            )
        sheets = sheets[1:]
    for sheet in sheets:
        width = draw(st.integers(1, 5))
        header = draw(st.lists(st.one_of(HEADERS, XLSX_CELLS), min_size=width, max_size=width))
        sheet.append([_storable(h) for h in header])
        for row in draw(
            st.lists(st.lists(XLSX_CELLS, min_size=0, max_size=width + 1), max_size=15)
        ):
            sheet.append([_storable(c) for c in row])
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb.save(buffer)
    return buffer.getvalue()


def test_generated_xlsx(target: tuple[Workspace, Path]) -> None:
    ws, folder = target

    @settings(FUZZ, max_examples=300)
    @given(data=workbooks(), options=OPTIONS, on_conflict=CONFLICT)
    def run(data: bytes, options: ImportOptions, on_conflict: OnConflict) -> None:
        path = folder / "generated.xlsx"
        path.write_bytes(data)
        check_import(ws, path, options, on_conflict, "generated XLSX")

    run()
    assert TRIED["generated XLSX"] >= 200
    assert IMPORTED["generated XLSX"] > 0


@pytest.fixture(scope="module")
def good_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Data"
    sheet.append(["date", *KPI_NAMES])
    for m in range(1, 13):
        sheet.append([dt.date(2023, m, 1), m * 10, m, m * 100, m / 10])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rezip(good: bytes, member: str, action: str, junk: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == member:
                if action == "drop":
                    continue
                if action == "replace":
                    body = junk
                elif action == "truncate":
                    body = body[: len(junk) % max(1, len(body))]
                elif action == "inject":
                    cut = len(junk) % max(1, len(body))
                    body = body[:cut] + junk + body[cut:]
            dst.writestr(item, body)
    return out.getvalue()


XML_JUNK = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"<",
            b"<x>",
            b"</sheetData>",
            b"<c r='A1' t='s'><v>99999</v></c>",
            b"<row r='0'>",
            b"<c r='ZZZZ9'><v>1</v></c>",
            b"<v>1e999</v>",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
            b"&amp;&#0;",
            b"\xff\xfe",
        ]
    ),
)


def test_broken_xlsx(target: tuple[Workspace, Path], good_xlsx: bytes) -> None:
    ws, folder = target

    @settings(FUZZ, max_examples=500)
    @given(data=st.data(), options=OPTIONS, on_conflict=CONFLICT)
    def run(data: st.DataObject, options: ImportOptions, on_conflict: OnConflict) -> None:
        path = folder / "broken.xlsx"
        path.write_bytes(_broken(good_xlsx, data))
        check_import(ws, path, options, on_conflict, "broken XLSX")

    run()
    assert TRIED["broken XLSX"] >= 300


def _broken(good_xlsx: bytes, data: st.DataObject) -> bytes:
    """`good_xlsx` with bytes changed, cut short, or a part dropped or spoilt."""
    how = data.draw(st.sampled_from(["flip", "cut", "member"]))
    if how == "flip":  # bytes changed anywhere in the zip
        raw = bytearray(good_xlsx)
        for pos, value in data.draw(
            st.lists(
                st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), min_size=1, max_size=8
            )
        ):
            raw[pos] = value
        content = bytes(raw)
    elif how == "cut":
        content = good_xlsx[: data.draw(st.integers(4, len(good_xlsx) - 1))]
    else:  # a part of the workbook dropped, replaced, cut or with junk inside
        with zipfile.ZipFile(io.BytesIO(good_xlsx)) as z:
            names = z.namelist()
        content = _rezip(
            good_xlsx,
            data.draw(st.sampled_from(names)),
            data.draw(st.sampled_from(["drop", "replace", "truncate", "inject"])),
            data.draw(XML_JUNK),
        )
    return content
