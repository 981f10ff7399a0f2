"""`cxmap score`, `cxmap actions` and `cxmap kpi` on a local store: the tables people read,
JSON that parses, weights and inputs kept, and one line per problem with exit 1."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cxmap.cli.main import app
from cxmap.services.local_workspace import open_local_store
from cxmap.settings import Settings
from cxmap.store import Accounts, Journeys, Workspaces
from tests.services.priority_fixtures import analysis
from tests.store.conftest import make_journey

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A local store with one workspace and the journeys alpha and beta."""
    folder = tmp_path / "data"
    database = open_local_store(Settings(data_dir=folder))
    with database.writing() as session:
        owner = Accounts(session).create_user("o@example.com", "Owner", None).id
        ws = Workspaces(session).create("retail", "Retail", owner=owner).id
        for slug in ("alpha", "beta"):
            Journeys(session).create(ws, make_journey(slug, slug.title()), by=owner)
    database.close()
    return folder


def run(data_dir: Path, *args: str) -> Result:
    environment = {"CXMAP_DATA_DIR": str(data_dir), "CXMAP_DATABASE_URL": "", "COLUMNS": "200"}
    result = runner.invoke(app, list(args), env=environment)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_inputs_and_weights_change_the_ranking_shown(data_dir: Path) -> None:
    entered = run(
        data_dir, "score", "-j", "alpha", "--set-input", "cost=1000", "--set-input", "strategy=2"
    )
    assert entered.exit_code == 0, entered.output
    run(data_dir, "score", "-j", "beta", "--set-input", "cost=0", "--set-input", "strategy=5")
    result = run(data_dir, "score", "--json")
    ranking = json.loads(result.stdout)["ranking"]["ranking"]
    assert [(r["score"]["subject_id"], r["score"]["value"]) for r in ranking] == [
        ("alpha", 59),
        ("beta", 51),
    ]
    what_if = json.loads(run(data_dir, "score", "--weights", "strategy=4", "--json").stdout)
    assert [r["score"]["value"] for r in what_if["ranking"]["ranking"]] == [75, 42]
    saved = run(data_dir, "score", "--weights", "strategy=4", "--save")
    assert saved.exit_code == 0, saved.output
    table = run(data_dir, "score").stdout
    assert table.index("Beta") < table.index("Alpha")
    assert "weights: cost 1, sales 1, strategy 4, frequency 1, experience 1" in table


def test_a_journey_table_shows_each_part_and_missing_inputs(data_dir: Path) -> None:
    result = run(data_dir, "score", "-j", "alpha", "--set-input", "pay:experience=-2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    pay = next(line for line in lines if "│ pay " in line)
    assert pay.count("missing") == 4
    assert "99.0 (-2)" in pay
    assert "formula: 1 + 99 x" in result.stdout


def test_sensitivity_is_shown(data_dir: Path) -> None:
    run(data_dir, "score", "-j", "alpha", "--set-input", "cost=1000", "--set-input", "strategy=1")
    run(data_dir, "score", "-j", "beta", "--set-input", "cost=0", "--set-input", "strategy=5")
    result = run(data_dir, "score", "--sensitivity")
    assert "cost x0.8" in result.stdout
    assert "alpha 1→2, beta 2→1" in result.stdout


def test_problems_are_one_line_each_with_exit_one(data_dir: Path) -> None:
    result = run(data_dir, "score", "--weights", "speed=3,cost=x")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: weights: unknown criterion 'speed'; use cost, sales, strategy, frequency, "
        "experience",
        "error: weights.cost: 'x' is not a number",
    ]
    result = run(data_dir, "score", "--set-input", "cost=1")
    assert (result.exit_code, result.stderr) == (1, "error: set_input: needs --journey\n")
    result = run(data_dir, "score", "-j", "alpha", "--set-input", "experience=7")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: journey.experience: must be between -2 and 2")
    result = run(data_dir, "score", "-j", "nowhere")
    assert (result.exit_code, result.stderr) == (1, "error: journey 'nowhere' not found\n")


def test_actions_suggest_accept_edit_and_export(data_dir: Path, tmp_path: Path) -> None:
    suggested = run(data_dir, "actions", "suggest", "-j", "alpha")
    assert suggested.exit_code == 0, suggested.output
    assert "6 new suggestion(s); 0 suggested before" in suggested.stderr
    assert (
        "0 new suggestion(s); 6 suggested before"
        in run(data_dir, "actions", "suggest", "-j", "alpha").stderr
    )
    actions = json.loads(run(data_dir, "actions", "export", "-f", "json").stdout)
    change = next(a for a in actions if a["kind"] == "product_change")
    assert run(data_dir, "actions", "accept", change["id"][:6]).exit_code == 0
    edited = run(
        data_dir, "actions", "edit", change["id"][:6], "--owner", "ana", "--due", "2025-10-01"
    )
    assert (
        edited.stderr == f"{change['id'][:8]} One-click pay: accepted, owner ana, due 2025-10-01\n"
    )
    history = run(data_dir, "actions", "history", change["id"]).stdout
    assert "suggested → accepted" in history
    assert "owner: - → ana" in history
    out = tmp_path / "jira.csv"
    assert run(data_dir, "actions", "export", "-f", "jira", "-o", str(out)).exit_code == 0
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert table[0][:6] == [
        "Summary",
        "Description",
        "Issue Type",
        "Priority",
        "Assignee",
        "Due Date",
    ]
    assert [
        table[3][0],
        *table[3][2:6],
    ] == ["One-click pay", "Task", "High", "ana", "2025-10-01"]
    listed = run(data_dir, "actions", "list", "--status", "accepted").stdout
    assert "One-click pay" in listed
    assert "Define a key metric" not in listed


def test_action_problems_are_one_line_each(data_dir: Path) -> None:
    result = run(data_dir, "actions", "accept", "ab")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: id: give at least 4 characters of the id\n",
    )
    run(data_dir, "actions", "suggest")
    result = run(data_dir, "actions", "edit", "ffffffff", "--due", "tomorrow")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: due: 'tomorrow' is not a date (YYYY-MM-DD)\n",
    )
    result = run(data_dir, "actions", "edit", "ffffffff", "--owner", "x")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: no action with an id starting 'ffffffff'\n",
    )


def test_kpi_add_record_point_compare_and_chart(data_dir: Path, tmp_path: Path) -> None:
    added = run(
        data_dir, "kpi", "add", "conv", "-j", "alpha", "--kind", "conversion",
        "--from-step", "search", "--to-step", "pay", "--target", "60",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    mined = tmp_path / "mined.json"
    mined.write_text(analysis().to_json(), encoding="utf-8")
    recorded = run(data_dir, "kpi", "record", "-j", "alpha", "--mined", str(mined))
    assert recorded.stdout == "conv: 50 (n=200, analysis)\n"
    point = run(data_dir, "kpi", "point", "conv", "65", "--n", "200", "--at", "2100-01-01")
    assert point.exit_code == 0, point.output
    listed = run(data_dir, "kpi", "list").stdout
    assert "│ conv " in listed
    assert "│ 65 " in listed
    compared = run(
        data_dir, "kpi", "compare", "conv", "--before", "2000-01-01..2099-12-31",
        "--after", "2100-01-01..2100-02-01",
    )  # fmt: skip
    assert "Change: +15 (better, higher is better)" in compared.stdout
    chart = tmp_path / "conv.svg"
    assert run(data_dir, "kpi", "chart", "conv", "-o", str(chart)).exit_code == 0
    assert "<svg" in chart.read_text(encoding="utf-8")
    wrong = run(data_dir, "kpi", "chart", "conv", "-o", str(tmp_path / "conv.gif"))
    assert (wrong.exit_code, wrong.stderr) == (
        1,
        "error: out: 'conv.gif': name a .svg, .png or .pdf file\n",
    )
    assert not (tmp_path / "conv.gif").exists()
