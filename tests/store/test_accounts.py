"""Local accounts and API tokens: emails without case, secrets only as hashes."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from uuid import uuid4

import pytest

from cxmap.model.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from cxmap.store import Accounts, Database
from tests.store.conftest import Clock, Team


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def test_emails_are_stored_lower_case_and_unique_without_case(database: Database) -> None:
    with database.writing() as session:
        user = Accounts(session).create_user("  Ana.Lopez@Example.COM ", " Ana López ", "$argon2$x")
    assert (user.email, user.display_name) == ("ana.lopez@example.com", "Ana López")
    with pytest.raises(AlreadyExistsError), database.writing() as session:
        Accounts(session).create_user("ANA.LOPEZ@example.com", "Other Ana", None)
    with database.reading() as session:
        found, password_hash = Accounts(session).credentials("ana.lopez@EXAMPLE.com")
    assert (found, password_hash) == (user, "$argon2$x")


@pytest.mark.parametrize(("email", "name"), [("not-an-email", "Ann"), ("a@b.c", "  ")])
def test_bad_account_details_are_refused(database: Database, email: str, name: str) -> None:
    with pytest.raises(InvalidInputError), database.writing() as session:
        Accounts(session).create_user(email, name, None)


def test_password_hash_can_be_replaced(database: Database, team: Team) -> None:
    with database.writing() as session:
        Accounts(session).set_password_hash(team.owner, "$argon2$new")
    with database.reading() as session:
        assert Accounts(session).credentials("owner@example.com")[1] == "$argon2$new"
        with pytest.raises(NotFoundError):
            Accounts(session).credentials("nobody@example.com")


def test_a_token_authenticates_its_user_and_records_its_use(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        token = Accounts(session, clock).create_token(team.editor, "laptop", digest("s3cret"))
    assert token.last_used_at is None
    with database.writing() as session:
        user, used = Accounts(session, clock).authenticate_token(digest("s3cret"))
    assert user.id == team.editor
    assert used.last_used_at == clock.now
    with pytest.raises(NotFoundError), database.writing() as session:
        Accounts(session, clock).authenticate_token(digest("guess"))


def test_revoked_and_expired_tokens_do_not_authenticate(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        accounts = Accounts(session, clock)
        revoked = accounts.create_token(team.editor, "old", digest("one"))
        accounts.create_token(
            team.editor, "short", digest("two"), expires_at=clock.now + timedelta(seconds=5)
        )
        accounts.revoke_token(team.editor, revoked.id)
    with database.writing() as session:
        accounts = Accounts(session, clock)
        with pytest.raises(NotFoundError):
            accounts.authenticate_token(digest("one"))
        accounts.authenticate_token(digest("two"))  # still valid
        clock.now += timedelta(seconds=10)
        with pytest.raises(NotFoundError):
            accounts.authenticate_token(digest("two"))
        assert [t.name for t in accounts.tokens(team.editor)] == ["short", "old"]


def test_a_token_is_only_revoked_by_its_owner(database: Database, team: Team) -> None:
    with database.writing() as session:
        token = Accounts(session).create_token(team.editor, "ci", digest("x"))
    with pytest.raises(NotFoundError), database.writing() as session:
        Accounts(session).revoke_token(team.outsider, token.id)
    with pytest.raises(NotFoundError), database.writing() as session:
        Accounts(session).revoke_token(team.editor, uuid4())


def test_only_a_sha256_digest_is_accepted_as_token_hash(database: Database, team: Team) -> None:
    with pytest.raises(InvalidInputError, match="SHA-256"), database.writing() as session:
        Accounts(session).create_token(team.editor, "raw", "the-secret-itself")
