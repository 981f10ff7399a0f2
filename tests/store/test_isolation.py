"""Another workspace's ids behave exactly like ids that do not exist: not found, nothing leaks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxmap.model.errors import NotFoundError
from cxmap.model.journey_record import CommentAnchor, JourneyQuery
from cxmap.store import Comments, Database, JourneyHistory, Journeys
from cxmap.store.rows import UserRow
from tests.store.conftest import Team, make_journey

Call = Callable[[Session, UUID, UUID, UUID], Any]

#: Every store call that takes a workspace and a journey (or comment) id.
CALLS: dict[str, Call] = {
    "get": lambda s, ws, j, c: Journeys(s).get(ws, j),
    "get_any": lambda s, ws, j, c: Journeys(s).get_any(ws, j),
    "update": lambda s, ws, j, c: Journeys(s).update(
        ws, j, make_journey(title="Hijacked"), expected_version=1, by=None
    ),
    "delete": lambda s, ws, j, c: Journeys(s).delete(ws, j, by=None),
    "undelete": lambda s, ws, j, c: Journeys(s).undelete(ws, j, by=None),
    "revisions": lambda s, ws, j, c: JourneyHistory(s).revisions(ws, j),
    "revision": lambda s, ws, j, c: JourneyHistory(s).revision(ws, j, 1),
    "as_of": lambda s, ws, j, c: JourneyHistory(s).as_of(ws, j, 1),
    "restore": lambda s, ws, j, c: JourneyHistory(s).restore(ws, j, 1, expected_version=1, by=None),
    "add_comment": lambda s, ws, j, c: Comments(s).add(ws, j, author=_author(s), body="psst"),
    "comments": lambda s, ws, j, c: Comments(s).of_journey(ws, j),
    "get_comment": lambda s, ws, j, c: Comments(s).get(ws, c),
    "resolve_comment": lambda s, ws, j, c: Comments(s).resolve(ws, c),
    "delete_comment": lambda s, ws, j, c: Comments(s).delete(ws, c),
}


def _author(session: Session) -> UUID:
    """Any account will do: the journey is what must not be found."""
    author = session.scalar(select(UserRow.id).order_by(UserRow.email).limit(1))
    assert author is not None
    return author


@pytest.fixture
def secret(database: Database, team: Team) -> tuple[UUID, UUID]:
    """A journey and a comment in `team.ws`, to be looked for from `team.other`."""
    with database.writing() as session:
        journey = Journeys(session).create(
            team.ws, make_journey("merger-plan", "Secret merger plan"), by=team.owner
        )
        comment = Comments(session).add(
            team.ws,
            journey.id,
            author=team.owner,
            body="confidential",
            anchor=CommentAnchor(id="pay"),
        )
    return journey.id, comment.id


def not_found_message(database: Database, call: Call, ws: UUID, j: UUID, c: UUID) -> str:
    with pytest.raises(NotFoundError) as caught, database.writing() as session:
        call(session, ws, j, c)
    return str(caught.value)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_another_workspace_s_journey_is_not_found(
    database: Database, team: Team, secret: tuple[UUID, UUID], name: str
) -> None:
    journey_id, comment_id = secret
    message = not_found_message(database, CALLS[name], team.other, journey_id, comment_id)
    for leak in ("merger", "Secret", "confidential", str(team.ws), "retail"):
        assert leak not in message
    # Indistinguishable from an id that exists nowhere (apart from the id itself).
    missing_j, missing_c = uuid4(), uuid4()
    unknown = not_found_message(database, CALLS[name], team.other, missing_j, missing_c)
    normalise = {
        str(journey_id): "ID",
        str(comment_id): "ID",
        str(missing_j): "ID",
        str(missing_c): "ID",
    }
    for old, new in normalise.items():
        message, unknown = message.replace(old, new), unknown.replace(old, new)
    assert message == unknown
    with database.reading() as session:
        still = Journeys(session).get(team.ws, journey_id)
        assert (still.version, still.title) == (1, "Secret merger plan")
        assert [c.body for c in Comments(session).of_journey(team.ws, journey_id)] == [
            "confidential"
        ]


def test_search_and_slug_lookup_stay_in_their_workspace(
    database: Database, team: Team, secret: tuple[UUID, UUID]
) -> None:
    with database.reading() as session:
        journeys = Journeys(session)
        assert journeys.search(team.other, JourneyQuery(text="merger")).total == 0
        assert journeys.search(team.other, JourneyQuery(deleted=True)).total == 0
        with pytest.raises(NotFoundError):
            journeys.get_by_slug(team.other, "merger-plan")
        assert journeys.search(team.ws, JourneyQuery(text="merger")).total == 1
