"""The journey websocket: viewers of a journey hear about every committed change to it,
and only to it; outsiders cannot listen. Driven by Starlette's TestClient, whose websocket
support runs the app in its own event loop (so these tests are synchronous)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import anyio
import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning
from starlette.websockets import WebSocketDisconnect

from cxmap.model.workspace import Role
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import BASE_URL, Team
from tests.store.conftest import make_journey

with warnings.catch_warnings():
    # Starlette would rather drive its TestClient with `httpx2`; `httpx` (what the project
    # uses) still works, and this is the only way to test a websocket in-process.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient, WebSocketTestSession


@pytest.fixture
def http(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def journeys(server: WorkspaceServer, team: Team) -> dict[str, UUID]:
    owner = team.users["owner"]
    return {
        slug: server.journeys.create_journey(owner, team.ws, make_journey(slug, slug.title())).id
        for slug in ("checkout", "returns")
    }


def receive(socket: WebSocketTestSession, seconds: float = 5) -> dict[str, Any]:
    """The next JSON message, or a failure after `seconds`: a missing announcement must
    fail the test, not hang it (TestClient's own receive waits forever)."""

    async def next_message() -> Any:
        with anyio.fail_after(seconds):
            return await socket._send_rx.receive()

    message = socket.portal.call(next_message)
    assert message["type"] == "websocket.send", message
    decoded: dict[str, Any] = json.loads(message["text"])
    return decoded


def refusal(http: TestClient, url: str, headers: dict[str, str]) -> WebSocketDisconnect:
    """How the server refused to open the socket (fails if it opened)."""
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        http.websocket_connect(url, headers=headers),
    ):
        pass
    return refused.value


def live(team: Team, journey_id: UUID) -> str:
    return f"/workspaces/{team.ws}/journeys/{journey_id}/live"


def changed(http: TestClient, team: Team, journey_id: UUID, version: int) -> None:
    response = http.patch(
        f"/workspaces/{team.ws}/journeys/{journey_id}",
        json={"status": "review"},
        headers={**team.auth("editor"), "If-Match": f'"{version}"'},
    )
    assert response.status_code == 200, response.text


def test_two_viewers_see_an_editors_change_and_others_see_nothing(
    http: TestClient, team: Team, journeys: dict[str, UUID]
) -> None:
    checkout, returns = journeys["checkout"], journeys["returns"]
    viewer_token = team.tokens["viewer"]
    with (
        http.websocket_connect(live(team, checkout), headers=team.auth("viewer")) as first,
        http.websocket_connect(f"{live(team, checkout)}?token={viewer_token}") as second,
        http.websocket_connect(live(team, returns), headers=team.auth("commenter")) as elsewhere,
    ):
        for socket, journey_id in ((first, checkout), (second, checkout), (elsewhere, returns)):
            hello = receive(socket)
            assert hello == {"type": "hello", "journey_id": str(journey_id), "version": 1}

        changed(http, team, checkout, version=1)
        for socket in (first, second):
            message: dict[str, Any] = receive(socket)
            assert message["type"] == "journey.updated"
            assert message["journey_id"] == str(checkout)
            assert message["version"] == 2
            assert message["by"] == str(team.users["editor"])
            assert message["at"].startswith("20")

        # The other journey's watcher got nothing from that: its next message is its own.
        changed(http, team, returns, version=1)
        assert receive(elsewhere)["journey_id"] == str(returns)


def test_comments_restores_and_deletion_are_announced(
    http: TestClient, team: Team, journeys: dict[str, UUID]
) -> None:
    checkout = journeys["checkout"]
    url = f"/workspaces/{team.ws}/journeys/{checkout}"
    with http.websocket_connect(live(team, checkout), headers=team.auth("viewer")) as socket:
        receive(socket)
        made = http.post(url + "/comments", json={"body": "Hm"}, headers=team.auth("commenter"))
        added = receive(socket)
        assert added["type"] == "comment.added"
        assert added["comment_id"] == made.json()["comment"]["id"]
        assert added["version"] is None
        assert added["by"] == str(team.users["commenter"])

        stage = {"id": "after", "name": "After"}
        http.post(url + "/stages", json=stage, headers=team.auth("editor"))
        assert receive(socket)["version"] == 2
        restore = http.post(
            url + "/restore",
            json={"version": 1},
            headers={**team.auth("editor"), "If-Match": '"2"'},
        )
        assert restore.status_code == 200, restore.text
        assert receive(socket) | {"at": None} == {
            "type": "journey.restored",
            "journey_id": str(checkout),
            "version": 3,
            "by": str(team.users["editor"]),
            "at": None,
        }
        http.delete(url, headers={**team.auth("owner"), "If-Match": '"3"'})
        gone = receive(socket)
        assert (gone["type"], gone["version"], gone["by"]) == (
            "journey.deleted",
            4,
            str(team.users["owner"]),
        )


def test_a_refused_change_announces_nothing(
    http: TestClient, team: Team, journeys: dict[str, UUID]
) -> None:
    checkout = journeys["checkout"]
    with http.websocket_connect(live(team, checkout), headers=team.auth("viewer")) as socket:
        receive(socket)
        stale = http.patch(
            f"/workspaces/{team.ws}/journeys/{checkout}",
            json={"status": "review"},
            headers={**team.auth("editor"), "If-Match": '"9"'},
        )
        assert stale.status_code == 412
        changed(http, team, checkout, version=1)
        assert receive(socket)["version"] == 2  # the first message is the real change


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="anonymous"),
        pytest.param({"Authorization": "Bearer cxmap_wrong"}, id="bad-token"),
    ],
)
def test_strangers_cannot_connect(
    http: TestClient, team: Team, journeys: dict[str, UUID], headers: dict[str, str]
) -> None:
    assert refusal(http, live(team, journeys["checkout"]), headers).code == 1008


def test_an_outsider_cannot_connect_to_a_journey_of_another_workspace(
    http: TestClient, team: Team, journeys: dict[str, UUID]
) -> None:
    refused = refusal(http, live(team, journeys["checkout"]), team.auth("outsider"))
    assert refused.code == 1008
    assert "not found" in refused.reason
    own_journey = f"/workspaces/{team.other}/journeys/{team.other_journey}/live"
    with http.websocket_connect(own_journey, headers=team.auth("outsider")) as socket:
        assert receive(socket)["version"] == 1


def test_a_session_cookie_works_but_not_from_another_site(
    http: TestClient, server: WorkspaceServer, team: Team, journeys: dict[str, UUID]
) -> None:
    server.accounts.sign_up("web@example.com", "Web Person", "a long enough password")
    server.workspaces.add_member(team.users["owner"], team.ws, "web@example.com", Role.VIEWER)
    login = http.post(
        "/auth/login", json={"email": "web@example.com", "password": "a long enough password"}
    )
    assert login.status_code == 200, login.text
    cookie = {"Cookie": f"cxmap_session={login.cookies['cxmap_session']}"}
    url = live(team, journeys["checkout"])
    with http.websocket_connect(url, headers=cookie) as socket:
        assert receive(socket)["type"] == "hello"
    elsewhere = {**cookie, "Origin": "https://evil.example"}
    assert "only from this site" in refusal(http, url, elsewhere).reason


def test_watchers_are_forgotten_when_they_leave(
    http: TestClient, server: WorkspaceServer, team: Team, journeys: dict[str, UUID]
) -> None:
    checkout = journeys["checkout"]
    events = server.events
    with http.websocket_connect(live(team, checkout), headers=team.auth("viewer")) as socket:
        receive(socket)
        assert events.watcher_count(checkout) == 1  # type: ignore[attr-defined]
    changed(http, team, checkout, version=1)  # publishing to nobody is fine
    deadline = 100
    while events.watcher_count(checkout) and deadline:  # type: ignore[attr-defined]
        deadline -= 1
        http.get("/openapi.json")
    assert events.watcher_count(checkout) == 0  # type: ignore[attr-defined]
