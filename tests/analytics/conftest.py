"""Backends for the analytics tests: DuckDB (embedded), PostgreSQL and a local Spark session.

PostgreSQL (127.0.0.1:5432, database `test`, trust authentication) and Java are on every
developer machine and on CI; `.ci/run` starts PostgreSQL when it is down. Spark starts once
per test run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ibis.backends import BaseBackend

from cxmap.analytics import backends

POSTGRES_URL = "postgresql://localhost:5432/test"
SPARK_URL = "pyspark://local[2]"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def event_logs(shared_data: Path) -> Path:
    return shared_data / "event_logs"


@pytest.fixture(scope="session")
def desired() -> Path:
    """The online shop's desired journey, step ids named like the log's activities."""
    return DATA / "shop_desired.yaml"


@pytest.fixture(scope="session")
def postgres() -> Iterator[BaseBackend]:
    backend = backends.connect(POSTGRES_URL)
    yield backend
    backend.disconnect()


@pytest.fixture(scope="session")
def spark() -> Iterator[BaseBackend]:
    backend = backends.connect(SPARK_URL)
    yield backend
    backend._session.stop()
