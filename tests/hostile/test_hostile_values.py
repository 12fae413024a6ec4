"""Item 2: values near the float limit are refused, extreme allowed ones are safe
everywhere; item 7: no value for a period that has not begun; item 6: names a CSV export
protected come back as they were."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from team_server import reading_raw

from kpi_desktop.domain.magnitude import MAX_MAGNITUDE
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.workspace.workspace import Workspace


def stored(where: Path | str, kpi: str = "Monthly revenue") -> list[tuple[str, float]]:
    """The KPI's (period, value) rows as the workspace, a file or a server, holds them."""
    with reading_raw(where) as conn:
        rows = conn.execute(
            "SELECT m.period, m.value FROM measurement m JOIN kpi k ON k.id = m.kpi_id "
            "WHERE k.name = ? ORDER BY m.period",
            (kpi,),
        ).fetchall()
    return [(str(period), value) for period, value in rows]


@pytest.mark.parametrize("poison", ["1e308", "-1.7e308", "1e16", "1,5e300"])
def test_a_poison_value_is_refused_with_its_row(
    cli, where: Path | str, tmp_path: Path, poison: str
) -> None:
    before = stored(where)
    csv = tmp_path / "poison.csv"
    csv.write_text(f'date,Monthly revenue\n2026-10-01,41000\n2026-11-01,"{poison}"\n')
    code, _out, err = cli("import", where, csv, "--on-conflict", "replace")
    assert code == 1
    assert "row 3, column 'Monthly revenue'" in err
    assert stored(where) == before


def test_extreme_allowed_values_keep_every_command_working(
    cli, where: Path | str, tmp_path: Path
) -> None:
    csv = tmp_path / "extreme.csv"
    rows = [f"2025-{m:02d}-01,{(-1) ** m * MAX_MAGNITUDE}" for m in range(1, 13)]
    rows += [f"2026-{m:02d}-01,{MAX_MAGNITUDE if m % 3 else -MAX_MAGNITUDE}" for m in range(1, 12)]
    csv.write_text("date,Monthly revenue\n" + "\n".join(rows) + "\n")
    assert cli("import", where, csv, "--on-conflict", "replace")[0] == 0
    assert cli("check", where)[0] == 0
    code, out, _ = cli("status", where, "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = cli(
        "size", where, "--kpi", "Monthly revenue", "--target-date", "2027-12-31", "--json"
    )
    assert code == 0 and json.loads(out)["baseline"] is not None
    assert cli("report", where, "-o", tmp_path / "r.pdf")[0] == 0
    assert cli("export-chart", where, "--kpi", "Monthly revenue", "-o", tmp_path / "c.png")[0] == 0
    assert (tmp_path / "r.pdf").stat().st_size > 0 and (tmp_path / "c.png").stat().st_size > 0


def test_a_value_for_a_period_not_begun_is_refused(cli, where: Path | str, tmp_path: Path) -> None:
    before = stored(where)
    csv = tmp_path / "future.csv"
    today = dt.date.today()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    csv.write_text(
        f"date,Monthly revenue\n{today.replace(day=1).isoformat()},41000\n"
        f"{next_month.isoformat()},42000\n9999-12-01,43000\n"
    )
    code, _out, err = cli("import", where, csv, "--on-conflict", "replace")
    assert code == 1
    assert "row 3, column 'date'" in err and "after today" in err
    assert "row 4, column 'date'" in err
    assert stored(where) == before
    with Workspace.open(where) as ws:
        kpi = ws.kpis.find("Monthly revenue")
        with pytest.raises(ValidationError, match="has not begun"):
            ws.measurements.upsert(kpi.id, next_month, 1.0)
        ws.measurements.upsert(kpi.id, today, 1.0)  # this month has begun
    assert stored(where)[-1][1] == 1.0


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+1+1", "-x", "@SUM(A1)", "'quoted"])
def test_csv_round_trip_gives_back_the_same_names(
    cli, where: Path | str, fresh: Path | str, tmp_path: Path, name: str
) -> None:
    with Workspace.open(where) as ws:
        kpi = ws.kpis.find("Monthly revenue")
        ws.kpis.update(kpi.id, name=name)
    csv = tmp_path / "values.csv"
    assert cli("export", where, "-o", csv)[0] == 0
    assert cli("new", fresh)[0] == 0
    assert cli("import", fresh, csv, "--create-missing")[0] == 0
    with Workspace.open(fresh) as ws:
        names = {k.name for k in ws.kpis.list()}
    assert name in names
    assert len(stored(fresh, name)) == len(stored(where, name))
