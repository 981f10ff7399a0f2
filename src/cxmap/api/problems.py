"""Every error the API answers is RFC 9457 `application/problem+json`.

cxmap's own exceptions map to statuses in one table; a validation problem lists every
field it found, each with its path in the document (`stages[2].steps[0].emotion`), a JSON
Pointer to it and, for text that was imported, its line and column. A stale write (412)
says which version is current. Unexpected failures answer a bare 500 without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from cxmap.model.errors import (
    AlreadyExistsError,
    AuthenticationError,
    ConflictError,
    CxmapError,
    InvalidInputError,
    NotFoundError,
    PathPart,
    PermissionDeniedError,
    Problem,
    RateLimitedError,
    TooLargeError,
    format_path,
)

PROBLEM_JSON = "application/problem+json"
_log = logging.getLogger("cxmap.api")


class FieldProblem(BaseModel):
    """One thing wrong with the request, located."""

    location: str = Field(description="body, query, path or header.")
    path: str = Field(description="Dotted path, e.g. stages[2].steps[0].emotion.")
    pointer: str = Field(description="RFC 6901 JSON Pointer to the same value.")
    message: str
    line: int | None = None
    column: int | None = None


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, with cxmap's extensions where they apply."""

    type: str = Field(default="about:blank", description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    instance: str | None = Field(default=None, description="The path of the request.")
    errors: list[FieldProblem] | None = Field(
        default=None, description="Every problem found in the request (validation only)."
    )
    current_version: int | None = Field(
        default=None, description="The current version, when a write was based on another."
    )


_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid input",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
}


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    problem = ProblemDetails(
        type=f"urn:cxmap:problem:{kind}" if kind else "about:blank",
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        instance=request.url.path,
        **extensions,
    )
    content = problem.model_dump(mode="json", exclude_none=True)
    return JSONResponse(content, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def field_problem(problem: Problem, location: str = "body") -> FieldProblem:
    return FieldProblem(
        location=location,
        path=problem.dotted_path,
        pointer=json_pointer(problem.path),
        message=problem.message,
        line=problem.line,
        column=problem.column,
    )


def json_pointer(path: Sequence[PathPart]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


async def _cxmap_error(request: Request, error: Exception) -> JSONResponse:
    if isinstance(error, TooLargeError):
        return problem_response(request, 413, str(error), kind="too-large")
    if isinstance(error, InvalidInputError):
        errors = [field_problem(problem) for problem in error.problems]
        detail = "; ".join(error.lines()[:5]) or "invalid input"
        return problem_response(request, 422, detail, kind="invalid-input", errors=errors)
    if isinstance(error, ConflictError):
        # 412 answers an If-Match that no longer holds; without one it is a plain conflict.
        status = 412 if "if-match" in request.headers else 409
        return problem_response(
            request, status, str(error), kind="stale-version", current_version=error.current_version
        )
    if isinstance(error, RateLimitedError):
        headers = {"Retry-After": str(error.retry_after_s)}
        return problem_response(request, 429, str(error), kind="rate-limited", headers=headers)
    if isinstance(error, AuthenticationError):
        headers = {"WWW-Authenticate": 'Bearer realm="cxmap"'}
        return problem_response(request, 401, str(error), kind="not-authenticated", headers=headers)
    status, kind = _STATUS.get(type(error), (400, "bad-request"))
    return problem_response(request, status, str(error), kind=kind)


_STATUS: dict[type[Exception], tuple[int, str]] = {
    NotFoundError: (404, "not-found"),
    AlreadyExistsError: (409, "already-exists"),
    PermissionDeniedError: (403, "forbidden"),
}


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = list(error.errors())
    if any(detail.get("type") == "json_invalid" for detail in details):
        reason = details[0].get("ctx", {}).get("error", "")
        where = details[0]["loc"][-1]
        detail = f"the body is not valid JSON ({reason} at character {where})"
        return problem_response(request, 400, detail, kind="malformed-json")
    errors = [_request_problem(detail) for detail in details]
    detail = "; ".join(f"{e.location} {e.path}: {e.message}" for e in errors[:5])
    return problem_response(request, 422, detail, kind="invalid-input", errors=errors)


def _request_problem(detail: dict[str, Any]) -> FieldProblem:
    location, *path = detail["loc"]
    kind = detail.get("type", "")
    message = str(detail.get("msg", "is not valid"))
    if kind == "missing":
        message = "required key is missing" if location == "body" else "is required"
    elif kind == "extra_forbidden":
        message = f"unknown key '{path[-1]}'"
    else:
        message = message.removeprefix("Value error, ")
        message = message[:1].lower() + message[1:]
    parts = tuple(part if isinstance(part, int) else str(part) for part in path)
    return FieldProblem(
        location=str(location),
        path=format_path(parts),
        pointer=json_pointer(parts),
        message=message,
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else _TITLES.get(error.status_code, "")
    if error.status_code == 404 and detail == "Not Found":
        detail = f"no such resource: {request.url.path}"
    return problem_response(
        request, error.status_code, detail, headers=dict(error.headers or {}) or None
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    _log.exception("unexpected error answering %s %s", request.method, request.url.path)
    return problem_response(request, 500, "the server failed; the error has been logged")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CxmapError, _cxmap_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
