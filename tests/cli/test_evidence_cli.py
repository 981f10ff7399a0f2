"""`cxmap evidence import/summary/unmapped/assign` on the local store: a journey file is
created when absent, the summary's JSON feeds `cxmap lint --evidence`, the queue is
reviewed by hand, and mistakes print one line each and exit 1 with nothing stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cxmap.cli.main import app
from cxmap.model.evidence import StepEvidence
from cxmap.settings import Settings
from cxmap.store import Accounts, Database, Workspaces
from cxmap.store.schema import upgrade

runner = CliRunner()
JOURNEY = """\
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    steps:
      - id: search
        name: Searches the shop
        emotion: -2
        next: [pay]
      - id: pay
        name: Pays
        emotion: 1
        final: true
"""
HAPPY = "Wonderful, fast and easy search. I love it!"
SURVEY_ROWS = [
    "respondent_id,submitted_at,touchpoint,nps,csat,ces,comment",
    *[f'R{n},2024-01-0{1 + n % 5}T10:00:00Z,search,10,5,7,"{HAPPY}"' for n in range(1, 9)],
    "R9,2024-01-06T10:00:00Z,pay,2,1,1,Payment failed twice",
    "R10,2024-01-06T11:00:00Z,billing,5,3,4,The invoice was wrong",
    "R11,2024-01-06T12:00:00Z,pay,15,3,4,Too high",
]


def run(data_dir: Path, *args: str) -> Result:
    environment = {
        "CXMAP_DATA_DIR": str(data_dir),
        "CXMAP_DATABASE_URL": "",
        "CXMAP_ATTACHMENTS_DIR": "",
    }
    result = runner.invoke(app, list(args), env=environment)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def with_workspaces(data_dir: Path, *slugs: str) -> Path:
    settings = Settings(data_dir=data_dir)
    upgrade(settings.database_url)
    database = Database.open(settings.database_url)
    try:
        with database.writing() as session:
            owner = Accounts(session).create_user("o@example.com", "Olga", None).id
            for slug in slugs:
                Workspaces(session).create(slug, slug.title(), owner=owner)
    finally:
        database.close()
    return data_dir


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "shop.yaml").write_text(JOURNEY, encoding="utf-8")
    (folder / "survey.csv").write_text("\n".join(SURVEY_ROWS) + "\n", encoding="utf-8")
    return folder


def test_an_import_creates_the_journey_and_its_summary_feeds_the_linter(
    tmp_path: Path, files: Path
) -> None:
    data = with_workspaces(tmp_path / "data", "cx")
    journey, survey = files / "shop.yaml", files / "survey.csv"
    made = run(data, "evidence", "import", "survey", str(survey), "--journey", str(journey))
    assert made.exit_code == 0, made.output
    assert "created journey 'shop' in workspace 'cx' from the file" in made.stderr
    assert re.search(r"│ items\s+│\s+10 │", made.stdout), made.stdout
    assert re.search(r"│ unmapped \(to review\)\s+│\s+1 │", made.stdout)
    assert "1 rejected row listed in " + str(files / "survey.rejects.csv") in made.stderr
    rejects = (files / "survey.rejects.csv").read_text(encoding="utf-8").splitlines()
    assert rejects[0] == "row,column,reason,raw"
    assert rejects[1].startswith("11,nps,")

    again = run(data, "evidence", "import", "survey", str(survey), "--journey", str(journey))
    assert again.exit_code == 0
    assert "created journey" not in again.stderr  # the stored journey is used now

    summary = run(data, "evidence", "summary", "--journey", "shop", "--json")
    assert summary.exit_code == 0, summary.output
    steps = {
        step: StepEvidence.model_validate(each) for step, each in json.loads(summary.stdout).items()
    }
    assert list(steps) == ["search", "pay"]
    assert steps["search"].items == 16
    assert steps["search"].nps is not None
    assert steps["search"].nps.mean == 100.0
    assert steps["pay"].items == 2
    evidence = tmp_path / "evidence.json"
    evidence.write_text(summary.stdout, encoding="utf-8")
    linted = run(data, "lint", str(journey), "--evidence", str(evidence))
    assert "CX030: the hand-set emotion -2 of step 'search'" in linted.output
    assert "disagrees with the evidence: derived +1.8 (n=16" in linted.output

    table = run(data, "evidence", "summary", "--journey", "shop")
    assert table.exit_code == 0
    assert "evidence per step (20 items)" in table.stdout
    assert "2 items wait for a step" in table.stdout


def test_the_queue_is_reviewed_and_an_item_placed_by_hand(tmp_path: Path, files: Path) -> None:
    data = with_workspaces(tmp_path / "data", "cx")
    run(
        data,
        "evidence",
        "import",
        "survey",
        str(files / "survey.csv"),
        "-j",
        str(files / "shop.yaml"),
    )
    queue = run(data, "evidence", "unmapped", "--journey", "shop")
    assert queue.exit_code == 0
    assert "1 item wait for a step" in queue.stdout
    assert "The invoice was wrong" in queue.stdout
    item = re.search(r"^([0-9a-f-]{36})  survey, survey.csv row 10", queue.stdout, re.M)
    assert item is not None, queue.stdout

    wrong = run(data, "evidence", "assign", item.group(1), "pai")
    assert wrong.exit_code == 1
    assert wrong.stderr == "error: step: unknown step 'pai'; did you mean 'pay'?\n"
    placed = run(data, "evidence", "assign", item.group(1), "pay")
    assert placed.exit_code == 0, placed.output
    assert run(data, "evidence", "unmapped", "-j", "shop").stdout == "no items wait for a step\n"
    summary = json.loads(run(data, "evidence", "summary", "-j", "shop", "--json").stdout)
    assert summary["pay"]["items"] == 2


def test_a_workspace_must_be_named_when_there_are_several(tmp_path: Path, files: Path) -> None:
    data = with_workspaces(tmp_path / "data", "cx", "sales")
    args = [
        "evidence",
        "import",
        "survey",
        str(files / "survey.csv"),
        "-j",
        str(files / "shop.yaml"),
    ]
    unnamed = run(data, *args)
    assert unnamed.exit_code == 1
    assert unnamed.stderr == (
        "error: several workspaces: name one with --workspace; the workspaces are: 'cx', 'sales'\n"
    )
    unknown = run(data, *args, "--workspace", "ops")
    assert unknown.stderr == "error: no workspace 'ops'; the workspaces are: 'cx', 'sales'\n"
    named = run(data, *args, "--workspace", "sales")
    assert named.exit_code == 0, named.output
    assert "in workspace 'sales'" in named.stderr


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--column", "comment"], "error: columns: 'comment' is not FIELD=HEADER\n"),
        (["-c", "txt=comment"], "error: columns: unknown field 'txt' in 'txt=comment'"),
        (["-c", "text=remarks"], "column 'remarks' is not in the header"),
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["--threshold", "1.5"], "Invalid value for '--threshold'"),
    ],
)
def test_mistakes_print_one_line_and_store_nothing(
    tmp_path: Path, files: Path, extra: list[str], says: str
) -> None:
    data = with_workspaces(tmp_path / "data", "cx")
    args = ["evidence", "import", "survey", str(files / "survey.csv"), "-j", "shop", *extra]
    run(
        data,
        "evidence",
        "import",
        "survey",
        str(files / "survey.csv"),
        "-j",
        str(files / "shop.yaml"),
    )
    failed = run(data, *args)
    assert failed.exit_code in (1, 2)
    assert says in failed.stderr
    summary = json.loads(run(data, "evidence", "summary", "-j", "shop", "--json").stdout)
    assert summary["search"]["items"] == 8  # the first import only


def test_a_mapping_file_names_the_columns(tmp_path: Path, files: Path) -> None:
    data = with_workspaces(tmp_path / "data", "cx")
    complaints = files / "complaints.csv"
    complaints.write_text(
        "id,where,words\nC1,Pays,Charged twice\nC2,Searches the shop,Nothing found\n",
        encoding="utf-8",
    )
    mapping = files / "columns.yaml"
    mapping.write_text("text: words\ntouchpoint: where\nexternal_id: id\n", encoding="utf-8")
    made = run(
        data,
        "evidence",
        "import",
        "social",
        str(complaints),
        "-j",
        str(files / "shop.yaml"),
        "--mapping",
        str(mapping),
        "--department",
        "support",
    )
    assert made.exit_code == 0, made.output
    summary = json.loads(run(data, "evidence", "summary", "-j", "shop", "--json").stdout)
    assert (summary["search"]["items"], summary["pay"]["items"]) == (1, 1)
    assert summary["pay"]["departments"][0]["department"] == "support"
    mapping.write_text("text: words\ntouchpiont: where\n", encoding="utf-8")
    bad = run(
        data,
        "evidence",
        "import",
        "social",
        str(complaints),
        "-j",
        "shop",
        "--mapping",
        str(mapping),
    )
    assert bad.exit_code == 1
    assert bad.stderr.startswith(f"error: {mapping}:2:1: touchpiont: unknown field 'touchpiont'")
