"""Mapping evidence to steps: by the data's own column, by the journey's rules, by similarity.

Rule confidences are worked out by hand from `rule_confidence`'s definition:
strength = 1 - 0.5 ** (hits + 1), times (1 + (hits - runner_up) / hits) / 2.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence import EvidenceDraft, MappingMethod, StepMapping
from cxmap.model.evidence_mapping import (
    DEFAULT_THRESHOLD,
    decide,
    map_by_rules,
    map_explicit,
    name_key,
    rule_confidence,
    similarity_text,
)
from cxmap.model.journey import EvidenceKind, Journey
from cxmap.model.validation import parse_journey


def shop(**pay_match: Any) -> Journey:
    match = pay_match or {"keywords": ["payment failed", "card"], "patterns": [r"3-?D ?Secure"]}
    return parse_journey(
        {
            "id": "shop",
            "title": "Shop",
            "stages": [
                {
                    "id": "buy",
                    "name": "Buy",
                    "steps": [
                        {"id": "pay_by_card", "name": "Pays by card", "match": match},
                        {
                            "id": "refund",
                            "name": "Gets the refund",
                            "match": {
                                "keywords": ["refund", "money back"],
                                "patterns": ["refund(ed)?"],
                            },
                        },
                        {
                            "id": "support",
                            "name": "Contacts support",
                            "match": {"keywords": ["card"]},
                        },
                        {"id": "receive", "name": "Receives the parcel"},
                    ],
                }
            ],
        }
    )


JOURNEY = shop()


def draft(text: str = "", touchpoint: str | None = None) -> EvidenceDraft:
    return EvidenceDraft(kind=EvidenceKind.SURVEY, text=text, touchpoint=touchpoint)


# --- explicit ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("touchpoint", "step"),
    [
        ("pay_by_card", "pay_by_card"),
        ("Pay-By-Card", "pay_by_card"),
        ("pay by card", "pay_by_card"),
        ("Pays by card", "pay_by_card"),
        ("  PAYS, BY CARD! ", "pay_by_card"),
        ("receives the parcel", "receive"),
        ("RECEIVE", "receive"),
    ],
)
def test_an_explicit_touchpoint_names_a_step_by_id_or_name(touchpoint: str, step: str) -> None:
    assert map_explicit(touchpoint, JOURNEY) == StepMapping(
        step=step, method=MappingMethod.COLUMN, confidence=1.0
    )


@pytest.mark.parametrize("touchpoint", ["billing", "", "  ", "--", "pay"])
def test_a_touchpoint_naming_no_step_is_not_mapped(touchpoint: str) -> None:
    assert map_explicit(touchpoint, JOURNEY) is None


def test_an_id_wins_over_another_steps_name() -> None:
    journey = parse_journey(
        {
            "id": "j",
            "title": "J",
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "steps": [{"id": "a", "name": "Checkout"}, {"id": "checkout", "name": "Pay"}],
                }
            ],
        }
    )
    mapping = map_explicit("checkout", journey)
    assert mapping is not None
    assert mapping.step == "checkout"


def test_name_key_ignores_case_spaces_and_punctuation() -> None:
    assert name_key("Check-Size") == name_key("check size") == name_key("CHECK_SIZE") == "checksize"
    assert name_key("Zahlung fällig") == "zahlungfällig"


# --- rules ---------------------------------------------------------------------------------


def test_rule_confidence_by_hand() -> None:
    assert rule_confidence(1, 0) == 0.75  # (1 - 1/4) * (1 + 1) / 2
    assert rule_confidence(2, 0) == 0.875  # (1 - 1/8) * 1
    assert rule_confidence(3, 0) == 0.9375
    assert rule_confidence(1, 1) == 0.375  # 0.75 * (1 + 0) / 2
    assert rule_confidence(2, 1) == 0.65625  # 0.875 * (1 + 1/2) / 2
    assert rule_confidence(2, 2) == 0.4375


@pytest.mark.parametrize(
    ("text", "step", "confidence"),
    [
        ("My PAYMENT   failed twice", "pay_by_card", 0.75),  # phrase across spaces, any case
        ("payment failed at the 3D secure step", "pay_by_card", 0.875),  # keyword + pattern
        ("payment failed: 3-D Secure, payment failed again", "pay_by_card", 0.875),  # once each
        ("It was refunded at last", "refund", 0.75),  # the pattern; the keyword needs 'refund'
        ("card", "pay_by_card", 0.375),  # tie with support: journey order
        ("card payment failed", "pay_by_card", 0.65625),  # 2 hits against support's 1
        ("card declined, want a refund and my money back", "refund", 0.9375 * (1 + 2 / 3) / 2),
    ],
)
def test_rules_pick_the_step_with_most_hits(text: str, step: str, confidence: float) -> None:
    mapping = map_by_rules(text, JOURNEY)
    assert mapping == StepMapping(step=step, method=MappingMethod.RULE, confidence=confidence)


@pytest.mark.parametrize("text", ["", "   ", "nothing relevant", "a cardboard box", "refusal"])
def test_no_rule_hit_is_no_mapping(text: str) -> None:
    assert map_by_rules(text, JOURNEY) is None


def test_a_journey_without_rules_maps_nothing_by_rule() -> None:
    journey = parse_journey(
        {
            "id": "j",
            "title": "J",
            "stages": [{"id": "s", "name": "S", "steps": [{"id": "a", "name": "A"}]}],
        }
    )
    assert map_by_rules("anything at all", journey) is None


def test_patterns_are_case_insensitive_regular_expressions() -> None:
    journey = shop(patterns=[r"charged (twice|two times)"])
    mapping = map_by_rules("I was CHARGED Two Times!", journey)
    assert mapping is not None
    assert mapping.step == "pay_by_card"


def test_keywords_match_whole_words_of_any_script() -> None:
    journey = shop(keywords=["Zahlung fehlgeschlagen"])
    assert map_by_rules("Die zahlung  FEHLGESCHLAGEN, leider.", journey) is not None
    assert map_by_rules("Zahlungfehlgeschlagen", journey) is None


# --- decide ----------------------------------------------------------------------------------


def test_an_explicit_step_wins_over_rules_and_similarity() -> None:
    mapping = decide(draft("refund please", touchpoint="Pays by card"), JOURNEY, ("refund", 1.0))
    assert mapping == StepMapping(step="pay_by_card", method=MappingMethod.COLUMN, confidence=1.0)


def test_an_unknown_touchpoint_waits_with_the_similar_step_as_candidate() -> None:
    mapping = decide(draft("refund please", touchpoint="billing"), JOURNEY, ("support", 0.9))
    assert mapping == StepMapping(
        step=None, method=MappingMethod.UNMAPPED, confidence=0.9, candidate="support"
    )


def test_rules_win_over_similarity() -> None:
    mapping = decide(draft("payment failed"), JOURNEY, ("refund", 0.99))
    assert mapping == StepMapping(step="pay_by_card", method=MappingMethod.RULE, confidence=0.75)


def test_an_unsure_rule_leaves_the_decision_to_similarity() -> None:
    mapping = decide(draft("card"), JOURNEY, ("support", 0.8))
    assert mapping == StepMapping(step="support", method=MappingMethod.SIMILARITY, confidence=0.8)


def test_below_the_threshold_the_surest_guess_is_the_candidate() -> None:
    rule_tie = 0.375
    by_similarity = decide(draft("card"), JOURNEY, ("receive", 0.5))
    assert by_similarity == StepMapping(
        step=None, method=MappingMethod.UNMAPPED, confidence=0.5, candidate="receive"
    )
    by_rule = decide(draft("card"), JOURNEY, ("receive", 0.2))
    assert by_rule == StepMapping(
        step=None, method=MappingMethod.UNMAPPED, confidence=rule_tie, candidate="pay_by_card"
    )


def test_nothing_to_go_on_is_unmapped_without_candidate() -> None:
    assert decide(draft("lovely weather"), JOURNEY, None) == StepMapping(
        step=None, method=MappingMethod.UNMAPPED, confidence=0.0
    )


def test_the_threshold_can_be_set() -> None:
    assert DEFAULT_THRESHOLD > 0.5
    assert decide(draft("x"), JOURNEY, ("receive", 0.5)).step is None
    assert decide(draft("x"), JOURNEY, ("receive", 0.5), threshold=0.5).step == "receive"


def test_similarity_compares_the_named_touchpoint_else_the_text() -> None:
    assert similarity_text(draft("the words", touchpoint="billing")) == "billing"
    assert similarity_text(draft("the words", touchpoint=" ")) == "the words"
    assert similarity_text(draft("the words")) == "the words"


# --- the rules in the journey file ---------------------------------------------------------


def test_a_broken_pattern_is_reported_at_its_path() -> None:
    data = shop().model_dump(mode="json")
    data["stages"][0]["steps"][1]["match"]["patterns"] = ["ok", "refund(ed"]
    with pytest.raises(InvalidInputError) as caught:
        parse_journey(data)
    [problem] = caught.value.problems
    assert problem.dotted_path == "stages[0].steps[1].match.patterns[1]"
    assert problem.message.startswith("not a valid regular expression: missing ), unterminated")


def test_a_broken_pattern_in_a_file_has_its_line_and_column() -> None:
    text = """cxmap: 1
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        name: Pays
        match:
          keywords: [card]
          patterns: ['[a-']
"""
    with pytest.raises(InvalidInputError) as caught:
        load_journey_text(text.encode(), "shop.yaml")
    [line] = caught.value.lines()
    assert line.startswith("shop.yaml:12:22: stages[0].steps[0].match.patterns[0]: not a valid")


@pytest.mark.parametrize(
    ("match", "path"),
    [
        ({"keywords": [""]}, "stages[0].steps[0].match.keywords[0]"),
        ({"patterns": [""]}, "stages[0].steps[0].match.patterns[0]"),
        ({"keyword": ["x"]}, "stages[0].steps[0].match.keyword"),
    ],
)
def test_empty_rules_and_unknown_keys_are_refused(match: dict[str, Any], path: str) -> None:
    data = {
        "id": "j",
        "title": "J",
        "stages": [{"id": "s", "name": "S", "steps": [{"id": "a", "name": "A", "match": match}]}],
    }
    with pytest.raises(InvalidInputError) as caught:
        parse_journey(data)
    assert [problem.dotted_path for problem in caught.value.problems] == [path]


def test_rules_round_trip_through_the_journey_document() -> None:
    dumped = JOURNEY.model_dump(mode="json", exclude_defaults=True)
    assert dumped["stages"][0]["steps"][1]["match"] == {
        "keywords": ["refund", "money back"],
        "patterns": ["refund(ed)?"],
    }
    assert "match" not in dumped["stages"][0]["steps"][3]
    assert parse_journey(dumped) == JOURNEY
