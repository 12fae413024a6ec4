"""Running `kpi-desktop` in-process for the CLI tests: exit code, stdout and stderr."""

from __future__ import annotations

import pytest

from kpi_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run the command line with ``args``; bad usage (argparse's exit) gives code 2."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
