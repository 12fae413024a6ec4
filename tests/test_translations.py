"""German: the .ts files hold every string of the code, finished; the committed .qm are
current; the window, its menus, the wizard, dialogs, help, report and deck speak German with
German numbers and dates; the command line's JSON stays machine format."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from pptx import Presentation
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMenu
from translation_probe import speaking

from kpi_desktop.domain.formatting import count_of, format_date, format_percent, format_value
from kpi_desktop.domain.periods import FiscalYear, period_label
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.i18n import update
from kpi_desktop.i18n.catalogue import DEFAULT, set_language, translate
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.actions.commands import AddAction
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.notes.commands import AddNote
from kpi_desktop.ui.preferences.language import UnknownLanguage, choose_language
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GERMAN_TS = update.TRANSLATIONS / "kpi_desktop_de.ts"
NBSP = "\u00a0"


@pytest.fixture
def german():  # type: ignore[no-untyped-def]
    """The catalogue (not Qt) in German, back to English after the test."""
    set_language("de")
    yield
    set_language(DEFAULT)


# -- the Qt workflow --------------------------------------------------------------------------


def test_every_string_of_the_code_is_in_the_ts_and_finished_in_german() -> None:
    left = update.problems(GERMAN_TS)
    assert not left, (
        f"{len(left)} string(s) missing from {GERMAN_TS.name} or unfinished in German:\n  "
        + "\n  ".join(left)
        + f"\nRun `{update.UPDATE_COMMAND}` to add them to the .ts, translate them (Qt "
        "Linguist: pyside6-linguist, or edit the <translation> elements), then run it again "
        "to build the .qm (see CONTRIBUTING.md, 'Adding a string')."
    )


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    built = tmp_path / "kpi_desktop_de.qm"
    update.lrelease(GERMAN_TS, built)
    committed = GERMAN_TS.with_suffix(".qm")
    assert committed.exists(), f"run `{update.UPDATE_COMMAND}` and commit {committed.name}"
    assert built.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is older than {GERMAN_TS.name}: run `{update.UPDATE_COMMAND}`"
    )


def test_the_check_mode_lists_a_new_string_and_exits_1(tmp_path: Path) -> None:
    """A helper who adds a string sees it named, with the command to run."""
    ts = tmp_path / "kpi_desktop_de.ts"
    text = GERMAN_TS.read_text(encoding="utf-8")
    # Drop the German of one message: it now counts as unfinished.
    ts.write_text(
        text.replace("<translation>&amp;Datei</translation>", "<translation></translation>"),
        encoding="utf-8",
    )
    assert update.problems(ts) == ["MainWindowMenus: &File"]


# -- choosing the language --------------------------------------------------------------------


def test_the_language_comes_from_the_command_line_then_preferences_then_the_system() -> None:
    settings = AppSettings()
    assert choose_language("de", settings) == "de"
    assert choose_language("de_AT", settings) == "de"
    settings.set_language("de")
    assert choose_language(None, settings) == "de"
    assert choose_language("en", settings) == "en"
    settings.set_language("")
    system = QLocale.system().name()
    assert choose_language(None, settings) == ("de" if system.startswith("de") else "en")
    with pytest.raises(UnknownLanguage, match="choose one of: en, de"):
        choose_language("xx", settings)


def test_preferences_save_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.ui.preferences.dialog import PreferencesDialog

    dialog = PreferencesDialog("")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ""
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    assert dialog.chosen() == "de"
    assert "next start" in dialog.note.text()


# -- numbers, dates and texts outside Qt ---------------------------------------------------


def test_german_numbers_currency_and_dates(german: None) -> None:
    assert format_value(41343.2, "EUR", 0, "currency", "€") == f"41.343{NBSP}€"
    assert format_value(1234.56, "kg", 1) == "1.234,6 kg"
    assert format_percent(0.423) == f"42{NBSP}%"
    assert format_date(dt.date(2026, 12, 7)) == "7. Dez. 2026"
    assert format_date(dt.date(2026, 5, 7), "long") == "7. Mai 2026"
    assert period_label(dt.date(2026, 9, 1), Frequency.MONTHLY) == "Sept. 2026"
    assert period_label(dt.date(2026, 4, 1), Frequency.YEARLY, fiscal=FiscalYear(4)) == (
        "GJ 2026/27"
    )
    assert count_of(2760, "value") == "2.760 Werte"
    assert Status.AT_RISK.label == "Gefährdet"


def test_english_stays_as_it_was() -> None:
    assert format_value(41343.2, "EUR", 0, "currency", "€") == "€41,343"
    assert format_date(dt.date(2026, 12, 7)) == "7 Dec 2026"
    assert Status.AT_RISK.label == "At risk"
    assert translate("Report", "Scorecard (continued)") == "Scorecard (continued)"


def test_the_cli_json_stays_machine_format_in_german(
    cafe: Path, capsys: pytest.CaptureFixture[str], german: None
) -> None:
    code, out, _err = run(capsys, "status", cafe, "--json", "--as-of", "2026-12-07")
    assert code == 0
    rows = json.loads(out)
    revenue = next(r for r in rows if r["kpi"] == "Monthly revenue")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", revenue["latest_date"])
    assert isinstance(revenue["latest_value"], float | int)
    assert revenue["status"] in {s.value for s in Status}


def test_help_pages_in_german(german: None) -> None:
    from kpi_desktop.ui.help_viewer import help_page, help_pages

    titles = list(help_pages())
    assert titles[0] == "So funktioniert der Status"
    assert "So funktioniert das Bemessen" in titles
    assert "Bemessen" in help_page("how-sizing-works.md").read_text(encoding="utf-8")


HELP = update.TRANSLATIONS.parent / "help"


def _heading_levels(page: Path) -> list[int]:
    """The level of each Markdown heading of a page, in order (code blocks skipped)."""
    levels, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"(#{1,6}) \S", line)):
            levels.append(len(m.group(1)))
    return levels


def test_every_help_page_has_a_german_twin_with_every_section() -> None:
    """A new page or a new section of an English page fails here until its German is written."""
    pages = sorted(HELP.glob("*.md"))
    assert len(pages) >= 4
    for page in pages:
        twin = HELP / "de" / page.name
        assert twin.is_file(), f"{page.name} has no German twin in resources/help/de/"
        english, german = _heading_levels(page), _heading_levels(twin)
        assert len(german) == len(english) and german == english, (
            f"resources/help/de/{page.name} has {len(german)} heading(s), the English page "
            f"{len(english)}: translate the missing section(s)"
        )


def test_the_report_and_the_deck_in_german(demo: Workspace, tmp_path: Path, german: None) -> None:
    from kpi_desktop.reports.deck.slides import build_deck
    from kpi_desktop.reports.meeting_report import build_report

    today = dt.date(2026, 12, 7)
    pdf = build_report(demo, tmp_path / "bericht.pdf", today)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Wo wir stehen", "Scorecard", "Seite 1 von", "Berichtsdatum: 7. Dezember"):
        assert words in text, words
    assert re.search(r"\d{1,3}(\.\d{3})+ €", text), "German thousands and euro sign"
    deck = build_deck(demo, tmp_path / "folien.pptx", today)
    assert deck.slides > 3
    said = " ".join(
        shape.text_frame.text
        for slide in Presentation(str(tmp_path / "folien.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Offene Aktionen" in said
    assert "Letzte Werte:" in said


# -- the window in German -----------------------------------------------------------------


def test_the_window_menus_and_dialogs_speak_german(qtbot, cafe: Path) -> None:  # type: ignore[no-untyped-def]
    with speaking("de") as probe:
        window = MainWindow(AppSettings(), ScriptedPrompts())
        qtbot.addWidget(window)
        assert window.open_workspace(cafe)
        window.show()
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles[:5] == ["&Datei", "&Bearbeiten", "&Ansicht", "&KPI", "&Verfolgen"]
        assert "&Hilfe" in titles
        for menu in window.menuBar().findChildren(QMenu):
            menu.aboutToShow.emit()
        file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert "Ö&ffnen…" in file_items and "&Beenden" in file_items
        assert window.windowTitle().endswith("— KPI Desktop")
        view = window.view
        assert view is not None and window.document is not None
        tabs = [view.centre.tabText(i) for i in range(view.centre.count())]
        assert "&Diagramm" in tabs and "Ü&bersicht" in tabs
        kpi = window.document.workspace.kpis.find("Monthly revenue")
        view.tree.select("kpi", kpi.id)
        QApplication.processEvents()
        pane = view.chart
        shown = " ".join((pane.value_label.text(), pane.as_of_label.text()))
        assert "Stand " in shown
        assert re.search(r"\d{1,3}(\.\d{3})+\u00a0€", shown), shown
        model = view.table.model
        assert model.rowCount() > 0
        assert model.headerData(0, Qt.Orientation.Horizontal, 0) == "Zeitraum"
        months = {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept."}
        months |= {"Okt.", "Nov.", "Dez."}
        first = model.data(model.index(0, 0))
        assert first.split()[0] in months, first
        # The dialogs and wizards a person opens from the menus.
        for opened in (
            window.open_wizard(0, kpi.id),
            window.check_in(),
            window.start_review(),
            window.import_data(),
            window.export_chart(),
            window.show_history(),
            window.show_help(),
        ):
            assert opened is not None
            QApplication.processEvents()
            opened.close()
        wizard = window.open_wizard(0, kpi.id)
        for _page in range(5):
            wizard.next()
            QApplication.processEvents()
        wizard.close()
        window.close_workspace()
    assert not probe.missing, (
        "shown without a German translation (mark them for lupdate, see CONTRIBUTING.md): "
        + "; ".join(f"{c}: {s}" for c, s in sorted(probe.missing))
    )


def _undo_modules() -> list[str]:
    """Every module of the package that names an undo step (an EditCommand subclass)."""
    root = Path(commands.__file__).parents[1]
    return sorted(
        str(path)
        for path in root.rglob("*.py")
        if re.search(r"class \w+\((EditCommand|_\w*Command)\)", path.read_text(encoding="utf-8"))
    )


def test_every_undo_step_name_is_a_literal_lupdate_can_see() -> None:
    """Edit > Undo "…" shows the command's text: an f-string or bare literal there would stay
    English (lupdate reads only translate("Undo", "literal") and self.tr("literal"))."""
    modules = _undo_modules()
    assert len(modules) >= 8, modules
    for module in modules:
        tree = ast.parse(Path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "__init__"
                and isinstance(node.func.value, ast.Call)
                and getattr(node.func.value.func, "id", "") == "super"
            ):
                for arg in node.args:
                    bare = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    assert not bare and not isinstance(arg, ast.JoinedStr), (
                        f"{module}:{node.lineno}: an undo step named without translate()"
                    )


def test_the_undo_steps_are_named_in_german(qtbot, cafe: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with speaking("de") as probe:
        window = MainWindow(AppSettings(), ScriptedPrompts())
        qtbot.addWidget(window)
        assert window.open_workspace(cafe)
        doc = window.document
        assert doc is not None
        ws = doc.workspace
        kpi = ws.kpis.find("Monthly revenue")
        goal = ws.goals.find("Grow profitable revenue")
        rows = [(dt.date(2019, m, 1), 1000.0 + m, None) for m in range(1, 4)]
        made = [
            (commands.AddGoal(doc, "Zweites Café"), "Ziel „Zweites Café“ hinzufügen"),
            (commands.AddGoal(doc, "Terrasse", goal.id), "Unterziel „Terrasse“ hinzufügen"),
            (commands.EditKpi(doc, kpi.id, owner="Ben"), "KPI bearbeiten"),
            (commands.SetValues(doc, kpi.id, rows), "3 Werte einfügen"),
            (commands.DeleteValues(doc, kpi.id, [dt.date(2019, 1, 1)]), "Wert löschen"),
            (commands.SetFiscalYear(doc, 4), "Geschäftsjahr beginnt im April"),
            (
                commands.RevisePlan(doc, kpi.id, dt.date(2027, 3, 1), target_value=52000.0),
                "Zielwert ab 1. März 2027 ändern",
            ),
            (
                AddNote(doc, kpi.id, dt.date(2026, 3, 1), "Preiserhöhung"),
                "Notiz „Preiserhöhung“ hinzufügen",
            ),
            (AddAction(doc, "Neue Karte drucken"), "Aktion „Neue Karte drucken“ hinzufügen"),
        ]
        for command, german in made:
            assert doc.push(command) is None, german
            assert doc.undo_stack.undoText() == german
        edit = window.menuBar().actions()[1].menu()
        assert edit is not None
        edit.aboutToShow.emit()
        texts = [a.text() for a in edit.actions()]
        assert texts[:2] == [
            "&Rückgängig: Aktion „Neue Karte drucken“ hinzufügen",
            "&Wiederherstellen",
        ]
        window.close_workspace()
    assert not probe.missing, sorted(probe.missing)


def test_the_selftest_in_german() -> None:
    script = Path(sys.executable).with_name("kpi-desktop")
    done = subprocess.run(
        [str(script), "--selftest", "--language", "de"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "selftest ok: de:" in done.stdout and "&Datei" in done.stdout
    bad = subprocess.run(
        [str(script), "--selftest", "--language", "xx"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "unknown language 'xx'" in bad.stderr


def test_german_numbers_shown_in_a_field_read_back_as_the_same_number(german: None) -> None:
    from kpi_desktop.domain.formatting import parse_typed
    from kpi_desktop.ui.widgets.field_messages import format_number

    for value in (38618.0, 1234.5, 0.25, 1_200_000.0, -42.75):
        shown = format_number(value)
        assert parse_typed(shown) == value, shown
    assert format_number(38618.0) == "38.618"
    assert parse_typed("12,5") == 12.5 and parse_typed("12.5") == 12.5
