"""/auth: sign up, log in and out (session cookie), who am I, API tokens."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, status

from cxmap.api.auth import Actor, Server, clear_login_cookies, set_login_cookies
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, problems
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import LogIn, SessionPublic, SignUp, TokenCreate, TokenCreated
from cxmap.model.workspace import ApiToken, User

router = APIRouter(prefix="/auth", tags=["accounts"])
JsonBody = Depends(require_json)


@router.post(
    "/signup",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
)
def sign_up(body: SignUp, server: Server) -> User:
    """Create a local account (email and password)."""
    return server.accounts.sign_up(body.email, body.display_name, body.password)


@router.post(
    "/login",
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(401, 429)},
)
def log_in(body: LogIn, request: Request, response: Response, server: Server) -> SessionPublic:
    """Log in: sets the session cookie and returns the CSRF token unsafe requests repeat.

    Failed attempts are limited per account and per address; past the limit the answer
    is 429 with Retry-After, even for the right password.
    """
    address = request.client.host if request.client else "unknown"
    login = server.accounts.log_in(body.email, body.password, address)
    set_login_cookies(response, login)
    return SessionPublic(
        user=login.user, csrf_token=login.csrf_token, expires_at=login.session.expires_at
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=AUTHENTICATED)
def log_out(request: Request, actor: Actor, server: Server) -> Response:
    """End this login session (the cookie stops working everywhere)."""
    session_id = getattr(request.state, "login_session", None)
    if isinstance(session_id, UUID):
        server.accounts.log_out(session_id)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_login_cookies(response)
    return response


@router.get("/me", responses=AUTHENTICATED)
def who_am_i(actor: Actor, server: Server) -> User:
    return server.accounts.user(actor)


@router.get("/tokens", responses=AUTHENTICATED)
def list_tokens(actor: Actor, server: Server) -> list[ApiToken]:
    """Your API tokens, newest first, revoked and expired ones included (never secrets)."""
    return server.accounts.tokens(actor)


@router.post(
    "/tokens",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**AUTHENTICATED, **WITH_BODY},
)
def create_token(body: TokenCreate, actor: Actor, server: Server) -> TokenCreated:
    """A new API token; the secret is in this answer only."""
    created = server.accounts.create_token(actor, body.name, body.expires_at)
    return TokenCreated(token=created.token, secret=created.secret)


@router.delete("/tokens/{token_id}", responses=AUTHENTICATED)
def revoke_token(token_id: UUID, actor: Actor, server: Server) -> ApiToken:
    """Revoke one of your tokens; it stops working at once."""
    return server.accounts.revoke_token(actor, token_id)
