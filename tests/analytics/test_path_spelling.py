"""Paths are told apart exactly however they are spelled: activities packed into an integer,
long tails in arrays, many activity names, trailing activities whose code is 0."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from cxmap.analytics.log_queries import PathSpelling
from cxmap.services.mining import MineRequest, mine_log
from tests.analytics.conftest import POSTGRES_URL, SPARK_URL
from tests.analytics.pm4py_oracle import oracle
from tests.analytics.test_pm4py_agreement import assert_agrees


def write_csv(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    lines = [
        f"{case},{activity},{pd.Timestamp(s, unit='s').isoformat()}Z" for case, activity, s in rows
    ]
    path.write_text("case_id,activity,timestamp\n" + "\n".join(lines) + "\n")
    return path


def test_a_trailing_activity_coded_0_is_not_lost(tmp_path: Path) -> None:
    # 'a' comes first in the file, so it has code 0: packed into an integer, the paths
    # b, b-a and b-a-a would all read 1; only their lengths tell them apart.
    rows = [("c1", "a", 0), ("c2", "b", 0), ("c3", "b", 0), ("c3", "a", 1)]
    rows += [("c4", "b", 0), ("c4", "a", 1), ("c4", "a", 2)]
    result = mine_log(MineRequest(log=write_csv(tmp_path / "log.csv", rows)))
    assert sorted((v.activities, v.count) for v in result.variants) == [
        (["a"], 1),
        (["b"], 1),
        (["b", "a"], 1),
        (["b", "a", "a"], 1),
    ]


def long_log(seed: int) -> list[tuple[str, str, int]]:
    """300 activities (9 bits each, so 6 packed) and cases up to 40 events, many sharing
    one long prefix and parting only near their end."""
    chance = random.Random(seed)
    names = [f"step{i:03d}" for i in range(300)]
    prefix = [chance.choice(names) for _ in range(30)]
    rows = []
    for case in range(120):
        steps = prefix[: chance.choice([5, 6, 7, 29, 30])] + [
            chance.choice(names[:3]) for _ in range(chance.randint(0, 10))
        ]
        rows += [(f"k{case:03d}", step, 60 * i) for i, step in enumerate(steps)]
    return rows


@pytest.mark.parametrize("seed", [11, 12])
def test_long_paths_over_many_activities_agree_with_pm4py(tmp_path: Path, seed: int) -> None:
    rows = long_log(seed)
    path = write_csv(tmp_path / "log.csv", rows)
    frame = pd.DataFrame(
        {
            "case": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "timestamp": pd.to_datetime([r[2] for r in rows], unit="s"),
        }
    )
    result = mine_log(MineRequest(log=path))
    assert max(len(v.activities) for v in result.variants) > PathSpelling(300).packed
    assert_agrees(result, oracle(frame))


@pytest.mark.usefixtures("postgres", "spark")
def test_long_paths_over_many_activities_on_every_backend(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "log.csv", long_log(13))
    results = [mine_log(MineRequest(log=path, url=url)) for url in (None, POSTGRES_URL, SPARK_URL)]
    assert results[1] == results[0]
    assert results[2] == results[0]


@pytest.mark.parametrize(
    ("size", "bits", "packed"), [(1, 1, 62), (2, 1, 62), (14, 4, 15), (16, 4, 15), (17, 5, 12)]
)
def test_packing_uses_62_bits_at_most(size: int, bits: int, packed: int) -> None:
    spelling = PathSpelling(size)
    assert (spelling.bits, spelling.packed) == (bits, packed)
    # The largest code at every packed position stays below 2**62.
    head = sum((size - 1) << (bits * i) for i in range(packed))
    assert head < 2**62
    tail = [(packed + 1) * size + size - 1, packed * size]
    assert spelling.codes(head, packed + 2, sorted(tail)) == (
        *[size - 1] * packed,
        0,
        size - 1,
    )
