"""Each lint rule: a small journey that triggers it, and one that does not (checked by hand)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cxmap.model.lint import RULES, Finding, FindingSeverity, Flag, LintContext, RuleRegistry, lint
from cxmap.model.validation import parse_journey
from tests.conftest import REPO

Data = dict[str, Any]


def step(ident: str, name: str, **extra: Any) -> Data:
    """A step that breaks no rule by itself: owned, with evidence."""
    owned = {"id": ident, "name": name, "department": "Sales"}
    return owned | {"evidence": [{"text": "survey"}]} | extra


def clean() -> Data:
    """see-ad -> visit -> pay (final); visit hurts, with an insight and an opportunity."""
    return {
        "id": "shop",
        "title": "Shop",
        "stages": [
            {
                "id": "discover",
                "name": "Discover",
                "needs": ["Find the product"],
                "steps": [step("see-ad", "Sees an advert", emotion=1, next=["visit"])],
            },
            {
                "id": "buy",
                "name": "Buy",
                "needs": ["Pay quickly"],
                "steps": [
                    step("visit", "Visits the shop", emotion=-1, next=["pay"]),
                    step("pay", "Pays", emotion=1, final=True),
                ],
            },
        ],
        "insights": [{"id": "slow-page", "kind": "pain", "title": "Slow page", "step": "visit"}],
        "opportunities": [
            {"id": "faster", "title": "Faster page", "step": "visit", "fixes": ["slow-page"]}
        ],
    }


def steps_of(data: Data, stage: int) -> list[Data]:
    steps: list[Data] = data["stages"][stage]["steps"]
    return steps


def run(data: Data, counterpart: Data | None = None) -> list[Finding]:
    other = parse_journey(counterpart) if counterpart is not None else None
    return lint(parse_journey(data), other)


def hits(data: Data, rule_id: str, counterpart: Data | None = None) -> list[tuple[str, str | None]]:
    """(location, element) of every finding of one rule."""
    return [(f.location, f.element) for f in run(data, counterpart) if f.rule == rule_id]


def test_the_clean_journey_has_no_findings_at_all() -> None:
    assert run(clean()) == []


# --- flow ---------------------------------------------------------------------------------


def test_unreachable_step_is_an_error_at_the_step() -> None:
    data = clean()
    steps_of(data, 1).append(step("orphan", "Orphan", emotion=0, final=True))
    found = [f for f in run(data) if f.rule == "CX001"]
    assert [(f.location, f.element, f.severity) for f in found] == [
        ("stages[1].steps[2]", "orphan", FindingSeverity.ERROR)
    ]
    assert "'see-ad'" in found[0].message  # names where the journey starts


def test_a_step_listed_in_start_is_reachable() -> None:
    data = clean()
    steps_of(data, 1).append(step("orphan", "Orphan", emotion=0, next=["pay"]))
    data["start"] = ["see-ad", "orphan"]
    assert hits(data, "CX001") == []


def test_a_step_reached_only_through_a_branch_and_a_loop_is_reachable() -> None:
    data = clean()
    steps_of(data, 1)[0]["next"] = ["pay", "help"]
    steps_of(data, 1).append(step("help", "Asks for help", emotion=0, next=["visit"]))
    assert hits(data, "CX001") == []


def test_dead_end_is_a_step_without_next_that_is_not_final() -> None:
    data = clean()
    steps_of(data, 1)[1]["final"] = False
    assert hits(data, "CX002") == [("stages[1].steps[1]", "pay")]


def test_a_final_step_with_next_is_not_a_dead_end_nor_a_loop() -> None:
    data = clean()
    steps_of(data, 1)[1]["next"] = ["visit"]  # buys again: final, yet it may go on
    assert run(data) == []


def test_never_ends_when_no_step_is_final() -> None:
    data = clean()
    steps_of(data, 1)[1].update(final=False, next=["visit"])
    found = [f for f in run(data) if f.rule == "CX003"]
    assert [(f.location, f.element) for f in found] == [("stages[0].steps[0]", "see-ad")]
    assert "no step is marked final" in found[0].message


def test_never_ends_when_the_final_step_cannot_be_reached() -> None:
    data = clean()
    steps_of(data, 1)[1].update(final=False, next=["visit"])
    steps_of(data, 1).append(step("leave", "Leaves", emotion=0, final=True))
    data["start"] = ["see-ad"]
    found = [f for f in run(data) if f.rule == "CX003"]
    assert [(f.location, f.element) for f in found] == [("start", "see-ad")]
    assert "'leave' cannot be reached" in found[0].message


def test_an_empty_journey_does_not_claim_it_never_ends() -> None:
    assert hits({"id": "j", "title": "J"}, "CX003") == []


def test_endless_loop_names_the_steps_that_never_get_out() -> None:
    data = clean()
    steps_of(data, 1)[0]["next"] = ["pay", "help"]
    steps_of(data, 1).append(step("help", "Asks for help", emotion=0, next=["wait"]))
    steps_of(data, 1).append(step("wait", "Waits", emotion=0, next=["help"]))
    found = [f for f in run(data) if f.rule == "CX004"]
    assert [(f.location, f.element) for f in found] == [("stages[1].steps[2]", "help")]
    assert "'help', 'wait'" in found[0].message
    assert hits(data, "CX003") == []  # pay is still reachable


def test_a_loop_with_an_exit_is_fine() -> None:
    data = clean()
    steps_of(data, 1)[0]["next"] = ["pay", "help"]
    steps_of(data, 1).append(step("help", "Asks for help", emotion=0, next=["wait"]))
    steps_of(data, 1).append(step("wait", "Waits", emotion=0, next=["help", "pay"]))
    assert run(data) == []


def test_a_step_that_only_leads_to_a_dead_end_is_left_to_the_dead_end_rule() -> None:
    data = clean()
    steps_of(data, 1)[1]["final"] = False
    assert hits(data, "CX004") == []
    assert hits(data, "CX002") == [("stages[1].steps[1]", "pay")]


def test_empty_stage_is_a_warning() -> None:
    data = clean()
    data["stages"].append({"id": "after", "name": "After", "needs": ["Help"]})
    assert hits(data, "CX005") == [("stages[2]", "after")]


def test_a_journey_without_steps_says_so_once() -> None:
    found = run({"id": "j", "title": "J"})
    assert [(f.rule, f.location) for f in found] == [("CX006", "stages")]


# --- the customer's view -----------------------------------------------------------------


def test_stage_without_need() -> None:
    data = clean()
    data["stages"][0]["needs"] = []
    data["stages"][1].pop("needs")
    assert hits(data, "CX010") == [("stages[0].needs", "discover"), ("stages[1].needs", "buy")]


def test_touchpoint_without_department_blank_counts_as_missing() -> None:
    data = clean()
    steps_of(data, 0)[0].pop("department")
    steps_of(data, 1)[1]["department"] = "   "
    assert hits(data, "CX011") == [
        ("stages[0].steps[0].department", "see-ad"),
        ("stages[1].steps[1].department", "pay"),
    ]


def test_emotion_without_evidence_is_a_warning_at_the_emotion() -> None:
    data = clean()
    steps_of(data, 1)[0].pop("evidence")  # the insight on `visit` has no evidence either
    found = [f for f in run(data) if f.rule == "CX012"]
    assert [(f.location, f.element, f.severity) for f in found] == [
        ("stages[1].steps[0].emotion", "visit", FindingSeverity.WARNING)
    ]
    assert "emotion -1 " in found[0].message


def test_evidence_on_an_insight_backs_the_emotion_and_no_emotion_needs_none() -> None:
    data = clean()
    steps_of(data, 1)[0].pop("evidence")
    data["insights"][0]["evidence"] = [{"kind": "chat", "text": "It took ages to load"}]
    steps_of(data, 1)[1].pop("evidence")
    steps_of(data, 1)[1].pop("emotion")
    assert hits(data, "CX012") == []


def test_pain_point_without_insight_or_opportunity() -> None:
    data = clean()
    data["insights"], data["opportunities"] = [], []
    found = [f for f in run(data) if f.rule == "CX013"]
    assert [(f.location, f.element) for f in found] == [("stages[1].steps[0].emotion", "visit")]
    assert "step: visit" in found[0].hint


def test_an_opportunity_alone_addresses_a_pain_point_and_zero_is_no_pain() -> None:
    data = clean()
    data["insights"] = []
    data["opportunities"][0]["fixes"] = []
    steps_of(data, 0)[0]["emotion"] = 0
    assert hits(data, "CX013") == []


def test_missing_emotion_is_info() -> None:
    data = clean()
    steps_of(data, 1)[1].pop("emotion")
    found = [f for f in run(data) if f.rule == "CX014"]
    assert [(f.location, f.severity) for f in found] == [
        ("stages[1].steps[1]", FindingSeverity.INFO)
    ]


def test_insight_kind_that_contradicts_the_emotion() -> None:
    data = clean()
    data["insights"] += [
        {"id": "ad-annoys", "kind": "pain", "title": "Ad annoys", "step": "see-ad"},
        {"id": "nice-shop", "kind": "gain", "title": "Nice shop", "step": "visit"},
        {"id": "fast-pay", "kind": "gain", "title": "Fast payment", "step": "pay"},
    ]
    data["opportunities"][0]["fixes"] += ["ad-annoys"]
    assert hits(data, "CX015") == [
        ("insights[1].kind", "ad-annoys"),
        ("insights[2].kind", "nice-shop"),
    ]


def test_a_pain_or_gain_on_a_neutral_step_is_no_contradiction() -> None:
    data = clean()
    steps_of(data, 1)[1]["emotion"] = 0
    data["insights"] += [
        {"id": "card-fails", "kind": "pain", "title": "Card fails", "step": "pay"},
        {"id": "receipt", "kind": "gain", "title": "Receipt by mail", "step": "pay"},
    ]
    assert hits(data, "CX015") == []


def test_opportunity_that_fixes_nothing() -> None:
    data = clean()
    data["opportunities"].append({"id": "bigger-logo", "title": "Bigger logo", "step": "see-ad"})
    assert hits(data, "CX016") == [("opportunities[1].fixes", "bigger-logo")]


def test_pain_insight_without_opportunity_is_info_and_gains_need_none() -> None:
    data = clean()
    data["insights"] += [
        {"id": "queue", "kind": "pain", "title": "Queue", "step": "visit"},
        {"id": "smooth", "kind": "gain", "title": "Smooth", "step": "pay"},
    ]
    found = [f for f in run(data) if f.rule == "CX017"]
    assert [(f.location, f.element, f.severity) for f in found] == [
        ("insights[1]", "queue", FindingSeverity.INFO)
    ]


# --- current vs desired ------------------------------------------------------------------


def pair() -> tuple[Data, Data]:
    """A current journey and its desired counterpart: one step matched by id, one by name."""
    current = clean() | {"kind": "current", "counterpart": "shop-desired"}
    desired = {
        "id": "shop-desired",
        "title": "Shop (to-be)",
        "kind": "desired",
        "counterpart": "shop",
        "stages": [
            {
                "id": "buy",
                "name": "Buy",
                "needs": ["Pay quickly"],
                "steps": [
                    step("see-ad", "An advert", emotion=1, next=["shop-visit"]),
                    step("shop-visit", "visits  THE Shop", emotion=1, next=["one-click"]),
                    step("one-click", "Buys in one click", emotion=2, final=True),
                ],
            }
        ],
    }
    return current, desired


def test_gaps_both_ways_point_into_the_journey_that_has_the_step() -> None:
    current, desired = pair()
    found = [f for f in run(current, desired) if f.rule in {"CX020", "CX021"}]
    assert [(f.rule, f.journey, f.in_counterpart, f.location, f.element) for f in found] == [
        ("CX021", "shop", False, "stages[1].steps[1]", "pay"),
        ("CX020", "shop-desired", True, "stages[0].steps[2]", "one-click"),
    ]


def test_gaps_are_the_same_when_linting_the_desired_journey() -> None:
    current, desired = pair()
    found = [f for f in run(desired, current) if f.rule in {"CX020", "CX021"}]
    assert [(f.rule, f.journey, f.in_counterpart, f.element) for f in found] == [
        ("CX020", "shop-desired", False, "one-click"),
        ("CX021", "shop", True, "pay"),
    ]


def test_no_gaps_when_every_step_matches_or_without_a_counterpart() -> None:
    current, desired = pair()
    desired["stages"][0]["steps"][2]["name"] = "PAYS"
    assert [f for f in run(current, desired) if f.rule.startswith("CX02")] == []
    assert hits(clean(), "CX020") + hits(clean(), "CX021") == []


def test_linked_counterpart_that_was_not_given() -> None:
    current, _ = pair()
    journey = parse_journey(current)
    found = [f for f in lint(journey, counterpart_note="no file") if f.rule == "CX022"]
    assert [(f.location, f.element) for f in found] == [("counterpart", "shop-desired")]
    assert "'shop-desired' was not found (no file)" in found[0].message


def test_counterparts_of_the_same_kind_get_no_gap_findings() -> None:
    current, desired = pair()
    desired["kind"] = "current"
    found = run(current, desired)
    assert [(f.rule, f.location) for f in found if f.rule.startswith("CX02")] == [("CX022", "kind")]


def test_counterpart_links_that_do_not_match() -> None:
    current, desired = pair()
    current["counterpart"] = "shop-future"
    desired["counterpart"] = "other-shop"
    found = [f for f in run(current, desired) if f.rule == "CX022"]
    assert [(f.in_counterpart, f.location, f.element) for f in found] == [
        (False, "counterpart", "shop-future"),
        (True, "counterpart", "shop-desired"),
    ]


def test_a_well_linked_pair_has_no_link_findings() -> None:
    current, desired = pair()
    assert hits(current, "CX022", desired) == []


# --- the framework -------------------------------------------------------------------------


def test_findings_are_sorted_by_path_then_rule() -> None:
    data = clean()
    data["stages"][1]["needs"] = []
    steps_of(data, 1)[0].pop("department")
    steps_of(data, 0)[0].update(final=False, next=[])
    data["insights"][0]["kind"] = "gain"
    found = [(f.location, f.rule) for f in run(data)]
    assert found == [
        ("insights[0].kind", "CX015"),
        ("stages[0].steps[0]", "CX002"),
        ("stages[0].steps[0]", "CX003"),
        ("stages[1].needs", "CX010"),
        ("stages[1].steps[0]", "CX001"),
        ("stages[1].steps[0].department", "CX011"),
        ("stages[1].steps[1]", "CX001"),
    ]


def test_a_rule_is_one_decorated_function_stamped_with_its_id_and_severity() -> None:
    registry = RuleRegistry()

    @registry.rule("CX900", "long-title", FindingSeverity.INFO, "Titles are short.")
    def long_title(context: LintContext) -> list[Flag]:
        journey = context.journey
        return [Flag(("title",), None, "long", "shorten it")] if len(journey.title) > 10 else []

    found = lint(parse_journey(clean() | {"title": "A rather long title"}), rules=registry)
    assert [(f.rule, f.name, f.severity, f.location) for f in found] == [
        ("CX900", "long-title", FindingSeverity.INFO, "title")
    ]
    assert lint(parse_journey(clean()), rules=registry) == []


@pytest.mark.parametrize(
    ("rule_id", "name"), [("CX001", "fresh-name"), ("CX901", "dead-end"), ("X1", "ok-name")]
)
def test_registering_a_clashing_or_malformed_rule_fails(rule_id: str, name: str) -> None:
    registry = RuleRegistry()
    registry.rule("CX001", "dead-end", FindingSeverity.ERROR, "x")(lambda context: [])
    with pytest.raises(ValueError, match="rule"):
        registry.rule(rule_id, name, FindingSeverity.INFO, "x")(lambda context: [])
    assert [r.id for r in registry] == ["CX001"]


def test_the_doc_lists_every_registered_rule_with_its_name_and_severity() -> None:
    doc = (REPO / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (CX\d{3}) \| `([a-z0-9-]+)` \| (\w+) \|", doc, re.M))
    registered = {(r.id, r.name, r.severity.value) for r in RULES}
    assert documented == registered
    assert len(registered) >= 15
