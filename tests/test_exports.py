"""Meeting exports, checked on real outcomes: chart files (PNG, SVG, PDF) as images and
text, the meeting report's pages rendered by poppler, data files imported back, and the
command line's exit codes. Poppler's tools (pdftoppm, pdftotext, pdfinfo, pdfimages) are
installed by .ci/run; librsvg's rsvg-convert is optional (Qt's SVG renderer always runs)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from team_server import built_workspace

from kpi_desktop.cli import main
from kpi_desktop.domain.types import Status
from kpi_desktop.reports import chart_export, data_export
from kpi_desktop.reports.chart_export import PRESETS, chart_size, export_chart
from kpi_desktop.reports.chart_style import CHART
from kpi_desktop.reports.data_export import ExportError, export_csv, export_data, export_xlsx
from kpi_desktop.reports.meeting_report import ReportCancelled, build_report
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.exchange.tables import exchange_tables
from kpi_desktop.services.importing.file_import import ImportOptions, import_file, plan_import
from kpi_desktop.services.review.report_data import gather_report
from kpi_desktop.services.tracking.chart_data import ChartData, chart_data
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = dt.date(2025, 11, 20)
STATUS_WORDS = ("On track", "At risk", "Off track", "Achieved")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (poppler-utils; .ci/run installs it)")
    return path


def _run(*args: object) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pdf_text(path: Path) -> str:
    return _run(_tool("pdftotext"), "-layout", path, "-")


def pdf_info(path: Path) -> dict[str, str]:
    out = _run(_tool("pdfinfo"), path)
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _build(ws: Workspace) -> None:
    build_demo(ws, TODAY)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as seen on TODAY, in a file built once for the module."""
    path = tmp_path_factory.mktemp("demo") / "cafe.kpidb"
    with Workspace.create(path, name="Corner Cafe") as ws:
        _build(ws)
    return path


@pytest.fixture
def demo_path(
    demo_file: Path, tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """Where that demo is for the command line: the module's file, or a server database
    cloned for the test from a template built once (tests/team_server.py)."""
    if engine != "team":
        yield demo_file
        return
    made = built_workspace(
        request, tmp_path, engine, f"cafe-{TODAY}", _build, "cafe.kpidb", "Corner Cafe"
    )
    ws = next(made)
    url = str(ws.location)
    ws.close()  # the test opens it itself
    yield url
    made.close()


@pytest.fixture
def demo(demo_path: Path | str) -> Iterator[Workspace]:
    ws = Workspace.open(demo_path, readonly=True)
    yield ws
    ws.close()


@pytest.fixture
def revenue(demo_file: Path, qapp) -> Iterator[ChartData]:  # type: ignore[no-untyped-def]
    """A chart's data for the pixel tests (the data itself is read on both engines by the
    report and command-line tests)."""
    with Workspace.open(demo_file, readonly=True) as ws:
        yield chart_data(ws, ws.kpis.find("Monthly revenue").id, TODAY)


def _color_share(image: QImage, color: str, tolerance: int = 40, step: int = 2) -> float:
    """Share of the sampled pixels close to ``color``."""
    target = QColor(color)
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            total += 1
            if (
                abs(c.red() - target.red())
                + abs(c.green() - target.green())
                + abs(c.blue() - target.blue())
                <= tolerance
            ):
                hits += 1
    return hits / total


def _light_and_drawn(image: QImage) -> None:
    """Mostly white (a light theme), but with a real chart on it."""
    assert not image.isNull()
    white = _color_share(image, "#FFFFFF", tolerance=12, step=4)
    assert 0.5 < white < 0.98, white
    assert _color_share(image, CHART["actual"], step=2) > 0.001  # the line of actual values


# -- chart export ---------------------------------------------------------------------------


def test_png_is_rendered_at_twice_the_size_light_and_drawn(
    revenue: ChartData, tmp_path: Path
) -> None:
    path = export_chart(revenue, tmp_path / "chart.png")
    image = QImage(str(path))
    slide = PRESETS["slide"]
    assert (image.width(), image.height()) == (slide.width * 2, slide.height * 2) == (1920, 1080)
    _light_and_drawn(image)
    # The title sits on white at the top left: dark pixels there, none in the far corner.
    title = image.copy(20, 10, 500, 60)
    assert _color_share(title, CHART["foreground"], tolerance=60, step=1) > 0.02
    assert image.pixelColor(image.width() - 3, 3) == QColor("#FFFFFF")


def test_size_presets_and_custom_sizes(revenue: ChartData, tmp_path: Path) -> None:
    assert chart_size() == (960, 540)
    assert chart_size(preset="half-slide") == (480, 540)
    assert chart_size(preset="a4") == (680, 480)
    assert chart_size(width=1280) == (1280, 720)  # keeps the preset's shape
    assert chart_size(700, 400) == (700, 400)
    with pytest.raises(ValidationError, match="too small"):
        chart_size(100, 100)
    with pytest.raises(ValidationError, match="unknown chart size"):
        chart_size(preset="poster")

    half = QImage(str(export_chart(revenue, tmp_path / "half.png", preset="half-slide")))
    assert (half.width(), half.height()) == (960, 1080)
    _light_and_drawn(half)
    custom = QImage(str(export_chart(revenue, tmp_path / "custom.png", 700, 400)))
    assert (custom.width(), custom.height()) == (1400, 800)


def test_svg_is_valid_and_renders_in_qt_and_librsvg(revenue: ChartData, tmp_path: Path) -> None:
    path = export_chart(revenue, tmp_path / "chart.svg")
    root = ET.parse(path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("viewBox") == "0 0 960 540"
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    assert "Monthly revenue" in texts and "On track" in texts and "EUR" in texts
    # No line depends on vector-effect under a scaling transform (renderers ignore it).
    for group in root.iter(f"{ns}g"):
        transform = group.get("transform", "")
        if transform and not transform.startswith("matrix(1,0,0,1,"):
            assert not any(c.get("vector-effect") for c in group), transform

    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(960, 540, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    _light_and_drawn(image)

    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        return  # optional: Qt's renderer above is the check CI always has
    out = tmp_path / "rsvg.png"
    _run(rsvg, "-w", 960, "-h", 540, "-b", "white", "-o", out, path)
    drawn = QImage(str(out))
    assert (drawn.width(), drawn.height()) == (960, 540)
    _light_and_drawn(drawn)
    assert _color_share(drawn, CHART["forecast"]) > 0.0005  # the dashed forecast line


def test_pdf_chart_is_one_vector_page_with_real_text(revenue: ChartData, tmp_path: Path) -> None:
    path = export_chart(revenue, tmp_path / "chart.pdf")
    info = pdf_info(path)
    assert info["Pages"].strip() == "1"
    width, height = re.findall(r"[\d.]+", info["Page size"])[:2]
    assert (round(float(width)), round(float(height))) == (720, 405)  # 960 x 540 at 96 dpi
    text = pdf_text(path)
    assert "Monthly revenue" in text and "On track" in text and "Target" in text
    assert "Grow profitable revenue" in text  # "fi" is two letters, not a ligature
    images = _run(_tool("pdfimages"), "-list", path).splitlines()[2:]
    assert images == []  # vector: no picture of the chart inside
    _run(_tool("pdftoppm"), "-png", "-r", 48, path, tmp_path / "page")
    _light_and_drawn(QImage(str(tmp_path / "page-1.png")))


def test_unknown_suffix_is_refused_clearly(revenue: ChartData, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot export a chart as '\.gif'.*\.png, \.svg"):
        export_chart(revenue, tmp_path / "chart.gif")
    with pytest.raises(ExportError, match="no suffix"):
        export_chart(revenue, tmp_path / "chart")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_old_file_and_leaves_no_partial_one(
    revenue: ChartData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"the old chart")

    def broken(data: ChartData, path: Path, width: int, height: int) -> None:
        path.write_bytes(b"half a png")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chart_export, "_write_png", broken)
    with pytest.raises(ExportError, match="No space left"):
        export_chart(revenue, target)
    assert target.read_bytes() == b"the old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]
    with pytest.raises(ExportError, match="does not exist"):
        export_chart(revenue, tmp_path / "missing" / "chart.svg")


# -- the meeting report ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_pdf(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication([])
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    with Workspace.open(demo_file, readonly=True) as ws:
        build_report(ws, path, TODAY)
    return path


def test_report_pages_render_and_every_kpi_and_status_is_text(
    report_pdf: Path, demo: Workspace, tmp_path: Path
) -> None:
    pages = int(pdf_info(report_pdf)["Pages"])
    objectives = [g for g in demo.goals.list() if g.parent_id is None]
    # cover + scorecard + since-the-review + at least a page per objective, at most two
    assert 3 + len(objectives) <= pages <= 3 + 2 * len(objectives)
    _run(_tool("pdftoppm"), "-png", "-r", 24, report_pdf, tmp_path / "p")
    rendered = sorted(tmp_path.glob("p-*.png"))
    assert len(rendered) == pages
    for page in rendered:
        image = QImage(str(page))
        assert image.width() > 150 and _color_share(image, "#FFFFFF", 12, 3) < 0.995

    text = pdf_text(report_pdf)
    flat = " ".join(text.split())
    for st in kpi_statuses(demo, TODAY):
        assert st.kpi in flat
    for word in STATUS_WORDS:
        assert word in flat
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in flat
    assert "Corner Cafe" in flat and "MEETING REPORT" in flat
    assert "Scorecard" in flat and "Open corrective actions" in flat and "Achievements" in flat
    assert "Renegotiate milk and bean prices" in flat and "Overdue by 7 days" in flat
    assert "Milk and bean prices went up again" in flat  # the review's comment on a KPI
    found = gather_report(demo, TODAY).achievements
    assert found and all(a.text in flat for a in found)  # the achievements since the review
    assert _run(_tool("pdfimages"), "-list", report_pdf).splitlines()[2:] == []  # all vector


def test_report_data_gathers_what_the_meeting_needs(demo: Workspace) -> None:
    data = gather_report(demo, TODAY)
    assert data.workspace_name == "Corner Cafe" and data.period == "Oct 2025"
    assert data.status_counts == {
        Status.ON_TRACK: 6,  # Web-shop sales, the input of the basket, too
        Status.AT_RISK: 3,  # Gross profit (the input of the margin) too
        Status.OFF_TRACK: 1,
        Status.ACHIEVED: 1,
    }
    assert sum(len(o.kpis) for o in data.objectives) == 11 == data.kpi_count
    assert [o.title for o in data.objectives][0] == "Grow profitable revenue"
    assert len(data.objectives[0].kpis) == 6  # its own KPIs and the web shop's
    assert [a.overdue for a in data.open_actions] == [True, False]
    assert data.last_review is not None and data.last_review.seen_until == dt.date(2025, 9, 1)
    assert data.achievements_since == dt.date(2025, 9, 2)
    assert any(a.kind == "milestone" and a.kpi == "Monthly revenue" for a in data.achievements)
    assert all(a.date >= data.achievements_since for a in data.achievements)


def test_report_on_letter_paper_with_progress_and_cancel(demo: Workspace, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    path = build_report(
        demo,
        tmp_path / "letter.pdf",
        TODAY,
        "Letter",
        progress=lambda d, n, w: seen.append((d, n, w)),
    )
    size = re.findall(r"[\d.]+", pdf_info(path)["Page size"])[:2]
    assert [round(float(v)) for v in size] == [612, 792]
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1]
    assert any("Monthly revenue" in w for _, _, w in seen)

    target = tmp_path / "cancelled.pdf"
    target.write_bytes(b"last month's report")
    with pytest.raises(ReportCancelled):
        build_report(demo, target, TODAY, progress=lambda d, n, w: d < 3)
    assert target.read_bytes() == b"last month's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cancelled.pdf", "letter.pdf"]
    with pytest.raises(ValidationError, match="page size"):
        build_report(demo, tmp_path / "x.pdf", TODAY, "A3")


def test_report_of_an_empty_workspace(workspace: Workspace, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = build_report(workspace, tmp_path / "empty.pdf", TODAY)
    text = " ".join(pdf_text(path).split())
    assert "There are no KPIs yet" in text and "No review meeting" in text


# -- data export ----------------------------------------------------------------------------


def _stored(ws: Workspace) -> set[tuple[str, dt.date, float]]:
    out = set()
    for kpi in ws.kpis.list():
        out |= {(kpi.name, m.period, m.value) for m in ws.measurements.list(kpi.id)}
    return out


def _to_the_cell(values: set[tuple[str, dt.date, float]]) -> set[tuple[str, dt.date, float]]:
    """The values as a spreadsheet cell keeps them: 15 significant digits (a calculated
    KPI's values, such as 62.29998810515048 %, lose their last digit on the way)."""
    return {(name, day, float(f"{value:.15g}")) for name, day, value in values}


def test_xlsx_has_its_sheets_and_imports_back_with_the_same_values(
    demo: Workspace, demo_path: Path | str, tmp_path: Path
) -> None:
    with Workspace.open(demo_path) as ws:  # (this module's demo is open read-only)
        revenue = ws.kpis.find("Monthly revenue").id
        ws.annotations.add(revenue, dt.date(2026, 4, 1), "=New barista")  # stays text
        ws.annotations.add(None, dt.date(2025, 7, 10), "Road works", dt.date(2025, 9, 20))
    path = export_xlsx(demo, tmp_path / "cafe.xlsx", TODAY)
    book = openpyxl.load_workbook(path)
    tables = [spec.name for spec in exchange_tables()]  # the full export's table sheets
    assert book.sheetnames == ["Measurements", "KPIs", "Milestones", "Status", "Notes", *tables]
    notes = list(book["Notes"].iter_rows(min_row=1, values_only=True))
    assert notes == [
        ("KPI", "From", "To", "Note"),
        (None, dt.datetime(2025, 7, 10), dt.datetime(2025, 9, 20), "Road works"),
        ("Monthly revenue", dt.datetime(2026, 4, 1), None, "=New barista"),
    ]
    assert book["Notes"]["D3"].data_type == "s"  # never a formula
    kpis = book["KPIs"]
    header = [c.value for c in kpis[1]]
    assert header[:2] == ["Goal", "KPI"] and "Target value" in header and "Formula" in header
    assert kpis.max_row == 1 + len(demo.kpis.list())
    status = {row[2]: row[3] for row in book["Status"].iter_rows(min_row=2, values_only=True)}
    assert status["Average wait at the counter"] == "Off track"

    with Workspace.create(tmp_path / "copy.kpidb") as copy:
        result = import_file(copy, path, ImportOptions(create_missing=True))
        assert result.inserted == len(_stored(demo))
        assert _to_the_cell(_stored(copy)) == _to_the_cell(_stored(demo))

    # Read back into the workspace it came from, a calculated KPI's column is skipped (its
    # values are derived there), and every other value meets itself.
    demo.save_copy(tmp_path / "again.kpidb")
    with Workspace.open(tmp_path / "again.kpidb") as ws:
        calculated = sorted(k.name for k in ws.kpis.list() if k.calculation)
        assert calculated == ["Average web-shop basket", "Gross margin"]
        plan = plan_import(ws, path, ImportOptions())
        assert not set(calculated) & set(plan.kpis_matched)
        before = _stored(ws)
        result = import_file(ws, path, ImportOptions(), on_conflict=OnConflict.REPLACE)
        assert result.replaced == len(before) - 48 and result.inserted == 0
        assert _stored(ws) == before


def test_values_beyond_a_sheet_go_on_in_the_next_and_import_back(
    demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel's sheets end at 1,048,576 rows: more values continue on "Measurements (2)"
    (the limit is made small here; the demo has 216 values)."""
    monkeypatch.setattr(data_export, "XLSX_MAX_DATA_ROWS", 100)
    path = export_xlsx(demo, tmp_path / "cafe.xlsx", TODAY)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Measurements",
        "Measurements (2)",
        "Measurements (3)",
        "KPIs",
        "Milestones",
        "Status",
        "Notes",
        *(spec.name for spec in exchange_tables()),
    ]
    sizes = [book[n].max_row - 1 for n in book.sheetnames[:3]]
    assert sizes == [100, 100, len(_stored(demo)) - 200]
    assert [c.value for c in book["Measurements (3)"][1]] == list(data_export.MEASUREMENT_HEADER)
    assert data_export.sheets_note(demo) == (
        f'Its {len(_stored(demo))} values fill 3 sheets ("Measurements", "Measurements (2)", '
        '"Measurements (3)"): an Excel sheet ends at 101 rows. To import them back, import '
        "each sheet."
    )
    with Workspace.create(tmp_path / "copy.kpidb") as copy:
        for sheet in book.sheetnames[:3]:
            import_file(copy, path, ImportOptions(create_missing=True, sheet=sheet))
        assert _to_the_cell(_stored(copy)) == _to_the_cell(_stored(demo))


def test_progress_is_told_and_cancel_writes_nothing(
    demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_export, "PROGRESS_EVERY", 50)
    heard: list[tuple[int, int]] = []

    def tell(done: int, total: int, what: str) -> bool:
        heard.append((done, total))
        return True

    for suffix in (".csv", ".xlsx"):
        export_data(demo, tmp_path / f"all{suffix}", TODAY, progress=tell)
        total = len(_stored(demo))
        assert heard == [(done, total) for done in range(0, total, 50)] + [(total, total)]
        heard.clear()

    old = export_csv(demo, tmp_path / "keep.csv").read_bytes()
    for suffix in (".csv", ".xlsx"):
        target = tmp_path / f"keep{suffix}"
        with pytest.raises(data_export.ExportCancelled):
            export_data(demo, target, TODAY, progress=lambda d, t, w: d == 0)
    assert (tmp_path / "keep.csv").read_bytes() == old  # the earlier file is kept
    assert not (tmp_path / "keep.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_csv_imports_back_with_the_same_values(demo: Workspace, tmp_path: Path) -> None:
    path = export_csv(demo, tmp_path / "cafe.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM for spreadsheets
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Date", "KPI", "Value", "Note", "Source"]
    assert len(rows) - 1 == len(_stored(demo))
    with Workspace.create(tmp_path / "copy.kpidb") as copy:
        import_file(copy, path, ImportOptions(create_missing=True))
        assert _stored(copy) == _stored(demo)
    with pytest.raises(ExportError, match="name the file .xlsx or .csv"):
        export_data(demo, tmp_path / "cafe.ods")


def test_text_that_looks_like_a_formula_is_neutralised(
    workspace: Workspace, tmp_path: Path
) -> None:
    goal = workspace.goals.add("Sales")
    kpi = workspace.kpis.add(goal.id, '=HYPERLINK("http://x")', unit="@units")
    day = dt.date(2025, 1, 1)
    workspace.measurements.upsert(kpi.id, day, -5.0, note="+1 from the promo")
    workspace.measurements.upsert(kpi.id, dt.date(2025, 2, 1), 3.0, note="-cmd|' /C calc'!A0")

    xlsx = export_xlsx(workspace, tmp_path / "data.xlsx", day)
    with zipfile.ZipFile(xlsx) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if "worksheets/" in n)
    assert "<f>" not in sheets  # no formula anywhere
    rows = list(openpyxl.load_workbook(xlsx)["Measurements"].iter_rows(min_row=2))
    name, value, note = rows[0][1], rows[0][2], rows[0][3]
    assert name.value == '=HYPERLINK("http://x")' and name.data_type == "s" and name.quotePrefix
    assert value.value == -5 and value.data_type == "n"  # numbers stay numbers
    assert note.value == "+1 from the promo" and note.quotePrefix

    path = export_csv(workspace, tmp_path / "data.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == [
        "2025-01-01",
        '\'=HYPERLINK("http://x")',
        "-5",
        "'+1 from the promo",
        "manual",
    ]
    assert rows[2][3] == "'-cmd|' /C calc'!A0"


# -- command line ---------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exports_with_exit_codes(
    demo_path: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    qapp,  # type: ignore[no-untyped-def]
) -> None:
    png, svg, pdf = tmp_path / "c.png", tmp_path / "c.svg", tmp_path / "c.pdf"
    code, out, err = cli(capsys, "export-chart", demo_path, "--kpi", "monthly REVENUE", "-o", png)
    assert code == 0, err
    assert "1920 x 1080" in out and QImage(str(png)).width() == 1920
    code, _, err = cli(
        capsys,
        "export-chart",
        demo_path,
        "--kpi",
        "Gross margin",
        "-o",
        svg,
        "--width",
        800,
        "--height",
        450,
    )
    assert code == 0, err
    assert ET.parse(svg).getroot().get("viewBox") == "0 0 800 450"
    assert cli(capsys, "export-chart", demo_path, "--kpi", "Food waste", "-o", pdf)[0] == 0
    assert "Food waste" in pdf_text(pdf)

    report = tmp_path / "meeting.pdf"
    code, out, err = cli(capsys, "report", demo_path, "-o", report, "--as-of", TODAY)
    assert code == 0, err
    assert "meeting report" in out and "Corner Cafe" in pdf_text(report)

    for name in ("data.xlsx", "data.csv"):
        code, out, err = cli(capsys, "export", demo_path, "-o", tmp_path / name)
        assert code == 0 and (tmp_path / name).stat().st_size > 1000, err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export-chart", "--kpi", "Gross margin", "-o", "c.gif"), "cannot export a chart"),
        (
            ("export-chart", "--kpi", "Gross", "-o", "c.png"),
            "did you mean 'Gross profit', 'Gross margin'",
        ),
        (("export-chart", "--kpi", "Gross margin", "-o", "c.png", "--width", 50), "too small"),
        (("report", "-o", "r.docx"), "a meeting report is a PDF"),
        (("report", "-o", "missing/r.pdf"), "does not exist"),
        (("export", "-o", "d.json"), "name the file .xlsx or .csv"),
    ],
)
def test_cli_user_errors_exit_1_with_one_line(
    demo_path: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    qapp,  # type: ignore[no-untyped-def]
    args: tuple[object, ...],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, args[0], demo_path, *args[1:])
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a partial file


def test_cli_bad_usage_exits_2(demo_path: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ("export-chart", demo_path, "-o", "x.png"),
        ("report", demo_path),
        ("export-chart", demo_path, "--kpi", "x", "-o", "x.png", "--width", "wide"),
    ):
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        assert exc.value.code == 2
    capsys.readouterr()


def test_cli_runs_headless_without_qt_noise(demo_file: Path, tmp_path: Path) -> None:
    """A real process, with no display and no QT_QPA_PLATFORM: quiet and successful."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    out = tmp_path / "chart.png"
    code = "from kpi_desktop.cli import main; raise SystemExit(main())"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "export-chart",
            str(demo_file),
            "--kpi",
            "Food waste",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and out.exists()
