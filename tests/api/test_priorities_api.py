"""Scores, actions and key metrics over HTTP: versioned weights and inputs (If-Match, 412 on
a stale one), what-if weights in the query, exports and charts with their media types, and
problems named by their path."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from tests.api.conftest import Team, create_journey, is_problem
from tests.services.priority_fixtures import analysis

pytestmark = pytest.mark.anyio


async def enter(client: httpx.AsyncClient, team: Team, jid: str, journey: dict[str, Any]) -> None:
    url = f"/workspaces/{team.ws}/journeys/{jid}/score-inputs"
    current = await client.get(url, headers=team.auth("viewer"))
    headers = {**team.auth("editor"), "If-Match": current.headers["ETag"]}
    body = {"journey": {key: {"value": value} for key, value in journey.items()}}
    saved = await client.put(url, json=body, headers=headers)
    assert saved.status_code == 200, saved.text


@pytest.fixture
async def two(client: httpx.AsyncClient, team: Team) -> dict[str, str]:
    """alpha (cost 1.0, strategy 0.25) ranks above beta (cost 0, strategy 1.0) by default."""
    alpha = (await create_journey(client, team, "alpha"))["id"]
    beta = (await create_journey(client, team, "beta"))["id"]
    await enter(client, team, alpha, {"cost_per_customer": 1000, "strategic_contribution": 2})
    await enter(client, team, beta, {"cost_per_customer": 0, "strategic_contribution": 5})
    return {"alpha": alpha, "beta": beta}


def ranked(response: httpx.Response) -> list[tuple[str, int]]:
    assert response.status_code == 200, response.text
    return [(r["score"]["subject_id"], r["score"]["value"]) for r in response.json()["ranking"]]


async def test_a_weight_override_changes_the_ranking_without_saving(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    url = f"/workspaces/{team.ws}/scores"
    assert ranked(await client.get(url, headers=team.auth("viewer"))) == [
        ("alpha", 59),
        ("beta", 51),
    ]
    what_if = await client.get(url, params={"strategy": 4}, headers=team.auth("viewer"))
    assert ranked(what_if) == [("beta", 75), ("alpha", 42)]
    assert what_if.json()["what_if"] is True
    assert ranked(await client.get(url, headers=team.auth("viewer")))[0] == ("alpha", 59)
    contributions = what_if.json()["ranking"][1]["score"]["contributions"]
    sales = next(c for c in contributions if c["criterion"] == "sales")
    assert (sales["missing"], sales["raw"], sales["points"]) == (True, None, 0.0)


async def test_weights_are_versioned_and_a_stale_if_match_is_412(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    url = f"/workspaces/{team.ws}/score-weights"
    current = await client.get(url, headers=team.auth("viewer"))
    assert current.headers["ETag"] == '"1"'
    body = {"weights": {"strategy": 4}, "scale": current.json()["settings"]["scale"]}
    without = await client.put(url, json=body, headers=team.auth("editor"))
    assert is_problem(without, 428)
    saved = await client.put(url, json=body, headers={**team.auth("editor"), "If-Match": '"1"'})
    assert saved.status_code == 200, saved.text
    assert saved.headers["ETag"] == '"2"'
    assert saved.json()["settings"]["weights"]["strategy"] == 4
    stale = await client.put(url, json=body, headers={**team.auth("owner"), "If-Match": '"1"'})
    assert is_problem(stale, 412)["current_version"] == 2
    scores = await client.get(f"/workspaces/{team.ws}/scores", headers=team.auth("viewer"))
    assert ranked(scores) == [("beta", 75), ("alpha", 42)]


async def test_bad_weights_and_inputs_are_named_by_path(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    url = f"/workspaces/{team.ws}/score-weights"
    zero = {"weights": dict.fromkeys(("cost", "sales", "strategy", "frequency", "experience"), 0)}
    refused = await client.put(url, json=zero, headers={**team.auth("editor"), "If-Match": '"1"'})
    assert "at least one weight" in is_problem(refused, 422)["detail"]
    negative = await client.get(
        f"/workspaces/{team.ws}/scores", params={"cost": -1}, headers=team.auth("viewer")
    )
    assert is_problem(negative, 422)["errors"][0]["path"] == "cost"
    inputs = f"/workspaces/{team.ws}/journeys/{two['alpha']}/score-inputs"
    body = {"parts": {"nowhere": {}, "pay": {"experience": {"value": 1}}}}
    wrong = await client.put(inputs, json=body, headers={**team.auth("editor"), "If-Match": '"2"'})
    assert [e["path"] for e in is_problem(wrong, 422)["errors"]] == ["parts.nowhere"]


async def test_a_journey_is_scored_part_by_part_and_prioritised(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    base = f"/workspaces/{team.ws}/journeys/{two['alpha']}"
    scored = await client.post(base + "/score", headers=team.auth("viewer"))
    assert scored.status_code == 200, scored.text
    assert scored.json()["journey"]["value"] == 59
    assert [p["subject_id"] for p in scored.json()["parts"]] == [
        "find",
        "search",
        "view",
        "buy",
        "pay",
    ]
    stored = await client.post(
        base + "/analyses", json=analysis().model_dump(mode="json"), headers=team.auth("editor")
    )
    assert stored.status_code == 201, stored.text
    priorities = await client.get(base + "/priorities", headers=team.auth("viewer"))
    buy = priorities.json()["stages"][1]
    assert (buy["stage"], buy["items"][0]["id"], buy["items"][0]["volume"]) == (
        "buy",
        "one-click",
        100,
    )
    sensitivity = await client.get(
        f"/workspaces/{team.ws}/scores/sensitivity", headers=team.auth("viewer")
    )
    assert sensitivity.json()["sensitivity"]["baseline"] == ["alpha", "beta"]


async def test_actions_are_suggested_edited_with_if_match_and_exported(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    base = f"/workspaces/{team.ws}/actions"
    suggested = await client.post(
        base + "/suggest", params={"journey_id": two["alpha"]}, headers=team.auth("editor")
    )
    assert len(suggested.json()["added"]) == 6
    first = suggested.json()["added"][2]
    url = f"{base}/{first['id']}"
    changed = await client.patch(
        url,
        json={"status": "accepted", "owner": "ana", "due": "2025-10-01"},
        headers={**team.auth("editor"), "If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == '"2"'
    stale = await client.patch(
        url, json={"status": "dismissed"}, headers={**team.auth("editor"), "If-Match": '"1"'}
    )
    assert is_problem(stale, 412)["current_version"] == 2
    history = await client.get(url + "/history", headers=team.auth("viewer"))
    assert [c["changes"][-1]["after"] for c in history.json()] == ["suggested", "accepted"]
    jira = await client.get(
        base + "/export", params={"format": "jira"}, headers=team.auth("viewer")
    )
    assert jira.headers["content-type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(jira.text)))
    assert header == [
        "Summary",
        "Description",
        "Issue Type",
        "Priority",
        "Assignee",
        "Due Date",
        "Labels",
        "Labels",
        "Labels",
    ]
    github = await client.get(
        base + "/export",
        params={"format": "github", "status": "accepted"},
        headers=team.auth("viewer"),
    )
    assert github.json() == [
        {
            "title": "One-click pay",
            "body": github.json()[0]["body"],
            "labels": ["cxmap", "cxmap-product-change", "journey-alpha"],
            "assignees": ["ana"],
            "milestone": None,
        }
    ]
    deleted = await client.delete(url, headers={**team.auth("editor"), "If-Match": '"2"'})
    assert deleted.status_code == 204


async def test_kpis_get_points_from_an_analysis_a_chart_and_a_comparison(
    client: httpx.AsyncClient, team: Team, two: dict[str, str]
) -> None:
    base = f"/workspaces/{team.ws}/kpis"
    body = {
        "id": "conv",
        "name": "Search to pay",
        "kind": "conversion",
        "journey": "alpha",
        "from_step": "search",
        "to_step": "pay",
        "target": 60,
    }
    made = await client.post(base, json=body, headers=team.auth("editor"))
    assert made.status_code == 201, made.text
    kpi = made.json()["id"]
    bad = await client.post(
        base, json={**body, "id": "x", "to_step": "nope"}, headers=team.auth("editor")
    )
    assert is_problem(bad, 422)["errors"][0]["path"] == "to_step"
    analyses = f"/workspaces/{team.ws}/journeys/{two['alpha']}/analyses"
    await client.post(
        analyses, json=analysis().model_dump(mode="json"), headers=team.auth("editor")
    )
    manual = await client.post(
        f"{base}/{kpi}/points",
        json={"value": 70, "n": 200, "measured_at": "2100-01-01T00:00:00Z"},
        headers=team.auth("editor"),
    )
    assert manual.status_code == 201, manual.text
    series = await client.get(f"{base}/{kpi}/points", headers=team.auth("viewer"))
    assert [p["value"] for p in series.json()["points"]] == [50.0, 70.0]
    assert series.json()["latest_met"] is True
    compared = await client.get(
        f"{base}/{kpi}/comparison",
        params={"before": "2000-01-01..2099-01-01", "after": "2100-01-01..2100-02-01"},
        headers=team.auth("viewer"),
    )
    assert (compared.json()["change"], compared.json()["improved"]) == (20.0, True)
    wrong = await client.get(
        f"{base}/{kpi}/comparison",
        params={"before": "v1", "after": "soon"},
        headers=team.auth("viewer"),
    )
    assert is_problem(wrong, 422)["errors"][0]["path"] == "after"
    chart = await client.get(f"{base}/{kpi}/chart.svg", headers=team.auth("viewer"))
    assert chart.headers["content-type"] == "image/svg+xml"
    assert "Search to pay" in chart.text
    recorded = await client.post(
        f"/workspaces/{team.ws}/journeys/{two['alpha']}/kpi-points", headers=team.auth("editor")
    )
    assert [p["kpi"] for p in recorded.json()["points"]] == ["conv"]


async def test_another_workspaces_journey_is_not_found(
    client: httpx.AsyncClient, team: Team
) -> None:
    url = f"/workspaces/{team.ws}/journeys/{team.other_journey}/score-inputs"
    assert (
        "not found" in is_problem(await client.get(url, headers=team.auth("owner")), 404)["detail"]
    )
