"""Sensitivity: which ranks move when one weight moves by ±20 %."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmap.model.errors import InvalidInputError
from cxmap.model.priorities import (
    Criterion,
    RankMove,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
    SubjectKind,
)
from cxmap.scoring.scores import rank, score_inputs
from cxmap.scoring.sensitivity import sensitivity

SCALE = ScoreScale()


def inputs(strategy: float, experience: float) -> ScoreInputs:
    return ScoreInputs.model_validate(
        {"strategic_contribution": {"value": strategy}, "experience": {"value": experience}}
    )


# A: strategy 3.4 -> 0.6, experience 0.4 -> 0.4.   B: strategy 2.6 -> 0.4, experience -0.4 -> 0.6.
# Equal weights: both (0.6 + 0.4) / 2 = 0.5 -> 50.5 -> 51, a tie broken by id: A, B.
# Strategy x 0.8: A (0.48 + 0.4) / 1.8 = 0.4889 -> 49.4 -> 49; B (0.32 + 0.6) / 1.8 = 0.5111
#   -> 51.6 -> 52: B overtakes A.
# Strategy x 1.2: A (0.72 + 0.4) / 2.2 = 0.5091 -> 51.4 -> 51; B (0.48 + 0.6) / 2.2 = 0.4909
#   -> 49.6 -> 50: the order stays.
# Experience x 0.8 / x 1.2 mirror these: x 1.2 favours B, x 0.8 favours A.
CLOSE = {"A": inputs(3.4, 0.4), "B": inputs(2.6, -0.4)}


def moves_of(
    result_shifts: list[tuple[Criterion, float, list[RankMove]]],
) -> dict[tuple[str, float], list[tuple[str, int, int]]]:
    return {
        (criterion.value, round(factor, 2)): [(m.subject_id, m.from_rank, m.to_rank) for m in moves]
        for criterion, factor, moves in result_shifts
    }


def test_a_close_ranking_is_reported_as_sensitive_by_hand() -> None:
    result = sensitivity(CLOSE, ScoreWeights(), SCALE)
    assert result.baseline == ["A", "B"]
    assert not result.stable
    moves = moves_of([(s.criterion, s.factor, s.moves) for s in result.shifts])
    swap = [("A", 1, 2), ("B", 2, 1)]
    assert moves[("strategy", 0.8)] == swap
    assert moves[("strategy", 1.2)] == []
    assert moves[("experience", 1.2)] == swap
    assert moves[("experience", 0.8)] == []
    # cost, sales and frequency are missing for both: their weights change nothing
    for criterion in ("cost", "sales", "frequency"):
        assert moves[(criterion, 0.8)] == moves[(criterion, 1.2)] == []
    assert len(result.shifts) == 10


def test_a_clear_ranking_is_stable() -> None:
    clear = {"A": inputs(5, -2), "B": inputs(1, 2), "C": inputs(3, 0)}
    result = sensitivity(clear, ScoreWeights(), SCALE)
    assert result.baseline == ["A", "C", "B"]
    assert result.stable


@pytest.mark.parametrize("delta", [0, 1, -0.2, 1.5])
def test_delta_must_be_a_share_below_one(delta: float) -> None:
    with pytest.raises(InvalidInputError, match="delta: must be between 0 and 1"):
        sensitivity(CLOSE, ScoreWeights(), SCALE, delta=delta)


strategy_values = st.floats(min_value=1, max_value=5)
experience_values = st.floats(min_value=-2, max_value=2)


@given(
    st.dictionaries(
        st.text("abcdef", min_size=1, max_size=2),
        st.tuples(strategy_values, experience_values),
        max_size=8,
    ),
    st.floats(min_value=0.25, max_value=4),
)
def test_baseline_and_moves_agree_with_rank(
    raw: dict[str, tuple[float, float]], strategy_weight: float
) -> None:
    journeys = {subject: inputs(s, e) for subject, (s, e) in raw.items()}
    weights = ScoreWeights(strategy=strategy_weight)
    result = sensitivity(journeys, weights, SCALE)

    def order(w: ScoreWeights) -> list[str]:
        scores = [
            score_inputs(SubjectKind.JOURNEY, subject, subject, given_inputs, w, SCALE)
            for subject, given_inputs in journeys.items()
        ]
        return [score.subject_id for score in rank(scores)]

    assert result.baseline == order(weights)
    for shift in result.shifts:
        shifted = order(weights.scaled(shift.criterion, shift.factor))
        expected = [
            (subject, i + 1, shifted.index(subject) + 1)
            for i, subject in enumerate(result.baseline)
            if shifted.index(subject) != i
        ]
        assert [(m.subject_id, m.from_rank, m.to_rank) for m in shift.moves] == expected
