"""`cxmap lint --evidence` and `cxmap render --evidence`: the map against the evidence.

Good runs lint or draw with the evidence; a bad or mismatching evidence file is one located
line on stderr, exit code 1, and nothing written. Line numbers of the journey are those of
tests/render/journeys/evidence_map.yaml (`- id: compare` is line 25, its emotion at 29:18);
line 4 of the evidence file is `    "items": 40,`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import Result
from PIL import Image
from typer.testing import CliRunner

from cxmap.cli.main import app

runner = CliRunner()
JOURNEYS = Path(__file__).parents[1] / "render" / "journeys"
GLASSES = JOURNEYS / "evidence_map.yaml"
EVIDENCE = JOURNEYS / "evidence_map_evidence.json"


def run(*args: str | Path) -> Result:
    result = runner.invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def one_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0].removeprefix("error: ")


def bad_evidence(folder: Path) -> Path:
    path = folder / "evidence.json"
    text = EVIDENCE.read_text(encoding="utf-8").replace('"items": 40,', '"items": "forty",', 1)
    path.write_text(text, encoding="utf-8")
    return path


def other_journeys_evidence(folder: Path) -> Path:
    data = json.loads(EVIDENCE.read_text(encoding="utf-8"))
    data["checkout"] = data.pop("pay") | {"step": "checkout"}
    path = folder / "other.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


MISMATCH = (
    "the evidence names step(s) 'checkout' that journey 'evidence-map' does not have; was it "
    "summarised for another journey?"
)


# --- lint ---------------------------------------------------------------------------------------


def test_lint_with_evidence_finds_the_disagreement_and_the_detected_pain() -> None:
    result = run("lint", GLASSES, "--evidence", EVIDENCE, "--format", "json")
    assert result.exit_code == 0, result.output  # warnings do not fail without --strict
    findings = {(f["rule"], f["element"]): f for f in json.loads(result.stdout)}
    disagreement = findings[("CX030", "compare")]
    assert (disagreement["line"], disagreement["column"]) == (29, 18)
    assert disagreement["message"].endswith(
        "disagrees with the evidence: derived -0.8 (n=42, 95 % interval -1.1 to -0.5)"
    )
    assert (findings[("CX031", "compare")]["line"], findings[("CX031", "compare")]["column"]) == (
        25,
        9,
    )
    assert ("CX032", "pay") in findings
    assert ("CX031", "pay") not in findings  # `upload-fails` is a pain insight on it
    assert run("lint", GLASSES, "--evidence", EVIDENCE, "--strict").exit_code == 1


def test_lint_without_evidence_runs_no_evidence_rule() -> None:
    result = run("lint", GLASSES, "--format", "json")
    assert result.exit_code == 0
    assert not [f for f in json.loads(result.stdout) if f["rule"].startswith("CX03")]


def test_lint_with_a_bad_evidence_file_names_its_line_and_prints_no_finding(tmp_path: Path) -> None:
    evidence = bad_evidence(tmp_path)
    result = run("lint", GLASSES, "--evidence", evidence)
    assert one_error(result) == f"{evidence}:4:14: see-ad.items: must be a whole number, not text"
    assert result.stdout == ""


def test_lint_with_another_journeys_evidence_is_one_line(tmp_path: Path) -> None:
    result = run("lint", GLASSES, "--evidence", other_journeys_evidence(tmp_path))
    assert one_error(result) == MISMATCH


def test_lint_with_a_missing_evidence_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert one_error(run("lint", GLASSES, "--evidence", missing)) == f"{missing}: no such file"


# --- render -------------------------------------------------------------------------------------


def test_render_with_evidence_draws_the_marks_and_the_scores(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    result = run("render", GLASSES, "--evidence", EVIDENCE, "-o", target)
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    assert 'class="evidence-mark evidence-negative evidence-disagrees" data-step="compare"' in svg
    assert "\u2260 hand-set" in svg
    assert "CES 2.8 of 7 \u00b7 n=50" in svg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg"]


def test_render_with_evidence_into_a_folder_as_svg_and_png(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("render", GLASSES, "--evidence", EVIDENCE, "--out-dir", out, "-f", "svg,png")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["evidence_map.png", "evidence_map.svg"]
    assert Image.open(io.BytesIO((out / "evidence_map.png").read_bytes())).format == "PNG"
    assert "derived \u00b7 n=64" in (out / "evidence_map.svg").read_text(encoding="utf-8")


def test_render_with_a_bad_evidence_file_is_located_and_writes_nothing(tmp_path: Path) -> None:
    evidence = bad_evidence(tmp_path)
    target = tmp_path / "map.png"
    result = run("render", GLASSES, "--evidence", evidence, "-o", target)
    assert one_error(result) == f"{evidence}:4:14: see-ad.items: must be a whole number, not text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence.json"]


def test_render_with_another_journeys_evidence_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "render", GLASSES, "--evidence", other_journeys_evidence(tmp_path), "--out-dir", out
    )
    assert one_error(result) == f"{GLASSES}: {MISMATCH}"
    assert not out.exists()


def test_render_evidence_goes_with_one_journey(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "render", GLASSES, JOURNEYS / "one_stage.yaml", "--evidence", EVIDENCE, "--out-dir", out
    )
    assert result.exit_code == 2
    assert not out.exists()
