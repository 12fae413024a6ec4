"""The layers of DESIGN.md, checked by import-linter: the contracts in pyproject.toml
(`[tool.importlinter]`) hold for the package, and a planted wrong import breaks them with the
rule's name. The size rules of the layout (modules per package, lines per module) too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kpi_desktop"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_MODULES_PER_PACKAGE = 12
MAX_LINES_PER_MODULE = 520

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed (pip install -e '.[test]')"
)


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_the_layer_contracts_are_kept() -> None:
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _copy_of_the_project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    shutil.copytree(PACKAGE, copy / "kpi_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("domain/status.py", "import PySide6.QtCore", "The domain imports no Qt"),
        ("domain/status.py", "import sqlalchemy", "The domain imports no Qt, no SQL"),
        ("services/planning/goals.py", "import kpi_desktop.ui.theme", "Layers: ui > reports"),
        ("store/engine.py", "import kpi_desktop.services.errors", "Layers: ui > reports"),
        ("cli.py", "import kpi_desktop.ui.theme", "The command line never imports the UI"),
        ("ui/kpi/kpi_editor.py", "import kpi_desktop.store.tables", "never the store's"),
        ("services/tracking/status.py", "import pyqtgraph", "The store and the services"),
    ],
)
def test_a_planted_wrong_import_breaks_its_contract(
    tmp_path: Path, module: str, planted: str, contract: str
) -> None:
    copy = _copy_of_the_project(tmp_path)
    target = copy / "kpi_desktop" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{planted}  # planted\n")
    run = _lint_imports(copy)
    assert run.returncode == 1, run.stdout
    broken = [line for line in run.stdout.splitlines() if line.endswith("BROKEN")]
    text = " ".join(run.stdout.split())
    assert contract in text
    assert broken, run.stdout


def _packages() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.rglob("__init__.py") if "migrations" not in p.parts)


def test_no_package_holds_more_than_about_twelve_modules() -> None:
    crowded = {
        str(p.relative_to(ROOT)): n
        for p in _packages()
        if (n := len([m for m in p.glob("*.py") if m.name != "__init__.py"]))
        > MAX_MODULES_PER_PACKAGE
    }
    assert crowded == {}


def test_no_module_passes_about_five_hundred_lines() -> None:
    long = {
        str(m.relative_to(ROOT)): n
        for m in PACKAGE.rglob("*.py")
        if "migrations" not in m.parts
        and (n := len(m.read_text(encoding="utf-8").splitlines())) > MAX_LINES_PER_MODULE
    }
    assert long == {}


def test_every_package_says_what_lives_there_and_what_it_may_import() -> None:
    silent = [
        str(p.relative_to(ROOT))
        for p in _packages()
        if "import" not in ((p / "__init__.py").read_text(encoding="utf-8"))
    ]
    assert silent == []


def test_every_package_is_listed_for_installation() -> None:
    # A package missing from pyproject's list works in an editable install and is absent
    # from a wheel: the installed app then fails on its first import of it.
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.relative_to(ROOT).parts) for p in _packages()}
    assert found - listed == set()
