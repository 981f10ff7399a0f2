"""Opening a database: URLs are checked, SQLite behaves like a real database."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.store import Accounts, Database
from cxmap.store.database import create_store_engine, parse_database_url
from cxmap.store.rows import JourneyTagRow
from cxmap.store.schema import upgrade


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "'not a url' is not a database URL"),
        ("mysql://db/cx", "'mysql' is not supported; use sqlite or postgresql"),
        ("sqlite://", "needs a file"),
        ("sqlite:///:memory:", "needs a file"),
        ("postgresql+nodriver://u@h/db", "names a driver that is not installed"),
    ],
)
def test_bad_urls_are_explained(url: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        create_store_engine(url)
    [line] = caught.value.lines()
    assert line.startswith("database_url: ")
    assert message in line


def test_a_password_in_a_bad_url_is_not_repeated() -> None:
    with pytest.raises(InvalidInputError) as caught:
        create_store_engine("mysql://cx:hunter2@db/cx")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgresql_urls_use_psycopg_3(scheme: str) -> None:
    assert parse_database_url(f"{scheme}://u@h/db").drivername == "postgresql+psycopg"


def test_sqlite_enforces_foreign_keys_and_uses_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cx.db'}"
    upgrade(url)
    database = Database.open(url)
    try:
        with database.reading() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        with pytest.raises(IntegrityError), database.writing() as session:
            session.execute(insert(JourneyTagRow).values(journey_id=uuid4(), tag="orphan"))
    finally:
        database.close()


def add_two_users(database: Database, second_email: str) -> None:
    with database.writing() as session:
        Accounts(session).create_user("first@example.com", "First", None)
        Accounts(session).create_user(second_email, "Second", None)


def test_a_failed_write_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(InvalidInputError):
        add_two_users(database, "broken")
    with database.reading() as session, pytest.raises(NotFoundError, match="no account"):
        Accounts(session).find_by_email("first@example.com")
