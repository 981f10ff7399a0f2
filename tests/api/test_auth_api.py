"""Accounts over HTTP: sign-up, login cookies, CSRF, logout, API tokens, login rate limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from cxmap.services.accounts import MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import BASE_URL, BOTH, Team, is_problem

pytestmark = pytest.mark.anyio
PASSWORD = "correct horse battery"


async def sign_up(client: httpx.AsyncClient, email: str = "ana@example.com") -> None:
    response = await client.post(
        "/auth/signup", json={"email": email, "display_name": "Ana", "password": PASSWORD}
    )
    assert response.status_code == 201, response.text


async def log_in(client: httpx.AsyncClient, email: str = "ana@example.com") -> str:
    response = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    csrf: str = response.json()["csrf_token"]
    return csrf


@pytest.mark.parametrize("backend", BOTH, indirect=True)
async def test_login_sets_a_secure_httponly_lax_session_cookie(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    response = await client.post(
        "/auth/login", json={"email": "ANA@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    cookies = {c.split("=", 1)[0]: c for c in response.headers.get_list("set-cookie")}
    session = cookies["cxmap_session"].lower()
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= {
        part.strip() for part in session.split(";")
    }
    csrf_cookie = cookies["cxmap_csrf"].lower()
    assert "httponly" not in csrf_cookie
    assert f"cxmap_csrf={response.json()['csrf_token'].lower()}" in csrf_cookie
    me = await client.get("/auth/me")
    assert me.json()["email"] == "ana@example.com"


async def test_cookie_requests_that_change_things_need_the_csrf_token(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    csrf = await log_in(client)
    body = {"slug": "mine", "name": "Mine"}
    forged = await client.post("/workspaces", json=body)
    assert "X-CSRF-Token" in is_problem(forged, 403)["detail"]
    wrong = await client.post("/workspaces", json=body, headers={"X-CSRF-Token": "guess"})
    is_problem(wrong, 403)
    made = await client.post("/workspaces", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    listed = await client.get("/workspaces")  # reading needs no token
    assert [w["slug"] for w in listed.json()] == ["mine"]


async def test_logout_ends_the_session_on_the_server(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    csrf = await log_in(client)
    cookie = client.cookies["cxmap_session"]
    out = await client.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    # Replaying the old cookie (as a thief would) no longer works: the session is revoked.
    client.cookies.set("cxmap_session", cookie, domain="testserver")
    is_problem(await client.get("/auth/me"), 401)


async def test_wrong_password_and_unknown_account_get_the_same_answer(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    wrong = await client.post(
        "/auth/login", json={"email": "ana@example.com", "password": "not it at all"}
    )
    nobody = await client.post(
        "/auth/login", json={"email": "bob@example.com", "password": "not it at all"}
    )
    assert is_problem(wrong, 401)["detail"] == is_problem(nobody, 401)["detail"]
    assert "set-cookie" not in wrong.headers


async def test_failed_logins_are_limited_per_account_even_for_the_right_password(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    bad = {"email": "ana@example.com", "password": "wrong password"}
    statuses = [
        (await client.post("/auth/login", json=bad)).status_code
        for _ in range(MAX_FAILURES_PER_ACCOUNT + 1)
    ]
    assert statuses == [401] * MAX_FAILURES_PER_ACCOUNT + [429]
    right = await client.post(
        "/auth/login", json={"email": "ana@example.com", "password": PASSWORD}
    )
    assert "too many failed logins" in is_problem(right, 429)["detail"]
    assert right.headers["retry-after"] == str(15 * 60)


async def test_failed_logins_are_limited_per_address_across_accounts(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await sign_up(client, "victim@example.com")
    emails = [f"guess{n}@example.com" for n in range(MAX_FAILURES_PER_ADDRESS)]
    for email in emails:  # one failure each: no account reaches its own limit
        response = await client.post("/auth/login", json={"email": email, "password": "x" * 10})
        assert response.status_code == 401
    blocked = await client.post(
        "/auth/login", json={"email": "victim@example.com", "password": PASSWORD}
    )
    is_problem(blocked, 429)
    other_address = httpx.ASGITransport(app=app, client=("203.0.113.9", 1234))
    async with httpx.AsyncClient(transport=other_address, base_url=BASE_URL) as elsewhere:
        allowed = await elsewhere.post(
            "/auth/login", json={"email": "victim@example.com", "password": PASSWORD}
        )
    assert allowed.status_code == 200


async def test_short_passwords_and_taken_emails_are_refused(client: httpx.AsyncClient) -> None:
    short = await client.post(
        "/auth/signup", json={"email": "a@example.com", "display_name": "A", "password": "short"}
    )
    assert [e["path"] for e in is_problem(short, 422)["errors"]] == ["password"]
    await sign_up(client)
    twice = await client.post(
        "/auth/signup",
        json={"email": "Ana@Example.com", "display_name": "Ana 2", "password": PASSWORD},
    )
    is_problem(twice, 409)


async def test_api_tokens_are_created_listed_used_and_revoked(
    client: httpx.AsyncClient, server: WorkspaceServer
) -> None:
    await sign_up(client)
    csrf = await log_in(client)
    made = await client.post(
        "/auth/tokens", json={"name": "laptop"}, headers={"X-CSRF-Token": csrf}
    )
    assert made.status_code == 201
    secret, token_id = made.json()["secret"], made.json()["token"]["id"]
    assert secret.startswith("cxmap_")
    listed = await client.get("/auth/tokens")
    assert [t["name"] for t in listed.json()] == ["laptop"]
    assert secret not in listed.text

    bearer = {"Authorization": f"Bearer {secret}"}
    client.cookies.clear()
    assert (await client.get("/auth/me", headers=bearer)).json()["email"] == "ana@example.com"
    # A token needs no CSRF header: it is not sent by browsers on their own.
    revoked = await client.delete(f"/auth/tokens/{token_id}", headers=bearer)
    assert revoked.json()["revoked_at"] is not None
    is_problem(await client.get("/auth/me", headers=bearer), 401)


async def test_expired_tokens_and_naive_expiry_times(client: httpx.AsyncClient, team: Team) -> None:
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    response = await client.post(
        "/auth/tokens", json={"name": "old", "expires_at": past}, headers=team.auth("owner")
    )
    assert [e["path"] for e in is_problem(response, 422)["errors"]] == ["expires_at"]
    naive = await client.post(
        "/auth/tokens",
        json={"name": "no zone", "expires_at": "2099-01-01T00:00:00"},
        headers=team.auth("owner"),
    )
    assert [e["path"] for e in is_problem(naive, 422)["errors"]] == ["expires_at"]


async def test_unknown_tokens_and_no_credentials_are_401_with_a_challenge(
    client: httpx.AsyncClient,
) -> None:
    nothing = await client.get("/workspaces")
    assert is_problem(nothing, 401)
    assert nothing.headers["www-authenticate"].startswith("Bearer")
    made_up = await client.get("/workspaces", headers={"Authorization": "Bearer cxmap_nope"})
    is_problem(made_up, 401)
