"""Which language the app speaks, and the translators that make Qt speak it.

The choice, first that applies: `--language CODE` on the command line, the language saved in
Preferences, the system's locale (when the app ships it), else English. The app's own
`.qm` (resources/translations) and Qt's `qtbase_CODE.qm` (the buttons of standard dialogs)
are installed on the QApplication, QLocale's default follows, and the i18n catalogue is told
so reports, the deck and number and date formats follow too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from kpi_desktop.i18n.catalogue import DEFAULT, LANGUAGES, set_language, supported

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from kpi_desktop.ui.settings import AppSettings


class UnknownLanguage(ValueError):
    """`--language` named a language the app does not ship."""


def choose_language(requested: str | None, settings: AppSettings | None) -> str:
    """The language code to use (see the module's docstring for the order)."""
    if requested:
        code = supported(requested)
        if code is None:
            choices = ", ".join(LANGUAGES)
            raise UnknownLanguage(f"unknown language {requested!r} (choose one of: {choices})")
        return code
    saved = supported(settings.language()) if settings is not None else None
    if saved:
        return saved
    return supported(QLocale.system().name()) or DEFAULT


def install_translators(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Install the app's and Qt's translators for `code` on `app` (none for English).

    Returns them (the caller need not keep them: they are parented to `app`)."""
    code = set_language(code)
    QLocale.setDefault(QLocale(code))
    installed: list[QTranslator] = []
    if code == DEFAULT:
        return installed
    ours = QTranslator(app)
    if ours.load(f"kpi_desktop_{code}", str(translations_dir())):
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def translations_dir() -> Path:
    """resources/translations, found without importlib.resources (slow at start-up)."""
    try:
        import kpi_desktop.resources as shipped
    except ModuleNotFoundError:  # a frozen build keeps the folder beside the package code
        import kpi_desktop.paths

        return Path(kpi_desktop.paths.__file__).with_name("resources") / "translations"
    return Path(shipped.__file__).parent / "translations"
