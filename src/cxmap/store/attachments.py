"""Attachment metadata: which files hang on which journey, step or evidence item.

The rows only name blobs by hash; the bytes are `BlobStore`'s. Several rows may name one
blob (the same screenshot attached to two steps), so deleting a row never deletes bytes
itself: it tells the caller which hashes nothing refers to any more, and the caller removes
those blobs under the blob store's guard. Another workspace's attachment, or one on a
journey in the bin, is simply not found.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid4

from sqlalchemy import func, select

from cxmap.model.attachment import FORMATS, Attachment, AttachmentAnchor
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.references import suggestion
from cxmap.store.journey_versions import live_row
from cxmap.store.records import Repository, stored_content
from cxmap.store.rows import AttachmentRow, JourneyRow

_KNOWN_TYPES = frozenset(fmt.content_type for fmt in FORMATS)


class Attachments(Repository):
    def add(
        self,
        workspace_id: UUID,
        anchor: AttachmentAnchor,
        *,
        file_name: str,
        content_type: str,
        size: int,
        sha256: str,
        thumbnail_sha256: str | None = None,
        by: UUID | None,
    ) -> Attachment:
        """Record a file whose blob (and thumbnail's) is already stored."""
        self.require_user(by)
        if content_type not in _KNOWN_TYPES:
            raise InvalidInputError(
                [Problem(("content_type",), f"'{content_type}' is not accepted")]
            )
        self.check_anchor(workspace_id, anchor)
        row = AttachmentRow(
            id=uuid4(),
            workspace_id=workspace_id,
            journey_id=anchor.journey_id,
            step_id=anchor.step_id,
            evidence_id=anchor.evidence_id,
            file_name=file_name,
            content_type=content_type,
            size=size,
            sha256=sha256,
            thumbnail_sha256=thumbnail_sha256,
            uploaded_by=by,
            uploaded_at=self.clock(),
        )
        self.session.add(row)
        self.session.flush()
        return attachment_record(row)

    def check_anchor(self, workspace_id: UUID, anchor: AttachmentAnchor) -> None:
        """The journey is live in this workspace and has the step, if one is named."""
        journey = live_row(self.session, workspace_id, anchor.journey_id)
        if anchor.step_id is None:
            return
        content = stored_content(journey.content, journey.id, journey.version)
        steps = [step.id for step in content.steps()]
        if anchor.step_id not in steps:
            message = f"unknown step '{anchor.step_id}'{suggestion(anchor.step_id, steps)}"
            raise InvalidInputError([Problem(("step_id",), message)])

    def get(self, workspace_id: UUID, attachment_id: UUID) -> Attachment:
        return attachment_record(self._row(workspace_id, attachment_id))

    def of_journey(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        step_id: str | None = None,
        evidence_id: str | None = None,
    ) -> list[Attachment]:
        """The journey's attachments, oldest first; narrowed to one step or evidence item."""
        live_row(self.session, workspace_id, journey_id)
        statement = select(AttachmentRow).where(
            AttachmentRow.workspace_id == workspace_id, AttachmentRow.journey_id == journey_id
        )
        if step_id is not None:
            statement = statement.where(AttachmentRow.step_id == step_id)
        if evidence_id is not None:
            statement = statement.where(AttachmentRow.evidence_id == evidence_id)
        ordered = statement.order_by(AttachmentRow.uploaded_at, AttachmentRow.id)
        return [attachment_record(row) for row in self.session.scalars(ordered)]

    def delete(self, workspace_id: UUID, attachment_id: UUID) -> Attachment:
        """Remove the metadata; see `unreferenced` for which blobs may now go."""
        row = self._row(workspace_id, attachment_id)
        record = attachment_record(row)
        self.session.delete(row)
        self.session.flush()
        return record

    def unreferenced(self, hashes: Iterable[str]) -> set[str]:
        """Those of `hashes` no attachment (nor its thumbnail) refers to, in any workspace."""
        wanted = {value for value in hashes if value}
        if not wanted:
            return set()
        return wanted - self.referenced_hashes(wanted)

    def referenced_hashes(self, among: Iterable[str] | None = None) -> set[str]:
        """Every blob hash attachments refer to (file and thumbnail), optionally only `among`."""
        found: set[str] = set()
        for column in (AttachmentRow.sha256, AttachmentRow.thumbnail_sha256):
            statement = select(column).where(column.is_not(None)).distinct()
            if among is not None:
                statement = statement.where(column.in_(list(among)))
            found.update(value for value in self.session.scalars(statement) if value)
        return found

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(AttachmentRow)) or 0)

    def _row(self, workspace_id: UUID, attachment_id: UUID) -> AttachmentRow:
        row = self.session.scalar(
            select(AttachmentRow)
            .join(JourneyRow, JourneyRow.id == AttachmentRow.journey_id)
            .where(
                AttachmentRow.id == attachment_id,
                AttachmentRow.workspace_id == workspace_id,
                JourneyRow.workspace_id == workspace_id,
                JourneyRow.deleted_at.is_(None),
            )
        )
        if row is None:
            raise NotFoundError(f"attachment {attachment_id} not found")
        return row


def attachment_record(row: AttachmentRow) -> Attachment:
    return Attachment(
        id=row.id,
        workspace_id=row.workspace_id,
        journey_id=row.journey_id,
        step_id=row.step_id,
        evidence_id=row.evidence_id,
        file_name=row.file_name,
        content_type=row.content_type,
        size=row.size,
        sha256=row.sha256,
        thumbnail_sha256=row.thumbnail_sha256,
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
    )
