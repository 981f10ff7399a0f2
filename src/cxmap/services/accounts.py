"""Local accounts: sign-up, password login into a server-side session, API tokens.

Passwords are kept as argon2 hashes (argon2-cffi); session and API-token secrets only as
SHA-256, so a copy of the database logs nobody in. Logins are rate-limited per account and
per address (failures in the last `LOGIN_WINDOW`, counted in the database so every server
process sees them), and an account that does not exist costs as much time to try as one
that does, so timing does not tell which emails have accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cxmap.model.errors import (
    AuthenticationError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    RateLimitedError,
)
from cxmap.model.login_session import LoginSession
from cxmap.model.workspace import ApiToken, User, normalise_email
from cxmap.store import Accounts, Database, LoginAttempts, Sessions
from cxmap.store.records import Clock, utc_now

SESSION_LIFETIME = timedelta(days=14)
LOGIN_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
TOKEN_PREFIX = "cxmap_"


def digest(secret: str) -> str:
    """How secrets are stored and looked up: SHA-256, hex (they are long random strings)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewLogin:
    """A fresh session with the secrets the client gets once (cookie and CSRF token)."""

    user: User
    session: LoginSession
    session_secret: str
    csrf_token: str


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


@dataclass(frozen=True)
class SessionCaller:
    """Who a session cookie belongs to, and what its CSRF token must hash to."""

    user: User
    session: LoginSession
    csrf_hash: str

    def check_csrf(self, token: str | None) -> None:
        """An unsafe request made with the cookie must repeat the session's CSRF token."""
        if not token or not hmac.compare_digest(digest(token), self.csrf_hash):
            raise PermissionDeniedError(
                "missing or wrong X-CSRF-Token header: a request made with the session "
                "cookie must repeat the csrf_token given at login"
            )


class AccountService:
    def __init__(
        self,
        database: Database,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self._decoy_hash = ""

    def sign_up(self, email: str, display_name: str, password: str | None) -> User:
        """A new local account; without a password it can use API tokens only."""
        password_hash = None if password is None else self.hasher.hash(_checked(password))
        with self.database.writing() as session:
            return Accounts(session, self.clock).create_user(email, display_name, password_hash)

    def set_password(self, user_id: UUID, password: str) -> None:
        """A new password ends every session of the account."""
        password_hash = self.hasher.hash(_checked(password))
        with self.database.writing() as session:
            Accounts(session, self.clock).set_password_hash(user_id, password_hash)
            Sessions(session, self.clock).revoke_all(user_id)

    def log_in(self, email: str, password: str, address: str) -> NewLogin:
        """A session for the right password; `RateLimitedError` after too many failures."""
        address = address or "unknown"
        try:
            account = normalise_email(email)
        except InvalidInputError:
            raise AuthenticationError("wrong email or password") from None
        user, password_hash = self._credentials(account, address)
        if not self._verify(password_hash, password) or user is None:
            with self.database.writing() as session:
                LoginAttempts(session, self.clock).record(account, address, succeeded=False)
            raise AuthenticationError("wrong email or password")
        return self._open_session(user, account, address, password_hash, password)

    def log_out(self, session_id: UUID) -> None:
        with self.database.writing() as session:
            Sessions(session, self.clock).revoke(session_id)

    def by_session(self, session_secret: str) -> SessionCaller:
        with self.database.reading() as session:
            try:
                login, csrf_hash = Sessions(session, self.clock).active(digest(session_secret))
                user = Accounts(session, self.clock).get_user(login.user_id)
            except NotFoundError:
                raise AuthenticationError("the session has ended; log in again") from None
        return SessionCaller(user=user, session=login, csrf_hash=csrf_hash)

    def by_token(self, secret: str) -> User:
        with self.database.writing() as session:
            try:
                user, _token = Accounts(session, self.clock).authenticate_token(digest(secret))
            except NotFoundError:
                raise AuthenticationError("unknown, revoked or expired API token") from None
        return user

    def user(self, user_id: UUID) -> User:
        with self.database.reading() as session:
            return Accounts(session, self.clock).get_user(user_id)

    def create_token(self, actor: UUID, name: str, expires_at: datetime | None) -> NewToken:
        """A new API token; its secret is returned now and never again."""
        if expires_at is not None and expires_at <= self.clock():
            raise InvalidInputError([Problem(("expires_at",), "must be in the future")])
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.database.writing() as session:
            token = Accounts(session, self.clock).create_token(
                actor, name, digest(secret), expires_at=expires_at
            )
        return NewToken(token=token, secret=secret)

    def tokens(self, actor: UUID) -> list[ApiToken]:
        with self.database.reading() as session:
            return Accounts(session, self.clock).tokens(actor)

    def revoke_token(self, actor: UUID, token_id: UUID) -> ApiToken:
        with self.database.writing() as session:
            return Accounts(session, self.clock).revoke_token(actor, token_id)

    def _credentials(self, account: str, address: str) -> tuple[User | None, str | None]:
        """The account and its hash, after checking neither it nor `address` is locked."""
        since = self.clock() - LOGIN_WINDOW
        with self.database.reading() as session:
            attempts = LoginAttempts(session, self.clock)
            if attempts.failures_for_email(account, since) >= MAX_FAILURES_PER_ACCOUNT:
                raise _slow_down("this account")
            if attempts.failures_from(address, since) >= MAX_FAILURES_PER_ADDRESS:
                raise _slow_down("this address")
            try:
                return Accounts(session, self.clock).credentials(account)
            except NotFoundError:
                return None, None

    def _verify(self, password_hash: str | None, password: str) -> bool:
        """Check the password; with no account (or no password) check a decoy, as costly."""
        if password_hash is None:
            if not self._decoy_hash:
                self._decoy_hash = self.hasher.hash(secrets.token_urlsafe(16))
            self._matches(self._decoy_hash, password)
            return False
        return self._matches(password_hash, password)

    def _matches(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, password[:MAX_PASSWORD_LENGTH])
        except (VerificationError, InvalidHashError):
            return False

    def _open_session(
        self, user: User, account: str, address: str, password_hash: str | None, password: str
    ) -> NewLogin:
        session_secret, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires_at = self.clock() + SESSION_LIFETIME
        with self.database.writing() as session:
            LoginAttempts(session, self.clock).record(account, address, succeeded=True)
            if password_hash and self.hasher.check_needs_rehash(password_hash):
                new_hash = self.hasher.hash(password[:MAX_PASSWORD_LENGTH])
                Accounts(session, self.clock).set_password_hash(user.id, new_hash)
            login = Sessions(session, self.clock).create(
                user.id, digest(session_secret), digest(csrf_token), expires_at=expires_at
            )
        return NewLogin(
            user=user, session=login, session_secret=session_secret, csrf_token=csrf_token
        )


def _checked(password: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        message = f"must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters long"
        raise InvalidInputError([Problem(("password",), message)])
    return password


def _slow_down(who: str) -> RateLimitedError:
    minutes = int(LOGIN_WINDOW.total_seconds() // 60)
    return RateLimitedError(
        f"too many failed logins for {who}; try again in {minutes} minutes",
        retry_after_s=int(LOGIN_WINDOW.total_seconds()),
    )
