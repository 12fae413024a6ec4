"""How numbers, units and percentages read for people (tables, charts, CLI, reports)."""

from __future__ import annotations

from kpi_desktop.domain.types import UnitKind

_PREFIX_SYMBOLS = {"€", "$", "£", "¥", "₹", "CHF", "R$"}


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
    number = f"{value:,.{max(0, decimals)}f}"
    if number.startswith("-0") and float(number.replace(",", "")) == 0:
        number = number[1:]
    symbol = currency_symbol or (unit if unit in _PREFIX_SYMBOLS else "")
    if unit_kind == UnitKind.CURRENCY and symbol:
        sign = "-" if number.startswith("-") else ""
        return f"{sign}{symbol}{number.lstrip('-')}"
    if symbol and unit in _PREFIX_SYMBOLS:
        sign = "-" if number.startswith("-") else ""
        return f"{sign}{symbol}{number.lstrip('-')}"
    if unit in ("%", "percent"):
        return f"{number}%"
    return f"{number} {unit}".rstrip()


def format_percent(fraction: float | None, decimals: int = 0) -> str:
    """0.42 -> "42%"."""
    if fraction is None:
        return "—"
    return f"{fraction * 100:.{decimals}f}%"
