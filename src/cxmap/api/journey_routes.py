"""/workspaces/{id}/journeys: search, create, read, replace, patch, delete, import, export.

A journey's version is its ETag; every change needs If-Match with the version it is based
on (see `versions.py`). Bodies are the journey format itself and are validated whole, so a
problem is named by its path (`stages[2].steps[0].emotion`) exactly as for a file.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import (
    AUTHENTICATED,
    VERSIONED_WRITE,
    WITH_BODY,
    journey_body,
    problems,
    raw_body,
)
from cxmap.api.request_limits import media_type, require_json
from cxmap.api.schemas import DeletedJourney
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.journey import JourneyKind, JourneyStatus
from cxmap.model.journey_record import JourneyPage, JourneyQuery, JourneySort, StoredJourney
from cxmap.services.journey_exchange import MEDIA_TYPES
from cxmap.services.mermaid_exchange import ExportFormat

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys", tags=["journeys"], responses=AUTHENTICATED
)
JsonBody = Depends(require_json)
Document = Annotated[dict[str, Any], Body()]

JOURNEY_SCHEMA = {"$ref": "#/components/schemas/Journey"}
#: The export answer, shared with the read-only share links' export.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The journey as text.",
        "content": {
            MEDIA_TYPES[ExportFormat.YAML]: {"schema": JOURNEY_SCHEMA},
            MEDIA_TYPES[ExportFormat.JSON]: {"schema": JOURNEY_SCHEMA},
            MEDIA_TYPES[ExportFormat.MERMAID]: {"schema": {"type": "string"}},
        },
    }
}
_FORMAT_OF_MEDIA = {
    "application/yaml": ExportFormat.YAML,
    "application/x-yaml": ExportFormat.YAML,
    "text/yaml": ExportFormat.YAML,
    "text/x-yaml": ExportFormat.YAML,
    "application/json": ExportFormat.JSON,
    "text/vnd.mermaid": ExportFormat.MERMAID,
    "text/plain": ExportFormat.MERMAID,
}


def stored(response: Response, journey: StoredJourney) -> StoredJourney:
    tag_version(response, journey.version)
    return journey


@router.get("")
def search_journeys(
    workspace_id: UUID,
    actor: Actor,
    server: Server,
    q: Annotated[str, Query(max_length=500, description="Words that must all appear.")] = "",
    kind: JourneyKind | None = None,
    journey_status: Annotated[JourneyStatus | None, Query(alias="status")] = None,
    owner: Annotated[str | None, Query(max_length=500)] = None,
    tag: Annotated[list[str] | None, Query(description="Journeys having all these tags.")] = None,
    deleted: Annotated[bool, Query(description="List the bin instead.")] = False,
    sort: JourneySort = JourneySort.UPDATED,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> JourneyPage:
    """One page of the workspace's journeys, with filters and a text search."""
    query = JourneyQuery(
        text=q,
        kind=kind,
        status=journey_status,
        owner=owner,
        tags=tag or [],
        deleted=deleted,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return server.journeys.search(actor, workspace_id, query)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
    openapi_extra=journey_body("Journey"),
)
def create_journey(
    workspace_id: UUID, body: Document, response: Response, actor: Actor, server: Server
) -> StoredJourney:
    """Store a new journey (its `id` must be free in the workspace) as version 1."""
    journey = server.journeys.create(actor, workspace_id, body)
    response.headers["Location"] = f"/workspaces/{workspace_id}/journeys/{journey.id}"
    return stored(response, journey)


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    responses={**WITH_BODY, **problems(409)},
    openapi_extra=raw_body(
        {
            "application/yaml": JOURNEY_SCHEMA,
            "application/json": JOURNEY_SCHEMA,
            "text/vnd.mermaid": {"type": "string"},
        }
    ),
)
async def import_journey(
    workspace_id: UUID,
    request: Request,
    response: Response,
    actor: Actor,
    server: Server,
    fmt: Annotated[
        ExportFormat | None,
        Query(alias="format", description="Default: from the Content-Type."),
    ] = None,
) -> StoredJourney:
    """Import a journey file (YAML or JSON) or a Mermaid `journey` diagram as a new journey.

    Problems are reported with line and column, like `cxmap validate` does for a file.
    """
    kind = media_type(request)
    chosen = fmt or _FORMAT_OF_MEDIA.get(kind)
    if chosen is None:
        accepted = ", ".join(sorted(_FORMAT_OF_MEDIA))
        raise HTTPException(415, f"send the journey as one of {accepted}, not {kind or 'nothing'}")
    raw = await request.body()
    journey = await _in_thread(server.exchange.import_text, actor, workspace_id, raw, chosen)
    return stored(response, journey)


@router.get("/{journey_id}")
def get_journey(
    workspace_id: UUID, journey_id: UUID, response: Response, actor: Actor, server: Server
) -> StoredJourney:
    """The journey with its content; the ETag is its version."""
    return stored(response, server.journeys.get(actor, workspace_id, journey_id))


@router.put(
    "/{journey_id}",
    dependencies=[JsonBody],
    responses={**WITH_BODY, **VERSIONED_WRITE},
    openapi_extra=journey_body("Journey"),
)
def replace_journey(
    workspace_id: UUID,
    journey_id: UUID,
    body: Document,
    response: Response,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> StoredJourney:
    """Replace the whole journey (needs If-Match)."""
    expected = required_version(if_match)
    journey = server.journeys.replace(
        actor, workspace_id, journey_id, body, expected_version=expected
    )
    return stored(response, journey)


@router.patch(
    "/{journey_id}",
    dependencies=[JsonBody],
    responses={**WITH_BODY, **VERSIONED_WRITE},
    openapi_extra=raw_body({"application/merge-patch+json": {"type": "object"}}),
)
def patch_journey(
    workspace_id: UUID,
    journey_id: UUID,
    body: Document,
    response: Response,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> StoredJourney:
    """Change part of a journey with a JSON Merge Patch (RFC 7396; needs If-Match)."""
    expected = required_version(if_match)
    journey = server.journeys.patch(
        actor, workspace_id, journey_id, body, expected_version=expected
    )
    return stored(response, journey)


@router.delete("/{journey_id}", responses=VERSIONED_WRITE)
def delete_journey(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> DeletedJourney:
    """Move the journey to the bin (needs If-Match); its history stays."""
    expected = required_version(if_match)
    summary = server.journeys.delete(actor, workspace_id, journey_id, expected_version=expected)
    return DeletedJourney(id=summary.id, version=summary.version, deleted_at=summary.deleted_at)


@router.post("/{journey_id}/undelete", responses=problems(409))
def undelete_journey(
    workspace_id: UUID, journey_id: UUID, response: Response, actor: Actor, server: Server
) -> StoredJourney:
    """Bring a journey back from the bin, as a new version."""
    return stored(response, server.journeys.undelete(actor, workspace_id, journey_id))


@router.get(
    "/{journey_id}/export",
    response_class=Response,
    responses=EXPORT_RESPONSES,
)
def export_journey(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    server: Server,
    fmt: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.YAML,
) -> Response:
    """The journey as a YAML or JSON file, or a Mermaid `journey` diagram."""
    journey, text = server.exchange.export_text(actor, workspace_id, journey_id, fmt)
    suffix = {"yaml": "yaml", "json": "json", "mermaid": "mmd"}[fmt.value]
    headers = {
        "ETag": f'"{journey.version}"',
        "Content-Disposition": f'attachment; filename="{journey.slug}.{suffix}"',
    }
    return Response(text, media_type=MEDIA_TYPES[fmt], headers=headers)


async def _in_thread(function: Any, *args: Any) -> StoredJourney:
    """Run a blocking use case off the event loop (this endpoint reads its body itself)."""
    result: StoredJourney = await run_in_threadpool(function, *args)
    return result
