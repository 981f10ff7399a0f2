"""A team's space: who is in it and what each member may do.

These are the records the store hands up to services and the API, free of any database
type, so the layers above never touch a row or a session. Secrets (password hashes, token
hashes) are deliberately not part of them: they are read only where they are checked.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, StringConstraints

from cxmap.model.errors import InvalidInputError, Problem


class Role(StrEnum):
    """What a member may do in a workspace; each role includes the ones below it."""

    OWNER = "owner"
    EDITOR = "editor"
    COMMENTER = "commenter"
    VIEWER = "viewer"

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what `needed` may (an editor may comment, not manage)."""
        return _RANK[self] >= _RANK[needed]


_RANK = {Role.VIEWER: 0, Role.COMMENTER: 1, Role.EDITOR: 2, Role.OWNER: 3}

WorkspaceSlug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=80)
]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    """Emails are compared without case or surrounding blanks; a malformed one is refused."""
    value = email.strip().lower()
    if not _EMAIL.match(value) or len(value) > 320:
        raise InvalidInputError([Problem(("email",), f"'{email}' is not an email address")])
    return value


class Record(BaseModel):
    """Read-only data handed out by the store."""

    model_config = ConfigDict(frozen=True)


class User(Record):
    """A local account (the password hash stays in the store)."""

    id: UUID
    email: str
    display_name: str
    created_at: datetime


class Workspace(Record):
    id: UUID
    slug: WorkspaceSlug
    name: str
    created_at: datetime


class Member(Record):
    """A user's place in one workspace."""

    workspace_id: UUID
    user: User
    role: Role
    added_at: datetime


class WorkspaceAccess(Record):
    """A workspace as seen by one of its members: the workspace and the member's role."""

    workspace: Workspace
    role: Role


class ApiToken(Record):
    """An API token for the CLI and integrations (only its hash is stored, never shown)."""

    id: UUID
    user_id: UUID
    name: str
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        expired = self.expires_at is not None and self.expires_at <= now
        return self.revoked_at is None and not expired
