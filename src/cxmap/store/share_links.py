"""Share links of journeys: recorded by the hash of their secret, found by it, revoked."""

from __future__ import annotations

from uuid import UUID, uuid4

from sqlalchemy import select

from cxmap.model.errors import NotFoundError
from cxmap.model.journey_record import StoredJourney
from cxmap.model.share_link import ShareLink
from cxmap.store.journey_versions import live_row
from cxmap.store.records import Repository, stored_journey
from cxmap.store.rows import ShareLinkRow


class ShareLinks(Repository):
    def add(
        self, workspace_id: UUID, journey_id: UUID, secret_hash: str, label: str, by: UUID | None
    ) -> ShareLink:
        """A new active link to a live journey of this workspace."""
        live_row(self.session, workspace_id, journey_id)
        row = ShareLinkRow(
            id=uuid4(),
            workspace_id=workspace_id,
            journey_id=journey_id,
            secret_hash=secret_hash,
            label=label,
            created_by=by,
            created_at=self.clock(),
            revoked_at=None,
        )
        self.session.add(row)
        self.session.flush()
        return share_link_record(row)

    def of_journey(self, workspace_id: UUID, journey_id: UUID) -> list[ShareLink]:
        """The journey's links, oldest first, revoked ones included."""
        live_row(self.session, workspace_id, journey_id)
        rows = self.session.scalars(
            select(ShareLinkRow)
            .where(ShareLinkRow.workspace_id == workspace_id)
            .where(ShareLinkRow.journey_id == journey_id)
            .order_by(ShareLinkRow.created_at, ShareLinkRow.id)
        )
        return [share_link_record(row) for row in rows]

    def revoke(self, workspace_id: UUID, link_id: UUID) -> ShareLink:
        """Revoke the link (again is harmless); another workspace's link is not found."""
        row = self.session.get(ShareLinkRow, link_id)
        if row is None or row.workspace_id != workspace_id:
            raise NotFoundError(f"share link {link_id} not found")
        if row.revoked_at is None:
            row.revoked_at = self.clock()
            self.session.flush()
        return share_link_record(row)

    def journey(self, secret_hash: str) -> StoredJourney:
        """The journey an active link shows. A revoked or unknown link, or a journey in the
        bin, are all the same `NotFoundError`: the answer says nothing about the secret."""
        row = self.session.scalar(
            select(ShareLinkRow).where(ShareLinkRow.secret_hash == secret_hash)
        )
        if row is None or row.revoked_at is not None:
            raise NotFoundError("no such share link (it may have been revoked)")
        try:
            return stored_journey(live_row(self.session, row.workspace_id, row.journey_id))
        except NotFoundError:
            raise NotFoundError("no such share link (it may have been revoked)") from None


def share_link_record(row: ShareLinkRow) -> ShareLink:
    return ShareLink(
        id=row.id,
        workspace_id=row.workspace_id,
        journey_id=row.journey_id,
        label=row.label,
        created_by=row.created_by,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )
