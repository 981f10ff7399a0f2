"""Workspaces and their members, each with a role.

The store keeps one rule itself because breaking it loses a workspace for good: there is
always at least one owner. Who may call what (only owners manage members, say) is for the
layers above, which know who is asking.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import AlreadyExistsError, InvalidInputError, NotFoundError, Problem
from cxmap.model.workspace import Member, Role, Workspace, WorkspaceAccess, WorkspaceSlug
from cxmap.store.records import Repository, member_record, workspace_record
from cxmap.store.rows import MembershipRow, UserRow, WorkspaceRow

_SLUG: TypeAdapter[str] = TypeAdapter(WorkspaceSlug)


class Workspaces(Repository):
    def create(self, slug: WorkspaceSlug, name: str, *, owner: UUID) -> Workspace:
        """A new workspace with `owner` as its first member (role owner)."""
        self.require_user(owner)
        _check_slug(slug)
        if not name.strip():
            raise InvalidInputError([Problem(("name",), "must not be empty")])
        if self.session.scalar(select(WorkspaceRow.id).where(WorkspaceRow.slug == slug)):
            raise _slug_taken(slug)
        now = self.clock()
        row = WorkspaceRow(id=uuid4(), slug=slug, name=name.strip(), created_at=now)
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise _slug_taken(slug) from None
        self.session.add(
            MembershipRow(workspace_id=row.id, user_id=owner, role=Role.OWNER, created_at=now)
        )
        self.session.flush()
        return workspace_record(row)

    def get(self, workspace_id: UUID) -> Workspace:
        return workspace_record(self.require_workspace(workspace_id))

    def get_by_slug(self, slug: str) -> Workspace:
        row = self.session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
        if row is None:
            raise NotFoundError(f"workspace '{slug}' not found")
        return workspace_record(row)

    def every(self) -> list[Workspace]:
        """All workspaces by slug (for the local CLI, which acts for whoever holds the data)."""
        rows = self.session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.slug))
        return [workspace_record(row) for row in rows]

    def of_user(self, user_id: UUID) -> list[WorkspaceAccess]:
        """The workspaces `user_id` belongs to, with their role in each, by name."""
        rows = self.session.execute(
            select(WorkspaceRow, MembershipRow.role)
            .join(MembershipRow, MembershipRow.workspace_id == WorkspaceRow.id)
            .where(MembershipRow.user_id == user_id)
            .order_by(WorkspaceRow.name, WorkspaceRow.id)
        )
        return [
            WorkspaceAccess(workspace=workspace_record(ws), role=Role(role)) for ws, role in rows
        ]

    def role_of(self, workspace_id: UUID, user_id: UUID) -> Role | None:
        """The user's role in the workspace; `None` if not a member (or no such workspace)."""
        membership = self.session.get(MembershipRow, (workspace_id, user_id))
        return None if membership is None else Role(membership.role)

    def members(self, workspace_id: UUID) -> list[Member]:
        self.require_workspace(workspace_id)
        rows = self.session.execute(
            select(MembershipRow, UserRow)
            .join(UserRow, UserRow.id == MembershipRow.user_id)
            .where(MembershipRow.workspace_id == workspace_id)
            .order_by(UserRow.display_name, UserRow.email)
        )
        return [member_record(membership, user) for membership, user in rows]

    def add_member(self, workspace_id: UUID, user_id: UUID, role: Role) -> Member:
        self.require_workspace(workspace_id)
        self.require_user(user_id)
        if self.session.get(MembershipRow, (workspace_id, user_id)) is not None:
            raise AlreadyExistsError(f"user {user_id} is already a member of this workspace")
        membership = MembershipRow(
            workspace_id=workspace_id, user_id=user_id, role=role.value, created_at=self.clock()
        )
        self.session.add(membership)
        try:
            self.session.flush()
        except IntegrityError:
            raise AlreadyExistsError(
                f"user {user_id} is already a member of this workspace"
            ) from None
        return self._member(membership)

    def set_role(self, workspace_id: UUID, user_id: UUID, role: Role) -> Member:
        membership = self._membership(workspace_id, user_id)
        if membership.role == Role.OWNER and role != Role.OWNER:
            self._keep_an_owner(workspace_id)
        membership.role = role.value
        self.session.flush()
        return self._member(membership)

    def remove_member(self, workspace_id: UUID, user_id: UUID) -> None:
        membership = self._membership(workspace_id, user_id)
        if membership.role == Role.OWNER:
            self._keep_an_owner(workspace_id)
        self.session.delete(membership)
        self.session.flush()

    def _membership(self, workspace_id: UUID, user_id: UUID) -> MembershipRow:
        membership = self.session.get(MembershipRow, (workspace_id, user_id), with_for_update=True)
        if membership is None:
            raise NotFoundError(f"user {user_id} is not a member of workspace {workspace_id}")
        return membership

    def _keep_an_owner(self, workspace_id: UUID) -> None:
        """Refuse to take away the last owner (owners are locked while counting)."""
        owners = self.session.scalars(
            select(MembershipRow.user_id)
            .where(MembershipRow.workspace_id == workspace_id, MembershipRow.role == Role.OWNER)
            .with_for_update()
        ).all()
        if len(owners) <= 1:
            message = "a workspace must keep at least one owner; make someone else owner first"
            raise InvalidInputError([Problem(("role",), message)])

    def _member(self, membership: MembershipRow) -> Member:
        user = self.session.get_one(UserRow, membership.user_id)
        return member_record(membership, user)


def _check_slug(slug: str) -> None:
    try:
        _SLUG.validate_python(slug)
    except ValidationError:
        message = f"'{slug}' is not a workspace id: lower-case letters, digits and '-', up to 80"
        raise InvalidInputError([Problem(("slug",), message)]) from None


def _slug_taken(slug: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"a workspace with id '{slug}' already exists")
