"""The export GUI: the chart export dialog (preview, sizes, formats, export through
ScriptedPrompts), copying a chart to the clipboard, and the report and data exports."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QDialog

from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.exports.chart_dialog import (
    ExportChartDialog,
    copy_chart_to_clipboard,
    suggested_file_name,
)
from kpi_desktop.ui.exports.report_dialog import ReportExportDialog, export_data, export_report
from kpi_desktop.ui.prompts import ScriptedPrompts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = dt.date(2025, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "cafe.kpidb"
    with Workspace.create(path, name="Corner Cafe") as ws:
        build_demo(ws, TODAY)
    return path


@pytest.fixture
def document(demo_file: Path, tmp_path: Path, qapp) -> Document:  # type: ignore[no-untyped-def]
    copy = tmp_path / "cafe.kpidb"
    copy.write_bytes(demo_file.read_bytes())
    doc = Document(Workspace.open(copy))
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def _kpi(document: Document, name: str) -> int:
    kpi = document.workspace.kpis.find(name)
    assert kpi.id is not None
    return kpi.id


def _dialog(qtbot, document: Document, prompts: ScriptedPrompts) -> ExportChartDialog:  # type: ignore[no-untyped-def]
    dialog = ExportChartDialog(document, _kpi(document, "Monthly revenue"), prompts)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_dialog_previews_the_chart_at_the_chosen_size(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, document, ScriptedPrompts())
    assert not dialog.isModal() or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    assert dialog.chart_size == (960, 540) and not dialog.width_spin.isEnabled()
    image = dialog.preview_image
    assert image is not None and not image.isNull()
    assert abs(image.width() / image.height() - 960 / 540) < 0.02
    assert not dialog.preview.pixmap().isNull()

    dialog.set_preset("half-slide")
    assert dialog.chart_size == (480, 540)
    assert abs(dialog.preview_image.width() / dialog.preview_image.height() - 480 / 540) < 0.02

    dialog.set_custom_size(1000, 400)
    assert dialog.width_spin.isEnabled() and dialog.chart_size == (1000, 400)
    assert abs(dialog.preview_image.width() / dialog.preview_image.height() - 2.5) < 0.03
    dialog.width_spin.setValue(800)  # typing waits a moment, then redraws
    qtbot.waitUntil(
        lambda: abs(dialog.preview_image.width() / dialog.preview_image.height() - 2.0) < 0.03
    )
    dialog.set_format(".png")
    assert "1600 × 800 pixels" in dialog.format_note.text()


def test_dialog_exports_through_prompts(qtbot, document: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "revenue"  # no suffix: the chosen format's is added
    prompts = ScriptedPrompts(files=[str(target)])
    dialog = _dialog(qtbot, document, prompts)
    dialog.set_format(".svg")
    dialog.set_preset("a4")
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".svg")
    assert signal.args == [written] and written.exists()
    assert ET.parse(written).getroot().get("viewBox") == "0 0 680 480"
    assert prompts.asked[0][0] == "save_file" and prompts.asked[0][2].startswith("SVG drawing")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_dialog_tells_why_an_export_failed(qtbot, document: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(files=[str(tmp_path / "chart.gif")])
    dialog = _dialog(qtbot, document, prompts)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.asked[-1]
    assert kind == "error" and "cannot export a chart as '.gif'" in text
    assert dialog.isVisible() and list(tmp_path.glob("chart*")) == []

    cancelled = ScriptedPrompts(files=[])  # the file dialog was cancelled
    dialog = _dialog(qtbot, document, cancelled)
    assert dialog.export_to_chosen_file() is None and dialog.isVisible()


def test_dialog_follows_edits_of_its_kpi(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, document, ScriptedPrompts())
    kpi_id = _kpi(document, "Monthly revenue")
    document.workspace.measurements.upsert(kpi_id, dt.date(2025, 10, 1), 60_000.0)
    document.measurements_changed.emit(kpi_id)
    assert dialog.data.latest is not None and dialog.data.latest.value == 60_000.0


def test_copy_chart_to_the_clipboard(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    image = copy_chart_to_clipboard(document, _kpi(document, "Gross margin"))
    assert (image.width(), image.height()) == (1920, 1080)
    pasted = clipboard.image()
    assert not pasted.isNull() and pasted.width() == 1920

    dialog = _dialog(qtbot, document, ScriptedPrompts())
    dialog.set_preset("half-slide")
    clipboard.clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.image().size().toTuple() == (960, 1080)


def test_suggested_file_names_are_safe() -> None:
    assert suggested_file_name("Revenue / month: EUR?", ".png") == "Revenue month EUR.png"
    assert suggested_file_name("...", ".pdf") == "chart.pdf"


def test_report_export_writes_a_pdf_with_progress(  # type: ignore[no-untyped-def]
    qtbot, request, document: Document, tmp_path: Path
) -> None:
    target = tmp_path / "meeting"
    prompts = ScriptedPrompts(files=[str(target)])
    dialog = export_report(None, document, prompts)  # deletes itself when closed
    request.addfinalizer(lambda: shiboken6.isValid(dialog) and dialog.close())
    assert isinstance(dialog, ReportExportDialog) and dialog.isVisible()
    assert dialog.as_of == TODAY
    dialog.set_page_size("Letter")
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = target.with_name("meeting.pdf")
    assert signal.args == [written]
    data = written.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert data.startswith(b"%PDF") and len(boxes) >= 6
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(612, 792)}  # US Letter
    assert [k for k, _, _ in prompts.asked] == ["save_file", "info"]
    assert "meeting report" in prompts.asked[0][1].lower()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # closed and deleted


def test_report_export_tells_a_failure(qtbot, document: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(files=[str(tmp_path / "missing" / "meeting.pdf")])
    dialog = ReportExportDialog(document, prompts)
    qtbot.addWidget(dialog)
    assert dialog.export_to_chosen_file() is None
    assert prompts.asked[-1][0] == "error" and "does not exist" in prompts.asked[-1][2]


def test_data_export_writes_xlsx_or_csv(qtbot, document: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(files=[str(tmp_path / "data"), str(tmp_path / "values.csv")])
    xlsx = export_data(None, document, prompts)
    assert xlsx == tmp_path / "data.xlsx" and xlsx.stat().st_size > 1000
    csv = export_data(None, document, prompts)
    assert csv == tmp_path / "values.csv" and csv.read_text("utf-8-sig").startswith("Date,KPI")
    assert [k for k, _, _ in prompts.asked] == ["save_file", "info", "save_file", "info"]
    assert export_data(None, document, prompts) is None  # cancelled: nothing asked after


def test_preview_image_is_a_light_chart(qtbot, document: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, document, ScriptedPrompts())
    dialog.resize(760, 700)
    dialog.update_preview()
    shot = dialog.grab().toImage()
    assert shot.width() >= 700
    image: QImage = dialog.preview_image
    corner = image.pixelColor(image.width() - 2, 2)
    assert corner.lightness() > 240  # the white meeting theme


def test_cancelling_the_data_export_writes_nothing_and_says_nothing(
    qtbot,  # type: ignore[no-untyped-def]
    document: Document,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import contextlib

    from kpi_desktop.ui.exports import report_dialog as report_export

    @contextlib.contextmanager
    def cancelled_at_once(*_: object):  # type: ignore[no-untyped-def]
        yield lambda done, total, what: False  # the user pressed Cancel

    monkeypatch.setattr(report_export, "progress_shown", cancelled_at_once)
    folder = tmp_path / "out"
    folder.mkdir()
    prompts = ScriptedPrompts(files=[str(folder / "values.xlsx")])
    assert export_data(None, document, prompts) is None
    assert list(folder.iterdir()) == []  # no file, no partial one
    assert [k for k, _, _ in prompts.asked] == ["save_file"]


def test_the_progress_dialog_tells_how_far(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QProgressDialog

    from kpi_desktop.ui.exports.report_dialog import progress_shown

    def dialogs() -> set[QProgressDialog]:
        return {w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)}

    earlier = dialogs()
    with progress_shown(None, "Export data", "Writing the values...") as tell:
        assert tell(500_000, 2_000_000, "Writing the values")
        (dialog,) = dialogs() - earlier
        assert (dialog.value(), dialog.maximum()) == (500_000, 2_000_000)
        assert dialog.labelText() == "Writing the values..."
        dialog.cancel()
        assert not tell(600_000, 2_000_000, "Writing the values")
