"""Key metrics measured from the data, and before/after comparisons of their points.

What each kind reads (percentages are 0..100):

- nps_at_step / csat_at_step / ces_at_step: the step's evidence aggregate (NPS as
  % promoters - % detractors, CSAT as % of 4-5 answers, CES as the mean 1..7 answer);
  n = the answers, source `import`;
- conversion A -> B: 100 x cases reaching B / cases reaching A in the mined funnel
  (n = cases at A), source `analysis`;
- drop_off at A: 100 x the funnel's drop-off share at A (n = cases at A);
- time_between A and B: the mean seconds of the directly-follows edge A -> B when the log
  names activities by step id; else the sum of the mean time spent at each funnel step
  from A up to B (the time on the desired path), n = cases at B.

A window of points (a period or a journey version) is summarised by the n-weighted mean of
its points (the plain mean when no point has an n), so one small survey does not weigh as
much as a large one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from cxmap.model.evidence import MeanWithInterval, StepEvidence
from cxmap.model.mining import FunnelStep, MiningResult
from cxmap.model.priorities import (
    Direction,
    JourneyVersion,
    Kpi,
    KpiComparison,
    KpiKind,
    KpiPoint,
    KpiPointSource,
    KpiWindow,
    Period,
)

Measured = tuple[float, int]


def _from_evidence(kpi: Kpi, evidence: Mapping[str, StepEvidence]) -> Measured | None:
    found = evidence.get(kpi.step or "")
    if found is None:
        return None
    aggregate: MeanWithInterval | None = {
        KpiKind.NPS_AT_STEP: found.nps,
        KpiKind.CSAT_AT_STEP: found.csat,
        KpiKind.CES_AT_STEP: found.ces,
    }[kpi.kind]
    return None if aggregate is None else (aggregate.mean, aggregate.n)


def _time_between(kpi: Kpi, mined: MiningResult, funnel: list[FunnelStep]) -> Measured | None:
    for edge in mined.dfg:
        if edge.source == kpi.from_step and edge.target == kpi.to_step:
            return edge.mean_seconds, edge.count
    order = [step.step for step in funnel]
    if kpi.from_step not in order or kpi.to_step not in order:
        return None
    start, end = order.index(kpi.from_step), order.index(kpi.to_step)
    between = funnel[start:end]
    if end <= start or any(step.mean_seconds is None for step in between):
        return None
    return sum(step.mean_seconds or 0.0 for step in between), funnel[end].cases


def _from_log(kpi: Kpi, mined: MiningResult | None) -> Measured | None:
    if mined is None or mined.funnel is None:
        return None
    funnel = mined.funnel.steps
    at = {step.step: step for step in funnel}
    if kpi.kind == KpiKind.DROP_OFF:
        step = at.get(kpi.step or "")
        return None if step is None or not step.cases else (100 * step.drop_off_share, step.cases)
    if kpi.kind == KpiKind.CONVERSION:
        start, end = at.get(kpi.from_step or ""), at.get(kpi.to_step or "")
        if start is None or end is None or not start.cases:
            return None
        return 100 * end.cases / start.cases, start.cases
    return _time_between(kpi, mined, funnel)


EVIDENCE_KINDS = frozenset({KpiKind.NPS_AT_STEP, KpiKind.CSAT_AT_STEP, KpiKind.CES_AT_STEP})


def measure(
    kpi: Kpi,
    evidence_by_step: Mapping[str, StepEvidence],
    mined: MiningResult | None,
    *,
    measured_at: datetime | None = None,
    journey_version: int | None = None,
) -> KpiPoint | None:
    """The KPI's value from the data, dated `measured_at` (default: now), or None when the
    data does not cover it."""
    if kpi.kind in EVIDENCE_KINDS:
        found, source = _from_evidence(kpi, evidence_by_step), KpiPointSource.IMPORT
    else:
        found, source = _from_log(kpi, mined), KpiPointSource.ANALYSIS
    if found is None:
        return None
    value, n = found
    return KpiPoint(
        kpi=kpi.id,
        measured_at=measured_at or datetime.now(UTC),
        value=value,
        n=n,
        source=source,
        journey_version=journey_version,
    )


Selector = Period | JourneyVersion


def _selects(selector: Selector, point: KpiPoint) -> bool:
    if isinstance(selector, JourneyVersion):
        return point.journey_version == selector.version
    return selector.start <= point.measured_at < selector.end


def window(kpi: Kpi, points: Sequence[KpiPoint], selector: Selector) -> KpiWindow:
    """The KPI over one period or version (its points only)."""
    chosen = [p for p in points if p.kpi == kpi.id and _selects(selector, p)]
    n = sum(p.n for p in chosen)
    value: float | None = None
    if chosen:
        weighted = n > 0
        total = sum(p.value * (p.n if weighted else 1) for p in chosen)
        value = total / (n if weighted else len(chosen))
    return KpiWindow(
        label=selector.label,
        points=len(chosen),
        n=n,
        value=value,
        target_met=None if value is None else kpi.meets(value),
    )


def compare(
    kpi: Kpi, points: Sequence[KpiPoint], before: Selector, after: Selector
) -> KpiComparison:
    """Before/after: `change = after - before`; `improved` in the KPI's own direction
    (a lower drop-off is an improvement), None when either side has no points."""
    first, second = window(kpi, points, before), window(kpi, points, after)
    change = None
    improved = None
    if first.value is not None and second.value is not None:
        change = second.value - first.value
        improved = change > 0 if kpi.direction == Direction.HIGHER_IS_BETTER else change < 0
    return KpiComparison(
        kpi=kpi.id,
        before=first,
        after=second,
        change=change,
        improved=improved,
        target=kpi.target,
        direction=kpi.direction,
    )
