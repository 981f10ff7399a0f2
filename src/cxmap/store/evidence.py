"""A journey's evidence items and the imports they came with.

An import stores tens of thousands of items at once, so `add_items` writes them with one
bulk INSERT per chunk (SQLAlchemy's executemany path: no ORM objects, no per-row round
trip) inside the caller's transaction; the caller decides when it commits, so a failure
half-way leaves nothing. Reading back is done column-wise for the same reason.

Every call names the workspace: an item of another workspace, or of a journey in the bin,
is simply not found. Placing an item on a step by hand is recorded (who, when, `manual`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select

from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.evidence import (
    EvidenceItem,
    MappingMethod,
)
from cxmap.model.evidence_record import (
    DepartmentOverview,
    EvidencePage,
    EvidenceQuery,
    ImportBatch,
)
from cxmap.model.references import suggestion
from cxmap.store.evidence_records import (
    batch_record,
    department_overviews,
    evidence_item,
    item_columns,
    summary_item,
)
from cxmap.store.journey_versions import live_row
from cxmap.store.records import Repository, stored_content
from cxmap.store.rows import AttachmentRow, EvidenceImportRow, EvidenceRow

#: Rows per INSERT statement: large enough to be fast, small enough to bound memory.
CHUNK = 5000
_TABLE = EvidenceRow.metadata.tables[EvidenceRow.__tablename__]
_ITEM_COLUMNS = tuple(_TABLE.columns)
_SUMMARY_COLUMNS = (
    EvidenceRow.id,
    EvidenceRow.kind,
    EvidenceRow.step_id,
    EvidenceRow.mapping,
    EvidenceRow.confidence,
    EvidenceRow.candidate,
    EvidenceRow.text,
    EvidenceRow.scored_text,
    EvidenceRow.nps,
    EvidenceRow.csat,
    EvidenceRow.ces,
    EvidenceRow.sentiment,
    EvidenceRow.department,
    EvidenceRow.occurred_at,
    EvidenceRow.source_row,
    EvidenceRow.redacted,
    EvidenceRow.imported_at,
)


class Evidence(Repository):
    def add_batch(self, batch: ImportBatch) -> ImportBatch:
        """Record an import; its items follow with `add_items` in the same transaction."""
        self.require_user(batch.imported_by)
        live_row(self.session, batch.workspace_id, batch.journey_id)
        row = EvidenceImportRow(
            **batch.model_dump(exclude={"source", "imported_via", "options"}),
            source=batch.source.value,
            imported_via=batch.imported_via.value,
            options=batch.model_dump(mode="json")["options"],
        )
        self.session.add(row)
        self.session.flush()
        return batch_record(row)

    def add_items(self, workspace_id: UUID, items: Sequence[EvidenceItem]) -> int:
        """Insert items in bulk (one executemany per `CHUNK` rows); answers how many.

        A Core INSERT on the table, every row with the same keys: the ORM's bulk path
        would split the rows into one statement per pattern of NULL columns (a skipped
        score, a missing time), thousands of statements for a survey.
        """
        for start in range(0, len(items), CHUNK):
            rows = [item_columns(workspace_id, item) for item in items[start : start + CHUNK]]
            self.session.execute(insert(_TABLE), rows)
        return len(items)

    def get(self, workspace_id: UUID, item_id: UUID) -> EvidenceItem:
        return evidence_item(self._row(workspace_id, item_id))

    def locate(self, item_id: UUID) -> tuple[UUID, UUID]:
        """The workspace and journey of an item, for the local CLI (which has no workspace)."""
        found = self.session.execute(
            select(EvidenceRow.workspace_id, EvidenceRow.journey_id).where(
                EvidenceRow.id == item_id
            )
        ).first()
        if found is None:
            raise NotFoundError(f"evidence item {item_id} not found")
        return found[0], found[1]

    def page(self, workspace_id: UUID, journey_id: UUID, query: EvidenceQuery) -> EvidencePage:
        """One page of the journey's items that match `query`, oldest first."""
        live_row(self.session, workspace_id, journey_id)
        conditions = _conditions(workspace_id, journey_id, query)
        total = self.session.scalar(
            select(func.count()).select_from(EvidenceRow).where(*conditions)
        )
        statement = (
            select(*_ITEM_COLUMNS)
            .where(*conditions)
            .order_by(EvidenceRow.imported_at, EvidenceRow.source_row, EvidenceRow.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        items = [evidence_item(row) for row in self.session.execute(statement)]
        return EvidencePage(items=items, total=int(total or 0))

    def of_journey(self, workspace_id: UUID, journey_id: UUID) -> list[EvidenceItem]:
        """Every item of the journey (what the per-step summary is computed from)."""
        live_row(self.session, workspace_id, journey_id)
        statement = select(*_ITEM_COLUMNS).where(
            EvidenceRow.workspace_id == workspace_id, EvidenceRow.journey_id == journey_id
        )
        result = self.session.execute(statement.execution_options(yield_per=CHUNK))
        return [evidence_item(row) for row in result]

    def for_summary(self, workspace_id: UUID, journey_id: UUID) -> list[EvidenceItem]:
        """Every item of the journey with what aggregation reads, read fast.

        Only the columns the summary and the themes use are read (for 100,000 items that
        is seconds saved): the items' author, source, channel, url, touchpoint, external
        id and files are left empty and `batch_id` None; `page` and `get` give whole items.
        """
        live_row(self.session, workspace_id, journey_id)
        statement = select(*_SUMMARY_COLUMNS).where(
            EvidenceRow.workspace_id == workspace_id, EvidenceRow.journey_id == journey_id
        )
        result = self.session.execute(statement.execution_options(yield_per=CHUNK))
        return [summary_item(journey_id, row) for row in result]

    def unmapped_count(self, workspace_id: UUID, journey_id: UUID) -> int:
        count = self.session.scalar(
            select(func.count())
            .select_from(EvidenceRow)
            .where(
                EvidenceRow.workspace_id == workspace_id,
                EvidenceRow.journey_id == journey_id,
                EvidenceRow.step_id.is_(None),
            )
        )
        return int(count or 0)

    def assign(
        self, workspace_id: UUID, item_id: UUID, step: str | None, *, by: UUID | None
    ) -> EvidenceItem:
        """Place an item on `step` by hand (None: back to the unmapped queue); recorded."""
        self.require_user(by)
        row = self._row(workspace_id, item_id)
        if step is not None:
            self._require_step(workspace_id, row.journey_id, step)
        row.step_id = step
        row.mapping = (MappingMethod.MANUAL if step else MappingMethod.UNMAPPED).value
        row.confidence = 1.0 if step else 0.0
        row.assigned_by = by
        row.assigned_at = self.clock()
        self.session.flush()
        return evidence_item(row)

    def batches(self, workspace_id: UUID, journey_id: UUID) -> list[ImportBatch]:
        live_row(self.session, workspace_id, journey_id)
        rows = self.session.scalars(
            select(EvidenceImportRow)
            .where(
                EvidenceImportRow.workspace_id == workspace_id,
                EvidenceImportRow.journey_id == journey_id,
            )
            .order_by(EvidenceImportRow.imported_at, EvidenceImportRow.id)
        )
        return [batch_record(row) for row in rows]

    def delete_batch(self, workspace_id: UUID, journey_id: UUID, batch_id: UUID) -> DeletedBatch:
        """Remove an import with its items and their attachments; see `DeletedBatch.hashes`."""
        batch = self._batch_row(workspace_id, journey_id, batch_id)
        record = batch_record(batch)
        with_files = self.session.execute(
            select(EvidenceRow.id, EvidenceRow.files).where(EvidenceRow.batch_id == batch_id)
        )
        anchors = [str(item_id) for item_id, files in with_files if files]
        hashes: set[str] = set()
        for start in range(0, len(anchors), CHUNK):
            hashes |= self._delete_attachments(journey_id, anchors[start : start + CHUNK])
        items = self.session.execute(delete(EvidenceRow).where(EvidenceRow.batch_id == batch_id))
        self.session.delete(batch)
        self.session.flush()
        removed = int(items.rowcount)  # type: ignore[attr-defined]
        return DeletedBatch(batch=record, items=removed, hashes=hashes)

    def departments(self, workspace_id: UUID, journey_id: UUID) -> list[DepartmentOverview]:
        """Per department: items by kind and by step, and the mean sentiment; by size."""
        live_row(self.session, workspace_id, journey_id)
        grouped = self.session.execute(
            select(
                EvidenceRow.department,
                EvidenceRow.kind,
                EvidenceRow.step_id,
                func.count(),
                func.sum(EvidenceRow.sentiment),
                func.count(EvidenceRow.sentiment),
            )
            .where(EvidenceRow.workspace_id == workspace_id, EvidenceRow.journey_id == journey_id)
            .group_by(EvidenceRow.department, EvidenceRow.kind, EvidenceRow.step_id)
        )
        return department_overviews(grouped)

    def _delete_attachments(self, journey_id: UUID, anchors: list[str]) -> set[str]:
        files = self.session.execute(
            select(AttachmentRow.sha256, AttachmentRow.thumbnail_sha256).where(
                AttachmentRow.journey_id == journey_id, AttachmentRow.evidence_id.in_(anchors)
            )
        )
        hashes = {value for pair in files for value in pair if value}
        self.session.execute(
            delete(AttachmentRow).where(
                AttachmentRow.journey_id == journey_id, AttachmentRow.evidence_id.in_(anchors)
            )
        )
        return hashes

    def _require_step(self, workspace_id: UUID, journey_id: UUID, step: str) -> None:
        journey = live_row(self.session, workspace_id, journey_id)
        steps = [
            each.id for each in stored_content(journey.content, journey.id, journey.version).steps()
        ]
        if step not in steps:
            message = f"unknown step '{step}'{suggestion(step, steps)}"
            raise InvalidInputError([Problem(("step",), message)])

    def _row(self, workspace_id: UUID, item_id: UUID) -> EvidenceRow:
        row = self.session.scalar(
            select(EvidenceRow).where(
                EvidenceRow.id == item_id, EvidenceRow.workspace_id == workspace_id
            )
        )
        if row is None:
            raise NotFoundError(f"evidence item {item_id} not found")
        try:
            live_row(self.session, workspace_id, row.journey_id)
        except NotFoundError:
            raise NotFoundError(f"evidence item {item_id} not found") from None
        return row

    def _batch_row(self, workspace_id: UUID, journey_id: UUID, batch_id: UUID) -> EvidenceImportRow:
        live_row(self.session, workspace_id, journey_id)
        row = self.session.scalar(
            select(EvidenceImportRow).where(
                EvidenceImportRow.id == batch_id,
                EvidenceImportRow.workspace_id == workspace_id,
                EvidenceImportRow.journey_id == journey_id,
            )
        )
        if row is None:
            raise NotFoundError(f"evidence import {batch_id} not found")
        return row


@dataclass(frozen=True)
class DeletedBatch:
    """What deleting an import removed; `hashes` are blobs that may now be unreferenced."""

    batch: ImportBatch
    items: int
    hashes: set[str]


def _conditions(workspace_id: UUID, journey_id: UUID, query: EvidenceQuery) -> list[Any]:
    conditions: list[Any] = [
        EvidenceRow.workspace_id == workspace_id,
        EvidenceRow.journey_id == journey_id,
    ]
    if query.unmapped:
        conditions.append(EvidenceRow.step_id.is_(None))
    if query.step is not None:
        conditions.append(EvidenceRow.step_id == query.step)
    if query.kind is not None:
        conditions.append(EvidenceRow.kind == query.kind.value)
    if query.department is not None:
        conditions.append(EvidenceRow.department == query.department)
    if query.batch_id is not None:
        conditions.append(EvidenceRow.batch_id == query.batch_id)
    return conditions
