"""The store suite runs twice: on a SQLite file and on PostgreSQL.

Each backend gets a fresh database for the test session (a temporary file; a new
PostgreSQL database created on the server and dropped afterwards), migrated with the
shipped migrations, and emptied after every test. PostgreSQL being unreachable is a test
failure with instructions, never a skip: a store that was only tested on SQLite is not
tested.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cxmap.model.journey import Journey
from cxmap.model.validation import parse_journey
from cxmap.model.workspace import Role
from cxmap.store import Accounts, Database, Workspaces
from cxmap.store.rows import Base
from cxmap.store.schema import upgrade

POSTGRES_URL = os.environ.get(
    "CXMAP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
BACKENDS = ["sqlite", "postgresql"]


def _admin_engine() -> Any:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            return engine
    except OperationalError as error:
        reason = " ".join(str(error.orig).split())
    engine.dispose()
    pytest.fail(
        f"PostgreSQL is not reachable at {POSTGRES_URL} ({reason}). The store suite runs on "
        f"SQLite and PostgreSQL; start the server with `{START_POSTGRES}` "
        "(or point CXMAP_TEST_POSTGRES_URL at one).",
        pytrace=False,
    )


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database on `backend`, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'cxmap-{uuid4().hex[:8]}.db'}"
        return
    name = f"cxmap_test_{os.getpid()}_{uuid4().hex[:8]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def migrated_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database per backend for the whole session."""
    with fresh_database(backend, tmp_path_factory.mktemp(backend)) as url:
        upgrade(url)
        yield url


@pytest.fixture
def database(migrated_url: str) -> Iterator[Database]:
    """The session's database, emptied again after the test."""
    database = Database.open(migrated_url)
    yield database
    with database.writing() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    database.close()


class Clock:
    """A clock that moves only when told to, one second per reading by default."""

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self.now = start or datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@dataclass(frozen=True)
class Team:
    """Two workspaces with their people: `ws` is the one under test, `other` must not leak."""

    owner: UUID
    editor: UUID
    outsider: UUID
    ws: UUID
    other: UUID


@pytest.fixture
def team(database: Database) -> Team:
    with database.writing() as session:
        accounts = Accounts(session)
        owner = accounts.create_user("owner@example.com", "Olga Owner", None).id
        editor = accounts.create_user("editor@example.com", "Ed Editor", None).id
        outsider = accounts.create_user("outsider@example.com", "Otto Outsider", None).id
        workspaces = Workspaces(session)
        ws = workspaces.create("retail-cx", "Retail CX", owner=owner).id
        workspaces.add_member(ws, editor, role=Role.EDITOR)
        other = workspaces.create("other-team", "Other team", owner=outsider).id
    return Team(owner=owner, editor=editor, outsider=outsider, ws=ws, other=other)


def make_journey(slug: str = "checkout", title: str = "Checkout", **extra: Any) -> Journey:
    """A small valid journey: two stages, three steps, a persona, an insight, an opportunity."""
    data: dict[str, Any] = {
        "id": slug,
        "title": title,
        "personas": [{"id": "sam", "name": "Sam Shopper"}],
        "stages": [
            {
                "id": "find",
                "name": "Find",
                "steps": [
                    {"id": "search", "name": "Searches the shop", "emotion": 1, "next": ["view"]},
                    {"id": "view", "name": "Views a product", "emotion": 0, "next": ["pay"]},
                ],
            },
            {
                "id": "buy",
                "name": "Buy",
                "steps": [{"id": "pay", "name": "Pays", "emotion": -1, "final": True}],
            },
        ],
        "insights": [{"id": "slow-pay", "title": "Payment is slow", "step": "pay"}],
        "opportunities": [
            {"id": "one-click", "title": "One-click pay", "step": "pay", "fixes": ["slow-pay"]}
        ],
        **extra,
    }
    return parse_journey(data)


def without_stamps(journey: Journey) -> dict[str, Any]:
    """A journey's content minus what the store sets (its version and time)."""
    return journey.model_dump(mode="json", exclude={"version", "updated_at"})
