"""Attachment metadata on SQLite and PostgreSQL: anchors, isolation, shared blobs."""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from cxmap.model.attachment import Attachment, AttachmentAnchor, AttachmentKind
from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.store import Database, Journeys
from cxmap.store.attachments import Attachments
from tests.store.conftest import Clock, Team, make_journey

SHOT = hashlib.sha256(b"screenshot").hexdigest()
THUMB = hashlib.sha256(b"thumbnail").hexdigest()
NOTES = hashlib.sha256(b"notes").hexdigest()


@pytest.fixture
def journey_id(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def add(
    database: Database,
    team: Team,
    anchor: AttachmentAnchor,
    clock: Clock | None = None,
    **extra: Any,
) -> Attachment:
    fields: dict[str, Any] = {
        "file_name": "checkout.png",
        "content_type": "image/png",
        "size": 10,
        "sha256": SHOT,
        "thumbnail_sha256": THUMB,
        "by": team.editor,
        **extra,
    }
    with database.writing() as session:
        repository = Attachments(session, clock) if clock else Attachments(session)
        return repository.add(team.ws, anchor, **fields)


def test_an_attachment_on_a_step_is_stored_and_read_back(
    database: Database, team: Team, journey_id: UUID, clock: Clock
) -> None:
    anchor = AttachmentAnchor(journey_id=journey_id, step_id="pay")
    added = add(database, team, anchor, clock)
    assert added.model_dump() == {
        "id": added.id,
        "workspace_id": team.ws,
        "journey_id": journey_id,
        "step_id": "pay",
        "evidence_id": None,
        "file_name": "checkout.png",
        "content_type": "image/png",
        "size": 10,
        "sha256": SHOT,
        "thumbnail_sha256": THUMB,
        "uploaded_by": team.editor,
        "uploaded_at": clock.now,
    }
    assert added.kind is AttachmentKind.IMAGE
    with database.reading() as session:
        assert Attachments(session).get(team.ws, added.id) == added


def test_a_large_size_survives(database: Database, team: Team, journey_id: UUID) -> None:
    """Sizes past 2 GiB need a 64-bit column on PostgreSQL."""
    added = add(database, team, AttachmentAnchor(journey_id=journey_id), size=5 * 2**30)
    with database.reading() as session:
        assert Attachments(session).get(team.ws, added.id).size == 5 * 2**30


def test_the_step_must_exist_in_the_journey(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        add(database, team, AttachmentAnchor(journey_id=journey_id, step_id="payy"))
    assert caught.value.lines() == ["step_id: unknown step 'payy'; did you mean 'pay'?"]
    with database.reading() as session:
        assert Attachments(session).count() == 0


def test_a_step_or_an_evidence_item_not_both() -> None:
    with pytest.raises(ValidationError, match="not both"):
        AttachmentAnchor(journey_id=uuid4(), step_id="pay", evidence_id="interview-7")


def test_an_unknown_content_type_is_refused(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(InvalidInputError, match="'application/x-msdownload' is not accepted"):
        add(
            database,
            team,
            AttachmentAnchor(journey_id=journey_id),
            content_type="application/x-msdownload",
        )


def test_listing_narrows_to_a_step_or_an_evidence_item(
    database: Database, team: Team, journey_id: UUID, clock: Clock
) -> None:
    on_journey = add(database, team, AttachmentAnchor(journey_id=journey_id), clock)
    on_pay = add(database, team, AttachmentAnchor(journey_id=journey_id, step_id="pay"), clock)
    on_search = add(
        database, team, AttachmentAnchor(journey_id=journey_id, step_id="search"), clock
    )
    on_evidence = add(
        database, team, AttachmentAnchor(journey_id=journey_id, evidence_id="interview-7"), clock
    )
    with database.reading() as session:
        attachments = Attachments(session)
        everything = attachments.of_journey(team.ws, journey_id)
        assert [item.id for item in everything] == [
            on_journey.id,
            on_pay.id,
            on_search.id,
            on_evidence.id,
        ]
        assert attachments.of_journey(team.ws, journey_id, step_id="pay") == [on_pay]
        assert attachments.of_journey(team.ws, journey_id, evidence_id="interview-7") == [
            on_evidence
        ]
        assert attachments.of_journey(team.ws, journey_id, step_id="view") == []


def test_another_workspace_sees_nothing(database: Database, team: Team, journey_id: UUID) -> None:
    added = add(database, team, AttachmentAnchor(journey_id=journey_id))
    with database.writing() as session:
        attachments = Attachments(session)
        with pytest.raises(NotFoundError, match=f"attachment {added.id} not found"):
            attachments.get(team.other, added.id)
        with pytest.raises(NotFoundError, match=f"attachment {added.id} not found"):
            attachments.delete(team.other, added.id)
        with pytest.raises(NotFoundError, match="journey"):
            attachments.of_journey(team.other, journey_id)
        with pytest.raises(NotFoundError, match="journey"):
            attachments.add(
                team.other,
                AttachmentAnchor(journey_id=journey_id),
                file_name="x.png",
                content_type="image/png",
                size=1,
                sha256=SHOT,
                by=team.outsider,
            )
    with database.reading() as session:
        assert Attachments(session).get(team.ws, added.id) == added  # still there


def test_a_journey_in_the_bin_hides_its_attachments(
    database: Database, team: Team, journey_id: UUID
) -> None:
    added = add(database, team, AttachmentAnchor(journey_id=journey_id))
    with database.writing() as session:
        Journeys(session).delete(team.ws, journey_id, by=team.owner)
    with database.reading() as session, pytest.raises(NotFoundError):
        Attachments(session).get(team.ws, added.id)
    with database.writing() as session:
        Journeys(session).undelete(team.ws, journey_id, by=team.owner)
    with database.reading() as session:
        assert Attachments(session).get(team.ws, added.id) == added


def test_a_blob_is_free_only_when_no_attachment_refers_to_it(
    database: Database, team: Team, journey_id: UUID
) -> None:
    anchor = AttachmentAnchor(journey_id=journey_id)
    first = add(database, team, anchor)
    second = add(database, team, anchor, file_name="copy.png")  # same bytes, same thumbnail
    notes = add(
        database,
        team,
        anchor,
        file_name="notes.txt",
        content_type="text/plain",
        sha256=NOTES,
        thumbnail_sha256=None,
    )
    with database.writing() as session:
        attachments = Attachments(session)
        assert attachments.referenced_hashes() == {SHOT, THUMB, NOTES}
        removed = attachments.delete(team.ws, first.id)
        assert removed == first
        assert attachments.unreferenced([SHOT, THUMB]) == set()
        attachments.delete(team.ws, second.id)
        assert attachments.unreferenced([SHOT, THUMB, ""]) == {SHOT, THUMB}
        assert attachments.referenced_hashes() == {NOTES}
    with database.reading() as session:
        assert Attachments(session).of_journey(team.ws, journey_id) == [notes]


def test_a_thumbnail_hash_counts_as_a_reference(
    database: Database, team: Team, journey_id: UUID
) -> None:
    """A picture uploaded as a file may be byte for byte another picture's thumbnail."""
    anchor = AttachmentAnchor(journey_id=journey_id)
    picture = add(database, team, anchor)
    add(database, team, anchor, file_name="thumb.png", sha256=THUMB, thumbnail_sha256=THUMB)
    with database.writing() as session:
        attachments = Attachments(session)
        attachments.delete(team.ws, picture.id)
        assert attachments.unreferenced([SHOT, THUMB]) == {SHOT}
