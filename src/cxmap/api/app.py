"""The workspace server's HTTP API: `create_app(settings)` builds it, `cxmap serve` runs it.

Routers are thin: they read the request, call one use case of `WorkspaceServer` and shape
the answer. Errors of every kind come back as RFC 9457 problem+json (`problems.py`), and
the OpenAPI document at /openapi.json describes exactly that (`openapi_docs.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from cxmap import __version__
from cxmap.api import (
    action_routes,
    actual_routes,
    attachment_routes,
    auth_routes,
    comment_routes,
    evidence_routes,
    history_routes,
    journey_part_routes,
    journey_routes,
    kpi_routes,
    lane_routes,
    live_routes,
    map_routes,
    persona_routes,
    score_routes,
    share_routes,
    workspace_routes,
)
from cxmap.api.docs_pages import install_docs
from cxmap.api.openapi_docs import install_openapi
from cxmap.api.problems import install_problem_handlers
from cxmap.api.request_limits import DEFAULT_MAX_BODY_BYTES, BodySizeLimit
from cxmap.api.web_app import bundled_web_app, install_web_app
from cxmap.services.actions import ActionLists
from cxmap.services.attachments import AttachmentFiles
from cxmap.services.evidence_import import EvidenceImports
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.services.journey_maps import JourneyMaps
from cxmap.services.kpis import KeyMetrics
from cxmap.services.mined_journeys import MinedJourneys
from cxmap.services.prioritisation import Prioritisation
from cxmap.services.share_links import JourneyShareLinks
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings, load_settings

DESCRIPTION = """\
Customer journeys of a team's workspaces: journeys as code (the same document as a
`cxmap` YAML file), their stages, steps, lanes, insights and opportunities, comments,
and the full history of every journey.

Authenticate with an API token (`Authorization: Bearer ...`, from `POST /auth/tokens`) or
log in (`POST /auth/login`) for a session cookie; unsafe requests made with the cookie
must repeat the login's `csrf_token` as `X-CSRF-Token`. A journey's version is its ETag;
changes need `If-Match`. Errors are `application/problem+json` (RFC 9457).
"""


def create_app(
    settings: Settings,
    *,
    server: WorkspaceServer | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    web_app: Path | None = None,
) -> FastAPI:
    """The API over the database `settings` name (or over `server`, for tests).

    The database must be migrated already (`cxmap serve` does it before starting). With
    `web_app` (a Vite `dist` folder) the web app is served at `/`; without, `/` leads to
    the API docs.
    """
    workspace_server = server or WorkspaceServer.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if server is None:
            workspace_server.close()

    app = FastAPI(
        title="cxmap workspace API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from installed files by install_docs, not a CDN
        redoc_url=None,
    )
    app.state.server = workspace_server
    app.state.attachments = AttachmentFiles.from_settings(settings, workspace_server.database)
    app.state.share_links = JourneyShareLinks(workspace_server.database)
    app.state.evidence_imports = EvidenceImports.from_settings(
        settings, workspace_server.database, workspace_server.events
    )
    app.state.evidence = EvidenceSummaries(
        workspace_server.database, events=workspace_server.events
    )
    app.state.prioritisation = Prioritisation(workspace_server.database)
    app.state.actions = ActionLists(workspace_server.database)
    app.state.key_metrics = KeyMetrics(workspace_server.database)
    app.state.journey_maps = JourneyMaps(workspace_server.database)
    app.state.mined_journeys = MinedJourneys.from_settings(
        settings, workspace_server.database, workspace_server.events
    )
    install_problem_handlers(app)
    for module in (
        auth_routes,
        workspace_routes,
        journey_routes,
        journey_part_routes,
        lane_routes,
        comment_routes,
        history_routes,
        attachment_routes,
        live_routes,
        persona_routes,
        evidence_routes,
        score_routes,
        action_routes,
        kpi_routes,
        map_routes,
        actual_routes,
    ):
        app.include_router(module.router)
    app.include_router(share_routes.router)
    app.include_router(share_routes.public)
    app.include_router(map_routes.public)
    install_web_app(app, web_app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=max_body_bytes,
        exempt_suffixes=(
            attachment_routes.UPLOAD_PATH_SUFFIX,
            evidence_routes.UPLOAD_PATH_SUFFIX,
            actual_routes.UPLOAD_PATH_SUFFIX,
        ),
    )
    install_openapi(app)
    install_docs(app)
    return app


def app_from_environment() -> FastAPI:
    """The app for `uvicorn --factory cxmap.api.app:app_from_environment` (and `cxmap
    serve`): settings from the `CXMAP_` environment, read once, here at the edge, and the
    web app built in the source tree (`make web`)."""
    return create_app(load_settings(), web_app=bundled_web_app())
