"""Comments with @mentions, and a journey's history: revisions, as-of versions, restore."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import BOTH, Team, create_journey, is_problem, journey_data

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("backend", BOTH, indirect=True)]


async def test_comments_resolve_mentions_to_members_and_filter_by_anchor(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}/comments"
    body = "Payment fails on mobile, @editor and @Viewer@example.com please look. cc @nobody."
    made = await client.post(
        url,
        json={"body": body, "anchor": {"kind": "step", "id": "pay"}},
        headers=team.auth("commenter"),
    )
    assert made.status_code == 201, made.text
    public = made.json()
    assert public["comment"]["mentions"] == ["editor", "viewer@example.com", "nobody"]
    assert [user["email"] for user in public["mentioned"]] == [
        "editor@example.com",
        "viewer@example.com",
    ]
    assert public["unknown_mentions"] == ["nobody"]
    assert public["author"]["email"] == "commenter@example.com"
    assert public["comment"]["journey_version"] == 1

    await client.post(url, json={"body": "Overall fine"}, headers=team.auth("owner"))
    on_pay = await client.get(
        url, params={"anchor_kind": "step", "anchor_id": "pay"}, headers=team.auth("viewer")
    )
    assert [c["comment"]["body"] for c in on_pay.json()] == [body]
    everything = await client.get(url, headers=team.auth("viewer"))
    assert len(everything.json()) == 2


async def test_a_comment_on_an_unknown_step_is_refused(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    response = await client.post(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/comments",
        json={"body": "Hm", "anchor": {"kind": "step", "id": "payy"}},
        headers=team.auth("commenter"),
    )
    errors = is_problem(response, 422)["errors"]
    assert errors[0]["path"] == "anchor.id"
    assert "did you mean 'pay'" in errors[0]["message"]


async def test_resolving_and_removing_a_comment(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    made = await client.post(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/comments",
        json={"body": "Fix me"},
        headers=team.auth("commenter"),
    )
    url = f"/workspaces/{team.ws}/comments/{made.json()['comment']['id']}"
    resolved = await client.patch(url, json={"resolved": True}, headers=team.auth("commenter"))
    assert resolved.json()["comment"]["resolved_at"] is not None
    reopened = await client.patch(url, json={"resolved": False}, headers=team.auth("editor"))
    assert reopened.json()["comment"]["resolved_at"] is None
    assert (await client.delete(url, headers=team.auth("editor"))).status_code == 204
    is_problem(await client.get(url, headers=team.auth("viewer")), 404)


async def test_history_lists_who_changed_what_and_shows_any_version(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    base = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    await client.put(
        base,
        json=journey_data(title="Checkout v2"),
        headers={**team.auth("owner"), "If-Match": '"1"'},
    )
    revisions = (await client.get(f"{base}/revisions", headers=team.auth("viewer"))).json()
    assert [(r["version"], r["action"]) for r in revisions] == [(1, "create"), (2, "update")]
    assert revisions[1]["changed_by"] == str(team.users["owner"])
    title_ops = [op for op in revisions[1]["diff"] if op["path"] == "/title"]
    assert title_ops == [{"op": "replace", "path": "/title", "value": "Checkout v2"}]
    first = await client.get(f"{base}/revisions/1", headers=team.auth("viewer"))
    assert first.json()["journey"]["title"] == "Checkout"
    is_problem(await client.get(f"{base}/revisions/3", headers=team.auth("viewer")), 404)


async def test_restore_makes_an_old_version_current_as_a_new_version(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    base = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    editor = team.auth("editor")
    await client.put(base, json=journey_data(title="Broken"), headers={**editor, "If-Match": '"1"'})
    missing = await client.post(f"{base}/restore", json={"version": 1}, headers=editor)
    is_problem(missing, 428)
    stale = await client.post(
        f"{base}/restore", json={"version": 1}, headers={**editor, "If-Match": '"1"'}
    )
    assert is_problem(stale, 412)["current_version"] == 2
    restored = await client.post(
        f"{base}/restore", json={"version": 1}, headers={**editor, "If-Match": '"2"'}
    )
    assert restored.status_code == 200
    assert (restored.json()["version"], restored.json()["title"]) == (3, "Checkout")
    assert restored.headers["etag"] == '"3"'
    revisions = (await client.get(f"{base}/revisions", headers=team.auth("viewer"))).json()
    assert [(r["action"], r["restored_from"]) for r in revisions] == [
        ("create", None),
        ("update", None),
        ("restore", 1),
    ]
