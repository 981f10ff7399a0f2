"""Reading a mined JSON file back: valid files load, bad ones name key, line and column.

Lines and columns below were counted by hand in the texts (1-based; a value's column is
where the value starts, an unknown key's column is where the key starts).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.ingest.mined_file import load_mined_text
from cxmap.model.errors import InvalidInputError

FIXTURE = Path(__file__).parents[1] / "render" / "journeys" / "checkout_gap_mined.json"

SMALL = """\
{
  "cases": 1,
  "events": 2,
  "start_activities": {"a": 1},
  "end_activities": {"b": 1},
  "dfg": [
    {"source": "a", "target": "b", "count": 1, "mean_seconds": 5.0, "median_seconds": 5.0}
  ],
  "variants": [{"activities": ["a", "b"], "count": 1}]
}
"""


def problems(text: str, name: str = "mined.json") -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_mined_text(text.encode("utf-8"), name)
    return caught.value.lines()


def test_what_cxmap_mine_wrote_loads_back() -> None:
    result, parsed = load_mined_text(FIXTURE.read_bytes(), str(FIXTURE))
    assert (result.cases, result.events) == (10, 52)  # 5+5+5+7+4+2+3+7+8+6
    assert result.funnel is not None
    assert [step.step for step in result.funnel.steps] == [
        "browse",
        "cart",
        "checkout",
        "pay",
        "confirm",
    ]
    assert parsed.positions[("cases",)] == (2, 12)


def test_a_wrong_type_is_named_at_its_value() -> None:
    text = SMALL.replace('"count": 1, "mean', '"count": "one", "mean')
    assert problems(text) == ["mined.json:7:45: dfg[0].count: must be a whole number, not text"]


def test_an_unknown_key_is_named_at_the_key() -> None:
    text = SMALL.replace('"cases": 1,', '"cases": 1, "casez": 2,')
    assert problems(text) == [
        "mined.json:2:15: casez: unknown key 'casez'; is this the JSON that "
        "`cxmap mine --json` writes?"
    ]


def test_a_missing_key_is_named() -> None:
    text = SMALL.replace('  "events": 2,\n', "")
    assert problems(text) == ["mined.json:1:1: events: required key is missing"]


def test_a_journey_file_is_not_a_mined_file() -> None:
    assert problems("- just\n- a list\n", "mined.yaml") == [
        "mined.yaml:1:1: (document): must be a mapping (key: value), not a list; "
        "is this the JSON that `cxmap mine --json` writes?"
    ]


def test_broken_json_and_empty_files_are_one_clear_line() -> None:
    assert problems('{"cases": 1') == [
        "mined.json:1:12: (document): JSON syntax error: Expecting ',' delimiter"
    ]
    assert problems("  \n") == [
        "mined.json: (document): the file is empty; is this the JSON that "
        "`cxmap mine --json` writes?"
    ]
