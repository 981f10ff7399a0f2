"""Journeys in a workspace: stored exactly, versioned, validated both ways, never overwritten."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import func, select, update

from cxmap.model.errors import AlreadyExistsError, ConflictError, InvalidInputError, NotFoundError
from cxmap.model.journey import Journey, JourneyStatus
from cxmap.model.journey_record import JourneyQuery
from cxmap.services.journey_files import load_journey
from cxmap.store import Database, Journeys
from cxmap.store.rows import JourneyRevisionRow, JourneyRow
from tests.conftest import EXAMPLES
from tests.store.conftest import Clock, Team, make_journey, without_stamps


def count(database: Database, row: type[JourneyRow] | type[JourneyRevisionRow]) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(row)) or 0


def test_create_stores_version_one_with_the_store_s_version_and_time(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        stored = Journeys(session, clock).create(team.ws, make_journey(), by=team.editor)
    assert (stored.version, stored.slug, stored.title) == (1, "checkout", "Checkout")
    assert stored.created_by == stored.updated_by == team.editor
    assert stored.updated_at == datetime(2025, 3, 1, 9, 0, 1, tzinfo=UTC)
    assert stored.journey.version == 1
    assert stored.journey.updated_at == stored.updated_at
    with database.reading() as session:
        again = Journeys(session).get(team.ws, stored.id)
    assert again == stored
    assert again.updated_at.tzinfo is not None


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_journeys_come_back_exactly(database: Database, team: Team, path: Path) -> None:
    original = load_journey(path)
    with database.writing() as session:
        stored = Journeys(session).create(team.ws, original, by=team.owner)
    with database.reading() as session:
        loaded = Journeys(session).get_by_slug(team.ws, original.id).journey
    assert without_stamps(loaded) == without_stamps(original)
    assert loaded == original.model_copy(update={"version": 1, "updated_at": stored.updated_at})


def test_a_journey_with_a_dangling_reference_is_refused_and_nothing_written(
    database: Database, team: Team
) -> None:
    data = make_journey().model_dump(mode="json")
    data["stages"][0]["steps"][0]["next"] = ["nowhere"]
    broken = Journey.model_validate(data)  # the schema alone does not check references
    with pytest.raises(InvalidInputError) as caught, database.writing() as session:
        Journeys(session).create(team.ws, broken, by=team.owner)
    assert caught.value.lines() == ["stages[0].steps[0].next[0]: unknown step 'nowhere'"]
    assert count(database, JourneyRow) == 0
    assert count(database, JourneyRevisionRow) == 0


def test_ids_are_unique_among_a_workspace_s_live_journeys(database: Database, team: Team) -> None:
    with database.writing() as session:
        Journeys(session).create(team.ws, make_journey(), by=team.owner)
        Journeys(session).create(team.other, make_journey(), by=team.outsider)  # other team: fine
    with (
        pytest.raises(AlreadyExistsError, match="'checkout' already exists"),
        database.writing() as session,
    ):
        Journeys(session).create(team.ws, make_journey(title="Again"), by=team.owner)
    assert count(database, JourneyRow) == 2


def test_unknown_workspace_or_author_is_not_found(database: Database, team: Team) -> None:
    with pytest.raises(NotFoundError, match="workspace"), database.writing() as session:
        Journeys(session).create(uuid4(), make_journey(), by=team.owner)
    with pytest.raises(NotFoundError, match="user"), database.writing() as session:
        Journeys(session).create(team.ws, make_journey(), by=uuid4())
    assert count(database, JourneyRow) == 0


def test_update_with_the_current_version_lands(database: Database, team: Team) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
    edited = make_journey(title="Checkout, faster", status="review")
    with database.writing() as session:
        updated = Journeys(session).update(
            team.ws, created.id, edited, expected_version=1, by=team.editor
        )
    assert (updated.version, updated.title, updated.status) == (2, "Checkout, faster", "review")
    assert updated.updated_by == team.editor
    assert updated.created_by == team.owner
    assert updated.journey.version == 2
    with database.reading() as session:
        assert Journeys(session).get(team.ws, created.id) == updated


def test_a_stale_update_is_a_conflict_carrying_the_current_version(
    database: Database, team: Team
) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
        Journeys(session).update(
            team.ws, created.id, make_journey(title="First"), expected_version=1, by=team.owner
        )
    with pytest.raises(ConflictError) as caught, database.writing() as session:
        Journeys(session).update(
            team.ws, created.id, make_journey(title="Second"), expected_version=1, by=team.editor
        )
    assert caught.value.current_version == 2
    assert "version 2, not 1" in str(caught.value)
    with database.reading() as session:
        assert Journeys(session).get(team.ws, created.id).title == "First"
    assert count(database, JourneyRevisionRow) == 2


def test_renaming_onto_a_taken_id_is_refused(database: Database, team: Team) -> None:
    with database.writing() as session:
        journeys = Journeys(session)
        journeys.create(team.ws, make_journey("returns", "Returns"), by=team.owner)
        checkout = journeys.create(team.ws, make_journey(), by=team.owner)
    with pytest.raises(AlreadyExistsError, match="'returns'"), database.writing() as session:
        Journeys(session).update(
            team.ws, checkout.id, make_journey("returns"), expected_version=1, by=team.owner
        )
    with database.writing() as session:
        renamed = Journeys(session).update(
            team.ws, checkout.id, make_journey("buying"), expected_version=1, by=team.owner
        )
    assert renamed.slug == "buying"


def test_delete_moves_to_the_bin_and_undelete_brings_it_back(
    database: Database, team: Team
) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
    with database.writing() as session:
        gone = Journeys(session).delete(team.ws, created.id, by=team.editor, expected_version=1)
    assert gone.version == 2
    assert gone.deleted_at is not None
    with database.reading() as session:
        journeys = Journeys(session)
        with pytest.raises(NotFoundError):
            journeys.get(team.ws, created.id)
        with pytest.raises(NotFoundError):
            journeys.get_by_slug(team.ws, "checkout")
        assert journeys.search(team.ws).total == 0
        assert [j.id for j in journeys.search(team.ws, JourneyQuery(deleted=True)).items] == [
            created.id
        ]
        assert journeys.get_any(team.ws, created.id).journey.title == "Checkout"
    with database.writing() as session:
        back = Journeys(session).undelete(team.ws, created.id, by=team.owner)
    assert (back.version, back.deleted_at, back.title) == (3, None, "Checkout")


def test_a_deleted_journey_s_id_can_be_reused_but_then_not_undeleted(
    database: Database, team: Team
) -> None:
    with database.writing() as session:
        first = Journeys(session).create(team.ws, make_journey(), by=team.owner)
        Journeys(session).delete(team.ws, first.id, by=team.owner)
        second = Journeys(session).create(team.ws, make_journey(title="New"), by=team.owner)
    with pytest.raises(AlreadyExistsError), database.writing() as session:
        Journeys(session).undelete(team.ws, first.id, by=team.owner)
    with database.writing() as session:
        Journeys(session).delete(team.ws, second.id, by=team.owner)
        assert Journeys(session).undelete(team.ws, first.id, by=team.owner).title == "Checkout"


def test_a_stale_delete_is_a_conflict(database: Database, team: Team) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
        Journeys(session).update(
            team.ws, created.id, make_journey(title="Edited"), expected_version=1, by=team.owner
        )
    with pytest.raises(ConflictError) as caught, database.writing() as session:
        Journeys(session).delete(team.ws, created.id, by=team.owner, expected_version=1)
    assert caught.value.current_version == 2
    with database.reading() as session:
        assert Journeys(session).get(team.ws, created.id).deleted_at is None


def test_content_that_no_longer_validates_is_reported_not_handed_out(
    database: Database, team: Team
) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
    broken = {**created.journey.model_dump(mode="json"), "status": "shipped"}
    with database.writing() as session:
        session.execute(update(JourneyRow).values(content=broken))
    with pytest.raises(InvalidInputError) as caught, database.reading() as session:
        Journeys(session).get(team.ws, created.id)
    assert caught.value.lines() == [
        f"stored journey {created.id} version 1: status: must be one of "
        "'draft', 'review', 'published' or 'archived', not 'shipped'"
    ]


def test_status_enum_is_kept_in_its_column(database: Database, team: Team) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(status="published"), by=team.owner)
    with database.reading() as session:
        status = session.scalar(select(JourneyRow.status).where(JourneyRow.id == created.id))
    assert status == "published"
    assert created.status is JourneyStatus.PUBLISHED


def test_saving_unchanged_content_records_no_new_version(database: Database, team: Team) -> None:
    with database.writing() as session:
        created = Journeys(session).create(team.ws, make_journey(), by=team.owner)
        again = Journeys(session).update(
            team.ws, created.id, make_journey(), expected_version=1, by=team.editor
        )
    assert again == created
    assert count(database, JourneyRevisionRow) == 1
    with pytest.raises(ConflictError), database.writing() as session:  # still checked
        Journeys(session).update(
            team.ws, created.id, make_journey(), expected_version=7, by=team.editor
        )
