"""/workspaces/{id}/personas: list with a search, create, read, replace, patch, delete.

A persona's version is its ETag; every change needs If-Match with the version it is based
on (see `versions.py`), exactly as for journeys. Bodies are the journey format's `Persona`
and are validated whole, so a problem is named by its path (`goals[0]`).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Query, Response, status

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import (
    AUTHENTICATED,
    VERSIONED_WRITE,
    WITH_BODY,
    journey_body,
    problems,
    raw_body,
)
from cxmap.api.request_limits import require_json
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.persona_record import StoredPersona

router = APIRouter(
    prefix="/workspaces/{workspace_id}/personas", tags=["personas"], responses=AUTHENTICATED
)
JsonBody = Depends(require_json)
Document = Annotated[dict[str, Any], Body()]


def stored(response: Response, persona: StoredPersona) -> StoredPersona:
    tag_version(response, persona.version)
    return persona


@router.get("")
def search_personas(
    workspace_id: UUID,
    actor: Actor,
    server: Server,
    q: Annotated[str, Query(max_length=500, description="Words that must all appear.")] = "",
) -> list[StoredPersona]:
    """The workspace's personas by name; with `q`, those mentioning every word of it."""
    return server.personas.search(actor, workspace_id, q)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
    openapi_extra=journey_body("Persona"),
)
def create_persona(
    workspace_id: UUID, body: Document, response: Response, actor: Actor, server: Server
) -> StoredPersona:
    """Store a new persona (its `id` must be free in the workspace) as version 1."""
    persona = server.personas.create(actor, workspace_id, body)
    response.headers["Location"] = f"/workspaces/{workspace_id}/personas/{persona.id}"
    return stored(response, persona)


@router.get("/{persona_id}")
def get_persona(
    workspace_id: UUID, persona_id: UUID, response: Response, actor: Actor, server: Server
) -> StoredPersona:
    """The persona; the ETag is its version."""
    return stored(response, server.personas.get(actor, workspace_id, persona_id))


@router.put(
    "/{persona_id}",
    dependencies=[JsonBody],
    responses={**WITH_BODY, **VERSIONED_WRITE},
    openapi_extra=journey_body("Persona"),
)
def replace_persona(
    workspace_id: UUID,
    persona_id: UUID,
    body: Document,
    response: Response,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> StoredPersona:
    """Replace the whole persona (needs If-Match)."""
    expected = required_version(if_match)
    persona = server.personas.replace(actor, workspace_id, persona_id, body, expected=expected)
    return stored(response, persona)


@router.patch(
    "/{persona_id}",
    dependencies=[JsonBody],
    responses={**WITH_BODY, **VERSIONED_WRITE},
    openapi_extra=raw_body({"application/merge-patch+json": {"type": "object"}}),
)
def patch_persona(
    workspace_id: UUID,
    persona_id: UUID,
    body: Document,
    response: Response,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> StoredPersona:
    """Change part of a persona with a JSON Merge Patch (RFC 7396; needs If-Match)."""
    expected = required_version(if_match)
    persona = server.personas.patch(actor, workspace_id, persona_id, body, expected=expected)
    return stored(response, persona)


@router.delete("/{persona_id}", status_code=status.HTTP_204_NO_CONTENT, responses=VERSIONED_WRITE)
def delete_persona(
    workspace_id: UUID,
    persona_id: UUID,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> Response:
    """Remove the persona (needs If-Match); journeys keep their own copies of personas."""
    expected = required_version(if_match)
    server.personas.delete(actor, workspace_id, persona_id, expected=expected)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
