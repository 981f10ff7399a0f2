"""The actual journey through the API: an event log uploaded, mined against the stored
journey, kept, and served exactly as `cxmap mine --json` writes it; bad logs refused with
their row and column, nothing kept.

The shared log `journey_log_2000.csv` is the shop of `tests/analytics/data/shop_desired.yaml`
(as in tests/cli/test_render_gap_cli.py): none of examples/ names its activities.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from cxmap.api import create_app
from cxmap.cli.main import app as cli
from cxmap.services import mined_journeys
from cxmap.services.journey_events import JourneyEvent
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings
from tests.api.conftest import BASE_URL, BOTH, Team, is_problem
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.anyio
LOG = SHARED_DATA / "event_logs" / "journey_log_2000.csv"
XES_GZ = SHARED_DATA / "event_logs" / "xes" / "cx_omnichannel_journeys.xes.gz"
DESIRED = Path(__file__).parents[1] / "analytics" / "data" / "shop_desired.yaml"


async def shop_journey(client: httpx.AsyncClient, team: Team) -> str:
    imported = await client.post(
        f"/workspaces/{team.ws}/journeys/import",
        content=DESIRED.read_bytes(),
        headers={**team.auth("editor"), "Content-Type": "application/yaml"},
    )
    assert imported.status_code == 201, imported.text
    return f"/workspaces/{team.ws}/journeys/{imported.json()['id']}"


async def upload(
    client: httpx.AsyncClient,
    team: Team,
    url: str,
    name: str,
    content: bytes,
    who: str = "editor",
    **fields: str,
) -> httpx.Response:
    return await client.post(
        f"{url}/actual",
        files={"file": (name, content, "application/octet-stream")},
        data=fields,
        headers=team.auth(who),
    )


def cli_mined(log: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    """What `cxmap mine LOG --journey shop_desired.yaml --json` writes, run in the log's
    folder so its warnings name the file as the upload does."""
    monkeypatch.chdir(log.parent)
    out = log.parent / "mined.json"
    result = CliRunner().invoke(
        cli, ["mine", log.name, "--journey", str(DESIRED), "--json", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    mined: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return mined


def parquet_copy(folder: Path) -> Path:
    target = folder / "journey_log_2000.parquet"
    pq.write_table(pa_csv.read_csv(LOG), target)
    return target


def local_copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    return target


LOGS: dict[str, Callable[[Path], Path]] = {
    "csv": lambda folder: local_copy(LOG, folder),
    "parquet": parquet_copy,
    "xes.gz": lambda folder: local_copy(XES_GZ, folder),
}


@pytest.mark.parametrize("backend", BOTH, indirect=True)
@pytest.mark.parametrize("kind", LOGS)
async def test_the_stored_result_is_what_cxmap_mine_writes(
    client: httpx.AsyncClient,
    team: Team,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    log = LOGS[kind](tmp_path)
    expected = cli_mined(log, monkeypatch)
    journey = await shop_journey(client, team)

    made = await upload(client, team, journey, log.name, log.read_bytes())
    assert made.status_code == 201, made.text
    assert made.headers["location"] == f"{journey}/actual"
    kept = made.json()
    assert kept["result"] == expected
    assert list(kept["result"]) == list(expected)  # the core keys first, as documented
    assert (kept["log_name"], kept["journey_version"]) == (log.name, 1)
    assert kept["recorded_by"] == str(team.users["editor"])

    latest = await client.get(f"{journey}/actual", headers=team.auth("viewer"))
    assert latest.status_code == 200, latest.text
    assert latest.json() == kept
    assert json.dumps(latest.json()["result"]) == json.dumps(expected)


async def test_the_known_figures_of_the_shared_log(
    client: httpx.AsyncClient, team: Team, server: WorkspaceServer
) -> None:
    journey = await shop_journey(client, team)
    journey_id = UUID(journey.rsplit("/", 1)[1])
    assert mined_journeys.latest_mined(server.database, team.ws, journey_id) is None
    made = await upload(client, team, journey, LOG.name, LOG.read_bytes(), by="segment")
    assert made.status_code == 201, made.text
    latest = mined_journeys.latest_mined(server.database, team.ws, journey_id)
    assert latest is not None
    assert (latest.id, latest.result.cases) == (UUID(made.json()["id"]), 2000)
    assert mined_journeys.latest_mined(server.database, team.other, journey_id) is None
    result = made.json()["result"]
    assert (result["cases"], result["events"], len(result["variants"])) == (2000, 12443, 339)
    assert result["start_activities"] == {"ad_click": 1093, "visit_site": 907}
    assert result["conformance"]["conforming"] == 567
    assert result["funnel"]["by"] == "customer_segment"
    assert any(
        warning.startswith("journey_log_2000.csv:") and "matches no step" in warning
        for warning in result["warnings"]
    )


async def test_the_history_lists_every_upload_newest_first(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await shop_journey(client, team)
    small = b"case_id,activity,timestamp\nk1,visit_site,2024-01-01T10:00:00Z\n"
    small += b"k1,browse,2024-01-01T10:01:00Z\nk2,visit_site,2024-01-01T11:00:00Z\n"
    first = await upload(client, team, journey, "small.csv", small)
    second = await upload(client, team, journey, LOG.name, LOG.read_bytes(), who="owner")
    history = await client.get(f"{journey}/actual/history", headers=team.auth("viewer"))
    assert history.status_code == 200, history.text
    assert [(h["id"], h["log_name"], h["cases"], h["events"]) for h in history.json()] == [
        (second.json()["id"], LOG.name, 2000, 12443),
        (first.json()["id"], "small.csv", 2, 3),
    ]
    assert "result" not in history.json()[0]
    latest = await client.get(f"{journey}/actual", headers=team.auth("viewer"))
    assert latest.json()["id"] == second.json()["id"]


async def test_the_map_draws_the_newest_actual_journey(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await shop_journey(client, team)
    await upload(client, team, journey, LOG.name, LOG.read_bytes())
    viewer = team.auth("viewer")
    svg = await client.get(f"{journey}/map.svg?overlay=actual", headers=viewer)
    assert svg.status_code == 200, svg.text
    # the figures `cxmap render --log` draws for this log (tests/cli/test_render_gap_cli.py)
    assert "Actual journey from journey_log_2000.csv" in svg.text
    assert "2,000 cases, 28% follow the desired journey (567 of 2,000)" in svg.text
    assert 'data-source="visit_site" data-target="add_to_cart" data-cases="178"' in svg.text
    assert svg.headers["content-disposition"] == 'attachment; filename="shop-desired-actual.svg"'
    plain = await client.get(f"{journey}/map.svg", headers=viewer)
    assert "Actual journey from" not in plain.text

    layout = await client.get(f"{journey}/layout?overlay=actual", headers=viewer)
    body = layout.json()
    assert body["actual"]["log_name"] == LOG.name
    edges = {(e["source"], e["target"]): e for e in body["layout"]["gap"]["edges"]}
    assert edges[("visit_site", "add_to_cart")]["cases"] == 178
    assert edges[("visit_site", "add_to_cart")]["status"] == "unexpected"


async def test_an_analysis_that_no_longer_fits_the_journey_is_a_conflict(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await shop_journey(client, team)
    await upload(client, team, journey, LOG.name, LOG.read_bytes())
    current = (await client.get(journey, headers=team.auth("editor"))).json()["journey"]
    current["stages"][-1]["steps"] = current["stages"][-1]["steps"][:1]
    current["stages"][-1]["steps"][0].pop("next", None)
    replaced = await client.put(
        journey, json=current, headers={**team.auth("editor"), "If-Match": '"1"'}
    )
    assert replaced.status_code == 200, replaced.text
    stale = await client.get(f"{journey}/map.png?overlay=actual", headers=team.auth("viewer"))
    problem = is_problem(stale, 409)
    assert "mined against version 1" in problem["detail"]
    assert problem["current_version"] == 2
    old = await client.get(
        f"{journey}/map.png?overlay=actual&version=1", headers=team.auth("viewer")
    )
    assert old.status_code == 200, old.text


@pytest.mark.parametrize("backend", BOTH, indirect=True)
async def test_a_bad_log_is_refused_where_it_is_wrong_and_nothing_is_kept(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await shop_journey(client, team)
    bad = b"case_id,activity,timestamp\nk,visit_site,yesterday\nk,browse,2024-01-01T10:00:00\n"
    refused = await upload(client, team, journey, "bad.csv", bad)
    problem = is_problem(refused, 422)
    assert problem["errors"] == [
        {
            "location": "body",
            "path": "timestamp",
            "pointer": "/timestamp",
            "message": "'yesterday' is not a date and time (e.g. 2024-03-01T09:15:00Z)",
            "line": 2,
        }
    ]
    assert problem["detail"].startswith("bad.csv:2: timestamp: 'yesterday'")
    assert "/tmp" not in refused.text
    assert "cxmap-log-" not in refused.text

    columns = await upload(client, team, journey, "log.csv", bad, case="who")
    assert "no case column 'who'" in is_problem(columns, 422)["errors"][0]["message"]
    unknown = await upload(client, team, journey, "log.txt", bad)
    assert "unknown log format" in is_problem(unknown, 422)["detail"]
    empty = await upload(client, team, journey, "empty.csv", b"case_id,activity,timestamp\n")
    assert "empty log" in is_problem(empty, 422)["detail"]

    assert (await client.get(f"{journey}/actual/history", headers=team.auth("viewer"))).json() == []
    is_problem(await client.get(f"{journey}/actual", headers=team.auth("viewer")), 404)


async def test_a_malformed_upload_is_refused(client: httpx.AsyncClient, team: Team) -> None:
    journey = await shop_journey(client, team)
    editor = team.auth("editor")
    as_json = await client.post(f"{journey}/actual", json={"file": "x"}, headers=editor)
    assert "multipart/form-data" in is_problem(as_json, 415)["detail"]
    no_file = await client.post(
        f"{journey}/actual", files={"log": ("log.csv", LOG.read_bytes())}, headers=editor
    )
    paths = {error["path"] for error in is_problem(no_file, 422)["errors"]}
    assert paths == {"file"}
    stray = await upload(client, team, journey, "log.csv", LOG.read_bytes(), journey="x")
    assert is_problem(stray, 422)["errors"][0]["path"] == "journey"
    assert (await client.get(f"{journey}/actual/history", headers=editor)).json() == []


async def test_a_log_over_the_size_limit_is_413(
    server: WorkspaceServer, team: Team, tmp_path: Path
) -> None:
    url = server.database.engine.url.render_as_string(hide_password=False)
    settings = Settings(data_dir=tmp_path, database_url=url, attachment_max_bytes=4096)
    small_app: FastAPI = create_app(settings, server=server)
    transport = httpx.ASGITransport(app=small_app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        journey = await shop_journey(client, team)
        too_big = await upload(client, team, journey, LOG.name, LOG.read_bytes())
        assert "4096" in is_problem(too_big, 413)["detail"]
        history = await client.get(f"{journey}/actual/history", headers=team.auth("editor"))
        assert history.json() == []


async def test_watchers_hear_of_a_new_actual_journey(
    client: httpx.AsyncClient, team: Team, server: WorkspaceServer
) -> None:
    journey = await shop_journey(client, team)
    journey_id = journey.rsplit("/", 1)[1]
    async with server.events.subscribe(UUID(journey_id)) as subscription:
        made = await upload(client, team, journey, LOG.name, LOG.read_bytes())
        heard: JourneyEvent = await anext(aiter(subscription))
    assert heard.message() == {
        "type": "actual.recorded",
        "journey_id": journey_id,
        "version": 1,
        "by": str(team.users["editor"]),
        "at": made.json()["recorded_at"].replace("Z", "+00:00"),
    }


async def test_a_journey_changed_while_mining_keeps_nothing(
    client: httpx.AsyncClient, team: Team, server: WorkspaceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result of version 1 is not filed under version 2."""
    journey = await shop_journey(client, team)
    journey_id = UUID(journey.rsplit("/", 1)[1])
    real = mined_journeys.mine_uploaded_log

    def mine_while_someone_edits(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        server.journeys.patch(
            team.users["owner"], team.ws, journey_id, {"title": "Moved on"}, expected_version=1
        )
        return result

    monkeypatch.setattr(mined_journeys, "mine_uploaded_log", mine_while_someone_edits)
    raced = await upload(client, team, journey, LOG.name, LOG.read_bytes())
    problem = is_problem(raced, 409)
    assert problem["current_version"] == 2
    assert "upload it again" in problem["detail"]
    assert (await client.get(f"{journey}/actual/history", headers=team.auth("editor"))).json() == []
