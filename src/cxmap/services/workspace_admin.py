"""Workspaces and their members as use cases.

Anyone with an account may start a workspace (and owns it). Members see who else is in it;
only owners add people, change roles and remove people, except that anyone may leave. The
store keeps the last-owner rule, so a workspace is never left without one.
"""

from __future__ import annotations

from uuid import UUID

from cxmap.model.workspace import Member, Role, Workspace, WorkspaceAccess
from cxmap.services.access import require_role
from cxmap.store import Accounts, Database, Workspaces
from cxmap.store.records import Clock, utc_now


class WorkspaceAdmin:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def create(self, actor: UUID, slug: str, name: str) -> WorkspaceAccess:
        with self.database.writing() as session:
            workspace = Workspaces(session, self.clock).create(slug, name, owner=actor)
        return WorkspaceAccess(workspace=workspace, role=Role.OWNER)

    def of_user(self, actor: UUID) -> list[WorkspaceAccess]:
        with self.database.reading() as session:
            return Workspaces(session, self.clock).of_user(actor)

    def get(self, actor: UUID, workspace_id: UUID) -> WorkspaceAccess:
        with self.database.reading() as session:
            role = require_role(session, workspace_id, actor, Role.VIEWER)
            workspace: Workspace = Workspaces(session, self.clock).get(workspace_id)
        return WorkspaceAccess(workspace=workspace, role=role)

    def members(self, actor: UUID, workspace_id: UUID) -> list[Member]:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Workspaces(session, self.clock).members(workspace_id)

    def add_member(self, actor: UUID, workspace_id: UUID, email: str, role: Role) -> Member:
        """Add the account with this email (it must exist) with `role`."""
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.OWNER)
            user = Accounts(session, self.clock).find_by_email(email)
            return Workspaces(session, self.clock).add_member(workspace_id, user.id, role)

    def set_role(self, actor: UUID, workspace_id: UUID, user_id: UUID, role: Role) -> Member:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.OWNER)
            return Workspaces(session, self.clock).set_role(workspace_id, user_id, role)

    def remove_member(self, actor: UUID, workspace_id: UUID, user_id: UUID) -> None:
        """Owners remove anyone; everyone else may only leave."""
        with self.database.writing() as session:
            needed = Role.VIEWER if user_id == actor else Role.OWNER
            require_role(session, workspace_id, actor, needed)
            Workspaces(session, self.clock).remove_member(workspace_id, user_id)
