"""Evidence over HTTP: a multipart import with its report, listing with filters and pages,
the summary, the unmapped queue, placing an item, deleting an import; options as fields or
JSON; media kept as attachments; the size limit (413); malformed forms (422, 415)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cxmap.api import create_app
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.settings import Settings
from tests.api.conftest import BASE_URL, Team, create_journey, is_problem
from tests.store.sample_files import png, wav

pytestmark = pytest.mark.anyio

SURVEY = (
    b"respondent_id,submitted_at,touchpoint,nps,csat,ces,comment\n"
    b"R1,2024-01-01T10:00:00Z,search,10,5,7,Found it at once\n"
    b"R2,2024-01-01T11:00:00Z,pay,2,1,1,Payment failed twice\n"
    b"R3,2024-01-02T10:00:00Z,pay,12,4,5,Out of range\n"
    b"R4,2024-01-02T11:00:00Z,returns,8,4,6,Label was in the box\n"
    b"R5,2024-01-03T10:00:00Z,pay,9,5,7,Apple Pay worked first time\n"
)
COMPLAINTS = (
    b"complaint_id,issue,narrative,team\n"
    b"C1,Pays,I was charged twice for one order,billing\n"
    b"C2,Searches the shop,Search shows nothing relevant,web\n"
)


def multipart(
    fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body written by hand (for raw requests and odd cases)."""
    boundary = f"cxmap-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        for each in [value] if isinstance(value, str) else value:
            head = f'Content-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(f"--{boundary}\r\n{head}".encode() + each.encode() + b"\r\n")
    for name, (file_name, data, content_type) in files.items():
        head = (
            f'Content-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(f"--{boundary}\r\n{head}".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def evidence_url(team: Team, journey: dict[str, Any], rest: str = "") -> str:
    return f"/workspaces/{team.ws}/journeys/{journey['id']}/evidence{rest}"


async def import_survey(
    client: httpx.AsyncClient, team: Team, journey: dict[str, Any], **fields: Any
) -> httpx.Response:
    return await client.post(
        evidence_url(team, journey, "/imports"),
        data={"kind": "survey", "department": "support", **fields},
        files={"file": ("survey.csv", SURVEY, "text/csv")},
        headers=team.auth("editor"),
    )


async def test_an_import_reports_its_rows_and_its_items_can_be_read_and_placed(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    made = await import_survey(client, team, journey)
    assert made.status_code == 201, made.text
    report = made.json()
    batch = report["batch"]
    assert (batch["imported"], batch["rejected"], batch["unmapped"]) == (4, 1, 1)
    assert (batch["file_name"], batch["source"], batch["imported_via"]) == (
        "survey.csv",
        "survey",
        "api",
    )
    assert batch["imported_by"] == str(team.users["editor"])
    assert batch["options"]["department"] == "support"
    assert [(row["row"], row["column"]) for row in report["rejected_rows"]] == [(3, "nps")]
    assert report["rejected_rows"][0]["raw"].startswith("R3,")
    assert report["by_step"] == {"search": 1, "pay": 2}
    assert made.headers["location"] == evidence_url(team, journey, f"?batch_id={batch['id']}")

    viewer = team.auth("viewer")
    on_pay = await client.get(evidence_url(team, journey), params={"step": "pay"}, headers=viewer)
    assert on_pay.status_code == 200
    assert [item["draft"]["external_id"] for item in on_pay.json()["items"]] == ["R2", "R5"]
    page = await client.get(
        evidence_url(team, journey), params={"limit": 2, "offset": 2}, headers=viewer
    )
    assert page.json()["total"] == 4
    assert [item["draft"]["row"] for item in page.json()["items"]] == [4, 5]

    summary = (await client.get(evidence_url(team, journey, "/summary"), headers=viewer)).json()
    assert (summary["items"], summary["unmapped"]) == (4, 1)
    assert summary["steps"]["pay"]["items"] == 2
    assert summary["steps"]["pay"]["nps"]["mean"] == 0.0  # one promoter, one detractor
    assert summary["steps"]["pay"]["departments"][0]["department"] == "support"
    assert summary["departments"][0]["steps"] == {"pay": 2, "search": 1}

    queue = (await client.get(evidence_url(team, journey, "/unmapped"), headers=viewer)).json()
    assert [item["draft"]["touchpoint"] for item in queue["items"]] == ["returns"]
    item = queue["items"][0]["id"]
    placed = await client.put(
        evidence_url(team, journey, f"/{item}/step"),
        json={"step": "view"},
        headers=team.auth("editor"),
    )
    assert placed.status_code == 200, placed.text
    assert placed.json()["mapping"]["method"] == "manual"
    wrong = await client.put(
        evidence_url(team, journey, f"/{item}/step"),
        json={"step": "nowhere"},
        headers=team.auth("editor"),
    )
    assert "unknown step 'nowhere'" in is_problem(wrong, 422)["detail"]

    gone = await client.delete(
        evidence_url(team, journey, f"/imports/{batch['id']}"), headers=team.auth("editor")
    )
    assert gone.status_code == 204
    after = await client.get(evidence_url(team, journey), headers=viewer)
    assert after.json() == {"items": [], "total": 0}
    imports = await client.get(evidence_url(team, journey, "/imports"), headers=viewer)
    assert imports.json() == []


async def test_options_come_as_json_or_fields_and_fields_win(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    options = {
        "columns": {"text": "narrative", "touchpoint": "issue", "external_id": "complaint_id"},
        "department": "ignored",
        "threshold": 0.9,
    }
    made = await client.post(
        evidence_url(team, journey, "/imports"),
        data={"kind": "social", "options": json.dumps(options), "department": "cx"},
        files={"file": ("complaints.csv", COMPLAINTS, "text/csv")},
        headers=team.auth("editor"),
    )
    assert made.status_code == 201, made.text
    batch = made.json()["batch"]
    assert batch["options"]["department"] == "cx"
    assert batch["options"]["threshold"] == 0.9
    assert made.json()["by_step"] == {"pay": 1, "search": 1}  # named by the issue column

    by_field = await client.post(
        evidence_url(team, journey, "/imports"),
        data={"kind": "social", "mapping": "text: narrative\nauthor: team\n"},
        files={"file": ("complaints.csv", COMPLAINTS, "text/csv")},
        headers=team.auth("editor"),
    )
    assert by_field.status_code == 201, by_field.text
    listed = await client.get(
        evidence_url(team, journey),
        params={"batch_id": by_field.json()["batch"]["id"]},
        headers=team.auth("viewer"),
    )
    assert [item["draft"]["author"] for item in listed.json()["items"]] == ["billing", "web"]


async def test_a_picture_is_kept_as_an_attachment_of_its_item(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    made = await client.post(
        evidence_url(team, journey, "/imports"),
        data={"kind": "media"},
        files={"file": ("shelf.png", png(), "image/png")},
        headers=team.auth("editor"),
    )
    assert made.status_code == 201, made.text
    assert made.json()["attachments"] == 1
    items = (await client.get(evidence_url(team, journey), headers=team.auth("viewer"))).json()
    item = items["items"][0]
    assert item["draft"]["kind"] == "image"
    attached = await client.get(
        f"/workspaces/{team.ws}/journeys/{journey['id']}/attachments",
        params={"evidence_id": item["id"]},
        headers=team.auth("viewer"),
    )
    assert [each["file_name"] for each in attached.json()] == ["shelf.png"]
    assert item["draft"]["files"][0]["attachment_id"] == attached.json()[0]["id"]
    assert item["draft"]["files"][0]["path"] is None


@pytest.mark.parametrize(
    ("fields", "files", "where", "says"),
    [
        ({}, {"file": ("s.csv", SURVEY, "text/csv")}, "kind", "is required"),
        ({"kind": "poll"}, {"file": ("s.csv", SURVEY, "text/csv")}, "kind", "not one of"),
        ({"kind": "survey"}, {}, "file", "is required"),
        ({"kind": "survey", "options": "{"}, {"file": ("s.csv", SURVEY, "t/c")}, "options", "JSON"),
        ({"kind": "survey", "threshold": "2"}, {"file": ("s.csv", SURVEY, "t/c")}, "threshold", ""),
        ({"kind": "survey", "colour": "red"}, {"file": ("s.csv", SURVEY, "t/c")}, "colour", ""),
        ({"kind": "survey", "file": "s.csv"}, {}, "file", "must be a file"),
        ({"kind": "survey", "columns": "text"}, {"file": ("s.csv", SURVEY, "t/c")}, "columns", ""),
    ],
)
async def test_a_bad_form_is_422_naming_the_field(
    client: httpx.AsyncClient,
    team: Team,
    fields: dict[str, str],
    files: dict[str, tuple[str, bytes, str]],
    where: str,
    says: str,
) -> None:
    journey = await create_journey(client, team)
    body, headers = multipart(fields, files)
    response = await client.post(
        evidence_url(team, journey, "/imports"),
        content=body,
        headers={**team.auth("editor"), **headers},
    )
    problem = is_problem(response, 422)
    assert problem["errors"][0]["path"].startswith(where)
    assert says in problem["detail"]


async def test_what_is_not_a_multipart_form_is_refused(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    url = evidence_url(team, journey, "/imports")
    as_json = await client.post(url, json={"kind": "survey"}, headers=team.auth("editor"))
    assert "multipart/form-data" in is_problem(as_json, 415)["detail"]
    headers = {**team.auth("editor"), "Content-Type": "multipart/form-data; boundary=xyz"}
    for broken in [
        b"",
        b"--xyz\r\nno blank line",
        b"--abc--\r\n",
        b"--xyz\r\n\r\nvalue\r\n--xyz--",
    ]:
        response = await client.post(url, content=broken, headers=headers)
        assert "multipart form" in is_problem(response, 422)["detail"]


async def test_an_upload_over_the_limit_is_413_and_leaves_nothing(
    server: WorkspaceServer, team: Team, tmp_path: Path
) -> None:
    url = server.database.engine.url.render_as_string(hide_password=False)
    settings = Settings(data_dir=tmp_path / "small", database_url=url, attachment_max_bytes=2000)
    app = create_app(settings, server=server)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        journey = await create_journey(c, team)
        big = SURVEY + b"R9,2024-01-04T10:00:00Z,pay,5,3,4," + b"x" * 3000 + b"\n"
        body, headers = multipart({"kind": "survey"}, {"file": ("big.csv", big, "text/csv")})
        known = await c.post(
            evidence_url(team, journey, "/imports"),
            content=body,
            headers={**team.auth("editor"), **headers},
        )
        assert "limit of 2000 bytes" in is_problem(known, 413)["detail"]

        async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: caught on the way
            yield body[:100]
            yield b"x" * 400_000

        streamed = await c.post(
            evidence_url(team, journey, "/imports"),
            content=chunked(),
            headers={**team.auth("editor"), **headers},
        )
        assert "content-length" not in streamed.request.headers
        assert "limit of 2000 bytes" in is_problem(streamed, 413)["detail"]
        listed = await c.get(evidence_url(team, journey), headers=team.auth("viewer"))
        assert listed.json()["total"] == 0


async def test_a_recording_comes_with_its_transcript_words(
    client: httpx.AsyncClient, team: Team
) -> None:
    journey = await create_journey(client, team)
    vtt = b"WEBVTT\n\n00:00.000 --> 00:02.000\nThe payment page froze twice.\n"
    made = await client.post(
        evidence_url(team, journey, "/imports"),
        data={"kind": "media", "department": "support"},
        files={"file": ("call.wav", wav(), "audio/wav"), "transcript": ("call.vtt", vtt, "")},
        headers=team.auth("editor"),
    )
    assert made.status_code == 201, made.text
    assert made.json()["batch"]["options"]["transcript"] == "call.vtt"
    item = (await client.get(evidence_url(team, journey), headers=team.auth("viewer"))).json()
    draft = item["items"][0]["draft"]
    assert draft["kind"] == "audio"
    assert "The payment page froze twice." in draft["text"]
    assert [each["file_name"] for each in draft["files"]] == ["call.wav"]
