"""`cxmap validate`, `cxmap new`, `cxmap schema`: exit codes, one line per problem, no traceback."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import Result
from typer.testing import CliRunner

from cxmap.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# Line 9 is `        emotion: 3` (value at column 18); line 10 `        next: [nowhere]` (the id
# at column 16); line 11 `        chanel: web` (key at column 9).
BAD = """\
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        name: Pays
        emotion: 3
        next: [nowhere]
        chanel: web
"""
GOOD = "id: shop\ntitle: Shop\n"


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# --- cxmap validate -----------------------------------------------------------------------


def test_validate_a_valid_file_exits_0_and_prints_no_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"ok {path}\n"


def test_validate_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BAD)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:9:18: stages[0].steps[0].emotion: must be between -2 and 2",
        f"{path}:10:16: stages[0].steps[0].next[0]: unknown step 'nowhere'",
        f"{path}:11:9: stages[0].steps[0].chanel: unknown key 'chanel'; did you mean 'channel'?",
    ]


def test_validate_several_files_reports_each_and_fails_if_any_fails(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    bad = write(tmp_path, "bad.json", '{"id": "x",\n "title": 5}')
    result = run("validate", str(good), str(bad), str(good))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{bad}:2:11: title: must be text, not a number"]
    assert result.stderr.splitlines() == [f"ok {good}", f"ok {good}"]


def test_validate_all_examples_at_once(tmp_path: Path) -> None:
    result = run("validate", *map(str, EXAMPLE_FILES))
    assert result.exit_code == 0, result.output
    assert len(EXAMPLE_FILES) >= 4
    assert result.stderr.splitlines() == [f"ok {path}" for path in EXAMPLE_FILES]


def test_validate_a_missing_file_says_so_and_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(missing), str(good))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {missing}: no such file", f"ok {good}"]


def test_validate_a_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: is a folder, not a file\n"


def test_validate_without_files_is_a_usage_error() -> None:
    result = run("validate")
    assert result.exit_code == 2


EMPTY = "1:1: (document): the file is empty; a journey needs at least 'id' and 'title'"
UNCLOSED = (
    "3:1: (document): YAML syntax error: while parsing a flow sequence expected ',' or ']', "
    "but got '<stream end>'"
)
UTF8 = "save the file as UTF-8"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", EMPTY),
        (b"# nothing\n", EMPTY),
        (b"- a\n- b\n", "1:1: (document): must be a mapping (key: value), not a list"),
        (b"id: j\ntitle: [T\n", UNCLOSED),
        (
            "id: j\ntitle: Café\n".encode("latin-1"),
            f"2:11: (document): not UTF-8 text (byte 0xe9); {UTF8}",
        ),
        ("id: j\ntitle: T\n".encode("utf-16"), f"1:1: (document): UTF-16 text, not UTF-8; {UTF8}"),
        (bytes(range(256)) * 4, "1:1: (document): binary data, not a text file"),
        (b"[" * 100_000, "1:1: (document): values are nested too deeply to be a journey"),
        (b"id: j\ntitle: T\ntags: &t [*t]\n", "3:7: tags[0]: an alias (*name) refers to itself"),
    ],
    ids=["empty", "comments", "list", "syntax", "latin-1", "utf-16", "binary", "deep", "cycle"],
)
def test_validate_bad_input_is_one_clear_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = write(tmp_path, "j.yaml", content)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:{expected}\n"


def test_validate_prints_markup_like_text_literally(tmp_path: Path) -> None:
    # Rich would swallow `[bold]` as markup; a message must show the user's text unchanged.
    path = write(tmp_path, "j.yaml", "id: j\ntitle: T\n'[bold]x': 1\n")
    result = run("validate", str(path))
    assert result.stdout == f"{path}:3:1: [bold]x: unknown key '[bold]x'\n"


# --- cxmap new ----------------------------------------------------------------------------


def test_new_writes_a_journey_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "journey.yaml"
    result = run("new", str(path), "--title", "Renew a passport")
    assert result.exit_code == 0, result.output
    assert path.is_file()
    assert run("validate", str(path)).exit_code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["id"], data["title"]) == ("renew-a-passport", "Renew a passport")


def test_new_with_an_awkward_title_still_validates(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    title = 'Café: "Rückgabe" # 返品 🚀'
    assert run("new", str(path), "--title", title).exit_code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["id"], data["title"]) == ("cafe-ruckgabe", title)
    assert run("validate", str(path)).exit_code == 0


def test_new_refuses_to_overwrite_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "my precious work\n")
    result = run("new", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: already exists; pass --force to overwrite it\n"
    assert path.read_text() == "my precious work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]


def test_new_with_force_overwrites(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "old\n")
    assert run("new", str(path), "--force").exit_code == 0
    assert run("validate", str(path)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]


def test_new_with_an_empty_title_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    result = run("new", str(path), "--title", "  ")
    assert result.exit_code == 1
    # Line 6 of the starter file is `title: "  "`; the value starts at column 8.
    assert result.stderr == f"error: {path}:6:8: title: must not be empty\n"
    assert list(tmp_path.iterdir()) == []


def test_new_into_a_file_instead_of_a_folder_is_an_error(tmp_path: Path) -> None:
    blocker = write(tmp_path, "notes.txt", "x")
    target = blocker / "j.yaml"
    result = run("new", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"error: {target}: cannot write ({blocker} is a file, not a folder)\n"
    assert blocker.read_text() == "x"


def test_new_over_a_folder_with_force_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "taken.yaml"
    folder.mkdir()
    result = run("new", str(folder), "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {folder}: cannot write (")
    assert list(tmp_path.iterdir()) == [folder]
    assert list(folder.iterdir()) == []


# --- cxmap schema -------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    result = run("schema")
    assert result.exit_code == 0
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def as_json_data(value: Any) -> Any:
    """YAML reads unquoted dates as dates; the schema describes the JSON form (strings)."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def test_schema_is_a_valid_json_schema() -> None:
    published = schema()
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(published)
    assert published["required"] == ["id", "title"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_matches_the_schema(path: Path) -> None:
    data = as_json_data(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema()).validate(data)


def test_the_schema_refuses_what_validate_refuses() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    base = {"id": "j", "title": "T", "stages": [{"id": "s", "name": "S", "steps": []}]}
    step = {"id": "a", "name": "A"}
    assert validator.is_valid(base)
    bad_cases = [
        {**base, "titel": "T"},
        {**base, "kind": "today"},
        {**base, "stages": [{"id": "s", "name": "S", "steps": [{**step, "emotion": 3}]}]},
        {**base, "stages": [{"id": "s", "name": "S", "steps": [{**step, "id": "a b"}]}]},
        {**base, "stages": [{"id": "s", "name": "S", "lanes": {"actions": [{"txt": "x"}]}}]},
        {"title": "T"},
    ]
    assert [validator.is_valid(case) for case in bad_cases] == [False] * len(bad_cases)


def test_the_schema_allows_the_lane_item_shorthand() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    lanes = {"actions": ["Looks", {"text": "Pays", "by": "ops"}]}
    stages = [{"id": "s", "name": "S", "lanes": lanes}]
    assert validator.is_valid({"id": "j", "title": "T", "stages": stages})
