"""Stage and step scores: experience from evidence where there is some, with its source."""

from __future__ import annotations

import pytest

from cxmap.model.journey import Journey
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
from cxmap.scoring.scores import evidence_experience, score_parts
from tests.scoring.conftest import funnel_step, mined_from, step_evidence

SCALE = ScoreScale(frequency_reference=999_999)
WEIGHTS = ScoreWeights()

JOURNEY = Journey.model_validate(
    {
        "id": "shop",
        "title": "Shop",
        "stages": [
            {
                "id": "buy",
                "name": "Buy",
                "steps": [
                    {"id": "cart", "name": "Cart", "emotion": 1, "next": ["pay"]},
                    {"id": "pay", "name": "Pay", "emotion": -1},
                ],
            },
            {"id": "after", "name": "After", "steps": [{"id": "track", "name": "Track"}]},
        ],
    }
)


def by_id(scores: list[Score]) -> dict[str, Score]:
    return {score.subject_id: score for score in scores}


def experience(score: Score) -> tuple[float | None, InputSource | None]:
    part = next(c for c in score.contributions if c.criterion == Criterion.EXPERIENCE)
    return part.raw, part.source


def test_parts_come_in_map_order_stage_before_its_steps() -> None:
    scores = score_parts(JOURNEY, {}, {}, WEIGHTS, SCALE)
    assert [(s.subject_kind, s.subject_id) for s in scores] == [
        (SubjectKind.STAGE, "buy"),
        (SubjectKind.STEP, "cart"),
        (SubjectKind.STEP, "pay"),
        (SubjectKind.STAGE, "after"),
        (SubjectKind.STEP, "track"),
    ]
    assert {s.journey_id for s in scores} == {"shop"}


def test_without_evidence_the_map_emotion_is_the_experience() -> None:
    scores = by_id(score_parts(JOURNEY, {}, {}, WEIGHTS, SCALE))
    # pay: emotion -1 -> (2 + 1) / 4 = 0.75 -> 1 + 74.25 = 75.25 -> 75
    assert experience(scores["pay"]) == (-1, InputSource.ENTERED)
    assert scores["pay"].value == 75
    # the stage: mean of its steps' emotions (1 + -1) / 2 = 0 -> 0.5 -> 50.5 -> 51
    assert experience(scores["buy"]) == (0, InputSource.ENTERED)
    assert scores["buy"].value == 51
    # track has nothing at all: not scored, every criterion missing
    assert scores["track"].value is None
    assert scores["track"].missing == list(Criterion)


def test_evidence_overrides_the_map_and_the_entered_value() -> None:
    evidence = {
        "pay": step_evidence("pay", 30, emotion=-1.8),
        "cart": step_evidence("cart", 10, sentiment=0.25),
    }
    entered = {"pay": ScoreInputs(experience=SourcedValue(value=2))}
    scores = by_id(score_parts(JOURNEY, entered, evidence, WEIGHTS, SCALE))
    assert experience(scores["pay"]) == (-1.8, InputSource.EVIDENCE)
    # cart has only sentiment: 0.25 x 2 = 0.5 on the emotion scale
    assert experience(scores["cart"]) == (0.5, InputSource.EVIDENCE)
    # stage: n-weighted (30 x -1.8 + 10 x 0.5) / 40 = (-54 + 5) / 40 = -1.225
    raw, source = experience(scores["buy"])
    assert raw == pytest.approx(-1.225)
    assert source == InputSource.EVIDENCE


def test_evidence_experience_is_clamped_and_notes_its_size() -> None:
    found = evidence_experience(step_evidence("x", 4, sentiment=-1.0))
    assert found is not None
    assert found.value == -2.0
    assert found.note == "sentiment x 2, n=4"
    assert evidence_experience(step_evidence("x", 4)) is None


def test_frequency_comes_from_the_funnel_unless_entered() -> None:
    mined = mined_from([funnel_step("cart", 999), funnel_step("pay", 99)])
    entered = {"cart": ScoreInputs(frequency=SourcedValue(value=9))}
    scores = by_id(score_parts(JOURNEY, entered, {}, WEIGHTS, SCALE, mined=mined))
    frequency = {
        s.subject_id: next(c for c in s.contributions if c.criterion == Criterion.FREQUENCY)
        for s in scores.values()
    }
    assert (frequency["pay"].raw, frequency["pay"].source) == (99, InputSource.EVENT_LOG)
    assert (frequency["cart"].raw, frequency["cart"].source) == (9, InputSource.ENTERED)
    # a stage's frequency is its busiest step's cases
    assert frequency["buy"].raw == 999
    assert frequency["track"].missing
    # pay: frequency log10(100) / log10(10^6) = 1/3, experience 0.75: (1/3 + 3/4) / 2 =
    # 13/24 = 0.5417 -> 1 + 53.625 = 54.625 -> 55
    assert scores["pay"].value == 55
