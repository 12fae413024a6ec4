"""The app as users get it: `--selftest` of the installed app, and a PyInstaller one-folder
build whose program passes its self-test from a clean folder (marked `packaging`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_DESKTOP", "XDG_"))}
    env["HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_selftest_of_the_installed_app(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("kpi-desktop")
    if not script.exists():
        pytest.skip("the package is not installed as a script in this environment")
    run = subprocess.run(
        [script, "--selftest"],
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "selftest ok" in run.stdout
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.kpidb"))


@pytest.mark.packaging
def test_pyinstaller_build_passes_its_selftest(tmp_path: Path) -> None:
    if (
        shutil.which("pyinstaller") is None
        and not Path(sys.executable).with_name("pyinstaller").exists()
    ):
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    build = subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            tmp_path / "dist",
            "--workpath",
            tmp_path / "build",
            ROOT / "packaging" / "kpi-desktop.spec",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    program = tmp_path / "dist" / "kpi-desktop" / "kpi-desktop"
    assert program.exists()
    clean = tmp_path / "clean"
    clean.mkdir()
    run = subprocess.run(
        [program, "--selftest"],
        cwd=clean,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert "selftest ok" in run.stdout
    made = subprocess.run(
        [program, "new", clean / "cafe.kpidb", "--demo"],
        cwd=clean,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert made.returncode == 0, made.stderr
    status = subprocess.run(
        [program, "status", clean / "cafe.kpidb", "--json"],
        cwd=clean,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert status.returncode == 0 and '"Monthly revenue"' in status.stdout
