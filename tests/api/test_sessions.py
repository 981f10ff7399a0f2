"""Login sessions kept on the server: they expire, a new password ends them all, and only
hashes of their secrets are stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cxmap.model.errors import AuthenticationError, PermissionDeniedError
from cxmap.services.accounts import SESSION_LIFETIME, AccountService, digest
from cxmap.store import Database
from cxmap.store.rows import SessionRow, UserRow
from tests.api.conftest import BOTH, TEST_HASHER
from tests.store.conftest import Clock

PASSWORD = "a long enough password"


@pytest.fixture
def clock() -> Clock:
    return Clock(step=timedelta(0))


@pytest.fixture
def accounts(database: Database, clock: Clock) -> AccountService:
    service = AccountService(database, clock, TEST_HASHER)
    service.sign_up("ana@example.com", "Ana", PASSWORD)
    return service


@pytest.mark.parametrize("backend", BOTH, indirect=True)
def test_a_session_ends_when_it_expires(accounts: AccountService, clock: Clock) -> None:
    login = accounts.log_in("ana@example.com", PASSWORD, "127.0.0.1")
    clock.now += SESSION_LIFETIME - timedelta(seconds=1)
    assert accounts.by_session(login.session_secret).user.email == "ana@example.com"
    clock.now += timedelta(seconds=1)
    with pytest.raises(AuthenticationError):
        accounts.by_session(login.session_secret)


def test_a_new_password_ends_every_session(accounts: AccountService) -> None:
    first = accounts.log_in("ana@example.com", PASSWORD, "127.0.0.1")
    second = accounts.log_in("ana@example.com", PASSWORD, "10.0.0.2")
    accounts.set_password(first.user.id, "another long password")
    for login in (first, second):
        with pytest.raises(AuthenticationError):
            accounts.by_session(login.session_secret)
    with pytest.raises(AuthenticationError):
        accounts.log_in("ana@example.com", PASSWORD, "127.0.0.1")
    assert accounts.log_in("ana@example.com", "another long password", "127.0.0.1")


def test_only_hashes_are_stored(accounts: AccountService, database: Database) -> None:
    login = accounts.log_in("ana@example.com", PASSWORD, "127.0.0.1")
    with database.reading() as session:
        row = session.scalars(select(SessionRow)).one()
        password_hash = session.scalars(select(UserRow.password_hash)).one()
    assert row.token_hash == digest(login.session_secret) != login.session_secret
    assert row.csrf_hash == digest(login.csrf_token)
    assert password_hash is not None
    assert password_hash.startswith("$argon2id$")
    assert PASSWORD not in password_hash


def test_the_csrf_check_compares_with_the_session_token(accounts: AccountService) -> None:
    login = accounts.log_in("ana@example.com", PASSWORD, "127.0.0.1")
    caller = accounts.by_session(login.session_secret)
    caller.check_csrf(login.csrf_token)
    for wrong in (None, "", login.session_secret, login.csrf_token + "x"):
        with pytest.raises(PermissionDeniedError):
            caller.check_csrf(wrong)
