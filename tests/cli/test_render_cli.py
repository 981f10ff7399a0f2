"""`cxmap render`: output formats, where files go, and nothing written for bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from cxmap.cli.main import app

runner = CliRunner()
ONE_STAGE = Path(__file__).parents[1] / "render" / "journeys" / "one_stage.yaml"

# Line 9 is `        emotion: 5`; its value starts at column 18.
BAD = """\
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        name: Pays
        emotion: 5
"""


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf", "html"])
def test_output_format_follows_the_suffix(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"map.{suffix}"
    result = run("render", str(ONE_STAGE), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert str(target) in result.stdout
    content = target.read_bytes()
    if suffix == "svg":
        assert content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    elif suffix == "png":
        assert Image.open(io.BytesIO(content)).format == "PNG"
    elif suffix == "pdf":
        assert len(PdfReader(io.BytesIO(content)).pages) == 1
    else:
        page = content.decode("utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "<title>Renew a parking permit</title>" in page
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
        assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert files_in(tmp_path) == [target.name]  # no temporary file left behind


def test_out_dir_draws_every_file_in_every_format(tmp_path: Path) -> None:
    second = write(tmp_path, "second.yaml", "id: second\ntitle: Second\n")
    out = tmp_path / "out"
    result = run(
        "render", str(ONE_STAGE), str(second), "--out-dir", str(out), "--format", "svg,png,pdf,html"
    )
    assert result.exit_code == 0, result.output
    assert files_in(out) == [
        f"{stem}.{fmt}" for stem in ("one_stage", "second") for fmt in ("html", "pdf", "png", "svg")
    ]
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{ONE_STAGE} -> {out / 'one_stage.svg'}, ")
    assert str(out / "second.html") in lines[1]


def test_out_dir_defaults_to_svg(tmp_path: Path) -> None:
    result = run("render", str(ONE_STAGE), "--out-dir", str(tmp_path / "maps"))
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path / "maps") == ["one_stage.svg"]


def test_an_invalid_journey_prints_its_problems_and_writes_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    out = tmp_path / "out"
    result = run("render", str(ONE_STAGE), str(bad), "--out-dir", str(out), "-f", "svg,png")
    assert result.exit_code == 1
    assert f"{bad}:9:18: stages[0].steps[0].emotion: must be between -2 and 2" in result.stderr
    assert not out.exists()  # not even the valid journey was drawn


def test_an_invalid_journey_leaves_an_existing_map_untouched(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    target = tmp_path / "map.svg"
    target.write_text("previous map", encoding="utf-8")
    result = run("render", str(bad), "-o", str(target))
    assert result.exit_code == 1
    assert "must be between -2 and 2" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous map"
    assert files_in(tmp_path) == ["bad.yaml", "map.svg"]


def test_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.yaml'}: no such file"
    assert files_in(tmp_path) == []


def test_an_unknown_output_suffix_is_refused(tmp_path: Path) -> None:
    result = run("render", str(ONE_STAGE), "-o", str(tmp_path / "map.jpeg"))
    assert result.exit_code == 1
    assert "cannot tell the format from '.jpeg'" in result.stderr
    assert files_in(tmp_path) == []


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    result = run("render", str(ONE_STAGE), "--out-dir", str(tmp_path), "--format", "svg,gif")
    assert result.exit_code == 1
    assert "--format[1]: unknown format 'gif'; choose from svg, png, pdf, html" in result.stderr
    assert files_in(tmp_path) == []


def test_two_journeys_with_one_name_would_clash(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "j.yaml", "id: a\ntitle: A\n")
    second = write(tmp_path / "b", "j.yaml", "id: b\ntitle: B\n")
    result = run("render", str(first), str(second), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "would both be drawn to" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out-dir", "out"], "not both"),
        (["--format", "png"], "drop --format"),
    ],
)
def test_conflicting_options_are_usage_errors(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    args = [str(tmp_path / part) if part == "out" else part for part in extra]
    result = run("render", str(ONE_STAGE), "-o", str(tmp_path / "x.svg"), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert files_in(tmp_path) == []


def test_o_takes_a_single_journey(tmp_path: Path) -> None:
    result = run("render", str(ONE_STAGE), str(ONE_STAGE), "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
    assert "-o takes one journey" in result.output
    assert files_in(tmp_path) == []
