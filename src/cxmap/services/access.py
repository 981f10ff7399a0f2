"""Who may do what in a workspace: the one check every workspace use case starts with.

It lives in the services so the API and the CLI enforce the same rules. Someone who is not
a member is told the workspace does not exist (exactly like a wrong id), so ids of other
teams' workspaces reveal nothing; a member whose role is too low is told which role the
action needs.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.orm import Session

from cxmap.model.errors import NotFoundError, PermissionDeniedError
from cxmap.model.workspace import Role
from cxmap.store import Workspaces


def workspace_not_found(workspace_id: UUID) -> NotFoundError:
    return NotFoundError(f"workspace {workspace_id} not found")


def require_role(session: Session, workspace_id: UUID, user_id: UUID, needed: Role) -> Role:
    """The caller's role if it allows `needed`; else not found (no member) or denied."""
    role = Workspaces(session).role_of(workspace_id, user_id)
    if role is None:
        raise workspace_not_found(workspace_id)
    if not role.allows(needed):
        raise PermissionDeniedError(
            f"this needs the {needed.value} role (or higher) in the workspace; you are {role.value}"
        )
    return role


def require_role_or_local(
    session: Session, workspace_id: UUID, user_id: UUID | None, needed: Role
) -> Role | None:
    """As `require_role`; `user_id` None is the local CLI acting for whoever holds the data
    (like `cxmap backup`), which needs no role. The API always names an account."""
    if user_id is None:
        return None
    return require_role(session, workspace_id, user_id, needed)
