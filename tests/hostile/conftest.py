"""The hostile suite: attacks on the command line and the files that once broke the app
(issue 22), kept running. Each test starts from a copy of one demo workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
