"""Evidence items and their imports on SQLite and PostgreSQL: bulk insert, paging and
filters, the unmapped queue, placing an item by hand, deleting an import, departments."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from cxmap.model.attachment import AttachmentAnchor
from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.model.evidence import (
    EvidenceDraft,
    EvidenceItem,
    FileRef,
    MappingMethod,
    Ratings,
    StepMapping,
)
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import EvidenceQuery, ImportBatch, ImportChannel
from cxmap.model.journey import EvidenceKind
from cxmap.store import Database, Journeys
from cxmap.store import evidence as evidence_store
from cxmap.store.attachments import Attachments
from cxmap.store.evidence import Evidence
from tests.store.conftest import Clock, Team, make_journey

AT = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PHOTO = hashlib.sha256(b"photo").hexdigest()


@pytest.fixture
def journey_id(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def batch(team: Team, journey_id: UUID, **extra: Any) -> ImportBatch:
    fields: dict[str, Any] = {
        "id": uuid4(),
        "workspace_id": team.ws,
        "journey_id": journey_id,
        "source": EvidenceSource.SURVEY,
        "file_name": "survey.csv",
        "imported_by": team.editor,
        "imported_via": ImportChannel.API,
        "imported_at": AT,
        "imported": 0,
        "rejected": 1,
        "unmapped": 0,
        "redactions": 0,
        "options": {"department": "support", "columns": {"text": "comment"}},
        **extra,
    }
    return ImportBatch(**fields)


def item(
    journey_id: UUID,
    batch_id: UUID | None,
    step: str | None,
    *,
    row: int = 1,
    kind: EvidenceKind = EvidenceKind.SURVEY,
    department: str = "support",
    sentiment: float | None = 0.5,
    candidate: str | None = None,
    **draft: Any,
) -> EvidenceItem:
    method = MappingMethod.COLUMN if step else MappingMethod.UNMAPPED
    confidence = 1.0 if step else 0.2
    return EvidenceItem(
        id=uuid4(),
        journey_id=journey_id,
        draft=EvidenceDraft(kind=kind, row=row, department=department, **draft),
        mapping=StepMapping(step=step, method=method, confidence=confidence, candidate=candidate),
        sentiment=sentiment,
        imported_at=AT,
        batch_id=batch_id,
    )


def store(database: Database, team: Team, made: ImportBatch, items: list[EvidenceItem]) -> None:
    with database.writing() as session:
        repository = Evidence(session)
        repository.add_batch(made)
        repository.add_items(team.ws, items)


def test_an_item_reads_back_exactly_as_stored(
    database: Database, team: Team, journey_id: UUID
) -> None:
    made = batch(team, journey_id)
    full = item(
        journey_id,
        made.id,
        "pay",
        text="Paid twice, call me on [phone]",
        scored_text="Paid twice",
        ratings=Ratings(nps=3, csat=2, ces=None),
        author="ann",
        source="survey.csv",
        channel="web",
        url="https://example.com/r/1",
        occurred_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        touchpoint="checkout",
        external_id="R0001",
        files=[FileRef(file_name="a.png", content_type="image/png", sha256=PHOTO)],
    )
    store(database, team, made, [full])
    with database.reading() as session:
        assert Evidence(session).get(team.ws, full.id) == full
        assert Evidence(session).batches(team.ws, journey_id) == [made]


def test_many_items_go_in_by_chunks_and_page_in_source_order(
    database: Database, team: Team, journey_id: UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence_store, "CHUNK", 7)
    made = batch(team, journey_id)
    items = [item(journey_id, made.id, "pay" if n % 3 else "view", row=n) for n in range(1, 31)]
    store(database, team, made, items)
    with database.reading() as session:
        repository = Evidence(session)
        first = repository.page(team.ws, journey_id, EvidenceQuery(limit=12))
        second = repository.page(team.ws, journey_id, EvidenceQuery(limit=12, offset=24))
        on_view = repository.page(team.ws, journey_id, EvidenceQuery(step="view", limit=500))
    assert first.total == second.total == 30
    assert [each.draft.row for each in first.items] == list(range(1, 13))
    assert [each.draft.row for each in second.items] == list(range(25, 31))
    assert [each.draft.row for each in on_view.items] == [3, 6, 9, 12, 15, 18, 21, 24, 27, 30]
    assert on_view.total == 10


def test_filters_by_kind_department_and_import(
    database: Database, team: Team, journey_id: UUID
) -> None:
    one, two = batch(team, journey_id), batch(team, journey_id, source=EvidenceSource.SOCIAL)
    store(database, team, one, [item(journey_id, one.id, "pay", department="sales")])
    social = [
        item(journey_id, two.id, "pay", kind=EvidenceKind.SOCIAL, row=1),
        item(journey_id, two.id, "search", kind=EvidenceKind.SOCIAL, row=2, department="sales"),
    ]
    store(database, team, two, social)

    def rows(**query: Any) -> list[tuple[str, str, str | None]]:
        with database.reading() as session:
            page = Evidence(session).page(team.ws, journey_id, EvidenceQuery(**query))
        return [(i.draft.kind.value, i.draft.department, i.mapping.step) for i in page.items]

    assert rows(kind="social") == [("social", "support", "pay"), ("social", "sales", "search")]
    assert rows(department="sales") == [("survey", "sales", "pay"), ("social", "sales", "search")]
    assert rows(batch_id=one.id) == [("survey", "sales", "pay")]
    assert rows(kind="social", department="sales", step="search") == [("social", "sales", "search")]


def test_the_unmapped_queue_and_placing_an_item_by_hand(
    database: Database, team: Team, journey_id: UUID, clock: Clock
) -> None:
    made = batch(team, journey_id, unmapped=2)
    waiting = [item(journey_id, made.id, None, row=n, candidate="pay") for n in (1, 2)]
    store(database, team, made, [*waiting, item(journey_id, made.id, "pay", row=3)])
    with database.writing() as session:
        repository = Evidence(session, clock)
        assert repository.unmapped_count(team.ws, journey_id) == 2
        queue = repository.page(team.ws, journey_id, EvidenceQuery(unmapped=True))
        assert queue.items == waiting
        placed = repository.assign(team.ws, waiting[0].id, "view", by=team.editor)
    manual = StepMapping(step="view", method=MappingMethod.MANUAL, confidence=1.0, candidate="pay")
    assert placed.mapping == manual
    with database.reading() as session:
        repository = Evidence(session)
        assert repository.unmapped_count(team.ws, journey_id) == 1
        assert repository.get(team.ws, waiting[0].id).mapping.step == "view"
        row = repository._row(team.ws, waiting[0].id)
        assert (row.assigned_by, row.assigned_at) == (team.editor, clock.now)


def test_an_item_goes_back_to_the_queue_and_unknown_steps_are_refused(
    database: Database, team: Team, journey_id: UUID
) -> None:
    made = batch(team, journey_id)
    placed = item(journey_id, made.id, "pay")
    store(database, team, made, [placed])
    with database.writing() as session:
        back = Evidence(session).assign(team.ws, placed.id, None, by=None)
    assert back.mapping.step is None
    assert back.mapping.method is MappingMethod.UNMAPPED
    refused = pytest.raises(InvalidInputError, match="unknown step 'pai'; did you mean 'pay'")
    with refused, database.writing() as session:
        Evidence(session).assign(team.ws, placed.id, "pai", by=team.editor)
    with database.reading() as session:
        assert Evidence(session).get(team.ws, placed.id).mapping.step is None


def test_another_workspace_or_a_binned_journey_finds_nothing(
    database: Database, team: Team, journey_id: UUID
) -> None:
    made = batch(team, journey_id)
    mine = item(journey_id, made.id, "pay")
    store(database, team, made, [mine])
    with database.writing() as session:
        repository = Evidence(session)
        with pytest.raises(NotFoundError):
            repository.get(team.other, mine.id)
        with pytest.raises(NotFoundError):
            repository.assign(team.other, mine.id, "view", by=team.outsider)
        with pytest.raises(NotFoundError):
            repository.delete_batch(team.other, journey_id, made.id)
        with pytest.raises(NotFoundError):
            repository.page(team.other, journey_id, EvidenceQuery())
        assert repository.locate(mine.id) == (team.ws, journey_id)
        Journeys(session).delete(team.ws, journey_id, by=team.owner, expected_version=1)
    with database.reading() as session, pytest.raises(NotFoundError, match="not found"):
        Evidence(session).get(team.ws, mine.id)


def test_deleting_an_import_removes_its_items_and_their_attachments_only(
    database: Database, team: Team, journey_id: UUID
) -> None:
    gone, kept = batch(team, journey_id), batch(team, journey_id)
    pictured = item(
        journey_id,
        gone.id,
        "pay",
        files=[FileRef(file_name="a.png", content_type="image/png", sha256=PHOTO)],
    )
    store(database, team, gone, [pictured, item(journey_id, gone.id, None, row=2)])
    store(database, team, kept, [item(journey_id, kept.id, "pay")])
    with database.writing() as session:
        Attachments(session).add(
            team.ws,
            AttachmentAnchor(journey_id=journey_id, evidence_id=str(pictured.id)),
            file_name="a.png",
            content_type="image/png",
            size=5,
            sha256=PHOTO,
            by=None,
        )
        deleted = Evidence(session).delete_batch(team.ws, journey_id, gone.id)
    assert (deleted.batch, deleted.items, deleted.hashes) == (gone, 2, {PHOTO})
    with database.reading() as session:
        left = Evidence(session).page(team.ws, journey_id, EvidenceQuery())
        assert [each.batch_id for each in left.items] == [kept.id]
        assert Evidence(session).batches(team.ws, journey_id) == [kept]
        assert Attachments(session).count() == 0


def test_departments_add_up_per_kind_and_step(
    database: Database, team: Team, journey_id: UUID
) -> None:
    made = batch(team, journey_id)
    items = [
        item(journey_id, made.id, "pay", department="support", sentiment=-0.5),
        item(journey_id, made.id, "pay", department="support", sentiment=0.25),
        item(journey_id, made.id, None, department="support", sentiment=None),
        item(journey_id, made.id, "view", department="marketing", kind=EvidenceKind.SOCIAL),
    ]
    store(database, team, made, items)
    with database.reading() as session:
        overview = Evidence(session).departments(team.ws, journey_id)
    assert [each.model_dump() for each in overview] == [
        {
            "department": "support",
            "items": 3,
            "kinds": {"survey": 3},
            "steps": {"pay": 2},
            "mean_sentiment": pytest.approx(-0.125),
        },
        {
            "department": "marketing",
            "items": 1,
            "kinds": {"social": 1},
            "steps": {"view": 1},
            "mean_sentiment": 0.5,
        },
    ]


def test_a_batch_names_an_existing_account_and_a_live_journey(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(NotFoundError, match="user"), database.writing() as session:
        Evidence(session).add_batch(batch(team, journey_id, imported_by=uuid4()))
    with pytest.raises(NotFoundError, match="journey"), database.writing() as session:
        Evidence(session).add_batch(batch(team, uuid4()))
