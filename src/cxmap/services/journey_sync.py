"""`cxmap push` and `cxmap pull`: journey files in a folder (a git repository, say) kept in
step with a workspace server, over its REST API with an API token.

The conflict rules are the server's: a file's `version` is the version it was based on
and goes out as `If-Match`, so a push made on a stale copy is refused (412) and never
overwrites someone else's change. A pull never clobbers local edits: a file is replaced
only when its content is exactly what the server held at the file's version.

Everything here is async over one `httpx.AsyncClient`; `transport` lets tests run it
against the app in-process (`httpx.ASGITransport`) exactly as httpx itself is designed.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

from cxmap.model.errors import (
    AuthenticationError,
    ConflictError,
    CxmapError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from cxmap.model.journey import Journey
from cxmap.services.journey_files import (
    format_for,
    load_journey,
    read_bytes,
    save_journey,
    write_atomically,
)

TIMEOUT_S = 30.0
PAGE = 500
#: What tells two copies of a journey apart; the version and time are the store's own.
_BOOKKEEPING = {"version", "updated_at"}
_VERSION_LINE = re.compile(r"^version:[ \t]*\d+[ \t]*(#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Remote:
    """Where to sync: a server's base URL, a workspace (id or slug) and an API token."""

    server: str
    workspace: str
    token: str | None


class PushOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Pushed:
    path: Path
    slug: str
    outcome: PushOutcome
    version: int


class PullOutcome(StrEnum):
    WRITTEN = "written"
    UP_TO_DATE = "up to date"


@dataclass(frozen=True)
class Pulled:
    path: Path
    slug: str
    outcome: PullOutcome
    version: int


def same_content(one: Journey, other: Journey) -> bool:
    """Whether two copies say the same thing, whatever version number each carries."""
    return one.model_dump(mode="json", exclude=_BOOKKEEPING) == other.model_dump(
        mode="json", exclude=_BOOKKEEPING
    )


async def push_files(
    remote: Remote,
    paths: Sequence[Path],
    *,
    on_pushed: Callable[[Pushed], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Pushed]:
    """Create or update one journey per file; every file is validated before anything is sent.

    `on_pushed` hears of each file as it lands, so when a later one is refused the caller
    can still say which went through.
    """
    journeys = [(path, load_journey(path)) for path in paths]
    results = []
    async with _connected(remote, transport) as api:
        workspace = await api.workspace_id()
        for path, journey in journeys:
            results.append(await api.push(workspace, path, journey))
            if on_pushed is not None:
                on_pushed(results[-1])
    return results


async def pull_journey(
    remote: Remote,
    journey: str,
    target: Path | None = None,
    *,
    force: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Pulled:
    """Write the server's copy of a journey (slug or id) to `target` (default `<slug>.yaml`)."""
    async with _connected(remote, transport) as api:
        workspace = await api.workspace_id()
        summary = await api.find(workspace, journey)
        if summary is None:
            raise NotFoundError(
                f"{remote.server}: no journey '{journey}' in workspace '{remote.workspace}'"
            )
        stored = await api.journey(workspace, summary["id"])
        path = target or Path(f"{summary['slug']}.yaml")
        if path.exists() and not force:
            local = _local_copy(path, summary["slug"])
            if same_content(local, stored):
                if local.version == stored.version:
                    return Pulled(path, summary["slug"], PullOutcome.UP_TO_DATE, stored.version)
            else:
                await api.refuse_clobber(workspace, summary["id"], path, local)
        save_journey(stored, path)
        return Pulled(path, summary["slug"], PullOutcome.WRITTEN, stored.version)


def _local_copy(path: Path, slug: str) -> Journey:
    """The journey already in `path`, which must be a valid copy of the same journey."""
    try:
        local = load_journey(path)
    except InvalidInputError:
        raise CxmapError(
            f"{path}: exists and is not a valid journey; not replaced (use --force to replace it)"
        ) from None
    if local.id != slug:
        raise CxmapError(
            f"{path}: holds journey '{local.id}', not '{slug}'; not replaced "
            "(choose another file with -o, or use --force)"
        )
    return local


@asynccontextmanager
async def _connected(
    remote: Remote, transport: httpx.AsyncBaseTransport | None
) -> AsyncIterator[_Api]:
    if not remote.token:
        raise AuthenticationError(
            "no API token: pass --token or set CXMAP_TOKEN (create one with POST /auth/tokens)"
        )
    headers = {"Authorization": f"Bearer {remote.token}", "Accept": "application/json"}
    async with httpx.AsyncClient(
        base_url=remote.server.rstrip("/"),
        headers=headers,
        transport=transport,
        timeout=TIMEOUT_S,
    ) as client:
        yield _Api(client, remote)


class _Api:
    """The few API calls push and pull make, each answer turned into a cxmap error."""

    def __init__(self, client: httpx.AsyncClient, remote: Remote) -> None:
        self.client = client
        self.remote = remote

    async def call(
        self, method: str, url: str, *, expect: int = 200, **options: Any
    ) -> httpx.Response:
        try:
            response = await self.client.request(method, url, **options)
        except httpx.HTTPError as error:
            raise CxmapError(f"{self.remote.server}: cannot reach the server ({error})") from None
        if response.status_code != expect:
            raise self.failure(response)
        return response

    def failure(self, response: httpx.Response) -> CxmapError:
        detail = _detail(response)
        where = f"{self.remote.server}{response.request.url.path}"
        status = response.status_code
        if status == 401:
            return AuthenticationError(f"{where}: the server refused the API token ({detail})")
        if status == 403:
            return PermissionDeniedError(f"{where}: not allowed ({detail})")
        if status == 404:
            return NotFoundError(f"{where}: not found ({detail})")
        if status in (409, 412):
            current = _problem(response).get("current_version")
            if isinstance(current, int):
                return ConflictError(f"{where}: {detail}", current_version=current)
        return CxmapError(f"{where}: the server answered {status} ({detail})")

    async def workspace_id(self) -> str:
        """The workspace's id, looked up among the caller's workspaces when given by slug."""
        try:
            return str(UUID(self.remote.workspace))
        except ValueError:
            pass
        mine = (await self.call("GET", "/workspaces")).json()
        for workspace in mine:
            if workspace["slug"] == self.remote.workspace:
                return str(workspace["id"])
        raise NotFoundError(
            f"{self.remote.server}: no workspace '{self.remote.workspace}' of yours"
        )

    async def find(self, workspace: str, journey: str) -> dict[str, Any] | None:
        """The summary of the journey whose slug (or id) is `journey`, if it is there."""
        offset = 0
        while True:
            params = {"sort": "slug", "limit": PAGE, "offset": offset}
            url = f"/workspaces/{workspace}/journeys"
            page = (await self.call("GET", url, params=params)).json()
            for item in page["items"]:
                if journey in (item["slug"], item["id"]):
                    found: dict[str, Any] = item
                    return found
            offset += PAGE
            if offset >= page["total"]:
                return None

    async def journey(self, workspace: str, journey_id: str) -> Journey:
        response = await self.call("GET", f"/workspaces/{workspace}/journeys/{journey_id}")
        return Journey.model_validate(response.json()["journey"])

    async def push(self, workspace: str, path: Path, journey: Journey) -> Pushed:
        body = journey.model_dump(mode="json", exclude=_BOOKKEEPING)
        summary = await self.find(workspace, journey.id)
        url = f"/workspaces/{workspace}/journeys"
        if summary is None:
            created = await self.call("POST", url, json=body, expect=201)
            version = int(created.json()["version"])
            _record_version(path, version)
            return Pushed(path, journey.id, PushOutcome.CREATED, version)
        current = int(summary["version"])
        if journey.version != current:
            raise _stale(path, journey, current, self.remote)
        if same_content(journey, await self.journey(workspace, summary["id"])):
            return Pushed(path, journey.id, PushOutcome.UNCHANGED, current)
        headers = {"If-Match": f'"{journey.version}"'}
        url = f"{url}/{summary['id']}"
        try:
            updated = await self.call("PUT", url, json=body, headers=headers)
        except ConflictError as error:  # someone pushed in between
            raise _stale(path, journey, error.current_version, self.remote) from None
        version = int(updated.json()["version"])
        _record_version(path, version)
        return Pushed(path, journey.id, PushOutcome.UPDATED, version)

    async def refuse_clobber(
        self, workspace: str, journey_id: str, path: Path, local: Journey
    ) -> None:
        """Return quietly only if `local` is exactly the server's copy at its version."""
        url = f"/workspaces/{workspace}/journeys/{journey_id}/revisions/{local.version}"
        response = await self.client.get(url)
        if response.status_code == 200:
            then = Journey.model_validate(response.json()["journey"])
            if same_content(local, then):
                return
        raise CxmapError(
            f"{path}: has changes not on the server (based on version {local.version}); "
            "not replaced: push them first, pull to another file with -o, or use --force"
        )


def _stale(path: Path, journey: Journey, current: int, remote: Remote) -> ConflictError:
    return ConflictError(
        f"{path}: journey '{journey.id}' is at version {current} on the server but this file "
        f"is based on version {journey.version}; nothing was pushed: pull it to another file "
        f"(cxmap pull {journey.id} --server {remote.server} --workspace {remote.workspace} "
        f"-o OTHER.yaml), merge your changes into that file, then push it",
        current_version=current,
    )


def _record_version(path: Path, version: int) -> None:
    """Make the file say which server version it now is, so the next push is not stale.

    YAML keeps its comments and layout: only the top-level `version:` line changes (or is
    added). JSON has no comments and is simply written again.
    """
    text = read_bytes(path).decode("utf-8")
    if format_for(path) == "json":
        data = json.loads(text)
        data["version"] = version
        content = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif _VERSION_LINE.search(text):
        content = _VERSION_LINE.sub(f"version: {version}", text, count=1)
    else:
        content = f"{text.rstrip(chr(10))}\nversion: {version}\n"
    write_atomically(path, content.encode("utf-8"))


def _problem(response: httpx.Response) -> dict[str, Any]:
    """The problem+json body of an error answer (empty when it is something else)."""
    try:
        problem = response.json()
    except ValueError:
        return {}
    return problem if isinstance(problem, dict) else {}


def _detail(response: httpx.Response) -> str:
    problem = _problem(response)
    text = problem.get("detail") or problem.get("title") or response.text.strip()[:200]
    return str(text or response.reason_phrase)
