"""Priority scores 1..100 of journeys, stages and steps, with every step of the sum shown.

A score is a weighted mean of normalised criteria (each 0..1, see `ScoreScale` for the
formulas), mapped onto 1..100:

    points_i = 99 x (w_i / W) x n_i       W = sum of the weights of the criteria present
    value    = floor(1 + sum(points_i) + 0.5)     (round half up, so 50.5 -> 51)

A missing criterion is left out of both sums (the weights are renormalised over the
criteria present) and listed in `Score.missing`; it never counts as a zero. Every operation
is monotone in floating point (products, sums, division by a fixed W, floor), so raising
one criterion's normalised value never lowers the score, exactly, not just on paper.

Experience of a step comes from its evidence when there is any (the derived emotion, else
the mean sentiment x 2), else from an entered value, else from the emotion drawn on the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey, Step
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    Criterion,
    CriterionContribution,
    InputSource,
    Score,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
    SourcedValue,
    SubjectKind,
)

#: Points shared out between the criteria: a score runs from 1 (all 0) to 100 (all 1).
SPAN = 99


def _log_share(value: float, reference: float) -> float:
    return min(1.0, math.log10(1.0 + value) / math.log10(1.0 + reference))


def normalise(criterion: Criterion, raw: float, scale: ScoreScale) -> tuple[float, str]:
    """The criterion's raw value on 0..1 (1 = most pressing), and the formula with numbers."""
    if criterion == Criterion.STRATEGY:
        value = (raw - 1.0) / 4.0
        return value, f"({raw:g} - 1) / 4 = {value:.3f}"
    if criterion == Criterion.EXPERIENCE:
        value = (2.0 - raw) / 4.0
        return value, f"(2 - ({raw:g})) / 4 = {value:.3f}"
    reference = {
        Criterion.COST: scale.cost_reference,
        Criterion.SALES: scale.sales_reference,
        Criterion.FREQUENCY: scale.frequency_reference,
    }[criterion]
    value = _log_share(raw, reference)
    return value, f"min(1, log10(1 + {raw:g}) / log10(1 + {reference:g})) = {value:.3f}"


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


#: The criteria in their fixed order (iterating the enum itself is slow in a hot loop).
CRITERIA: tuple[Criterion, ...] = tuple(Criterion)
#: A subject's raw inputs that are present, by criterion.
Values = Mapping[Criterion, SourcedValue]


def score_value(normalised: Mapping[Criterion, float], weights: ScoreWeights) -> int | None:
    """The 1..100 value of criteria already normalised; None when no weight counts.

    Criteria are summed in `Criterion` order, so the same inputs give the same bits.
    """
    total = weighted = 0.0
    for criterion in CRITERIA:
        if criterion in normalised:
            weight = weights.of(criterion)
            total += weight
            weighted += weight * normalised[criterion]
    if total <= 0:
        return None
    return round_half_up(1.0 + SPAN * min(1.0, weighted / total))


def _contributions(
    values: Values, weights: ScoreWeights, scale: ScoreScale
) -> list[CriterionContribution]:
    total = sum(weights.of(c) for c in CRITERIA if c in values)
    parts = []
    for criterion in CRITERIA:
        sourced = values.get(criterion)
        weight = weights.of(criterion)
        if sourced is None:
            parts.append(_missing(criterion, weight))
            continue
        normalised, formula = normalise(criterion, sourced.value, scale)
        share = weight / total if total > 0 else 0.0
        parts.append(
            CriterionContribution(
                criterion=criterion,
                raw=sourced.value,
                source=sourced.source,
                normalised=normalised,
                weight=weight,
                weight_share=share,
                points=SPAN * share * normalised,
                formula=formula,
                missing=False,
            )
        )
    return parts


@lru_cache(maxsize=256)
def _missing(criterion: Criterion, weight: float) -> CriterionContribution:
    """The same few records for every missing criterion (they are immutable)."""
    return CriterionContribution(
        criterion=criterion,
        raw=None,
        source=None,
        normalised=None,
        weight=weight,
        weight_share=0.0,
        points=0.0,
        formula="missing: left out, the other weights renormalised",
        missing=True,
    )


def _summary(parts: list[CriterionContribution], value: int | None) -> str:
    present = [p for p in parts if not p.missing]
    if value is None:
        return "no criterion with a weight above 0 has a value: nothing to score"
    terms = " + ".join(f"{p.weight:g} x {p.normalised:.3f}" for p in present)
    weights = " + ".join(f"{p.weight:g}" for p in present)
    exact = 1.0 + sum(p.points for p in present)
    return f"1 + {SPAN} x ({terms}) / ({weights}) = {exact:.2f} -> {value}"


def present_values(inputs: ScoreInputs) -> dict[Criterion, SourcedValue]:
    return {c: v for c in CRITERIA if (v := inputs.of(c)) is not None}


def score_values(
    kind: SubjectKind,
    subject_id: str,
    journey_id: str,
    values: Values,
    weights: ScoreWeights,
    scale: ScoreScale,
) -> Score:
    """The score of one subject from the raw inputs it has."""
    parts = _contributions(values, weights, scale)
    normalised = {p.criterion: p.normalised for p in parts if p.normalised is not None}
    value = score_value(normalised, weights)
    return Score(
        subject_kind=kind,
        subject_id=subject_id,
        journey_id=journey_id,
        value=value,
        contributions=parts,
        missing=[p.criterion for p in parts if p.missing],
        formula=_summary(parts, value),
    )


def score_inputs(
    kind: SubjectKind,
    subject_id: str,
    journey_id: str,
    inputs: ScoreInputs,
    weights: ScoreWeights,
    scale: ScoreScale,
) -> Score:
    """The score of one subject from its entered (or derived) inputs."""
    return score_values(kind, subject_id, journey_id, present_values(inputs), weights, scale)


def score_journey(
    journey: Journey,
    inputs: ScoreInputs,
    weights: ScoreWeights,
    scale: ScoreScale,
    *,
    mined: MiningResult | None = None,
) -> Score:
    """The journey's score; with `mined` and no frequency entered, frequency = cases in the
    event log (source `event_log`)."""
    if inputs.frequency is None and mined is not None and mined.cases > 0:
        note = f"{mined.cases} cases in the event log"
        frequency = SourcedValue(value=mined.cases, source=InputSource.EVENT_LOG, note=note)
        inputs = inputs.model_copy(update={"frequency": frequency})
    return score_inputs(SubjectKind.JOURNEY, journey.id, journey.id, inputs, weights, scale)


def evidence_experience(evidence: StepEvidence | None) -> SourcedValue | None:
    """A step's experience on -2..2 from its evidence: derived emotion, else sentiment x 2."""
    if evidence is None:
        return None
    if evidence.emotion is not None:
        mean, n, what = evidence.emotion.mean, evidence.emotion.n, "derived emotion"
    elif evidence.sentiment is not None:
        mean, n, what = 2 * evidence.sentiment.mean, evidence.sentiment.n, "sentiment x 2"
    else:
        return None
    value = max(-2.0, min(2.0, mean))
    return SourcedValue(value=value, source=InputSource.EVIDENCE, note=f"{what}, n={n}")


def _step_experience(
    step: Step, entered: ScoreInputs, evidence: Mapping[str, StepEvidence]
) -> tuple[SourcedValue | None, int]:
    """The step's experience and the number of evidence answers it rests on."""
    found = evidence_experience(evidence.get(step.id))
    if found is not None:
        return found, max(1, _n_of(evidence[step.id]))
    if entered.experience is not None:
        return entered.experience, 0
    if step.emotion is not None:
        return SourcedValue(value=step.emotion, note="emotion on the map"), 0
    return None, 0


def _n_of(evidence: StepEvidence) -> int:
    mean = evidence.emotion or evidence.sentiment
    return mean.n if mean is not None else 0


def _stage_experience(
    experiences: list[tuple[SourcedValue | None, int]],
) -> SourcedValue | None:
    """Evidence of the stage's steps, weighted by n; else the mean of its steps' values."""
    weighted = [(v.value, n) for v, n in experiences if v is not None and n]
    plain = [v.value for v, n in experiences if v is not None and not n]
    if weighted:
        n = sum(k for _, k in weighted)
        mean = sum(v * k for v, k in weighted) / n
        note = f"evidence of {len(weighted)} steps, n={n}"
        return SourcedValue(value=max(-2.0, min(2.0, mean)), source=InputSource.EVIDENCE, note=note)
    if plain:
        mean = sum(plain) / len(plain)
        return SourcedValue(value=mean, note=f"mean of {len(plain)} steps' experience")
    return None


def _step_cases(mined: MiningResult | None) -> dict[str, int]:
    if mined is None or mined.funnel is None:
        return {}
    return {step.step: step.cases for step in mined.funnel.steps}


def _part_values(
    entered: ScoreInputs, experience: SourcedValue | None, cases: int | None
) -> dict[Criterion, SourcedValue]:
    """Entered inputs with the experience replaced and the frequency defaulted to cases."""
    values = present_values(entered)
    values.pop(Criterion.EXPERIENCE, None)
    if experience is not None:
        values[Criterion.EXPERIENCE] = experience
    if Criterion.FREQUENCY not in values and cases is not None:
        note = f"{cases} cases reached it in the event log"
        values[Criterion.FREQUENCY] = SourcedValue(
            value=cases, source=InputSource.EVENT_LOG, note=note
        )
    return values


def score_parts(
    journey: Journey,
    inputs_by_part: Mapping[str, ScoreInputs],
    evidence: Mapping[str, StepEvidence],
    weights: ScoreWeights,
    scale: ScoreScale,
    *,
    mined: MiningResult | None = None,
) -> list[Score]:
    """Scores of every stage and step (stage first, then its steps, in map order).

    `inputs_by_part` is keyed by stage or step id. Experience comes from the evidence where
    there is any (an entered experience of a step with evidence is overridden, and the
    source says so); a stage's experience pools its steps'. With `mined`, a step's
    frequency defaults to the cases that reached it, a stage's to its busiest step's.
    """
    cases = _step_cases(mined)
    nothing = ScoreInputs()
    scores = []
    for stage in journey.stages:
        entered = [inputs_by_part.get(step.id, nothing) for step in stage.steps]
        experiences = [
            _step_experience(step, own, evidence)
            for step, own in zip(stage.steps, entered, strict=True)
        ]
        stage_cases = [cases[s.id] for s in stage.steps if s.id in cases]
        stage_values = _part_values(
            inputs_by_part.get(stage.id, nothing),
            _stage_experience(experiences),
            max(stage_cases) if stage_cases else None,
        )
        scores.append(
            score_values(SubjectKind.STAGE, stage.id, journey.id, stage_values, weights, scale)
        )
        for step, own, (experience, _) in zip(stage.steps, entered, experiences, strict=True):
            values = _part_values(own, experience, cases.get(step.id))
            scores.append(
                score_values(SubjectKind.STEP, step.id, journey.id, values, weights, scale)
            )
    return scores


def rank_key(score: Score) -> tuple[bool, int, str, str, str]:
    """Highest value first, unscored last, then subject id, journey id and kind: a total
    order, so equal values always come out in the same order."""
    value = score.value if score.value is not None else 0
    return (score.value is None, -value, score.subject_id, score.journey_id, score.subject_kind)


def rank(scores: Iterable[Score]) -> list[Score]:
    """Scores in priority order: rank r is position r - 1."""
    return sorted(scores, key=rank_key)


def ranked_ids(scores: Sequence[Score]) -> list[str]:
    return [score.subject_id for score in rank(scores)]
