"""The OpenAPI document, made to say exactly what the API does.

FastAPI describes errors as `application/json` with its own validation schema; cxmap
answers every error as `application/problem+json` (`ProblemDetails`), so each declared
error response is rewritten to that. Journey bodies are read as plain JSON (to be checked
whole, like a file) and marked `x-cxmap-body`; their request schema becomes a reference to
the journey format's own type (`Journey`, `Stage`, `Step` ...).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from cxmap.api.problems import PROBLEM_JSON, ProblemDetails

BODY_MARK = "x-cxmap-body"
_REF = "#/components/schemas/{model}"
_DESCRIPTIONS = {
    400: "Malformed request (e.g. the body is not valid JSON).",
    401: "Not authenticated: log in or send an API token.",
    403: "Your role does not allow this (or the CSRF token is missing).",
    404: "No such thing here (other workspaces' ids are not found either).",
    409: "Conflict: the id is taken, or the journey changed while the change was applied.",
    412: "If-Match names a version that is no longer current; current_version says which is.",
    413: "The body is larger than the server accepts.",
    415: "The body's media type is not one this endpoint reads.",
    422: "The input is not valid; errors lists each problem with its path.",
    428: "If-Match is required: send the ETag of the version you changed.",
    429: "Too many attempts; retry after the Retry-After seconds.",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry declaring these error statuses (content added on output)."""
    return {status: {"description": _DESCRIPTIONS[status]} for status in statuses}


#: What any authenticated endpoint may answer.
AUTHENTICATED = problems(401, 403, 404, 422)
#: What an endpoint with a JSON body may answer in addition.
WITH_BODY = problems(400, 413, 415, 422)
#: What a versioned write may answer in addition.
VERSIONED_WRITE = problems(409, 412, 428)


def journey_body(model: str) -> dict[str, Any]:
    """`openapi_extra` for a route that reads a journey-format document of type `model`."""
    return raw_body({"application/json": {"$ref": _REF.format(model=model)}})


def raw_body(schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads its body itself: media type -> schema."""
    return {BODY_MARK: {media: {"schema": schema} for media, schema in schemas.items()}}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                separate_input_output_schemas=False,
            )
            app.openapi_schema = finish(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = ProblemDetails.model_json_schema(ref_template=_REF)
    components.update(problem.pop("$defs", {}))
    components["ProblemDetails"] = problem
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _finish_operation(operation)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def _finish_operation(operation: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        if int(status) >= 400:
            response["content"] = {
                PROBLEM_JSON: {"schema": {"$ref": _REF.format(model="ProblemDetails")}}
            }
            response["description"] = _DESCRIPTIONS.get(
                int(status), response.get("description", "")
            )
    mark = operation.pop(BODY_MARK, None)
    if mark is not None:
        operation["requestBody"] = {"required": True, "content": mark}
