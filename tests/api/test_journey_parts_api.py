"""Stages, steps, insights, opportunities and lane items edited one at a time: each edit is
a new version of the journey, validated whole, with problems named by their journey path."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import Team, create_journey, is_problem

pytestmark = pytest.mark.anyio


async def journey_url(client: httpx.AsyncClient, team: Team) -> str:
    journey = await create_journey(client, team)
    return f"/workspaces/{team.ws}/journeys/{journey['id']}"


def editing(team: Team, version: int | None = None) -> dict[str, str]:
    headers = team.auth("editor")
    if version is not None:
        headers["If-Match"] = f'"{version}"'
    return headers


async def content(client: httpx.AsyncClient, team: Team, url: str) -> dict[str, Any]:
    response = await client.get(url, headers=team.auth("viewer"))
    journey: dict[str, Any] = response.json()["journey"]
    return journey


async def test_a_step_is_added_into_its_stage_at_a_position(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    step = {"id": "compare", "name": "Compares prices", "emotion": -0.5, "next": ["view"]}
    added = await client.post(
        f"{url}/stages/find/steps", params={"position": 1}, json=step, headers=editing(team)
    )
    assert added.status_code == 201, added.text
    assert added.headers["etag"] == '"2"'
    assert added.json()["emotion"] == -0.5
    stages = (await content(client, team, url))["stages"]
    assert [s["id"] for s in stages[0]["steps"]] == ["search", "compare", "view"]


async def test_an_invalid_step_is_reported_at_its_path_in_the_journey(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    step = {"id": "pay", "name": "Pays", "emotion": 5, "final": True, "colour": "red"}
    response = await client.put(f"{url}/steps/pay", json=step, headers=editing(team, 1))
    errors = is_problem(response, 422)["errors"]
    assert {(e["path"], e["message"]) for e in errors} == {
        ("stages[1].steps[0].emotion", "must be between -2 and 2"),
        ("stages[1].steps[0].colour", "unknown key 'colour'"),
    }
    assert (await content(client, team, url))["stages"][1]["steps"][0]["emotion"] == -1


async def test_a_step_cannot_be_renamed_through_its_url(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    response = await client.put(
        f"{url}/steps/pay", json={"id": "checkout", "name": "Pays"}, headers=editing(team, 1)
    )
    errors = is_problem(response, 422)["errors"]
    assert [e["path"] for e in errors] == ["stages[1].steps[0].id"]


async def test_deleting_a_step_others_point_to_is_refused_naming_the_references(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    response = await client.delete(f"{url}/steps/pay", headers=editing(team, 1))
    paths = sorted(e["path"] for e in is_problem(response, 422)["errors"])
    assert paths == ["insights[0].step", "opportunities[0].step", "stages[0].steps[1].next[0]"]
    removable = await client.delete(f"{url}/steps/search", headers=editing(team, 1))
    assert (removable.status_code, removable.headers["etag"]) == (204, '"2"')
    stages = (await content(client, team, url))["stages"]
    assert [s["id"] for s in stages[0]["steps"]] == ["view"]


async def test_stage_crud_and_unknown_ids(client: httpx.AsyncClient, team: Team) -> None:
    url = await journey_url(client, team)
    new = {"id": "after", "name": "After sales", "needs": ["Help when it breaks"]}
    created = await client.post(f"{url}/stages", json=new, headers=editing(team))
    assert created.status_code == 201
    listed = await client.get(f"{url}/stages", headers=team.auth("viewer"))
    assert [s["id"] for s in listed.json()] == ["find", "buy", "after"]
    assert listed.headers["etag"] == '"2"'
    one = await client.get(f"{url}/stages/after", headers=team.auth("viewer"))
    assert one.json()["needs"] == ["Help when it breaks"]
    renamed = {**new, "name": "Aftercare"}
    replaced = await client.put(f"{url}/stages/after", json=renamed, headers=editing(team, 2))
    assert (replaced.status_code, replaced.json()["name"]) == (200, "Aftercare")
    missing = await client.get(f"{url}/stages/aftr", headers=team.auth("viewer"))
    assert "did you mean 'after'" in is_problem(missing, 404)["detail"]
    gone = await client.delete(f"{url}/stages/after", headers=editing(team, 3))
    assert gone.status_code == 204


async def test_insights_and_opportunities_are_checked_against_the_steps(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    insight = {"id": "lost", "title": "Cannot find sizes", "step": "nowhere", "severity": 4}
    bad = await client.post(f"{url}/insights", json=insight, headers=editing(team))
    problem = is_problem(bad, 422)
    assert [e["path"] for e in problem["errors"]] == ["insights[1].step"]
    insight["step"] = "search"
    good = await client.post(f"{url}/insights", json=insight, headers=editing(team))
    assert good.status_code == 201
    opportunity = {"id": "size-filter", "title": "Size filter", "step": "search", "fixes": ["lost"]}
    made = await client.post(f"{url}/opportunities", json=opportunity, headers=editing(team))
    assert (made.status_code, made.json()["status"]) == (201, "proposed")
    listed = await client.get(f"{url}/opportunities", headers=team.auth("viewer"))
    assert [o["id"] for o in listed.json()] == ["one-click", "size-filter"]


async def test_lane_items_are_added_replaced_and_removed_by_position(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    lane = f"{url}/steps/pay/lanes/backstage"
    added = await client.post(lane, json={"text": "Payment provider call"}, headers=editing(team))
    assert added.status_code == 201
    assert added.json() == {
        "lane": "backstage",
        "items": [{"text": "Payment provider call", "by": None}],
    }
    await client.post(lane, json={"text": "Fraud check"}, headers=editing(team))
    replaced = await client.put(f"{lane}/0", json={"text": "PSP call"}, headers=editing(team, 3))
    assert [i["text"] for i in replaced.json()["items"]] == ["PSP call", "Fraud check"]
    removed = await client.delete(f"{lane}/1", headers=editing(team, 4))
    assert [i["text"] for i in removed.json()["items"]] == ["PSP call"]
    out_of_range = await client.delete(f"{lane}/5", headers=editing(team, 5))
    is_problem(out_of_range, 404)
    stage_lane = await client.get(f"{url}/stages/find/lanes/thoughts", headers=team.auth("viewer"))
    assert stage_lane.json() == {"lane": "thoughts", "items": []}
    journey = await content(client, team, url)
    assert journey["stages"][1]["steps"][0]["lanes"]["backstage"] == [
        {"text": "PSP call", "by": None}
    ]


async def test_an_empty_lane_item_is_refused_at_its_path(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    response = await client.post(
        f"{url}/stages/buy/lanes/actions", json={"text": "  "}, headers=editing(team)
    )
    errors = is_problem(response, 422)["errors"]
    assert [(e["path"], e["message"]) for e in errors] == [
        ("stages[1].lanes.actions[0].text", "must not be empty")
    ]


async def test_a_part_edit_based_on_a_stale_version_is_412_before_it_is_applied(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = await journey_url(client, team)
    await client.delete(f"{url}/steps/search", headers=editing(team, 1))
    # The step is gone in version 2; a client still at version 1 learns it is stale.
    stale = await client.put(
        f"{url}/steps/search", json={"name": "Searches"}, headers=editing(team, 1)
    )
    assert is_problem(stale, 412)["current_version"] == 2
