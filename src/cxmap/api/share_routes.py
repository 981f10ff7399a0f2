"""Read-only share links: editors make and revoke them; `/shared/{secret}` needs no login.

The shared view shows the journey document and its version only, not who wrote it or
which workspace it lives in: a link may be passed around a training room.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import BaseModel, Field

from cxmap.api.auth import Actor
from cxmap.api.journey_routes import EXPORT_RESPONSES
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, problems
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import Body
from cxmap.api.versions import tag_version
from cxmap.model.journey import Journey
from cxmap.model.share_link import ShareLink
from cxmap.services.journey_exchange import MEDIA_TYPES
from cxmap.services.mermaid_exchange import ExportFormat
from cxmap.services.share_links import JourneyShareLinks

router = APIRouter(
    prefix="/workspaces/{workspace_id}", tags=["share links"], responses=AUTHENTICATED
)
public = APIRouter(prefix="/shared", tags=["share links"], responses=problems(404, 422))
Secret = Annotated[str, Path(min_length=1, max_length=200)]


class ShareLinkCreate(Body):
    label: str = Field(default="", max_length=200, examples=["Onboarding training"])


class ShareLinkCreated(BaseModel):
    link: ShareLink
    secret: str = Field(description="Shown only now; the server keeps only its hash.")
    path: str = Field(description="Where the journey can be read: /shared/{secret}.")


class SharedJourney(BaseModel):
    version: int
    updated_at: datetime
    journey: Journey


def share_links(request: Request) -> JourneyShareLinks:
    links: JourneyShareLinks = request.app.state.share_links
    return links


Links = Annotated[JourneyShareLinks, Depends(share_links)]


@router.post(
    "/journeys/{journey_id}/share-links",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
    responses=WITH_BODY,
)
def create_share_link(
    workspace_id: UUID, journey_id: UUID, body: ShareLinkCreate, actor: Actor, links: Links
) -> ShareLinkCreated:
    """A new read-only link to the journey (editors and owners); its secret is shown once."""
    made = links.create(actor, workspace_id, journey_id, body.label)
    return ShareLinkCreated(link=made.link, secret=made.secret, path=f"/shared/{made.secret}")


@router.get("/journeys/{journey_id}/share-links")
def list_share_links(
    workspace_id: UUID, journey_id: UUID, actor: Actor, links: Links
) -> list[ShareLink]:
    """The journey's links, oldest first, revoked ones included (editors and owners)."""
    return links.of_journey(actor, workspace_id, journey_id)


@router.delete("/share-links/{link_id}")
def revoke_share_link(workspace_id: UUID, link_id: UUID, actor: Actor, links: Links) -> ShareLink:
    """Revoke a link: from now on its secret is not found."""
    return links.revoke(actor, workspace_id, link_id)


@public.get("/{secret}")
def read_shared_journey(secret: Secret, response: Response, links: Links) -> SharedJourney:
    """The shared journey as it is now; a revoked or unknown secret is 404."""
    stored = links.journey(secret)
    tag_version(response, stored.version)
    return SharedJourney(
        version=stored.version, updated_at=stored.updated_at, journey=stored.journey
    )


@public.get(
    "/{secret}/export",
    response_class=Response,
    responses=EXPORT_RESPONSES,
)
def export_shared_journey(
    secret: Secret,
    links: Links,
    fmt: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.YAML,
) -> Response:
    """The shared journey as a YAML or JSON file, or a Mermaid `journey` diagram."""
    stored, text = links.export_text(secret, fmt)
    suffix = {"yaml": "yaml", "json": "json", "mermaid": "mmd"}[fmt.value]
    headers = {
        "ETag": f'"{stored.version}"',
        "Content-Disposition": f'attachment; filename="{stored.slug}.{suffix}"',
    }
    return Response(text, media_type=MEDIA_TYPES[fmt], headers=headers)
