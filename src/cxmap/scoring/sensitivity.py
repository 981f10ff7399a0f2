"""How robust the journey ranking is: which ranks change if one weight moves by ±20 %.

A team sets weights by judgement; if nudging one of them reorders the top journeys, the
ranking rests on that judgement more than on the data, and the view says so. Ranks are
taken from the integer scores people see (ties broken by id as in `rank`), so a change
below one point does not count as a move. Inputs are normalised once; only the weighted
means are recomputed for each of the 2 x 5 shifted weightings.
"""

from __future__ import annotations

from collections.abc import Mapping

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.priorities import (
    Criterion,
    RankMove,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
    Sensitivity,
    WeightShift,
)
from cxmap.scoring.scores import normalise, score_value

Normalised = dict[Criterion, float]


def _normalised(inputs: ScoreInputs, scale: ScoreScale) -> Normalised:
    values = {}
    for criterion in Criterion:
        sourced = inputs.of(criterion)
        if sourced is not None:
            values[criterion] = normalise(criterion, sourced.value, scale)[0]
    return values


def _ranking(normalised: Mapping[str, Normalised], weights: ScoreWeights) -> list[str]:
    def key(subject: str) -> tuple[bool, int, str]:
        value = score_value(normalised[subject], weights)
        return (value is None, -(value or 0), subject)

    return sorted(normalised, key=key)


def _moves(baseline: list[str], shifted: list[str]) -> list[RankMove]:
    position = {subject: rank for rank, subject in enumerate(shifted, start=1)}
    return [
        RankMove(subject_id=subject, from_rank=rank, to_rank=position[subject])
        for rank, subject in enumerate(baseline, start=1)
        if position[subject] != rank
    ]


def sensitivity(
    inputs_by_journey: Mapping[str, ScoreInputs],
    weights: ScoreWeights,
    scale: ScoreScale,
    delta: float = 0.2,
) -> Sensitivity:
    """For each criterion, the rank moves when its weight is x(1 - delta) and x(1 + delta).

    A weight of 0 stays 0 (moving it by a share changes nothing), and so its moves are
    empty. If the shift leaves no weight above 0 the weighting is not valid, so `delta`
    must be below 1.
    """
    if not 0 < delta < 1:
        raise InvalidInputError([Problem(("delta",), f"must be between 0 and 1, not {delta:g}")])
    normalised = {
        subject: _normalised(inputs, scale) for subject, inputs in inputs_by_journey.items()
    }
    baseline = _ranking(normalised, weights)
    shifts = []
    for criterion in Criterion:
        for factor in (1 - delta, 1 + delta):
            shifted = _ranking(normalised, weights.scaled(criterion, factor))
            shifts.append(
                WeightShift(criterion=criterion, factor=factor, moves=_moves(baseline, shifted))
            )
    return Sensitivity(delta=delta, baseline=baseline, shifts=shifts)
