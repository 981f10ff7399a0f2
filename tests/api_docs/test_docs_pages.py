"""/docs works offline: the page refers only to this server, which serves every asset."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.anyio


def referenced_urls(html: str) -> list[str]:
    """Every URL the page loads: src/href attributes and the quoted URLs of its script."""
    attributes = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    in_script = re.findall(r"""\b(?:url|oauth2RedirectUrl)\s*:\s*['"]([^'"]+)['"]""", html)
    return attributes + in_script


async def test_docs_page_loads_only_local_assets_and_each_is_served(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "SwaggerUIBundle" in html
    assert not re.search(r"https?://|//cdn", html), "the docs page must not load from the web"
    urls = referenced_urls(html)
    assert set(urls) >= {
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
        "/docs/assets/favicon-32x32.png",
        "/openapi.json",
    }
    for url in urls:
        assert not urlsplit(url).netloc, url
        answer = await client.get(url)
        assert answer.status_code == 200, url
        assert answer.content, url
    script = await client.get("/docs/assets/swagger-ui-bundle.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert b"SwaggerUIBundle" in script.content
    assert len(script.content) > 500_000  # the real bundle, not a stub
    assert (await client.get("/docs/assets/swagger-ui.css")).text.lstrip().startswith(".swagger-ui")
    icon = await client.get("/docs/assets/favicon-32x32.png")
    assert icon.content.startswith(b"\x89PNG")


async def test_docs_serve_no_other_file_of_the_package(client: httpx.AsyncClient) -> None:
    for name in ["index.html", "swagger-initializer.js", "..%2F__init__.py", "LICENSE"]:
        answer = await client.get(f"/docs/assets/{name}")
        assert answer.status_code == 404, name


async def test_the_openapi_document_names_no_docs_routes(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert not [path for path in paths if path.startswith("/docs")]
    assert (await client.get("/redoc")).status_code == 404  # it would need a CDN
