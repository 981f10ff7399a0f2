"""Mermaid import and export: round trips, and files written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmap.ingest.journey_file import load_journey_text
from cxmap.ingest.mermaid import parse_mermaid
from cxmap.model.errors import AlreadyExistsError, InvalidInputError
from cxmap.model.journey import Journey, Stage, Step
from cxmap.model.mermaid import mermaid_to_journey
from cxmap.model.validation import reference_problems
from cxmap.render.journey_text import journey_to_yaml
from cxmap.render.mermaid import journey_to_mermaid_text
from cxmap.services import mermaid_exchange
from cxmap.services.journey_files import load_journey
from cxmap.services.mermaid_exchange import ExportFormat
from tests.conftest import SHARED_DATA

MERMAID = SHARED_DATA / "mermaid_journeys"
VALID = sorted((MERMAID / "valid").glob("*.mmd"))
BAD = MERMAID / "invalid" / "i07_non_numeric_score.mmd"

#: Pieces that trip Mermaid's lexer, mixed into generated names.
TRICKY = st.sampled_from(
    [
        "Title page",
        "journey",
        "Section 2",
        "accDescr {",
        "accTitle:",
        ": 5: Me",
        "#1",
        ";",
        ",",
        "%%",
        "}",
        "\n",
        "\r\n",
        "\t",
        " ",
        "\u200b",
        "\u00a0",
        "\ufeff",
        "Zoë",
        "田中",
        "🚲",
    ]
)
NAME = (
    st.lists(st.one_of(TRICKY, st.text(max_size=6)), min_size=1, max_size=4)
    .map("".join)
    .filter(lambda text: bool(text.strip()))
)
EMOTION = st.one_of(
    st.none(),
    st.sampled_from([-2, -1, 0, 1, 2]),
    st.floats(min_value=-2, max_value=2, allow_nan=False),
)


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    stages = []
    for si in range(draw(st.integers(0, 4))):
        steps = [
            Step(
                id=f"s{si}-{ti}",
                name=draw(NAME),
                emotion=draw(EMOTION),
                actors=draw(st.lists(st.one_of(NAME, st.just("")), max_size=3)),
            )
            for ti in range(draw(st.integers(0, 4)))
        ]
        stages.append(Stage(id=f"st{si}", name=draw(NAME), steps=steps))
    return Journey(
        id="generated",
        title=draw(NAME),
        accessible_title=draw(st.one_of(st.just(""), NAME)),
        accessible_description=draw(
            st.one_of(st.just(""), st.lists(NAME, max_size=4).map("\n".join))
        ),
        stages=stages,
    )


def import_text(text: str) -> Journey:
    return mermaid_to_journey(parse_mermaid(text, "generated.mmd"))


@settings(max_examples=300, deadline=None)
@given(journeys())
def test_journey_to_mermaid_to_journey_to_mermaid_is_stable(journey: Journey) -> None:
    first = journey_to_mermaid_text(journey)
    imported = import_text(first)
    assert journey_to_mermaid_text(imported) == first
    assert import_text(journey_to_mermaid_text(imported)) == imported
    assert list(reference_problems(imported)) == []


@settings(max_examples=100, deadline=None)
@given(journeys())
def test_an_imported_journey_survives_yaml_too(journey: Journey) -> None:
    imported = import_text(journey_to_mermaid_text(journey))
    assert load_journey_text(journey_to_yaml(imported).encode("utf-8"), "j.yaml") == imported


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_import_export_import_gives_the_same_journey(path: Path) -> None:
    first = mermaid_exchange.read_mermaid(path)
    journey = mermaid_to_journey(first)
    assert import_text(journey_to_mermaid_text(journey)) == journey


def test_import_writes_a_journey_file_that_loads_back(tmp_path: Path) -> None:
    source = MERMAID / "valid" / "e08_cx_telecom_onboarding.mmd"
    for name in ("journey.yaml", "journey.json"):
        target = tmp_path / name
        journey = mermaid_exchange.import_mermaid(source, target)
        assert load_journey(target) == journey
    assert journey.title == "Mobile contract onboarding"
    assert [s.name for s in journey.stages] == ["Sign-up", "Activation", "First bill"]
    assert [s.emotion for s in journey.steps()] == [1, -1, 0, 1, -2, -1, -1, -2, 1]


def test_a_bad_diagram_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out" / "journey.yaml"
    with pytest.raises(InvalidInputError) as caught:
        mermaid_exchange.import_mermaid(BAD, target)
    assert caught.value.lines()[0].startswith(f"{BAD}:4:15: ")
    assert not target.exists()
    assert list(tmp_path.rglob("*")) == []


def test_import_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "journey.yaml"
    target.write_text("mine\n", "utf-8")
    source = MERMAID / "valid" / "v01_docs_my_working_day.mmd"
    with pytest.raises(AlreadyExistsError):
        mermaid_exchange.import_mermaid(source, target)
    assert target.read_text("utf-8") == "mine\n"
    mermaid_exchange.import_mermaid(source, target, force=True)
    assert load_journey(target).title == "My working day"


def test_import_refuses_an_output_that_is_not_a_journey_file(tmp_path: Path) -> None:
    source = MERMAID / "valid" / "v01_docs_my_working_day.mmd"
    with pytest.raises(InvalidInputError, match=r"must end in \.yaml, \.yml, \.json"):
        mermaid_exchange.import_mermaid(source, tmp_path / "journey.txt")
    assert list(tmp_path.iterdir()) == []


def test_export_reads_journey_files_and_diagrams(tmp_path: Path) -> None:
    source = MERMAID / "valid" / "v13_cypress_ecommerce.mmd"
    expected = (
        "journey\n  title E-Commerce\n  section Order from website\n    Add to cart: 5: Me\n"
        "  section Checkout from website\n    Add payment details: 5: Me\n"
    )
    assert mermaid_exchange.export_text(source, ExportFormat.MERMAID) == expected
    target = tmp_path / "e.json"
    mermaid_exchange.export_file(source, ExportFormat.JSON, target)
    assert mermaid_exchange.export_text(target, ExportFormat.MERMAID) == expected


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.json", "json"),
        ("a.YML", "yaml"),
        ("a.yaml", "yaml"),
        ("a.mmd", "mermaid"),
        (None, "mermaid"),
    ],
)
def test_the_output_name_picks_the_format(name: str | None, fmt: str) -> None:
    assert mermaid_exchange.format_for_output(Path(name) if name else None) == fmt
