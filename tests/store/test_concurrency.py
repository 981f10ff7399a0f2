"""Twenty writers on one journey at once: each write lands or is a conflict, and none is lost.

Each writer does what a client does: read the journey (one transaction), then write its
change with the version it read (another transaction). Threads share one `Database`, as
the requests of a server do.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import pytest
from sqlalchemy import update

from cxmap.model.errors import ConflictError
from cxmap.model.journey_record import RevisionAction
from cxmap.store import Database, JourneyHistory, Journeys
from cxmap.store.journey_versions import Change, live_row, save_version
from cxmap.store.records import utc_now
from cxmap.store.rows import JourneyRow
from tests.store.conftest import Team, make_journey

WRITERS = 20


def run_writers(writer: Callable[[int], str]) -> list[str]:
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        return list(pool.map(writer, range(WRITERS)))


def create(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def titles_in_history(database: Database, team: Team, journey_id: UUID) -> list[str]:
    with database.reading() as session:
        history = JourneyHistory(session)
        return [
            history.as_of(team.ws, journey_id, revision.version).title
            for revision in history.revisions(team.ws, journey_id)
        ]


def test_twenty_simultaneous_writers_either_land_or_conflict(
    database: Database, team: Team
) -> None:
    """All read version 1, then all write at once: one lands, the others are told."""
    journey_id = create(database, team)
    barrier = threading.Barrier(WRITERS)
    current_versions: list[int] = []

    def writer(number: int) -> str:
        with database.reading() as session:
            seen = Journeys(session).get(team.ws, journey_id).version
        barrier.wait()
        try:
            with database.writing() as session:
                Journeys(session).update(
                    team.ws,
                    journey_id,
                    make_journey(title=f"Writer {number}"),
                    expected_version=seen,
                    by=team.editor,
                )
        except ConflictError as error:
            current_versions.append(error.current_version)
            return "conflict"
        return "landed"

    outcomes = Counter(run_writers(writer))
    assert outcomes["landed"] + outcomes["conflict"] == WRITERS
    assert outcomes["landed"] == 1  # everyone wrote against version 1; only one can win
    assert all(version == 2 for version in current_versions)
    with database.reading() as session:
        final = Journeys(session).get(team.ws, journey_id)
    assert final.version == 1 + outcomes["landed"]
    history = titles_in_history(database, team, journey_id)
    assert history[0] == "Checkout"
    assert history[1:] == [final.title]  # the one that landed is the one that is current


def test_twenty_writers_retrying_on_conflict_all_land_and_none_is_lost(
    database: Database, team: Team
) -> None:
    """Writers that re-read and retry after a conflict: all 20 edits end up in the history."""
    journey_id = create(database, team)
    conflicts = Counter[int]()
    wrong_versions: list[tuple[int, int]] = []  # a conflict must name a newer version
    lock = threading.Lock()

    def writer(number: int) -> str:
        while True:
            with database.reading() as session:
                seen = Journeys(session).get(team.ws, journey_id).version
            try:
                with database.writing() as session:
                    Journeys(session).update(
                        team.ws,
                        journey_id,
                        make_journey(title=f"Writer {number}"),
                        expected_version=seen,
                        by=team.editor,
                    )
                return "landed"
            except ConflictError as error:
                with lock:
                    conflicts[number] += 1
                    if error.current_version <= seen:
                        wrong_versions.append((seen, error.current_version))

    outcomes = Counter(run_writers(writer))
    assert outcomes == {"landed": WRITERS}
    assert wrong_versions == []
    with database.reading() as session:
        assert Journeys(session).get(team.ws, journey_id).version == 1 + WRITERS
        versions = [r.version for r in JourneyHistory(session).revisions(team.ws, journey_id)]
    assert versions == list(range(1, WRITERS + 2))
    history = titles_in_history(database, team, journey_id)
    assert sorted(history[1:]) == sorted(f"Writer {n}" for n in range(WRITERS))
    print(f"\n{sum(conflicts.values())} conflicts before all {WRITERS} writes landed")


def test_the_version_check_is_made_by_the_write_itself(database: Database, team: Team) -> None:
    """A writer whose read is overtaken after its own check still cannot overwrite.

    The row object is read first; then the version moves on underneath it (as another
    writer committing would do); `save_version`'s first check passes on the stale object,
    and the conditional UPDATE is what refuses.
    """
    journey_id = create(database, team)
    with database.reading() as session:  # never committed: the forged version goes away
        row = live_row(session, team.ws, journey_id)
        session.execute(
            update(JourneyRow)
            .where(JourneyRow.id == journey_id)
            .values(version=2)
            .execution_options(synchronize_session=False)
        )
        change = Change(make_journey(title="Late"), RevisionAction.UPDATE, team.editor, utc_now())
        with pytest.raises(ConflictError) as caught:
            save_version(session, row, change, expected=1)
    assert caught.value.current_version == 2
    with database.reading() as session:
        assert Journeys(session).get(team.ws, journey_id).title == "Checkout"
