"""`parse_journey` on plain data: each problem with its path and a message a person can act on.

These run without a file, so no line or column: the path alone must say where the problem is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cxmap.model.errors import InvalidInputError, Problem, format_path
from cxmap.model.journey import Journey, LaneItem, LaneItems, Stage, Step
from cxmap.model.validation import parse_journey, reference_problems


def journey(**extra: Any) -> dict[str, Any]:
    """A valid two-stage journey to break one piece at a time."""
    data: dict[str, Any] = {
        "id": "shop",
        "title": "Shop",
        "stakeholders": [{"id": "ops", "name": "Operations"}],
        "stages": [
            {
                "id": "find",
                "name": "Find",
                "steps": [
                    {"id": "search", "name": "Searches", "next": ["view"]},
                    {"id": "view", "name": "Views", "next": ["pay"]},
                ],
            },
            {
                "id": "buy",
                "name": "Buy",
                "steps": [{"id": "pay", "name": "Pays", "final": True}],
            },
        ],
        "insights": [{"id": "slow", "title": "Slow", "step": "pay"}],
        "opportunities": [{"id": "faster", "title": "Faster", "step": "pay", "fixes": ["slow"]}],
    }
    data.update(extra)
    return data


def problems(data: object) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_journey(data)
    return caught.value.lines()


def step(data: dict[str, Any], stage: int, index: int) -> dict[str, Any]:
    found: dict[str, Any] = data["stages"][stage]["steps"][index]
    return found


def test_the_base_journey_is_valid() -> None:
    parsed = parse_journey(journey())
    assert [s.id for s in parsed.steps()] == ["search", "view", "pay"]
    assert parsed.entry_steps() == ["search"]


# --- duplicate ids ------------------------------------------------------------------------


def test_duplicate_step_ids_across_stages() -> None:
    data = journey()
    data["stages"][1]["steps"].append({"id": "search", "name": "Searches again"})
    assert problems(data) == [
        "stages[1].steps[1].id: duplicate step id 'search' (first used at stages[0].steps[0].id)"
    ]


def test_duplicate_stage_ids() -> None:
    data = journey()
    data["stages"][1]["id"] = "find"
    assert problems(data) == [
        "stages[1].id: duplicate stage id 'find' (first used at stages[0].id)"
    ]


@pytest.mark.parametrize(
    ("key", "item", "what"),
    [
        ("personas", {"id": "slow", "name": "P"}, "persona"),
        ("stakeholders", {"id": "slow", "name": "P"}, "stakeholder"),
        ("insights", {"id": "slow", "title": "P", "step": "pay"}, "insight"),
        ("opportunities", {"id": "slow", "title": "P", "step": "pay"}, "opportunity"),
    ],
)
def test_duplicate_ids_in_every_collection(key: str, item: dict[str, Any], what: str) -> None:
    assert problems(journey(**{key: [item, dict(item)]})) == [
        f"{key}[1].id: duplicate {what} id 'slow' (first used at {key}[0].id)"
    ]


def test_a_lane_listed_twice() -> None:
    assert problems(journey(lanes=["actions", "emotions", "actions"])) == [
        "lanes[2]: duplicate lane id 'actions' (first used at lanes[0])"
    ]


def test_every_further_duplicate_is_reported_against_the_first() -> None:
    data = journey()
    data["stages"][0]["steps"] += [{"id": "view", "name": "V2"}, {"id": "view", "name": "V3"}]
    assert problems(data) == [
        "stages[0].steps[2].id: duplicate step id 'view' (first used at stages[0].steps[1].id)",
        "stages[0].steps[3].id: duplicate step id 'view' (first used at stages[0].steps[1].id)",
    ]


# --- dangling references ------------------------------------------------------------------


def test_dangling_next_with_a_suggestion() -> None:
    data = journey()
    step(data, 0, 1)["next"] = ["pya"]
    assert problems(data) == ["stages[0].steps[1].next[0]: unknown step 'pya'; did you mean 'pay'?"]


def test_dangling_start() -> None:
    assert problems(journey(start=["search", "checkout"])) == ["start[1]: unknown step 'checkout'"]


def test_dangling_insight_step() -> None:
    data = journey()
    data["insights"][0]["step"] = "paying"
    assert problems(data) == ["insights[0].step: unknown step 'paying'; did you mean 'pay'?"]


def test_dangling_opportunity_step_and_fixes() -> None:
    data = journey()
    data["opportunities"][0].update(step="nope", fixes=["slow", "slowness"])
    assert problems(data) == [
        "opportunities[0].step: unknown step 'nope'",
        "opportunities[0].fixes[1]: unknown insight 'slowness'; did you mean 'slow'?",
    ]


def test_a_fix_must_name_an_insight_not_a_step() -> None:
    data = journey()
    data["opportunities"][0]["fixes"] = ["pay"]
    assert problems(data) == ["opportunities[0].fixes[0]: unknown insight 'pay'"]


def test_dangling_lane_by_on_a_step_and_on_a_stage() -> None:
    data = journey()
    step(data, 0, 0)["lanes"] = {"backstage": ["Indexes the catalogue", {"text": "X", "by": "opz"}]}
    data["stages"][1]["lanes"] = {
        "support": [{"text": "Y", "by": "ops"}, {"text": "Z", "by": "it"}]
    }
    assert problems(data) == [
        "stages[0].steps[0].lanes.backstage[1].by: unknown stakeholder 'opz'; did you mean 'ops'?",
        "stages[1].lanes.support[1].by: unknown stakeholder 'it'",
    ]


def test_references_are_checked_even_when_the_schema_check_fails() -> None:
    data = journey()
    step(data, 0, 0)["emotion"] = "sad"
    step(data, 0, 1)["next"] = ["checkout"]
    assert problems(data) == [
        "stages[0].steps[0].emotion: must be a number, not text",
        "stages[0].steps[1].next[0]: unknown step 'checkout'",
    ]


def test_a_broken_collection_does_not_make_every_reference_dangle() -> None:
    # `stages` is not a list: that is one problem, not also "unknown step" for each insight.
    assert problems(journey(stages={"id": "find"})) == ["stages: must be a list, not a mapping"]
    data = journey()
    del step(data, 1, 0)["id"]  # `pay` has lost its id; `next: [pay]` is not reported as well
    assert problems(data) == ["stages[1].steps[0].id: required key is missing"]


def test_ids_of_the_wrong_type_still_count_as_known() -> None:
    # `id: 7` is one problem (it must be text), not also a dangling `next: ["7"]`.
    data = journey()
    data["stages"][1]["steps"].append({"id": 7, "name": "Seven"})
    step(data, 1, 0)["next"] = ["7"]
    assert problems(data) == ["stages[1].steps[1].id: must be text, not a number"]


# --- wrong types and values ---------------------------------------------------------------


NOT_AN_ID = "not a valid id: start with a letter or digit; use letters, digits, _ - ."
EVIDENCE_KINDS = (
    "'survey', 'social', 'chat', 'interview', 'document', 'audio', 'image', 'analytics' or 'note'"
)
CHANNELS = (
    "'web', 'app', 'store', 'phone', 'chat', 'email', 'sms', 'social', 'post', 'partner', "
    "'kiosk', 'atm', 'in_person', 'video', 'advertising', 'word_of_mouth' or 'other'"
)
LANES = (
    "'actions', 'touchpoints', 'thoughts', 'emotions', 'pain_points', 'opportunities', "
    "'frontstage', 'backstage' or 'support'"
)
STATUSES = "'proposed', 'accepted', 'in_progress', 'done' or 'dismissed'"
MAPPING = "must be a mapping (key: value)"


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        ({"emotion": "happy"}, "emotion", "must be a number, not text"),
        ({"emotion": 2.5}, "emotion", "must be between -2 and 2"),
        ({"emotion": -3}, "emotion", "must be between -2 and 2"),
        ({"emotion": [1]}, "emotion", "must be a number, not a list"),
        ({"emotion": True}, "emotion", "must be a number, not true/false"),
        ({"emotion": "1"}, "emotion", "must be a number, not text"),
        ({"final": "maybe"}, "final", "must be true or false, not text"),
        ({"name": ["A", "B"]}, "name", "must be text, not a list"),
        ({"name": "   "}, "name", "must not be empty"),
        ({"facts": "one fact"}, "facts", "must be a list, not text"),
        ({"facts": [""]}, "facts[0]", "must not be empty"),
        ({"lanes": ["actions"]}, "lanes", f"{MAPPING}, not a list"),
        ({"lanes": {"actions": [3]}}, "lanes.actions[0]", f"{MAPPING}, not a number"),
        (
            {"evidence": [{"kind": "rumour", "text": "x"}]},
            "evidence[0].kind",
            f"must be one of {EVIDENCE_KINDS}, not 'rumour'",
        ),
        ({"evidence": [{"source": "x"}]}, "evidence[0].text", "required key is missing"),
        ({"evidence": "a survey"}, "evidence", "must be a list, not text"),
        ({"channel": "fax"}, "channel", f"must be one of {CHANNELS}, not 'fax'"),
        ({"id": "pay now"}, "id", NOT_AN_ID),
        ({"id": "-x"}, "id", NOT_AN_ID),
        ({"id": "x" * 81}, "id", "must be at most 80 characters"),
    ],
)
def test_step_values(change: dict[str, Any], where: str, message: str) -> None:
    data = journey()
    step(data, 0, 0).update(change)
    assert problems(data) == [f"stages[0].steps[0].{where}: {message}"]


def test_optional_step_values_may_be_null() -> None:
    data = journey()
    step(data, 0, 0).update(department=None, channel=None, emotion=None, sub_journey=None)
    assert parse_journey(data).stages[0].steps[0].emotion is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "today"}, "kind: must be one of 'current' or 'desired', not 'today'"),
        ({"title": 12}, "title: must be text, not a number"),
        ({"title": date(2025, 1, 31)}, "title: must be text, not a date"),
        ({"title": None}, "title: must be text, not nothing (null)"),
        ({"tags": "retail"}, "tags: must be a list, not text"),
        ({"stages": ["Find"]}, f"stages[0]: {MAPPING}, not text"),
        ({"personas": [["maya"]]}, f"personas[0]: {MAPPING}, not a list"),
        ({"version": 0}, "version: must be at least 1"),
        ({"version": "two"}, "version: must be a whole number, not text"),
        ({"version": 1.5}, "version: must be a whole number, not a number"),
        (
            {"updated_at": "2025-13-01"},
            "updated_at: must be a date and time such as 2025-01-31T09:30:00Z "
            "(month value is outside expected range of 1-12)",
        ),
        (
            {"updated_at": "yesterday"},
            "updated_at: must be a date and time such as 2025-01-31T09:30:00Z (input is too short)",
        ),
        ({"lanes": ["actions", "feelings"]}, f"lanes[1]: must be one of {LANES}, not 'feelings'"),
        ({"cxmap": 2}, "cxmap: format version 2 is not supported; this cxmap reads version 1"),
        ({"parent": {"journey": "j"}}, "parent.step: required key is missing"),
        (
            {"insights": [{"id": "slow", "title": "I", "step": "pay", "severity": 6}]},
            "insights[0].severity: must be between 1 and 5",
        ),
        (
            {"insights": [{"id": "slow", "title": "I", "step": "pay", "kind": "bad"}]},
            "insights[0].kind: must be one of 'pain' or 'gain', not 'bad'",
        ),
        (
            {"opportunities": [{"id": "o", "title": "O", "step": "pay", "effort": 0}]},
            "opportunities[0].effort: must be between 1 and 5",
        ),
        (
            {"opportunities": [{"id": "o", "title": "O", "step": "pay", "status": "todo"}]},
            f"opportunities[0].status: must be one of {STATUSES}, not 'todo'",
        ),
        (
            {"opportunities": [{"id": "o", "title": "O", "step": "pay", "due": "soon"}]},
            "opportunities[0].due: must be a date such as 2025-01-31 (input is too short)",
        ),
        (
            {"stakeholders": [{"id": "ops", "name": "O", "kind": "vendor"}]},
            "stakeholders[0].kind: must be one of 'internal', 'partner' or 'customer', "
            "not 'vendor'",
        ),
    ],
)
def test_journey_values(change: dict[str, Any], expected: str) -> None:
    assert problems(journey(**change)) == [expected]


def test_unknown_keys_at_every_level_with_suggestions() -> None:
    data = journey(titel="Shop")
    data["stages"][0]["goals"] = "Find it"
    step(data, 0, 0)["lanes"] = {"action": ["Types"]}
    data["insights"][0]["severty"] = 4
    # Plain data has no positions, so the order is pydantic's; files are sorted by line.
    assert sorted(problems(data)) == [
        "insights[0].severty: unknown key 'severty'; did you mean 'severity'?",
        "stages[0].goals: unknown key 'goals'; did you mean 'goal'?",
        "stages[0].steps[0].lanes.action: unknown key 'action'; did you mean 'actions'?",
        "titel: unknown key 'titel'; did you mean 'title'?",
    ]


def test_missing_required_keys() -> None:
    assert problems({"stages": [{"steps": [{}]}]}) == [
        "id: required key is missing",
        "title: required key is missing",
        "stages[0].id: required key is missing",
        "stages[0].name: required key is missing",
        "stages[0].steps[0].id: required key is missing",
        "stages[0].steps[0].name: required key is missing",
    ]


@pytest.mark.parametrize(
    ("data", "what"),
    [([], "a list"), ("journey", "text"), (3, "a number"), (None, "nothing (null)")],
)
def test_a_document_that_is_not_a_mapping(data: object, what: str) -> None:
    assert problems(data) == [f"(document): must be a mapping (key: value), not {what}"]


# --- the model's own conveniences ---------------------------------------------------------


def test_a_bare_string_is_a_lane_item_with_that_text() -> None:
    data = journey()
    data["stages"][0]["lanes"] = {"actions": ["Go", {"text": "Pay", "by": "ops"}]}
    parsed = parse_journey(data)
    assert parsed.stages[0].lanes.actions == [LaneItem(text="Go"), LaneItem(text="Pay", by="ops")]


def test_reference_problems_of_a_journey_built_in_code() -> None:
    by_t = LaneItem(text="x", by="t")
    built = Journey(
        id="j",
        title="J",
        stages=[
            Stage(
                id="s",
                name="S",
                steps=[
                    Step(id="a", name="A", next=["b"]),
                    Step(id="a", name="A2", lanes=LaneItems(backstage=[by_t])),
                ],
            )
        ],
    )
    assert [problem.describe() for problem in reference_problems(built)] == [
        "stages[0].steps[1].id: duplicate step id 'a' (first used at stages[0].steps[0].id)",
        "stages[0].steps[0].next[0]: unknown step 'b'",
        "stages[0].steps[1].lanes.backstage[0].by: unknown stakeholder 't'",
    ]


def test_problem_lines_leave_out_what_is_unknown() -> None:
    assert Problem(("stages", 2, "steps", 0, "emotion"), "m", 4, 7).describe("f.yaml") == (
        "f.yaml:4:7: stages[2].steps[0].emotion: m"
    )
    assert Problem(("title",), "m").describe("f.yaml") == "f.yaml: title: m"
    assert Problem((), "m").describe() == "(document): m"
    assert format_path(("lanes", 0)) == "lanes[0]"
