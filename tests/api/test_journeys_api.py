"""Journeys over HTTP: create, read, replace, patch, delete; ETag and If-Match; search;
import and export. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from cxmap.ingest.journey_file import load_journey_text
from tests.api.conftest import BOTH, Team, create_journey, is_problem, journey_data
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("backend", BOTH, indirect=True)]


async def test_create_then_read_gives_the_same_journey_with_its_version_as_etag(
    client: httpx.AsyncClient, team: Team
) -> None:
    body = journey_data()
    created = await client.post(
        f"/workspaces/{team.ws}/journeys", json=body, headers=team.auth("editor")
    )
    assert created.status_code == 201
    assert created.headers["etag"] == '"1"'
    journey_id = created.json()["id"]
    assert created.headers["location"] == f"/workspaces/{team.ws}/journeys/{journey_id}"

    read = await client.get(created.headers["location"], headers=team.auth("viewer"))
    assert read.status_code == 200
    assert read.headers["etag"] == '"1"'
    stored = read.json()
    assert (stored["slug"], stored["version"], stored["updated_by"]) == (
        "checkout",
        1,
        str(team.users["editor"]),
    )
    assert [stage["id"] for stage in stored["journey"]["stages"]] == ["find", "buy"]
    assert stored["journey"]["stages"][1]["steps"][0]["emotion"] == -1


async def test_put_needs_if_match_and_a_stale_one_gets_412_with_the_current_version(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    renamed = journey_data(title="Checkout, renamed")

    missing = await client.put(url, json=renamed, headers=team.auth("editor"))
    assert is_problem(missing, 428)["detail"].startswith("this change needs an If-Match")
    star = await client.put(url, json=renamed, headers={**team.auth("editor"), "If-Match": "*"})
    is_problem(star, 428)

    first = await client.put(url, json=renamed, headers={**team.auth("editor"), "If-Match": '"1"'})
    assert first.status_code == 200
    assert first.headers["etag"] == '"2"'
    assert first.json()["title"] == "Checkout, renamed"

    again = journey_data(title="Someone else's title")
    stale = await client.put(url, json=again, headers={**team.auth("owner"), "If-Match": '"1"'})
    problem = is_problem(stale, 412)
    assert problem["current_version"] == 2
    after = await client.get(url, headers=team.auth("viewer"))
    assert after.json()["title"] == "Checkout, renamed"  # the stale write changed nothing


@pytest.mark.parametrize("if_match", ['W/"1"', '"banana"', "1, 2", '"0"'])
async def test_if_match_that_cannot_match_is_a_412_not_an_overwrite(
    client: httpx.AsyncClient, team: Team, if_match: str
) -> None:
    journey = await create_journey(client, team)
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    # "1, 2" names version 1 first, which is current: only that one is allowed through.
    response = await client.put(
        url, json=journey_data(title="X"), headers={**team.auth("editor"), "If-Match": if_match}
    )
    if if_match == "1, 2":
        assert response.status_code == 200
    else:
        assert is_problem(response, 412)["current_version"] == 1


async def test_patch_merges_fields_and_null_removes_one(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team, owner="Ana")
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    response = await client.patch(
        url,
        content=b'{"status": "review", "owner": null, "tags": ["web"]}',
        headers={
            **team.auth("editor"),
            "If-Match": '"1"',
            "Content-Type": "application/merge-patch+json",
        },
    )
    assert response.status_code == 200, response.text
    content = response.json()["journey"]
    assert (content["status"], content["owner"], content["tags"]) == ("review", "", ["web"])
    assert [stage["id"] for stage in content["stages"]] == ["find", "buy"]


async def test_delete_needs_if_match_hides_the_journey_and_undelete_brings_it_back(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    is_problem(await client.delete(url, headers=team.auth("editor")), 428)
    deleted = await client.delete(url, headers={**team.auth("editor"), "If-Match": '"1"'})
    assert deleted.status_code == 200
    assert deleted.json()["version"] == 2
    is_problem(await client.get(url, headers=team.auth("viewer")), 404)
    bin_ = await client.get(
        f"/workspaces/{team.ws}/journeys", params={"deleted": "true"}, headers=team.auth("viewer")
    )
    assert [item["slug"] for item in bin_.json()["items"]] == ["checkout"]
    back = await client.post(f"{url}/undelete", headers=team.auth("editor"))
    assert (back.status_code, back.json()["version"]) == (200, 3)


async def test_search_filters_by_text_kind_status_and_tag(
    client: httpx.AsyncClient, team: Team
) -> None:
    await create_journey(client, team, "checkout", tags=["web", "pay"])
    await create_journey(client, team, "returns", title="Returns", status="published")
    await create_journey(client, team, "to-be", title="Checkout to be", kind="desired")
    url = f"/workspaces/{team.ws}/journeys"

    async def slugs(**params: str | list[str]) -> list[str]:
        response = await client.get(url, params=params, headers=team.auth("viewer"))
        assert response.status_code == 200, response.text
        return sorted(item["slug"] for item in response.json()["items"])

    assert await slugs() == ["checkout", "returns", "to-be"]
    assert await slugs(q="checkout") == ["checkout", "to-be"]
    assert await slugs(kind="desired") == ["to-be"]
    assert await slugs(status="published") == ["returns"]
    assert await slugs(tag=["web", "pay"]) == ["checkout"]
    assert await slugs(tag=["web", "nope"]) == []
    page = await client.get(url, params={"limit": 1, "sort": "slug"}, headers=team.auth("viewer"))
    assert [i["slug"] for i in page.json()["items"]] == ["checkout"]
    assert page.json()["total"] == 3


@pytest.mark.parametrize(
    ("content_type", "suffix"),
    [("application/yaml", "yaml"), ("application/json", "json")],
)
async def test_import_then_export_round_trips_an_example(
    client: httpx.AsyncClient, team: Team, content_type: str, suffix: str
) -> None:
    source = EXAMPLES / "telecom-onboarding-support.yaml"
    expected = load_journey_text(source.read_bytes(), str(source))
    raw = source.read_bytes()
    if suffix == "json":
        raw = httpx.Response(200, json=yaml.safe_load(raw)).content
    imported = await client.post(
        f"/workspaces/{team.ws}/journeys/import",
        content=raw,
        headers={**team.auth("editor"), "Content-Type": content_type},
    )
    assert imported.status_code == 201, imported.text
    exported = await client.get(
        f"/workspaces/{team.ws}/journeys/{imported.json()['id']}/export",
        params={"format": suffix},
        headers=team.auth("viewer"),
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith(content_type)
    assert 'filename="telecom-onboarding-support.' in exported.headers["content-disposition"]
    back = load_journey_text(exported.content, f"export.{suffix}")
    stamps = {"version", "updated_at"}
    assert back.model_dump(exclude=stamps) == expected.model_dump(exclude=stamps)


async def test_mermaid_import_and_export(client: httpx.AsyncClient, team: Team) -> None:
    diagram = b"journey\n  title Coffee run\n  section Order\n    Queue: 2: Me\n    Pay: 4\n"
    imported = await client.post(
        f"/workspaces/{team.ws}/journeys/import",
        content=diagram,
        headers={**team.auth("editor"), "Content-Type": "text/vnd.mermaid"},
    )
    assert imported.status_code == 201, imported.text
    steps = imported.json()["journey"]["stages"][0]["steps"]
    assert [(s["name"], s["emotion"]) for s in steps] == [("Queue", -1), ("Pay", 1)]
    exported = await client.get(
        f"/workspaces/{team.ws}/journeys/{imported.json()['id']}/export",
        params={"format": "mermaid"},
        headers=team.auth("viewer"),
    )
    assert exported.headers["content-type"].startswith("text/vnd.mermaid")
    assert "    Queue: 2: Me\n" in exported.text
    assert "    Pay: 4\n" in exported.text


async def test_bad_import_names_line_and_column_and_stores_nothing(
    client: httpx.AsyncClient, team: Team, tmp_path: Path
) -> None:
    text = b"id: broken\ntitle: Broken\nstages:\n  - id: s\n    name: S\n    steps:\n"
    text += b"      - id: a\n        name: A\n        emotion: 7\n"
    response = await client.post(
        f"/workspaces/{team.ws}/journeys/import",
        content=text,
        headers={**team.auth("editor"), "Content-Type": "application/yaml"},
    )
    errors = is_problem(response, 422)["errors"]
    assert errors == [
        {
            "location": "body",
            "path": "stages[0].steps[0].emotion",
            "pointer": "/stages/0/steps/0/emotion",
            "message": "must be between -2 and 2",
            "line": 9,
            "column": 18,
        }
    ]
    listing = await client.get(f"/workspaces/{team.ws}/journeys", headers=team.auth("viewer"))
    assert listing.json()["total"] == 0
