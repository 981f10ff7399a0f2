"""`cxmap mine`: a readable summary, the JSON file, and one line per problem (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cxmap.cli.main import app
from tests.conftest import SHARED_DATA

runner = CliRunner()
LOG = SHARED_DATA / "event_logs" / "journey_log_2000.csv"
DESIRED = Path(__file__).parents[1] / "analytics" / "data" / "shop_desired.yaml"


def test_summary_and_json(tmp_path: Path) -> None:
    out = tmp_path / "mined.json"
    args = ["mine", str(LOG), "--journey", str(DESIRED), "--by", "segment", "--json", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2000 cases, 12443 events, 339 variants" in result.stdout
    for title in ("Most common paths", "Funnel along the desired journey", "Top deviations"):
        assert title in result.stdout
    assert "by customer_segment" in result.stdout
    assert "28.3% of cases follow the desired journey (567 of 2000)" in result.stdout
    assert "warning:" in result.stderr
    assert "matches no step of the journey" in result.stderr
    data = json.loads(out.read_text())
    assert list(data)[:6] == [
        "cases",
        "events",
        "start_activities",
        "end_activities",
        "dfg",
        "variants",
    ]
    assert data["start_activities"] == {"ad_click": 1093, "visit_site": 907}
    assert data["funnel"]["by"] == "customer_segment"


def test_column_options_name_the_columns(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("who,what,when\nk,a,2024-01-01T00:00:00Z\nk,b,2024-01-01T00:00:05Z\n")
    args = ["mine", str(log), "--case", "who", "--activity", "what", "--timestamp", "when"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 cases, 2 events, 1 variants" in result.stdout


def test_a_bad_log_is_one_line_per_problem_and_writes_nothing(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("case_id,activity,timestamp\nk,a,yesterday\n")
    out = tmp_path / "mined.json"
    result = runner.invoke(app, ["mine", str(log), "--json", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {log}:2: timestamp: 'yesterday' is not a date and time (e.g. 2024-03-01T09:15:00Z)"
    ]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_nothing_to_mine_is_an_error() -> None:
    result = runner.invoke(app, ["mine"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: log: give a log file, or --url and --table"]


def test_an_xes_log(tmp_path: Path) -> None:
    log = SHARED_DATA / "event_logs" / "xes" / "cx_omnichannel_journeys.xes.gz"
    result = runner.invoke(app, ["mine", str(log)])
    assert result.exit_code == 0, result.output
    assert "8 cases, 67 events, 6 variants" in result.stdout
