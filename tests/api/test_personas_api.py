"""Workspace personas over HTTP: create, read, search, replace, patch, delete; ETag and
If-Match; validation by path; other workspaces' ids. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from cxmap.model.journey import Persona
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import BOTH, Team, is_problem

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("backend", BOTH, indirect=True)]

SAM: dict[str, Any] = {
    "id": "sam",
    "name": "Sam Shopper",
    "description": "Buys on the phone at lunch",
    "goals": ["Pay fast"],
    "frustrations": ["Hidden fees"],
    "segment": "mobile customers under 35",
}


def personas(team: Team) -> str:
    return f"/workspaces/{team.ws}/personas"


async def create(client: httpx.AsyncClient, team: Team, body: dict[str, Any]) -> httpx.Response:
    response = await client.post(personas(team), json=body, headers=team.auth("editor"))
    assert response.status_code == 201, response.text
    return response


def editing(team: Team, version: str) -> dict[str, str]:
    return {**team.auth("editor"), "If-Match": version}


async def test_create_then_read_gives_the_same_persona_with_its_version_as_etag(
    client: httpx.AsyncClient, team: Team
) -> None:
    created = await create(client, team, SAM)
    assert created.headers["etag"] == '"1"'
    persona_id = created.json()["id"]
    assert created.headers["location"] == f"{personas(team)}/{persona_id}"
    read = await client.get(created.headers["location"], headers=team.auth("viewer"))
    assert read.status_code == 200
    assert read.headers["etag"] == '"1"'
    body = read.json()
    assert (body["slug"], body["version"], body["created_by"]) == (
        "sam",
        1,
        str(team.users["editor"]),
    )
    assert body["persona"] == SAM


async def test_a_taken_id_is_a_409_naming_it(client: httpx.AsyncClient, team: Team) -> None:
    await create(client, team, SAM)
    again = await client.post(
        personas(team), json={"id": "sam", "name": "Other"}, headers=team.auth("editor")
    )
    assert "persona with id 'sam' already exists" in is_problem(again, 409)["detail"]


async def test_an_invalid_persona_is_a_422_naming_each_field_and_stores_nothing(
    client: httpx.AsyncClient, team: Team
) -> None:
    body = {"id": "sam", "name": "", "goals": "pay fast"}
    response = await client.post(personas(team), json=body, headers=team.auth("editor"))
    errors = is_problem(response, 422)["errors"]
    assert [(error["path"], error["message"]) for error in errors] == [
        ("name", "must not be empty"),
        ("goals", "must be a list, not text"),
    ]
    listing = await client.get(personas(team), headers=team.auth("viewer"))
    assert listing.json() == []


async def test_search_finds_personas_by_any_of_their_words(
    client: httpx.AsyncClient, team: Team
) -> None:
    await create(client, team, SAM)
    await create(client, team, {"id": "ann", "name": "Ann Admin", "segment": "office buyers"})
    everyone = await client.get(personas(team), headers=team.auth("viewer"))
    assert [item["slug"] for item in everyone.json()] == ["ann", "sam"]
    hits = await client.get(
        personas(team), params={"q": "mobile FEES"}, headers=team.auth("viewer")
    )
    assert [item["slug"] for item in hits.json()] == ["sam"]


async def test_put_needs_if_match_and_a_stale_one_gets_412_with_the_current_version(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = (await create(client, team, SAM)).headers["location"]
    renamed = {**SAM, "name": "Sam the Shopper"}
    missing = await client.put(url, json=renamed, headers=team.auth("editor"))
    assert is_problem(missing, 428)["detail"].startswith("this change needs an If-Match")
    first = await client.put(url, json=renamed, headers=editing(team, '"1"'))
    assert first.status_code == 200
    assert first.headers["etag"] == '"2"'
    assert first.json()["persona"]["name"] == "Sam the Shopper"
    stale = await client.put(url, json={**SAM, "name": "Lost"}, headers=editing(team, '"1"'))
    assert is_problem(stale, 412)["current_version"] == 2
    after = await client.get(url, headers=team.auth("viewer"))
    assert after.json()["persona"]["name"] == "Sam the Shopper"


async def test_patch_merges_and_can_remove_a_field(client: httpx.AsyncClient, team: Team) -> None:
    url = (await create(client, team, SAM)).headers["location"]
    patch = {"goals": ["Pay fast", "Track the parcel"], "description": None}
    missing = await client.patch(url, json=patch, headers=team.auth("editor"))
    is_problem(missing, 428)
    patched = await client.patch(url, json=patch, headers=editing(team, '"1"'))
    assert patched.status_code == 200, patched.text
    persona = patched.json()["persona"]
    assert persona["goals"] == ["Pay fast", "Track the parcel"]
    assert persona["description"] == ""  # removed: back to its default
    assert persona["frustrations"] == ["Hidden fees"]  # untouched
    stale = await client.patch(url, json={"segment": "all"}, headers=editing(team, '"1"'))
    assert is_problem(stale, 412)["current_version"] == 2
    broken = await client.patch(url, json={"name": 3}, headers=editing(team, '"2"'))
    assert [error["path"] for error in is_problem(broken, 422)["errors"]] == ["name"]


async def test_delete_needs_the_current_version_then_the_persona_is_gone(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = (await create(client, team, SAM)).headers["location"]
    is_problem(await client.delete(url, headers=team.auth("editor")), 428)
    is_problem(await client.delete(url, headers=editing(team, '"2"')), 412)
    gone = await client.delete(url, headers=editing(team, '"1"'))
    assert gone.status_code == 204
    is_problem(await client.get(url, headers=team.auth("viewer")), 404)


async def test_another_workspace_s_persona_is_404_for_every_method(
    client: httpx.AsyncClient, team: Team, server: WorkspaceServer
) -> None:
    theirs = server.personas.create(team.users["outsider"], team.other, SAM)
    url = f"{personas(team)}/{theirs.id}"
    headers = {**team.auth("owner"), "If-Match": '"1"'}
    answers = [
        await client.get(url, headers=headers),
        await client.put(url, json=SAM, headers=headers),
        await client.patch(url, json={"name": "Mine"}, headers=headers),
        await client.delete(url, headers=headers),
    ]
    for answer in answers:
        assert "not found" in is_problem(answer, 404)["detail"]
    still = server.personas.get(team.users["outsider"], team.other, theirs.id)
    assert still.persona == Persona.model_validate(SAM)
    assert still.version == 1
