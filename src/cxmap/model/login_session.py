"""A browser login as the server keeps it: whose it is and until when it is good.

The secrets (the cookie's token and the CSRF token) are not part of the record: the store
keeps only their hashes and the layers above compare hashes, so a record can be logged or
listed without giving a session away.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from cxmap.model.workspace import Record


class LoginSession(Record):
    id: UUID
    user_id: UUID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at
