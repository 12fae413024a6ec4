"""Item 11: names that differ only by whitespace or invisible characters are one name."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_server import reading_raw

from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.naming import clean_name, normalise
from kpi_desktop.services.workspace.workspace import Workspace


@pytest.mark.parametrize(
    "variant",
    [
        " Monthly revenue ",
        "Monthly\trevenue",
        "Monthly\x07 revenue",
        "Monthly\u200b revenue",
        "MONTHLY REVENUE\x00",
        "Monthly\nrevenue",
    ],
)
def test_a_name_differing_only_in_invisible_characters_is_the_same_name(
    where: Path | str, variant: str
) -> None:
    assert normalise(variant) == normalise("Monthly revenue")
    with Workspace.open(where) as ws:
        kpi = ws.kpis.find("Monthly revenue")
        with pytest.raises(ValidationError, match="already has a KPI"):
            ws.kpis.add(kpi.goal_id, variant, unit="EUR")
        assert ws.kpis.find(variant).id == kpi.id


def test_names_are_stored_clean(cli, where: Path | str) -> None:
    code, out, err = cli("add-goal", where, "  Open\x1b[31m a\u200bsecond\tcafe \x00")
    assert code == 0, err
    with Workspace.open(where) as ws:
        titles = [g.title for g in ws.goals.list()]
    assert "Open[31m asecond cafe" in titles
    assert clean_name(" a\u2028b\x7f ") == "a b"


def test_a_nul_in_free_text_is_dropped_alike_on_both_engines(cli, where: Path | str) -> None:
    """PostgreSQL cannot keep a NUL in text: a file drops it too, and neither refuses."""
    kpi = "Monthly revenue"
    commands = [
        ("action", where, "add", "Call\x00 the supplier"),
        ("edit-kpi", where, "--kpi", kpi, "--owner", "A\x00nn", "--unit", "E\x00UR"),
        ("add-value", where, "--kpi", kpi, "--period", "2026-01-01", "5", "--note", "n\x00b"),
        ("revise-target", where, "--kpi", kpi, "--target", "999999@2027-12-31")
        + ("--from", "2026-06-01", "--reason", "more\x00 seats"),
    ]
    for command in commands:
        code, _out, err = cli(*command)
        assert code == 0, (command, err)
    with reading_raw(where) as conn:
        texts = [
            conn.execute("SELECT title FROM action WHERE title LIKE 'Call%'").fetchone()[0],
            *conn.execute("SELECT owner, unit FROM kpi WHERE name = ?", (kpi,)).fetchone(),
            conn.execute("SELECT note FROM measurement WHERE note LIKE 'n%'").fetchone()[0],
        ]
    assert texts == ["Call the supplier", "Ann", "EUR", "nb"]
