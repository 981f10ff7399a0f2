"""The web app (`web/`, built by Vite into `web/dist`) served by the API server at `/`.

The API keeps its paths; the app adds only `/`, its client routes (`/login`, `/w/...`, and
`/share/...` where a shared journey's story opens without login), its
hashed bundles under `/assets` and the few files at the top of `dist`. Each is a route of
its own rather than a catch-all, so an unknown API path still answers 404 problem+json and
a wrong method 405, exactly as without the app. A reload on a client route gets
`index.html` (the app then routes itself). When the app was not built, those addresses
answer a page saying how to build it instead of an empty 404.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

INDEX = "index.html"
ASSETS = "assets"
CLIENT_ROUTES = ("/", "/login", "/w/{client_path:path}", "/share/{client_path:path}")
#: Vite names bundles by content hash, so a bundle never changes: cache it for a year.
_IMMUTABLE = "public, max-age=31536000, immutable"
_NOT_BUILT = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cxmap: web app not built</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;
color:#1f2933}}code{{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}}</style></head>
<body><h1>The cxmap web app is not built</h1>
<p>The server is running and its API answers, but there is no web app at
<code>{folder}</code>.</p>
<p>Build it with <code>make web</code> (or
<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>) and reload this page.
The API documentation is at <a href="/docs">/docs</a>.</p>
</body></html>
"""


def bundled_web_app() -> Path:
    """`web/dist` of the source tree this package runs from (`make web` builds it there)."""
    return Path(__file__).resolve().parents[3] / "web" / "dist"


def install_web_app(app: FastAPI, dist: Path | None) -> None:
    """Serve the built app in `dist` at `/`; without a `dist`, `/` leads to the API docs."""
    if dist is None:
        app.add_api_route("/", _to_docs, include_in_schema=False)
        return
    index = dist / INDEX
    if not index.is_file():
        page = _NOT_BUILT.format(folder=html.escape(str(dist)))
        for path in CLIENT_ROUTES:
            app.add_api_route(path, _fixed_page(page), include_in_schema=False)
        return
    for path in CLIENT_ROUTES:
        app.add_api_route(path, _file(index, "no-cache"), include_in_schema=False)
    for top_level in sorted(dist.iterdir()):
        if top_level.is_file() and top_level.name != INDEX:
            route = _file(top_level, "public, max-age=3600")
            app.add_api_route(f"/{top_level.name}", route, include_in_schema=False)
    if (dist / ASSETS).is_dir():
        app.mount(f"/{ASSETS}", _ImmutableFiles(directory=dist / ASSETS), name="web-assets")


def _to_docs() -> RedirectResponse:
    """No web app configured (an embedded API): the server's address leads to the docs."""
    return RedirectResponse("/docs")


def _fixed_page(page: str) -> Callable[[], HTMLResponse]:
    def not_built() -> HTMLResponse:
        return HTMLResponse(page, status_code=503, headers={"Cache-Control": "no-cache"})

    return not_built


def _file(path: Path, cache_control: str) -> Callable[[], FileResponse]:
    def serve_file() -> FileResponse:
        return FileResponse(path, headers={"Cache-Control": cache_control})

    return serve_file


class _ImmutableFiles(StaticFiles):
    """The hashed bundles, cached for good; anything missing is a plain 404."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = _IMMUTABLE
        return response
