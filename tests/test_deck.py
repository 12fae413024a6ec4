"""The meeting deck (issue 16): a 16:9 .pptx with a title slide, the scorecard, a slide per
KPI with a native line chart whose data are the stored values, the open actions and the
achievements; text fitted to its frames; written whole or not at all; opens in Impress."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu
from PySide6.QtCore import Qt
from team_server import cafe_on

from kpi_desktop.cli import main
from kpi_desktop.reports.deck.native_chart import MAX_POINTS, value_range
from kpi_desktop.reports.deck.slides import BOLD_WIDTH, DeckCancelled, build_deck
from kpi_desktop.reports.deck.text_fit import LINE_SPACING, fit_text, wrap
from kpi_desktop.reports.output_file import ExportError
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TODAY = dt.date.today()
EMU_PER_PT = 12700


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


@pytest.fixture
def deck(demo: Workspace, tmp_path: Path) -> Path:
    path = tmp_path / "meeting.pptx"
    build_deck(demo, path, TODAY)
    return path


def slide_texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def test_the_demo_deck_slide_by_slide(deck: Path, demo: Workspace) -> None:
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))  # 16:9
    slides = list(prs.slides)
    # title, the scorecard on two slides (11 KPIs), the strategy map, 11 KPIs, actions,
    # achievements
    assert len(slides) == 17
    title = slide_texts(slides[0])
    assert title[0] == "Corner Cafe"
    assert any("Last review: " in t for t in title)
    scorecard = slide_texts(slides[1]) + slide_texts(slides[2])
    assert scorecard[0] == "Scorecard (1 of 2)"
    for kpi in demo.kpis.list():
        assert any(t.strip() == kpi.name for t in scorecard), kpi.name
    assert "◆ Off track" in scorecard and "★ Achieved" in scorecard
    assert slide_texts(slides[3])[0] == "Strategy map"
    pictures = [sh for sh in slides[3].shapes if sh.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    assert pictures[0].width <= prs.slide_width and pictures[0].top > Emu(0)
    kpi_titles = [slide_texts(s)[0] for s in slides[4:15]]
    assert sorted(kpi_titles) == sorted(k.name for k in demo.kpis.list())
    assert slide_texts(slides[15])[0] == "Open actions"
    assert "Renegotiate milk and bean prices with our suppliers" in slide_texts(slides[15])
    achievements = slide_texts(slides[16])
    assert achievements[0] == "Achievements"
    names = {k.name for k in demo.kpis.list()}
    assert all(line[2:].split(":")[0] in names for line in achievements[2].splitlines())


def test_a_kpi_chart_is_native_and_holds_the_stored_values(deck: Path, demo: Workspace) -> None:
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if slide_texts(s)[0] == "Monthly revenue")
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    assert chart.chart_type == XL_CHART_TYPE.LINE
    plot = chart.plots[0]
    names = [s.name for s in plot.series]
    assert names[:3] == ["Actual", "Plan", "Target"]
    assert {"Average", "Upper natural limit", "Lower natural limit"} <= set(names)
    kpi = demo.kpis.find("Monthly revenue")
    stored = demo.measurements.points(kpi.id)
    categories = list(plot.categories)
    actual = dict(zip(categories, plot.series[0].values, strict=True))
    shown = [v for v in actual.values() if v is not None]
    assert shown == [p.value for p in stored][-MAX_POINTS:]
    target = plot.series[2].values
    assert set(target) == {kpi.target_value}
    xml = chart._chartSpace.xml
    assert '<c:dispBlanksAs val="gap"/>' in xml and '<c:baseTimeUnit val="months"/>' in xml
    low, high = chart.value_axis.minimum_scale, chart.value_axis.maximum_scale
    assert low <= min(shown) and high >= max(shown) and low > 0  # not from zero
    # the limits are each stretch's own, as the app's chart draws them: a step at each
    # lasting shift
    bands = chart_data(demo, kpi.id, dt.date.today()).stretches
    assert len(bands) >= 2
    series = {s.name: list(s.values) for s in plot.series}
    # categories come back as spreadsheet day numbers (days since 30 Dec 1899)
    months = [dt.date(1899, 12, 30) + dt.timedelta(days=float(c)) for c in categories]
    for band in bands:
        if band.first in months:
            at = months.index(band.first)
            assert series["Upper natural limit"][at] == pytest.approx(band.upper[0])
            assert series["Average"][at] == pytest.approx(band.centre[0])
    assert len({round(v) for v in series["Average"] if v is not None}) == len(bands)


def test_notes_carry_the_sentences_and_the_open_actions(deck: Path) -> None:
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if slide_texts(s)[0] == "Gross margin")
    notes = slide.notes_slide.notes_text_frame.text
    status = slide_texts(slide)[2]
    assert notes.splitlines()[0] == status
    assert "Open actions:" in notes
    assert "- Renegotiate milk and bean prices with our suppliers (Maria" in notes
    commentary = slide_texts(slide)[3]
    assert commentary.splitlines() == notes.splitlines()[1 : 1 + len(commentary.splitlines())]
    assert "plan for now" in commentary and "natural variation" in commentary


def _assert_text_fits(prs) -> int:  # type: ignore[no-untyped-def]
    checked = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            sizes = {r.font.size.pt for p in frame.paragraphs for r in p.runs}
            assert len(sizes) == 1
            size = sizes.pop()
            width, height = shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
            if any(r.font.bold for p in frame.paragraphs for r in p.runs):
                width /= BOLD_WIDTH
            lines = wrap(frame.text, size, width)
            assert len(lines) * size * LINE_SPACING <= height + 0.01, frame.text
            checked += 1
    return checked


def test_text_never_overflows_even_with_long_names(demo: Workspace, tmp_path: Path) -> None:
    goal = demo.goals.add("Win back the neighbourhood's trust after the long renovation " * 2)
    demo.kpis.add(
        goal.id,
        "Share of regulars who come back within four weeks of their first visit after the "
        "renovation and the new menu",
        unit="%",
        target_value=60.0,
    )
    path = tmp_path / "long.pptx"
    build_deck(demo, path, TODAY)
    assert _assert_text_fits(Presentation(str(path))) > 30


def test_a_stale_kpi_says_so_on_the_scorecard_and_its_slide(
    demo: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "later.pptx"
    later = TODAY + dt.timedelta(days=75)  # two months on, no new value: every KPI is stale
    build_deck(demo, path, later, kpis=["Monthly revenue"])
    slides = list(Presentation(str(path)).slides)
    assert any(t.endswith("· stale") for t in slide_texts(slides[1]))
    assert slide_texts(slides[2])[0] == "Strategy map"
    assert "(stale)" in slide_texts(slides[3])[2]


def test_fit_shrinks_then_cuts() -> None:
    assert fit_text("Short", 400, 40, 30).size_pt == 30
    long = "word " * 200
    fit = fit_text(long, 300, 60, 20, 10)
    assert fit.size_pt == 10 and fit.lines[-1].endswith("…")
    assert len(fit.lines) * 10 * LINE_SPACING <= 60
    assert value_range({"a": [100.0, 120.0]})[0] > 0
    assert value_range({"a": [0.1, 3.0]})[0] == 0.0  # a share never below zero


def test_a_cancelled_or_failed_export_leaves_no_file(
    demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "meeting.pptx"
    path.write_bytes(b"the old deck")
    seen: list[tuple[int, int]] = []

    def stop_at_three(done: int, total: int, _what: str) -> bool:
        seen.append((done, total))
        return done < 3

    with pytest.raises(DeckCancelled):
        build_deck(demo, path, TODAY, progress=stop_at_three)
    assert seen[-1] == (3, 17)
    assert path.read_bytes() == b"the old deck"
    assert [p.name for p in folder.iterdir()] == ["meeting.pptx"]

    def disk_full(self, file) -> None:  # type: ignore[no-untyped-def]
        Path(file).write_bytes(b"half a deck")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pptx.presentation.Presentation.save", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        build_deck(demo, path, TODAY)
    assert path.read_bytes() == b"the old deck"
    assert [p.name for p in folder.iterdir()] == ["meeting.pptx"]


def test_cli_deck_filters_and_refuses_bad_input(cafe: Path | str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "deck.pptx"
    assert main(["deck", str(cafe), "-o", str(out), "--goal", "Delight our regulars"]) == 0
    assert "(8 slides, 3 KPIs)" in capsys.readouterr().out  # the strategy map is one
    assert len(Presentation(str(out)).slides) == 8
    assert main(["deck", str(cafe), "-o", str(out), "--kpi", "Gross margin", "Food waste"]) == 0
    assert "(7 slides, 2 KPIs)" in capsys.readouterr().out
    out.unlink()
    for args, message in (
        (["--kpi", "Nope"], 'no KPI named "Nope"'),
        (["--goal", "Nope"], "Nope"),
    ):
        assert main(["deck", str(cafe), "-o", str(out), *args]) == 1
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
        assert not out.exists()
    assert main(["deck", str(cafe), "-o", str(tmp_path / "deck.pdf")]) == 1
    assert "name the file .pptx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_date:
        main(["deck", str(cafe), "-o", str(out), "--as-of", "2026-13-01"])
    assert bad_date.value.code == 2


def test_file_export_meeting_deck_from_the_window(qtbot, cafe: Path | str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "from the app"
    prompts = ScriptedPrompts(files=[str(out), str(tmp_path / "regulars.pptx")])
    window = MainWindow(AppSettings(tmp_path / "settings.ini"), prompts)
    qtbot.addWidget(window)
    assert window.open_workspace(cafe)
    assert window.menus.export_deck_action.isEnabled()
    dialog = window.export_deck()
    assert dialog is not None and dialog.isVisible()  # window-modal, never blocking
    written = dialog.export_to_chosen_file()
    assert written == tmp_path / "from the app.pptx" and written.exists()
    assert prompts.asked[-1][:2] == ("info", "Meeting deck saved")
    assert len(Presentation(str(written)).slides) == 17
    assert dialog.count.text() == "11 KPIs: a slide for each." and dialog.export_button.isEnabled()
    dialog.kpis.set_all(False)
    assert dialog.count.text() == "Tick at least one KPI."
    assert not dialog.export_button.isEnabled()
    dialog.kpis.tick_goal("Delight our regulars")
    regulars_kpis = dialog.kpis.chosen()
    assert dialog.count.text() == f"{len(regulars_kpis)} KPIs: a slide for each."
    dialog.as_of_edit.setDate(dialog.as_of_edit.date().addDays(-40))
    regulars = dialog.export_to_chosen_file()
    assert regulars is not None
    slides = list(Presentation(str(regulars)).slides)
    assert len(slides) == 8
    titles = {slide_texts(s)[0] for s in slides}
    assert set(regulars_kpis) <= titles
    dialog.kpis.set_all(False)
    one = next(dialog.kpis._kpi_items())
    one.setCheckState(0, Qt.CheckState.Checked)
    assert dialog.count.text() == "1 KPI: one slide for it."
    prompts.files.append(str(tmp_path / "one.pptx"))
    single = dialog.export_to_chosen_file()
    assert single is not None
    slides = list(Presentation(str(single)).slides)
    assert len(slides) == 6 and slide_texts(slides[3])[0] == one.text(0)  # after the map
    as_of = TODAY - dt.timedelta(days=40)
    assert f"as of {as_of.day} {as_of:%b %Y}" in slide_texts(slides[0])[1]
    dialog.close()
    window.close_workspace()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_impress_renders_one_page_per_slide(deck: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "meeting.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    assert int(pages.split()[1]) == 17
