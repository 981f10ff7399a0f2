"""The API under test: the real app over a real, migrated database, called in-process
through httpx's ASGI transport.

Tests run on a SQLite file by default; a module (or test) that should also run on
PostgreSQL says so with `@pytest.mark.parametrize("backend", BOTH, indirect=True)`. Each
backend's database is created and migrated once per session and emptied after every test.
The people of `team` each have an API token; the `other` workspace belongs to an outsider
and must never leak into `ws`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from cxmap.api import create_app
from cxmap.model.workspace import Role
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings
from cxmap.store import Database
from cxmap.store.rows import Base
from cxmap.store.schema import upgrade
from tests.store.conftest import fresh_database, make_journey

BOTH = ["sqlite", "postgresql"]
BASE_URL = "https://testserver"
#: Cheap argon2 parameters: the tests check the logic, not the cost of a hash.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ROLES = [Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.VIEWER]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def migrated_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One migrated database per backend, made the first time a test asks for it."""
    with ExitStack() as stack:
        urls = _LazyUrls(stack, tmp_path_factory)
        yield urls


class _LazyUrls(dict[str, str]):
    def __init__(self, stack: ExitStack, factory: pytest.TempPathFactory) -> None:
        super().__init__()
        self.stack = stack
        self.factory = factory

    def __missing__(self, backend: str) -> str:
        url = self.stack.enter_context(fresh_database(backend, self.factory.mktemp(backend)))
        upgrade(url)
        self[backend] = url
        return url


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database(backend: str, migrated_urls: dict[str, str]) -> Iterator[Database]:
    database = Database.open(migrated_urls[backend])
    yield database
    with database.writing() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    database.close()


@pytest.fixture
def server(database: Database) -> WorkspaceServer:
    return WorkspaceServer.over(database, hasher=TEST_HASHER)


@pytest.fixture
def app(server: WorkspaceServer, tmp_path: Path) -> FastAPI:
    url = server.database.engine.url.render_as_string(hide_password=False)
    return create_app(Settings(data_dir=tmp_path, database_url=url), server=server)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        yield c


@dataclass
class Team:
    """`ws` with one member per role, `other` owned by `outsider`, and everyone's token."""

    ws: UUID
    other: UUID
    users: dict[str, UUID]
    tokens: dict[str, str]
    other_journey: UUID

    def auth(self, who: str | Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[str(who)]}"}


@pytest.fixture
def team(server: WorkspaceServer) -> Team:
    users: dict[str, UUID] = {}
    tokens: dict[str, str] = {}
    for who in [*[role.value for role in ROLES], "outsider"]:
        user = server.accounts.sign_up(f"{who}@example.com", f"{who.title()} Person", None)
        users[who] = user.id
        tokens[who] = server.accounts.create_token(user.id, "tests", None).secret
    ws = server.workspaces.create(users["owner"], "retail-cx", "Retail CX").workspace.id
    for role in ROLES[1:]:
        server.workspaces.add_member(users["owner"], ws, f"{role.value}@example.com", role)
    other = server.workspaces.create(users["outsider"], "other-team", "Other").workspace.id
    other_journey = server.journeys.create_journey(
        users["outsider"], other, make_journey("secret-plans", "Secret plans")
    ).id
    return Team(ws=ws, other=other, users=users, tokens=tokens, other_journey=other_journey)


def journey_data(slug: str = "checkout", title: str = "Checkout", **extra: Any) -> dict[str, Any]:
    """The small journey of the store tests as a request body."""
    return make_journey(slug, title, **extra).model_dump(mode="json", exclude_defaults=True)


async def create_journey(
    client: httpx.AsyncClient, team: Team, slug: str = "checkout", **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        f"/workspaces/{team.ws}/journeys",
        json=journey_data(slug, **extra),
        headers=team.auth("editor"),
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def is_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The problem+json body of `response`, after checking its status and media type."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"]
    return problem
