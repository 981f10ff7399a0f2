"""Files attached to a journey, a step or an evidence item: upload, list, read, delete.

An upload is the raw request body (its Content-Type is the declared type, `file_name` a
query parameter). It is streamed chunk by chunk into `services/attachments.py`, which
hashes and size-limits it on the way (413 past the limit) and judges it by its content, so
the whole file is never held in memory. Downloads stream from the blob store, with the
stored type, a safe `Content-Disposition` and the SHA-256 as ETag.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

import anyio.from_thread
from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from cxmap.api.auth import Actor
from cxmap.api.openapi_docs import AUTHENTICATED, WITH_BODY, raw_body
from cxmap.model.attachment import Attachment, AttachmentAnchor
from cxmap.model.errors import InvalidInputError, Problem, TooLargeError
from cxmap.services.attachments import AttachmentDownload, AttachmentFiles

router = APIRouter(
    prefix="/workspaces/{workspace_id}", tags=["attachments"], responses=AUTHENTICATED
)
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
ItemId = Annotated[str | None, Query(pattern=_ID_PATTERN, max_length=80)]
_BINARY = {"type": "string", "format": "binary"}
_DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file's bytes, of its stored type (ETag: its SHA-256).",
        "content": {"*/*": {"schema": _BINARY}},
    }
}
#: Where an upload may be sent: the body size limit of JSON endpoints does not apply here.
UPLOAD_PATH_SUFFIX = "/attachments"


def attachment_files(request: Request) -> AttachmentFiles:
    files: AttachmentFiles = request.app.state.attachments
    return files


Files = Annotated[AttachmentFiles, Depends(attachment_files)]


@router.post(
    "/journeys/{journey_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    responses=WITH_BODY,
    openapi_extra=raw_body({"application/octet-stream": _BINARY, "*/*": _BINARY}),
)
async def upload_attachment(
    workspace_id: UUID,
    journey_id: UUID,
    request: Request,
    response: Response,
    actor: Actor,
    files: Files,
    file_name: Annotated[str, Query(min_length=1, max_length=255)],
    step_id: ItemId = None,
    evidence_id: ItemId = None,
) -> Attachment:
    """Attach the body (a document, picture or audio file) to the journey or one step.

    The body's Content-Type is the declared type; it, the name and the content must agree.
    """
    if step_id is not None and evidence_id is not None:
        message = "attach to a step or to an evidence item, not both"
        raise InvalidInputError([Problem(("evidence_id",), message)])
    anchor = AttachmentAnchor(journey_id=journey_id, step_id=step_id, evidence_id=evidence_id)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > files.max_bytes:
        raise TooLargeError("content", files.max_bytes)  # known too large: read nothing
    declared = request.headers.get("content-type")
    chunks = _blocking_chunks(request.stream())
    attachment: Attachment = await run_in_threadpool(
        lambda: files.upload(
            actor, workspace_id, chunks, name=file_name, declared_type=declared, anchor=anchor
        )
    )
    response.headers["Location"] = f"/workspaces/{workspace_id}/attachments/{attachment.id}"
    return attachment


def _blocking_chunks(stream: AsyncIterator[bytes]) -> Iterator[bytes]:
    """The request body for the blocking service: each chunk is awaited on the event loop
    from the worker thread, so the body is read only as fast as it is stored."""

    async def next_chunk() -> bytes | None:
        try:
            return await stream.__anext__()
        except StopAsyncIteration:
            return None

    while (chunk := anyio.from_thread.run(next_chunk)) is not None:
        if chunk:
            yield chunk


@router.get("/journeys/{journey_id}/attachments")
def list_attachments(
    workspace_id: UUID,
    journey_id: UUID,
    actor: Actor,
    files: Files,
    step_id: ItemId = None,
    evidence_id: ItemId = None,
) -> list[Attachment]:
    """The journey's attachments, oldest first; or only one step's or evidence item's."""
    return files.of_journey(
        actor, workspace_id, journey_id, step_id=step_id, evidence_id=evidence_id
    )


@router.get("/attachments/{attachment_id}")
def get_attachment(
    workspace_id: UUID, attachment_id: UUID, actor: Actor, files: Files
) -> Attachment:
    return files.get(actor, workspace_id, attachment_id)


@router.get("/attachments/{attachment_id}/content", response_class=Response, responses=_DOWNLOAD)
def download_attachment(
    workspace_id: UUID, attachment_id: UUID, actor: Actor, files: Files
) -> StreamingResponse:
    """The file itself, streamed."""
    return streamed(files.download(actor, workspace_id, attachment_id))


@router.get("/attachments/{attachment_id}/thumbnail", response_class=Response, responses=_DOWNLOAD)
def download_thumbnail(
    workspace_id: UUID, attachment_id: UUID, actor: Actor, files: Files
) -> StreamingResponse:
    """A picture's thumbnail (404 for other files)."""
    download = files.download(actor, workspace_id, attachment_id, thumbnail=True)
    return streamed(download, suffix="-thumbnail")


@router.delete("/attachments/{attachment_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_attachment(
    workspace_id: UUID, attachment_id: UUID, actor: Actor, files: Files
) -> Response:
    """Remove the attachment; its bytes go when no other attachment has the same file."""
    files.delete(actor, workspace_id, attachment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def streamed(download: AttachmentDownload, *, suffix: str = "") -> StreamingResponse:
    attachment = download.attachment
    sha256 = attachment.thumbnail_sha256 if suffix else attachment.sha256
    headers = {
        "Content-Length": str(download.size),
        "Content-Disposition": content_disposition(attachment.file_name, suffix),
        "ETag": f'"{sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(download.chunks, media_type=download.content_type, headers=headers)


def content_disposition(file_name: str, suffix: str = "") -> str:
    """`attachment` with an ASCII-only fallback name and the exact name per RFC 6266/5987.

    The stored name is already cleaned of paths; quotes, backslashes and control or
    non-ASCII characters are still kept out of the quoted fallback, so the header can
    never be broken out of or name a path.
    """
    stem, dot, extension = file_name.rpartition(".")
    named = f"{stem}{suffix}{dot}{extension}" if dot and suffix else file_name + suffix
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\/;' else "_" for c in named)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(named, safe='')}"
