"""The hostile suite: attacks on the command line and the files that once broke the app
(issue 22), kept running. Each test starts from a copy of one demo workspace: `base`, a
file, for the attacks on the file itself; `where`, the same demo as a file or (its [team]
half, tests/team_server.py) a server database's URL, for everything else."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import team_server

from kpi_desktop.cli import main


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-demo") / "base.kpidb"
    assert main(["new", str(path), "--demo"]) == 0
    return path


@pytest.fixture
def base(_demo_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of `kpi-desktop new base.kpidb --demo` in the test's own folder."""
    path = tmp_path / "base.kpidb"
    shutil.copyfile(_demo_file, path)
    return path


@pytest.fixture
def where(
    _demo_file: Path, tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """The demo as `base` is, or on the "team" engine a fresh clone of it on the server."""
    if engine != "team":
        path = tmp_path / "base.kpidb"
        shutil.copyfile(_demo_file, path)
        yield path
        return
    yield from team_server.cafe_on(request, tmp_path, engine)


@pytest.fixture
def fresh(where: Path | str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where a second, new workspace goes on `where`'s engine: a file name not yet made,
    or an empty database of the server (dropped after the test)."""
    if isinstance(where, Path):
        return tmp_path / "fresh.kpidb"
    return request.getfixturevalue("team_database").display


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, *args: object) -> tuple[int, str, str]:
        self._capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: bad usage
            code = int(exc.code or 0)
        out, err = self._capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)
