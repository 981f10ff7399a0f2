"""Reading journey files: every problem reported once, at its path, line and column.

Expected lines and columns below were counted by hand from the text of each case (1-based;
the column of a value is where the value starts, the column of an unknown key is the key's).
"""

from __future__ import annotations

import json

import pytest

from cxmap.ingest.journey_file import MAX_VALUES, load_journey_text, parse_json, parse_yaml
from cxmap.model.errors import InvalidInputError


def problems(text: str | bytes, name: str = "j.yaml") -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InvalidInputError) as caught:
        load_journey_text(raw, name)
    return caught.value.lines()


MINIMAL = "id: j\ntitle: T\nstages:\n  - id: s\n    name: S\n    steps:\n"
EMPTY = "(document): the file is empty; a journey needs at least 'id' and 'title'"


def test_a_minimal_journey_loads() -> None:
    journey = load_journey_text(b"id: j\ntitle: A journey\n", "j.yaml")
    assert (journey.id, journey.title, journey.stages) == ("j", "A journey", [])


def test_emotion_out_of_range_names_path_line_and_column() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n        emotion: 3\n"
    assert problems(text) == ["j.yaml:9:18: stages[0].steps[0].emotion: must be between -2 and 2"]


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    text = "id: j\ntitle: T\nstagess: []\n"
    assert problems(text) == ["j.yaml:3:1: stagess: unknown key 'stagess'; did you mean 'stages'?"]


# --- unknown and duplicate keys -------------------------------------------------------------


def test_unknown_key_in_a_step_suggests_the_step_key() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n        emotoin: -1\n"
    assert problems(text) == [
        "j.yaml:9:9: stages[0].steps[0].emotoin: unknown key 'emotoin'; did you mean 'emotion'?"
    ]


def test_unknown_key_in_a_lane_item_suggests_among_lane_item_keys() -> None:
    text = MINIMAL + (
        "      - id: a\n        name: A\n        lanes:\n          backstage:\n"
        "            - text: Ships\n              bye: carrier\n"
    )
    assert problems(text) == [
        "j.yaml:12:15: stages[0].steps[0].lanes.backstage[0].bye: unknown key 'bye'; "
        "did you mean 'by'?"
    ]


def test_unknown_key_with_nothing_close_has_no_suggestion() -> None:
    assert problems("id: j\ntitle: T\nzzz: 1\n") == ["j.yaml:3:1: zzz: unknown key 'zzz'"]


def test_a_key_written_twice_is_reported_at_the_second() -> None:
    text = "id: j\ntitle: T\ntitle: U\n"
    assert problems(text) == ["j.yaml:3:1: title: duplicate key 'title'; each key may appear once"]


def test_a_merge_key_may_be_overridden_without_a_duplicate() -> None:
    text = (
        "id: j\ntitle: T\npersonas:\n  - &base {id: p, name: Shopper}\n  - <<: *base\n    id: q\n"
    )
    journey = load_journey_text(text.encode(), "j.yaml")
    assert [(p.id, p.name) for p in journey.personas] == [("p", "Shopper"), ("q", "Shopper")]


def test_a_key_that_is_a_number_must_be_quoted() -> None:
    assert problems("id: j\ntitle: T\n1: x\n") == [
        "j.yaml:3:1: (document): key '1' must be text; put it in quotes"
    ]


def test_a_key_that_is_a_list_is_refused() -> None:
    assert problems("id: j\ntitle: T\n? [a, b]\n: x\n") == [
        "j.yaml:3:3: (document): a key must be plain text, not a list or a mapping"
    ]


# --- wrong types --------------------------------------------------------------------------


def test_text_where_a_number_is_expected() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n        emotion: very bad\n"
    assert problems(text) == ["j.yaml:9:18: stages[0].steps[0].emotion: must be a number, not text"]


def test_a_list_where_a_mapping_is_expected() -> None:
    text = "id: j\ntitle: T\npersonas:\n  - [maya, Maya]\n"
    assert problems(text) == ["j.yaml:4:5: personas[0]: must be a mapping (key: value), not a list"]


def test_a_mapping_where_a_list_is_expected() -> None:
    text = "id: j\ntitle: T\nstages:\n  id: s\n  name: S\n"
    assert problems(text) == ["j.yaml:4:3: stages: must be a list, not a mapping"]


def test_a_single_id_where_a_list_of_ids_is_expected() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n        next: a\n"
    assert problems(text) == ["j.yaml:9:15: stages[0].steps[0].next: must be a list, not text"]


def test_a_number_where_text_is_expected() -> None:
    assert problems("id: 2024\ntitle: T\n") == ["j.yaml:1:5: id: must be text, not a number"]


def test_an_unquoted_date_where_text_is_expected() -> None:
    assert problems("id: j\ntitle: 2024-01-31\n") == ["j.yaml:2:8: title: must be text, not a date"]


def test_an_empty_value_where_a_list_is_expected() -> None:
    assert problems("id: j\ntitle: T\nstages:\n") == [
        "j.yaml:3:8: stages: must be a list, not nothing (null)"
    ]


def test_a_missing_required_key_points_at_its_mapping() -> None:
    text = MINIMAL + "      - id: a\n"
    assert problems(text) == ["j.yaml:7:9: stages[0].steps[0].name: required key is missing"]


# --- references ---------------------------------------------------------------------------


def test_a_dangling_next_points_at_the_entry() -> None:
    text = MINIMAL + "      - id: pay\n        name: P\n        next: [pay, paymnt]\n"
    assert problems(text) == [
        "j.yaml:9:21: stages[0].steps[0].next[1]: unknown step 'paymnt'; did you mean 'pay'?"
    ]


def test_a_duplicate_step_id_points_at_the_second_id() -> None:
    text = MINIMAL + "      - id: a\n        name: A\n      - id: a\n        name: B\n"
    assert problems(text) == [
        "j.yaml:9:13: stages[0].steps[1].id: duplicate step id 'a' (first used at "
        "stages[0].steps[0].id)"
    ]


# --- not a journey at all -----------------------------------------------------------------


def test_bad_yaml_syntax_gives_the_line_and_column() -> None:
    assert problems("id: j\ntitle: T\n  bad: indent\n") == [
        "j.yaml:3:6: (document): YAML syntax error: mapping values are not allowed here"
    ]


def test_an_unclosed_flow_list_is_a_syntax_error() -> None:
    # The parser notices at the end of the text (line 3, column 1).
    assert problems("id: j\ntitle: [T\n") == [
        "j.yaml:3:1: (document): YAML syntax error: while parsing a flow sequence "
        "expected ',' or ']', but got '<stream end>'"
    ]


def test_tab_indentation_says_to_use_spaces() -> None:
    assert problems("id: j\n\ttitle: T\n") == [
        "j.yaml:2:1: (document): YAML syntax error: while scanning for the next token found "
        "character '\\t' that cannot start any token; indent with spaces, not tabs"
    ]


def test_two_yaml_documents_are_refused() -> None:
    assert problems("id: j\ntitle: T\n---\nid: k\n") == [
        "j.yaml:3:1: (document): YAML syntax error: expected a single document in the stream "
        "but found another document"
    ]


def test_python_tags_are_not_executed_but_refused() -> None:
    assert problems("id: !!python/object:os.system j\ntitle: T\n") == [
        "j.yaml:1:5: (document): YAML syntax error: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object:os.system'"
    ]
    assert problems("id: j\ntitle: T\ntags: !!python/object/apply:os.system [echo hi]\n") == [
        "j.yaml:3:7: tags: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        "allowed"
    ]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n\t\n  ", "# only a comment\n# and another\n", "---\n"],
    ids=["empty", "newlines", "whitespace-and-tabs", "comments", "bare-document-marker"],
)
def test_a_file_with_nothing_in_it_is_empty(text: str) -> None:
    assert problems(text) == [f"j.yaml:1:1: {EMPTY}"]


def test_a_yaml_list_is_not_a_journey() -> None:
    assert problems("- id: j\n- title: T\n") == [
        "j.yaml:1:1: (document): must be a mapping (key: value), not a list"
    ]


def test_a_yaml_scalar_is_not_a_journey() -> None:
    assert problems("just some words\n") == [
        "j.yaml:1:1: (document): must be a mapping (key: value), not text"
    ]


def test_a_yaml_null_is_not_an_empty_file() -> None:
    assert problems("null\n") == [
        "j.yaml:1:1: (document): must be a mapping (key: value), not nothing (null)"
    ]


# --- encodings and binary data ------------------------------------------------------------


def test_utf8_with_a_byte_order_mark_loads() -> None:
    journey = load_journey_text("\ufeffid: j\ntitle: Zoë 日本 🚀\n".encode(), "j.yaml")
    assert journey.title == "Zoë 日本 🚀"


def test_windows_line_endings_keep_line_numbers() -> None:
    assert problems("id: j\r\ntitle: T\r\nstagess: []\r\n") == [
        "j.yaml:3:1: stagess: unknown key 'stagess'; did you mean 'stages'?"
    ]


def test_latin1_names_the_first_bad_byte() -> None:
    # "title: Caf" is 10 characters, so the é (0xe9 in Latin-1) is column 11 of line 2.
    assert problems("id: j\ntitle: Café\n".encode("latin-1")) == [
        "j.yaml:2:11: (document): not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named(codec: str) -> None:
    raw = "id: j\ntitle: T\n".encode(codec)
    expected = {
        "utf-16": "UTF-16 text, not UTF-8; save the file as UTF-8",
        "utf-16-le": "UTF-16 text without a byte-order mark, not UTF-8; save the file as UTF-8",
        "utf-16-be": "UTF-16 text without a byte-order mark, not UTF-8; save the file as UTF-8",
        "utf-32": "UTF-32 text, not UTF-8; save the file as UTF-8",
    }[codec]
    assert problems(raw) == [f"j.yaml:1:1: (document): {expected}"]


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)),
        b"id: j\ntitle: T\x00\n",
    ],
    ids=["png", "all-bytes", "text-with-a-zero-byte"],
)
def test_binary_data_is_not_text(raw: bytes) -> None:
    assert problems(raw) == ["j.yaml:1:1: (document): binary data, not a text file"]


def test_a_control_character_in_yaml_is_named_and_located() -> None:
    # "title: a" is 8 characters, so the U+0001 is column 9 of line 2.
    assert problems(b"id: j\ntitle: a\x01b\n") == [
        "j.yaml:2:9: (document): character U+0001 is not allowed in YAML; remove it"
    ]


def test_an_escaped_control_character_is_fine() -> None:
    assert load_journey_text(b'id: j\ntitle: "a\\x01b"\n', "j.yaml").title == "a\x01b"


# --- JSON ---------------------------------------------------------------------------------


def test_json_with_yaml_line_breaks_inside_strings_keeps_columns() -> None:
    # YAML would count U+0085 and U+2028 as line breaks; in JSON they are just characters.
    # `{"id": "j", "title": "` is 22 characters, the title 5 more, then `", "tags": ` (11).
    text = '{"id": "j", "title": "a\x85b\u2028c", "tags": "x"}'
    assert problems(text, "j.json") == ["j.json:1:39: tags: must be a list, not text"]


def test_a_json_journey_loads() -> None:
    text = json.dumps({"id": "j", "title": "T", "stages": [{"id": "s", "name": "S"}]})
    journey = load_journey_text(text.encode(), "j.json")
    assert [stage.id for stage in journey.stages] == ["s"]


def test_a_json_syntax_error_gives_line_and_column() -> None:
    # Line 2 is ` "title": "T",,`: the second comma is column 15.
    assert problems('{"id": "j",\n "title": "T",,\n}', "j.json") == [
        "j.json:2:15: (document): JSON syntax error: Expecting property name enclosed in "
        "double quotes"
    ]


def test_a_json_trailing_comma_is_a_syntax_error() -> None:
    assert problems('{"id": "j", "title": "T",}', "j.json") == [
        "j.json:1:26: (document): JSON syntax error: Expecting property name enclosed in "
        "double quotes"
    ]


def test_a_json_wrong_type_is_located() -> None:
    text = '{"id": "j",\n "title": "T",\n "stages": {"id": "s"}}'
    assert problems(text, "j.json") == ["j.json:3:12: stages: must be a list, not a mapping"]


def test_json_indented_with_tabs_is_still_located() -> None:
    text = '{\n\t"id": "j",\n\t"title": "T",\n\t"tags": "x"\n}'
    assert problems(text, "j.json") == ["j.json:4:10: tags: must be a list, not text"]


def test_a_json_unknown_key_is_located_at_the_key() -> None:
    text = '{"id": "j",\n "title": "T",\n "stagess": []}'
    assert problems(text, "j.json") == [
        "j.json:3:2: stagess: unknown key 'stagess'; did you mean 'stages'?"
    ]


def test_a_json_duplicate_key_is_located() -> None:
    text = '{"id": "j",\n "title": "T",\n "id": "k"}'
    assert problems(text, "j.json") == [
        "j.json:3:2: id: duplicate key 'id'; each key may appear once"
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [("[1, 2]", "a list"), ('"a journey"', "text"), ("42", "a number"), ("null", "nothing (null)")],
)
def test_a_json_document_that_is_not_an_object(text: str, what: str) -> None:
    assert problems(text, "j.json") == [
        f"j.json:1:1: (document): must be a mapping (key: value), not {what}"
    ]


@pytest.mark.parametrize("text", ["", "  \n\t\n"], ids=["empty", "whitespace"])
def test_an_empty_json_file(text: str) -> None:
    assert problems(text, "j.json") == [f"j.json:1:1: {EMPTY}"]


def test_the_suffix_decides_json_case_insensitively() -> None:
    # YAML would accept this unquoted text; JSON must not.
    assert problems("id: j\ntitle: T\n", "J.JSON")[0].startswith("J.JSON:1:1: (document): JSON")


# --- several problems, hostile input ------------------------------------------------------


def test_several_problems_are_all_reported_in_file_order() -> None:
    text = (
        "id: j\n"  # 1
        "title: T\n"  # 2
        "start: [nowhere]\n"  # 3
        "stages:\n"  # 4
        "  - id: s\n"  # 5
        "    name: S\n"  # 6
        "    steps:\n"  # 7
        "      - id: a\n"  # 8
        "        name: A\n"  # 9
        "        emotion: 5\n"  # 10
        "        next: [b]\n"  # 11
        "      - id: a\n"  # 12
        "        name: B\n"  # 13
        "        chanel: web\n"  # 14
        "insights:\n"  # 15
        "  - id: i\n"  # 16
        "    title: I\n"  # 17
        "    step: z\n"  # 18
    )
    assert problems(text) == [
        "j.yaml:3:9: start[0]: unknown step 'nowhere'",
        "j.yaml:10:18: stages[0].steps[0].emotion: must be between -2 and 2",
        "j.yaml:11:16: stages[0].steps[0].next[0]: unknown step 'b'",
        "j.yaml:12:13: stages[0].steps[1].id: duplicate step id 'a' (first used at "
        "stages[0].steps[0].id)",
        "j.yaml:14:9: stages[0].steps[1].chanel: unknown key 'chanel'; did you mean 'channel'?",
        "j.yaml:18:11: insights[0].step: unknown step 'z'",
    ]


def test_an_alias_that_contains_itself_is_refused() -> None:
    # The alias *t is the anchored list itself, so it is located where `&t [` starts.
    assert problems("id: j\ntitle: T\ntags: &t [a, *t]\n") == [
        "j.yaml:3:7: tags[1]: an alias (*name) refers to itself"
    ]


def test_aliases_that_multiply_the_document_are_refused() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefgh"):
        previous = "abcdefg"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    lines = problems("\n".join(levels) + "\n")
    assert len(lines) == 1
    assert lines[0].endswith(
        f"(document): more than {MAX_VALUES:,} values; are aliases (*name) repeated too much?"
    )


@pytest.mark.parametrize("name", ["j.yaml", "j.json"])
def test_deep_nesting_is_refused_not_crashed(name: str) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    assert problems(deep, name) == [
        f"{name}:1:1: (document): values are nested too deeply to be a journey"
    ]


def test_parsers_report_positions_for_the_linter() -> None:
    parsed = parse_yaml("id: j\ntitle: T\nstages:\n  - id: s\n", "j.yaml")
    assert parsed.positions[("stages", 0, "id")] == (4, 9)
    assert parse_json('{"id": "j",\n "tags": ["a"]}', "j.json").positions[("tags", 0)] == (2, 11)
