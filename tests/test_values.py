"""Reading numbers and dates as people write them (domain/values.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.magnitude import EARLIEST_DATE, LATEST_DATE, MAX_MAGNITUDE
from kpi_desktop.domain.values import (
    AmbiguousDate,
    detect_date_order,
    detect_decimal_mark,
    excel_serial_to_date,
    parse_date,
    parse_number,
)

D = dt.date

NUMBERS = [
    ("12", 12.0),
    ("12.5", 12.5),
    ("-12.5", -12.5),
    ("+3", 3.0),
    ("  7 ", 7.0),
    ("1e3", 1000.0),
    ("1.5E-2", 0.015),
    (".5", 0.5),
    ("12.", 12.0),
    # thousands separators
    ("1,234.5", 1234.5),
    ("1,234,567", 1234567.0),
    ("1,234,567.89", 1234567.89),
    ("1.234,5", 1234.5),
    ("1.234.567", 1234567.0),
    ("1.234.567,89", 1234567.89),
    ("1 234,5", 1234.5),
    ("1 234 567", 1234567.0),
    ("1\u00a0234,5", 1234.5),  # no-break space (French Excel)
    ("1\u202f234,5", 1234.5),  # narrow no-break space
    ("1'234.5", 1234.5),  # Swiss
    ("1’234.5", 1234.5),
    ("1,234", 1234.0),  # one comma and three digits: thousands, unless told otherwise
    # decimal comma
    ("12,5", 12.5),
    ("0,125", 0.125),
    ("-0,5", -0.5),
    (",5", 0.5),
    ("1234,567", 1234.567),  # not grouped in threes: a decimal comma
    # currency
    ("€12", 12.0),
    ("€ 1.234,56", 1234.56),
    ("$1,200", 1200.0),
    ("£3.50", 3.5),
    ("¥1000", 1000.0),
    ("12 €", 12.0),
    ("12€", 12.0),
    ("12 EUR", 12.0),
    ("EUR 12", 12.0),
    ("USD 5", 5.0),
    ("5 usd", 5.0),
    ("US$ 1,000.50", 1000.5),
    ("$12 USD", 12.0),
    ("kr 12,50", 12.5),
    # percent: the number as written
    ("12%", 12.0),
    ("12 %", 12.0),
    ("12,5%", 12.5),
    ("-3.5%", -3.5),
    # negatives
    ("(120)", -120.0),
    ("(1,234.50)", -1234.5),
    ("($120)", -120.0),
    ("(€1.234,56)", -1234.56),
    ("−5", -5.0),  # Unicode minus
    ("– 5", -5.0),  # en dash
    ("5-", -5.0),  # trailing minus
    ("-$12", -12.0),
    ("$-12", -12.0),
    ("EUR -12", -12.0),
    ("-€1.234,5", -1234.5),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number_reads_spreadsheet_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,234", ",", 1.234),
        ("1,234", ".", 1234.0),
        ("1.234", ",", 1234.0),
        ("1.234", ".", 1.234),
        ("1.234,5", ",", 1234.5),
        ("12", ",", 12.0),
    ],
)
def test_parse_number_with_a_known_decimal_mark(text: str, decimal: str, expected: float) -> None:
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "blank"),
        ("   ", "blank"),
        ("abc", "not a number"),
        ("12,x", "not a number"),
        ("12 kg", "not a number"),
        ("1,23,4", "wrong places"),
        ("1 2", "wrong places"),
        ("1.5.5", "wrong places"),
        ("1,234.5,6", "decimal mark"),
        ("1.234 567,8", "mixes"),
        ("nan", "finite"),
        ("inf", "finite"),
        ("-Infinity", "finite"),
        ("1e999", "finite"),
        ("%", "not a number"),
        ("$", "not a number"),
        ("()", "not a number"),
        ("#DIV/0!", "not a number"),
        ("2024-01-31", "not a number"),
    ],
)
def test_parse_number_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_number(text)


def test_parse_number_takes_numbers_and_refuses_other_types() -> None:
    assert parse_number(5) == 5.0
    assert parse_number(2.5) == 2.5
    for bad in (True, float("nan"), dt.date(2024, 1, 1), None):
        with pytest.raises(ValueError):
            parse_number(bad)  # type: ignore[arg-type]


@given(st.floats(min_value=-MAX_MAGNITUDE, max_value=MAX_MAGNITUDE))
def test_parse_number_reads_back_python_floats(x: float) -> None:
    assert parse_number(repr(x)) == x


@given(st.floats(min_value=MAX_MAGNITUDE, exclude_min=True, allow_infinity=False))
def test_parse_number_refuses_values_beyond_a_sane_magnitude(x: float) -> None:
    for text in (repr(x), repr(-x)):
        with pytest.raises(ValueError, match="too large"):
            parse_number(text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_thousands_and_decimal_forms_agree(whole: int, cents: int) -> None:
    english = f"{whole:,}.{cents:02d}"
    german = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    french = english.replace(",", "\u00a0").replace(".", ",")
    expected = whole + cents / 100
    assert parse_number(english) == pytest.approx(expected)
    assert parse_number(german) == pytest.approx(expected)
    assert parse_number(french) == pytest.approx(expected)
    assert parse_number(f"({english})") == pytest.approx(-expected)


DATES = [
    ("2024-01-31", D(2024, 1, 31)),
    ("2024-01-31T00:00:00", D(2024, 1, 31)),
    ("2024-01-31T13:45:10.5", D(2024, 1, 31)),
    ("2024-01-31 13:45", D(2024, 1, 31)),
    ("2024-01-31T00:00:00Z", D(2024, 1, 31)),
    ("2024/01/31", D(2024, 1, 31)),
    ("2024/1/5", D(2024, 1, 5)),
    ("20240131", D(2024, 1, 31)),
    ("31/01/2024", D(2024, 1, 31)),
    ("01/31/2024", D(2024, 1, 31)),
    ("31-01-2024", D(2024, 1, 31)),
    ("31/01/24", D(2024, 1, 31)),
    ("31/01/99", D(1999, 1, 31)),
    ("31/01/2024 10:30", D(2024, 1, 31)),
    ("1/31/2024 10:30 PM", D(2024, 1, 31)),
    ("05/05/2024", D(2024, 5, 5)),  # the same either way
    ("31.01.2024", D(2024, 1, 31)),
    ("01.02.2024", D(2024, 2, 1)),  # dotted dates are day-first
    ("1.2.24", D(2024, 2, 1)),
    ("Jan 1 2000", D(2000, 1, 1)),
    ("Jan 1, 2000", D(2000, 1, 1)),
    ("January 1, 2000", D(2000, 1, 1)),
    ("Sat, Jan 1 2000", D(2000, 1, 1)),
    ("1 Jan 2000", D(2000, 1, 1)),
    ("1st January 2000", D(2000, 1, 1)),
    ("01-Jan-24", D(2024, 1, 1)),
    ("15-Sep-2023", D(2023, 9, 15)),
    ("Sept 3 2023", D(2023, 9, 3)),
    ("january 2024", D(2024, 1, 1)),
    ("January 2024", D(2024, 1, 1)),
    ("Jan 2024", D(2024, 1, 1)),
    ("Jan-24", D(2024, 1, 1)),
    ("2024 Mar", D(2024, 3, 1)),
    ("2024-01", D(2024, 1, 1)),
    ("2024/12", D(2024, 12, 1)),
    ("01/2024", D(2024, 1, 1)),
    ("12.2024", D(2024, 12, 1)),
    ("2024-Q1", D(2024, 1, 1)),
    ("2024 Q3", D(2024, 7, 1)),
    ("Q4 2024", D(2024, 10, 1)),
    ("q2-2024", D(2024, 4, 1)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date_reads_spreadsheet_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("03/04/2024", "dmy", D(2024, 4, 3)),
        ("03/04/2024", "mdy", D(2024, 3, 4)),
        ("3-4-24", "dmy", D(2024, 4, 3)),
        ("31/01/2024", "dmy", D(2024, 1, 31)),
        ("01/31/2024", "mdy", D(2024, 1, 31)),
        ("31.01.2024", "mdy", D(2024, 1, 31)),  # dotted stays day-first
        ("2024-01-02", "mdy", D(2024, 1, 2)),  # ISO is ISO
    ],
)
def test_parse_date_with_an_order(text: str, order: str, expected: dt.date) -> None:
    assert parse_date(text, order) == expected  # type: ignore[arg-type]


def test_a_date_that_reads_both_ways_needs_an_order() -> None:
    with pytest.raises(AmbiguousDate, match="day-first or month-first"):
        parse_date("03/04/2024")


@pytest.mark.parametrize(
    ("text", "order", "reason"),
    [
        ("", None, "blank"),
        ("hello", None, "not a date"),
        ("2024-13-01", None, "not a real date"),
        ("2023-02-29", None, "not a real date"),
        ("31/13/2024", None, "not a real date"),
        ("31/01/2024", "mdy", "not a real date"),
        ("Foo 1 2000", None, "unknown month"),
        ("45292", None, "number, not a date"),
        ("12.5", None, "number, not a date"),
    ],
)
def test_parse_date_refuses_with_a_reason(text: str, order: str | None, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text, order)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        (36526, D(2000, 1, 1)),
        (45292, D(2024, 1, 1)),
        (45292.75, D(2024, 1, 1)),  # the fraction is the time of day
        (401768, D(2999, 12, 31)),  # the last date the app reads
    ],
)
def test_excel_serial_numbers_only_when_the_column_holds_dates(
    serial: float, expected: dt.date
) -> None:
    assert parse_date(serial, excel_serial=True) == expected
    assert parse_date(str(serial), excel_serial=True) == expected
    assert excel_serial_to_date(serial) == expected
    with pytest.raises(ValueError, match="number, not a date"):
        parse_date(serial)


@pytest.mark.parametrize("serial", [0, -1, 60, 2958466, 1e9])
def test_excel_serial_numbers_out_of_range(serial: float) -> None:
    with pytest.raises(ValueError):
        parse_date(serial, excel_serial=True)


def test_parse_date_takes_dates_and_datetimes() -> None:
    assert parse_date(D(2024, 2, 3)) == D(2024, 2, 3)
    assert parse_date(dt.datetime(2024, 2, 3, 10, 5)) == D(2024, 2, 3)
    for bad in (True, dt.time(10, 0), None):
        with pytest.raises(ValueError):
            parse_date(bad)  # type: ignore[arg-type]


@given(st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE))
def test_every_written_form_reads_back(d: dt.date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year}", "dmy") == d
    assert parse_date(f"{d.month}/{d.day}/{d.year}", "mdy") == d
    assert parse_date(f"{d.day}.{d.month}.{d.year}") == d
    assert parse_date(d.strftime("%b %d %Y")) == d
    assert parse_date(d.strftime("%d %B %Y")) == d


@given(st.dates(min_value=D(1900, 3, 1), max_value=LATEST_DATE))
def test_excel_serials_read_back(d: dt.date) -> None:
    serial = (d - D(1899, 12, 30)).days
    assert parse_date(serial, excel_serial=True) == d


@pytest.mark.parametrize("text", ["0001-01-01", "0999-12-31", "3000-01-01", "9999-12-31", 2958465])
def test_dates_outside_the_years_the_app_reads_are_refused(text: str | int) -> None:
    with pytest.raises(ValueError, match="outside the dates the app reads"):
        parse_date(text, excel_serial=True)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["31/01/2024", "01/02/2024"], "dmy"),
        (["01/31/2024", "02/01/2024"], "mdy"),
        (["01/02/2024", "03/04/2024"], None),
        (["2024-01-31", "Jan 5 2024", "31.01.2024"], None),  # only slash/dash dates count
        (["13-01-2024"], "dmy"),
        ([], None),
    ],
)
def test_detect_date_order(texts: list[str], expected: str | None) -> None:
    assert detect_date_order(texts) == expected


def test_detect_date_order_refuses_both_forms() -> None:
    with pytest.raises(ValueError, match="31/01/2024.*01/31/2024"):
        detect_date_order(["31/01/2024", "01/31/2024"])


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["12,5"], ","),
        (["1.234,5"], ","),
        (["0,125"], ","),
        (["1,234.5"], "."),
        (["1,234,567"], "."),
        (["1.5"], "."),
        (["1,234"], None),
        (["1,234", "12,5"], ","),
        (["12,5", "1,234.5"], None),
        ([], None),
    ],
)
def test_detect_decimal_mark(texts: list[str], expected: str | None) -> None:
    assert detect_decimal_mark(texts) == expected
