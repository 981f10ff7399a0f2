"""Journey -> YAML/JSON -> journey gives the same journey, and the written text is stable.

Hypothesis builds valid journeys of every shape the format allows: branching and looping
`next`, several entry steps, lanes with and without stakeholders, evidence, insights and
opportunities, and text in any script (emoji, CJK, right-to-left, control characters).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.journey import (
    Channel,
    EvidenceKind,
    EvidenceNote,
    Insight,
    InsightKind,
    Journey,
    JourneyKind,
    JourneyStatus,
    Lane,
    LaneItem,
    LaneItems,
    Opportunity,
    OpportunityStatus,
    ParentLink,
    Persona,
    Stage,
    Stakeholder,
    StakeholderKind,
    Step,
)
from cxmap.services.journey_files import journey_text, load_journey, save_journey
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# Any character but surrogates (not encodable as UTF-8); YAML and JSON must escape the rest.
CHARACTERS = st.characters(exclude_categories=["Cs"])
ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}", fullmatch=True)
free_text = st.text(CHARACTERS, max_size=24)
text = st.text(CHARACTERS, min_size=1, max_size=24).filter(lambda value: value.strip() != "")
texts = st.lists(text, max_size=3)
emotions = st.one_of(
    st.none(),
    st.integers(-2, 2).map(float),
    st.floats(-2, 2, allow_nan=False, allow_infinity=False),
)
instants = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=5, minutes=30))]),
)


def unique_ids(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=count, max_size=count, unique=True)


def lane_items(stakeholders: list[str]) -> st.SearchStrategy[LaneItems]:
    by = st.sampled_from([None, *stakeholders])
    items = st.lists(st.builds(LaneItem, text=text, by=by), max_size=2)
    return st.builds(
        LaneItems, actions=items, thoughts=items, frontstage=items, backstage=items, support=items
    )


evidence = st.lists(
    st.builds(EvidenceNote, kind=st.sampled_from(EvidenceKind), text=text, source=free_text),
    max_size=2,
)


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """A valid journey: every id unique in its kind, every reference pointing somewhere."""
    stage_count = draw(st.integers(0, 4))
    step_counts = [draw(st.integers(0, 4)) for _ in range(stage_count)]
    step_ids = draw(unique_ids(sum(step_counts)))
    people = draw(unique_ids(draw(st.integers(0, 3))))
    lanes = lane_items(people)
    step_id_choice = st.sampled_from(step_ids) if step_ids else st.nothing()

    def step(ident: str) -> Step:
        return Step(
            id=ident,
            name=draw(text),
            channel=draw(st.none() | st.sampled_from(Channel)),
            department=draw(st.none() | text),
            description=draw(free_text),
            facts=draw(texts),
            emotion=draw(emotions),
            feeling=draw(free_text),
            evidence=draw(evidence),
            next=draw(st.lists(step_id_choice, max_size=3, unique=True)) if step_ids else [],
            final=draw(st.booleans()),
            actors=draw(st.lists(free_text, max_size=2)),
            sub_journey=draw(st.none() | ids),
            metrics=draw(texts),
            lanes=draw(lanes),
        )

    remaining = iter(step_ids)
    stage_ids = draw(unique_ids(stage_count))
    stages = [
        Stage(
            id=stage_ids[index],
            name=draw(text),
            goal=draw(free_text),
            needs=draw(texts),
            lanes=draw(lanes),
            steps=[step(next(remaining)) for _ in range(count)],
        )
        for index, count in enumerate(step_counts)
    ]
    insight_ids = draw(unique_ids(draw(st.integers(0, 3)))) if step_ids else []
    insights = [
        Insight(
            id=ident,
            kind=draw(st.sampled_from(InsightKind)),
            title=draw(text),
            description=draw(free_text),
            step=draw(step_id_choice),
            severity=draw(st.integers(1, 5)),
            evidence=draw(evidence),
        )
        for ident in insight_ids
    ]
    opportunity_ids = draw(unique_ids(draw(st.integers(0, 3)))) if step_ids else []
    opportunities = [
        Opportunity(
            id=ident,
            title=draw(text),
            description=draw(free_text),
            step=draw(step_id_choice),
            fixes=draw(st.lists(st.sampled_from(insight_ids), unique=True)) if insight_ids else [],
            owner=draw(free_text),
            status=draw(st.sampled_from(OpportunityStatus)),
            effort=draw(st.none() | st.integers(1, 5)),
            impact=draw(free_text),
            kpi=draw(free_text),
            due=draw(st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1))),
        )
        for ident in opportunity_ids
    ]
    return Journey(
        id=draw(ids),
        title=draw(text),
        description=draw(free_text),
        accessible_title=draw(free_text),
        accessible_description=draw(free_text),
        kind=draw(st.sampled_from(JourneyKind)),
        counterpart=draw(st.none() | ids),
        parent=draw(st.none() | st.builds(ParentLink, journey=ids, step=ids)),
        status=draw(st.sampled_from(JourneyStatus)),
        owner=draw(free_text),
        tags=draw(texts),
        version=draw(st.integers(1, 10_000)),
        updated_at=draw(st.none() | instants),
        personas=[
            Persona(
                id=ident,
                name=draw(text),
                description=draw(free_text),
                goals=draw(texts),
                frustrations=draw(texts),
                segment=draw(free_text),
            )
            for ident in draw(unique_ids(draw(st.integers(0, 2))))
        ],
        stakeholders=[
            Stakeholder(
                id=ident,
                name=draw(text),
                kind=draw(st.sampled_from(StakeholderKind)),
                department=draw(free_text),
            )
            for ident in people
        ],
        lanes=draw(st.lists(st.sampled_from(Lane), unique=True)),
        start=draw(st.lists(step_id_choice, max_size=2, unique=True)) if step_ids else [],
        stages=stages,
        activity_map=draw(st.dictionaries(text, step_id_choice, max_size=2)) if step_ids else {},
        insights=insights,
        opportunities=opportunities,
    )


ROUND_TRIP = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(journeys())
def test_yaml_round_trip_gives_an_equal_journey(journey: Journey) -> None:
    written = journey_text(journey, "yaml")
    assert load_journey_text(written.encode("utf-8"), "j.yaml") == journey


@ROUND_TRIP
@given(journeys())
def test_json_round_trip_gives_an_equal_journey(journey: Journey) -> None:
    written = journey_text(journey, "json")
    assert load_journey_text(written.encode("utf-8"), "j.json") == journey


@ROUND_TRIP
@given(journeys())
def test_yaml_output_is_deterministic_and_stable(journey: Journey) -> None:
    first = journey_text(journey, "yaml")
    assert journey_text(journey, "yaml") == first
    assert journey_text(journey.model_copy(deep=True), "yaml") == first
    reread = load_journey_text(first.encode("utf-8"), "j.yaml")
    assert journey_text(reread, "yaml") == first


def test_defaults_are_left_out_and_lane_items_use_the_short_form() -> None:
    journey = Journey(
        id="j",
        title="T",
        stages=[Stage(id="s", name="S", lanes=LaneItems(actions=[LaneItem(text="Looks")]))],
    )
    assert journey_text(journey, "yaml") == (
        "cxmap: 1\nid: j\ntitle: T\nstages:\n- id: s\n  name: S\n  lanes:\n    actions:\n"
        "    - Looks\n"
    )


def test_evidence_with_only_text_keeps_its_mapping_form() -> None:
    # Only lane items have the bare-string short form; a bare string is not an evidence note.
    step = Step(id="a", name="A", evidence=[EvidenceNote(text="CSAT 4.5")])
    journey = Journey(id="j", title="T", stages=[Stage(id="s", name="S", steps=[step])])
    written = journey_text(journey, "yaml")
    assert "    evidence:\n    - text: CSAT 4.5\n" in written
    assert load_journey_text(written.encode(), "j.yaml") == journey


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029", "\r", "a\r\nb", "\x85 "])
def test_yaml_only_line_breaks_survive(odd: str) -> None:
    journey = Journey(id="j", title="T", description=odd, tags=[f"x{odd}y"])
    written = journey_text(journey, "yaml")
    assert load_journey_text(written.encode(), "j.yaml") == journey


def test_whole_emotions_are_written_as_integers() -> None:
    step = Step(id="a", name="A", emotion=-1.0)
    journey = Journey(id="j", title="T", stages=[Stage(id="s", name="S", steps=[step])])
    assert "emotion: -1\n" in journey_text(journey, "yaml")
    assert '"emotion": -1\n' in journey_text(journey, "json")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_every_example_round_trips_through_a_saved_file(
    path: Path, suffix: str, tmp_path: Path
) -> None:
    journey = load_journey(path)
    copy = tmp_path / f"copy{suffix}"
    save_journey(journey, copy)
    assert load_journey(copy) == journey
    save_journey(load_journey(copy), tmp_path / f"again{suffix}")
    assert (tmp_path / f"again{suffix}").read_bytes() == copy.read_bytes()
