"""/workspaces/{w}/journeys/{j}/actual: the actual journey mined from an uploaded event
log, kept per journey; the newest one and the history of them.

The upload is `multipart/form-data`: `file` (CSV/TSV, Parquet, XES or .xes.gz, told by
its name), and optionally `case`, `activity`, `timestamp` (column names, as `cxmap mine
--case/--activity/--timestamp`) and `by` (a column to split the funnel by). It is streamed
to a private folder with the attachment size limit (413 past it), mined against the
journey with DuckDB by `services/mined_journeys.py`, and the folder is removed. A bad log
is 422 naming the row and column, as the CLI does, and nothing is kept. The result is the
JSON `cxmap mine --json` writes, under `result`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cxmap.api.auth import Actor
from cxmap.api.multipart_form import Form, boundary_of, receive_form
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, problems, raw_body
from cxmap.model.errors import InvalidInputError, Problem, TooLargeError
from cxmap.model.mining import ColumnMapping
from cxmap.model.priority_records import MiningSummary, StoredMining
from cxmap.services.mined_journeys import LogUpload, MinedJourneys

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}/actual",
    tags=["actual journey"],
    responses=AUTHENTICATED,
)
#: Where a log is uploaded: the JSON body limit does not apply (the attachment one does).
UPLOAD_PATH_SUFFIX = "/actual"
#: Room for the column names beside the file, over the attachment size limit.
FORM_OVERHEAD = 64 * 1024
_COLUMNS = ("case", "activity", "timestamp", "by")
_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "The event log: .csv, .tsv, .parquet, .xes or .xes.gz.",
        },
        "case": {"type": "string", "description": "Case id column (default case_id)."},
        "activity": {"type": "string", "description": "Activity column (default activity)."},
        "timestamp": {"type": "string", "description": "Time column (default timestamp)."},
        "by": {"type": "string", "description": "Split the funnel by this column."},
    },
}


def mined_journeys(request: Request) -> MinedJourneys:
    mined: MinedJourneys = request.app.state.mined_journeys
    return mined


Mined = Annotated[MinedJourneys, Depends(mined_journeys)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=StoredMining,
    response_class=JSONResponse,
    responses={**WITH_BODY, **problems(409)},
    openapi_extra=raw_body({"multipart/form-data": _FORM_SCHEMA}),
)
async def upload_event_log(
    workspace_id: UUID, journey_id: UUID, request: Request, actor: Actor, mined: Mined
) -> Response:
    """Mine an event log against the journey and keep the result (needs the editor role)."""
    boundary = boundary_of(request.headers.get("content-type", ""))
    if boundary is None:
        raise HTTPException(415, "send the log as multipart/form-data with a file")
    limit = mined.max_bytes + FORM_OVERHEAD
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLargeError("file", mined.max_bytes)  # known too large: read nothing
    with tempfile.TemporaryDirectory(prefix="cxmap-log-") as folder:
        form = await receive_form(request.stream(), boundary, Path(folder), max_bytes=limit)
        upload = _log_upload(form, mined.max_bytes)
        kept: StoredMining = await run_in_threadpool(
            mined.upload, actor, workspace_id, journey_id, upload
        )
    location = f"/workspaces/{workspace_id}/journeys/{journey_id}/actual"
    return stored_answer(kept, status.HTTP_201_CREATED, {"Location": location})


@router.get("", response_model=StoredMining, response_class=JSONResponse)
def latest_actual_journey(
    workspace_id: UUID, journey_id: UUID, actor: Actor, mined: Mined
) -> Response:
    """The newest actual journey of the journey: `result` is exactly what `cxmap mine
    --json` writes (core, funnel, conformance, warnings when there are any)."""
    return stored_answer(mined.latest(actor, workspace_id, journey_id))


@router.get("/history")
def actual_journey_history(
    workspace_id: UUID, journey_id: UUID, actor: Actor, mined: Mined
) -> list[MiningSummary]:
    """Every actual journey kept for the journey, newest first, without their results."""
    return mined.history(actor, workspace_id, journey_id)


def stored_answer(
    kept: StoredMining, status_code: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    """`kept` with its result as the documented mined JSON (keys left out as the CLI
    leaves them out, rather than null)."""
    body = kept.model_dump(mode="json", exclude={"result"})
    body["result"] = kept.result.to_data()
    return JSONResponse(body, status_code=status_code, headers=headers)


def _log_upload(form: Form, max_bytes: int) -> LogUpload:
    upload = form.files.get("file")
    if upload is None:
        raise InvalidInputError([Problem(("file",), "is required (the event log to mine)")])
    for part in form.files.values():
        if part.size > max_bytes:
            raise TooLargeError(part.file_name, max_bytes)
    unknown = sorted((set(form.fields) - set(_COLUMNS)) | (set(form.files) - {"file"}))
    if unknown:
        known = ", ".join(_COLUMNS)
        problems_found = [
            Problem((name,), f"unknown field; send file, {known}") for name in unknown
        ]
        raise InvalidInputError(problems_found)
    columns = {name: (form.value(name) or "").strip() or None for name in _COLUMNS}
    mapping = ColumnMapping(
        case=columns["case"], activity=columns["activity"], timestamp=columns["timestamp"]
    )
    return LogUpload(path=upload.path, name=upload.file_name, mapping=mapping, by=columns["by"])
