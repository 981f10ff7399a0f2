"""The example journeys: valid, well-formed as journeys, and the bank pair linked both ways.

They are what a newcomer reads first and what the demo shows, so beyond validating they are
held to what the linter and the map need: every step reachable, owned and backed by evidence.
The YAML and JSON examples in docs/journey-format.md are checked here too.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.journey import (
    BELOW_LINE_OF_VISIBILITY,
    Journey,
    JourneyKind,
    Lane,
    StakeholderKind,
)
from cxmap.services.journey_files import check_file, load_journey
from cxmap.services.linting import lint_file
from tests.conftest import EXAMPLES, REPO

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
NAMES = [path.name for path in EXAMPLE_FILES]
CURRENT = EXAMPLES / "bank-loan-application-current.yaml"
DESIRED = EXAMPLES / "bank-loan-application-desired.yaml"


def test_the_four_examples_are_there() -> None:
    assert NAMES == [
        "bank-loan-application-current.yaml",
        "bank-loan-application-desired.yaml",
        "online-retail-purchase.yaml",
        "telecom-onboarding-support.yaml",
    ]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=NAMES)
def test_example_validates(path: Path) -> None:
    assert check_file(path) == []
    assert load_journey(path).id == path.stem


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=NAMES)
def test_example_has_the_size_of_a_real_journey(path: Path) -> None:
    journey = load_journey(path)
    assert 4 <= len(journey.stages) <= 7
    assert 8 <= len(journey.steps()) <= 20
    assert all(stage.goal and stage.needs and stage.steps for stage in journey.stages)
    assert journey.personas
    assert journey.insights
    assert journey.opportunities
    assert journey.accessible_title
    assert journey.accessible_description


def reachable(journey: Journey) -> set[str]:
    following = {step.id: step.next for step in journey.steps()}
    seen = set(journey.entry_steps())
    queue = deque(seen)
    while queue:
        for target in following[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=NAMES)
def test_example_flow_reaches_every_step_and_has_no_dead_end(path: Path) -> None:
    journey = load_journey(path)
    steps = journey.steps()
    assert reachable(journey) == {step.id for step in steps}
    assert [step.id for step in steps if not step.next and not step.final] == []
    assert any(step.final for step in steps)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=NAMES)
def test_example_steps_are_owned_and_emotions_are_backed(path: Path) -> None:
    journey = load_journey(path)
    assert [s.id for s in journey.steps() if s.channel is None or not s.department] == []
    assert [s.id for s in journey.steps() if s.emotion is None or not s.evidence] == []
    assert [s.id for s in journey.steps() if not s.feeling] == []
    anchored = {i.step for i in journey.insights} | {o.step for o in journey.opportunities}
    pains = [step.id for step in journey.steps() if step.emotion is not None and step.emotion < 0]
    assert pains
    assert set(pains) <= anchored
    fixed = {ref for opportunity in journey.opportunities for ref in opportunity.fixes}
    assert {i.id for i in journey.insights if i.kind == "pain"} <= fixed


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=NAMES)
def test_example_has_no_lint_errors_or_warnings(path: Path) -> None:
    report = lint_file(path)
    assert [f.describe() for f in report.findings if f.severity.value != "info"] == []


def test_retail_has_a_support_branch_that_leads_back() -> None:
    journey = load_journey(EXAMPLES / "online-retail-purchase.yaml")
    support = {step.id for step in journey.stages[-1].steps}
    main = {step.id for step in journey.steps()} - support
    into_support = {s.id for s in journey.steps() if s.id in main and set(s.next) & support}
    back = {ref for s in journey.steps() if s.id in support for ref in s.next if ref in main}
    assert len(into_support) >= 3
    assert len(back) >= 3
    assert {"payment-declined", "retry-payment"} <= {s.id for s in journey.steps()}


def test_telecom_blueprint_has_content_on_both_sides_of_the_line_of_visibility() -> None:
    journey = load_journey(EXAMPLES / "telecom-onboarding-support.yaml")
    holders = [stage.lanes for stage in journey.stages] + [s.lanes for s in journey.steps()]
    blueprint = (Lane.FRONTSTAGE, Lane.BACKSTAGE, Lane.SUPPORT)
    by_lane = {lane: [item for h in holders for item in h.of(lane)] for lane in blueprint}
    assert by_lane[Lane.FRONTSTAGE]
    below = [item for lane in BELOW_LINE_OF_VISIBILITY for item in by_lane[lane]]
    assert len(below) >= 10
    kinds = {s.id: s.kind for s in journey.stakeholders}
    used = {item.by for items in by_lane.values() for item in items if item.by}
    assert used == set(kinds)  # every stakeholder appears in the blueprint
    below_by = {kinds[item.by] for item in below if item.by}
    assert below_by == {StakeholderKind.INTERNAL, StakeholderKind.PARTNER}
    for team in ("provisioning", "billing", "field-engineering"):
        assert kinds[team] is StakeholderKind.INTERNAL
    for partner in ("install-contractor", "device-logistics"):
        assert kinds[partner] is StakeholderKind.PARTNER


def test_the_bank_journeys_are_each_others_counterpart() -> None:
    current, desired = load_journey(CURRENT), load_journey(DESIRED)
    assert (current.kind, desired.kind) == (JourneyKind.CURRENT, JourneyKind.DESIRED)
    assert current.counterpart == desired.id
    assert desired.counterpart == current.id
    assert [p.id for p in current.personas] == [p.id for p in desired.personas]


def test_the_bank_journeys_differ_by_removed_added_and_merged_steps() -> None:
    current, desired = load_journey(CURRENT), load_journey(DESIRED)
    now = {step.id for step in current.steps()}
    wanted = {step.id for step in desired.steps()}
    kept, removed, added = now & wanted, now - wanted, wanted - now
    assert {"read-loan-page", "loan-declined", "funds-paid", "first-repayment"} <= kept
    assert len(removed) >= 5
    assert len(added) >= 3
    # Each removed step is accounted for: a desired step says which current steps it replaces.
    replaces = [
        fact for step in desired.steps() for fact in step.facts if fact.startswith("Replaces")
    ]
    named = {ident for fact in replaces for ident in re.findall(r"[a-z]+(?:-[a-z]+)+", fact)}
    assert removed <= named
    assert named - {"representative-rate"} <= now  # a replacement names only current steps
    # At least one desired step merges several current ones.
    assert any(
        len(set(re.findall(r"[a-z]+(?:-[a-z]+)+", fact)) & removed) >= 3 for fact in replaces
    )


def test_the_counterpart_is_found_beside_the_file_by_the_linter() -> None:
    report = lint_file(CURRENT)
    assert report.counterpart_file == str(DESIRED)


# --- the examples in the format documentation ---------------------------------------------

DOC = REPO / "docs" / "journey-format.md"


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_every_full_yaml_journey_in_the_docs_validates() -> None:
    journeys = [block for block in doc_blocks("yaml") if block.startswith("cxmap: 1")]
    assert len(journeys) >= 2
    for block in journeys:
        load_journey_text(block.encode(), "doc.yaml")


def test_the_json_journey_in_the_docs_validates() -> None:
    [block] = doc_blocks("json")
    journey = load_journey_text(block.encode(), "doc.json")
    assert journey.steps()[0].lanes.backstage[0].text == "Card authorised with the bank"


def test_the_docs_name_every_key_of_the_format() -> None:
    from cxmap.model.journey import (
        EvidenceMatch,
        EvidenceNote,
        Insight,
        Opportunity,
        Persona,
        Stage,
        Stakeholder,
        Step,
    )

    text = DOC.read_text(encoding="utf-8")
    models = (
        Journey,
        Persona,
        Stakeholder,
        Stage,
        Step,
        EvidenceNote,
        EvidenceMatch,
        Insight,
        Opportunity,
    )
    missing = {
        f"{model.__name__}.{key}"
        for model in models
        for key in model.model_fields
        if f"`{key}`" not in text
    }
    assert missing == set()
