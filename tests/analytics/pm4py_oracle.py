"""PM4Py as a test oracle (AGPL: a dev-only dependency, never imported by the package).

Given the same events as cxmap, PM4Py's own discovery gives the figures that `cxmap mine`
must equal: directly-follows counts, start and end activities, variants, and the mean and
median time of each directly-follows pair.
"""

from __future__ import annotations

import gc
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pm4py
    from pm4py.util import constants

constants.SHOW_PROGRESS_BAR = False


@dataclass(frozen=True)
class Oracle:
    dfg: dict[tuple[str, str], int]
    start: dict[str, int]
    end: dict[str, int]
    variants: dict[tuple[str, ...], int]
    mean: dict[tuple[str, str], float]
    median: dict[tuple[str, str], float]


def _quiet(call: Any, *args: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args)


def oracle(frame: pd.DataFrame) -> Oracle:
    """PM4Py on a frame with columns case, activity, timestamp (UTC), in input order."""
    log = pd.DataFrame(
        {
            "case:concept:name": frame["case"].astype(str),
            "concept:name": frame["activity"].astype(str),
            "time:timestamp": pd.to_datetime(frame["timestamp"], utc=True),
        }
    )
    log = _quiet(pm4py.format_dataframe, log)
    dfg, start, end = _quiet(pm4py.discover_dfg, log)
    performance, _, _ = _quiet(pm4py.discover_performance_dfg, log)
    variants = _quiet(pm4py.get_variants, log)
    return Oracle(
        dfg={k: int(v) for k, v in dfg.items()},
        start={k: int(v) for k, v in start.items()},
        end={k: int(v) for k, v in end.items()},
        variants={tuple(k): int(v) for k, v in variants.items()},
        mean={k: float(v["mean"]) for k, v in performance.items()},
        median={k: float(v["median"]) for k, v in performance.items()},
    )


def xes_oracle(path: Path) -> Oracle:
    """PM4Py reading the XES file itself, then the same discovery."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = pm4py.read_xes(str(path))
        gc.collect()  # PM4Py leaves the file open; close it while warnings are off
    frame = pd.DataFrame(
        {
            "case": log["case:concept:name"],
            "activity": log["concept:name"],
            "timestamp": log["time:timestamp"],
        }
    )
    return oracle(frame)
