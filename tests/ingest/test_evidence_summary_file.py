"""Reading an evidence summary back: a good file loads, a bad one names key, line and column.

Lines and columns were counted by hand in tests/render/journeys/evidence_map_evidence.json
(1-based; a value's column is where the value starts, an unknown key's where the key starts):
line 3 is `    "step": "see-ad",`, line 4 `    "items": 40,`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxmap.ingest.evidence_summary_file import load_evidence_summary_text
from cxmap.model.errors import InvalidInputError

FIXTURE = Path(__file__).parents[1] / "render" / "journeys" / "evidence_map_evidence.json"
TEXT = FIXTURE.read_text(encoding="utf-8")
HINT = "is this the JSON that `cxmap evidence summary --json` prints?"


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_evidence_summary_text(text.encode("utf-8"), "ev.json")
    return caught.value.lines()


def test_the_summary_loads_in_file_order_with_every_number() -> None:
    summary = load_evidence_summary_text(FIXTURE.read_bytes(), str(FIXTURE))
    assert list(summary) == ["see-ad", "compare", "pay", "unbox", "review"]
    compare = summary["compare"]
    assert compare.emotion is not None
    assert compare.emotion.interval is not None
    assert (compare.emotion.n, compare.emotion.mean) == (42, -0.8)
    assert (compare.emotion.interval.low, compare.emotion.interval.high) == (-1.1, -0.5)
    assert [reason.value for reason in compare.pain] == ["sentiment", "nps"]
    assert compare.themes[0].quotes[0].text.startswith("The lens price")
    unbox = summary["unbox"].emotion
    assert unbox is not None
    assert unbox.interval is None


def test_a_wrong_type_is_named_at_its_value() -> None:
    text = TEXT.replace('"items": 40,', '"items": "forty",', 1)
    assert problems(text) == ["ev.json:4:14: see-ad.items: must be a whole number, not text"]


def test_an_unknown_key_is_named_at_the_key() -> None:
    text = TEXT.replace('"items": 40,', '"items": 40, "mood": "fine",', 1)
    assert problems(text) == ["ev.json:4:18: see-ad.mood: unknown key 'mood'"]


def test_an_entry_under_another_steps_id_is_refused() -> None:
    text = TEXT.replace('"step": "see-ad"', '"step": "pay"', 1)
    assert problems(text) == [
        "ev.json:3:13: see-ad.step: is 'pay' but the entry is listed under 'see-ad'; the key "
        "and its `step` must be the same step id"
    ]


def test_an_unknown_pain_reason_lists_the_known_ones() -> None:
    text = TEXT.replace('"pain": ["sentiment", "nps"]', '"pain": ["sentiment", "angry"]', 1)
    (line,) = problems(text)
    assert line.startswith("ev.json:")
    assert "compare.pain[1]: input should be 'sentiment', 'nps', 'csat' or 'complaint_rise'" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", f"ev.json: (document): the file is empty; {HINT}"),
        ("[1, 2]", f"ev.json:1:1: (document): must be a mapping (key: value), not a list; {HINT}"),
        ('{"a": 1}', "ev.json:1:7: a: must be a mapping (key: value), not a number"),
    ],
    ids=["empty", "a-list", "not-step-evidence"],
)
def test_a_file_that_is_not_a_summary_says_so(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_broken_json_is_one_located_problem() -> None:
    (line,) = problems(TEXT.replace('"items": 40,', '"items": 40,,', 1))
    assert line.startswith("ev.json:4:")


def test_what_the_model_dumps_as_json_reads_back_unchanged() -> None:
    summary = load_evidence_summary_text(FIXTURE.read_bytes(), str(FIXTURE))
    dumped = json.dumps({step: e.model_dump(mode="json") for step, e in summary.items()})
    assert load_evidence_summary_text(dumped.encode("utf-8"), "dumped.json") == summary
