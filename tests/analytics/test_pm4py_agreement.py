"""`cxmap mine` equals PM4Py: counts exactly, times to 1e-6 relative.

On the shared logs (the 2,000-case CSV and the XES files PM4Py can read), on logs from the
shared generator with other seeds, and on random logs full of equal timestamps, shuffled
rows and mixed offsets, where only the ordering rule (by instant, ties in input order)
makes the two agree.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from cxmap.model.mining import MiningResult
from cxmap.services.mining import MineRequest, mine_log
from tests.analytics.pm4py_oracle import Oracle, oracle, xes_oracle


def assert_agrees(result: MiningResult, expected: Oracle) -> None:
    assert result.start_activities == expected.start
    assert result.end_activities == expected.end
    assert {(e.source, e.target): e.count for e in result.dfg} == expected.dfg
    assert {tuple(v.activities): v.count for v in result.variants} == expected.variants
    assert result.cases == sum(expected.variants.values())
    for edge in result.dfg:
        pair = (edge.source, edge.target)
        assert edge.mean_seconds == pytest.approx(expected.mean[pair], rel=1e-6, abs=1e-9)
        assert edge.median_seconds == pytest.approx(expected.median[pair], rel=1e-6, abs=1e-9)


def test_the_shared_2000_case_log(event_logs: Path) -> None:
    path = event_logs / "journey_log_2000.csv"
    frame = pd.read_csv(path).rename(columns={"case_id": "case"})
    result = mine_log(MineRequest(log=path))
    assert (result.cases, result.events, len(result.variants)) == (2000, 12443, 339)
    assert_agrees(result, oracle(frame))


@pytest.mark.parametrize(
    "name",
    [
        "cx_omnichannel_journeys.xes",
        "cx_omnichannel_journeys.xes.gz",
        "pm4js_orders_slash_timestamps.xes",
        "pm4js_tickets_string_timestamps.xes",
        "lifecycle_transitions.xes",
        "entities_unicode_bom.xes",
    ],
)
def test_the_shared_xes_logs(event_logs: Path, name: str) -> None:
    path = event_logs / "xes" / name
    assert_agrees(mine_log(MineRequest(log=path)), xes_oracle(path))


def _generator(event_logs: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_journey_log", event_logs / "gen_journey_log.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [7, 2024])
def test_generated_journey_logs(event_logs: Path, tmp_path: Path, seed: int) -> None:
    generator = _generator(event_logs)
    rows = generator.generate(600, seed=seed)
    path = tmp_path / "log.csv"
    generator.write_csv(rows, path)
    frame = pd.read_csv(path).rename(columns={"case_id": "case"})
    assert_agrees(mine_log(MineRequest(log=path)), oracle(frame))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_logs_with_ties_shuffled_rows_and_offsets(tmp_path: Path, seed: int) -> None:
    chance = random.Random(seed)
    rows = []
    for case in range(60):
        for _ in range(chance.randint(1, 7)):
            minute = chance.choice([0, 0, 1, 5, 59])  # many equal instants
            hours = chance.choice([0, 1, -5])
            local = pd.Timestamp("2024-05-01T12:00:00Z") + pd.Timedelta(minutes=minute)
            written = (local + pd.Timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S")
            zone = "Z" if hours == 0 else f"{hours:+03d}:00"
            rows.append((f"k{case}", chance.choice("abcde"), written + zone, local))
    chance.shuffle(rows)
    text = "case_id,activity,timestamp\n" + "".join(f"{c},{a},{t}\n" for c, a, t, _ in rows)
    path = tmp_path / "log.csv"
    path.write_text(text)
    frame = pd.DataFrame(
        {
            "case": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "timestamp": [r[3] for r in rows],
        }
    )
    assert_agrees(mine_log(MineRequest(log=path)), oracle(frame))
