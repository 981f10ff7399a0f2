"""Who is calling: an API token (`Authorization: Bearer ...`) or a login session cookie.

A token wins when both are sent. Cookie-authenticated requests that change something must
repeat the session's CSRF token in `X-CSRF-Token`: another site can make a browser send
the cookie, but cannot read the token, so it cannot forge the header.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from cxmap.model.errors import AuthenticationError
from cxmap.services.accounts import NewLogin
from cxmap.services.workspace_server import WorkspaceServer

SESSION_COOKIE = "cxmap_session"
CSRF_COOKIE = "cxmap_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="An API token from POST /auth/tokens (for the CLI and integrations).",
)
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="sessionCookie",
    description="The session from POST /auth/login. Unsafe requests also need the "
    f"{CSRF_HEADER} header with the csrf_token of the login.",
)


def workspace_server(request: Request) -> WorkspaceServer:
    server: WorkspaceServer = request.app.state.server
    return server


Server = Annotated[WorkspaceServer, Depends(workspace_server)]


def current_user(
    request: Request,
    server: Server,
    token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> UUID:
    """The caller's account id, or 401 (unknown credentials) / 403 (CSRF check failed)."""
    if token is not None:
        return server.accounts.by_token(token.credentials).id
    if cookie:
        caller = server.accounts.by_session(cookie)
        if request.method not in SAFE_METHODS:
            caller.check_csrf(request.headers.get(CSRF_HEADER))
        request.state.login_session = caller.session.id
        return caller.user.id
    raise AuthenticationError(
        "log in (POST /auth/login) or send an API token as Authorization: Bearer TOKEN"
    )


Actor = Annotated[UUID, Depends(current_user)]


def set_login_cookies(response: Response, login: NewLogin) -> None:
    """The session (HttpOnly, Secure, SameSite=Lax) and the readable CSRF token."""
    max_age = int((login.session.expires_at - login.session.created_at).total_seconds())
    response.set_cookie(
        SESSION_COOKIE,
        login.session_secret,
        max_age=max_age,
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
    )
    response.set_cookie(
        CSRF_COOKIE,
        login.csrf_token,
        max_age=max_age,
        path="/",
        secure=True,
        httponly=False,
        samesite="strict",
    )


def clear_login_cookies(response: Response) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=True, httponly=name == SESSION_COOKIE)
