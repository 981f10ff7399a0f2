"""What a request body may be: not larger than the limit (413), and of a media type the
endpoint reads (415). Both answer before anything is parsed or stored."""

from __future__ import annotations

import email.message
import json

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cxmap.api.problems import PROBLEM_JSON

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024


class BodySizeLimit:
    """Refuse bodies over `max_bytes`: by Content-Length at once, else while reading."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        exempt_suffixes: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: Paths that stream their body and enforce their own limit (attachment uploads).
        self.exempt_suffixes = exempt_suffixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).endswith(self.exempt_suffixes):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                # FastAPI passes an HTTPException raised while reading the body through.
                raise HTTPException(413, self._detail())
            return message

        await self.app(scope, limited, send)

    def _detail(self) -> str:
        return f"the body is larger than the limit of {self.max_bytes} bytes"

    async def _refuse(self, scope: Scope, send: Send) -> None:
        body = {
            "type": "about:blank",
            "title": "Content too large",
            "status": 413,
            "detail": self._detail(),
            "instance": scope.get("path", ""),
        }
        content = json.dumps(body).encode()
        headers = [
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(content)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def media_type(request: Request) -> str:
    """The request's media type without parameters, lower case ('' when none is given)."""
    value = request.headers.get("content-type", "")
    if not value:
        return ""
    message = email.message.Message()
    message["content-type"] = value
    return message.get_content_type().lower()


def is_json(kind: str) -> bool:
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return bool(length and length != "0") or "transfer-encoding" in request.headers


async def require_json(request: Request) -> None:
    """A body, if sent, must be JSON (application/json or a +json type)."""
    if has_body(request) and not is_json(media_type(request)):
        shown = media_type(request) or "no Content-Type"
        raise HTTPException(415, f"send the body as application/json, not {shown}")
