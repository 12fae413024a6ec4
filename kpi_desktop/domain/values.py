"""Reading numbers and dates the way people write them in spreadsheets.

Used by the file importer and by paste-from-spreadsheet. Pure functions, no I/O; they are
called up to millions of times, so each has a fast path (Python's own parsers) and caches
its slow path.

Numbers (:func:`parse_number`)
    ``1234.5``, ``1,234.5``, ``1.234,5``, ``1 234,5``, ``1'234.5``, ``12,5`` (decimal
    comma), ``1e3``; currency symbols and codes before or after (``€12``, ``$1,200``,
    ``12 EUR``, ``USD 5``); a percent sign (``12%`` reads as 12.0: the number as written,
    the KPI's unit says it is a percentage); negatives as ``-5``, ``−5`` (Unicode minus),
    ``(120)`` (accounting) or ``5-`` (trailing minus). One comma followed by exactly three
    digits (``1,234``) is a thousands separator unless told the decimal mark is a comma.

Dates (:func:`parse_date`)
    ISO ``2024-01-31`` (with or without a time ``T00:00:00``), ``2024/01/31``, slash or dash
    dates ``31/01/2024`` and ``01/31/2024`` (day-first or month-first, see
    :func:`detect_date_order`), dotted ``31.01.2024`` (always day-first), two-digit years
    (``00``-``29`` are 2000-2029, ``30``-``99`` are 1930-1999, as Excel reads them), month
    names in English (``Jan 1 2000``, ``January 1, 2000``, ``1 Jan 2000``, ``01-Jan-24``),
    months (``January 2024``, ``Jan-24``, ``2024-01``) and quarters (``2024-Q1``,
    ``Q1 2024``) as their first day, an optional time after a date, and Excel serial day
    numbers (``45292`` is 2024-01-01) only when the caller says the column holds dates.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from kpi_desktop.domain.magnitude import check_date_range, check_magnitude

DateOrder = Literal["dmy", "mdy"]

__all__ = [
    "AmbiguousDate",
    "DateOrder",
    "EXCEL_SERIAL_MAX",
    "EXCEL_SERIAL_MIN",
    "detect_date_order",
    "detect_decimal_mark",
    "excel_serial_to_date",
    "parse_date",
    "parse_number",
]


class AmbiguousDate(ValueError):
    """A slash date like 03/04/2024 that reads both day-first and month-first."""


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_CURRENCY_SYMBOLS = "€$£¥₹₽₩₺₪₫¢₴₦₱฿"
_CURRENCY_CODES = frozenset(
    {
        "EUR",
        "USD",
        "GBP",
        "JPY",
        "CHF",
        "CAD",
        "AUD",
        "NZD",
        "CNY",
        "RMB",
        "HKD",
        "SGD",
        "INR",
        "SEK",
        "NOK",
        "DKK",
        "ISK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "RUB",
        "UAH",
        "TRY",
        "ILS",
        "ZAR",
        "BRL",
        "MXN",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "KRW",
        "TWD",
        "THB",
        "MYR",
        "IDR",
        "PHP",
        "VND",
        "AED",
        "SAR",
        "QAR",
        "EGP",
        "NGN",
        "KES",
        "MAD",
    }
)
# Things written before or after a number that are not part of it: codes like "US$", "kr".
_CURRENCY_WORDS = frozenset(
    _CURRENCY_CODES
    | {"US$", "A$", "C$", "NZ$", "HK$", "S$", "R$", "KR", "KR.", "FR.", "SFR", "ZŁ", "ZL", "LEI"}
)
_MINUS_SIGNS = "-−–‒﹣－"  # hyphen-minus, Unicode minus, en dash, figure dash, small/fullwidth
_SPACES = " \u00a0\u2009\u202f\u2007"  # space, no-break, thin, narrow no-break, figure
_GROUP_MARKS = _SPACES + "'’"  # may separate thousands, never a decimal mark
_CORE = re.compile(r"[0-9][0-9.,'’ \u00a0\u2009\u202f\u2007]*|[.,][0-9]+")
_THOUSANDS_GROUPS = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})*")


def parse_number(text: str | float | int, decimal: str | None = None) -> float:
    """The number written in `text` (see the module docstring for what is understood).

    `decimal` is the decimal mark when the caller knows it ("," or "."; see
    :func:`detect_decimal_mark`), else each text is read on its own merits. A percent sign
    is dropped: "12%" is 12.0. Raises ValueError with a short reason for anything else;
    blank cells are the caller's business (they raise too).
    """
    return check_magnitude(_read_number(text, decimal))


def _read_number(text: str | float | int, decimal: str | None) -> float:
    if isinstance(text, bool):
        raise ValueError("is true/false, not a number")
    if isinstance(text, int | float):
        number = float(text)
        if not math.isfinite(number):
            raise ValueError("is not a finite number")
        return number
    if not isinstance(text, str):
        raise ValueError(
            "is a date, not a number" if isinstance(text, dt.date) else "is not a number"
        )
    if decimal != ",":
        try:
            number = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(number):
                return number
            raise ValueError("is not a finite number")
    return _parse_number_text(text, decimal)


@lru_cache(maxsize=65536)
def _parse_number_text(text: str, decimal: str | None) -> float:
    s = text.strip(_SPACES + "\t\r\n")
    if not s:
        raise ValueError("is blank")
    negative = False
    if s[0] == "(" and s[-1] == ")":
        negative = True
        s = s[1:-1].strip(_SPACES)
    s, sign = _strip_sign(s)
    negative ^= sign
    s = _strip_decoration(s)
    s, sign = _strip_sign(s)  # "€-12", "-€12" and "EUR -12" all work
    negative ^= sign
    if not s:
        raise ValueError("is not a number")
    if s[-1] in _MINUS_SIGNS and not negative:  # "120-": trailing minus (SAP, some banks)
        s, negative = s[:-1].rstrip(_SPACES), True
    exponent = ""
    m = re.fullmatch(r"(.*?[0-9])[eE]([+-]?[0-9]{1,3})", s)
    if m and not any(c in m.group(1) for c in "," + _GROUP_MARKS):
        s, exponent = m.group(1), "e" + m.group(2)
    if not _CORE.fullmatch(s) or s[-1] in _GROUP_MARKS:
        raise ValueError("is not a number")
    number = float(_normalise_digits(s, decimal) + exponent)
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    return -number if negative else number


def _strip_sign(s: str) -> tuple[str, bool]:
    if s and s[0] in _MINUS_SIGNS:
        return s[1:].lstrip(_SPACES), True
    if s and s[0] == "+":
        return s[1:].lstrip(_SPACES), False
    return s, False


def _strip_decoration(s: str) -> str:
    """Remove a percent sign and currency symbols or codes around the number."""
    s = s.strip(_SPACES)
    if s.endswith("%"):
        s = s[:-1].rstrip(_SPACES)
    elif s.startswith("%"):
        s = s[1:].lstrip(_SPACES)
    for _ in range(2):  # a symbol and a code, e.g. "$12 USD"
        if s and s[0] in _CURRENCY_SYMBOLS:
            s = s[1:].lstrip(_SPACES)
        if s and s[-1] in _CURRENCY_SYMBOLS:
            s = s[:-1].rstrip(_SPACES)
        head = re.match(r"[A-Za-zŁł$.]+", s)
        if head and head.group(0).upper() in _CURRENCY_WORDS:
            s = s[head.end() :].lstrip(_SPACES)
        tail = re.search(r"[A-Za-zŁł$.]+$", s)
        if tail and tail.group(0).upper() in _CURRENCY_WORDS and tail.start() > 0:
            s = s[: tail.start()].rstrip(_SPACES)
    return s


def _normalise_digits(s: str, decimal: str | None) -> str:
    """Turn "1.234,5" / "1 234,5" / "1,234.5" into "1234.5", checking thousands groups."""
    commas, dots = s.count(","), s.count(".")
    if decimal is None:
        if commas and dots:
            decimal = "," if s.rfind(",") > s.rfind(".") else "."
        elif commas == 1 and not dots:
            before, after = s.split(",")
            thousands = (
                len(after) == 3
                and before.strip(_GROUP_MARKS)[:1] not in ("", "0")
                and _looks_grouped(s, ",")
            )
            decimal = "." if thousands else ","
        elif commas > 1:
            decimal = "."
        elif dots > 1:
            decimal = ","
        else:
            decimal = "."
    group = "," if decimal == "." else "."
    if s.count(decimal) > 1:
        raise ValueError("has more than one decimal mark")
    whole, _, frac = s.partition(decimal)
    if any(c in frac for c in group + _GROUP_MARKS):
        raise ValueError("has a thousands separator after the decimal mark")
    if not whole:
        whole = "0"
    elif not whole.isdigit():
        marks = {c for c in whole if not c.isdigit()}
        if len(marks - set(_SPACES)) > 1 or (marks - set(_SPACES) and marks & set(_SPACES)):
            raise ValueError("mixes different thousands separators")
        if not _looks_grouped(whole, group):
            raise ValueError("has thousands separators in the wrong places")
        whole = "".join(c for c in whole if c.isdigit())
    return f"{whole}.{frac}" if frac else whole


def _looks_grouped(whole: str, group: str) -> bool:
    """True if the separators in `whole` split it into groups of three digits."""
    canon = "".join("X" if (c == group or c in _GROUP_MARKS) else c for c in whole)
    if "X" not in canon:
        return canon.isdigit()
    return _THOUSANDS_GROUPS.fullmatch(canon) is not None


def detect_decimal_mark(texts: Iterable[str]) -> str | None:
    """The decimal mark a set of number texts uses: ",", "." or None if they do not say.

    "12,5", "0,125" or "1.234,5" say comma; "1,234.5", "1.5" or "1,234,567" say point.
    "1,234" says nothing (it is 1234 or 1.234). Texts that say both give None.
    """
    says_comma = says_point = False
    for text in texts:
        s = text.strip(_SPACES)
        commas, dots = s.count(","), s.count(".")
        if commas and dots:
            if s.rfind(",") > s.rfind("."):
                says_comma = True
            else:
                says_point = True
        elif commas == 1:
            after = s.split(",")[1]
            digits = len(after) - len(after.lstrip("0123456789"))
            before = s.split(",")[0].strip(_SPACES + _CURRENCY_SYMBOLS + "-−(+")
            if digits != 3 or before in ("", "0"):
                says_comma = True
        elif commas > 1 or dots == 1:
            says_point = True
        elif dots > 1:
            says_comma = True
        if says_comma and says_point:
            return None
    if says_comma:
        return ","
    if says_point:
        return "."
    return None


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

#: Excel's serial day numbers from 1900-01-01 to 9999-12-31 (1900 date system).
EXCEL_SERIAL_MIN = 1
EXCEL_SERIAL_MAX = 2958465
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 0 as Excel's arithmetic has it after 1900-02-28

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_Y = r"(?P<y>\d{4}|\d{2})"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?"
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"(?P<y>\d{{4}})[-/.](?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}}){_TIME}")),
    ("dotted", re.compile(rf"(?P<a>\d{{1,2}})\.(?P<b>\d{{1,2}})\.{_Y}\.?{_TIME}")),
    ("numeric", re.compile(rf"(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-]{_Y}{_TIME}")),
    ("ym", re.compile(r"(?P<y>\d{4})[-/.](?P<a>\d{1,2})")),
    ("ym", re.compile(r"(?P<a>\d{1,2})[-/.](?P<y>\d{4})")),
    ("quarter", re.compile(r"(?P<y>\d{4})\s*[-/ ]?\s*[Qq](?P<q>[1-4])")),
    ("quarter", re.compile(r"[Qq](?P<q>[1-4])\s*[-/ ]?\s*(?P<y>\d{4})")),
    (
        "mdy_name",
        re.compile(
            rf"{_WEEKDAY}{_MON}[\s-]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?[\s-]+"
            rf"{_Y}{_TIME}"
        ),
    ),
    (
        "dmy_name",
        re.compile(
            rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MON},?[\s-]+"
            rf"{_Y}{_TIME}"
        ),
    ),
    ("my_name", re.compile(rf"{_MON}[\s\-/,]+{_Y}")),
    ("ym_name", re.compile(rf"(?P<y>\d{{4}})[\s-]+{_MON}")),
]
_SLASH_DATE = re.compile(r"\s*(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})(?:[ T].*)?\s*")


def excel_serial_to_date(serial: float) -> dt.date:
    """The date of an Excel serial day number (1900 date system; the fraction is the time)."""
    if not EXCEL_SERIAL_MIN <= serial < EXCEL_SERIAL_MAX + 1:
        raise ValueError(
            f"is outside Excel's date numbers ({EXCEL_SERIAL_MIN} to {EXCEL_SERIAL_MAX})"
        )
    days = int(serial)
    if days == 60:
        raise ValueError("is 29 February 1900, a day that Excel counts but that never was")
    if days < 60:  # Excel counts a 29 February 1900 that did not exist
        return dt.date(1899, 12, 31) + dt.timedelta(days=days)
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def parse_date(
    text: str | float | int | dt.date,
    order: DateOrder | None = None,
    *,
    excel_serial: bool = False,
) -> dt.date:
    """The date written in `text` (see the module docstring for the formats understood).

    `order` says how to read slash or dash dates such as 03/04/2024: "dmy" (day first) or
    "mdy" (month first); without it a date that reads both ways raises AmbiguousDate.
    `excel_serial=True` (for a column known to hold dates) also accepts Excel serial day
    numbers, as text or as numbers. Datetimes become their date. Raises ValueError with a
    short reason otherwise.
    """
    return check_date_range(_read_date(text, order, excel_serial))


def _read_date(
    text: str | float | int | dt.date, order: DateOrder | None, excel_serial: bool
) -> dt.date:
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, bool):
        raise ValueError("is true/false, not a date")
    if isinstance(text, int | float):
        if excel_serial:
            return excel_serial_to_date(text)
        raise ValueError("is a number, not a date")
    if not isinstance(text, str):
        raise ValueError("is not a date")
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return _parse_date_text(text, order, excel_serial)


@lru_cache(maxsize=65536)
def _parse_date_text(text: str, order: DateOrder | None, excel_serial: bool) -> dt.date:
    s = text.strip()
    if not s:
        raise ValueError("is blank")
    if len(s) > 10 and s[4] == "-" and s[10] in "T ":
        try:
            return dt.datetime.fromisoformat(s).date()
        except ValueError:
            pass
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            return _build_date(kind, m.groupdict(), order)
    if s.replace(".", "", 1).isdigit():
        if len(s) == 8 and s.isdigit():  # 20240131
            try:
                return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
            except ValueError:
                pass
        if excel_serial:
            return excel_serial_to_date(float(s))
        raise ValueError("is a number, not a date")
    raise ValueError("is not a date")


def _year(y: str) -> int:
    if len(y) == 4:
        return int(y)
    two = int(y)
    return 2000 + two if two < 30 else 1900 + two


def _month(name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError("is not a date (unknown month name)") from None


def _make(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise ValueError("is not a real date") from None


def _build_date(kind: str, g: dict[str, str], order: DateOrder | None) -> dt.date:
    if kind == "ymd":
        return _make(int(g["y"]), int(g["a"]), int(g["b"]))
    if kind == "dotted":
        return _make(_year(g["y"]), int(g["b"]), int(g["a"]))
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if order is None:
            if a > 12 >= b:
                order = "dmy"
            elif b > 12 >= a:
                order = "mdy"
            elif a <= 12 and b <= 12 and a != b:
                raise AmbiguousDate("could be day-first or month-first")
            else:
                order = "dmy"  # equal parts read the same either way; both > 12 fails below
        day, month = (a, b) if order == "dmy" else (b, a)
        return _make(_year(g["y"]), month, day)
    if kind == "ym":
        return _make(int(g["y"]), int(g["a"]), 1)
    if kind == "quarter":
        return dt.date(int(g["y"]), (int(g["q"]) - 1) * 3 + 1, 1)
    if kind in ("mdy_name", "dmy_name"):
        return _make(_year(g["y"]), _month(g["mon"]), int(g["d"]))
    # my_name / ym_name: a month
    return _make(_year(g["y"]), _month(g["mon"]), 1)


def detect_date_order(texts: Iterable[str]) -> DateOrder | None:
    """Whether slash/dash dates like 31/01/2024 are day-first ("dmy") or month-first ("mdy").

    Only dates made of numbers with "/" or "-" between count (ISO, dotted and month-name
    dates say nothing). A first part above 12 says day-first, a second part above 12 says
    month-first. None when nothing says (every part is 12 or less). Raises ValueError when
    both forms appear.
    """
    dmy = mdy = None
    for text in texts:
        if not isinstance(text, str):
            continue
        m = _SLASH_DATE.fullmatch(text)
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b and dmy is None:
            dmy = text
        elif b > 12 >= a and mdy is None:
            mdy = text
        if dmy is not None and mdy is not None:
            raise ValueError(
                f"the dates mix day-first ({dmy.strip()}) and month-first ({mdy.strip()}) forms"
            )
    if dmy is not None:
        return "dmy"
    if mdy is not None:
        return "mdy"
    return None
