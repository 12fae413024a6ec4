"""`kpi-desktop actions` and `kpi-desktop action add|done|reopen|edit|delete` (issue 14,
item 3, its command line): on the demo's real actions; bad input is one line, nothing written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_run import run
from team_server import cafe_on, fingerprint

from kpi_desktop.services.workspace.change_log import history
from kpi_desktop.services.workspace.workspace import Workspace


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def listed(capsys, path: Path, *options: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    code, out, err = run(capsys, "actions", path, "--json", *options)
    assert code == 0, err
    return json.loads(out)


def test_actions_lists_state_owner_and_links(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = listed(capsys, cafe)
    assert set(rows[0]) == {
        "id", "title", "owner", "due_date", "state", "done_date", "kpi", "goal", "review",
    }  # fmt: skip
    today = dt.date.today().isoformat()
    for r in rows:
        expected = (
            "done"
            if r["done_date"]
            else ("overdue" if r["due_date"] and r["due_date"] < today else "open")
        )
        assert r["state"] == expected
    open_rows = listed(capsys, cafe, "--open")
    assert open_rows and all(r["state"] != "done" for r in open_rows)
    owner = open_rows[0]["owner"]
    assert {r["owner"] for r in listed(capsys, cafe, "--owner", owner.upper())} == {owner}
    code, out, _ = run(capsys, "actions", cafe)
    assert code == 0 and rows[0]["title"] in out


def test_an_action_through_its_life(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys,
        "action",
        cafe,
        "add",
        "Call the bank about the overdraft",
        "--kpi",
        "gross margin",
        "--owner",
        "Ben",
        "--due",
        "2026-12-20",
    )
    assert code == 0, err
    new_id = int(out.split("#")[1].split()[0])
    (row,) = [r for r in listed(capsys, cafe) if r["id"] == new_id]
    assert (row["kpi"], row["owner"], row["due_date"]) == ("Gross margin", "Ben", "2026-12-20")
    assert run(capsys, "action", cafe, "done", new_id, "--on", "2026-12-05")[0] == 0
    (row,) = [r for r in listed(capsys, cafe) if r["id"] == new_id]
    assert (row["state"], row["done_date"]) == ("done", "2026-12-05")
    assert run(capsys, "action", cafe, "reopen", new_id)[0] == 0
    assert (
        run(
            capsys,
            "action",
            cafe,
            "edit",
            new_id,
            "--due",
            "none",
            "--kpi",
            "none",
            "--goal",
            "Run a tight kitchen",
            "--title",
            "Call the bank",
        )[0]
        == 0
    )
    (row,) = [r for r in listed(capsys, cafe) if r["id"] == new_id]
    assert (row["title"], row["due_date"], row["kpi"], row["goal"], row["state"]) == (
        "Call the bank",
        None,
        None,
        "Run a tight kitchen",
        "open",
    )
    assert run(capsys, "action", cafe, "delete", new_id)[0] == 0
    assert new_id not in {r["id"] for r in listed(capsys, cafe)}
    with Workspace.open(cafe) as ws:
        whats = [c.what for c in history(ws, limit=8)]
    assert "deleted" in whats and "due_date" in whats


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["done", "999"], 1, "action #999 no longer exists"),
        (["edit", "1", "--kpi", "Nothing"], 1, 'no KPI named "Nothing"'),
        (["add", "  "], 1, "corrective action"),
        (["add", "Call", "--due", "31/31/2026"], 2, "is not a date"),
        (["frob", "1"], 2, "invalid choice"),
    ],
)
def test_bad_action_input_is_one_line_and_writes_nothing(
    cafe: Path | str,
    capsys,
    args: list[str],
    code: int,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    before = fingerprint(cafe)
    got, _out, err = run(capsys, "action", cafe, *args)
    assert got == code and message in err, err
    assert fingerprint(cafe) == before
