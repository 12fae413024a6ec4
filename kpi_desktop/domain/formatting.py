"""How numbers, units and percentages read for people (tables, charts, CLI, reports)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kpi_desktop.domain.types import UnitKind
from kpi_desktop.domain.values import parse_number
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, language, translate

_PREFIX_SYMBOLS = {"€", "$", "£", "¥", "₹", "CHF", "R$"}


@dataclass(frozen=True)
class Style:
    """A language's conventions for numbers and dates a person reads (never for JSON/ISO)."""

    decimal: str
    group: str
    currency_after: bool  # "41.343 €" rather than "€41,343"
    percent_space: str  # "" for "42%", a no-break space for "42 %"
    months: tuple[str, ...]  # January..December
    short_months: tuple[str, ...]
    day_suffix: str  # "7. Dez. 2026": the German day ends with a full stop


ENGLISH = Style(
    ".",
    ",",
    False,
    "",
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "",
)
GERMAN = Style(
    ",",
    ".",
    True,
    "\u00a0",
    (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    (
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    ".",
)
STYLES = {"en": ENGLISH, "de": GERMAN}


def style() -> Style:
    """The conventions of the language in use (i18n.catalogue.set_language chooses it)."""
    return STYLES.get(language(), ENGLISH)


def format_number(value: float, decimals: int = 0) -> str:
    """1234.5 -> "1,235" (English) or "1.235" (German)."""
    text = f"{value:,.{max(0, decimals)}f}"
    s = style()
    if s.decimal == ".":
        return text
    return text.replace(",", "\0").replace(".", s.decimal).replace("\0", s.group)


def format_date(d: dt.date, form: str = "short") -> str:
    """ "7 Dec 2026" / "7. Dez. 2026" (short), "7 December 2026" (long), "Dec 2026" (month)."""
    s = style()
    if form == "month":
        return f"{s.short_months[d.month - 1]} {d.year}"
    months = s.months if form == "long" else s.short_months
    return f"{d.day}{s.day_suffix} {months[d.month - 1]} {d.year}"


def format_date_time(moment: dt.datetime) -> str:
    """ "Mon 7 Dec 2026, 14:05" / "7. Dez. 2026, 14:05"."""
    if style() is ENGLISH:
        return f"{moment:%a} {format_date(moment.date())}, {moment:%H:%M}"
    return f"{format_date(moment.date())}, {moment:%H:%M}"


def format_value(
    value: float | None,
    unit: str = "",
    decimals: int = 0,
    unit_kind: str | None = None,
    currency_symbol: str = "",
) -> str:
    """`1234.5, "EUR", 0` -> "1,235 EUR"; `"€"` symbols go first; "%" sticks to the number."""
    if value is None:
        return "—"
    number = format_number(value, decimals)
    if number.startswith("-") and round(value, max(0, decimals)) == 0:
        number = number[1:]
    symbol = currency_symbol or (unit if unit in _PREFIX_SYMBOLS else "")
    if symbol and (unit_kind == UnitKind.CURRENCY or unit in _PREFIX_SYMBOLS):
        if style().currency_after:
            return f"{number}\u00a0{symbol}"
        sign = "-" if number.startswith("-") else ""
        return f"{sign}{symbol}{number.lstrip('-')}"
    if unit in ("%", "percent"):
        return f"{number}{style().percent_space}%"
    return f"{number} {unit}".rstrip()


def format_percent(fraction: float | None, decimals: int = 0) -> str:
    """0.42 -> "42%"."""
    if fraction is None:
        return "—"
    return f"{format_number(fraction * 100, decimals)}{style().percent_space}%"


#: The nouns counted in messages, singular and plural (German in the .ts, context Count).
COUNTED = (
    QT_TRANSLATE_NOOP("Count", "value"),
    QT_TRANSLATE_NOOP("Count", "values"),
    QT_TRANSLATE_NOOP("Count", "stored value"),
    QT_TRANSLATE_NOOP("Count", "stored values"),
    QT_TRANSLATE_NOOP("Count", "new value"),
    QT_TRANSLATE_NOOP("Count", "new values"),
    QT_TRANSLATE_NOOP("Count", "column"),
    QT_TRANSLATE_NOOP("Count", "columns"),
    QT_TRANSLATE_NOOP("Count", "row"),
    QT_TRANSLATE_NOOP("Count", "rows"),
    QT_TRANSLATE_NOOP("Count", "bad row"),
    QT_TRANSLATE_NOOP("Count", "bad rows"),
    QT_TRANSLATE_NOOP("Count", "KPI"),
    QT_TRANSLATE_NOOP("Count", "KPIs"),
    QT_TRANSLATE_NOOP("Count", "new KPI"),
    QT_TRANSLATE_NOOP("Count", "new KPIs"),
)


def count_of(n: int, word: str) -> str:
    """ "1 value", "2,760 values" ("2.760 Werte" in German): `word` is the singular."""
    return f"{format_number(n)} {translate('Count', word if n == 1 else word + 's')}"


_GERMAN_GROUPED = re.compile(r"[^.,]*\d{1,3}(?:\.\d{3})+[^.,\d]*")


def parse_typed(text: str | float | int) -> float:
    """A number a person typed (or read in a table and retyped), in the language in use:
    German "38.618" is 38618 and "1,5" is 1.5 (a plain "12.5" still reads as 12.5);
    English as parse_number reads it. Raises ValueError as parse_number does."""
    if not isinstance(text, str) or style().decimal != ",":
        return parse_number(text)
    if "," in text or _GERMAN_GROUPED.fullmatch(text.strip()):
        return parse_number(text, ",")
    return parse_number(text)
