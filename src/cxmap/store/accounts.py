"""Local accounts and their API tokens.

The store keeps secrets only as hashes and never computes them: the password hash comes
from the auth layer (argon2) and a token is stored as the SHA-256 of its secret, looked up
by that hash. Both stay out of the records handed up (`User`, `ApiToken`).
"""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import AlreadyExistsError, InvalidInputError, NotFoundError, Problem
from cxmap.model.workspace import ApiToken, User, normalise_email
from cxmap.store.records import Repository, token_record, user_record
from cxmap.store.rows import ApiTokenRow, UserRow

_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


class Accounts(Repository):
    def create_user(self, email: str, display_name: str, password_hash: str | None) -> User:
        """A new account; emails are unique without regard to case."""
        address = normalise_email(email)
        name = display_name.strip()
        if not name:
            raise InvalidInputError([Problem(("display_name",), "must not be empty")])
        if self._by_email(address) is not None:
            raise _email_taken(address)
        row = UserRow(
            id=uuid4(),
            email=address,
            display_name=name,
            password_hash=password_hash,
            created_at=self.clock(),
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise _email_taken(address) from None
        return user_record(row)

    def has_users(self) -> bool:
        """Whether any account exists (an empty server may be seeded with a demo)."""
        return self.session.scalar(select(UserRow.id).limit(1)) is not None

    def get_user(self, user_id: UUID) -> User:
        return user_record(self._user(user_id))

    def users(self, user_ids: list[UUID]) -> dict[UUID, User]:
        """The accounts among `user_ids` (to name the authors of a history in one query)."""
        rows = self.session.scalars(select(UserRow).where(UserRow.id.in_(user_ids)))
        return {row.id: user_record(row) for row in rows}

    def find_by_email(self, email: str) -> User:
        row = self._by_email(normalise_email(email))
        if row is None:
            raise NotFoundError(f"no account for {email.strip()}")
        return user_record(row)

    def credentials(self, email: str) -> tuple[User, str | None]:
        """The account and its password hash, for checking a login."""
        row = self._by_email(normalise_email(email))
        if row is None:
            raise NotFoundError(f"no account for {email.strip()}")
        return user_record(row), row.password_hash

    def set_password_hash(self, user_id: UUID, password_hash: str | None) -> None:
        self._user(user_id).password_hash = password_hash
        self.session.flush()

    def create_token(
        self, user_id: UUID, name: str, token_hash: str, *, expires_at: datetime | None = None
    ) -> ApiToken:
        """Record a token by the SHA-256 (hex) of its secret; the secret itself is not kept."""
        self._user(user_id)
        if not _SHA256_HEX.match(token_hash):
            message = "must be the SHA-256 of the token as 64 lower-case hex digits"
            raise InvalidInputError([Problem(("token_hash",), message)])
        row = ApiTokenRow(
            id=uuid4(),
            user_id=user_id,
            name=name.strip() or "token",
            token_hash=token_hash,
            created_at=self.clock(),
            expires_at=expires_at,
            last_used_at=None,
            revoked_at=None,
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise AlreadyExistsError("this token is already registered") from None
        return token_record(row)

    def tokens(self, user_id: UUID) -> list[ApiToken]:
        """The user's tokens, newest first, revoked and expired ones included."""
        rows = self.session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user_id)
            .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id)
        )
        return [token_record(row) for row in rows]

    def authenticate_token(self, token_hash: str) -> tuple[User, ApiToken]:
        """Who a token belongs to, if it is active; marks it used. Else `NotFoundError`."""
        now = self.clock()
        row = self.session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
        if row is None or not token_record(row).is_active(now):
            raise NotFoundError("unknown, revoked or expired token")
        row.last_used_at = now
        self.session.flush()
        return user_record(self._user(row.user_id)), token_record(row)

    def revoke_token(self, user_id: UUID, token_id: UUID) -> ApiToken:
        """Revoke one of the user's tokens (another user's token is not found)."""
        row = self.session.get(ApiTokenRow, token_id)
        if row is None or row.user_id != user_id:
            raise NotFoundError(f"token {token_id} not found")
        if row.revoked_at is None:
            row.revoked_at = self.clock()
            self.session.flush()
        return token_record(row)

    def _user(self, user_id: UUID) -> UserRow:
        row = self.session.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"user {user_id} not found")
        return row

    def _by_email(self, address: str) -> UserRow | None:
        return self.session.scalar(select(UserRow).where(UserRow.email == address))


def _email_taken(address: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"an account for {address} already exists")
