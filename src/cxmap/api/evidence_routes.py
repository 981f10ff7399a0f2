"""/workspaces/{w}/journeys/{j}/evidence: import experience data, list and summarise it,
review the unmapped queue, place items on steps, delete an import.

An import is a `multipart/form-data` upload: `kind` (survey, social, chat, document,
media), `file`, an optional `transcript` file for audio, and the read options as fields
(`department`, `encoding`, `sheet`, `columns` as repeated `FIELD=HEADER`, `mapping` as the
YAML text of a mapping file, `redact`, `threshold`) or all at once as a JSON object in an
`options` field (fields win over it). The upload is streamed to a private folder with the
attachment size limit (413 past it), imported by `services/evidence_import.py` in one
transaction, and the folder is removed. The answer lists every rejected row.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cxmap.api.auth import Actor
from cxmap.api.multipart_form import Form, boundary_of, receive_form
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, problems, raw_body
from cxmap.api.request_limits import require_json
from cxmap.model.errors import InvalidInputError, Problem, TooLargeError
from cxmap.model.evidence import EvidenceItem
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.evidence_mapping import DEFAULT_THRESHOLD
from cxmap.model.evidence_record import (
    Assignment,
    EvidencePage,
    EvidenceQuery,
    EvidenceSummary,
    ImportBatch,
    ImportReport,
)
from cxmap.model.journey import EvidenceKind
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.evidence_options import column_mapping_text
from cxmap.services.evidence_summary import EvidenceSummaries

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}/evidence",
    tags=["evidence"],
    responses=AUTHENTICATED,
)
#: Where an import is uploaded: the JSON body limit does not apply (the attachment one does).
UPLOAD_PATH_SUFFIX = "/evidence/imports"
#: Room for the form's other fields beside the file, over the attachment size limit.
FORM_OVERHEAD = 256 * 1024
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_BINARY = {"type": "string", "format": "binary"}
_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["kind", "file"],
    "properties": {
        "kind": {"type": "string", "enum": [source.value for source in EvidenceSource]},
        "file": _BINARY,
        "transcript": _BINARY,
        "options": {"type": "string", "description": "The options below as one JSON object."},
        "department": {"type": "string"},
        "encoding": {"type": "string"},
        "sheet": {"type": "string"},
        "source_name": {"type": "string"},
        "columns": {"type": "array", "items": {"type": "string"}},
        "mapping": {"type": "string", "description": "YAML: `FIELD: HEADER` lines."},
        "redact": {"type": "boolean"},
        "threshold": {"type": "number", "minimum": 0, "maximum": 1},
    },
    "additionalProperties": False,
}
_FILES = frozenset({"file", "transcript"})
StepId = Annotated[str | None, Query(pattern=_ID_PATTERN, max_length=80)]


class ImportForm(BaseModel):
    """The import's options, as form fields or one JSON object."""

    model_config = ConfigDict(extra="forbid")

    department: str = Field(default="", max_length=200)
    encoding: str = Field(default="utf-8", max_length=40)
    sheet: str | None = Field(default=None, max_length=200)
    source_name: str = Field(default="", max_length=255)
    columns: dict[str, str] | list[str] = Field(default_factory=dict)
    mapping: str | None = None
    redact: bool = False
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=1)


def imports_of(request: Request) -> EvidenceImports:
    imports: EvidenceImports = request.app.state.evidence_imports
    return imports


def summaries_of(request: Request) -> EvidenceSummaries:
    summaries: EvidenceSummaries = request.app.state.evidence
    return summaries


Imports = Annotated[EvidenceImports, Depends(imports_of)]
Summaries = Annotated[EvidenceSummaries, Depends(summaries_of)]


@router.post(
    "/imports",
    status_code=status.HTTP_201_CREATED,
    responses=WITH_BODY,
    openapi_extra=raw_body({"multipart/form-data": _FORM_SCHEMA}),
)
async def import_evidence(
    workspace_id: UUID,
    journey_id: UUID,
    request: Request,
    response: Response,
    actor: Actor,
    imports: Imports,
) -> ImportReport:
    """Import a file of experience data into the journey (needs the editor role)."""
    boundary = boundary_of(request.headers.get("content-type", ""))
    if boundary is None:
        raise HTTPException(415, "send the import as multipart/form-data with a file")
    limit = imports.max_bytes + FORM_OVERHEAD
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLargeError("file", imports.max_bytes)  # known too large: read nothing
    with tempfile.TemporaryDirectory(prefix="cxmap-import-") as folder:
        form = await receive_form(
            request.stream(),
            boundary,
            Path(folder),
            max_bytes=limit,
            limit_shown=imports.max_bytes,
        )
        import_request = _import_request(workspace_id, journey_id, form, imports.max_bytes)
        report: ImportReport = await run_in_threadpool(imports.import_file, actor, import_request)
    batch = report.batch
    response.headers["Location"] = (
        f"/workspaces/{workspace_id}/journeys/{journey_id}/evidence?batch_id={batch.id}"
    )
    return report


def _import_request(
    workspace_id: UUID, journey_id: UUID, form: Form, max_bytes: int
) -> ImportRequest:
    _check_names(form)
    source = _source(form.value("kind"))
    upload = form.files.get("file")
    if upload is None:
        raise InvalidInputError([Problem(("file",), "is required (the file to import)")])
    for part in form.files.values():
        if part.size > max_bytes:
            raise TooLargeError(part.file_name, max_bytes)
    options = _options(form)
    transcript = form.files.get("transcript")
    read = ReadOptions(
        columns=column_mapping_text(_column_flags(options.columns), options.mapping),
        department=options.department,
        source_name=options.source_name or upload.file_name,
        encoding=options.encoding,
        transcript=str(transcript.path) if transcript else None,
        sheet=options.sheet,
    )
    return ImportRequest(
        workspace_id=workspace_id,
        journey_id=journey_id,
        source=source,
        path=upload.path,
        options=read,
        redact=options.redact,
        threshold=options.threshold,
    )


def _check_names(form: Form) -> None:
    """Every field and file is one this endpoint reads: a misspelt option is an error,
    not silently ignored."""
    known = set(_FORM_SCHEMA["properties"])
    problems = [
        Problem((name,), f"unknown field; the fields are: {', '.join(sorted(known))}")
        for name in [*form.fields, *form.files]
        if name not in known
    ]
    problems += [Problem((name,), "must be a file") for name in form.fields if name in _FILES]
    problems += [
        Problem((name,), "must be a text field, not a file")
        for name in form.files
        if name in known and name not in _FILES
    ]
    if problems:
        raise InvalidInputError(problems)


def _source(kind: str | None) -> EvidenceSource:
    kinds = ", ".join(source.value for source in EvidenceSource)
    if kind is None:
        raise InvalidInputError([Problem(("kind",), f"is required: one of {kinds}")])
    try:
        return EvidenceSource(kind)
    except ValueError:
        raise InvalidInputError([Problem(("kind",), f"'{kind}' is not one of {kinds}")]) from None


def _options(form: Form) -> ImportForm:
    """The JSON `options` field, with single fields on top of it."""
    data: dict[str, Any] = {}
    text = form.value("options")
    if text:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            message = f"is not valid JSON ({error.msg} at character {error.pos})"
            raise InvalidInputError([Problem(("options",), message)]) from None
        if not isinstance(data, dict):
            raise InvalidInputError([Problem(("options",), "must be a JSON object")])
    for name in ImportForm.model_fields:
        if name == "columns" and name in form.fields:
            data[name] = form.fields[name]
        elif (value := form.value(name)) is not None:
            data[name] = value
    try:
        return ImportForm.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(tuple(str(part) for part in detail["loc"]), detail["msg"])
            for detail in error.errors(include_url=False)
        ]
        raise InvalidInputError(problems, "options") from None


def _column_flags(columns: dict[str, str] | list[str]) -> list[str]:
    if isinstance(columns, dict):
        return [f"{name}={header}" for name, header in columns.items()]
    return list(columns)


@router.get("/imports")
def list_imports(
    workspace_id: UUID, journey_id: UUID, actor: Actor, summaries: Summaries
) -> list[ImportBatch]:
    """The journey's imports, oldest first: who, when, which file, what became of it."""
    return summaries.batches(actor, workspace_id, journey_id)


@router.delete(
    "/imports/{batch_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problems(404)
)
def delete_import(
    workspace_id: UUID, journey_id: UUID, batch_id: UUID, actor: Actor, imports: Imports
) -> Response:
    """Remove an import with all its items and their attachments (needs the editor role)."""
    imports.delete_batch(actor, workspace_id, journey_id, batch_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("")
def list_evidence(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    summaries: Summaries,
    step: StepId = None,
    kind: EvidenceKind | None = None,
    department: Annotated[str | None, Query(max_length=200)] = None,
    batch_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> EvidencePage:
    """The journey's evidence items, oldest first; filtered by step, kind, department or
    import."""
    query = EvidenceQuery(
        step=step,
        kind=kind,
        department=department,
        batch_id=batch_id,
        limit=limit,
        offset=offset,
    )
    return summaries.page(actor, workspace_id, journey_id, query)


@router.get("/summary")
def evidence_summary(
    workspace_id: UUID, journey_id: UUID, actor: Actor, summaries: Summaries
) -> EvidenceSummary:
    """Per step: items, sentiment with its 95 % interval, NPS, CSAT, CES, the derived
    emotion, pain reasons, themes with quotes and departments; the departments' view."""
    return summaries.summary(actor, workspace_id, journey_id)


@router.get("/unmapped")
def unmapped_evidence(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    summaries: Summaries,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> EvidencePage:
    """Items no step was sure of, oldest first, each with its best candidate."""
    return summaries.unmapped(actor, workspace_id, journey_id, limit=limit, offset=offset)


@router.put("/{item_id}/step", dependencies=[Depends(require_json)], responses=WITH_BODY)
def assign_evidence(
    workspace_id: UUID,
    journey_id: UUID,
    item_id: UUID,
    body: Assignment,
    actor: Actor,
    summaries: Summaries,
) -> EvidenceItem:
    """Place an item on a step by hand (`{"step": null}` puts it back in the queue)."""
    return summaries.assign(actor, workspace_id, journey_id, item_id, body.step)
