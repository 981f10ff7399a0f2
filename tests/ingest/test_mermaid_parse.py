"""Reading Mermaid `journey` diagrams: exactly Mermaid's result, or an error naming the line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from cxmap.ingest.mermaid import js_number, load_mermaid, parse_mermaid
from cxmap.model.errors import InvalidInputError, Problem
from tests.conftest import SHARED_DATA

FIXTURES = SHARED_DATA / "mermaid_journeys"
VALID = sorted((FIXTURES / "valid").glob("*.mmd"))
INVALID = sorted((FIXTURES / "invalid").glob("*.mmd"))

#: A phrase each error code's message must contain (written by hand, not taken from the code).
PHRASES = {
    "missing_score": "has no score",
    "missing_header": "must start with the keyword `journey`",
    "reserved_word": "cannot start with the keyword `journey`",
    "unexpected_character": "unexpected ';'",
    "colon_in_section_name": "section name cannot contain ':'",
    "non_numeric_score": "is not a number",
    "score_out_of_range": "must be between 1 and 5",
    "extra_field": "third ':' field",
    "empty_input": "is empty",
}


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InvalidInputError) as caught:
        parse_mermaid(text, "d.mmd")
    return caught.value.problems


def test_every_fixture_is_found(shared_data: Path) -> None:
    assert shared_data / "mermaid_journeys" == FIXTURES
    assert (len(VALID), len(INVALID)) == (28, 12)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_diagram_parses_to_exactly_what_mermaid_gives(path: Path) -> None:
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text("utf-8"))
    assert load_mermaid(path.read_bytes(), path.name).as_data() == expected


def expected_error(path: Path) -> dict[str, str]:
    text = path.with_name(f"{path.stem}.expected_error.txt").read_text("utf-8")
    return dict(line.split(": ", 1) for line in text.splitlines())


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_diagram_names_the_line_and_the_kind_of_error(path: Path) -> None:
    expected = expected_error(path)
    with pytest.raises(InvalidInputError) as caught:
        load_mermaid(path.read_bytes(), path.name)
    first = caught.value.problems[0]
    assert first.line == int(expected["line"])
    assert PHRASES[expected["error"]] in first.message
    assert caught.value.lines()[0].startswith(f"{path.name}:{expected['line']}:")


def test_every_bad_score_line_is_reported_not_only_the_first(shared_data: Path) -> None:
    path = shared_data / "mermaid_journeys" / "invalid" / "i09_score_out_of_range.mmd"
    with pytest.raises(InvalidInputError) as caught:
        load_mermaid(path.read_bytes(), "i09.mmd")
    assert caught.value.lines() == [
        "i09.mmd:4:15: sections[0].tasks[0].score: "
        "score 7 of task 'Make tea' must be between 1 and 5",
        "i09.mmd:5:18: sections[0].tasks[1].score: "
        "score 0 of task 'Go upstairs' must be between 1 and 5",
        "i09.mmd:6:14: sections[0].tasks[2].score: "
        "score -2 of task 'Do work' must be between 1 and 5",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("04", 4.0),
        ("4.5", 4.5),
        ("5.", 5.0),
        (".5", 0.5),
        ("+3", 3.0),
        ("-2", -2.0),
        ("3e0", 3.0),
        ("0x4", 4.0),
        ("0b11", 3.0),
        ("0o5", 5.0),
    ],
)
def test_scores_are_read_like_javascript_number(text: str, value: float) -> None:
    assert js_number(text) == value


@pytest.mark.parametrize("text", ["five", "2rem", "1_0", "\uff15", "-0x4", "nan", "inf", "4,5"])
def test_what_javascript_reads_as_nan_is_not_a_number(text: str) -> None:
    assert js_number(text) is None


def test_infinity_is_a_number_but_out_of_range() -> None:
    assert js_number("Infinity") == math.inf
    [problem] = problems_of("journey\nsection S\nTask: Infinity: Me\n")
    assert (problem.line, problem.message) == (
        3,
        "score Infinity of task 'Task' must be between 1 and 5",
    )


def test_title_keeps_its_spaces_and_stops_at_a_comment() -> None:
    diagram = parse_mermaid("journey\ntitle  Two spaces # comment\n")
    assert diagram.title == " Two spaces "


def test_the_last_title_wins_over_earlier_ones_and_the_front_matter() -> None:
    text = "---\ntitle: From front matter\n---\njourney\ntitle First\ntitle Second\n"
    assert parse_mermaid(text).title == "Second"
    assert parse_mermaid("---\ntitle: From front matter\n---\njourney\n").title == (
        "From front matter"
    )


def test_javascript_whitespace_counts_as_a_blank() -> None:
    diagram = parse_mermaid("\ufeffjourney\ntitle\u00a0Nbsp\nsection S\n\u3000Pay:\u20035\u2003\n")
    assert diagram.title == "Nbsp"
    assert diagram.sections[0].tasks[0].task == "Pay"
    assert diagram.sections[0].tasks[0].score == 5


def test_a_lone_carriage_return_ends_a_line_too() -> None:
    diagram = parse_mermaid("journey\rtitle Old Mac\rsection S\rPay: 3\r")
    assert (diagram.title, diagram.sections[0].tasks[0].task) == ("Old Mac", "Pay")


def test_percent_comments_anywhere_a_statement_starts() -> None:
    text = "journey %% header comment\n  %%{init: {}}%%\nsection S\n  a%% lexed as a comment: 5\n"
    diagram = parse_mermaid(text)
    assert diagram.sections[0].tasks == []


def test_a_word_that_only_starts_like_a_keyword_is_a_task() -> None:
    diagram = parse_mermaid("journey\nsection S\nJourneys: 4: Me\nTitles: 3\nSectional: 2\n")
    assert [t.task for t in diagram.sections[0].tasks] == ["Journeys", "Titles", "Sectional"]


def test_acc_descr_block_may_be_followed_by_a_statement_and_skips_comment_lines() -> None:
    text = "journey\naccDescr {\n  one\n%% hidden\n\n    two }section After\n"
    diagram = parse_mermaid(text)
    assert diagram.acc_descr == "one\ntwo"
    assert [s.name for s in diagram.sections] == ["After"]


def test_unclosed_acc_descr_block_is_reported_where_it_opens() -> None:
    [problem] = problems_of("journey\n  accDescr {\n  text\nsection S\n")
    assert (problem.line, problem.column) == (2, 12)
    assert "never closed" in problem.message


def test_unclosed_front_matter_is_an_error_on_line_one() -> None:
    [problem] = problems_of("---\ntitle: T\njourney\n")
    assert (problem.line, problem.dotted_path) == (1, "frontmatter")


def test_front_matter_yaml_error_names_its_line_in_the_file() -> None:
    [problem] = problems_of("---\nconfig:\n  a: [1\n---\njourney\n")
    assert problem.line == 3  # the unclosed `[` of `  a: [1`, the front matter's 2nd line
    assert problem.message.startswith("front matter is not valid YAML")


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("journey\ntitle\n", 2, "`title` needs a text"),
        ("journey\nsection \n  Pay: 3\n", 2, "`section` needs a text"),
        ("journey\naccTitle:   \n", 2, "`accTitle:` needs a text"),
        ("journey\naccDescr:\n", 2, "`accDescr:` needs a text"),
        ("journey\nsection S;\n", 2, "unexpected ';'"),
        ("journey\nsection S\n: 5: Me\n", 3, "a task needs a name before ':'"),
        ("journey\nsection S\nChild#1: 5: Me\n", 3, "has no score ('#' starts a comment)"),
        ("journey\nsection S\nPay: 3\njourney\n", 4, "cannot start with the keyword `journey`"),
        ("%% only a comment\n\n", 1, "must start with the keyword `journey`"),
        ("# hash is not a comment before the header\njourney\n", 1, "keyword `journey`"),
        ("   \n\t\n", 1, "is empty"),
    ],
)
def test_strict_errors_name_their_line(text: str, line: int, phrase: str) -> None:
    [problem] = problems_of(text)
    assert problem.line == line
    assert phrase in problem.message


def test_a_task_with_a_problem_is_located_by_its_section_and_position() -> None:
    [problem] = problems_of("journey\nsection A\nOk: 3\nsection B\nOk: 3\nBad: x\n")
    assert problem.describe("d.mmd") == (
        "d.mmd:6:6: sections[1].tasks[1].score: score 'x' of task 'Bad' is not a number; "
        "use a number from 1 to 5"
    )


def test_bytes_that_are_not_utf8_name_the_line() -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_mermaid(b"journey\ntitle Caf\xe9\n", "latin1.mmd")
    assert caught.value.lines()[0].startswith("latin1.mmd:2:10: ")
