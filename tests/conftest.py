"""Test set-up: headless Qt, temporary workspaces and data folders, shared real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Headless by default, before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# No timing deadlines (a busy 2-core CI machine is slow, not wrong); in CI the examples are
# derived from the test itself, so a run is repeatable and a failure reproduces.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

import team_server  # noqa: E402
from team_server import team_database, team_templates  # noqa: E402, F401

from kpi_desktop.services.workspace.workspace import Workspace  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user data folder or settings."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("KPI_DESKTOP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))


@pytest.fixture(autouse=True)
def _no_team_listener_outlives_its_test() -> Iterator[None]:
    """A team window a test leaves open keeps its change listener's thread; stop it, so no
    thread of an earlier test runs the garbage collector over a later test's Qt objects."""
    yield
    from kpi_desktop.services.team.notices import close_all

    close_all()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Service tests on a workspace run on both engines (tests/team_server.py)."""
    if team_server.wants_both_engines(metafunc):
        metafunc.parametrize("engine", ["file", pytest.param("team", marks=pytest.mark.team)])


@pytest.fixture
def engine() -> str:
    """Where the `workspace` and `demo` fixtures live: "file", or "team" (a server)."""
    return "file"


@pytest.fixture
def workspace(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    yield from team_server.built_workspace(request, tmp_path, engine, "empty", _empty)


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    """The Corner Cafe demo, built fresh in the test's folder (demo.kpidb), or cloned on
    the server from a demo built once per session."""
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo

    yield from team_server.built_workspace(
        request, tmp_path, engine, "demo", build_demo, "demo.kpidb", DEMO_NAME
    )


def _empty(ws: Workspace) -> None:
    """A new workspace as it is made."""


@pytest.fixture
def cafe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo workspace file as `kpi-desktop new cafe.kpidb --demo` makes it."""
    from kpi_desktop.cli import main

    path = tmp_path / "cafe.kpidb"
    assert main(["new", str(path), "--demo"]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def employment_csv() -> Path:
    path = SHARED_DATA / "us-employment.csv"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path
