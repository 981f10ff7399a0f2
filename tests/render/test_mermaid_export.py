"""Writing Mermaid `journey` text: exact output, and read back to the same diagram."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.ingest.mermaid import load_mermaid, parse_mermaid
from cxmap.model.journey import Journey
from cxmap.model.mermaid import MermaidJourney, MermaidSection, MermaidTask
from cxmap.render.mermaid import journey_to_mermaid_text, mermaid_text
from tests.conftest import SHARED_DATA

VALID = sorted((SHARED_DATA / "mermaid_journeys" / "valid").glob("*.mmd"))

JOURNEY = Journey.model_validate(
    {
        "id": "support",
        "title": "Support call",
        "accessible_title": "A support call",
        "accessible_description": "From the phone number\nto the answer",
        "stages": [
            {
                "id": "contact",
                "name": "Contact",
                "steps": [
                    {"id": "find", "name": "Find number", "emotion": -1, "actors": ["Customer"]},
                    {"id": "wait", "name": "Wait: on hold", "emotion": -2.0},
                    {"id": "title", "name": "Title of the ticket"},
                ],
            },
            {
                "id": "answer",
                "name": "Answer",
                "steps": [
                    {
                        "id": "talk",
                        "name": "Talk to agent",
                        "emotion": 1.5,
                        "actors": ["Customer", "Agent #4"],
                        "channel": "phone",
                    }
                ],
            },
            {"id": "empty", "name": "Follow-up"},
        ],
    }
)

EXPECTED = """\
journey
  title Support call
  accTitle: A support call
  accDescr {
    From the phone number
    to the answer
  }
  section Contact
    Find number: 2: Customer
    Wait\uff1a on hold: 1
    \u200bTitle of the ticket: 3
  section Answer
    Talk to agent: 4.5: Customer, Agent \uff034
  section Follow-up
"""


def test_a_journey_is_written_as_hand_checked_mermaid() -> None:
    assert journey_to_mermaid_text(JOURNEY) == EXPECTED


def test_the_written_text_reads_back_as_meant() -> None:
    diagram = parse_mermaid(EXPECTED)
    assert diagram.title == "Support call"
    assert diagram.acc_descr == "From the phone number\nto the answer"
    assert [t.task for t in diagram.sections[0].tasks] == [
        "Find number",
        "Wait\uff1a on hold",
        "\u200bTitle of the ticket",
    ]
    assert [s.name for s in diagram.sections] == ["Contact", "Answer", "Follow-up"]


def test_people_lists_keep_mermaids_distinctions() -> None:
    diagram = MermaidJourney(
        title="T",
        sections=[
            MermaidSection(
                name="S",
                tasks=[
                    MermaidTask(task="None", score=5, people=[]),
                    MermaidTask(task="Blank", score=5, people=[""]),
                    MermaidTask(task="Gap", score=5, people=["Me", "", "Cat"]),
                    MermaidTask(task="Trailing", score=5, people=["Me", ""]),
                ],
            )
        ],
    )
    text = mermaid_text(diagram)
    assert text.splitlines()[3:] == [
        "    None: 5",
        "    Blank: 5:",
        "    Gap: 5: Me, , Cat",
        "    Trailing: 5: Me,",
    ]
    assert parse_mermaid(text) == diagram


def test_tasks_before_the_first_section_are_written_before_it() -> None:
    diagram = MermaidJourney(
        title=None,
        sections=[
            MermaidSection(name="", tasks=[MermaidTask(task="Open app", score=4)]),
            MermaidSection(name="Use", tasks=[]),
        ],
    )
    assert mermaid_text(diagram) == "journey\n  Open app: 4\n  section Use\n"


def test_front_matter_config_is_written_back() -> None:
    diagram = MermaidJourney(title="T", frontmatterConfig={"journey": {"maxLabelWidth": 320}})
    text = mermaid_text(diagram)
    assert text == "---\nconfig:\n  journey:\n    maxLabelWidth: 320\n---\njourney\n  title T\n"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_every_valid_fixture_is_written_back_to_text_that_reads_the_same(path: Path) -> None:
    diagram = load_mermaid(path.read_bytes(), path.name)
    assert parse_mermaid(mermaid_text(diagram)) == diagram
