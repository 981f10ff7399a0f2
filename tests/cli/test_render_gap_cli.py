"""`cxmap render JOURNEY --mined mined.json | --log LOG`: the actual journey over the map.

Good runs write the map; a bad or mismatching mined file is one located line on stderr,
exit code 1, and no file written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from PIL import Image
from typer.testing import CliRunner

from cxmap.cli.main import app
from tests.conftest import SHARED_DATA

runner = CliRunner()
JOURNEYS = Path(__file__).parents[1] / "render" / "journeys"
CHECKOUT = JOURNEYS / "checkout_gap.yaml"
MINED = JOURNEYS / "checkout_gap_mined.json"
SHOP = Path(__file__).parents[1] / "analytics" / "data" / "shop_desired.yaml"
LOG = SHARED_DATA / "event_logs" / "journey_log_2000.csv"


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def one_error(result: Result) -> str:
    """The single error line of a failed run."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0].removeprefix("error: ")


def test_mined_file_is_drawn_over_the_journey(tmp_path: Path) -> None:
    target = tmp_path / "gap.svg"
    result = run("render", str(CHECKOUT), "--mined", str(MINED), "-o", str(target))
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    assert 'class="move move-unexpected" data-source="pay" data-target="pay"' in svg
    assert "Actual journey from checkout_gap_mined.json: 10 cases" in svg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gap.svg"]


def test_a_log_is_mined_on_the_spot_and_drawn_as_png(tmp_path: Path) -> None:
    target = tmp_path / "gap.png"
    result = run("render", str(SHOP), "--log", str(LOG), "-o", str(target))
    assert result.exit_code == 0, result.output
    image = Image.open(io.BytesIO(target.read_bytes()))
    assert image.format == "PNG"
    svg_target = tmp_path / "gap.svg"
    assert run("render", str(SHOP), "--log", str(LOG), "-o", str(svg_target)).exit_code == 0
    svg = svg_target.read_text(encoding="utf-8")
    # the numbers `cxmap mine` prints for this log (tests/cli/test_mine_cli.py)
    assert "2,000 cases, 28% follow the desired journey (567 of 2,000)" in svg
    assert 'data-source="visit_site" data-target="add_to_cart" data-cases="178"' in svg
    assert "Skipped by 178 cases" in svg


def test_the_log_columns_can_be_named(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    rows = (JOURNEYS / "checkout_gap_log.csv").read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join(["who,what,when", *rows[1:]]) + "\n", encoding="utf-8")
    target = tmp_path / "gap.svg"
    args = ["--case", "who", "--activity", "what", "--timestamp", "when"]
    result = run("render", str(CHECKOUT), "--log", str(log), *args, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "Actual journey from log.csv: 10 cases" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda data: data["conformance"]["transitions"][3].update(cases="eight"),
            "conformance.transitions[3].cases: must be a whole number, not text",
        ),
        (
            lambda data: data.update(funnel=None, conformance=None),
            "funnel: missing: this result was mined without a journey",
        ),
        (
            lambda data: [
                step.update(step=f"other-{step['step']}") for step in data["funnel"]["steps"]
            ],
            "funnel.steps[0].step: step 'other-browse' (and 4 more) is not in journey "
            "'checkout-gap': this file was mined against another journey",
        ),
    ],
    ids=["wrong-type", "no-journey", "other-journey"],
)
def test_a_bad_mined_file_is_one_line_and_nothing_is_written(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    data = json.loads(MINED.read_text(encoding="utf-8"))
    change(data)
    mined = tmp_path / "mined.json"
    mined.write_text(json.dumps(data, indent=2), encoding="utf-8")
    target = tmp_path / "gap.png"
    line = one_error(run("render", str(CHECKOUT), "--mined", str(mined), "-o", str(target)))
    assert line.startswith(f"{mined}:")
    assert expected in line
    assert not target.exists()


def test_a_type_error_names_its_line_and_column(tmp_path: Path) -> None:
    text = MINED.read_text(encoding="utf-8").replace('"cases": 10,', '"cases": "ten",', 1)
    mined = tmp_path / "mined.json"
    mined.write_text(text, encoding="utf-8")
    line = one_error(
        run("render", str(CHECKOUT), "--mined", str(mined), "-o", str(tmp_path / "m.svg"))
    )
    assert line == f"{mined}:2:12: cases: must be a whole number, not text"


def test_a_missing_mined_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "gap.svg"
    line = one_error(
        run("render", str(CHECKOUT), "--mined", str(tmp_path / "no.json"), "-o", str(target))
    )
    assert line == f"{tmp_path / 'no.json'}: no such file"
    assert not target.exists()


@pytest.mark.parametrize(
    "extra",
    [
        ["--mined", str(MINED), "--log", str(LOG)],
        ["--case", "who"],
        ["--mined", str(MINED), str(JOURNEYS / "one_stage.yaml")],
    ],
    ids=["mined-and-log", "columns-without-log", "two-journeys"],
)
def test_options_that_do_not_go_together_are_usage_errors(tmp_path: Path, extra: list[str]) -> None:
    result = run("render", str(CHECKOUT), *extra, "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()
