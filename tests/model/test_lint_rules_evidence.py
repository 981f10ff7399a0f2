"""The CX03x rules: the map against the evidence; each fires where it should and only there.

The journey is `clean()` of test_lint_rules (see-ad +1, visit -1 with a pain insight,
pay +1); the evidence per step is written by hand below, so every expected number is one
that was put in.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxmap.model.evidence import StepEvidence
from cxmap.model.lint import Finding, FindingSeverity, LintContext, lint
from cxmap.model.validation import parse_journey
from tests.model.test_lint_rules import Data, clean, steps_of


def derived(
    step: str, mean: float, low: float | None, high: float | None, n: int = 42, **extra: Any
) -> StepEvidence:
    """Evidence whose derived emotion is `mean` with the interval `low`..`high` (and whose
    sentiment, on -1..1, is half of each)."""
    interval = None if low is None or high is None else {"low": low, "high": high}
    halves = None if low is None or high is None else {"low": low / 2, "high": high / 2}
    return StepEvidence.model_validate(
        {
            "step": step,
            "items": n,
            "sentiment": {"n": n, "mean": mean / 2, "interval": halves},
            "emotion": {"n": n, "mean": mean, "interval": interval},
            **extra,
        }
    )


def run(data: Data, *evidence: StepEvidence) -> list[Finding]:
    return lint(parse_journey(data), evidence={e.step: e for e in evidence})


def of_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule_id]


def test_without_evidence_the_context_is_empty_and_no_evidence_rule_fires() -> None:
    journey = parse_journey(clean())
    assert LintContext(journey).evidence == {}
    assert lint(journey) == []
    assert lint(journey, evidence={}) == []


# --- CX030: a hand-set emotion against the derived one --------------------------------------


def test_a_hand_set_emotion_the_evidence_contradicts_is_a_warning_at_the_emotion() -> None:
    (found,) = of_rule(run(clean(), derived("see-ad", -0.8, -1.1, -0.5)), "CX030")
    assert (found.location, found.element, found.severity) == (
        "stages[0].steps[0].emotion",
        "see-ad",
        FindingSeverity.WARNING,
    )
    assert found.message == (
        "the hand-set emotion +1 of step 'see-ad' (Sees an advert) disagrees with the "
        "evidence: derived -0.8 (n=42, 95 % interval -1.1 to -0.5)"
    )
    assert "set `emotion` to about -0.8" in found.hint


@pytest.mark.parametrize(
    ("mean", "low", "high", "n", "fires"),
    [
        (0.5, 0.2, 1.4, 42, False),  # inside the interval
        (0.3, 0.1, 0.5, 42, False),  # outside, but only 0.7 away from the mean
        (0.0, -0.2, 0.2, 42, True),  # outside and exactly one point away
        (-2.0, None, None, 1, False),  # one item: no interval, so no disagreement yet
        (-0.04, -0.08, 0.0, 900, True),  # many items: a narrow interval, far from +1
    ],
    ids=["inside", "close", "one-away", "no-interval", "narrow"],
)
def test_disagreement_needs_both_outside_the_interval_and_a_point_away(
    mean: float, low: float | None, high: float | None, n: int, fires: bool
) -> None:
    findings = of_rule(run(clean(), derived("pay", mean, low, high, n)), "CX030")
    assert [f.element for f in findings] == (["pay"] if fires else [])


def test_a_step_without_a_hand_set_emotion_cannot_disagree() -> None:
    data = clean()
    del steps_of(data, 1)[1]["emotion"]
    assert of_rule(run(data, derived("pay", -2.0, -2.0, -1.5)), "CX030") == []


# --- CX031: detected pain without a pain insight ------------------------------------------


def pain_at(step: str) -> StepEvidence:
    return derived(
        step,
        -0.8,
        -1.1,
        -0.5,
        pain=["sentiment", "nps"],
        nps={"n": 30, "mean": -35.0, "interval": {"low": -58.0, "high": -12.0}},
        themes=[{"phrase": "hidden fees", "count": 12, "quotes": []}],
    )


def test_a_detected_pain_point_without_a_pain_insight_is_a_warning_at_the_step() -> None:
    (found,) = of_rule(run(clean(), pain_at("see-ad")), "CX031")
    assert (found.location, found.element, found.severity) == (
        "stages[0].steps[0]",
        "see-ad",
        FindingSeverity.WARNING,
    )
    assert found.message == (
        "the evidence marks step 'see-ad' (Sees an advert) as a pain point (sentiment -0.4 "
        "(n=42, 95 % interval -0.55 to -0.25) below zero; NPS -35 from 30 answers) but no "
        "pain insight is anchored to it"
    )
    assert found.hint == (
        "add an insight (kind: pain, step: see-ad) that says why it hurts; customers mention "
        "'hidden fees' most (12 items)"
    )


def test_a_pain_insight_answers_detected_pain_but_a_gain_does_not() -> None:
    assert of_rule(run(clean(), pain_at("visit")), "CX031") == []  # `slow-page` is a pain
    data = clean()
    data["insights"].append({"id": "nice-ad", "kind": "gain", "title": "Nice", "step": "see-ad"})
    assert [f.element for f in of_rule(run(data, pain_at("see-ad")), "CX031")] == ["see-ad"]


def test_evidence_without_detected_pain_raises_no_pain_finding() -> None:
    assert of_rule(run(clean(), derived("see-ad", 0.9, 0.6, 1.2)), "CX031") == []


# --- CX032: a derived emotion could fill a gap ----------------------------------------------


def without_emotion(step_index: int) -> Data:
    data = clean()
    del steps_of(data, 1)[step_index]["emotion"]
    return data


def test_a_derived_emotion_from_five_items_is_offered_instead_of_the_missing_emotion() -> None:
    findings = run(without_emotion(1), derived("pay", -0.8, -1.4, -0.2, n=5))
    (found,) = of_rule(findings, "CX032")
    assert (found.location, found.element, found.severity) == (
        "stages[1].steps[1]",
        "pay",
        FindingSeverity.INFO,
    )
    assert found.message == (
        "step 'pay' (Pays) has no emotion; the derived emotion -0.8 from 5 items (95 % "
        "interval -1.4 to -0.2) could be used"
    )
    assert found.hint.startswith("set `emotion: -0.8` after reading the evidence")
    assert of_rule(findings, "CX014") == []  # the gap is not reported twice


def test_four_items_are_too_few_to_offer_and_the_missing_emotion_says_so() -> None:
    findings = run(without_emotion(1), derived("pay", -0.8, -1.6, 0.0, n=4))
    assert of_rule(findings, "CX032") == []
    (missing,) = of_rule(findings, "CX014")
    assert missing.message == (
        "step 'pay' (Pays) has no emotion, so the curve shows only the one derived from 4 "
        "item(s), too few to rely on"
    )


def test_a_hand_set_emotion_needs_no_offer() -> None:
    assert of_rule(run(clean(), derived("pay", 0.9, 0.6, 1.2, n=50)), "CX032") == []


# --- CX012 with stored evidence -------------------------------------------------------------


def test_stored_evidence_backs_a_hand_set_emotion_but_an_empty_summary_does_not() -> None:
    data = clean()
    del steps_of(data, 1)[1]["evidence"]  # pay: emotion +1, no evidence notes in the file
    assert [f.element for f in of_rule(run(data), "CX012")] == ["pay"]
    assert of_rule(run(data, derived("pay", 0.9, 0.6, 1.2)), "CX012") == []
    empty = StepEvidence(step="pay", items=0, sentiment=None)
    assert [f.element for f in of_rule(run(data, empty), "CX012")] == ["pay"]
