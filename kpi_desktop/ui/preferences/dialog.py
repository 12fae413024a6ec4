"""Edit > Preferences…: the language the app speaks (saved; used from the next start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kpi_desktop.i18n.catalogue import LANGUAGES, language
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, make_combo
from kpi_desktop.ui.workspace.stale_dialog import SettingDialog

if TYPE_CHECKING:
    from kpi_desktop.ui.settings import AppSettings

SYSTEM = ""  # the saved value for "follow the system's language"


class PreferencesDialog(SettingDialog):
    """A language combo: the system's language or one the app ships, by its own name."""

    def __init__(self, saved: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        choices = [(SYSTEM, self.tr("System language")), *LANGUAGES.items()]
        self.language = make_combo(choices)
        codes = [code for code, _name in choices]
        self.language.setCurrentIndex(codes.index(saved) if saved in codes else 0)
        self.note = WrappedLabel("")
        self.language.currentIndexChanged.connect(self._show_note)
        self.lay_out(
            self.tr("Preferences"),
            self.tr(
                "The language of menus, windows, help pages, reports and slides, and how "
                "numbers and dates are written (1.234,5 and 7. Dez. 2026 in German)."
            ),
            self.tr("&Language:"),
            self.language,
            self.note,
        )
        self._show_note()

    def chosen(self) -> str:
        return str(self.language.currentData())

    def _show_note(self) -> None:
        now = self.chosen() in (SYSTEM, language())
        self.note.setText(
            "" if now else self.tr("The new language is used from the next start of the app.")
        )


def edit_preferences(settings: AppSettings, parent: QWidget) -> bool:
    """Show the dialog; save the language chosen. True when something changed."""
    dialog = PreferencesDialog(settings.language(), parent)
    if not dialog.exec() or dialog.chosen() == settings.language():
        return False
    settings.set_language(dialog.chosen())
    return True
