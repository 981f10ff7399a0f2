"""How long cxmap takes to read, lint and draw a large journey (50 stages x 10 steps).

Run with `make bench` or `uv run python benchmarks/render.py [--stages 50 --steps 10
--runs 5 --seed 7]`. The journey is generated from a seed, so runs compare like with like.
Each phase is timed `--runs` times and the best time is printed (the least disturbed run).
The aim: the SVG in well under a second.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.journey import Channel
from cxmap.model.layout import layout_journey
from cxmap.model.lint import lint
from cxmap.render.raster import svg_to_pdf, svg_to_png
from cxmap.render.svg import layout_to_svg

T = TypeVar("T")

_VOCABULARY = """
customer order delivery account payment card app website store agent chat call email invoice
refund return parcel password address plan price discount form upload document appointment
branch advisor loan contract signature confirmation reminder survey review
"""
WORDS = tuple(_VOCABULARY.split())
FEELINGS = ["relieved", "confused", "annoyed", "pleased", "anxious", "delighted", "bored"]
CHANNELS = [channel.value for channel in Channel]


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _step(rng: random.Random, stage: int, step: int, steps: int, stages: int) -> dict[str, Any]:
    ident = f"s{stage}-{step}"
    data: dict[str, Any] = {
        "id": ident,
        "name": _phrase(rng, 2, 7),
        "channel": rng.choice(CHANNELS),
        "department": rng.choice(["Sales", "Service", "Billing", "Logistics", "IT"]),
    }
    if rng.random() < 0.85:
        data["emotion"] = rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
        data["feeling"] = rng.choice(FEELINGS)
    last = stage == stages - 1 and step == steps - 1
    following = f"s{stage}-{step + 1}" if step + 1 < steps else f"s{stage + 1}-0"
    data["next"] = [] if last else [following]
    if not last and rng.random() < 0.08:  # a branch ahead or a loop back, within reach
        target_stage = max(0, min(stages - 1, stage + rng.choice([-1, 1, 2])))
        data["next"].append(f"s{target_stage}-{rng.randrange(steps)}")
    data["final"] = last
    data["lanes"] = {
        "actions": [_phrase(rng, 3, 9)],
        "thoughts": [_phrase(rng, 3, 12)] if rng.random() < 0.5 else [],
        "backstage": [_phrase(rng, 3, 8)] if rng.random() < 0.4 else [],
    }
    return data


def generate(stages: int, steps: int, seed: int) -> str:
    """The YAML text of a seeded journey with `stages` x `steps` touchpoints."""
    rng = random.Random(seed)
    stage_list = []
    insights, opportunities = [], []
    for s in range(stages):
        stage_steps = [_step(rng, s, t, steps, stages) for t in range(steps)]
        stage_list.append(
            {
                "id": f"stage-{s}",
                "name": _phrase(rng, 1, 3),
                "goal": _phrase(rng, 4, 10),
                "needs": [_phrase(rng, 2, 6) for _ in range(rng.randint(1, 3))],
                "steps": stage_steps,
            }
        )
        for step in stage_steps:
            if step.get("emotion", 0) < 0:
                insights.append(
                    {"id": f"i-{step['id']}", "title": _phrase(rng, 4, 9), "step": step["id"]}
                )
                opportunities.append(
                    {
                        "id": f"o-{step['id']}",
                        "title": _phrase(rng, 4, 9),
                        "step": step["id"],
                        "fixes": [f"i-{step['id']}"],
                        "effort": rng.randint(1, 5),
                    }
                )
    journey = {
        "cxmap": 1,
        "id": "benchmark",
        "title": f"Generated journey, {stages} stages x {steps} steps (seed {seed})",
        "stages": stage_list,
        "insights": insights,
        "opportunities": opportunities,
    }
    return yaml.safe_dump(journey, sort_keys=False, allow_unicode=True)


def best_of(runs: int, action: Callable[[], T]) -> tuple[float, T]:
    """The shortest of `runs` timings of `action` (seconds) and its last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", type=int, default=50)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    text = generate(args.stages, args.steps, args.seed)
    raw = text.encode("utf-8")
    rows: list[tuple[str, float, str]] = []
    seconds, journey = best_of(args.runs, lambda: load_journey_text(raw, "benchmark.yaml"))
    # The peer: what any Python tool does to read the same file (PyYAML's plain safe_load),
    # without positions, duplicate-key checks or validation.
    peer, _ = best_of(args.runs, lambda: yaml.safe_load(text))
    note = f"{len(raw) / 1024:.0f} KiB of YAML; {seconds / peer:.2f}x a plain yaml.safe_load"
    rows.append(("validate (parse YAML)", seconds, note))
    rows.append(("peer: yaml.safe_load", peer, "PyYAML, no positions, no checks"))
    seconds, findings = best_of(args.runs, lambda: lint(journey))
    rows.append(("lint", seconds, f"{len(findings)} findings"))
    seconds, layout = best_of(args.runs, lambda: layout_journey(journey))
    rows.append(("layout", seconds, f"{layout.width:.0f} x {layout.height:.0f} user units"))
    seconds, svg = best_of(args.runs, lambda: layout_to_svg(layout_journey(journey)))
    rows.append(("render SVG (layout included)", seconds, f"{len(svg.encode()) / 1024:.0f} KiB"))
    raster_runs = max(1, min(args.runs, 3))
    size = (layout.width, layout.height)
    seconds, png = best_of(raster_runs, lambda: svg_to_png(svg, *size, layout.title))
    rows.append(("render PNG (from SVG)", seconds, f"{len(png) / 1024:.0f} KiB"))
    seconds, pdf = best_of(raster_runs, lambda: svg_to_pdf(svg, *size, layout.title))
    rows.append(("render PDF (from SVG)", seconds, f"{len(pdf) / 1024:.0f} KiB"))

    steps = len(journey.steps())
    print(f"{len(journey.stages)} stages, {steps} steps; best of {args.runs} runs")
    print(f"{'phase':<30} {'seconds':>9}  notes")
    for name, value, note in rows:
        shown = "-" if value != value else f"{value:.3f}"
        print(f"{name:<30} {shown:>9}  {note}")


if __name__ == "__main__":
    main()
