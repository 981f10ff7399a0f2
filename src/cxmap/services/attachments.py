"""Attaching files to journeys: upload, list, download (streamed) and delete.

An upload is streamed to a temporary file (hashed and size-limited on the way), judged by
its content, given a thumbnail when it is a picture, and then, under the blob store's
guard, moved into place and recorded in one database transaction. If anything fails,
nothing is left behind: no temporary file, no row without its blob, and no blob that this
upload created and nothing refers to. Deleting frees a blob only when no other attachment
(in any workspace) still refers to the same bytes.

Every use case starts with the caller's role, like the other workspace use cases: viewers
may list and download, editors may upload and delete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from uuid import UUID

from cxmap.model.attachment import (
    Attachment,
    AttachmentAnchor,
    AttachmentKind,
    accepted_format,
    check_name_and_type,
    sanitise_file_name,
)
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.settings import Settings
from cxmap.store import Database
from cxmap.store.attachments import Attachments
from cxmap.store.blobs import BlobStore, IncomingBlob, StoredBlob
from cxmap.store.content_sniffing import sniff
from cxmap.store.records import Clock, utc_now
from cxmap.store.thumbnails import thumbnail_of


@dataclass(frozen=True)
class AttachmentDownload:
    """An attachment's bytes as a stream of chunks, with what a response needs to describe
    them. The file is already open: a missing blob fails before the first byte is sent."""

    attachment: Attachment
    content_type: str
    size: int
    chunks: Iterator[bytes]


class AttachmentFiles:
    def __init__(
        self,
        database: Database,
        blobs: BlobStore,
        *,
        max_bytes: int,
        max_pixels: int | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.database = database
        self.blobs = blobs
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, database: Database) -> AttachmentFiles:
        blobs = BlobStore(settings.attachments_dir)
        return cls(database, blobs, max_bytes=settings.attachment_max_bytes)

    def upload(
        self,
        actor: UUID,
        workspace_id: UUID,
        stream: Iterable[bytes],
        *,
        name: str,
        declared_type: str | None,
        anchor: AttachmentAnchor,
    ) -> Attachment:
        """Store a file from a stream of chunks and attach it to `anchor`."""
        file_name = sanitise_file_name(name)
        check_name_and_type(file_name, declared_type)  # before reading a byte of the body
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            Attachments(session, self.clock).check_anchor(workspace_id, anchor)
        with self.blobs.receive(stream, max_bytes=self.max_bytes) as incoming:
            if incoming.size == 0:
                raise InvalidInputError([Problem(("content",), "is empty")])
            fmt = accepted_format(file_name, declared_type, sniff(incoming.path))
            thumbnail = None
            if fmt.kind is AttachmentKind.IMAGE:
                thumbnail = thumbnail_of(incoming.path, max_pixels=self.max_pixels)
            with self.blobs.guard():
                return self._commit(
                    actor, workspace_id, anchor, incoming, thumbnail, file_name, fmt.content_type
                )

    def _commit(
        self,
        actor: UUID,
        workspace_id: UUID,
        anchor: AttachmentAnchor,
        incoming: IncomingBlob,
        thumbnail: bytes | None,
        file_name: str,
        content_type: str,
    ) -> Attachment:
        """Blobs into place, then the row; on failure remove the blobs this call created.

        Runs under the guard, so no other upload can have started referring to a blob
        between its creation here and its removal.
        """
        created: list[StoredBlob] = []
        try:
            stored = self.blobs.keep(incoming)
            created.append(stored)
            preview = self.blobs.put(thumbnail) if thumbnail is not None else None
            if preview is not None:
                created.append(preview)
            with self.database.writing() as session:
                require_role(session, workspace_id, actor, Role.EDITOR)
                return Attachments(session, self.clock).add(
                    workspace_id,
                    anchor,
                    file_name=file_name,
                    content_type=content_type,
                    size=stored.size,
                    sha256=stored.sha256,
                    thumbnail_sha256=preview.sha256 if preview else None,
                    by=actor,
                )
        except BaseException:
            for blob in created:
                if blob.created:
                    self.blobs.remove(blob.sha256)
            raise

    def get(self, actor: UUID, workspace_id: UUID, attachment_id: UUID) -> Attachment:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Attachments(session, self.clock).get(workspace_id, attachment_id)

    def of_journey(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        step_id: str | None = None,
        evidence_id: str | None = None,
    ) -> list[Attachment]:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Attachments(session, self.clock).of_journey(
                workspace_id, journey_id, step_id=step_id, evidence_id=evidence_id
            )

    def download(
        self, actor: UUID, workspace_id: UUID, attachment_id: UUID, *, thumbnail: bool = False
    ) -> AttachmentDownload:
        """The file (or its thumbnail) as chunks, for a streamed response."""
        attachment = self.get(actor, workspace_id, attachment_id)
        if not thumbnail:
            sha256, content_type = attachment.sha256, attachment.content_type
        elif attachment.thumbnail_sha256 is None:
            raise NotFoundError(f"attachment {attachment_id} has no thumbnail")
        else:
            sha256 = attachment.thumbnail_sha256
            content_type = "image/jpeg" if attachment.content_type == "image/jpeg" else "image/png"
        try:
            size = self.blobs.size_of(sha256)
            chunks = self.blobs.open_chunks(sha256)
        except NotFoundError:
            message = f"attachment {attachment_id}: its file is missing from {self.blobs.root}"
            raise NotFoundError(message) from None
        return AttachmentDownload(attachment, content_type, size, chunks)

    def delete(self, actor: UUID, workspace_id: UUID, attachment_id: UUID) -> Attachment:
        """Remove the attachment, and its bytes when nothing else refers to them."""
        with self.blobs.guard():
            with self.database.writing() as session:
                require_role(session, workspace_id, actor, Role.EDITOR)
                attachments = Attachments(session, self.clock)
                removed = attachments.delete(workspace_id, attachment_id)
                free = attachments.unreferenced([removed.sha256, removed.thumbnail_sha256 or ""])
            for sha256 in sorted(free):
                self.blobs.remove(sha256)
        return removed

    def collect_garbage(self) -> int:
        """Remove blobs nothing refers to (left by a crash) and stale temporary files."""
        removed = self.blobs.discard_stale_incoming()
        with self.blobs.guard():
            with self.database.reading() as session:
                referenced = Attachments(session, self.clock).referenced_hashes()
            for sha256 in list(self.blobs.hashes()):
                if sha256 not in referenced:
                    removed += int(self.blobs.remove(sha256))
        return removed
