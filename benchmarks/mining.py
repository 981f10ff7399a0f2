"""How fast `cxmap mine` is on large logs, and how it compares with PM4Py (a script, not a test).

    uv run python benchmarks/mining.py                      # 1M and 10M events, PM4Py on 1M
    uv run python benchmarks/mining.py --sizes 200000 --pm4py-size 200000

Seeded logs (`journey_logs.py`) are written once as Parquet to --data-dir. Each measurement
runs in a fresh process so its peak memory (max RSS) is its own; Python imports are done
before the clock starts, nothing else is warmed up. The stage timings come from one run,
the end-to-end figures from --repeat others that go through the service exactly as the CLI
does (Parquet in, every result out, funnel and conformance against the desired journey).
PM4Py (AGPL, a dev-only dependency) runs on the same log in its own processes, taking turns
with cxmap: start and end activities, DFG, performance DFG and variants, whose counts must
equal ours. Best, median and worst runs are printed for both; the ratio is of the best runs
(and, for the noise, of the medians).
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from journey_logs import write_log

DESIRED = {
    "id": "shop-desired",
    "title": "Online shop, desired",
    "kind": "desired",
    "start": ["ad_click", "visit_site"],
    "stages": [
        {
            "id": "discover",
            "name": "Discover",
            "steps": [
                {"id": "ad_click", "name": "Ad click", "next": ["visit_site"]},
                {"id": "visit_site", "name": "Visit site", "next": ["browse"]},
            ],
        },
        {
            "id": "choose",
            "name": "Choose",
            "steps": [
                {"id": "browse", "name": "Browse", "next": ["browse", "add_to_cart"]},
                {"id": "add_to_cart", "name": "Add to cart", "next": ["browse", "checkout"]},
            ],
        },
        {
            "id": "buy",
            "name": "Buy",
            "steps": [
                {"id": "checkout", "name": "Checkout", "next": ["payment"]},
                {"id": "payment", "name": "Payment", "next": ["order_confirmed"]},
                {"id": "order_confirmed", "name": "Order confirmed", "next": ["delivery"]},
            ],
        },
        {
            "id": "receive",
            "name": "Receive",
            "steps": [
                {"id": "delivery", "name": "Delivery", "next": ["review"], "final": True},
                {"id": "review", "name": "Review"},
            ],
        },
    ],
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def measure(self, name: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        self.times[name] = time.perf_counter() - start
        return result


def counts_of(result: Any) -> dict[str, Any]:
    """The figures PM4Py also gives, in a form both sides can be compared in."""
    return {
        "start": result["start_activities"],
        "end": result["end_activities"],
        "dfg": sorted([e["source"], e["target"], e["count"]] for e in result["dfg"]),
        "variants": sorted([v["activities"], v["count"]] for v in result["variants"]),
        "mean": {f"{e['source']}>{e['target']}": e["mean_seconds"] for e in result["dfg"]},
    }


#: Modules each side imports on first use (found by comparing `sys.modules` before and
#: after a run). Both sides import theirs before the clock starts, so the clock measures
#: work, not imports, on both alike.
CXMAP_LAZY_IMPORTS = (
    "encodings.utf_8_sig",
    "ibis.backends.duckdb",
    "ibis.backends.duckdb.converter",
    "ibis.expr.types.groupby",
    "ibis.formats.numpy",
    "ibis.formats.pandas",
    "ibis.formats.pyarrow",
    "pyarrow.dataset",
    "pyarrow.parquet",
)
PM4PY_LAZY_IMPORTS = (
    "concurrent.futures.thread",
    "pandas.core.arrays.arrow.extension_types",
    "pandas.core.reshape.reshape",
    "pyarrow.dataset",
    "pyarrow.pandas_compat",
    "pyarrow.parquet",
)


def preload(modules: tuple[str, ...] = CXMAP_LAZY_IMPORTS) -> None:
    """Import what a run would import lazily; nothing is run, connected or read."""
    for module in modules:
        importlib.import_module(module)


def stages_worker(log: Path, journey: Path) -> dict[str, Any]:
    """Each stage on its own clock, on DuckDB, as `analytics.mining.mine` runs them."""
    from cxmap.analytics import backends
    from cxmap.analytics.log_queries import (
        case_paths,
        frequency_dfg,
        order_events,
        performance_dfg,
        step_times,
    )
    from cxmap.analytics.mining import observed_paths
    from cxmap.analytics.tabular_reader import read_parquet
    from cxmap.model.desired_journey import desired_journey, map_activities
    from cxmap.model.journey_conformance import JourneyCheck, conformance, funnel
    from cxmap.model.mining import ColumnMapping, summarise_paths
    from cxmap.services.journey_files import load_journey

    preload()
    desired = desired_journey(load_journey(journey))
    backend = backends.connect()
    clock = Clock()

    def load() -> Any:
        encoded = read_parquet(log, ColumnMapping()).encoded
        return encoded, backends.upload(backend, encoded.table)

    encoded, events = clock.measure("load", load)
    names = encoded.activities
    ordered = clock.measure("order", lambda: order_events(events).cache())
    clock.measure("dfg", lambda: frequency_dfg(ordered, names))
    clock.measure("performance dfg", lambda: performance_dfg(ordered, names))

    def variants() -> Any:
        paths = observed_paths(case_paths(ordered, len(names)), names, str)
        summarise_paths(paths)
        return paths

    paths = clock.measure("variants", variants)
    check = JourneyCheck(desired)
    codes = {names.index(a): s for a, s in map_activities(desired, names).items()}
    clock.measure("funnel", lambda: funnel(check, paths, step_times(ordered, codes)))
    clock.measure("conformance", lambda: conformance(check, paths))
    return {"times": clock.times, "peak_mb": peak_mb()}


def end_to_end_worker(log: Path, journey: Path, counts: Path) -> dict[str, Any]:
    """The service call behind `cxmap mine LOG --journey J`, from Parquet to every result."""
    from cxmap.services.mining import MineRequest, mine_log

    preload()

    clock = Clock()
    result = clock.measure("end-to-end", lambda: mine_log(MineRequest(log=log, journey=journey)))
    data = json.loads(result.to_json())
    counts.write_text(json.dumps(counts_of(data)))
    summary = {"events": data["events"], "cases": data["cases"], "variants": len(data["variants"])}
    return {"times": clock.times, "peak_mb": peak_mb(), **summary}


def pm4py_worker(log: Path, counts: Path) -> dict[str, Any]:
    """PM4Py on the same Parquet log: the figures it has that `cxmap mine` also gives."""
    import pandas as pd  # type: ignore[import-untyped]
    import pm4py

    preload(PM4PY_LAZY_IMPORTS)
    clock = Clock()
    keys = {"case_id": "case_id", "activity_key": "activity", "timestamp_key": "timestamp"}
    start = time.perf_counter()
    frame = clock.measure("load", lambda: pd.read_parquet(log))
    frame = clock.measure("format", lambda: pm4py.format_dataframe(frame, **keys))
    dfg, starts, ends = clock.measure("dfg", lambda: pm4py.discover_dfg(frame))
    performance, _, _ = clock.measure(
        "performance dfg", lambda: pm4py.discover_performance_dfg(frame)
    )
    found = clock.measure("variants", lambda: pm4py.get_variants(frame))
    clock.times["end-to-end"] = time.perf_counter() - start
    result = {
        "start_activities": starts,
        "end_activities": ends,
        "dfg": [
            {"source": a, "target": b, "count": n, "mean_seconds": performance[(a, b)]["mean"]}
            for (a, b), n in dfg.items()
        ],
        "variants": [{"activities": list(v), "count": n} for v, n in found.items()],
    }
    counts.write_text(json.dumps(counts_of(result)))
    return {"times": clock.times, "peak_mb": peak_mb()}


def run_worker(kind: str, *args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", kind, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def end_to_end(report: dict[str, Any]) -> float:
    return float(report["times"]["end-to-end"])


def spread(reports: list[dict[str, Any]]) -> str:
    """Best, median and worst of fresh-process runs: the machine is shared, noise only adds,
    so the best is the figure and the rest shows how much noise there was."""
    times = sorted(end_to_end(report) for report in reports)
    return f"best {times[0]:.2f} s, median {median(times):.2f} s, worst {times[-1]:.2f} s"


def same_counts(ours: Path, theirs: Path) -> str:
    mine, other = json.loads(ours.read_text()), json.loads(theirs.read_text())
    keys = ("start", "end", "dfg", "variants")
    exact = all(mine[k] == other[k] for k in keys)
    worst = max(
        abs(mine["mean"][k] - other["mean"][k]) / max(abs(other["mean"][k]), 1e-12)
        for k in other["mean"]
    )
    verdict = "identical" if exact else "DIFFERENT"
    return f"{verdict} counts (DFG, variants, start/end); mean times agree to {worst:.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--pm4py-size", type=int, default=1_000_000, help="0 to skip PM4Py")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--repeat", type=int, default=5, help="fresh-process runs per timing; the best counts"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "cxmap-bench"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--journey", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--counts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        workers: dict[str, Callable[[], dict[str, Any]]] = {
            "stages": lambda: stages_worker(args.log, args.journey),
            "e2e": lambda: end_to_end_worker(args.log, args.journey, args.counts),
            "pm4py": lambda: pm4py_worker(args.log, args.counts),
        }
        print(json.dumps(workers[args.worker]()))
        return
    benchmark(args)


def benchmark(args: argparse.Namespace) -> None:
    data: Path = args.data_dir
    data.mkdir(parents=True, exist_ok=True)
    journey = data / "desired.yaml"
    journey.write_text(yaml.safe_dump(DESIRED, sort_keys=False))
    print(f"cxmap mine on DuckDB, {Path('/proc/cpuinfo').read_text().count('processor')} cores")
    for size in sorted(set(args.sizes) | ({args.pm4py_size} - {0})):
        log = write_log(data / f"journey_{size}_{args.seed}.parquet", size, args.seed)
        ours, theirs = data / f"counts_cxmap_{size}.json", data / f"counts_pm4py_{size}.json"
        stages = run_worker("stages", "--log", str(log), "--journey", str(journey))
        # With PM4Py, the two take turns, so a busy spell on the machine hits both alike.
        runs: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        for _ in range(max(1, args.repeat)):
            runs.append(
                run_worker(
                    "e2e", "--log", str(log), "--journey", str(journey), "--counts", str(ours)
                )
            )
            if size == args.pm4py_size:
                others.append(run_worker("pm4py", "--log", str(log), "--counts", str(theirs)))
        whole = min(runs, key=end_to_end)
        label = (
            f"{whole['events']:,} events, {whole['cases']:,} cases, {whole['variants']:,} variants"
        )
        print(f"\n{label} ({log.name})")
        for name, seconds in stages["times"].items():
            print(f"  {name:<16} {seconds:7.2f} s")
        peak = max(report["peak_mb"] for report in runs)
        print(f"  {'end-to-end':<16} {end_to_end(whole):7.2f} s   peak memory {peak:,.0f} MB")
        print(f"  {'':<16} {len(runs)} runs: {spread(runs)}")
        if others:
            other = min(others, key=end_to_end)
            steps = ", ".join(f"{k} {v:.2f} s" for k, v in other["times"].items())
            memory = max(report["peak_mb"] for report in others)
            print(f"  PM4Py, its best run: {steps}; peak memory {memory:,.0f} MB")
            print(f"  PM4Py {len(others)} runs: {spread(others)}")
            best = end_to_end(other) / end_to_end(whole)
            typical = median(map(end_to_end, others)) / median(map(end_to_end, runs))
            print(
                f"  cxmap is {best:.1f}x faster end to end (best runs; {typical:.1f}x by medians)"
            )
            print(f"  {same_counts(ours, theirs)}")


if __name__ == "__main__":
    main()
