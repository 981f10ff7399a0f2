"""Reading journey files: every problem reported once, at its path, line and column."""

from __future__ import annotations

import pytest

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.errors import InvalidInputError


def problems(text: str | bytes, name: str = "j.yaml") -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InvalidInputError) as caught:
        load_journey_text(raw, name)
    return caught.value.lines()


MINIMAL = "id: j\ntitle: T\nstages:\n  - id: s\n    name: S\n    steps:\n"


def test_a_minimal_journey_loads() -> None:
    journey = load_journey_text(b"id: j\ntitle: A journey\n", "j.yaml")
    assert (journey.id, journey.title, journey.stages) == ("j", "A journey", [])


def test_emotion_out_of_range_names_path_line_and_column() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n        emotion: 3\n"
    assert problems(text) == ["j.yaml:9:18: stages[0].steps[0].emotion: must be between -2 and 2"]


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    text = "id: j\ntitle: T\nstagess: []\n"
    assert problems(text) == ["j.yaml:3:1: stagess: unknown key 'stagess'; did you mean 'stages'?"]
