"""`cxmap serve`: migrate, seed an empty server with the demo when asked, then run uvicorn
on the app factory; and the demo login really logs in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from cxmap.api.app import app_from_environment
from cxmap.cli import serve_command
from cxmap.cli.main import app as cli
from cxmap.services.demo_seed import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import BASE_URL
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.anyio


async def test_the_demo_seeds_an_empty_server_once_and_its_login_works(
    server: WorkspaceServer, client: httpx.AsyncClient
) -> None:
    login = seed_demo(server, EXAMPLES)
    assert login is not None
    assert (login.email, login.journeys) == (DEMO_EMAIL, len(list(EXAMPLES.glob("*.yaml"))))
    assert seed_demo(server, EXAMPLES) is None  # not empty any more: nothing added

    response = await client.post(
        "/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    listed = await client.get(f"/workspaces/{login.workspace.id}/journeys")
    slugs = sorted(item["slug"] for item in listed.json()["items"])
    assert slugs == sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


def test_the_demo_leaves_a_server_with_accounts_alone(server: WorkspaceServer) -> None:
    server.accounts.sign_up("real@example.com", "Real Person", None)
    assert seed_demo(server, EXAMPLES) is None
    assert server.workspaces.of_user(server.accounts.sign_up("x@example.com", "X", None).id) == []


def test_serve_migrates_seeds_prints_the_login_and_starts_uvicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    monkeypatch.setenv("CXMAP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CXMAP_DATABASE_URL", raising=False)
    result = CliRunner().invoke(
        cli, ["serve", "--demo", "--port", "8123", "--examples", str(EXAMPLES)]
    )
    assert result.exit_code == 0, result.output
    assert f"log in as {DEMO_EMAIL} / {DEMO_PASSWORD}" in result.output
    assert "http://127.0.0.1:8123" in result.output
    assert started == {
        "app": serve_command.APP_FACTORY,
        "factory": True,
        "host": "127.0.0.1",
        "port": 8123,
        "log_level": "info",
    }
    assert (tmp_path / "cxmap.db").is_file()

    again = CliRunner().invoke(cli, ["serve", "--demo", "--examples", str(EXAMPLES)])
    assert "has accounts already" in again.output


async def test_the_app_factory_serves_the_database_of_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    monkeypatch.setenv("CXMAP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CXMAP_DATABASE_URL", raising=False)
    CliRunner().invoke(cli, ["serve", "--demo", "--examples", str(EXAMPLES)])
    app = app_from_environment()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        login = await client.post(
            "/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )
        assert login.status_code == 200
        assert [w["slug"] for w in (await client.get("/workspaces")).json()] == ["demo"]
    app.state.server.close()


def test_a_bad_database_url_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: pytest.fail("must not start"))
    monkeypatch.setenv("CXMAP_DATABASE_URL", "mysql://nowhere/db")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1
    assert "error: database_url: 'mysql://nowhere/db' 'mysql' is not supported" in result.output
