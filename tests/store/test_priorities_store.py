"""Prioritisation in the store: weights and inputs as versioned documents, event-log
analyses, actions with their history, key metrics with their points; never overwritten,
never visible from another workspace (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from cxmap.model.errors import AlreadyExistsError, ConflictError, NotFoundError
from cxmap.model.mining import Funnel, FunnelStep, MiningResult
from cxmap.model.priorities import (
    Action,
    ActionKind,
    ActionStatus,
    Kpi,
    KpiKind,
    KpiPoint,
    KpiPointSource,
    ScoreInputs,
    ScoreWeights,
    ScoringSettings,
    SourcedValue,
)
from cxmap.model.priority_records import JourneyInputs
from cxmap.store import Actions, Database, Journeys, Kpis, MiningResults, ScoringStore
from tests.store.conftest import Clock, Team, make_journey


def journey(database: Database, team: Team, slug: str = "checkout", ws: UUID | None = None) -> UUID:
    with database.writing() as session:
        by = team.owner if ws in (None, team.ws) else team.outsider
        return Journeys(session).create(ws or team.ws, make_journey(slug), by=by).id


def settings(cost: float) -> ScoringSettings:
    return ScoringSettings(weights=ScoreWeights(cost=cost, sales=2))


# Scoring settings ------------------------------------------------------------------------


def test_unsaved_settings_are_the_defaults_at_version_one(database: Database, team: Team) -> None:
    with database.reading() as session:
        found = ScoringStore(session).settings(team.ws)
    assert (found.version, found.updated_at, found.updated_by) == (1, None, None)
    assert found.settings == ScoringSettings()


def test_saving_weights_adds_a_version_and_a_stale_save_is_refused(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        first = ScoringStore(session, clock).save_settings(
            team.ws, settings(3), expected_version=1, by=team.editor
        )
    assert (first.version, first.updated_by) == (2, team.editor)
    assert first.settings.weights.cost == 3
    with database.writing() as session:
        second = ScoringStore(session, clock).save_settings(
            team.ws, settings(5), expected_version=2, by=team.owner
        )
    assert second.version == 3
    with pytest.raises(ConflictError) as raised, database.writing() as session:
        ScoringStore(session, clock).save_settings(
            team.ws, settings(9), expected_version=2, by=team.editor
        )
    assert raised.value.current_version == 3
    with database.reading() as session:
        kept = ScoringStore(session).settings(team.ws)
    assert (kept.version, kept.settings.weights.cost, kept.updated_by) == (3, 5, team.owner)


def test_a_second_first_save_is_a_conflict_not_an_overwrite(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        ScoringStore(session, clock).save_settings(
            team.ws, settings(3), expected_version=1, by=None
        )
    with pytest.raises(ConflictError), database.writing() as session:
        ScoringStore(session, clock).save_settings(
            team.ws, settings(4), expected_version=1, by=None
        )


def test_saving_the_same_settings_keeps_the_version(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        store = ScoringStore(session, clock)
        saved = store.save_settings(team.ws, settings(3), expected_version=1, by=None)
        again = store.save_settings(team.ws, settings(3), expected_version=2, by=team.owner)
    assert again == saved


def test_settings_belong_to_their_workspace(database: Database, team: Team) -> None:
    with database.writing() as session:
        ScoringStore(session).save_settings(team.ws, settings(7), expected_version=1, by=None)
    with database.reading() as session:
        assert ScoringStore(session).settings(team.other).settings == ScoringSettings()
    with pytest.raises(NotFoundError), database.reading() as session:
        ScoringStore(session).settings(uuid4())


# Entered inputs --------------------------------------------------------------------------


def entered(value: float, note: str = "") -> SourcedValue:
    return SourcedValue(value=value, note=note)


def test_inputs_round_trip_with_their_source_and_parts(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    inputs = JourneyInputs(
        journey=ScoreInputs(cost_per_customer=entered(120, "finance Q3"), frequency=entered(5e4)),
        parts={"pay": ScoreInputs(strategic_contribution=entered(5))},
    )
    with database.writing() as session:
        saved = ScoringStore(session, clock).save_inputs(
            team.ws, jid, inputs, expected_version=1, by=team.editor
        )
    assert (saved.version, saved.journey, saved.updated_by) == (2, "checkout", team.editor)
    with database.reading() as session:
        again = ScoringStore(session).inputs(team.ws, jid)
        every = ScoringStore(session).all_inputs(team.ws)
    assert again == saved
    assert again.inputs.journey.cost_per_customer == entered(120, "finance Q3")
    assert again.inputs.parts["pay"].strategic_contribution == entered(5)
    assert every == {jid: inputs}


def test_stale_inputs_are_refused_and_other_workspaces_journeys_not_found(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    theirs = journey(database, team, "secret", ws=team.other)
    one = JourneyInputs(journey=ScoreInputs(frequency=entered(10)))
    two = JourneyInputs(journey=ScoreInputs(frequency=entered(20)))
    with database.writing() as session:
        ScoringStore(session, clock).save_inputs(team.ws, jid, one, expected_version=1, by=None)
    with pytest.raises(ConflictError) as raised, database.writing() as session:
        ScoringStore(session, clock).save_inputs(team.ws, jid, two, expected_version=1, by=None)
    assert raised.value.current_version == 2
    with pytest.raises(NotFoundError), database.writing() as session:
        ScoringStore(session, clock).save_inputs(team.ws, theirs, two, expected_version=1, by=None)
    with database.reading() as session:
        assert ScoringStore(session).inputs(team.ws, jid).inputs == one


# Event-log analyses ----------------------------------------------------------------------


def analysis(cases: int) -> MiningResult:
    step = FunnelStep(
        step="pay",
        name="Pays",
        cases=cases,
        share=1.0,
        exits=cases,
        drop_off=0,
        drop_off_share=0.0,
        mean_seconds=None,
        median_seconds=None,
    )
    return MiningResult(
        cases=cases,
        events=cases,
        start_activities={"pay": cases},
        end_activities={"pay": cases},
        dfg=[],
        variants=[],
        funnel=Funnel(steps=[step]),
    )


def test_the_newest_analysis_of_each_journey_counts(
    database: Database, team: Team, clock: Clock
) -> None:
    first, second = journey(database, team), journey(database, team, "renewal")
    with database.writing() as session:
        results = MiningResults(session, clock)
        results.add(team.ws, first, analysis(10), by=team.editor)
        newest = results.add(team.ws, first, analysis(30), by=None)
        results.add(team.ws, second, analysis(7), by=None)
    assert (newest.journey_version, newest.result.cases) == (1, 30)
    with database.reading() as session:
        results = MiningResults(session)
        assert results.latest(team.ws, first) == newest
        assert results.latest(team.other, first) is None
        per_journey = results.latest_per_journey(team.ws)
    assert {jid: result.cases for jid, result in per_journey.items()} == {first: 30, second: 7}
    assert per_journey[first].funnel == analysis(30).funnel


# Actions ---------------------------------------------------------------------------------


def action(key: str = "define_metric:pay", **extra: object) -> Action:
    fields: dict[str, object] = {
        "id": "act-1",
        "key": key,
        "kind": ActionKind.DEFINE_METRIC,
        "title": "Define a key metric for 'Pays'",
        "journey": "checkout",
        "stage": "buy",
        "step": "pay",
        **extra,
    }
    return Action.model_validate(fields)


def test_an_action_is_stored_with_every_field_and_its_creation_in_the_history(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Actions(session, clock).add(
            team.ws, jid, action(owner="Payments team", due=date(2025, 6, 30)), by=team.editor
        )
    assert made.version == 1
    assert str(UUID(made.id)) == made.id  # the store's own id, not the engine's draft id
    assert (made.journey, made.journey_id, made.status) == ("checkout", jid, ActionStatus.SUGGESTED)
    assert (made.owner, made.due, made.stage, made.step) == (
        "Payments team",
        date(2025, 6, 30),
        "buy",
        "pay",
    )
    with database.reading() as session:
        again = Actions(session).get(team.ws, UUID(made.id))
        history = Actions(session).history(team.ws, UUID(made.id))
    assert again == made
    assert [(h.changed_by, [(c.field, c.before, c.after) for c in h.changes]) for h in history] == [
        (team.editor, [("status", None, "suggested")])
    ]


def test_the_same_key_is_never_stored_twice_for_a_journey(
    database: Database, team: Team, clock: Clock
) -> None:
    first, second = journey(database, team), journey(database, team, "renewal")
    with database.writing() as session:
        Actions(session, clock).add(team.ws, first, action(), by=None)
    with pytest.raises(AlreadyExistsError), database.writing() as session:
        Actions(session, clock).add(team.ws, first, action(title="Again"), by=None)
    with database.writing() as session:
        Actions(session, clock).add(team.ws, second, action(), by=None)
        assert Actions(session).keys(first) == {"define_metric:pay"}


def test_changes_are_versioned_and_kept_as_history(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Actions(session, clock).add(team.ws, jid, action(), by=None)
    aid = UUID(made.id)
    with database.writing() as session:
        accepted = Actions(session, clock).change(
            team.ws,
            aid,
            {"status": ActionStatus.ACCEPTED, "owner": "Ana"},
            expected_version=1,
            by=team.editor,
        )
        unchanged = Actions(session, clock).change(
            team.ws, aid, {"owner": "Ana"}, expected_version=None, by=team.owner
        )
        done = Actions(session, clock).change(
            team.ws,
            aid,
            {"status": "done", "due": date(2025, 7, 1)},
            expected_version=None,
            by=team.owner,
        )
    assert (accepted.version, accepted.status, accepted.owner) == (2, ActionStatus.ACCEPTED, "Ana")
    assert unchanged == accepted
    assert (done.version, done.status, done.due) == (3, ActionStatus.DONE, date(2025, 7, 1))
    with pytest.raises(ConflictError) as raised, database.writing() as session:
        Actions(session, clock).change(
            team.ws, aid, {"status": "dismissed"}, expected_version=2, by=None
        )
    assert raised.value.current_version == 3
    with database.reading() as session:
        history = Actions(session).history(team.ws, aid)
    assert [(h.changed_by, [(c.field, c.before, c.after) for c in h.changes]) for h in history] == [
        (None, [("status", None, "suggested")]),
        (team.editor, [("owner", "", "Ana"), ("status", "suggested", "accepted")]),
        (team.owner, [("due", None, "2025-07-01"), ("status", "accepted", "done")]),
    ]
    assert [h.changed_at for h in history] == sorted(h.changed_at for h in history)


def test_lists_filter_by_journey_and_status_and_stay_in_their_workspace(
    database: Database, team: Team, clock: Clock
) -> None:
    first, second = journey(database, team), journey(database, team, "renewal")
    theirs = journey(database, team, "secret", ws=team.other)
    with database.writing() as session:
        actions = Actions(session, clock)
        one = actions.add(team.ws, first, action("a"), by=None)
        two = actions.add(team.ws, second, action("b", status=ActionStatus.ACCEPTED), by=None)
        hidden = actions.add(team.other, theirs, action("c"), by=None)
    with database.reading() as session:
        actions = Actions(session)
        assert [a.id for a in actions.search(team.ws)] == [one.id, two.id]
        assert [a.id for a in actions.search(team.ws, journey_id=second)] == [two.id]
        assert [a.id for a in actions.search(team.ws, status=ActionStatus.SUGGESTED)] == [one.id]
        with pytest.raises(NotFoundError):
            actions.get(team.ws, UUID(hidden.id))
        with pytest.raises(NotFoundError):
            actions.history(team.ws, UUID(hidden.id))


def test_deleting_an_action_forgets_it_and_frees_its_key(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Actions(session, clock).add(team.ws, jid, action(), by=None)
        Actions(session, clock).change(
            team.ws, UUID(made.id), {"status": "accepted"}, expected_version=1, by=None
        )
    with pytest.raises(ConflictError), database.writing() as session:
        Actions(session, clock).delete(team.ws, UUID(made.id), expected_version=1, by=None)
    with database.writing() as session:
        Actions(session, clock).delete(team.ws, UUID(made.id), expected_version=2, by=None)
    with database.writing() as session:
        assert Actions(session).search(team.ws) == []
        Actions(session, clock).add(team.ws, jid, action(), by=None)  # the key is free again


def test_actions_of_a_journey_in_the_bin_are_not_listed(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Actions(session, clock).add(team.ws, jid, action(), by=None)
        Journeys(session, clock).delete(team.ws, jid, by=None, expected_version=1)
    with database.reading() as session:
        assert Actions(session).search(team.ws) == []
        with pytest.raises(NotFoundError):
            Actions(session).get(team.ws, UUID(made.id))


# Key metrics -----------------------------------------------------------------------------


def kpi(slug: str = "pay-nps", **extra: object) -> Kpi:
    fields: dict[str, object] = {
        "id": slug,
        "name": "NPS at payment",
        "kind": KpiKind.NPS_AT_STEP,
        "journey": "ignored: the store names the journey",
        "step": "pay",
        "target": 30,
        **extra,
    }
    return Kpi.model_validate(fields)


def point(at: datetime, value: float, n: int = 10) -> KpiPoint:
    return KpiPoint(kpi="x", measured_at=at, value=value, n=n, source=KpiPointSource.IMPORT)


def test_a_metric_is_stored_with_its_journey_and_a_unique_slug(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    theirs = journey(database, team, "secret", ws=team.other)
    with database.writing() as session:
        made = Kpis(session, clock).create(team.ws, jid, kpi(), by=team.editor)
        Kpis(session, clock).create(team.other, theirs, kpi(), by=None)  # their own slug space
    assert (made.version, made.journey_id, made.kpi.journey, made.kpi.target) == (
        1,
        jid,
        "checkout",
        30,
    )
    with pytest.raises(AlreadyExistsError), database.writing() as session:
        Kpis(session, clock).create(team.ws, jid, kpi(name="Again"), by=None)
    with database.reading() as session:
        assert Kpis(session).by_slug(team.ws, "pay-nps") == made
        assert [k.id for k in Kpis(session).search(team.ws)] == [made.id]
        assert Kpis(session).search(team.ws, journey_id=theirs) == []


def test_a_metric_follows_its_journey_when_the_journey_is_renamed(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Kpis(session, clock).create(team.ws, jid, kpi(), by=None)
        Journeys(session, clock).update(
            team.ws, jid, make_journey("checkout-v2"), expected_version=1, by=None
        )
    with database.reading() as session:
        assert Kpis(session).get(team.ws, made.id).kpi.journey == "checkout-v2"


def test_metric_updates_are_versioned(database: Database, team: Team, clock: Clock) -> None:
    jid = journey(database, team)
    with database.writing() as session:
        made = Kpis(session, clock).create(team.ws, jid, kpi(), by=None)
        changed = Kpis(session, clock).update(
            team.ws, made.id, kpi(target=40), expected_version=1, by=team.owner
        )
    assert (changed.version, changed.kpi.target, changed.updated_by) == (2, 40, team.owner)
    with pytest.raises(ConflictError) as raised, database.writing() as session:
        Kpis(session, clock).update(team.ws, made.id, kpi(target=50), expected_version=1, by=None)
    assert raised.value.current_version == 2


def test_points_are_read_back_by_period_and_go_with_their_metric(
    database: Database, team: Team, clock: Clock
) -> None:
    jid = journey(database, team)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with database.writing() as session:
        kpis = Kpis(session, clock)
        made = kpis.create(team.ws, jid, kpi(), by=None)
        for week, value in enumerate([10.0, 12.5, -3.0, 40.0]):
            kpis.add_point(team.ws, made.id, point(start + timedelta(weeks=week), value), by=None)
    with database.reading() as session:
        every = Kpis(session).points(team.ws, made.id)
        middle = Kpis(session).points(
            team.ws, made.id, start=start + timedelta(weeks=1), end=start + timedelta(weeks=3)
        )
    assert [p.value for p in every] == [10.0, 12.5, -3.0, 40.0]
    assert {p.kpi for p in every} == {"pay-nps"}
    assert every[0].measured_at == start
    assert [p.value for p in middle] == [12.5, -3.0]
    with database.writing() as session:
        Kpis(session, clock).delete(team.ws, made.id, expected_version=1, by=None)
    with pytest.raises(NotFoundError), database.reading() as session:
        Kpis(session).points(team.ws, made.id)
