"""The web app and the API stay one thing: the committed OpenAPI document (and the client
types generated from it) match the server, and `cxmap serve` serves the built app at `/`
without taking any address from the API."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from cxmap.api import create_app
from cxmap.api.openapi_export import main, openapi_document, openapi_text
from cxmap.api.web_app import bundled_web_app
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings
from tests.api.conftest import BASE_URL
from tests.conftest import REPO

WEB = REPO / "web"
REGENERATE = (
    "run `uv run --frozen python -m cxmap.api.openapi_export web/openapi.json` and "
    "`cd web && npm run generate:api` (or `make web-api`), then commit both files"
)


@pytest.fixture(scope="module")
def live_document() -> str:
    return openapi_text()


def test_the_committed_openapi_document_is_the_servers(live_document: str) -> None:
    committed = (WEB / "openapi.json").read_text(encoding="utf-8")
    assert committed == live_document, f"web/openapi.json is stale: {REGENERATE}"


def test_the_client_types_were_generated_from_the_committed_document() -> None:
    digest = hashlib.sha256((WEB / "openapi.json").read_bytes()).hexdigest()
    header = (WEB / "src" / "api" / "schema.d.ts").read_text(encoding="utf-8")[:400]
    found = re.search(r"openapi\.json sha256: ([0-9a-f]{64})", header)
    assert found, "web/src/api/schema.d.ts lacks its generated header"
    assert found.group(1) == digest, f"web/src/api/schema.d.ts is stale: {REGENERATE}"


def test_the_export_writes_the_document_and_refuses_a_wrong_call(
    tmp_path: Path, live_document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "openapi.json"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == live_document
    assert list(tmp_path.iterdir()) == [target]  # no partial file left behind
    assert json.loads(live_document) == openapi_document()
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_the_server_serves_the_app_built_in_the_source_tree() -> None:
    assert bundled_web_app() == WEB / "dist"


def _built_app(folder: Path) -> Path:
    dist = folder / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>cxmap app</title>", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (dist / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    return dist


def _app(server: WorkspaceServer, folder: Path, web_app: Path | None) -> FastAPI:
    url = server.database.engine.url.render_as_string(hide_password=False)
    return create_app(Settings(data_dir=folder, database_url=url), server=server, web_app=web_app)


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)


@pytest.mark.anyio
async def test_the_app_is_served_at_its_routes_and_the_api_keeps_its_own(
    server: WorkspaceServer, tmp_path: Path
) -> None:
    async with _client(_app(server, tmp_path, _built_app(tmp_path))) as client:
        for page in ("/", "/login", "/w/6d1f/j/8a2e", "/w/6d1f", "/share/s3cr3t"):
            answer = await client.get(page)
            assert answer.status_code == 200, page
            assert "<title>cxmap app</title>" in answer.text
            assert answer.headers["cache-control"] == "no-cache"
        bundle = await client.get("/assets/index-abc123.js")
        assert bundle.text == "console.log(1)"
        assert "immutable" in bundle.headers["cache-control"]
        assert (await client.get("/favicon.svg")).text == "<svg/>"
        assert (await client.get("/assets/missing.js")).status_code == 404
        assert (await client.get("/assets/../index.html")).status_code == 404

        # The API answers as before: problem+json for the unknown, JSON for the known.
        unknown = await client.get("/no-such-page")
        assert (unknown.status_code, unknown.headers["content-type"]) == (
            404,
            "application/problem+json",
        )
        assert (await client.post("/login")).status_code == 405
        assert (await client.get("/auth/me")).status_code == 401
        assert "/docs" not in (await client.get("/")).headers.get("location", "")


@pytest.mark.anyio
async def test_an_unbuilt_app_is_explained_at_its_address(
    server: WorkspaceServer, tmp_path: Path
) -> None:
    async with _client(_app(server, tmp_path, tmp_path / "nowhere")) as client:
        for page in ("/", "/w/6d1f/j/8a2e"):
            answer = await client.get(page)
            assert answer.status_code == 503
            assert "The cxmap web app is not built" in answer.text
            assert "make web" in answer.text
        assert (await client.get("/docs")).status_code == 200


@pytest.mark.anyio
async def test_without_a_web_app_the_address_leads_to_the_api_docs(
    server: WorkspaceServer, tmp_path: Path
) -> None:
    async with _client(_app(server, tmp_path, None)) as client:
        answer = await client.get("/")
        assert (answer.status_code, answer.headers["location"]) == (307, "/docs")
        assert (await client.get("/login")).status_code == 404
