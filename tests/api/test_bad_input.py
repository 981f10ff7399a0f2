"""Bad requests get a clear problem+json answer and change nothing: malformed JSON, huge
bodies, wrong media types, unknown ids, and ids of other workspaces (404, never a leak)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import uuid4

import httpx
import pytest

from tests.api.conftest import BOTH, Team, create_journey, is_problem, journey_data

pytestmark = pytest.mark.anyio


async def journey_count(client: httpx.AsyncClient, team: Team) -> int:
    response = await client.get(f"/workspaces/{team.ws}/journeys", headers=team.auth("viewer"))
    total: int = response.json()["total"]
    return total


@pytest.mark.parametrize(
    "raw", [b"{", b'{"id": "x",}', b"\xff\xfe", b"[1, 2", b'{"id": "a"} trailing']
)
async def test_malformed_json_is_400_and_stores_nothing(
    client: httpx.AsyncClient, team: Team, raw: bytes
) -> None:
    response = await client.post(
        f"/workspaces/{team.ws}/journeys",
        content=raw,
        headers={**team.auth("editor"), "Content-Type": "application/json"},
    )
    assert response.status_code in {400, 422}
    problem = is_problem(response, response.status_code)
    if response.status_code == 400:
        assert problem["detail"].startswith("the body is not valid JSON")
    assert await journey_count(client, team) == 0


@pytest.mark.parametrize("body", [[1, 2], "a journey", 42, None])
async def test_a_body_that_is_not_an_object_is_422(
    client: httpx.AsyncClient, team: Team, body: object
) -> None:
    response = await client.post(
        f"/workspaces/{team.ws}/journeys", json=body, headers=team.auth("editor")
    )
    assert is_problem(response, 422)["errors"][0]["location"] == "body"


async def test_a_journey_body_reports_every_problem_at_its_path(
    client: httpx.AsyncClient, team: Team
) -> None:
    body = journey_data()
    body["stages"][1]["steps"][0]["emotion"] = "very bad"
    body["stages"][0]["steps"][1]["next"] = ["nowhere"]
    body["colour"] = "blue"
    response = await client.post(
        f"/workspaces/{team.ws}/journeys", json=body, headers=team.auth("editor")
    )
    errors = {e["path"]: e["message"] for e in is_problem(response, 422)["errors"]}
    assert errors["stages[1].steps[0].emotion"] == "must be a number, not text"
    assert errors["stages[0].steps[1].next[0]"].startswith("unknown step 'nowhere'")
    assert errors["colour"].startswith("unknown key 'colour'")


async def test_a_body_over_the_limit_is_413_by_its_declared_length(
    client: httpx.AsyncClient, team: Team
) -> None:
    huge = b'{"id": "x", "title": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    response = await client.post(
        f"/workspaces/{team.ws}/journeys",
        content=huge,
        headers={**team.auth("editor"), "Content-Type": "application/json"},
    )
    assert "larger than the limit" in is_problem(response, 413)["detail"]
    assert await journey_count(client, team) == 0


async def test_a_streamed_body_over_the_limit_is_413_while_reading(
    client: httpx.AsyncClient, team: Team
) -> None:
    """No Content-Length (chunked upload): the limit is counted as the body arrives."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b"journey\n  title Big\n  section S\n"
        for _ in range(100):
            yield b"    " + b"t" * 65536 + b": 3\n"

    response = await client.post(
        f"/workspaces/{team.ws}/journeys/import",
        content=chunks(),
        headers={**team.auth("editor"), "Content-Type": "text/vnd.mermaid"},
    )
    assert "content-length" not in response.request.headers
    is_problem(response, 413)
    assert await journey_count(client, team) == 0


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/workspaces/{ws}/journeys", "text/plain"),
        ("/workspaces/{ws}/journeys", "application/x-www-form-urlencoded"),
        ("/workspaces/{ws}/journeys", ""),
        ("/workspaces/{ws}/journeys/import", "image/png"),
        ("/workspaces", "text/yaml"),
    ],
)
async def test_wrong_media_types_are_415(
    client: httpx.AsyncClient, team: Team, path: str, content_type: str
) -> None:
    headers = team.auth("owner")
    if content_type:
        headers["Content-Type"] = content_type
    response = await client.post(path.format(ws=team.ws), content=b'{"a": 1}', headers=headers)
    is_problem(response, 415)
    assert await journey_count(client, team) == 0


@pytest.mark.parametrize("backend", BOTH, indirect=True)
async def test_another_workspaces_journey_is_not_found_whatever_the_route(
    client: httpx.AsyncClient, team: Team
) -> None:
    """The outsider's journey id, used through our workspace, reveals nothing."""
    foreign = team.other_journey
    base = f"/workspaces/{team.ws}/journeys/{foreign}"
    owner = team.auth("owner")
    calls = [
        client.get(base, headers=owner),
        client.get(f"{base}/export", headers=owner),
        client.get(f"{base}/revisions", headers=owner),
        client.get(f"{base}/stages", headers=owner),
        client.get(f"{base}/comments", headers=owner),
        client.put(base, json=journey_data(), headers={**owner, "If-Match": '"1"'}),
        client.delete(base, headers={**owner, "If-Match": '"1"'}),
        client.post(f"{base}/comments", json={"body": "hi"}, headers=owner),
        client.post(f"{base}/restore", json={"version": 1}, headers={**owner, "If-Match": '"1"'}),
    ]
    for pending in calls:
        response = await pending
        assert is_problem(response, 404)["detail"] == f"journey {foreign} not found"
    # ... and the outsider's own view of it is untouched.
    mine = await client.get(
        f"/workspaces/{team.other}/journeys/{foreign}", headers=team.auth("outsider")
    )
    assert (mine.status_code, mine.json()["version"]) == (200, 1)


async def test_a_workspace_one_is_not_in_looks_exactly_like_one_that_does_not_exist(
    client: httpx.AsyncClient, team: Team
) -> None:
    foreign = await client.get(f"/workspaces/{team.other}/journeys", headers=team.auth("owner"))
    missing_id = uuid4()
    missing = await client.get(f"/workspaces/{missing_id}/journeys", headers=team.auth("owner"))
    assert is_problem(foreign, 404)["detail"] == f"workspace {team.other} not found"
    assert is_problem(missing, 404)["detail"] == f"workspace {missing_id} not found"
    assert foreign.json()["type"] == missing.json()["type"]


@pytest.mark.parametrize(
    "path",
    [
        "/workspaces/not-a-uuid/journeys",
        "/workspaces/{ws}/journeys/{unknown}",
        "/workspaces/{ws}/journeys/{jid}/steps/no-such-step",
        "/workspaces/{ws}/journeys/{jid}/revisions/99",
        "/workspaces/{ws}/comments/{unknown}",
        "/no/such/route",
    ],
)
async def test_unknown_ids_and_routes_are_problem_json(
    client: httpx.AsyncClient, team: Team, path: str
) -> None:
    journey = await create_journey(client, team)
    url = path.format(ws=team.ws, jid=journey["id"], unknown=uuid4())
    response = await client.get(url, headers=team.auth("viewer"))
    expected = 422 if "not-a-uuid" in path else 404
    is_problem(response, expected)


async def test_a_wrong_method_is_405_problem_json(client: httpx.AsyncClient, team: Team) -> None:
    response = await client.put("/workspaces", json={}, headers=team.auth("owner"))
    is_problem(response, 405)


async def test_bad_query_values_name_the_parameter(client: httpx.AsyncClient, team: Team) -> None:
    response = await client.get(
        f"/workspaces/{team.ws}/journeys",
        params={"limit": 0, "kind": "imagined"},
        headers=team.auth("viewer"),
    )
    errors = {(e["location"], e["path"]) for e in is_problem(response, 422)["errors"]}
    assert errors == {("query", "limit"), ("query", "kind")}


async def test_the_server_address_leads_to_the_api_docs(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert (response.status_code, response.headers["location"]) == (307, "/docs")
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text
