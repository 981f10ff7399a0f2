"""`cxmap push` / `cxmap pull` against the real API in-process (httpx's ASGI transport) over
a temporary SQLite database: create, update, stale pushes refused, pulls that never clobber
local edits, and refused tokens."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from cxmap.cli.main import app as cli_app
from cxmap.model.errors import AuthenticationError, ConflictError, CxmapError, NotFoundError
from cxmap.model.journey import Journey
from cxmap.model.journey_record import JourneyQuery
from cxmap.services.journey_files import load_journey, save_journey
from cxmap.services.journey_sync import (
    PullOutcome,
    Pushed,
    PushOutcome,
    Remote,
    pull_journey,
    push_files,
)
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import Team

pytestmark = pytest.mark.anyio

SERVER = "https://cx.example"
CHECKOUT = """\
# Our checkout, kept in git.
cxmap: 1
id: checkout
title: Checkout
version: 1   # the server's version this file is based on
stages:
  - id: buy
    name: Buy
    steps:
      - {id: pay, name: Pays, emotion: -1, final: true}
"""


@pytest.fixture
def transport(app: FastAPI) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=app)


def remote(team: Team, who: str = "editor", workspace: str = "retail-cx") -> Remote:
    return Remote(SERVER, workspace, team.tokens[who])


def server_copy(server: WorkspaceServer, team: Team, slug: str = "checkout") -> Journey:
    """The journey as the store holds it, read without the API."""
    everything = JourneyQuery(limit=500)
    for item in server.journeys.search(team.users["owner"], team.ws, everything).items:
        if item.slug == slug:
            return server.journeys.get(team.users["owner"], team.ws, item.id).journey
    raise AssertionError(f"{slug} is not on the server")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


async def test_push_creates_a_new_journey_and_records_its_version_in_the_file(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    path = write(tmp_path / "checkout.yaml", CHECKOUT.replace("version: 1", "version: 4"))
    [pushed] = await push_files(remote(team), [path], transport=transport)
    assert (pushed.slug, pushed.outcome, pushed.version) == ("checkout", PushOutcome.CREATED, 1)
    stored = server_copy(server, team)
    assert stored.title == "Checkout"
    assert stored.version == 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our checkout, kept in git.\n")  # comments survive
    assert "version: 1\n" in text
    assert load_journey(path).version == 1


async def test_push_updates_an_existing_journey_by_its_slug(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    path = write(tmp_path / "checkout.yaml", CHECKOUT)
    await push_files(remote(team), [path], transport=transport)
    edited = path.read_text(encoding="utf-8").replace("title: Checkout", "title: Pay at last")
    write(path, edited)
    [pushed] = await push_files(remote(team), [path], transport=transport)
    assert (pushed.outcome, pushed.version) == (PushOutcome.UPDATED, 2)
    assert server_copy(server, team).title == "Pay at last"
    assert load_journey(path).version == 2
    [again] = await push_files(remote(team), [path], transport=transport)
    assert (again.outcome, again.version) == (PushOutcome.UNCHANGED, 2)


async def test_a_stale_push_is_refused_and_changes_nothing(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    mine = write(tmp_path / "mine.yaml", CHECKOUT)
    await push_files(remote(team), [mine], transport=transport)
    theirs = write(tmp_path / "theirs.yaml", mine.read_text(encoding="utf-8"))
    write(theirs, theirs.read_text(encoding="utf-8").replace("Checkout", "Their checkout"))
    await push_files(remote(team, "owner"), [theirs], transport=transport)  # now version 2
    stale = mine.read_text(encoding="utf-8").replace("Checkout", "My checkout")
    write(mine, stale)
    with pytest.raises(ConflictError) as raised:
        await push_files(remote(team), [mine], transport=transport)
    message = str(raised.value)
    assert "\n" not in message
    assert "version 2 on the server" in message
    assert "based on version 1" in message
    assert "cxmap pull checkout" in message
    assert raised.value.current_version == 2
    assert server_copy(server, team).title == "Their checkout"
    assert mine.read_text(encoding="utf-8") == stale


async def test_an_invalid_file_is_refused_before_anything_is_sent(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    good = write(tmp_path / "good.yaml", CHECKOUT)
    bad = write(
        tmp_path / "bad.yaml",
        CHECKOUT.replace("id: checkout", "id: other").replace("emotion: -1", "emotion: 9"),
    )
    with pytest.raises(CxmapError) as raised:
        await push_files(remote(team), [good, bad], transport=transport)
    assert f"{bad}:10:" in str(raised.value)
    assert "emotion" in str(raised.value)
    with pytest.raises(AssertionError):
        server_copy(server, team)  # the good file was not sent either


async def test_pull_writes_the_file_then_is_up_to_date(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    source = write(tmp_path / "source.yaml", CHECKOUT)
    await push_files(remote(team), [source], transport=transport)
    target = tmp_path / "pulled" / "checkout.yaml"
    pulled = await pull_journey(remote(team, "viewer"), "checkout", target, transport=transport)
    assert (pulled.outcome, pulled.version) == (PullOutcome.WRITTEN, 1)
    assert load_journey(target) == server_copy(server, team)
    again = await pull_journey(remote(team, "viewer"), "checkout", target, transport=transport)
    assert again.outcome is PullOutcome.UP_TO_DATE


async def test_pull_replaces_an_unchanged_older_copy_but_never_local_edits(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    mine = write(tmp_path / "checkout.yaml", CHECKOUT)
    await push_files(remote(team), [mine], transport=transport)
    theirs = write(tmp_path / "theirs.yaml", mine.read_text(encoding="utf-8"))
    write(theirs, theirs.read_text(encoding="utf-8").replace("Checkout", "Their checkout"))
    await push_files(remote(team, "owner"), [theirs], transport=transport)

    edited = mine.read_text(encoding="utf-8").replace("name: Pays", "name: Pays by card")
    write(mine, edited)
    with pytest.raises(CxmapError, match="has changes not on the server"):
        await pull_journey(remote(team), "checkout", mine, transport=transport)
    assert mine.read_text(encoding="utf-8") == edited

    forced = await pull_journey(remote(team), "checkout", mine, force=True, transport=transport)
    assert forced.version == 2
    assert load_journey(mine).title == "Their checkout"

    # An untouched copy of version 1 is simply brought up to date.
    old = write(tmp_path / "old.yaml", CHECKOUT)
    pulled = await pull_journey(remote(team), "checkout", old, transport=transport)
    assert (pulled.outcome, pulled.version) == (PullOutcome.WRITTEN, 2)
    assert load_journey(old).title == "Their checkout"


async def test_pull_of_an_unknown_journey_or_workspace_is_not_found(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport
) -> None:
    with pytest.raises(NotFoundError, match="no journey 'nope'"):
        await pull_journey(remote(team), "nope", tmp_path / "x.yaml", transport=transport)
    with pytest.raises(NotFoundError, match="no workspace 'other-team'"):
        await pull_journey(
            remote(team, workspace="other-team"), "secret-plans", None, transport=transport
        )
    assert not (tmp_path / "x.yaml").exists()


async def test_a_bad_token_is_refused_with_nothing_changed(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    path = write(tmp_path / "checkout.yaml", CHECKOUT)
    bad = Remote(SERVER, "retail-cx", "cxmap_not-a-real-token")
    with pytest.raises(AuthenticationError, match="refused the API token"):
        await push_files(bad, [path], transport=transport)
    with pytest.raises(AuthenticationError, match="no API token"):
        await push_files(Remote(SERVER, "retail-cx", None), [path], transport=transport)
    with pytest.raises(AssertionError):
        server_copy(server, team)
    assert path.read_text(encoding="utf-8") == CHECKOUT


async def test_a_viewer_cannot_push(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport
) -> None:
    path = write(tmp_path / "checkout.yaml", CHECKOUT)
    with pytest.raises(CxmapError, match="not allowed"):
        await push_files(remote(team, "viewer"), [path], transport=transport)
    assert path.read_text(encoding="utf-8") == CHECKOUT


def test_cli_reports_an_invalid_file_in_one_line_without_a_server(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", CHECKOUT.replace("emotion: -1", "emotion: 9"))
    result = CliRunner().invoke(
        cli_app,
        ["push", str(bad), "--server", "http://127.0.0.1:9", "--workspace", "w", "--token", "t"],
    )
    assert result.exit_code == 1
    assert f"{bad}:10:" in result.output
    assert "Traceback" not in result.output


def test_cli_without_a_token_says_how_to_give_one(tmp_path: Path) -> None:
    path = write(tmp_path / "checkout.yaml", CHECKOUT)
    result = CliRunner(env={"CXMAP_TOKEN": ""}).invoke(
        cli_app, ["pull", "checkout", "--server", "http://127.0.0.1:9", "--workspace", "w"]
    )
    assert result.exit_code == 1
    assert "CXMAP_TOKEN" in result.output
    assert path.read_text(encoding="utf-8") == CHECKOUT


async def test_a_json_file_is_pushed_and_records_its_new_version(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport, server: WorkspaceServer
) -> None:
    yaml_file = write(tmp_path / "checkout.yaml", CHECKOUT)
    json_file = tmp_path / "checkout.json"
    save_journey(load_journey(yaml_file), json_file)
    seen: list[Pushed] = []
    await push_files(remote(team), [json_file], on_pushed=seen.append, transport=transport)
    save_journey(load_journey(json_file).model_copy(update={"title": "JSON pay"}), json_file)
    [pushed] = await push_files(remote(team), [json_file], transport=transport)
    assert [s.outcome for s in seen] == [PushOutcome.CREATED]
    assert (pushed.outcome, pushed.version) == (PushOutcome.UPDATED, 2)
    assert json.loads(json_file.read_text(encoding="utf-8"))["version"] == 2
    assert server_copy(server, team).title == "JSON pay"


async def test_pull_never_replaces_a_file_holding_another_journey(
    tmp_path: Path, team: Team, transport: httpx.ASGITransport
) -> None:
    await push_files(remote(team), [write(tmp_path / "c.yaml", CHECKOUT)], transport=transport)
    other = CHECKOUT.replace("id: checkout", "id: returns")
    target = write(tmp_path / "returns.yaml", other)
    with pytest.raises(CxmapError, match="holds journey 'returns', not 'checkout'"):
        await pull_journey(remote(team), "checkout", target, transport=transport)
    assert target.read_text(encoding="utf-8") == other
