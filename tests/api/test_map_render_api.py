"""Maps of stored journeys from the API: SVG, PNG, PDF, HTML and the layout data, for
members (viewers up), for a past version, and for share links."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from cxmap.model.layout import layout_journey
from cxmap.model.layout_shapes import layout_as_dict
from cxmap.model.validation import parse_journey
from tests.api.conftest import BOTH, Team, create_journey, is_problem

pytestmark = pytest.mark.anyio
TITLE = "Checkout for Sam"
NEW_TITLE = "Checkout, one page"


def map_url(team: Team, journey: dict[str, Any], name: str) -> str:
    return f"/workspaces/{team.ws}/journeys/{journey['id']}/{name}"


async def renamed(client: httpx.AsyncClient, team: Team, journey: dict[str, Any]) -> None:
    """Version 2 of the journey carries NEW_TITLE."""
    patched = await client.patch(
        f"/workspaces/{team.ws}/journeys/{journey['id']}",
        json={"title": NEW_TITLE},
        headers={**team.auth("editor"), "If-Match": '"1"'},
    )
    assert patched.status_code == 200, patched.text


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("backend", BOTH, indirect=True)
async def test_a_viewer_gets_the_map_in_every_format(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team, title=TITLE)
    viewer = team.auth("viewer")

    svg = await client.get(map_url(team, journey, "map.svg"), headers=viewer)
    assert svg.status_code == 200, svg.text
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-disposition"] == 'attachment; filename="checkout.svg"'
    assert svg.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in svg.headers["content-security-policy"]
    assert svg.text.startswith("<svg")
    assert f'<title id="cxmap-title">{TITLE}</title>' in svg.text

    png = await client.get(map_url(team, journey, "map.png"), headers=viewer)
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert png.headers["content-disposition"] == 'attachment; filename="checkout.png"'

    pdf = await client.get(map_url(team, journey, "map.pdf"), headers=viewer)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert TITLE in pdf_text(pdf.content)

    html = await client.get(map_url(team, journey, "map.html"), headers=viewer)
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["content-disposition"] == 'attachment; filename="checkout.html"'
    assert "<script" not in html.text
    assert f"<h1>{TITLE}</h1>" in html.text
    assert "<svg" in html.text


async def test_a_past_version_is_drawn_as_it_was(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team, title=TITLE)
    await renamed(client, team, journey)
    viewer = team.auth("viewer")

    now = await client.get(map_url(team, journey, "map.svg"), headers=viewer)
    assert NEW_TITLE in now.text
    assert TITLE not in now.text
    old = await client.get(map_url(team, journey, "map.svg?version=1"), headers=viewer)
    assert TITLE in old.text
    assert NEW_TITLE not in old.text
    assert old.headers["content-disposition"] == 'attachment; filename="checkout-v1.svg"'
    old_pdf = await client.get(map_url(team, journey, "map.pdf?version=1"), headers=viewer)
    assert TITLE in pdf_text(old_pdf.content)
    assert NEW_TITLE not in pdf_text(old_pdf.content)
    current = await client.get(map_url(team, journey, "map.svg?version=2"), headers=viewer)
    assert current.headers["content-disposition"] == 'attachment; filename="checkout.svg"'

    missing = await client.get(map_url(team, journey, "map.png?version=9"), headers=viewer)
    assert "no version 9" in is_problem(missing, 404)["detail"]
    zero = await client.get(map_url(team, journey, "map.png?version=0"), headers=viewer)
    is_problem(zero, 422)


async def test_the_layout_is_the_data_the_map_is_drawn_from(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team, title=TITLE)
    await renamed(client, team, journey)
    answer = await client.get(map_url(team, journey, "layout"), headers=team.auth("viewer"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["version"], body["actual"]) == (2, None)
    assert body["layout"]["title"].startswith(NEW_TITLE)
    assert body["layout"]["gap"] is None

    viewer = team.auth("viewer")
    old = await client.get(map_url(team, journey, "layout?version=1"), headers=viewer)
    revision = await client.get(map_url(team, journey, "revisions/1"), headers=viewer)
    expected = layout_as_dict(layout_journey(parse_journey(revision.json()["journey"])))
    assert expected["title"].startswith(TITLE)
    assert old.json()["layout"] == json.loads(json.dumps(expected))
    svg = await client.get(map_url(team, journey, "map.svg?version=1"), headers=team.auth("viewer"))
    width, height = expected["width"], expected["height"]
    assert f'viewBox="0 0 {width:g} {height:g}"' in svg.text


async def test_outsiders_and_strangers_get_no_map(client: httpx.AsyncClient, team: Team) -> None:
    journey = await create_journey(client, team, title=TITLE)
    for name in ("map.svg", "map.png", "map.pdf", "map.html", "layout"):
        outsider = await client.get(map_url(team, journey, name), headers=team.auth("outsider"))
        assert "not found" in is_problem(outsider, 404)["detail"]
        is_problem(await client.get(map_url(team, journey, name)), 401)
    theirs = f"/workspaces/{team.other}/journeys/{team.other_journey}/map.svg"
    is_problem(await client.get(theirs, headers=team.auth("owner")), 404)


async def test_the_actual_overlay_needs_a_stored_analysis(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team, title=TITLE)
    for name in ("map.svg?overlay=actual", "layout?overlay=actual"):
        answer = await client.get(map_url(team, journey, name), headers=team.auth("viewer"))
        assert "no actual journey yet" in is_problem(answer, 404)["detail"]
    unknown = await client.get(
        map_url(team, journey, "map.svg?overlay=dreams"), headers=team.auth("viewer")
    )
    is_problem(unknown, 422)


async def test_a_share_link_shows_the_map_without_login(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team, title=TITLE)
    made = await client.post(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/share-links",
        json={"label": "Workshop"},
        headers=team.auth("editor"),
    )
    secret = made.json()["secret"]
    svg = await client.get(f"/shared/{secret}/map.svg")
    assert svg.status_code == 200, svg.text
    assert TITLE in svg.text
    assert svg.headers["content-disposition"] == 'attachment; filename="checkout.svg"'
    pdf = await client.get(f"/shared/{secret}/map.pdf")
    assert TITLE in pdf_text(pdf.content)
    layout = await client.get(f"/shared/{secret}/layout")
    assert layout.json()["layout"]["title"].startswith(TITLE)
    assert layout.json()["actual"] is None

    await client.delete(
        f"/workspaces/{team.ws}/share-links/{made.json()['link']['id']}",
        headers=team.auth("editor"),
    )
    for name in ("map.svg", "map.png", "layout"):
        is_problem(await client.get(f"/shared/{secret}/{name}"), 404)
