"""/workspaces and their members."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Response, status

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, problems
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import MemberCreate, MemberUpdate, WorkspaceCreate, WorkspacePublic
from cxmap.model.workspace import Member, WorkspaceAccess

router = APIRouter(prefix="/workspaces", tags=["workspaces"], responses=AUTHENTICATED)
JsonBody = Depends(require_json)


def _public(access: WorkspaceAccess) -> WorkspacePublic:
    workspace = access.workspace
    return WorkspacePublic(
        id=workspace.id,
        slug=workspace.slug,
        name=workspace.name,
        created_at=workspace.created_at,
        role=access.role,
    )


@router.get("")
def list_workspaces(actor: Actor, server: Server) -> list[WorkspacePublic]:
    """The workspaces you are a member of, with your role in each."""
    return [_public(access) for access in server.workspaces.of_user(actor)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
)
def create_workspace(body: WorkspaceCreate, actor: Actor, server: Server) -> WorkspacePublic:
    """Start a workspace; you are its owner."""
    return _public(server.workspaces.create(actor, body.slug, body.name))


@router.get("/{workspace_id}")
def get_workspace(workspace_id: UUID, actor: Actor, server: Server) -> WorkspacePublic:
    return _public(server.workspaces.get(actor, workspace_id))


@router.get("/{workspace_id}/members")
def list_members(workspace_id: UUID, actor: Actor, server: Server) -> list[Member]:
    return server.workspaces.members(actor, workspace_id)


@router.post(
    "/{workspace_id}/members",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
)
def add_member(workspace_id: UUID, body: MemberCreate, actor: Actor, server: Server) -> Member:
    """Add an existing account by email (owners only)."""
    return server.workspaces.add_member(actor, workspace_id, body.email, body.role)


@router.patch("/{workspace_id}/members/{user_id}", dependencies=[JsonBody], responses=WITH_BODY)
def set_member_role(
    workspace_id: UUID, user_id: UUID, body: MemberUpdate, actor: Actor, server: Server
) -> Member:
    """Change a member's role (owners only; the last owner stays an owner)."""
    return server.workspaces.set_role(actor, workspace_id, user_id, body.role)


@router.delete("/{workspace_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(workspace_id: UUID, user_id: UUID, actor: Actor, server: Server) -> Response:
    """Remove a member (owners), or leave the workspace yourself (anyone)."""
    server.workspaces.remove_member(actor, workspace_id, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
