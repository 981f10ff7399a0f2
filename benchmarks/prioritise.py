"""How long scoring and prioritising take for a workspace of 1,000 journeys x 50 steps.

    uv run --frozen python benchmarks/prioritise.py [--journeys 1000 --stages 5 --steps 10
                                                    --runs 3 --seed 7]

The workspace is generated from a seed (journeys with insights and opportunities, evidence
aggregates and a mined funnel for every step, entered inputs with some left missing, KPIs
with points), so runs compare like with like. Each phase is timed `--runs` times; the best
and the median are printed. The peer, measured in the same run, is what reading the same
journeys costs anyway: validating the 1,000 journeys from plain data with pydantic
(`Journey.model_validate`), the work every API request or file load does. The ratio says
how many such reads one phase costs.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any

from cxmap.model.evidence import MeanWithInterval, PainReason, StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.mining import Funnel, FunnelStep, MiningResult
from cxmap.model.priorities import (
    Kpi,
    KpiKind,
    KpiPoint,
    KpiPointSource,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
)
from cxmap.scoring.actions import suggest_actions
from cxmap.scoring.prioritise import prioritise
from cxmap.scoring.scores import score_journey, score_parts
from cxmap.scoring.sensitivity import sensitivity

NOW = datetime(2025, 6, 1, tzinfo=UTC)


class Workspace:
    """The generated data: journeys as plain data and as models, and what goes with them."""

    def __init__(self, rng: random.Random, journeys: int, stages: int, steps: int) -> None:
        self.raw = [_journey_data(rng, j, stages, steps) for j in range(journeys)]
        self.journeys = [Journey.model_validate(data) for data in self.raw]
        self.evidence = [_evidence(rng, journey) for journey in self.journeys]
        self.mined = [_mined(rng, journey) for journey in self.journeys]
        self.inputs = {journey.id: _inputs(rng) for journey in self.journeys}
        self.kpis = [_kpi(journey, k) for journey in self.journeys for k in range(3)]
        self.points = {
            kpi.id: [
                KpiPoint(
                    kpi=kpi.id,
                    measured_at=NOW - timedelta(days=rng.randint(1, 200)),
                    value=rng.uniform(0, 100),
                    n=rng.randint(0, 500),
                    source=KpiPointSource.ANALYSIS,
                )
            ]
            for kpi in self.kpis
        }


def _journey_data(rng: random.Random, number: int, stages: int, steps: int) -> dict[str, Any]:
    ids = [f"s{i}" for i in range(stages * steps)]
    stage_list = [
        {
            "id": f"stage{s}",
            "name": f"Stage {s}",
            "steps": [
                {
                    "id": ids[s * steps + t],
                    "name": f"Step {s}.{t}",
                    "emotion": rng.choice([-2, -1, 0, 1, 2]),
                    "metrics": ["Rate"] if rng.random() < 0.3 else [],
                    "next": [ids[s * steps + t + 1]] if s * steps + t + 1 < len(ids) else [],
                }
                for t in range(steps)
            ],
        }
        for s in range(stages)
    ]
    pains = rng.sample(ids, k=min(len(ids), 8))
    insights = [
        {"id": f"i{k}", "title": f"Pain {k}", "step": step, "severity": rng.randint(1, 5)}
        for k, step in enumerate(pains)
    ]
    opportunities = [
        {
            "id": f"o{k}",
            "title": f"Fix {k}",
            "step": pains[k],
            "fixes": [f"i{k}"],
            "effort": rng.randint(1, 5),
            "status": rng.choice(["proposed", "accepted", "in_progress", "done"]),
        }
        for k in range(min(6, len(pains)))
    ]
    return {
        "id": f"journey-{number}",
        "title": f"Journey {number}",
        "personas": [{"id": "p", "name": "P", "segment": "" if number % 3 else "All"}],
        "stages": stage_list,
        "insights": insights,
        "opportunities": opportunities,
    }


def _mean(value: float, n: int) -> MeanWithInterval:
    return MeanWithInterval(n=n, mean=value, interval=None)


def _evidence(rng: random.Random, journey: Journey) -> dict[str, StepEvidence]:
    found = {}
    for step in journey.steps():
        items = rng.randint(0, 80)
        if not items:
            continue
        sentiment = rng.uniform(-1, 1)
        found[step.id] = StepEvidence(
            step=step.id,
            items=items,
            sentiment=_mean(sentiment, items),
            emotion=_mean(2 * sentiment, items),
            nps=_mean(rng.uniform(-100, 100), items) if rng.random() < 0.4 else None,
            pain=[PainReason.SENTIMENT] if sentiment < -0.4 else [],
        )
    return found


def _mined(rng: random.Random, journey: Journey) -> MiningResult:
    cases = 10_000
    funnel = []
    for step in journey.steps():
        drop = rng.randint(0, cases // 20)
        funnel.append(
            FunnelStep(
                step=step.id,
                name=step.name,
                cases=cases,
                share=cases / 10_000,
                exits=drop,
                drop_off=drop,
                drop_off_share=drop / cases,
                mean_seconds=rng.uniform(5, 600),
                median_seconds=None,
            )
        )
        cases = max(1, cases - drop)
    return MiningResult(
        cases=10_000,
        events=500_000,
        start_activities={},
        end_activities={},
        dfg=[],
        variants=[],
        funnel=Funnel(steps=funnel),
    )


def _inputs(rng: random.Random) -> ScoreInputs:
    values = {
        "cost_per_customer": rng.uniform(0, 2_000),
        "potential_sales": rng.uniform(0, 5_000_000),
        "strategic_contribution": rng.uniform(1, 5),
        "experience": rng.uniform(-2, 2),
    }
    kept = {key: {"value": value} for key, value in values.items() if rng.random() < 0.85}
    return ScoreInputs.model_validate(kept)


def _kpi(journey: Journey, k: int) -> Kpi:
    return Kpi(
        id=f"{journey.id}-k{k}",
        name=f"KPI {k}",
        kind=KpiKind.DROP_OFF,
        journey=journey.id,
        step=f"s{k}",
        target=None if k == 2 else 10.0,
    )


def _time(run: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def phases(ws: Workspace) -> dict[str, tuple[Callable[[], object], str]]:
    weights, scale = ScoreWeights(), ScoreScale()
    pairs = list(zip(ws.journeys, ws.evidence, ws.mined, strict=True))
    parts = sum(len(j.stages) + len(j.steps()) for j in ws.journeys)
    return {
        "peer: validate the journeys": (
            lambda: [Journey.model_validate(data) for data in ws.raw],
            f"{len(ws.raw)} x Journey.model_validate",
        ),
        "score journeys": (
            lambda: [
                score_journey(j, ws.inputs[j.id], weights, scale, mined=m) for j, _, m in pairs
            ],
            f"{len(pairs)} scores",
        ),
        "score stages and steps": (
            lambda: [score_parts(j, {}, e, weights, scale, mined=m) for j, e, m in pairs],
            f"{parts} scores",
        ),
        "sensitivity (10 weightings)": (
            lambda: sensitivity(ws.inputs, weights, scale),
            f"{len(ws.inputs)} journeys ranked 11 times",
        ),
        "prioritise": (
            lambda: [prioritise(j, e, m) for j, e, m in pairs],
            "every stage of every journey",
        ),
        "suggest actions": (
            lambda: [
                suggest_actions(j, e, [], ws.kpis, [], mined=m, points=ws.points, now=NOW)
                for j, e, m in pairs
            ],
            "five kinds, every journey",
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--stages", type=int, default=5)
    parser.add_argument("--steps", type=int, default=10, help="steps per stage")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    workspace = Workspace(random.Random(args.seed), args.journeys, args.stages, args.steps)
    built = time.perf_counter() - started
    steps = args.stages * args.steps
    print(
        f"{args.journeys} journeys x {steps} steps (seed {args.seed}), built in {built:.1f} s; "
        f"best and median of {args.runs} runs"
    )
    print(f"{'phase':<30} {'best s':>8} {'median s':>9} {'x peer':>7}  notes")
    peer = None
    for name, (run, note) in phases(workspace).items():
        times = _time(run, args.runs)
        best = min(times)
        peer = peer or best
        print(f"{name:<30} {best:>8.3f} {median(times):>9.3f} {best / peer:>7.2f}  {note}")


if __name__ == "__main__":
    main()
