"""The map of a journey from the server: `map.svg`, `map.png`, `map.pdf`, `map.html` and
the `layout` the web app draws from, for workspace members (viewers) and share links.

`?version=N` draws a past version; `?overlay=actual` draws the newest stored event-log
analysis over the journey (the gap between desired and actual, as `cxmap render --mined`).
Every map is drawn by `services/journey_maps.draw_map`. The files name themselves after
the journey (`checkout.svg`, `checkout-v3-actual.pdf`) and may not be sniffed into another
type; SVG and HTML also forbid scripts and fetching anything, as they are the user's text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from cxmap.api.auth import Actor
from cxmap.api.openapi_docs import AUTHENTICATED, problems
from cxmap.api.share_routes import Secret
from cxmap.model.journey_map import MapLayout
from cxmap.services.journey_maps import MEDIA_TYPES, DrawnMap, JourneyMaps
from cxmap.services.rendering import OutputFormat

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}",
    tags=["maps"],
    responses={**AUTHENTICATED, **problems(409)},
)
public = APIRouter(prefix="/shared/{secret}", tags=["share links"], responses=problems(404, 422))
#: SVG and HTML maps carry the user's text: nothing in them may run or load anything.
_LOCKED_DOWN = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
_DESCRIPTIONS = {
    OutputFormat.SVG: "The map as SVG.",
    OutputFormat.PNG: "The map as PNG (drawn from the SVG).",
    OutputFormat.PDF: "The map as a vector PDF (drawn from the SVG).",
    OutputFormat.HTML: "The map as one standalone HTML page (the SVG inline).",
}


class Overlay(StrEnum):
    ACTUAL = "actual"


def _answer(fmt: OutputFormat) -> dict[int | str, dict[str, Any]]:
    schema = (
        {"type": "string"}
        if fmt in (OutputFormat.SVG, OutputFormat.HTML)
        else {
            "type": "string",
            "format": "binary",
        }
    )
    media = MEDIA_TYPES[fmt].split(";")[0]
    return {200: {"description": _DESCRIPTIONS[fmt], "content": {media: {"schema": schema}}}}


def journey_maps(request: Request) -> JourneyMaps:
    maps: JourneyMaps = request.app.state.journey_maps
    return maps


Maps = Annotated[JourneyMaps, Depends(journey_maps)]
Version = Annotated[
    int | None, Query(ge=1, le=2**31 - 1, description="A past version (default: current).")
]
OverlayQuery = Annotated[
    Overlay | None,
    Query(description="`actual`: draw the newest stored event-log analysis over the map."),
]


def map_response(drawn: DrawnMap) -> Response:
    headers = {
        "Content-Disposition": f'attachment; filename="{drawn.file_name}"',
        "X-Content-Type-Options": "nosniff",
    }
    if not drawn.media_type.startswith(("image/png", "application/pdf")):
        headers["Content-Security-Policy"] = _LOCKED_DOWN
    return Response(drawn.content, media_type=drawn.media_type, headers=headers)


def _draw(
    maps: JourneyMaps,
    actor: UUID,
    ids: tuple[UUID, UUID],
    fmt: OutputFormat,
    version: int | None,
    overlay: Overlay | None,
) -> Response:
    drawn = maps.draw(actor, *ids, fmt, version=version, actual=overlay is Overlay.ACTUAL)
    return map_response(drawn)


@router.get("/map.svg", response_class=Response, responses=_answer(OutputFormat.SVG))
def journey_map_svg(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    maps: Maps,
    version: Version = None,
    overlay: OverlayQuery = None,
) -> Response:
    """The journey map as SVG."""
    ids = (workspace_id, journey_id)
    return _draw(maps, actor, ids, OutputFormat.SVG, version, overlay)


@router.get("/map.png", response_class=Response, responses=_answer(OutputFormat.PNG))
def journey_map_png(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    maps: Maps,
    version: Version = None,
    overlay: OverlayQuery = None,
) -> Response:
    """The journey map as PNG (very large maps are scaled to fit 32,000 pixels a side)."""
    ids = (workspace_id, journey_id)
    return _draw(maps, actor, ids, OutputFormat.PNG, version, overlay)


@router.get("/map.pdf", response_class=Response, responses=_answer(OutputFormat.PDF))
def journey_map_pdf(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    maps: Maps,
    version: Version = None,
    overlay: OverlayQuery = None,
) -> Response:
    """The journey map as a vector PDF."""
    ids = (workspace_id, journey_id)
    return _draw(maps, actor, ids, OutputFormat.PDF, version, overlay)


@router.get("/map.html", response_class=Response, responses=_answer(OutputFormat.HTML))
def journey_map_html(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    maps: Maps,
    version: Version = None,
    overlay: OverlayQuery = None,
) -> Response:
    """The journey map as a standalone HTML page (no scripts, nothing fetched)."""
    ids = (workspace_id, journey_id)
    return _draw(maps, actor, ids, OutputFormat.HTML, version, overlay)


@router.get("/layout")
def journey_layout(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    maps: Maps,
    version: Version = None,
    overlay: OverlayQuery = None,
) -> MapLayout:
    """Where everything of the map goes (user units, origin top left): the data the SVG is
    drawn from, for drawing the same map in the browser."""
    actual = overlay is Overlay.ACTUAL
    return maps.layout(actor, workspace_id, journey_id, version=version, actual=actual)


@public.get("/map.svg", response_class=Response, responses=_answer(OutputFormat.SVG))
def shared_map_svg(secret: Secret, maps: Maps) -> Response:
    """The shared journey's map as SVG."""
    return map_response(maps.draw_shared(secret, OutputFormat.SVG))


@public.get("/map.png", response_class=Response, responses=_answer(OutputFormat.PNG))
def shared_map_png(secret: Secret, maps: Maps) -> Response:
    """The shared journey's map as PNG."""
    return map_response(maps.draw_shared(secret, OutputFormat.PNG))


@public.get("/map.pdf", response_class=Response, responses=_answer(OutputFormat.PDF))
def shared_map_pdf(secret: Secret, maps: Maps) -> Response:
    """The shared journey's map as a vector PDF."""
    return map_response(maps.draw_shared(secret, OutputFormat.PDF))


@public.get("/map.html", response_class=Response, responses=_answer(OutputFormat.HTML))
def shared_map_html(secret: Secret, maps: Maps) -> Response:
    """The shared journey's map as a standalone HTML page."""
    return map_response(maps.draw_shared(secret, OutputFormat.HTML))


@public.get("/layout")
def shared_layout(secret: Secret, maps: Maps) -> MapLayout:
    """The shared journey's map as layout data (story mode draws from it)."""
    return maps.shared_layout(secret)
