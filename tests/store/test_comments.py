"""Comments on a journey or one item of it, with @mentions."""

from __future__ import annotations

from uuid import UUID

import pytest

from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.model.journey_record import AnchorKind, CommentAnchor
from cxmap.store import Comments, Database, Journeys
from tests.store.conftest import Team, make_journey


@pytest.fixture
def journey_id(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def test_a_comment_on_a_step_with_mentions(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with database.writing() as session:
        comment = Comments(session).add(
            team.ws,
            journey_id,
            author=team.editor,
            body="  @Olga and @ana@example.com: payment fails here, see @olga.  ",
            anchor=CommentAnchor(kind=AnchorKind.STEP, id="pay"),
        )
    assert comment.body == "@Olga and @ana@example.com: payment fails here, see @olga."
    assert comment.mentions == ["olga", "ana@example.com"]
    assert comment.anchor == CommentAnchor(kind=AnchorKind.STEP, id="pay")
    assert (comment.journey_version, comment.author_id) == (1, team.editor)
    with database.reading() as session:
        assert Comments(session).get(team.ws, comment.id) == comment


def test_an_anchor_must_exist_in_the_journey(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(InvalidInputError) as caught, database.writing() as session:
        Comments(session).add(
            team.ws, journey_id, author=team.editor, body="?", anchor=CommentAnchor(id="payy")
        )
    assert caught.value.lines() == ["anchor.id: unknown step 'payy'; did you mean 'pay'?"]
    anchor = CommentAnchor(kind=AnchorKind.INSIGHT, id="pay")  # a step, not an insight
    with pytest.raises(InvalidInputError), database.writing() as session:
        Comments(session).add(team.ws, journey_id, author=team.editor, body="?", anchor=anchor)


@pytest.mark.parametrize("body", ["", "   ", "x" * 20_001])
def test_an_empty_or_huge_comment_is_refused(
    database: Database, team: Team, journey_id: UUID, body: str
) -> None:
    with pytest.raises(InvalidInputError, match="body"), database.writing() as session:
        Comments(session).add(team.ws, journey_id, author=team.editor, body=body)


def test_listing_by_anchor_resolving_and_deleting(
    database: Database, team: Team, journey_id: UUID
) -> None:
    on_pay = CommentAnchor(id="pay")
    with database.writing() as session:
        comments = Comments(session)
        general = comments.add(team.ws, journey_id, author=team.owner, body="Looks good")
        first = comments.add(team.ws, journey_id, author=team.editor, body="Slow", anchor=on_pay)
        comments.add(
            team.ws,
            journey_id,
            author=team.editor,
            body="Stage note",
            anchor=CommentAnchor(kind=AnchorKind.STAGE, id="buy"),
        )
    with database.writing() as session:
        comments = Comments(session)
        assert [c.body for c in comments.of_journey(team.ws, journey_id, anchor=on_pay)] == ["Slow"]
        assert comments.resolve(team.ws, first.id).resolved_at is not None
        assert comments.resolve(team.ws, first.id, resolved=False).resolved_at is None
        comments.delete(team.ws, general.id)
        assert [c.body for c in comments.of_journey(team.ws, journey_id)] == ["Slow", "Stage note"]
        everything = comments.of_journey(team.ws, journey_id, include_deleted=True)
        assert [c.body for c in everything] == ["Looks good", "Slow", "Stage note"]


def test_comments_remember_the_version_they_were_written_on(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with database.writing() as session:
        Journeys(session).update(
            team.ws, journey_id, make_journey(title="v2"), expected_version=1, by=team.owner
        )
        comment = Comments(session).add(team.ws, journey_id, author=team.editor, body="On v2")
    assert comment.journey_version == 2


def test_comments_of_a_deleted_journey_are_not_found(
    database: Database, team: Team, journey_id: UUID
) -> None:
    with database.writing() as session:
        comment = Comments(session).add(team.ws, journey_id, author=team.editor, body="Hi")
        Journeys(session).delete(team.ws, journey_id, by=team.owner)
    with database.writing() as session:
        comments = Comments(session)
        with pytest.raises(NotFoundError):
            comments.add(team.ws, journey_id, author=team.editor, body="Hello?")
        with pytest.raises(NotFoundError):
            comments.get(team.ws, comment.id)
        Journeys(session).undelete(team.ws, journey_id, by=team.owner)
        assert comments.get(team.ws, comment.id).body == "Hi"  # kept while in the bin
