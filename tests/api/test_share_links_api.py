"""Read-only share links: made by editors, read without a login, dead once revoked."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import select

from cxmap.services.workspace_server import WorkspaceServer
from cxmap.store.rows import ShareLinkRow
from tests.api.conftest import BOTH, Team, create_journey, is_problem

pytestmark = pytest.mark.anyio


async def share(
    client: httpx.AsyncClient, team: Team, journey: dict[str, Any], who: str = "editor"
) -> httpx.Response:
    return await client.post(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/share-links",
        json={"label": "Training"},
        headers=team.auth(who),
    )


@pytest.mark.parametrize("backend", BOTH, indirect=True)
async def test_a_link_shows_the_journey_without_login_until_revoked(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team, title="Checkout")
    made = await share(client, team, journey)
    assert made.status_code == 201, made.text
    secret = made.json()["secret"]
    assert made.json()["path"] == f"/shared/{secret}"

    shown = await client.get(f"/shared/{secret}")
    assert shown.status_code == 200, shown.text
    assert shown.json()["journey"]["title"] == "Checkout"
    assert shown.json()["version"] == 1
    assert shown.headers["etag"] == '"1"'
    assert "workspace_id" not in shown.json()
    exported = await client.get(f"/shared/{secret}/export", params={"format": "yaml"})
    assert yaml.safe_load(exported.text)["title"] == "Checkout"
    assert exported.headers["content-disposition"] == 'attachment; filename="checkout.yaml"'

    link_id = made.json()["link"]["id"]
    revoked = await client.delete(
        f"/workspaces/{team.ws}/share-links/{link_id}", headers=team.auth("owner")
    )
    assert revoked.json()["revoked_at"] is not None
    is_problem(await client.get(f"/shared/{secret}"), 404)
    is_problem(await client.get(f"/shared/{secret}/export"), 404)


async def test_a_link_follows_edits_and_the_bin(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    secret = (await share(client, team, journey)).json()["secret"]
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}"
    headers = {**team.auth("editor"), "If-Match": '"1"'}
    await client.patch(url, json={"title": "Checkout v2"}, headers=headers)
    assert (await client.get(f"/shared/{secret}")).json()["journey"]["title"] == "Checkout v2"
    await client.delete(url, headers={**team.auth("editor"), "If-Match": '"2"'})
    is_problem(await client.get(f"/shared/{secret}"), 404)


async def test_unknown_secrets_are_404(client: httpx.AsyncClient) -> None:
    assert (
        "no such share link" in is_problem(await client.get("/shared/cxshare_nope"), 404)["detail"]
    )


async def test_only_the_hash_of_the_secret_is_stored(
    client: httpx.AsyncClient, team: Team, server: WorkspaceServer
) -> None:
    journey = await create_journey(client, team)
    secret = (await share(client, team, journey)).json()["secret"]
    assert len(secret) > 40
    with server.database.reading() as session:
        hashes = list(session.scalars(select(ShareLinkRow.secret_hash)))
    assert hashes == [hashlib.sha256(secret.encode()).hexdigest()]


async def test_roles_and_other_workspaces(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    is_problem(await share(client, team, journey, who="commenter"), 403)
    is_problem(await share(client, team, journey, who="outsider"), 404)
    made = (await share(client, team, journey)).json()
    listing = f"/workspaces/{team.ws}/journeys/{journey['id']}/share-links"
    listed = await client.get(listing, headers=team.auth("owner"))
    assert [link["label"] for link in listed.json()] == ["Training"]
    is_problem(await client.get(listing, headers=team.auth("viewer")), 403)
    sideways = f"/workspaces/{team.other}/share-links/{made['link']['id']}"
    is_problem(await client.delete(sideways, headers=team.auth("outsider")), 404)
    assert (await client.get(f"/shared/{made['secret']}")).status_code == 200
