"""Mermaid diagram <-> journey, checked by hand on small cases."""

from __future__ import annotations

import pytest

from cxmap.model.journey import Journey, Stage, Step
from cxmap.model.mermaid import (
    MermaidJourney,
    MermaidSection,
    MermaidTask,
    description_text,
    emotion_to_score,
    journey_to_mermaid,
    mermaid_to_journey,
    score_to_emotion,
    slug,
    task_text,
)
from cxmap.model.validation import reference_problems

ZWSP = "\u200b"


def task(name: str, score: float, *people: str) -> MermaidTask:
    return MermaidTask(task=name, score=score, people=list(people))


WORKING_DAY = MermaidJourney(
    title="My working day",
    accTitle="Day",
    accDescr="Tea,\nthen work",
    sections=[
        MermaidSection(
            name="Go to work",
            tasks=[task("Make tea", 5, "Me"), task("Do work", 1, "Me", "Cat")],
        ),
        MermaidSection(name="Go home", tasks=[task("Sit down", 3)]),
    ],
)


def test_sections_become_stages_and_tasks_become_linked_steps() -> None:
    journey = mermaid_to_journey(WORKING_DAY)
    assert (journey.id, journey.title) == ("my-working-day", "My working day")
    assert (journey.accessible_title, journey.accessible_description) == ("Day", "Tea,\nthen work")
    assert [(s.id, s.name) for s in journey.stages] == [
        ("go-to-work", "Go to work"),
        ("go-home", "Go home"),
    ]
    rows = [(s.id, s.emotion, s.actors, s.next, s.final) for s in journey.steps()]
    assert rows == [
        ("make-tea", 2, ["Me"], ["do-work"], False),
        ("do-work", -2, ["Me", "Cat"], ["sit-down"], False),
        ("sit-down", 0, [], [], True),
    ]
    assert list(reference_problems(journey)) == []


def test_repeated_names_get_unique_ids_and_blank_names_a_fallback() -> None:
    diagram = MermaidJourney(
        title=None,
        sections=[
            MermaidSection(name="", tasks=[task("Pay", 2), task("Pay", 3)]),
            MermaidSection(name="Visit", tasks=[task("Pay ", 4), task("田中", 4)]),
            MermaidSection(name="Visit", tasks=[task("!!", 5)]),
        ],
    )
    journey = mermaid_to_journey(diagram)
    assert journey.title == "Untitled journey"
    assert [(s.id, s.name) for s in journey.stages] == [
        ("stage-1", "Stage 1"),
        ("visit", "Visit"),
        ("visit-2", "Visit"),
    ]
    assert [(s.id, s.name) for s in journey.steps()] == [
        ("pay", "Pay"),
        ("pay-2", "Pay"),
        ("pay-3", "Pay"),
        ("step-4", "田中"),
        ("step-5", "!!"),
    ]


def test_title_falls_back_to_acc_title_and_is_trimmed() -> None:
    assert mermaid_to_journey(MermaidJourney(title=None, accTitle="Shopping")).title == "Shopping"
    assert mermaid_to_journey(MermaidJourney(title=" Web hook ")).title == "Web hook"
    assert mermaid_to_journey(MermaidJourney(title="  ")).id == "untitled-journey"


def test_blank_and_repeated_people_are_not_actors() -> None:
    diagram = MermaidJourney(
        sections=[MermaidSection(name="S", tasks=[task("T", 3, "Me", "", "Me", " Cat ")])]
    )
    assert mermaid_to_journey(diagram).steps()[0].actors == ["Me", "Cat"]


def test_leading_zero_width_spaces_are_dropped_from_task_names() -> None:
    diagram = MermaidJourney(sections=[MermaidSection(name="S", tasks=[task(ZWSP + "Title", 3)])])
    assert mermaid_to_journey(diagram).steps()[0].name == "Title"


@pytest.mark.parametrize(
    ("score", "emotion"), [(1, -2), (2, -1), (3, 0), (4, 1), (5, 2), (4.5, 1.5), (4.1, 1.1)]
)
def test_score_minus_three_is_the_emotion_and_back(score: float, emotion: float) -> None:
    assert score_to_emotion(score) == emotion
    assert emotion_to_score(emotion) == score


def test_a_step_without_emotion_is_exported_at_the_baseline() -> None:
    assert emotion_to_score(None) == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Go to work", "go-to-work"),
        ("Café Zoë", "cafe-zoe"),
        ("Mit Karte zahlen (€)", "mit-karte-zahlen"),
        ("  --Stage 1: Discover--  ", "stage-1-discover"),
        ("田中", ""),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugs_are_ascii_ids(name: str, expected: str) -> None:
    assert slug(name) == expected


def step(name: str, emotion: float | None = None, actors: tuple[str, ...] = ()) -> Step:
    return Step(id="s", name=name, emotion=emotion, actors=list(actors))


def one_step_journey(the_step: Step, stage_name: str = "Stage", **fields: str) -> Journey:
    stage = Stage(id="st", name=stage_name, steps=[the_step])
    return Journey.model_validate({"id": "j", "title": "T", **fields, "stages": [stage]})


def test_export_replaces_characters_mermaid_cannot_hold_in_names() -> None:
    journey = one_step_journey(
        step("Pay: 5; #1", actors=("Smith, J.", "Bob: boss", " ", "Me", "Me")),
        stage_name="Stage 1: Discover #2",
        title="Plan: A; #3",
    )
    diagram = journey_to_mermaid(journey)
    assert diagram.title == "Plan: A\uff1b \uff033"
    assert diagram.sections[0].name == "Stage 1\uff1a Discover \uff032"
    assert diagram.sections[0].tasks[0] == MermaidTask(
        task="Pay\uff1a 5\uff1b \uff031",
        score=3,
        people=["Smith\uff0c J.", "Bob\uff1a boss", "Me"],
    )


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Title page", ZWSP + "Title page"),
        ("journey home", ZWSP + "journey home"),
        ("Journey", ZWSP + "Journey"),
        ("SECTION\t2", ZWSP + "SECTION\t2"),
        ("accDescr {x}", ZWSP + "accDescr {x}"),
        ("Journeys", "Journeys"),
        ("Titles", "Titles"),
        ("%% not a comment", "% not a comment"),
        ("a%%%b", "a%b"),
        ("50%% off", "50%% off"),
        ("Two\nlines", "Two lines"),
        (ZWSP + ZWSP + " Pay", "Pay"),
        ("\x00", "Step"),
    ],
)
def test_task_names_are_never_read_as_keywords_or_comments(name: str, written: str) -> None:
    assert task_text(name) == written


def test_multi_line_description_is_written_as_mermaid_reads_it_back() -> None:
    text = "  First line}\r\n\n     %% second\n\tthird  "
    assert description_text(text) == "First line\uff5d\n% second\nthird"
    assert description_text("One line with } and %% kept") == "One line with } and %% kept"


def test_export_keeps_scores_and_accessibility_and_drops_blank_ones() -> None:
    journey = one_step_journey(step("Wait", emotion=-1.5), accessible_title="  ")
    diagram = journey_to_mermaid(journey)
    assert diagram.sections[0].tasks[0].score == 1.5
    assert (diagram.acc_title, diagram.acc_descr) == (None, None)
    titled = one_step_journey(step("Wait"), accessible_title="Map\nof waiting")
    assert journey_to_mermaid(titled).acc_title == "Map of waiting"
