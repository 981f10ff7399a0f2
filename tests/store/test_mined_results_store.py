"""Event-log analyses kept per journey (`MiningResults`), with the log they came from and
their event counts (migration 0008), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import select

from cxmap.model.errors import NotFoundError
from cxmap.model.mining import DfgEdge, MiningResult, Variant
from cxmap.store import Accounts, Database, Journeys, MiningResults, Workspaces
from cxmap.store.priority_rows import MiningResultRow
from cxmap.store.schema import downgrade, upgrade
from tests.store.conftest import Clock, Team, fresh_database, make_journey

#: Names whose alphabetical order is not PostgreSQL's JSONB key order (shortest first).
STARTS = {"a_long_activity": 3, "b": 2, "zz": 1}


def mined(cases: int) -> MiningResult:
    return MiningResult(
        cases=cases,
        events=cases * 2 + 1,
        start_activities={"zz": 1, "b": 2, "a_long_activity": cases - 3},
        end_activities={"pay": cases},
        dfg=[DfgEdge(source="b", target="pay", count=2, mean_seconds=1.5, median_seconds=1.0)],
        variants=[Variant(activities=["b", "pay"], count=cases)],
        warnings=["log.csv:4: activity: 'zz' matches no step of the journey"],
    )


def new_journey(database: Database, ws: UUID, slug: str = "checkout") -> UUID:
    with database.writing() as session:
        return Journeys(session).create(ws, make_journey(slug), by=None).id


def test_an_upload_keeps_its_log_name_and_counts(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = new_journey(database, team.ws)
    with database.writing() as session:
        kept = MiningResults(session, clock).add(
            team.ws, jid, mined(6), by=team.editor, log_name="shop log.csv"
        )
    assert (kept.log_name, kept.journey_version, kept.recorded_by) == (
        "shop log.csv",
        1,
        team.editor,
    )
    with database.reading() as session:
        latest = MiningResults(session).latest(team.ws, jid)
        row = session.scalars(select(MiningResultRow)).one()
    assert latest == kept
    assert (row.cases, row.events, row.log_name) == (6, 13, "shop log.csv")


def test_a_result_reads_back_exactly_as_it_was_mined(
    database: Database, team: Team, clock: Clock
) -> None:
    """Even where the database reorders JSON keys: the JSON `cxmap mine` wrote, to the byte."""
    jid = new_journey(database, team.ws)
    result = mined(6)
    assert list(result.start_activities) == list(STARTS)
    with database.writing() as session:
        MiningResults(session, clock).add(team.ws, jid, result, by=None)
    with database.reading() as session:
        latest = MiningResults(session).latest(team.ws, jid)
    assert latest is not None
    assert latest.result.to_json() == result.to_json()
    assert latest.log_name is None


def test_the_history_lists_newest_first_without_results(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = new_journey(database, team.ws)
    other = new_journey(database, team.ws, "renewal")
    with database.writing() as session:
        results = MiningResults(session, clock)
        first = results.add(team.ws, jid, mined(5), by=team.owner, log_name="january.csv")
        second = results.add(team.ws, jid, mined(9), by=None, log_name="february.xes.gz")
        results.add(team.ws, other, mined(4), by=None, log_name="elsewhere.csv")
    with database.reading() as session:
        history = MiningResults(session).history(team.ws, jid)
    assert [(h.id, h.log_name, h.cases, h.events) for h in history] == [
        (second.id, "february.xes.gz", 9, 19),
        (first.id, "january.csv", 5, 11),
    ]
    assert history[1].recorded_by == team.owner
    assert history[0].recorded_at == second.recorded_at


def test_another_workspace_sees_no_history(database: Database, team: Team, clock: Clock) -> None:
    jid = new_journey(database, team.ws)
    with database.writing() as session:
        MiningResults(session, clock).add(team.ws, jid, mined(5), by=None)
    with database.reading() as session:
        results = MiningResults(session)
        with pytest.raises(NotFoundError):
            results.history(team.other, jid)
        assert results.latest(team.other, jid) is None


def test_migrating_fills_the_event_counts_of_analyses_stored_before(
    backend: str, tmp_path: Path
) -> None:
    """0008 on a database holding 0007's analyses: each gets its event count from its JSON;
    down again drops the two columns and keeps the analyses."""
    with fresh_database(backend, tmp_path) as url:
        upgrade(url)
        database = Database.open(url)
        try:
            with database.writing() as session:
                owner = Accounts(session).create_user("o@example.com", "O", None).id
                ws = Workspaces(session).create("ws", "WS", owner=owner).id
            jid = new_journey(database, ws)
            with database.writing() as session:
                MiningResults(session).add(ws, jid, mined(7), by=None, log_name="old.csv")
            database.close()
            downgrade(url, "0007")
            upgrade(url)
            database = Database.open(url)
            with database.reading() as session:
                row = session.scalars(select(MiningResultRow)).one()
                assert (row.cases, row.events, row.log_name) == (7, 15, None)
                assert MiningResults(session).latest(ws, jid) is not None
        finally:
            database.close()
