"""A journey's history: its revisions (who, when, what as a JSON Patch), any version as it
was, and restoring one (as a new version, so nothing in between is lost)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Response

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import JourneyVersionRef, RevisionDetail
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.journey_record import Revision, StoredJourney

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}",
    tags=["history"],
    responses=AUTHENTICATED,
)
Version = Annotated[int, Path(ge=1, le=1_000_000_000)]


@router.get("/revisions")
def list_revisions(
    workspace_id: UUID, journey_id: UUID, actor: Actor, server: Server
) -> list[Revision]:
    """Every revision, oldest first (journeys in the bin keep theirs)."""
    return server.revisions.revisions(actor, workspace_id, journey_id)


@router.get("/revisions/{version}")
def get_revision(
    workspace_id: UUID, journey_id: UUID, version: Version, actor: Actor, server: Server
) -> RevisionDetail:
    """One revision and the journey exactly as it was at that version."""
    revision, journey = server.revisions.revision(actor, workspace_id, journey_id, version)
    return RevisionDetail(revision=revision, journey=journey)


@router.post(
    "/restore",
    dependencies=[Depends(require_json)],
    responses={**WITH_BODY, **VERSIONED_WRITE},
)
def restore_version(
    workspace_id: UUID,
    journey_id: UUID,
    body: JourneyVersionRef,
    response: Response,
    actor: Actor,
    server: Server,
    if_match: IfMatchHeader = None,
) -> StoredJourney:
    """Make an earlier version current again, as a new version (needs If-Match)."""
    restored = server.revisions.restore(
        actor,
        workspace_id,
        journey_id,
        body.version,
        expected_version=required_version(if_match),
    )
    tag_version(response, restored.version)
    return restored
