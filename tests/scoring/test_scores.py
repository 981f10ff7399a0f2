"""Scores: every formula worked out by hand, then the properties that must hold for any input.

The hand-checked numbers use references that are powers of ten minus one, so the log-scale
shares come out as simple fractions: log10(1 + 99) / log10(1 + 999) = 2 / 3.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmap.model.journey import Journey
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    Criterion,
    InputSource,
    Score,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
    SourcedValue,
    SubjectKind,
)
from cxmap.scoring.scores import (
    normalise,
    rank,
    round_half_up,
    score_inputs,
    score_journey,
)

SCALE = ScoreScale(cost_reference=999, sales_reference=999_999, frequency_reference=999_999)
EQUAL = ScoreWeights()


def inputs(**values: float) -> ScoreInputs:
    return ScoreInputs.model_validate({k: {"value": v} for k, v in values.items()})


def value_of(given_inputs: ScoreInputs, weights: ScoreWeights = EQUAL) -> int | None:
    return score_inputs(SubjectKind.JOURNEY, "j", "j", given_inputs, weights, SCALE).value


# --- hand-checked formulas -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "raw", "expected"),
    [
        # cost: log10(1 + 99) / log10(1 + 999) = 2 / 3; no cost scores 0; above the reference 1
        (Criterion.COST, 99, 2 / 3),
        (Criterion.COST, 0, 0.0),
        (Criterion.COST, 5_000, 1.0),
        # sales: log10(1 + 9_999) / log10(1 + 999_999) = 4 / 6
        (Criterion.SALES, 9_999, 4 / 6),
        # frequency: log10(1 + 999) / log10(1 + 999_999) = 3 / 6
        (Criterion.FREQUENCY, 999, 0.5),
        # strategy: (s - 1) / 4: 1 -> 0, 3 -> 0.5, 5 -> 1
        (Criterion.STRATEGY, 1, 0.0),
        (Criterion.STRATEGY, 3, 0.5),
        (Criterion.STRATEGY, 5, 1.0),
        # experience: (2 - e) / 4: delight (2) -> 0, neutral -> 0.5, -1 -> 0.75, -2 -> 1
        (Criterion.EXPERIENCE, 2, 0.0),
        (Criterion.EXPERIENCE, 0, 0.5),
        (Criterion.EXPERIENCE, -1, 0.75),
        (Criterion.EXPERIENCE, -2, 1.0),
    ],
)
def test_each_normalisation_by_hand(criterion: Criterion, raw: float, expected: float) -> None:
    assert normalise(criterion, raw, SCALE)[0] == pytest.approx(expected)


def test_the_formula_text_shows_the_numbers() -> None:
    assert normalise(Criterion.COST, 99, SCALE)[1] == (
        "min(1, log10(1 + 99) / log10(1 + 999)) = 0.667"
    )
    assert normalise(Criterion.EXPERIENCE, -1, SCALE)[1] == "(2 - (-1)) / 4 = 0.750"


def test_all_five_criteria_with_equal_weights() -> None:
    # cost 99 -> 2/3, sales 9 -> log10(10)/6 = 1/6, strategy 5 -> 1, frequency 999 -> 1/2,
    # experience -2 -> 1. Mean = (4/6 + 1/6 + 6/6 + 3/6 + 6/6) / 5 = (20/6) / 5 = 2/3.
    # 1 + 99 x 2/3 = 67.
    score = score_inputs(
        SubjectKind.JOURNEY,
        "j",
        "j",
        inputs(
            cost_per_customer=99,
            potential_sales=9,
            strategic_contribution=5,
            frequency=999,
            experience=-2,
        ),
        EQUAL,
        SCALE,
    )
    assert score.value == 67
    assert score.missing == []
    points = {c.criterion: c.points for c in score.contributions}
    # each criterion has a fifth of the weight: 99 x 1/5 x n
    assert points[Criterion.COST] == pytest.approx(99 / 5 * 2 / 3)  # 13.2
    assert points[Criterion.SALES] == pytest.approx(99 / 5 / 6)  # 3.3
    assert points[Criterion.STRATEGY] == pytest.approx(19.8)
    assert 1 + sum(points.values()) == pytest.approx(67.0)
    assert score.formula.endswith("= 67.00 -> 67")


def test_missing_criteria_are_left_out_and_the_weights_renormalised() -> None:
    # strategy 3 -> 0.5 with weight 3, experience 2 -> 0 with weight 1; cost, sales and
    # frequency missing. (3 x 0.5 + 1 x 0) / (3 + 1) = 0.375; 1 + 99 x 0.375 = 38.125 -> 38.
    weights = ScoreWeights(strategy=3, experience=1)
    score = score_inputs(
        SubjectKind.STEP,
        "pay",
        "shop",
        inputs(strategic_contribution=3, experience=2),
        weights,
        SCALE,
    )
    assert score.value == 38
    assert score.missing == [Criterion.COST, Criterion.SALES, Criterion.FREQUENCY]
    assert score.missing_count == 3
    shares = {c.criterion: c.weight_share for c in score.contributions}
    assert shares[Criterion.STRATEGY] == pytest.approx(0.75)
    assert shares[Criterion.COST] == 0.0
    cost = next(c for c in score.contributions if c.criterion == Criterion.COST)
    assert cost.missing
    assert cost.raw is None
    assert cost.normalised is None
    assert "missing" in cost.formula


def test_a_missing_criterion_is_not_a_zero() -> None:
    # Strategy 3 alone: 1 + 99 x 0.5 = 50.5 -> 51 (half up). Were the missing experience
    # counted as 0 the score would be 1 + 99 x 0.25 = 25.75 -> 26.
    assert value_of(inputs(strategic_contribution=3)) == 51
    assert value_of(inputs(strategic_contribution=3, experience=2)) == 26


def test_rounding_is_half_up() -> None:
    assert round_half_up(50.5) == 51
    assert round_half_up(50.49) == 50
    assert round_half_up(1.5) == 2
    assert round_half_up(2.5) == 3  # not 2 as with round(), which rounds half to even


def test_nothing_to_score_is_none_not_one() -> None:
    assert value_of(ScoreInputs()) is None
    # experience present but weighted 0: still nothing counts
    only_experience_weighted_zero = ScoreWeights(experience=0)
    assert value_of(inputs(experience=-2), only_experience_weighted_zero) is None


def test_score_journey_takes_frequency_from_the_event_log() -> None:
    journey = Journey(id="shop", title="Shop")
    mined = MiningResult(
        cases=999, events=5000, start_activities={}, end_activities={}, dfg=[], variants=[]
    )
    score = score_journey(journey, inputs(strategic_contribution=5), EQUAL, SCALE, mined=mined)
    frequency = next(c for c in score.contributions if c.criterion == Criterion.FREQUENCY)
    assert frequency.source == InputSource.EVENT_LOG
    assert frequency.raw == 999
    # (1 + 0.5) / 2 = 0.75 -> 1 + 74.25 = 75.25 -> 75
    assert score.value == 75
    entered = inputs(strategic_contribution=5, frequency=0)
    kept = score_journey(journey, entered, EQUAL, SCALE, mined=mined)
    assert kept.value == 51  # (1 + 0) / 2 -> 50.5 -> 51: what was entered wins


# --- properties ------------------------------------------------------------------------------

RANGES: dict[Criterion, tuple[float, float]] = {
    Criterion.COST: (0, 1e7),
    Criterion.SALES: (0, 1e9),
    Criterion.STRATEGY: (1, 5),
    Criterion.FREQUENCY: (0, 1e9),
    Criterion.EXPERIENCE: (-2, 2),
}
FIELDS = {
    Criterion.COST: "cost_per_customer",
    Criterion.SALES: "potential_sales",
    Criterion.STRATEGY: "strategic_contribution",
    Criterion.FREQUENCY: "frequency",
    Criterion.EXPERIENCE: "experience",
}


def raw_values(criterion: Criterion) -> st.SearchStrategy[float]:
    low, high = RANGES[criterion]
    return st.floats(min_value=low, max_value=high, allow_nan=False)


@st.composite
def score_inputs_strategy(draw: st.DrawFn) -> ScoreInputs:
    values = {
        FIELDS[c]: {"value": v}
        for c in Criterion
        if (v := draw(st.none() | raw_values(c))) is not None
    }
    return ScoreInputs.model_validate(values)


#: Weights on a grid of quarters, so a weight step is never vanishingly small.
grid_weights = st.integers(min_value=0, max_value=32).map(lambda q: q / 4)


@st.composite
def weights_strategy(draw: st.DrawFn) -> ScoreWeights:
    values = {c.value: draw(grid_weights) for c in Criterion}
    if not any(values.values()):
        values[draw(st.sampled_from(list(Criterion))).value] = 1.0
    return ScoreWeights.model_validate(values)


@given(score_inputs_strategy(), weights_strategy())
def test_a_score_is_within_1_and_100_or_none_when_nothing_counts(
    given_inputs: ScoreInputs, weights: ScoreWeights
) -> None:
    value = value_of(given_inputs, weights)
    counted = [c for c in Criterion if given_inputs.of(c) is not None and weights.of(c) > 0]
    if counted:
        assert value is not None
        assert 1 <= value <= 100
    else:
        assert value is None


@given(
    score_inputs_strategy(),
    weights_strategy(),
    st.sampled_from(list(Criterion)),
    st.data(),
)
def test_a_score_never_falls_when_a_criterion_gets_more_pressing(
    given_inputs: ScoreInputs, weights: ScoreWeights, criterion: Criterion, data: st.DataObject
) -> None:
    """More cost, sales, strategy or frequency, or a worse experience, never lowers it."""
    a, b = sorted([data.draw(raw_values(criterion)), data.draw(raw_values(criterion))])
    if criterion == Criterion.EXPERIENCE:
        a, b = b, a  # from the better experience to the worse one
    field = FIELDS[criterion]
    lower = given_inputs.model_copy(update={field: SourcedValue(value=a)})
    higher = given_inputs.model_copy(update={field: SourcedValue(value=b)})
    assert (value_of(lower, weights) or 0) <= (value_of(higher, weights) or 0)


def _others_mean(
    given_inputs: ScoreInputs, weights: ScoreWeights, criterion: Criterion
) -> float | None:
    others = [
        (weights.of(c), normalise(c, sourced.value, SCALE)[0])
        for c in Criterion
        if c != criterion and (sourced := given_inputs.of(c)) is not None
    ]
    total = sum(w for w, _ in others)
    return sum(w * n for w, n in others) / total if total > 0 else None


@given(
    score_inputs_strategy(),
    weights_strategy(),
    st.sampled_from(list(Criterion)),
    st.integers(min_value=1, max_value=32),
)
def test_a_weight_moves_the_score_towards_its_criterion(
    given_inputs: ScoreInputs, weights: ScoreWeights, criterion: Criterion, quarters: int
) -> None:
    """What monotonicity in a weight can honestly mean.

    The score is a weighted mean, so giving criterion i more weight pulls the score towards
    its own normalised value n_i: d score / d w_i has the sign of n_i - (the weighted mean
    of the other criteria present). A heavier weight raises the score exactly when the
    criterion is above the others' mean and lowers it when below. (A margin of 1e-6 keeps
    the test off the knife-edge where both are equal and the score does not move at all.)
    """
    sourced = given_inputs.of(criterion)
    others = _others_mean(given_inputs, weights, criterion)
    if sourced is None or others is None:
        return
    own = normalise(criterion, sourced.value, SCALE)[0]
    heavier = weights.model_copy(update={criterion.value: weights.of(criterion) + quarters / 4})
    before, after = value_of(given_inputs, weights), value_of(given_inputs, heavier)
    assert before is not None
    assert after is not None
    if own > others + 1e-6:
        assert after >= before
    elif own < others - 1e-6:
        assert after <= before


def test_a_heavier_weight_lowers_the_score_of_a_criterion_below_the_others() -> None:
    # strategy 5 -> 1, experience 2 -> 0. Equal weights: 1 + 99 x 0.5 = 50.5 -> 51.
    # Experience weight 3: (1 + 0) / 4 = 0.25 -> 25.75 -> 26. Not monotone in general.
    given_inputs = inputs(strategic_contribution=5, experience=2)
    assert value_of(given_inputs) == 51
    assert value_of(given_inputs, ScoreWeights(experience=3)) == 26
    # and strategy, above the others' mean, raises it: (3 x 1 + 1 x 0) / 4 = 0.75 -> 75.25 -> 75
    assert value_of(given_inputs, ScoreWeights(strategy=3)) == 75


def _score(subject: str, value: int | None) -> Score:
    return Score(
        subject_kind=SubjectKind.JOURNEY, subject_id=subject, journey_id=subject, value=value
    )


@given(
    st.lists(
        st.tuples(st.text("abc", min_size=1, max_size=3), st.none() | st.integers(1, 4)),
        unique_by=lambda pair: pair[0],
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_ties_are_broken_by_subject_id_whatever_the_input_order(
    pairs: list[tuple[str, int | None]], shuffler: random.Random
) -> None:
    scores = [_score(subject, value) for subject, value in pairs]
    shuffled = list(scores)
    shuffler.shuffle(shuffled)
    ranked = rank(scores)
    assert rank(shuffled) == ranked
    keys = [(s.value is None, -(s.value or 0), s.subject_id) for s in ranked]
    assert keys == sorted(keys)


def test_rank_puts_higher_values_first_then_ids_then_unscored() -> None:
    ranked = rank([_score("b", 40), _score("c", None), _score("a", 40), _score("d", 90)])
    assert [s.subject_id for s in ranked] == ["d", "a", "b", "c"]
