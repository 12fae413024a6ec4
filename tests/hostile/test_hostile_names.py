"""Item 11: names that differ only by whitespace or invisible characters are one name."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    base: Path, variant: str
) -> None:
    assert normalise(variant) == normalise("Monthly revenue")
    with Workspace.open(base) as ws:
        kpi = ws.kpis.find("Monthly revenue")
        with pytest.raises(ValidationError, match="already has a KPI"):
            ws.kpis.add(kpi.goal_id, variant, unit="EUR")
        assert ws.kpis.find(variant).id == kpi.id


def test_names_are_stored_clean(cli, base: Path) -> None:
    code, out, err = cli("add-goal", base, "  Open\x1b[31m a\u200bsecond\tcafe \x00")
    assert code == 0, err
    with Workspace.open(base) as ws:
        titles = [g.title for g in ws.goals.list()]
    assert "Open[31m asecond cafe" in titles
    assert clean_name(" a\u2028b\x7f ") == "a b"
