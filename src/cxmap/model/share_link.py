"""Read-only share links: a secret URL that shows one journey without logging in.

Only the SHA-256 of a link's secret is stored, so the table cannot be turned back into
working links; a link is revoked, not deleted, so the list shows who shared what.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from cxmap.model.workspace import Record


class ShareLink(Record):
    id: UUID
    workspace_id: UUID
    journey_id: UUID
    label: str
    created_by: UUID | None
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
