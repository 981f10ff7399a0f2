"""Scores, weights, inputs, sensitivity and priorities through the service, numbers checked
by hand (on SQLite and PostgreSQL).

The small journey of the store tests has map emotions 1, 0 and -1, so without evidence its
experience is their mean, 0, normalised to (2 - 0) / 4 = 0.5. With the default weights
(1 each) a score is 1 + 99 x mean of the normalised criteria present.
"""

from __future__ import annotations

from uuid import UUID

import pytest

from cxmap.model.errors import ConflictError, InvalidInputError, PermissionDeniedError
from cxmap.model.priorities import Criterion, InputSource, SubjectKind
from cxmap.services.kpis import KeyMetrics
from cxmap.services.prioritisation import Prioritisation
from cxmap.services.score_input_edits import parse_input_change
from cxmap.store import Database, Journeys
from tests.services.priority_fixtures import add_journey, analysis, viewer
from tests.store.conftest import (
    Team,
    backend,
    clock,
    database,
    make_journey,
    migrated_url,
    team,
)

__all__ = ["backend", "clock", "database", "migrated_url", "team", "viewer"]  # fixtures


@pytest.fixture
def service(database: Database) -> Prioritisation:
    return Prioritisation(database)


def enter(service: Prioritisation, team: Team, journey: UUID, *changes: str) -> None:
    parsed = [parse_input_change(change) for change in changes]
    service.change_inputs(team.editor, team.ws, journey, parsed)


@pytest.fixture
def two_journeys(database: Database, team: Team, service: Prioritisation) -> dict[str, UUID]:
    """alpha: cost at the reference (1.0), strategy 2 (0.25); beta: cost 0, strategy 5 (1.0)."""
    alpha = add_journey(database, team, "alpha")
    beta = add_journey(database, team, "beta")
    enter(service, team, alpha, "cost=1000", "strategy=2")
    enter(service, team, beta, "cost=0", "strategy=5")
    return {"alpha": alpha, "beta": beta}


def ranking(service: Prioritisation, team: Team, **weights: float) -> list[tuple[str, int | None]]:
    overrides = {Criterion(name): value for name, value in weights.items()}
    board = service.scoreboard(team.owner, team.ws, overrides)
    return [(ranked.score.subject_id, ranked.score.value) for ranked in board.ranking]


def test_stored_weights_change_the_ranking(
    service: Prioritisation, team: Team, two_journeys: dict[str, UUID]
) -> None:
    # alpha: 1 + 99 x (1 + 0.25 + 0.5) / 3 = 58.75; beta: 1 + 99 x (0 + 1 + 0.5) / 3 = 50.5
    assert ranking(service, team) == [("alpha", 59), ("beta", 51)]
    saved = service.save_weights(team.editor, team.ws, {Criterion.STRATEGY: 4})
    assert saved.version == 2
    assert saved.settings.weights.strategy == 4
    # alpha: 1 + 99 x (1 + 4 x 0.25 + 0.5) / 6 = 42.25; beta: 1 + 99 x (4 + 0.5) / 6 = 75.25
    assert ranking(service, team) == [("beta", 75), ("alpha", 42)]


def test_what_if_weights_rank_without_saving(
    service: Prioritisation, team: Team, two_journeys: dict[str, UUID]
) -> None:
    board = service.scoreboard(team.owner, team.ws, {Criterion.STRATEGY: 4})
    assert board.what_if
    assert [(r.rank, r.score.subject_id, r.journey_id) for r in board.ranking] == [
        (1, "beta", two_journeys["beta"]),
        (2, "alpha", two_journeys["alpha"]),
    ]
    assert service.settings(team.owner, team.ws).version == 1
    assert ranking(service, team) == [("alpha", 59), ("beta", 51)]


def test_every_contribution_is_shown_and_missing_inputs_are_missing(
    service: Prioritisation, team: Team, two_journeys: dict[str, UUID]
) -> None:
    board = service.scoreboard(team.owner, team.ws)
    alpha = board.ranking[0].score
    assert alpha.missing == [Criterion.SALES, Criterion.FREQUENCY]
    parts = {part.criterion: part for part in alpha.contributions}
    assert parts[Criterion.SALES].missing
    assert parts[Criterion.SALES].raw is None
    assert parts[Criterion.SALES].points == 0
    assert parts[Criterion.COST].normalised == pytest.approx(1.0)
    assert parts[Criterion.COST].source == InputSource.ENTERED
    assert parts[Criterion.STRATEGY].points == pytest.approx(99 * 0.25 / 3)
    experience = parts[Criterion.EXPERIENCE]
    assert (experience.raw, experience.normalised) == (0.0, 0.5)
    assert sum(p.points for p in alpha.contributions) == pytest.approx(57.75)
    assert alpha.formula.endswith("= 58.75 -> 59")


def test_a_journey_with_nothing_known_is_unscored_not_scored_low(
    database: Database, service: Prioritisation, team: Team
) -> None:
    stages = [{"id": "only", "name": "Only", "steps": [{"id": "pay", "name": "Pays"}]}]
    flat = add_journey(database, team, "flat", stages=stages, insights=[], opportunities=[])
    enter(service, team, flat, "experience=")  # clearing what was never set changes nothing
    assert service.inputs(team.owner, team.ws, flat).version == 1
    scores = service.journey_scores(team.owner, team.ws, flat)
    assert scores.journey.value is None
    assert scores.journey.missing == list(Criterion)
    enter(service, team, flat, "cost=0")
    assert service.journey_scores(team.owner, team.ws, flat).journey.value == 1
    assert service.inputs(team.owner, team.ws, flat).version == 2


def test_the_event_log_gives_frequency_and_wins_over_an_entered_value(
    database: Database, service: Prioritisation, team: Team
) -> None:
    journey = add_journey(database, team)
    enter(service, team, journey, "frequency=10", "pay:frequency=5")
    before = service.journey_scores(team.owner, team.ws, journey)
    frequency = next(c for c in before.journey.contributions if c.criterion == Criterion.FREQUENCY)
    assert (frequency.raw, frequency.source) == (10, InputSource.ENTERED)
    KeyMetrics(database).add_analysis(team.editor, team.ws, journey, analysis())
    after = service.journey_scores(team.owner, team.ws, journey)
    frequency = next(c for c in after.journey.contributions if c.criterion == Criterion.FREQUENCY)
    assert (frequency.raw, frequency.source) == (200, InputSource.EVENT_LOG)
    pay = next(s for s in after.parts if s.subject_id == "pay")
    pay_frequency = next(c for c in pay.contributions if c.criterion == Criterion.FREQUENCY)
    assert (pay_frequency.raw, pay_frequency.source) == (100, InputSource.EVENT_LOG)


def test_journey_scores_list_stages_then_their_steps_in_map_order(
    database: Database, service: Prioritisation, team: Team
) -> None:
    journey = add_journey(database, team)
    enter(service, team, journey, "pay:experience=-2", "buy:strategy=5")
    scores = service.journey_scores(team.owner, team.ws, journey)
    assert [(s.subject_kind, s.subject_id) for s in scores.parts] == [
        (SubjectKind.STAGE, "find"),
        (SubjectKind.STEP, "search"),
        (SubjectKind.STEP, "view"),
        (SubjectKind.STAGE, "buy"),
        (SubjectKind.STEP, "pay"),
    ]
    by_id = {s.subject_id: s for s in scores.parts}
    assert by_id["pay"].value == 100  # experience -2 -> 1.0, the only criterion
    # buy: strategy 5 (1.0) and the pooled experience of pay (-2 -> 1.0)
    assert by_id["buy"].value == 100
    assert by_id["search"].value == 26  # emotion 1 -> (2 - 1) / 4 = 0.25 -> 1 + 24.75
    # the journey pools its steps: entered -2 at pay, map emotions 1 and 0 -> mean -1/3
    experience = next(
        c for c in scores.journey.contributions if c.criterion == Criterion.EXPERIENCE
    )
    assert experience.raw == pytest.approx(-1 / 3)


def test_sensitivity_names_the_weights_that_reorder_the_ranking(
    service: Prioritisation, team: Team, database: Database
) -> None:
    # Equal scores, broken by id: alpha (cost 1.0) first, beta (strategy 1.0) second.
    alpha = add_journey(database, team, "alpha")
    beta = add_journey(database, team, "beta")
    enter(service, team, alpha, "cost=1000", "strategy=1")
    enter(service, team, beta, "cost=0", "strategy=5")
    assert ranking(service, team) == [("alpha", 51), ("beta", 51)]
    report = service.sensitivity(team.owner, team.ws)
    assert report.sensitivity.baseline == ["alpha", "beta"]
    moved = {
        (shift.criterion, round(shift.factor, 6)): [
            (m.subject_id, m.from_rank, m.to_rank) for m in shift.moves
        ]
        for shift in report.sensitivity.shifts
        if shift.moves
    }
    # cost x 0.8: alpha 1 + 99 x 1.3 / 2.8 = 46.96, beta 1 + 99 x 1.5 / 2.8 = 54.04;
    # cost x 1.2 widens alpha's lead; strategy works the other way round; experience is
    # equal for both and sales and frequency are missing for both: no moves.
    assert moved == {
        (Criterion.COST, 0.8): [("alpha", 1, 2), ("beta", 2, 1)],
        (Criterion.STRATEGY, 1.2): [("alpha", 1, 2), ("beta", 2, 1)],
    }
    assert not report.sensitivity.stable


def test_priorities_rank_each_stage_by_impact_with_the_value_per_customer(
    database: Database, service: Prioritisation, team: Team
) -> None:
    journey = add_journey(database, team)
    before = service.priorities(team.owner, team.ws, journey)
    assert [(s.stage, [i.id for i in s.items]) for s in before.stages] == [
        ("find", []),
        ("buy", ["one-click"]),  # it carries the pain it fixes (slow-pay, severity 3)
    ]
    fix = before.stages[1].items[0]
    # volume 1 (unknown) x negativity 3 / 5 x value 1 / effort 3 (unknown)
    assert fix.expected_impact == pytest.approx(0.2)
    enter(service, team, journey, "sales=10000")
    KeyMetrics(database).add_analysis(team.editor, team.ws, journey, analysis())
    after = service.priorities(team.owner, team.ws, journey).stages[1].items[0]
    # 100 cases reach pay; value 10000 / 200 journeys = 50 per customer
    assert (after.volume, after.value) == (100, 50)
    assert after.expected_impact == pytest.approx(100 * 0.6 * 50 / 3)


def test_inputs_are_checked_and_versioned(
    database: Database, service: Prioritisation, team: Team
) -> None:
    journey = add_journey(database, team)
    with pytest.raises(InvalidInputError) as raised:
        service.replace_inputs(
            team.editor,
            team.ws,
            journey,
            {"journey": {"experience": {"value": 3}}, "parts": {"nowhere": {}}},
            expected=1,
        )
    assert sorted(p.dotted_path for p in raised.value.problems) == ["journey.experience"]
    with pytest.raises(InvalidInputError) as raised:
        service.replace_inputs(
            team.editor, team.ws, journey, {"parts": {"nowhere": {}}}, expected=1
        )
    assert [p.dotted_path for p in raised.value.problems] == ["parts.nowhere"]
    with pytest.raises(InvalidInputError) as raised:
        service.replace_inputs(
            team.editor,
            team.ws,
            journey,
            {"journey": {"frequency": {"value": 5, "source": "event_log"}}},
            expected=1,
        )
    assert [p.dotted_path for p in raised.value.problems] == ["journey.frequency.source"]
    saved = service.replace_inputs(team.editor, team.ws, journey, {}, expected=1)
    assert saved.version == 1  # nothing entered is still nothing entered
    enter(service, team, journey, "cost=5")
    with pytest.raises(ConflictError):
        service.replace_inputs(team.editor, team.ws, journey, {}, expected=1)


def test_a_typed_input_names_what_is_wrong() -> None:
    with pytest.raises(InvalidInputError, match="unknown criterion 'speed'"):
        parse_input_change("speed=3")
    with pytest.raises(InvalidInputError, match="'fast' is not a number"):
        parse_input_change("pay:cost=fast")
    change = parse_input_change("pay:Experience=-1.5")
    assert (change.part, change.criterion, change.value) == ("pay", Criterion.EXPERIENCE, -1.5)


def test_viewers_read_scores_but_only_editors_change_weights_and_inputs(
    database: Database, service: Prioritisation, team: Team, viewer: UUID
) -> None:
    journey = add_journey(database, team)
    assert service.scoreboard(viewer, team.ws).ranking[0].journey_id == journey
    with pytest.raises(PermissionDeniedError):
        service.save_weights(viewer, team.ws, {Criterion.COST: 2})
    with pytest.raises(PermissionDeniedError):
        service.change_inputs(viewer, team.ws, journey, [parse_input_change("cost=1")])
    with pytest.raises(InvalidInputError) as raised:
        service.save_weights(team.owner, team.ws, dict.fromkeys(Criterion, 0.0))
    assert "at least one weight" in raised.value.problems[0].message


def test_a_ranking_follows_every_new_version_and_the_bin(
    database: Database, service: Prioritisation, team: Team
) -> None:
    """Parsed journeys are kept by version: a change is a new version, read afresh."""
    journey = add_journey(database, team)
    add_journey(database, team, "other")
    assert ranking(service, team) == [("checkout", 51), ("other", 51)]  # mean emotion 0
    worse = make_journey()
    for stage in worse.stages:
        for step in stage.steps:
            step.emotion = -2
    with database.writing() as session:
        Journeys(session).update(team.ws, journey, worse, expected_version=1, by=None)
    assert ranking(service, team) == [("checkout", 100), ("other", 51)]
    with database.writing() as session:
        Journeys(session).delete(team.ws, journey, by=None, expected_version=2)
    assert ranking(service, team) == [("other", 51)]
