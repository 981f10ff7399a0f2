"""Importing an evidence file into a journey: read, map to steps, score, redact, store.

The stages run in that order, each over the whole file, so a progress display can show
them one by one (`ImportStage`). Everything before the store stage works on the file
alone; the store stage is one transaction that records the import, every item and the
files that came with them (as attachments), so a failure at any row leaves nothing behind:
no import, no item, no attachment row and no blob. Redaction happens before that
transaction, so redacted text never reaches the database.

Rows a reader refuses do not stop the import: they are listed in the report (and, when
asked, in a reject file, CSV: row, column, reason, raw). A file with no good row at all
imports nothing and is an error naming its first problems.

Importing needs the editor role; `actor` None is the local CLI acting for whoever holds
the data (like `cxmap backup`), recorded as an import via the CLI by nobody.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from cxmap.analytics.sentiment import score_texts
from cxmap.analytics.text_similarity import StepMatcher
from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.attachment import AttachmentKind, format_of
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, EvidenceItem, RejectedRow, StepMapping
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.evidence_mapping import DEFAULT_THRESHOLD, decide, similarity_text
from cxmap.model.evidence_record import ImportBatch, ImportChannel, ImportReport, ImportStage
from cxmap.model.journey import Journey
from cxmap.model.redaction import redact
from cxmap.model.workspace import Role
from cxmap.services.access import require_role_or_local
from cxmap.services.evidence_files import EvidenceFiles, KeptFile, record_files
from cxmap.services.evidence_rejects import write_reject_file
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.services.kpis import record_after_import
from cxmap.settings import Settings
from cxmap.store import Database, Journeys
from cxmap.store.attachments import Attachments
from cxmap.store.blobs import BlobStore, StoredBlob
from cxmap.store.evidence import DeletedBatch, Evidence
from cxmap.store.records import Clock, utc_now

#: Called with (stage, units done, total units or None when unknown).
ImportProgress = Callable[[ImportStage, int, int | None], None]
#: Items mapped per block, between two progress reports.
MAP_BLOCK = 10_000
#: Items inserted per statement in the store stage, between two progress reports.
STORE_BLOCK = 5_000
#: At most this many rejected rows are named in the error of a file with no good row.
ERROR_LINES = 20


@dataclass(frozen=True)
class ImportRequest:
    """What to import where, and how."""

    workspace_id: UUID
    journey_id: UUID
    source: EvidenceSource
    path: Path
    options: ReadOptions = field(default_factory=ReadOptions)
    redact: bool = False
    threshold: float = DEFAULT_THRESHOLD
    reject_file: Path | None = None


class EvidenceImports:
    def __init__(
        self,
        database: Database,
        blobs: BlobStore,
        *,
        max_bytes: int,
        max_pixels: int | None = None,
        clock: Clock = utc_now,
        events: JourneyEventSink | None = None,
    ) -> None:
        self.database = database
        self.blobs = blobs
        self.files = EvidenceFiles(blobs, max_bytes=max_bytes, max_pixels=max_pixels)
        self.max_bytes = max_bytes
        self.clock = clock
        self.events = events or NoEvents()

    @classmethod
    def from_settings(
        cls, settings: Settings, database: Database, events: JourneyEventSink | None = None
    ) -> EvidenceImports:
        blobs = BlobStore(settings.attachments_dir)
        return cls(database, blobs, max_bytes=settings.attachment_max_bytes, events=events)

    def import_file(
        self, actor: UUID | None, request: ImportRequest, progress: ImportProgress | None = None
    ) -> ImportReport:
        """Import one file (see the module's docstring); answers what became of its rows."""
        tell = progress or _silent
        journey = self._journey(actor, request)
        timer = _StageTimer()
        with timer.stage(ImportStage.READ):
            result = read_evidence(
                request.source,
                request.path,
                request.options,
                lambda done, total: tell(ImportStage.READ, done, total),
            )
        if request.reject_file is not None and result.rejected:
            write_reject_file(request.reject_file, result.rejected)
        drafts = result.drafts
        if not drafts:
            raise _nothing_to_import(request, result.rejected)
        with timer.stage(ImportStage.MAP):
            mappings = map_drafts(drafts, journey, request.threshold, tell)
        with timer.stage(ImportStage.SENTIMENT):
            scores = score_texts(
                [draft.text_to_score for draft in drafts],
                lambda done, total: tell(ImportStage.SENTIMENT, done, total),
            )
        with timer.stage(ImportStage.STORE):
            redacted = (
                redact_drafts(drafts) if request.redact else _Redacted(drafts, [0] * len(drafts))
            )
            batch_id = uuid4()
            items, withheld = self._items(request, batch_id, redacted, mappings, scores)
            batch = self._batch(actor, request, batch_id, items, len(result.rejected), redacted)
            stored, attachments = self._store(actor, request.workspace_id, batch, items, tell)
        self._announce("evidence.imported", request.journey_id, actor)
        # Every import leaves a dated point on the journey's key metrics.
        record_after_import(
            self.database, actor, request.workspace_id, request.journey_id, self.clock
        )
        return ImportReport(
            batch=stored,
            rejected_rows=result.rejected,
            by_step=_by_step(items),
            attachments=attachments,
            withheld_files=withheld,
            reject_file=_written(request.reject_file, result.rejected),
            seconds=timer.seconds,
        )

    def delete_batch(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID, batch_id: UUID
    ) -> DeletedBatch:
        """Remove an import, its items and their attachments (blobs nothing else uses)."""
        with self.blobs.guard():
            with self.database.writing() as session:
                require_role_or_local(session, workspace_id, actor, Role.EDITOR)
                evidence = Evidence(session, self.clock)
                deleted = evidence.delete_batch(workspace_id, journey_id, batch_id)
                free = Attachments(session).unreferenced(deleted.hashes)
            for sha256 in sorted(free):
                self.blobs.remove(sha256)
        self._announce("evidence.deleted", journey_id, actor)
        return deleted

    def _journey(self, actor: UUID | None, request: ImportRequest) -> Journey:
        with self.database.reading() as session:
            require_role_or_local(session, request.workspace_id, actor, Role.EDITOR)
            return (
                Journeys(session, self.clock).get(request.workspace_id, request.journey_id).journey
            )

    def _items(
        self,
        request: ImportRequest,
        batch_id: UUID,
        redacted: _Redacted,
        mappings: Sequence[StepMapping],
        scores: Sequence[float | None],
    ) -> tuple[list[EvidenceItem], int]:
        """The items to store. An item whose words were redacted keeps no original document
        (the file holds the words just removed); its pictures and recordings stay."""
        now, withheld = self.clock(), 0
        items = []
        for draft, mapping, score, count in zip(
            redacted.drafts, mappings, scores, redacted.counts, strict=True
        ):
            if count and draft.files:
                kept = [ref for ref in draft.files if not _is_document(ref.content_type)]
                withheld += len(draft.files) - len(kept)
                draft = draft.model_copy(update={"files": kept})
            items.append(
                EvidenceItem.model_construct(
                    id=uuid4(),
                    journey_id=request.journey_id,
                    draft=draft,
                    mapping=mapping,
                    sentiment=score,
                    redacted=request.redact and count > 0,
                    imported_at=now,
                    batch_id=batch_id,
                )
            )
        return items, withheld

    def _batch(
        self,
        actor: UUID | None,
        request: ImportRequest,
        batch_id: UUID,
        items: list[EvidenceItem],
        rejected: int,
        redacted: _Redacted,
    ) -> ImportBatch:
        return ImportBatch(
            id=batch_id,
            workspace_id=request.workspace_id,
            journey_id=request.journey_id,
            source=request.source,
            file_name=request.options.source_name or request.path.name,
            imported_by=actor,
            imported_via=ImportChannel.CLI if actor is None else ImportChannel.API,
            imported_at=items[0].imported_at,
            imported=len(items),
            rejected=rejected,
            unmapped=sum(1 for item in items if item.mapping.step is None),
            redactions=sum(redacted.counts),
            options=_recorded_options(request),
        )

    def _store(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        batch: ImportBatch,
        items: list[EvidenceItem],
        tell: ImportProgress,
    ) -> tuple[ImportBatch, int]:
        """One transaction for the import, its items and their files; blobs under the guard."""
        with self.files.staged(items) as staged:
            if not staged:
                return self._commit(actor, workspace_id, batch, items, [], tell), 0
            created: list[StoredBlob] = []
            with self.blobs.guard():
                try:
                    kept = self.files.keep(staged, created)
                    stored = self._commit(actor, workspace_id, batch, items, kept, tell)
                except BaseException:
                    self.files.discard(created)
                    raise
            return stored, len(kept)

    def _commit(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        batch: ImportBatch,
        items: list[EvidenceItem],
        kept: Sequence[KeptFile],
        tell: ImportProgress,
    ) -> ImportBatch:
        with self.database.writing() as session:
            require_role_or_local(session, workspace_id, actor, Role.EDITOR)
            items = record_files(session, workspace_id, items, kept, by=actor, clock=self.clock)
            evidence = Evidence(session, self.clock)
            stored = evidence.add_batch(batch)
            tell(ImportStage.STORE, 0, len(items))
            for start in range(0, len(items), STORE_BLOCK):
                done = evidence.add_items(workspace_id, items[start : start + STORE_BLOCK])
                tell(ImportStage.STORE, start + done, len(items))
            return stored

    def _announce(self, kind: str, journey_id: UUID, actor: UUID | None) -> None:
        self.events.publish(JourneyEvent(kind, journey_id, None, actor, self.clock()))


@dataclass(frozen=True)
class _Redacted:
    drafts: list[EvidenceDraft]
    counts: list[int]


def map_drafts(
    drafts: Sequence[EvidenceDraft],
    journey: Journey,
    threshold: float,
    tell: ImportProgress | None = None,
) -> list[StepMapping]:
    """Each draft's step: named by the data, by the journey's rules, or by similarity."""
    matcher = StepMatcher(journey)
    mappings: list[StepMapping] = []
    for start in range(0, len(drafts), MAP_BLOCK):
        block = drafts[start : start + MAP_BLOCK]
        similar = matcher.match([similarity_text(draft) for draft in block])
        mappings += [
            decide(draft, journey, guess, threshold=threshold)
            for draft, guess in zip(block, similar, strict=True)
        ]
        if tell is not None:
            tell(ImportStage.MAP, len(mappings), len(drafts))
    return mappings


def redact_drafts(drafts: Sequence[EvidenceDraft]) -> _Redacted:
    """Emails, phone and card numbers out of every stored text: the words, the scored part
    and the author (an author is often an email address)."""
    cleaned, counts = [], []
    for draft in drafts:
        text, found = redact(draft.text)
        author, in_author = redact(draft.author)
        changes: dict[str, Any] = {"text": text, "author": author}
        found += in_author
        if draft.scored_text is not None:
            changes["scored_text"], in_scored = redact(draft.scored_text)
            found += in_scored
        cleaned.append(draft.model_copy(update=changes) if found else draft)
        counts.append(found)
    return _Redacted(cleaned, counts)


def _written(reject_file: Path | None, rejected: list[RejectedRow]) -> str | None:
    """Where the reject report went, if one was asked for and there was a row to list."""
    return str(reject_file) if reject_file is not None and rejected else None


def _is_document(content_type: str) -> bool:
    try:
        return format_of(content_type).kind is AttachmentKind.DOCUMENT
    except KeyError:
        return True  # unknown: keep nothing that might hold the redacted words


def _by_step(items: Sequence[EvidenceItem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        if item.mapping.step is not None:
            counts[item.mapping.step] = counts.get(item.mapping.step, 0) + 1
    return counts


def _recorded_options(request: ImportRequest) -> dict[str, Any]:
    """The options as the batch records them; a transcript by its name, not a local path."""
    options = request.options.model_dump(mode="json", exclude_defaults=True)
    if request.options.transcript:
        options["transcript"] = Path(request.options.transcript).name
    return {**options, "redact": request.redact, "threshold": request.threshold}


def _nothing_to_import(request: ImportRequest, rejected: list[RejectedRow]) -> InvalidInputError:
    source = request.options.source_name or str(request.path)
    if not rejected:
        return InvalidInputError([Problem((), "holds no evidence to import")], source)
    problems = [
        Problem((row.column or "row",), row.reason, line=row.row) for row in rejected[:ERROR_LINES]
    ]
    if len(rejected) > ERROR_LINES:
        more = len(rejected) - ERROR_LINES
        problems.append(Problem((), f"... and {more} more rejected rows; nothing was imported"))
    return InvalidInputError(problems, source)


def _silent(stage: ImportStage, done: int, total: int | None) -> None:
    del stage, done, total


class _StageTimer:
    """Wall-clock seconds per stage, for the report (and the benchmark)."""

    def __init__(self) -> None:
        self.seconds: dict[ImportStage, float] = {}

    @contextmanager
    def stage(self, stage: ImportStage) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - started
