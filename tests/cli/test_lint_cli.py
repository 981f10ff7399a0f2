"""`cxmap lint`: text and JSON output, exit codes, --strict, counterpart discovery, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cxmap.cli.main import app

runner = CliRunner()

# Line numbers are referred to below: `- id: pay` is line 15, its `emotion` value at 18:18.
CURRENT = """\
id: shop
title: Shop
kind: current
stages:
  - id: buy
    name: Buy
    needs: [Pay quickly]
    steps:
      - id: visit
        name: Visits the shop
        department: Sales
        emotion: 1
        evidence: [{text: survey}]
        next: [pay]
      - id: pay
        name: Pays
        department: Sales
        emotion: 1
        evidence: [{text: survey}]
        final: true
"""

# `- id: one-click` is line 16.
DESIRED = """\
id: shop-desired
title: Shop (to-be)
kind: desired
counterpart: shop
stages:
  - id: buy
    name: Buy
    needs: [Pay quickly]
    steps:
      - id: visit
        name: Visits the shop
        department: Sales
        emotion: 1
        evidence: [{text: survey}]
        next: [one-click]
      - id: one-click
        name: Pays in one click
        department: Sales
        emotion: 2
        evidence: [{text: survey}]
        final: true
"""

LINKED = CURRENT.replace("kind: current\n", "kind: current\ncounterpart: shop-desired\n")
DEAD_END = CURRENT.replace("final: true", "final: false")
NO_EVIDENCE = CURRENT.replace("evidence: [{text: survey}]\n        final", "final")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def lint(*args: str | Path) -> tuple[int, list[str], str]:
    result = runner.invoke(app, ["lint", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_a_clean_journey_passes_with_no_lines(tmp_path: Path) -> None:
    code, lines, summary = lint(write(tmp_path, "shop.yaml", CURRENT))
    assert (code, lines) == (0, [])
    assert "no findings" in summary


def test_an_error_prints_file_line_column_severity_rule_message_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "shop.yaml", DEAD_END)
    code, lines, summary = lint(path)
    assert code == 1
    assert lines == [
        f"{path}:9:9: error CX003: the journey never ends: no step is marked final (hint: set "
        "`final: true` on the step(s) where the customer's journey ends, and make sure `next` "
        "links lead there)",
        f"{path}:15:9: error CX002: step 'pay' (Pays) leads nowhere: it has no `next` step and "
        "is not final (hint: add the step(s) that follow to `next`, or set `final: true` if "
        "the journey may end here)",
    ]
    assert "CX002" in summary
    assert "2 errors, 0 warnings, 0 info" in summary
    assert "failed" in summary


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "shop.yaml", NO_EVIDENCE)
    code, lines, _ = lint(path)
    assert code == 0
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:18:18: warning CX012: the emotion +1 of step 'pay'")
    strict_code, strict_lines, summary = lint(path, "--strict")
    assert (strict_code, strict_lines) == (1, lines)
    assert "--strict" in summary


def test_json_lists_every_field(tmp_path: Path) -> None:
    path = write(tmp_path, "shop.yaml", NO_EVIDENCE)
    result = runner.invoke(app, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "rule": "CX012",
            "name": "emotion-without-evidence",
            "severity": "warning",
            "journey": "shop",
            "in_counterpart": False,
            "path": ["stages", 0, "steps", 1, "emotion"],
            "location": "stages[0].steps[1].emotion",
            "element": "pay",
            "message": "the emotion +1 of step 'pay' (Pays) is set by hand with no evidence "
            "behind it",
            "hint": "add `evidence` to the step (a survey result, a quote, an analytics figure) "
            "or to an insight on it; until then treat the emotion as an assumption to test",
            "file": str(path),
            "line": 18,
            "column": 18,
        }
    ]


def test_json_of_a_clean_journey_is_an_empty_list_and_strict_fails_it_on_warnings(
    tmp_path: Path,
) -> None:
    clean = runner.invoke(app, ["lint", str(write(tmp_path, "a.yaml", CURRENT)), "-f", "json"])
    assert (clean.exit_code, json.loads(clean.stdout)) == (0, [])
    warned = runner.invoke(
        app, ["lint", str(write(tmp_path, "b.yaml", NO_EVIDENCE)), "-f", "json", "--strict"]
    )
    assert warned.exit_code == 1
    assert [f["rule"] for f in json.loads(warned.stdout)] == ["CX012"]


def test_the_counterpart_is_found_beside_the_file_by_its_id(tmp_path: Path) -> None:
    current = write(tmp_path, "current.yaml", LINKED)
    desired = write(tmp_path, "to-be.yaml", DESIRED)
    write(tmp_path, "broken.yaml", "id: [not, text\n")  # unreadable neighbours are skipped
    write(tmp_path, "other.json", '{"id": "other", "title": "Other"}')
    code, lines, summary = lint(current)
    assert code == 0  # gaps are info
    assert [line.split(" (hint")[0] for line in lines] == [
        f"{current}:16:9: info CX021: current step 'pay' (Pays) is not in the desired journey "
        "'shop-desired'",
        f"{desired}:16:9: info CX020: desired step 'one-click' (Pays in one click) is not in "
        "the current journey 'shop': a gap to close",
    ]
    assert f"compared with {desired}" in summary.replace("\n", "")


def test_linting_the_desired_side_finds_the_current_one(tmp_path: Path) -> None:
    current = write(tmp_path, "current.yaml", LINKED)
    desired = write(tmp_path, "to-be.yaml", DESIRED)
    code, lines, _ = lint(desired, "--strict")
    assert code == 0
    assert [line.split(": info")[0] for line in lines] == [f"{desired}:16:9", f"{current}:16:9"]


def test_an_explicit_counterpart_is_used_even_without_a_link(tmp_path: Path) -> None:
    current = write(tmp_path, "current.yaml", CURRENT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    desired = write(elsewhere, "d.yaml", DESIRED.replace("counterpart: shop\n", ""))
    code, lines, _ = lint(current, "--counterpart", desired)
    assert code == 0
    assert [line.split(": ")[1] for line in lines] == ["info CX021", "info CX020"]


def test_a_linked_counterpart_that_is_missing_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    current = write(tmp_path, "current.yaml", LINKED)
    code, lines, _ = lint(current)
    assert code == 0
    assert lines == [
        f"{current}:4:14: warning CX022: counterpart journey 'shop-desired' was not found (no "
        f"journey file with id 'shop-desired' in {tmp_path}), so the gaps between current and "
        "desired were not checked (hint: put the journey with that id in the same folder, pass "
        "its file with --counterpart, or remove `counterpart`)"
    ]
    assert lint(current, "--strict")[0] == 1


def test_a_linked_counterpart_that_is_invalid_is_named_in_the_warning(tmp_path: Path) -> None:
    current = write(tmp_path, "current.yaml", LINKED)
    broken = write(tmp_path, "shop-desired.yaml", DESIRED.replace("emotion: 2", "emotion: 9"))
    code, lines, _ = lint(current)
    assert code == 0
    assert len(lines) == 1
    assert "(no journey file" not in lines[0]
    assert f"not found ({broken} has 1 problem(s); run `cxmap validate {broken}`)" in lines[0]


def test_an_invalid_file_prints_its_problems_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "shop.yaml", CURRENT.replace("next: [pay]", "next: [pya]"))
    code, lines, errors = lint(path)
    assert (code, lines) == (1, [])
    assert errors.splitlines() == [
        f"error: {path}:14:16: stages[0].steps[0].next[0]: unknown step 'pya'; did you mean 'pay'?"
    ]


def test_a_missing_file_or_counterpart_is_one_line(tmp_path: Path) -> None:
    code, _, errors = lint(tmp_path / "nope.yaml")
    assert (code, errors.splitlines()) == (1, [f"error: {tmp_path / 'nope.yaml'}: no such file"])
    current = write(tmp_path, "current.yaml", CURRENT)
    code, _, errors = lint(current, "-c", tmp_path / "gone.yaml")
    assert (code, errors.splitlines()) == (1, [f"error: {tmp_path / 'gone.yaml'}: no such file"])


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(write(tmp_path, "a.yaml", CURRENT)), "-f", "xml"])
    assert result.exit_code == 2
