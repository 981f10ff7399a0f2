"""Comments on a journey or one of its parts, with @mentions resolved to members."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import CommentCreate, CommentPublic, CommentUpdate
from cxmap.model.discussion import CommentView
from cxmap.model.journey_record import AnchorKind, CommentAnchor

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["comments"], responses=AUTHENTICATED)
JsonBody = Depends(require_json)


def _public(view: CommentView) -> CommentPublic:
    return CommentPublic(
        comment=view.comment,
        author=view.author,
        mentioned=view.mentioned,
        unknown_mentions=view.unknown_mentions,
    )


@router.get("/journeys/{journey_id}/comments")
def list_comments(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    server: Server,
    anchor_kind: Annotated[
        AnchorKind | None, Query(description="With anchor_id: one item.")
    ] = None,
    anchor_id: Annotated[
        str | None, Query(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)
    ] = None,
) -> list[CommentPublic]:
    """The journey's comments, oldest first; or only those on one stage, step or item."""
    anchor = None
    if anchor_id is not None:
        anchor = CommentAnchor(kind=anchor_kind or AnchorKind.STEP, id=anchor_id)
    views = server.comments.of_journey(actor, (workspace_id, journey_id), anchor)
    return [_public(view) for view in views]


@router.post(
    "/journeys/{journey_id}/comments",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses=WITH_BODY,
)
def add_comment(
    workspace_id: UUID, journey_id: UUID, body: CommentCreate, actor: Actor, server: Server
) -> CommentPublic:
    """Comment on the journey or on one of its parts; `@handle` mentions members."""
    view = server.comments.add(actor, (workspace_id, journey_id), body.body, body.anchor)
    return _public(view)


@router.get("/comments/{comment_id}")
def get_comment(
    workspace_id: UUID, comment_id: UUID, actor: Actor, server: Server
) -> CommentPublic:
    return _public(server.comments.get(actor, workspace_id, comment_id))


@router.patch("/comments/{comment_id}", dependencies=[JsonBody], responses=WITH_BODY)
def resolve_comment(
    workspace_id: UUID, comment_id: UUID, body: CommentUpdate, actor: Actor, server: Server
) -> CommentPublic:
    """Mark a comment resolved, or open it again (commenters and above)."""
    view = server.comments.resolve(actor, workspace_id, comment_id, resolved=body.resolved)
    return _public(view)


@router.delete("/comments/{comment_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_comment(workspace_id: UUID, comment_id: UUID, actor: Actor, server: Server) -> Response:
    """Remove a comment (its author, or an editor or owner); it is hidden, not erased."""
    server.comments.delete(actor, workspace_id, comment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
