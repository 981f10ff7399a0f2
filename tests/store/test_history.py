"""History: every change recorded with who, when and a diff; any version readable and restorable."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from jsonpatch import apply_patch

from cxmap.model.errors import ConflictError, NotFoundError
from cxmap.model.journey import Journey
from cxmap.model.journey_record import RevisionAction
from cxmap.store import Database, JourneyHistory, Journeys
from tests.store.conftest import Clock, Team, make_journey, without_stamps


def three_edits(database: Database, team: Team, clock: Clock) -> UUID:
    """Version 1 created by the owner; 2 and 3 edited by the editor; 4 by the owner."""
    with database.writing() as session:
        journeys = Journeys(session, clock)
        journey_id = journeys.create(team.ws, make_journey(), by=team.owner).id
        for version, (title, by) in enumerate(
            [
                ("Checkout v2", team.editor),
                ("Checkout v3", team.editor),
                ("Checkout v4", team.owner),
            ],
            start=1,
        ):
            journeys.update(
                team.ws, journey_id, make_journey(title=title), expected_version=version, by=by
            )
    return journey_id


def by_path(patch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A JSON Patch's operations in path order: the order of independent edits is free."""
    return sorted(patch, key=lambda operation: str(operation["path"]))


def test_every_change_is_a_revision_with_who_and_when(
    database: Database, team: Team, clock: Clock
) -> None:
    journey_id = three_edits(database, team, clock)
    with database.reading() as session:
        revisions = JourneyHistory(session).revisions(team.ws, journey_id)
    assert [(r.version, r.action, r.changed_by) for r in revisions] == [
        (1, RevisionAction.CREATE, team.owner),
        (2, RevisionAction.UPDATE, team.editor),
        (3, RevisionAction.UPDATE, team.editor),
        (4, RevisionAction.UPDATE, team.owner),
    ]
    # The clock ticks once per write: 09:00:01, 09:00:02, ...
    assert [r.changed_at for r in revisions] == [
        datetime(2025, 3, 1, 9, 0, second, tzinfo=UTC) for second in (1, 2, 3, 4)
    ]


def test_a_diff_says_exactly_what_changed(database: Database, team: Team, clock: Clock) -> None:
    with database.writing() as session:
        journey_id = Journeys(session, clock).create(team.ws, make_journey(), by=team.owner).id
    edited = make_journey().model_dump(mode="json")
    edited["stages"][0]["steps"][1]["emotion"] = -2.0
    edited["tags"] = ["mobile"]
    with database.writing() as session:
        Journeys(session, clock).update(
            team.ws, journey_id, Journey.model_validate(edited), expected_version=1, by=team.editor
        )
    with database.reading() as session:
        revision = JourneyHistory(session).revision(team.ws, journey_id, 2)
    assert by_path(revision.diff) == by_path(
        [
            {"op": "add", "path": "/tags/0", "value": "mobile"},
            {"op": "replace", "path": "/version", "value": 2},
            {"op": "replace", "path": "/updated_at", "value": "2025-03-01T09:00:02Z"},
            {"op": "replace", "path": "/stages/0/steps/1/emotion", "value": -2.0},
        ]
    )


def test_each_diff_turns_the_previous_version_into_the_next(
    database: Database, team: Team, clock: Clock
) -> None:
    journey_id = three_edits(database, team, clock)
    with database.reading() as session:
        history = JourneyHistory(session)
        revisions = history.revisions(team.ws, journey_id)
        contents = [history.as_of(team.ws, journey_id, r.version) for r in revisions]
    previous: object = {}
    for revision, content in zip(revisions, contents, strict=True):
        assert apply_patch(previous, revision.diff) == content.model_dump(mode="json")
        assert content.version == revision.version
        assert content.updated_at == revision.changed_at
        previous = content.model_dump(mode="json")


def test_as_of_shows_an_old_version(database: Database, team: Team, clock: Clock) -> None:
    journey_id = three_edits(database, team, clock)
    with database.reading() as session:
        history = JourneyHistory(session)
        assert history.as_of(team.ws, journey_id, 2).title == "Checkout v2"
        assert history.as_of(team.ws, journey_id, 1).title == "Checkout"
        with pytest.raises(NotFoundError, match="has no version 9"):
            history.as_of(team.ws, journey_id, 9)


def test_restore_writes_the_old_content_as_a_new_version(
    database: Database, team: Team, clock: Clock
) -> None:
    journey_id = three_edits(database, team, clock)
    with database.writing() as session:
        restored = JourneyHistory(session, clock).restore(
            team.ws, journey_id, 2, expected_version=4, by=team.editor
        )
    assert (restored.version, restored.title, restored.updated_by) == (
        5,
        "Checkout v2",
        team.editor,
    )
    with database.reading() as session:
        history = JourneyHistory(session)
        revisions = history.revisions(team.ws, journey_id)
        assert [r.version for r in revisions] == [1, 2, 3, 4, 5]
        assert (revisions[-1].action, revisions[-1].restored_from) == (RevisionAction.RESTORE, 2)
        assert history.as_of(team.ws, journey_id, 4).title == "Checkout v4"  # nothing lost
        assert without_stamps(history.as_of(team.ws, journey_id, 5)) == without_stamps(
            history.as_of(team.ws, journey_id, 2)
        )
        assert by_path(revisions[-1].diff) == by_path(
            [
                {"op": "replace", "path": "/title", "value": "Checkout v2"},
                {"op": "replace", "path": "/version", "value": 5},
                {"op": "replace", "path": "/updated_at", "value": "2025-03-01T09:00:05Z"},
            ]
        )


def test_a_stale_restore_is_a_conflict(database: Database, team: Team, clock: Clock) -> None:
    journey_id = three_edits(database, team, clock)
    with pytest.raises(ConflictError) as caught, database.writing() as session:
        JourneyHistory(session).restore(team.ws, journey_id, 1, expected_version=3, by=team.owner)
    assert caught.value.current_version == 4
    with database.reading() as session:
        assert Journeys(session).get(team.ws, journey_id).title == "Checkout v4"


def test_a_deleted_journey_keeps_its_history(database: Database, team: Team, clock: Clock) -> None:
    journey_id = three_edits(database, team, clock)
    with database.writing() as session:
        Journeys(session, clock).delete(team.ws, journey_id, by=team.editor)
    with database.reading() as session:
        history = JourneyHistory(session)
        revisions = history.revisions(team.ws, journey_id)
        assert [r.action for r in revisions][-1] == RevisionAction.DELETE
        assert revisions[-1].changed_by == team.editor
        assert history.as_of(team.ws, journey_id, 3).title == "Checkout v3"
        with pytest.raises(NotFoundError):
            history.restore(team.ws, journey_id, 2, expected_version=5, by=team.owner)
