"""A bounded loopback load on the workspace API, on SQLite and on PostgreSQL.

Run with `uv run python benchmarks/api_load.py [--clients 50 --duration 20 --max-requests
50000 --backends sqlite,postgresql]`. For each backend it starts `cxmap serve --demo` (a
uvicorn subprocess on a free loopback port, data in a temporary folder; for PostgreSQL a
fresh database it creates and drops), logs in as the demo user, makes an API token and
then, one operation at a time, lets `--clients` concurrent clients send requests until
`--duration` seconds pass or `--max-requests` are sent, whichever comes first:

- `read journey`: GET a journey with its content (the first demo journey listed);
- `list journeys`: GET the workspace's journey list;
- `update step`: PUT a step with If-Match; a 412 (someone else moved the journey on) is
  counted, and that client retries on the version the answer names;
- `peer: GET /docs`: a small static page of the same server, with no database and no
  authentication, so the ratio shows what the journey operations add to the HTTP stack.

It prints requests/s and p50/p95/p99 latency per operation and backend. Client and server
share the machine, so the figures are for comparing, not promises.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

REPO = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DEMO_EMAIL = "demo@cxmap.example"
DEMO_PASSWORD = "cxmap-demo-password"
START_TIMEOUT_S = 60.0
#: The "status" of a request whose connection failed (reset, timed out).
TRANSPORT_ERROR = 0


@dataclass
class Tally:
    """What one operation's run measured."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


@dataclass
class Target:
    """The seeded server: its client, workspace, a journey and a step of it."""

    client: httpx.AsyncClient
    workspace: str
    journey: str
    step: dict[str, Any]
    version: int


Operation = Callable[[Target, dict[str, Any]], Awaitable[httpx.Response]]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards."""
    name = f"cxmap_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def served(database_url: str | None) -> Iterator[str]:
    """`cxmap serve --demo` on a free loopback port with its own data folder; its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="cxmap-bench-") as data_dir:
        env = {**os.environ, "CXMAP_DATA_DIR": data_dir}
        env.pop("CXMAP_DATABASE_URL", None)
        if database_url is not None:
            env["CXMAP_DATABASE_URL"] = database_url
        command = [sys.executable, "-c", "from cxmap.cli.main import app; app()", "serve"]
        command += ["--demo", "--port", str(port), "--examples", str(REPO / "examples")]
        log = Path(data_dir) / "server.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_until_up(url, process, log)
                yield url
            finally:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{url}/docs", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


async def api_token(client: httpx.AsyncClient) -> str:
    """Log in as the demo user and make a token (the session cookie is Secure, so it is
    sent by hand over this plain-HTTP loopback)."""
    login = await client.post("/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    login.raise_for_status()
    headers = {
        "Cookie": f"cxmap_session={login.cookies['cxmap_session']}",
        "X-CSRF-Token": login.json()["csrf_token"],
    }
    made = await client.post("/auth/tokens", json={"name": "benchmark"}, headers=headers)
    made.raise_for_status()
    secret: str = made.json()["secret"]
    return secret


async def seeded_target(client: httpx.AsyncClient) -> Target:
    client.headers["Authorization"] = f"Bearer {await api_token(client)}"
    workspaces = (await client.get("/workspaces")).raise_for_status().json()
    workspace = workspaces[0]["id"]
    page = (await client.get(f"/workspaces/{workspace}/journeys")).raise_for_status().json()
    journey = page["items"][0]["id"]
    url = f"/workspaces/{workspace}/journeys/{journey}"
    stored = (await client.get(url)).raise_for_status().json()
    step = stored["journey"]["stages"][0]["steps"][0]
    return Target(client, workspace, journey, step, int(stored["version"]))


async def read_journey(target: Target, _state: dict[str, Any]) -> httpx.Response:
    return await target.client.get(f"/workspaces/{target.workspace}/journeys/{target.journey}")


async def list_journeys(target: Target, _state: dict[str, Any]) -> httpx.Response:
    return await target.client.get(f"/workspaces/{target.workspace}/journeys")


async def update_step(target: Target, state: dict[str, Any]) -> httpx.Response:
    """PUT the step renamed; a 412 names the current version, which the next try uses."""
    state["n"] = state.get("n", 0) + 1
    version = state.setdefault("version", target.version)
    body = {**target.step, "description": f"benchmark edit {state['n']}"}
    url = f"/workspaces/{target.workspace}/journeys/{target.journey}/steps/{body['id']}"
    response = await target.client.put(url, json=body, headers={"If-Match": f'"{version}"'})
    if response.status_code == 200:
        state["version"] = int(response.headers["etag"].strip('"'))
    elif response.status_code == 412:
        state["version"] = int(response.json()["current_version"])
    return response


async def peer(target: Target, _state: dict[str, Any]) -> httpx.Response:
    return await target.client.get("/docs")


OPERATIONS: dict[str, Operation] = {
    "read journey": read_journey,
    "list journeys": list_journeys,
    "update step": update_step,
    "peer: GET /docs": peer,
}


async def run_load(
    target: Target, operation: Operation, clients: int, duration: float, max_requests: int
) -> Tally:
    """`clients` workers sending `operation` until the time or the request budget runs out."""
    tally = Tally()
    budget = [max_requests]
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        state: dict[str, Any] = {}
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            began = time.perf_counter()
            try:
                code = (await operation(target, state)).status_code
            except httpx.TransportError:  # a dropped connection is counted, not fatal
                code = TRANSPORT_ERROR
            tally.latencies.append(time.perf_counter() - began)
            tally.statuses[code] = tally.statuses.get(code, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    tally.elapsed = time.perf_counter() - began
    return tally


async def measure(url: str, clients: int, duration: float, max_requests: int) -> dict[str, Tally]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        target = await seeded_target(client)
        results = {}
        for name, operation in OPERATIONS.items():
            await run_load(target, operation, min(clients, 4), 1.0, 200)  # warm up
            results[name] = await run_load(target, operation, clients, duration, max_requests)
        return results


def report(backend: str, results: dict[str, Tally]) -> None:
    peer_rate = _rate(results["peer: GET /docs"])
    print(f"\n{backend}")
    print(f"  {'operation':<16} {'requests':>8} {'req/s':>8} {'vs peer':>8} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")  # fmt: skip
    for name, tally in results.items():
        rate = _rate(tally)
        statuses = ", ".join(
            f"{code or 'connection errors'}: {count}"
            for code, count in sorted(tally.statuses.items())
        )
        print(
            f"  {name:<16} {len(tally.latencies):>8} {rate:>8.0f} {rate / peer_rate:>8.2f} "
            f"{tally.percentile(0.50):>8.1f} {tally.percentile(0.95):>8.1f} "
            f"{tally.percentile(0.99):>8.1f}  {statuses}"
        )


def _rate(tally: Tally) -> float:
    return len(tally.latencies) / tally.elapsed if tally.elapsed else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="Seconds per operation.")
    parser.add_argument("--max-requests", type=int, default=50_000, help="Per operation.")
    parser.add_argument("--backends", default="sqlite,postgresql")
    options = parser.parse_args()
    print(
        f"{options.clients} clients, at most {options.duration:.0f} s or "
        f"{options.max_requests} requests per operation, loopback, one uvicorn worker"
    )
    for backend in options.backends.split(","):
        if backend == "sqlite":
            with served(None) as url:
                results = asyncio.run(
                    measure(url, options.clients, options.duration, options.max_requests)
                )
        elif backend == "postgresql":
            with postgres_database() as database_url, served(database_url) as url:
                results = asyncio.run(
                    measure(url, options.clients, options.duration, options.max_requests)
                )
        else:
            raise SystemExit(f"unknown backend '{backend}'; use sqlite and/or postgresql")
        report(backend, results)


if __name__ == "__main__":
    main()
