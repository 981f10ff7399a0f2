"""`cxmap import mermaid` and `cxmap export`, as a user runs them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cxmap.cli.main import app
from cxmap.services.journey_files import load_journey
from tests.conftest import SHARED_DATA

MERMAID = SHARED_DATA / "mermaid_journeys"
WORKING_DAY = MERMAID / "valid" / "v01_docs_my_working_day.mmd"
runner = CliRunner()


def test_import_writes_the_journey_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "day.yaml"
    result = runner.invoke(app, ["import", "mermaid", str(WORKING_DAY), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "2 stages, 5 steps" in result.stderr
    journey = load_journey(target)
    assert [step.emotion for step in journey.steps()] == [2, 0, -2, 2, 2]


def test_bad_input_prints_file_line_and_message_and_writes_nothing(tmp_path: Path) -> None:
    source = MERMAID / "invalid" / "i11_extra_colon_field.mmd"
    target = tmp_path / "journey.yaml"
    result = runner.invoke(app, ["import", "mermaid", str(source), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {source}:4:20: sections[0].tasks[0].people: task 'Make tea' has a third ':' "
        "field (': Cat'), which Mermaid would silently drop; write `name: score: person, "
        "person` with a score from 1 to 5"
    ]
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "journey.yaml"
    result = runner.invoke(
        app, ["import", "mermaid", str(tmp_path / "nope.mmd"), "-o", str(target)]
    )
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nope.mmd'}: no such file\n"
    assert not target.exists()


def test_import_keeps_an_existing_file_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "journey.yaml"
    target.write_text("hand written\n", "utf-8")
    args = ["import", "mermaid", str(WORKING_DAY), "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "already exists; pass --force" in result.stderr
    assert target.read_text("utf-8") == "hand written\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert load_journey(target).title == "My working day"


def test_export_prints_mermaid_to_stdout(tmp_path: Path) -> None:
    journey_file = tmp_path / "day.yaml"
    runner.invoke(app, ["import", "mermaid", str(WORKING_DAY), "-o", str(journey_file)])
    result = runner.invoke(app, ["export", str(journey_file), "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    assert result.stdout == WORKING_DAY.read_text("utf-8").replace("    ", "  ")


def test_export_writes_the_format_given_or_implied(tmp_path: Path) -> None:
    out = tmp_path / "day.json"
    result = runner.invoke(app, ["export", str(WORKING_DAY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text("utf-8").startswith('{\n  "cxmap": 1,\n  "id": "my-working-day"')
    result = runner.invoke(app, ["export", str(out), "--format", "yaml"])
    assert result.stdout.startswith("cxmap: 1\nid: my-working-day\ntitle: My working day\n")


def test_export_of_a_bad_file_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: j\ntitle: T\nstages: 3\n", "utf-8")
    out = tmp_path / "bad.mmd"
    result = runner.invoke(app, ["export", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}:3:9: stages: must be a list")
    assert not out.exists()


def test_an_unknown_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", str(WORKING_DAY), "--format", "png"])
    assert result.exit_code == 2
