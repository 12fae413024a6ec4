"""The layers of DESIGN.md, checked: domain, store and services never import Qt or pyqtgraph,
and domain imports nothing else of the project."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kpi_desktop"
GUI_MODULES = ("PySide6", "pyqtgraph", "shiboken6")
FORBIDDEN = {
    "domain": GUI_MODULES
    + (
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "kpi_desktop.store",
        "kpi_desktop.services",
        "kpi_desktop.reports",
        "kpi_desktop.ui",
    ),
    "store": GUI_MODULES + ("kpi_desktop.services", "kpi_desktop.reports", "kpi_desktop.ui"),
    "services": GUI_MODULES + ("kpi_desktop.reports", "kpi_desktop.ui"),
    "reports": ("kpi_desktop.ui",),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in {layer}"
    offences = [
        f"{f.relative_to(PACKAGE)} imports {name}"
        for f in files
        for name in _imports(f)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_check_would_catch_an_offence(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport pyqtgraph as pg\n")
    assert _imports(bad) == ["PySide6.QtCore", "pyqtgraph"]
