"""Attachments over HTTP: upload as a raw body, list, metadata, streamed download,
thumbnail, delete; the size limit (413), content checks, file names and other workspaces."""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image

from cxmap.api import create_app
from cxmap.api.attachment_routes import content_disposition
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings
from tests.api.conftest import BASE_URL, Team, create_journey, is_problem
from tests.store.sample_files import png, wav

pytestmark = pytest.mark.anyio


async def upload(
    client: httpx.AsyncClient,
    team: Team,
    journey: dict[str, Any],
    content: bytes,
    name: str,
    content_type: str,
    who: str = "editor",
    **params: str,
) -> httpx.Response:
    return await client.post(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/attachments",
        params={"file_name": name, **params},
        content=content,
        headers={**team.auth(who), "Content-Type": content_type},
    )


async def test_a_picture_on_a_step_round_trips_with_its_thumbnail(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    picture = png((640, 480))
    made = await upload(client, team, journey, picture, "shelf.png", "image/png", step_id="pay")
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["step_id"] == "pay"
    assert body["size"] == len(picture)
    assert body["sha256"] == hashlib.sha256(picture).hexdigest()
    assert made.headers["location"] == f"/workspaces/{team.ws}/attachments/{body['id']}"

    base = f"/workspaces/{team.ws}/attachments/{body['id']}"
    meta = await client.get(base, headers=team.auth("viewer"))
    assert meta.json()["file_name"] == "shelf.png"
    content = await client.get(base + "/content", headers=team.auth("viewer"))
    assert content.status_code == 200
    assert content.content == picture
    assert content.headers["content-type"] == "image/png"
    assert content.headers["etag"] == f'"{hashlib.sha256(picture).hexdigest()}"'
    assert content.headers["content-disposition"].startswith('attachment; filename="shelf.png"')
    thumb = await client.get(base + "/thumbnail", headers=team.auth("viewer"))
    assert thumb.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert image.size == (320, 240)


async def test_listing_narrows_to_a_step(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    await upload(client, team, journey, b"notes\n", "notes.txt", "text/plain")
    await upload(client, team, journey, wav(), "call.wav", "audio/wav", step_id="pay")
    url = f"/workspaces/{team.ws}/journeys/{journey['id']}/attachments"
    every = await client.get(url, headers=team.auth("viewer"))
    assert [a["file_name"] for a in every.json()] == ["notes.txt", "call.wav"]
    on_pay = await client.get(url, params={"step_id": "pay"}, headers=team.auth("viewer"))
    assert [a["file_name"] for a in on_pay.json()] == ["call.wav"]


async def test_a_file_over_the_limit_is_413_and_leaves_nothing(
    server: WorkspaceServer, team: Team, tmp_path: Path
) -> None:
    url = server.database.engine.url.render_as_string(hide_password=False)
    settings = Settings(data_dir=tmp_path / "small", database_url=url, attachment_max_bytes=1000)
    app = create_app(settings, server=server)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        journey = await create_journey(c, team)
        big = await upload(c, team, journey, b"x" * 5000, "big.txt", "text/plain")
        assert "limit of 1000 bytes" in is_problem(big, 413)["detail"]

        async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: caught on the way
            for _ in range(10):
                yield b"x" * 400

        streamed = await c.post(
            f"/workspaces/{team.ws}/journeys/{journey['id']}/attachments",
            params={"file_name": "big.txt"},
            content=chunked(),
            headers={**team.auth("editor"), "Content-Type": "text/plain"},
        )
        assert "content-length" not in streamed.request.headers
        assert "limit of 1000 bytes" in is_problem(streamed, 413)["detail"]
        listed = await c.get(
            f"/workspaces/{team.ws}/journeys/{journey['id']}/attachments",
            headers=team.auth("viewer"),
        )
        assert listed.json() == []
    stored = [p for p in settings.attachments_dir.rglob("*") if p.is_file()]
    assert stored == []


async def test_uploads_larger_than_the_json_body_limit_are_accepted(
    app: FastAPI, client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    text = b"a line of interview notes\n" * 250_000  # 6.5 MB, over the 5 MiB JSON limit
    made = await upload(client, team, journey, text, "long.txt", "text/plain")
    assert made.status_code == 201, made.text[:300]
    assert made.json()["size"] == len(text)


async def test_content_must_match_name_and_type(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    fake = await upload(client, team, journey, b"not a picture", "cat.png", "image/png")
    assert is_problem(fake, 422)["errors"]
    unknown_step = await upload(client, team, journey, b"hi", "a.txt", "text/plain", step_id="x")
    assert "unknown step 'x'" in is_problem(unknown_step, 422)["detail"]


async def test_path_traversal_in_the_name_is_cleaned(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team)
    made = await upload(client, team, journey, b"hi\n", "../../etc/passwd.txt", "text/plain")
    assert made.status_code == 201, made.text
    assert "/" not in made.json()["file_name"]
    assert ".." not in made.json()["file_name"]


def test_content_disposition_cannot_be_broken_out_of() -> None:
    header = content_disposition('a"b\\c;d é.txt')
    assert header == (
        "attachment; filename=\"a_b_c_d _.txt\"; filename*=UTF-8''a%22b%5Cc%3Bd%20%C3%A9.txt"
    )
    assert content_disposition("shelf.png", "-thumbnail").startswith(
        'attachment; filename="shelf-thumbnail.png"'
    )


async def test_delete_removes_it_and_other_workspaces_see_nothing(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    made = (await upload(client, team, journey, b"hi\n", "a.txt", "text/plain")).json()
    url = f"/workspaces/{team.ws}/attachments/{made['id']}"
    is_problem(await client.get(url, headers=team.auth("outsider")), 404)
    sideways = f"/workspaces/{team.other}/attachments/{made['id']}"
    is_problem(await client.get(sideways, headers=team.auth("outsider")), 404)
    is_problem(await client.delete(url, headers=team.auth("commenter")), 403)
    assert (await client.delete(url, headers=team.auth("editor"))).status_code == 204
    is_problem(await client.get(url + "/content", headers=team.auth("viewer")), 404)
    no_thumb = (await upload(client, team, journey, b"hi\n", "b.txt", "text/plain")).json()
    thumb_url = f"/workspaces/{team.ws}/attachments/{no_thumb['id']}/thumbnail"
    is_problem(await client.get(thumb_url, headers=team.auth("viewer")), 404)


async def test_a_step_and_an_evidence_item_at_once_is_refused(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    both = await upload(
        client, team, journey, b"hi\n", "a.txt", "text/plain", step_id="pay", evidence_id="e1"
    )
    assert "not both" in is_problem(both, 422)["detail"]
