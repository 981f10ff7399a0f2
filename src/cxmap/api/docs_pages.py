"""The interactive API docs at /docs, served from files installed with cxmap.

FastAPI's default page loads Swagger UI from a CDN, so behind a firewall or on a train it
is blank. The `swagger-ui-py` wheel ships Swagger UI 5 (which reads OpenAPI 3.1, as
FastAPI writes it); its bundle, stylesheet and icon are served from /docs/assets, and only
those three files, by name, so no other path of the installed package can be reached.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from starlette.exceptions import HTTPException

DOCS_URL = "/docs"
ASSETS_URL = f"{DOCS_URL}/assets"
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
#: A week: the files change only when the package is upgraded (the ETag covers that).
_CACHE = "public, max-age=604800"


def swagger_ui_folder() -> Path:
    """Where the installed `swagger_ui` package keeps Swagger UI (found without importing it)."""
    spec = find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed; it is a dependency of cxmap")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def install_docs(app: FastAPI) -> None:
    """Add /docs and its assets to `app` (built with `docs_url=None`)."""
    folder = swagger_ui_folder()

    def docs_page() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - docs",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon-32x32.png",
        )

    def docs_asset(name: str) -> FileResponse:
        media_type = ASSETS.get(name)
        if media_type is None:
            raise HTTPException(404, f"no docs asset '{name}'")
        headers = {"Cache-Control": _CACHE}
        return FileResponse(folder / name, media_type=media_type, headers=headers)

    app.add_api_route(DOCS_URL, docs_page, include_in_schema=False)
    app.add_api_route(f"{ASSETS_URL}/{{name}}", docs_asset, include_in_schema=False)
