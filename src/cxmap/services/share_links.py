"""Read-only share links for presentations and training.

An editor (or owner) makes a link to one journey; whoever has its secret can read that
journey, and export it, without an account, until the link is revoked. The secret is
shown once, at creation; only its SHA-256 is stored (as for API tokens and sessions), so a
copy of the database opens nothing. A revoked or unknown secret is simply not found.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from uuid import UUID

from cxmap.model.journey_record import StoredJourney
from cxmap.model.share_link import ShareLink
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.services.accounts import digest
from cxmap.services.journey_exchange import write_journey_text
from cxmap.services.mermaid_exchange import ExportFormat
from cxmap.store import Database
from cxmap.store.records import Clock, utc_now
from cxmap.store.share_links import ShareLinks

#: Secrets look like `cxshare_` + 43 URL-safe characters (256 random bits).
SECRET_PREFIX = "cxshare_"


@dataclass(frozen=True)
class NewShareLink:
    link: ShareLink
    secret: str


class JourneyShareLinks:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def create(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, label: str = ""
    ) -> NewShareLink:
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            link = ShareLinks(session, self.clock).add(
                workspace_id, journey_id, digest(secret), label.strip(), actor
            )
        return NewShareLink(link, secret)

    def of_journey(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> list[ShareLink]:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            return ShareLinks(session, self.clock).of_journey(workspace_id, journey_id)

    def revoke(self, actor: UUID, workspace_id: UUID, link_id: UUID) -> ShareLink:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            return ShareLinks(session, self.clock).revoke(workspace_id, link_id)

    def journey(self, secret: str) -> StoredJourney:
        """The shared journey as it is now (no login: the secret is the permission)."""
        with self.database.reading() as session:
            return ShareLinks(session, self.clock).journey(digest(secret))

    def export_text(self, secret: str, fmt: ExportFormat) -> tuple[StoredJourney, str]:
        stored = self.journey(secret)
        return stored, write_journey_text(stored.journey, fmt)
