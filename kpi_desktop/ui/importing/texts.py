"""Sentences the import wizard's pages share: counts of things and problems in words."""

from __future__ import annotations

from collections.abc import Sequence

from kpi_desktop.domain.formatting import count_of
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import AmbiguousDates, ImportFailed, ImportFileError


def count(n: int, word: str) -> str:
    """ "1 value", "2,760 values"."""
    return count_of(n, word)


def some_names(names: Sequence[str], shown: int = 3) -> str:
    """The first few names, "a, b, c, …" when there are more."""
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")


def listed(items: Sequence[str], shown: int) -> str:
    """The first `shown` items, "a, b and 3 more" when there are more."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (
        translate("ImportTexts", " and {0} more").format(more) if more > 0 else ""
    )


def problem_text(exc: KpiDesktopError) -> str:
    """An error as a sentence for the page (without the file's path in front)."""
    if isinstance(exc, AmbiguousDates):
        rows = ", ".join(map(str, exc.rows[:5]))
        if len(exc.rows) > 5:
            rows = translate("ImportTexts", "{0} and more").format(rows)
        return translate(
            "ImportTexts",
            "The dates in column '{0}' can be read day first or month first (rows {1}). "
            "Choose how to read them.",
        ).format(exc.column, rows)
    if isinstance(exc, ImportFailed):
        return translate(
            "ImportTexts",
            "The file has {0}: nothing can be imported until they are fixed. The next page "
            "lists every one.",
        ).format(count(len(exc.problems), "bad row"))
    text = exc.reason if isinstance(exc, ImportFileError) else exc.message
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
