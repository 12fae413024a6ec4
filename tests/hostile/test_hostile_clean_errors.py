"""No library traceback reaches the terminal: every subcommand that writes a file, against
a missing folder, a folder it may not write to and a full disk (both simulated where the
file is moved into place or created), ends with exit 1 and one line on stderr."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kpi_desktop.services.workspace import workspace as workspace_module

FAILURES = {
    "full disk": OSError(errno.ENOSPC, "No space left on device"),
    "read-only folder": PermissionError(errno.EACCES, "Permission denied"),
}


def writers(base: Path, out: Path) -> dict[str, list[object]]:
    return {
        "export-chart": ["export-chart", base, "--kpi", "Monthly revenue", "-o", out / "c.png"],
        "report": ["report", base, "-o", out / "r.pdf"],
        "export xlsx": ["export", base, "-o", out / "x.xlsx"],
        "export csv": ["export", base, "-o", out / "x.csv"],
        "new": ["new", out / "n.kpidb", "--demo"],
        "backup": ["backup", base],
    }


# (a backup goes to the app's own data folder: see the failure tests and test_hostile_gui)
@pytest.mark.parametrize("name", [n for n in writers(Path(), Path()) if n != "backup"])
def test_a_missing_folder_is_one_line(cli, base: Path, tmp_path: Path, name: str) -> None:
    command = writers(base, tmp_path / "no" / "such" / "folder")[name]
    code, _out, err = cli(*command)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "does not exist" in err


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("name", list(writers(Path(), Path())))
def test_a_failed_write_is_one_line_and_leaves_nothing(
    cli, base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, failure: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    command = writers(base, out)[name]
    before = base.read_bytes()

    def fail(*_args: object, **_kwargs: object) -> None:
        raise FAILURES[failure]

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(workspace_module.os, "replace", fail)
    code, _out, err = cli(*command)
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert "error:" in err
    assert list(out.iterdir()) == []  # no half file, no temporary file
    assert base.read_bytes()[100:] == before[100:]  # (the header counts openings)
