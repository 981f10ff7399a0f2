"""Login sessions and login attempts: the state behind cookie logins and their rate limit.

Sessions live in the database, not in a signed cookie, so logging out (or an administrator)
really ends them. Attempts are kept per account and per address so the auth layer can
count recent failures across every server process sharing the database.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, func, select, update

from cxmap.model.errors import NotFoundError
from cxmap.model.login_session import LoginSession
from cxmap.store.records import Repository
from cxmap.store.rows import LoginAttemptRow, SessionRow


class Sessions(Repository):
    def create(
        self, user_id: UUID, token_hash: str, csrf_hash: str, *, expires_at: datetime
    ) -> LoginSession:
        self.require_user(user_id)
        row = SessionRow(
            id=uuid4(),
            user_id=user_id,
            token_hash=token_hash,
            csrf_hash=csrf_hash,
            created_at=self.clock(),
            expires_at=expires_at,
            revoked_at=None,
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def active(self, token_hash: str) -> tuple[LoginSession, str]:
        """The live session with this token and its CSRF hash; else `NotFoundError`."""
        row = self.session.scalar(select(SessionRow).where(SessionRow.token_hash == token_hash))
        if row is None or not _record(row).is_active(self.clock()):
            raise NotFoundError("unknown, expired or ended session")
        return _record(row), row.csrf_hash

    def revoke(self, session_id: UUID) -> None:
        self.session.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id, SessionRow.revoked_at.is_(None))
            .values(revoked_at=self.clock())
        )

    def revoke_all(self, user_id: UUID) -> int:
        """End every session of the user (after a password change, say); how many ended."""
        result = self.session.execute(
            update(SessionRow)
            .where(SessionRow.user_id == user_id, SessionRow.revoked_at.is_(None))
            .values(revoked_at=self.clock())
        )
        return int(getattr(result, "rowcount", 0) or 0)


class LoginAttempts(Repository):
    def record(self, email: str, address: str, *, succeeded: bool) -> None:
        row = LoginAttemptRow(
            id=uuid4(), email=email, address=address[:64], at=self.clock(), succeeded=succeeded
        )
        self.session.add(row)
        self.session.flush()

    def failures_for_email(self, email: str, since: datetime) -> int:
        return self._failures(LoginAttemptRow.email == email, since)

    def failures_from(self, address: str, since: datetime) -> int:
        return self._failures(LoginAttemptRow.address == address[:64], since)

    def _failures(self, who: ColumnElement[bool], since: datetime) -> int:
        count = self.session.scalar(
            select(func.count())
            .select_from(LoginAttemptRow)
            .where(who, LoginAttemptRow.at >= since, LoginAttemptRow.succeeded.is_(False))
        )
        return int(count or 0)


def _record(row: SessionRow) -> LoginSession:
    return LoginSession(
        id=row.id,
        user_id=row.user_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )
