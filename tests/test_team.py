"""The team workspace on a real PostgreSQL server (.ci/run starts one; see team_server.py):
schema and migrations, copy both ways, roles enforced by the server, two clients, faults."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import team_server
from sqlalchemy import text

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.team import server
from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import migrate
from kpi_desktop.store.location import WorkspaceLocation
from tests.cli_run import run

pytestmark = pytest.mark.team
HERE = Path(__file__).resolve().parent
D = dt.date


def _url(location: WorkspaceLocation) -> str:
    return location.display  # no password: the CLI finds it in PGPASSWORD, as libpq does


# -- one schema, two engines ----------------------------------------------------------------


def test_new_url_makes_the_schema_and_refuses_a_second_time(team_database, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "new", _url(team_database), "--demo")
    assert code == 0, err
    assert "Created postgresql://" in out and ":" + "***" not in out
    with Workspace.open(team_database) as ws, ws.reading() as s:
        rev = s.connection().execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert rev == migrate.head_revision()
        assert len(ws.kpis.list()) > 5
    code, _, err = run(capsys, "new", _url(team_database))
    assert code == 1 and "already exists" in err


def test_new_url_creates_a_missing_database(capsys) -> None:  # type: ignore[no-untyped-def]
    location = team_server.admin_location().with_database(team_server.new_database_name())
    try:
        code, _, err = run(capsys, "new", _url(location))
        assert code == 0, err
        code, out, err = run(capsys, "status", _url(location), "--json")
        assert code == 0 and json.loads(out) == []
    finally:
        team_server.drop(location.name)


@pytest.mark.parametrize("older", [migrate.REVISIONS[0], migrate.REVISIONS[-2]])
def test_opening_an_older_schema_upgrades_it_in_one_transaction(team_database, older) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.store.engine import make_server_engine

    engine = make_server_engine(team_database)
    with engine.begin() as conn:
        migrate.upgrade(conn, older)
        conn.execute(
            text(
                "INSERT INTO goal(title, description, owner, position, archived) "
                "VALUES ('Grow', '', '', 0, false)"
            )
        )
    engine.dispose()
    with Workspace.open(team_database) as ws:
        assert [g.title for g in ws.goals.list()] == ["Grow"]
        with ws.reading() as s:
            rev = s.connection().execute(text("SELECT version_num FROM alembic_version"))
            assert rev.scalar() == migrate.head_revision()
        goal = ws.goals.list()[0]
        ws.kpis.add(goal.id, "Sales", unit="EUR")  # the upgraded schema takes new rows


def test_an_empty_or_foreign_database_is_not_a_workspace(team_database) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KpiDesktopError, match="empty database"):
        Workspace.open(team_database)
    team_server.admin_sql("CREATE TABLE invoices(id int)", team_database.name)
    with pytest.raises(KpiDesktopError, match="other tables"):
        Workspace.open(team_database)
    with pytest.raises(KpiDesktopError, match="other tables"):
        Workspace.create(team_database)


def test_dates_booleans_and_json_id_lists_keep_their_values(workspace: Workspace) -> None:
    """Run on both engines (the workspace fixture): the types that differ between them."""
    from kpi_desktop.services.planning.plan_rows import latest_values
    from kpi_desktop.store.raw import raw_connection

    goal = workspace.goals.add("Types", due_date=D(2028, 2, 29))
    kpi = workspace.kpis.add(goal.id, "Leap", unit="", leading=True, frequency="daily")
    other = workspace.kpis.add(goal.id, "Other", unit="")
    workspace.kpis.update(other.id, archived=True)
    workspace.measurements.upsert(kpi.id, D(2024, 2, 29), 0.1 + 0.2, note="naïve ✓")
    workspace.measurements.upsert(other.id, D(2024, 1, 1), 1e-300)
    again = workspace.goals.get(goal.id)
    assert again.due_date == D(2028, 2, 29) and again.archived is False
    k = workspace.kpis.get(kpi.id)
    assert k.leading is True and workspace.kpis.get(other.id).archived is True
    rows = workspace.measurements.rows(kpi.id)
    assert rows == [(D(2024, 2, 29), 0.1 + 0.2, "naïve ✓", "manual")]
    with workspace.reading() as s:
        raw = raw_connection(s)
        got = latest_values(raw, D(2025, 1, 1), 3, only=[other.id])
        assert list(got) == [other.id] and got[other.id][0].value == 1e-300
        assert latest_values(raw, D(2025, 1, 1), 3, include_archived=False).keys() == {kpi.id}


# -- copy -----------------------------------------------------------------------------------


def _views(capsys, where: str, tmp_path: Path, tag: str) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    as_of = "--as-of=2026-06-30"
    code, status, err = run(capsys, "status", where, as_of, "--json")
    assert code == 0, err
    code, check, err = run(capsys, "check", where, "--json")
    assert code == 0, err
    out = tmp_path / f"{tag}.csv"
    code, _, err = run(capsys, "export", where, "-o", out)
    assert code == 0, err
    return status, check, out.read_text(encoding="utf-8")


def test_copy_file_to_server_to_file_keeps_everything(cafe: Path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    location = team_server.admin_location().with_database(team_server.new_database_name())
    back = tmp_path / "back.kpidb"
    try:
        code, out, err = run(capsys, "copy", cafe, _url(location))
        assert code == 0, err
        assert "KPIs" in out and "values" in out
        code, out, err = run(capsys, "copy", _url(location), back)
        assert code == 0, err
        first = _views(capsys, str(cafe), tmp_path, "first")
        on_server = _views(capsys, _url(location), tmp_path, "server")
        last = _views(capsys, str(back), tmp_path, "last")
        assert first == on_server == last
        with Workspace.open(cafe) as a, Workspace.open(back) as b:
            assert [r.title for r in a.reviews.list()] == [r.title for r in b.reviews.list()]
            assert len(a.reviews.actions()) == len(b.reviews.actions()) > 0
            assert a.info()["name"] == b.info()["name"]
        # new rows after a copy get new ids (the server's sequences moved past the copy)
        with Workspace.open(location) as ws:
            goal = ws.goals.add("After the copy")
            assert goal.id > max(g.id for g in ws.goals.list() if g.title != "After the copy")
    finally:
        team_server.drop(location.name)


def test_copy_refuses_a_destination_with_data_unless_replace(
    demo: Workspace, cafe, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    location = team_server.admin_location().with_database(team_server.new_database_name())
    try:
        assert run(capsys, "copy", cafe, _url(location))[0] == 0
        code, _, err = run(capsys, "copy", cafe, _url(location))
        assert code == 1 and "--replace" in err and "nothing was copied" in err
        with Workspace.create(tmp_path / "small.kpidb") as small:
            small.goals.add("Only this")
        code, _, err = run(capsys, "copy", tmp_path / "small.kpidb", _url(location), "--replace")
        assert code == 0, err
        with Workspace.open(location) as ws:
            assert [g.title for g in ws.goals.list()] == ["Only this"]
        code, _, err = run(capsys, "copy", _url(location), cafe)
        assert code == 1 and "already exists" in err
    finally:
        team_server.drop(location.name)


def test_save_a_copy_of_a_team_workspace_makes_a_file(demo: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dest = demo.save_copy(tmp_path / "copy.kpidb")
    with Workspace.open(dest) as copy:
        assert [k.name for k in copy.kpis.list()] == [k.name for k in demo.kpis.list()]
        kpi = demo.kpis.list()[0].id
        assert copy.measurements.rows(kpi) == demo.measurements.rows(kpi)


# -- roles ----------------------------------------------------------------------------------


def _login(location: WorkspaceLocation, user: str, capsys, role: str) -> WorkspaceLocation:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "team", "grant", _url(location), "--user", user, "--role", role)
    assert code == 0, err
    team_server.admin_sql(f"ALTER ROLE \"{user}\" PASSWORD 'secret-{user}'")
    url = location.url.set(username=user)
    return WorkspaceLocation(url=url, password=f"secret-{user}")


def test_a_viewer_reads_and_the_server_refuses_its_writes(team_database, capsys) -> None:  # type: ignore[no-untyped-def]
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
        ws.measurements.upsert(kpi.id, D(2024, 1, 1), 5)
    user = f"viewer_{team_database.name}"[:60]
    viewer = _login(team_database, user, capsys, "viewer")
    with Workspace.open(viewer) as ws:
        assert ws.role == "viewer" and ws.read_only_reason
        assert ws.measurements.rows(kpi.id)[0][1] == 5
        # the client's own check is bypassed here on purpose: the server must refuse
        with (
            pytest.raises(server.ServerReadOnly, match="does not allow it"),
            ws.writing(client_check=False) as s,
        ):
            s.connection().execute(text("UPDATE measurement SET value = 6"))
    with Workspace.open(team_database) as ws:
        assert ws.measurements.rows(kpi.id)[0][1] == 5


def test_an_editor_enters_values_but_an_owner_changes_goals(team_database, capsys) -> None:  # type: ignore[no-untyped-def]
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
    editor = _login(team_database, f"editor_{team_database.name}"[:60], capsys, "editor")
    with Workspace.open(editor) as ws:
        assert ws.role == "editor"
        ws.measurements.upsert(kpi.id, D(2024, 1, 1), 7)
        from kpi_desktop.services.workspace.change_log import history

        assert history(ws)[0].who == editor.url.username  # the log names the server role
        with pytest.raises(server.ServerReadOnly):
            ws.goals.add("Not mine to add")
    owner = _login(team_database, f"owner_{team_database.name}"[:60], capsys, "owner")
    with Workspace.open(owner) as ws:
        assert ws.role == "owner"
        ws.goals.add("Mine to add")
        ws.kpis.update(kpi.id, name="Revenue")
    with Workspace.open(team_database) as ws:
        assert {g.title for g in ws.goals.list()} == {"Grow", "Mine to add"}
        assert ws.measurements.rows(kpi.id)[0][1] == 7


# -- two clients ----------------------------------------------------------------------------


def test_two_processes_editing_one_kpi_lose_no_update(team_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    go = tmp_path / "go"
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE / "team_client.py"),
                team_database.display,
                str(kpi.id),
                name,
                str(tmp_path / f"ready-{name}"),
                str(go),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Owner's name", "Manager's name")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in ("Owner's name", "Manager's name")):
        assert time.monotonic() < deadline, [c.communicate() for c in clients]
        time.sleep(0.05)
    go.touch()  # both read version 1; now both save
    results = [c.communicate(timeout=60) for c in clients]
    outcomes = sorted(out.strip() for out, _ in results)
    assert outcomes[0].startswith("conflict: ") and outcomes[1].startswith("saved"), results
    assert "changed by another user" in outcomes[0]
    assert " changed name at " in outcomes[0]  # who won, from the change log
    with Workspace.open(team_database) as ws:
        stored = ws.kpis.get(kpi.id)
        assert stored.version == 2
        assert outcomes[1] == f"saved {stored.name}"


def test_a_stale_editor_is_told_and_nothing_is_overwritten(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(goal.id, "Sales", unit="EUR")
    shown = workspace.kpis.get(kpi.id).version
    workspace.kpis.update(kpi.id, name="Revenue")  # someone else's edit
    with pytest.raises(StaleEdit, match="changed in another window") as caught:
        workspace.kpis.update(kpi.id, name="Turnover", expected_version=shown)
    assert caught.value.last_change.endswith(f"changed name at {caught.value.last_change[-5:]}")
    assert " changed name at " in str(caught.value)
    assert workspace.kpis.get(kpi.id).name == "Revenue"


def test_other_windows_hear_of_a_change_within_a_second(team_database) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.team.notices import ChangeListener, Changes

    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        heard: list[tuple[float, Changes]] = []
        got = threading.Event()

        def on_change(changes: Changes) -> None:
            heard.append((time.monotonic(), changes))
            if "measurement" in changes.tables:
                got.set()

        listener = ChangeListener(team_database, on_change)
        try:
            assert listener.wait_ready()
            with Workspace.open(team_database) as other:
                kpi = other.kpis.add(goal.id, "Sales", unit="EUR")
                start = time.monotonic()
                other.measurements.upsert(kpi.id, D(2024, 1, 1), 5)
            assert got.wait(5)
            when, changes = heard[-1]
            assert when - start < 1.0
            assert "kpi" in set().union(*(c.tables for _, c in heard))
            assert changes.kpi_ids == {kpi.id} and not changes.values_of_all
        finally:
            listener.close()


def test_two_imports_of_one_kpi_wait_for_each_other(team_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.importing.file_import import plan_import
    from kpi_desktop.services.importing.writing import apply_import
    from kpi_desktop.services.tracking.measurements import OnConflict

    csv = tmp_path / "sales.csv"
    csv.write_text("Month,Sales\n" + "".join(f"2023-{m:02d}-01,{m}\n" for m in range(1, 13)))
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
        plan = plan_import(ws, csv)
    held = team_server.hold_import_lock(team_database, kpi.id)
    try:
        done = threading.Event()

        def second_import() -> None:
            with Workspace.open(team_database) as other:
                apply_import(other, plan_import(other, csv), OnConflict.KEEP)
            done.set()

        thread = threading.Thread(target=second_import)
        thread.start()
        assert not done.wait(1.0)  # it waits for the lock the first import holds
    finally:
        held.close()
    thread.join(30)
    assert done.is_set()
    with Workspace.open(team_database) as ws:
        assert len(ws.measurements.rows(kpi.id)) == 12
        result = apply_import(ws, plan, OnConflict.KEEP)
        assert result.kept == 12 and result.inserted == 0


# -- faults ---------------------------------------------------------------------------------


def test_a_wrong_url_password_or_server_gets_one_line_naming_it(
    team_database, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    code, _, err = run(capsys, "status", _url(team_database))
    assert code == 1 and err.count("\n") == 1 and team_database.server in err
    assert "password" in err
    wrong = team_database.url.render_as_string(hide_password=False).replace("+psycopg", "")
    wrong = wrong.replace("@", ":not-it@", 1)
    code, _, err = run(capsys, "status", wrong)
    assert code == 1 and "refused the password" in err and "not-it" not in err
    code, _, err = run(capsys, "status", "postgresql://nobody@127.0.0.1:1/db")
    assert code == 1 and "127.0.0.1:1 does not answer" in err and err.count("\n") == 1
    code, _, err = run(capsys, "status", "postgresql://127.0.0.1:5432")
    assert code == 2 and "names no database" in err


def test_a_server_stopped_during_an_import_writes_nothing(team_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.importing.file_import import plan_import
    from kpi_desktop.services.importing.writing import apply_import

    control = team_server.server_control()
    csv = tmp_path / "sales.csv"
    csv.write_text(
        "Month,Sales,Visits\n" + "".join(f"2023-{m:02d}-01,{m},{m}\n" for m in range(1, 13))
    )
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
        ws.kpis.add(goal.id, "Visits", unit="")
        plan = plan_import(ws, csv)
        held = team_server.hold_import_lock(team_database, kpi.id)
        errors: list[BaseException] = []

        def importing() -> None:
            try:
                apply_import(ws, plan)
            except BaseException as exc:  # noqa: BLE001 - the test reads it
                errors.append(exc)

        thread = threading.Thread(target=importing)
        thread.start()
        time.sleep(0.5)  # the import has begun and waits for the KPI's lock
        control("halt")
        try:
            thread.join(30)
            assert not thread.is_alive()
        finally:
            control("resume")
            held.close()
        assert len(errors) == 1 and isinstance(errors[0], server.ServerConnectionLost)
        assert "nothing of the last change was saved" in str(errors[0])
        assert str(errors[0]).startswith(team_database.display)
        # after the restart the same workspace object reconnects by itself
        assert ws.measurements.rows(kpi.id) == []


def test_a_server_stopped_during_a_save_keeps_the_old_value(team_database) -> None:  # type: ignore[no-untyped-def]
    control = team_server.server_control()
    with Workspace.create(team_database) as ws:
        goal = ws.goals.add("Grow")
        kpi = ws.kpis.add(goal.id, "Sales", unit="EUR")
        ws.measurements.upsert(kpi.id, D(2024, 1, 1), 5)
        held = team_server.hold_row_lock(team_database, "measurement", kpi.id)
        errors: list[BaseException] = []

        def saving() -> None:
            try:
                ws.measurements.upsert(kpi.id, D(2024, 1, 1), 6)
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        thread = threading.Thread(target=saving)
        thread.start()
        time.sleep(0.5)  # the save waits for the row another client holds
        control("halt")
        try:
            thread.join(30)
            assert not thread.is_alive()
        finally:
            control("resume")
            held.close()
        assert len(errors) == 1 and isinstance(errors[0], server.ServerConnectionLost)
        assert ws.measurements.rows(kpi.id)[0][1] == 5
        ws.measurements.upsert(kpi.id, D(2024, 1, 1), 6)  # retry after the reconnect
        assert ws.measurements.rows(kpi.id)[0][1] == 6


def test_a_dropped_connection_is_reconnected_on_the_next_use(team_database) -> None:  # type: ignore[no-untyped-def]
    with Workspace.create(team_database) as ws:
        ws.goals.add("Grow")
        team_server.admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{team_database.name}' AND pid <> pg_backend_pid()"
        )
        assert [g.title for g in ws.goals.list()] == ["Grow"]


def test_a_file_on_a_network_share_is_warned_about(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.team import shares

    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/export {tmp_path / 'share'} nfs4 rw 0 0\n/dev/sda1 / ext4 rw 0 0\n")
    monkeypatch.setattr(shares, "MOUNTS", mounts)
    (tmp_path / "share").mkdir()
    warning = shares.network_share_warning(tmp_path / "share" / "plan.kpidb")
    assert warning is not None and "nfs4" in warning and "team workspace" in warning
    assert shares.network_share_warning(Path("/home/me/plan.kpidb")) is None


def test_a_command_on_a_shared_file_warns_and_still_runs(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.team import shares

    mounts = tmp_path / "mounts"
    mounts.write_text(f"//nas/plans {tmp_path} cifs rw 0 0\n")
    monkeypatch.setattr(shares, "MOUNTS", mounts)
    assert run(capsys, "new", tmp_path / "plan.kpidb")[0] == 0
    code, out, err = run(capsys, "add-goal", tmp_path / "plan.kpidb", "Grow")
    assert code == 0 and "warning" in err and "network share (cifs)" in err
    assert "postgresql://" in err


def test_copy_asks_for_a_password_libpq_does_not_have(cafe: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import getpass
    import sys

    location = team_server.admin_location().with_database(team_server.new_database_name())
    password = location.password
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return password or ""

    monkeypatch.setattr(getpass, "getpass", typed)
    try:
        code, out, err = run(capsys, "copy", cafe, location.with_password(None).display)
        assert code == 0, err
        assert asked == [f"Password for {location.display}: "]
        assert "11 KPIs" in out
    finally:
        team_server.drop(location.name)
