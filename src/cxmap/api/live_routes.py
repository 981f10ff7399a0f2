"""`/workspaces/{ws}/journeys/{j}/live`: a websocket telling viewers of a journey about
every change to it (edits, restores, deletion, comments) as it is committed.

Authentication is the API's: an API token (`Authorization: Bearer`, or `?token=` since
browsers cannot set headers on a websocket) or the session cookie. A cookie handshake
from another site's page is refused by its Origin (the socket only reads, but what it
reads is private). The caller needs the viewer role; anyone else, or a journey that does
not exist, is refused before the socket opens (close code 1008), revealing nothing.

On opening, the server sends `{"type": "hello", "journey_id", "version"}`; then one message
per change: `{type, journey_id, version, by, at}` (and `comment_id` for comments).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit
from uuid import UUID

import anyio
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status
from starlette.concurrency import run_in_threadpool

from cxmap.api.auth import SESSION_COOKIE
from cxmap.model.errors import AuthenticationError, CxmapError, PermissionDeniedError
from cxmap.model.journey_record import StoredJourney
from cxmap.services.journey_events import Subscription
from cxmap.services.workspace_server import WorkspaceServer

router = APIRouter()
#: Close code for a watcher that fell too far behind: reconnect and reload.
TRY_AGAIN_LATER = 1013


@router.websocket("/workspaces/{workspace_id}/journeys/{journey_id}/live")
async def journey_live(
    websocket: WebSocket,
    workspace_id: UUID,
    journey_id: UUID,
    token: Annotated[str | None, Query(max_length=200)] = None,
) -> None:
    server: WorkspaceServer = websocket.app.state.server
    # Subscribed before the version is read: a change committed in between is not missed.
    async with server.events.subscribe(journey_id) as subscription:
        try:
            journey = await run_in_threadpool(
                _open, server, websocket, token, workspace_id, journey_id
            )
        except CxmapError as error:
            await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason=_reason(error))
            return
        await websocket.accept()
        hello = {"type": "hello", "journey_id": str(journey_id), "version": journey.version}
        await websocket.send_json(hello)
        await _serve(websocket, subscription)


def _open(
    server: WorkspaceServer,
    websocket: WebSocket,
    token: str | None,
    workspace_id: UUID,
    journey_id: UUID,
) -> StoredJourney:
    """The journey, if the caller may view it (blocking: runs in a worker thread)."""
    return server.journeys.get(_caller(server, websocket, token), workspace_id, journey_id)


def _caller(server: WorkspaceServer, websocket: WebSocket, token: str | None) -> UUID:
    scheme, _, credentials = websocket.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        token = credentials
    if token:
        return server.accounts.by_token(token).id
    cookie = websocket.cookies.get(SESSION_COOKIE)
    if cookie:
        origin = websocket.headers.get("origin")
        if origin and urlsplit(origin).netloc != websocket.headers.get("host"):
            raise PermissionDeniedError("a session cookie is accepted only from this site")
        return server.accounts.by_session(cookie).user.id
    raise AuthenticationError("log in, or send an API token as ?token= or Authorization: Bearer")


def _reason(error: CxmapError) -> str:
    """A short close reason (the protocol allows 123 bytes)."""
    return str(error).encode()[:120].decode(errors="ignore")


async def _serve(websocket: WebSocket, subscription: Subscription) -> None:
    """Forward events until the viewer leaves (or falls too far behind)."""
    async with anyio.create_task_group() as tasks:

        async def forward() -> None:
            async for event in subscription:
                await websocket.send_json(event.message())
            await websocket.close(code=TRY_AGAIN_LATER, reason="too far behind; reload")
            tasks.cancel_scope.cancel()

        tasks.start_soon(forward)
        try:
            while (await websocket.receive())["type"] != "websocket.disconnect":
                pass  # viewers have nothing to say; reading notices when they leave
        except WebSocketDisconnect:
            pass
        tasks.cancel_scope.cancel()
