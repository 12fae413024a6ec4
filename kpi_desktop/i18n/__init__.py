"""Translations without Qt: the language in use and the German catalogue for texts built
outside widgets (domain labels, services, reports, deck); domain/formatting.py follows the
language with its number and date style.

A leaf below every layer (domain included): imports nothing of the project but paths, no Qt.
The GUI's own strings go through Qt's QTranslator (ui/preferences/language.py); both read the
same `.ts` files in resources/translations/, kept by `python -m kpi_desktop.i18n.update`.
"""
