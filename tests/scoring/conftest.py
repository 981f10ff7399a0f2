"""Shared builders: the retail example journey, step evidence and a mined funnel."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.ingest.journey_file import load_journey_text
from cxmap.model.evidence import MeanWithInterval, PainReason, StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.mining import Funnel, FunnelStep, MiningResult
from tests.conftest import EXAMPLES


def mean(value: float, n: int) -> MeanWithInterval:
    return MeanWithInterval(n=n, mean=value, interval=None)


def step_evidence(
    step: str,
    items: int,
    *,
    emotion: float | None = None,
    sentiment: float | None = None,
    nps: float | None = None,
    csat: float | None = None,
    ces: float | None = None,
    pain: tuple[PainReason, ...] = (),
) -> StepEvidence:
    return StepEvidence(
        step=step,
        items=items,
        emotion=None if emotion is None else mean(emotion, items),
        sentiment=None if sentiment is None else mean(sentiment, items),
        nps=None if nps is None else mean(nps, items),
        csat=None if csat is None else mean(csat, items),
        ces=None if ces is None else mean(ces, items),
        pain=list(pain),
    )


def funnel_step(step: str, cases: int, drop_off: int = 0, mean_seconds: float = 60.0) -> FunnelStep:
    return FunnelStep(
        step=step,
        name=step,
        cases=cases,
        share=cases / 1000,
        exits=drop_off,
        drop_off=drop_off,
        drop_off_share=drop_off / cases if cases else 0.0,
        mean_seconds=mean_seconds,
        median_seconds=mean_seconds,
    )


def mined_from(steps: list[FunnelStep], cases: int = 1000) -> MiningResult:
    return MiningResult(
        cases=cases,
        events=cases * 5,
        start_activities={},
        end_activities={},
        dfg=[],
        variants=[],
        funnel=Funnel(steps=steps),
    )


#: Made-up evidence for the retail example, used by the prioritising and action tests.
RETAIL_EVIDENCE: dict[str, StepEvidence] = {
    # documented pain (insight size-doubt): evidence only adds volume and references
    "check-size": step_evidence("check-size", 40, emotion=-1.2, pain=(PainReason.SENTIMENT,)),
    # pain nobody wrote down: sentiment -0.3 -> negativity 0.3
    "view-product": step_evidence(
        "view-product", 30, sentiment=-0.3, nps=-20, pain=(PainReason.NPS,)
    ),
}


@pytest.fixture(scope="session")
def retail() -> Journey:
    path = EXAMPLES / "online-retail-purchase.yaml"
    return load_journey_text(Path(path).read_bytes(), str(path))
