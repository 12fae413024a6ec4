"""Running the GUI in a language with a probe that notes every text Qt was asked to
translate and found no translation for (strings passed through helpers or constants, which
`pyside6-lupdate` cannot see, show up here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kpi_desktop.i18n.catalogue import DEFAULT, messages, set_language
from kpi_desktop.ui.preferences.language import install_translators


class MissProbe(QTranslator):
    """Asked first (installed last); answers nothing, notes what the catalogue lacks."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.table = messages(code)
        self.missing: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def translate(  # noqa: N802
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # PySide asks each class of an object's MRO in turn: a text counts as missing only
        # when no context has it.
        if source and ("", source) not in self.table and _is_ours(context):
            self.missing.add((context, source))
        return None  # a null string: "no translation here", so Qt asks the next translator


#: pyqtgraph's own (its plot context menu, which the app's charts switch off).
THIRD_PARTY = {"Form", "PlotItem", "ViewBox", "GraphicsScene", "ViewBoxMenu", "AxisItem"}


def _is_ours(context: str) -> bool:
    """Qt's own contexts (QDialogButtonBox, QShortcut...) are qtbase's business."""
    qt = context.startswith("Q") and context[1:2].isupper()
    return not qt and context not in THIRD_PARTY


@contextmanager
def speaking(code: str) -> Iterator[MissProbe]:
    """The app in `code` (its translators, QLocale, the catalogue), back to English after."""
    app = QApplication.instance()
    assert isinstance(app, QCoreApplication)
    installed = install_translators(app, code)
    probe = MissProbe(code)
    app.installTranslator(probe)
    try:
        yield probe
    finally:
        for translator in (probe, *installed):
            app.removeTranslator(translator)
        set_language(DEFAULT)
        QLocale.setDefault(QLocale.system())
