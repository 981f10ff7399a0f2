"""The files that come with evidence (pictures, recordings, original documents), kept as
attachments of their items.

They go through the same checks as an upload (`services/attachments.py`): streamed into the
blob store's incoming folder with the size limit, judged by their content, a thumbnail for
pictures. Unlike an upload they are recorded inside the import's own transaction, so an
import that fails keeps none of them: the caller holds the blob guard around placing the
blobs and committing, and removes the blobs it created if anything fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from sqlalchemy.orm import Session

from cxmap.model.attachment import (
    AttachmentAnchor,
    AttachmentKind,
    FileFormat,
    accepted_format,
    sanitise_file_name,
)
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.evidence import EvidenceItem, FileRef
from cxmap.store.attachments import Attachments
from cxmap.store.blobs import BlobStore, IncomingBlob, StoredBlob, file_chunks
from cxmap.store.content_sniffing import sniff
from cxmap.store.records import Clock
from cxmap.store.thumbnails import thumbnail_of


@dataclass(frozen=True)
class StagedFile:
    """One file received and judged, not yet part of the store."""

    item: int  # index of its item in the import
    file_name: str
    fmt: FileFormat
    incoming: IncomingBlob
    thumbnail: bytes | None


@dataclass(frozen=True)
class KeptFile:
    staged: StagedFile
    blob: StoredBlob
    preview: StoredBlob | None


class EvidenceFiles:
    def __init__(self, blobs: BlobStore, *, max_bytes: int, max_pixels: int | None) -> None:
        self.blobs = blobs
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    @contextmanager
    def staged(self, items: Sequence[EvidenceItem]) -> Iterator[list[StagedFile]]:
        """Every file of `items` received into the incoming folder; removed on leaving
        unless kept."""
        with ExitStack() as stack:
            found: list[StagedFile] = []
            for index, item in enumerate(items):
                for ref in item.draft.files:
                    found.append(stack.enter_context(self._stage(index, ref)))
            yield found

    @contextmanager
    def _stage(self, index: int, ref: FileRef) -> Iterator[StagedFile]:
        if ref.path is None:
            raise NotFoundError(f"{ref.file_name}: the reader gave no path for this file")
        path = Path(ref.path)
        file_name = sanitise_file_name(ref.file_name)
        try:
            stream = path.open("rb")
        except OSError as error:
            raise NotFoundError(f"{path}: cannot read ({error.strerror or error})") from None
        with stream, self.blobs.receive(file_chunks(stream), max_bytes=self.max_bytes) as blob:
            if blob.size == 0:
                raise InvalidInputError([Problem((file_name,), "is empty")])
            fmt = accepted_format(file_name, ref.content_type, sniff(blob.path))
            thumbnail = None
            if fmt.kind is AttachmentKind.IMAGE:
                thumbnail = thumbnail_of(blob.path, max_pixels=self.max_pixels)
            yield StagedFile(index, file_name, fmt, blob, thumbnail)

    def keep(self, staged: Sequence[StagedFile], created: list[StoredBlob]) -> list[KeptFile]:
        """Blobs into place (call under the guard); `created` collects the new ones, so the
        caller can remove them if the transaction fails."""
        kept = []
        for each in staged:
            blob = self.blobs.keep(each.incoming)
            created.append(blob)
            preview = self.blobs.put(each.thumbnail) if each.thumbnail is not None else None
            if preview is not None:
                created.append(preview)
            kept.append(KeptFile(each, blob, preview))
        return kept

    def discard(self, created: Sequence[StoredBlob]) -> None:
        """Remove the blobs this import created (call under the guard, after a failure)."""
        for blob in created:
            if blob.created:
                self.blobs.remove(blob.sha256)


def record_files(
    session: Session,
    workspace_id: UUID,
    items: list[EvidenceItem],
    kept: Sequence[KeptFile],
    *,
    by: UUID | None,
    clock: Clock,
) -> list[EvidenceItem]:
    """Attachment rows for the kept files, and the items with their file references filled
    (attachment id and hash instead of a path on the importing machine)."""
    attachments = Attachments(session, clock)
    refs: dict[int, list[FileRef]] = {}
    for each in kept:
        item = items[each.staged.item]
        anchor = AttachmentAnchor(journey_id=item.journey_id, evidence_id=str(item.id))
        attachment = attachments.add(
            workspace_id,
            anchor,
            file_name=each.staged.file_name,
            content_type=each.staged.fmt.content_type,
            size=each.blob.size,
            sha256=each.blob.sha256,
            thumbnail_sha256=each.preview.sha256 if each.preview else None,
            by=by,
        )
        ref = FileRef(
            file_name=attachment.file_name,
            content_type=attachment.content_type,
            attachment_id=attachment.id,
            sha256=attachment.sha256,
        )
        refs.setdefault(each.staged.item, []).append(ref)
    updated = list(items)
    for index, files in refs.items():
        draft = items[index].draft.model_copy(update={"files": files})
        updated[index] = items[index].model_copy(update={"draft": draft})
    return updated
