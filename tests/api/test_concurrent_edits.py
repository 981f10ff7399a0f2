"""Twenty clients editing one journey through the API at once: each write lands or gets
412 with the current version, and none is lost. Counted, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import httpx
import pytest
from fastapi import FastAPI

from tests.api.conftest import BASE_URL, BOTH, Team, create_journey

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("backend", BOTH, indirect=True)]
CLIENTS = 20


@pytest.fixture
async def clients(app: FastAPI) -> AsyncIterator[list[httpx.AsyncClient]]:
    """Twenty independent clients (own connections, own headers) on the same server."""
    async with AsyncExitStack() as stack:
        made = []
        for number in range(CLIENTS):
            transport = httpx.ASGITransport(app=app, client=(f"127.0.0.{number + 1}", 5000))
            client = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
            made.append(await stack.enter_async_context(client))
        yield made


async def test_twenty_writers_on_one_version_one_lands_the_rest_get_412(
    client: httpx.AsyncClient, clients: list[httpx.AsyncClient], team: Team
) -> None:
    journey = await create_journey(client, team)
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}/steps/pay"
    barrier = asyncio.Barrier(CLIENTS)

    async def writer(number: int, http: httpx.AsyncClient) -> httpx.Response:
        read = await http.get(url, headers=team.auth("editor"))
        step = {**read.json(), "name": f"Pays (writer {number})"}
        await barrier.wait()  # everyone has read version 1 before anyone writes
        headers = {**team.auth("editor"), "If-Match": read.headers["etag"]}
        return await http.put(url, json=step, headers=headers)

    answers = await asyncio.gather(*(writer(n, c) for n, c in enumerate(clients)))
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {200: 1, 412: CLIENTS - 1}
    winner = next(a for a in answers if a.status_code == 200)
    assert {a.json()["current_version"] for a in answers if a.status_code == 412} == {2}

    final = await client.get(url, headers=team.auth("viewer"))
    assert final.headers["etag"] == '"2"'
    assert final.json()["name"] == winner.json()["name"]


async def test_twenty_writers_retrying_on_412_all_land_and_none_is_lost(
    client: httpx.AsyncClient, clients: list[httpx.AsyncClient], team: Team
) -> None:
    """Each client adds its own item to a lane by read-modify-write of the whole step."""
    journey = await create_journey(client, team)
    base = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    url = f"{base}/steps/pay"
    attempts: Counter[int] = Counter()

    async def writer(number: int, http: httpx.AsyncClient) -> int:
        for _ in range(200):
            read = await http.get(url, headers=team.auth("editor"))
            step = read.json()
            step["lanes"]["thoughts"].append({"text": f"thought {number}"})
            headers = {**team.auth("editor"), "If-Match": read.headers["etag"]}
            answer = await http.put(url, json=step, headers=headers)
            attempts[answer.status_code] += 1
            if answer.status_code == 200:
                return int(answer.headers["etag"].strip('"'))
            assert answer.status_code == 412, answer.text
            assert answer.json()["current_version"] > int(read.headers["etag"].strip('"'))
        raise AssertionError(f"writer {number} never landed")

    versions = await asyncio.gather(*(writer(n, c) for n, c in enumerate(clients)))
    assert sorted(versions) == list(range(2, CLIENTS + 2))  # each landed as its own version
    assert attempts[200] == CLIENTS
    assert sum(attempts.values()) == CLIENTS + attempts[412]

    final = (await client.get(url, headers=team.auth("viewer"))).json()
    thoughts = sorted(item["text"] for item in final["lanes"]["thoughts"])
    assert thoughts == sorted(f"thought {n}" for n in range(CLIENTS))
    revisions = (await client.get(f"{base}/revisions", headers=team.auth("viewer"))).json()
    assert len(revisions) == 1 + CLIENTS
