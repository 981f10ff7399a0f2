"""Parquet logs read as they are stored: row groups with their own dictionaries, ties kept in
file order, times compared as instants whatever zone or unit the column has."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cxmap.analytics.event_log import events_table
from cxmap.model.errors import InvalidInputError
from cxmap.model.mining import MiningResult
from cxmap.services.mining import MineRequest, mine_log
from tests.analytics.pm4py_oracle import oracle
from tests.analytics.test_mining_by_hand import TINY
from tests.analytics.test_pm4py_agreement import assert_agrees


def write(path: Path, columns: dict[str, pa.Array | list[object]], rows_per_group: int) -> Path:
    pq.write_table(pa.table(columns), path, row_group_size=rows_per_group)
    return path


def tiny_table() -> dict[str, pa.Array | list[object]]:
    """test_mining_by_hand's TINY log, times as typed UTC instants."""
    frame = pd.read_csv(io.StringIO(TINY))
    instants = pd.to_datetime(frame["timestamp"], utc=True)
    return {
        "case_id": frame["case_id"].tolist(),
        "activity": frame["activity"].tolist(),
        "timestamp": pa.array(instants, pa.timestamp("s", tz="UTC")),
    }


def core(result: MiningResult) -> tuple[object, ...]:
    edges = [(e.source, e.target, e.count, e.mean_seconds, e.median_seconds) for e in result.dfg]
    variants = [(v.activities, v.count) for v in result.variants]
    return result.cases, result.events, result.start_activities, edges, variants


def test_row_groups_with_their_own_dictionaries_are_one_log(tmp_path: Path) -> None:
    # Case c1 sits in rows 0, 1 and 3, so in two row groups whose dictionaries number the
    # cases differently: c2 is code 1 in the first and code 0 in the second.
    path = write(tmp_path / "log.parquet", tiny_table(), rows_per_group=3)
    stored = pq.read_table(path, read_dictionary=["case_id"]).column("case_id")
    assert [chunk.dictionary.to_pylist() for chunk in stored.chunks] == [
        ["c1", "c2"],
        ["c1", "c2"],
        ["c3"],
    ]
    assert [chunk.indices.to_pylist() for chunk in stored.chunks] == [[0, 0, 1], [0, 1, 1], [0, 0]]
    result = mine_log(MineRequest(log=path))
    # The same figures test_mining_by_hand works out for TINY.
    assert core(result) == (
        3,
        8,
        {"a": 3},
        [("a", "b", 3, 40.0, 60.0), ("b", "c", 2, 75.0, 75.0)],
        [(["a", "b", "c"], 2), (["a", "b"], 1)],
    )


def test_equal_times_keep_file_order_across_row_groups(tmp_path: Path) -> None:
    # One case, every event at the same instant, spread over three row groups: the path is
    # the order of the rows in the file.
    path = write(
        tmp_path / "log.parquet",
        {
            "case_id": ["k", "k", "k", "k", "k"],
            "activity": ["e", "b", "d", "a", "c"],
            "timestamp": pa.array([0] * 5, pa.timestamp("s", tz="UTC")),
        },
        rows_per_group=2,
    )
    result = mine_log(MineRequest(log=path))
    assert [v.activities for v in result.variants] == [["e", "b", "d", "a", "c"]]


@pytest.mark.parametrize("seed", [4, 5])
def test_random_logs_with_ties_in_small_row_groups_agree_with_pm4py(
    tmp_path: Path, seed: int
) -> None:
    chance = random.Random(seed)
    rows = []
    for case in range(80):
        for _ in range(chance.randint(1, 6)):
            minute = chance.choice([0, 0, 0, 1, 2])  # many equal instants
            rows.append((f"k{case:02d}", chance.choice("abcde"), minute * 60))
    chance.shuffle(rows)
    cases, activities, seconds = (list(column) for column in zip(*rows, strict=True))
    path = write(
        tmp_path / "log.parquet",
        {
            "case_id": cases,
            "activity": activities,
            "timestamp": pa.array(seconds, pa.timestamp("s", tz="UTC")),
        },
        rows_per_group=17,
    )
    frame = pd.DataFrame(
        {"case": cases, "activity": activities, "timestamp": pd.to_datetime(seconds, unit="s")}
    )
    assert_agrees(mine_log(MineRequest(log=path)), oracle(frame))


def two_events(path: Path, times: pa.Array) -> MiningResult:
    write(path, {"case_id": ["c", "c"], "activity": ["a", "b"], "timestamp": times}, 1)
    return mine_log(MineRequest(log=path))


def test_a_zoned_column_is_compared_as_instants_across_daylight_saving(tmp_path: Path) -> None:
    # Berlin clocks jump from 02:00 to 03:00 on 2024-03-31: 01:30 and 03:10 local are
    # 40 minutes apart, not 100.
    local = pd.DatetimeIndex(["2024-03-31 01:30", "2024-03-31 03:10"]).tz_localize("Europe/Berlin")
    for unit in ("s", "ms", "us", "ns"):
        times = pa.array(local, pa.timestamp(unit, tz="Europe/Berlin"))
        assert two_events(tmp_path / f"{unit}.parquet", times).dfg[0].mean_seconds == 2400.0


def test_naive_times_are_utc_and_dates_are_midnight(tmp_path: Path) -> None:
    naive = pa.array(pd.to_datetime(["2024-01-01 00:00:00.0", "2024-01-01 00:00:01.5"]))
    assert two_events(tmp_path / "naive.parquet", naive).dfg[0].mean_seconds == 1.5
    dates = pa.array(pd.to_datetime(["2024-02-28", "2024-03-01"]).date, pa.date32())
    assert two_events(tmp_path / "dates.parquet", dates).dfg[0].mean_seconds == 2 * 86400.0


def test_missing_values_in_a_later_row_group_are_located(tmp_path: Path) -> None:
    path = write(
        tmp_path / "log.parquet",
        {
            "case_id": ["c1", "c1", "c2", "c2", None, "c3"],
            "activity": ["a", "b", "a", " ", "a", "b"],
            "timestamp": pa.array([0, 1, 2, 3, 4, None], pa.timestamp("s", tz="UTC")),
        },
        rows_per_group=2,
    )
    with pytest.raises(InvalidInputError) as caught:
        mine_log(MineRequest(log=path))
    assert caught.value.lines() == [
        f"{path}: rows[4].case_id: missing case id",
        f"{path}: rows[3].activity: missing activity",
        f"{path}: rows[5].timestamp: missing time",
    ]


def test_integer_case_ids_are_named_as_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "log.parquet",
        {
            "case_id": pa.array([7, 7, 12], pa.int64()),
            "activity": ["a", "b", "a"],
            "timestamp": pa.array([0, 60, 0], pa.timestamp("s", tz="UTC")),
        },
        rows_per_group=2,
    )
    journey = tmp_path / "journey.yaml"
    journey.write_text(
        "id: ab\ntitle: A to B\nstages:\n  - id: s\n    name: S\n    steps:\n"
        "      - {id: a, name: A, next: [b]}\n      - {id: b, name: B, final: true}\n"
    )
    result = mine_log(MineRequest(log=path, journey=journey))
    assert [(v.activities, v.count) for v in result.variants] == [(["a"], 1), (["a", "b"], 1)]
    assert result.conformance is not None
    [early_exit] = result.conformance.deviations
    assert early_exit.examples == ["12"]


def test_chunks_with_different_or_repeating_dictionaries_get_one_numbering() -> None:
    first = pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 2]), pa.array(["x", "y", "x"]))
    again = pa.DictionaryArray.from_arrays(pa.array([1, 0]), first.dictionary)
    other = pa.DictionaryArray.from_arrays(pa.array([0, 1, 2]), pa.array(["z", "y", "x"]))
    column = pa.chunked_array([first, again, other])
    plain = ["x", "y", None, "x", "y", "x", "z", "y", "x"]
    encoded = events_table(column, column, pa.array(range(9), pa.int64()))
    names = encoded.case_names.to_pylist()
    codes = encoded.table.column("case_id").to_pylist()
    assert [None if code is None else names[code] for code in codes] == plain
    assert sorted(names) == ["x", "y", "z"]
    assert encoded.table.column("row_nr").to_pylist() == list(range(9))
