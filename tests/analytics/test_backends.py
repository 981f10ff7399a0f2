"""One Ibis code path, three backends: DuckDB, PostgreSQL and Spark give identical results.

Every figure must match exactly (floats to the last bit), which is why the engine moves
only integers and does its divisions in Python.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from ibis.backends import BaseBackend

from cxmap.model.mining import ColumnMapping, MiningResult
from cxmap.services.mining import MineRequest, mine_log
from tests.analytics.conftest import POSTGRES_URL, SPARK_URL


def without_examples(result: MiningResult) -> MiningResult:
    """The result minus example case ids (a table's rows have no input order to rank by)."""
    assert result.conformance is not None
    deviations = [d.model_copy(update={"examples": []}) for d in result.conformance.deviations]
    conformance = result.conformance.model_copy(update={"deviations": deviations})
    return result.model_copy(update={"conformance": conformance, "warnings": []})


@pytest.mark.usefixtures("postgres", "spark")
def test_the_2000_case_log_on_every_backend(event_logs: Path, desired: Path) -> None:
    path = event_logs / "journey_log_2000.csv"
    results = {
        url: mine_log(MineRequest(log=path, journey=desired, by="segment", url=url))
        for url in (None, POSTGRES_URL, SPARK_URL)
    }
    duckdb = results[None]
    assert duckdb.funnel is not None
    assert len(duckdb.funnel.groups) == 4
    assert results[POSTGRES_URL] == duckdb
    assert results[SPARK_URL] == duckdb


@pytest.mark.usefixtures("postgres", "spark")
def test_an_xes_log_with_offsets_on_every_backend(event_logs: Path, desired: Path) -> None:
    path = event_logs / "xes" / "cx_omnichannel_journeys.xes"
    results = [
        mine_log(MineRequest(log=path, journey=desired, by="channel", url=url))
        for url in (None, POSTGRES_URL, SPARK_URL)
    ]
    assert results[0].cases == 8
    assert results[1] == results[0]
    assert results[2] == results[0]


@pytest.fixture
def log_table(postgres: BaseBackend, event_logs: Path) -> Iterator[str]:
    """journey_log_2000.csv as a PostgreSQL table with real timestamps and an event number."""
    frame = pd.read_csv(event_logs / "journey_log_2000.csv")
    table = pa.table(
        {
            "customer": frame["case_id"],
            "step": frame["activity"],
            "at": pa.array(pd.to_datetime(frame["timestamp"], utc=True)),
            "seq": pa.array(range(len(frame)), pa.int64()),
            "customer_segment": frame["customer_segment"],
        }
    )
    name = f"cxmap_test_log_{uuid.uuid4().hex[:8]}"
    postgres.create_table(name, table)
    yield name
    postgres.drop_table(name)


def test_a_table_in_postgresql_by_url_and_column_mapping(
    log_table: str, event_logs: Path, desired: Path
) -> None:
    from_file = mine_log(
        MineRequest(log=event_logs / "journey_log_2000.csv", journey=desired, by="segment")
    )
    mapping = ColumnMapping(case="customer", activity="step", timestamp="at", order="seq")
    from_table = mine_log(
        MineRequest(
            url=POSTGRES_URL, table=log_table, mapping=mapping, journey=desired, by="segment"
        )
    )
    assert without_examples(from_table) == without_examples(from_file)
    assert from_table.warnings[0] == f"{log_table}: 100 cases have only one event"


def test_a_table_missing_a_column_is_named(log_table: str) -> None:
    from cxmap.model.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        mine_log(MineRequest(url=POSTGRES_URL, table=log_table))
    assert caught.value.lines()[0] == (
        f"{log_table}: case_id: no case column 'case_id' in table {log_table} "
        "(it has: customer, step, at, seq, customer_segment)"
    )


def test_a_table_in_a_duckdb_file(tmp_path: Path) -> None:
    import ibis

    database = tmp_path / "events.duckdb"
    backend = ibis.duckdb.connect(str(database))
    backend.create_table(
        "clicks",
        pa.table(
            {
                "case_id": ["x", "x", "y", "y"],
                "activity": ["open", "pay", "open", "leave"],
                "timestamp": pa.array([0, 90, 10, 10], pa.timestamp("s", tz="UTC")),
                "n": [1, 2, 3, 4],
            }
        ),
    )
    backend.disconnect()
    mapping = ColumnMapping(order="n")
    result = mine_log(MineRequest(url=f"duckdb://{database}", table="clicks", mapping=mapping))
    assert [(e.source, e.target, e.count, e.mean_seconds) for e in result.dfg] == [
        ("open", "leave", 1, 0.0),
        ("open", "pay", 1, 90.0),
    ]
    assert result.start_activities == {"open": 2}
