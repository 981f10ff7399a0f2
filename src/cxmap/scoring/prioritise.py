"""Pain points and opportunities ranked per lifecycle stage by expected impact over effort.

    expected_impact = volume x negativity x value / effort

- volume: customers reaching the step: its cases in the mined funnel when given, else the
  number of evidence items at the step, else 1 (unknown; the evidence list says so);
- negativity (0..1): a pain insight's severity / 5; for an opportunity, the pains it fixes
  combined, 1 - prod(1 - severity / 5), else the step's own signal; for an unaddressed
  signal, the larger of the evidence's negativity and the share of cases dropping off there;
- value: `value_by_step` (value at stake per customer), else 1;
- effort (1..5): an opportunity's effort; a pain point's is not known until someone
  proposes a fix, and neither is an opportunity's without one: 3, the middle of the scale
  (the evidence list says it was assumed).

A pain insight is listed as a pain point only while no opportunity (open or done) fixes it;
once one does, the opportunity carries it, with the insight's evidence, so one problem is
not listed twice. Pain signals in the evidence (`StepEvidence.pain`) or a drop-off in the
event log at a step without a pain insight become an item of their own (`signal:<step>`),
so nothing the data shows is left off because nobody wrote it down yet. Done and dismissed
opportunities are not listed. Items are ranked by expected impact, then pain points before
opportunities, then id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import (
    Insight,
    InsightKind,
    Journey,
    Opportunity,
    OpportunityStatus,
)
from cxmap.model.mining import FunnelStep, MiningResult
from cxmap.model.priorities import EvidenceRef, PriorityItem, PriorityKind

UNKNOWN_EFFORT = 3.0
CLOSED = frozenset({OpportunityStatus.DONE, OpportunityStatus.DISMISSED})
_KIND_ORDER = {PriorityKind.PAIN_POINT: 0, PriorityKind.OPPORTUNITY: 1}


def evidence_negativity(evidence: StepEvidence | None) -> float | None:
    """How negative a step's evidence is, 0..1: emotion -2 -> 1, sentiment -1 -> 1, NPS
    -100 -> 1, CSAT 0 % satisfied -> 1; None without evidence."""
    if evidence is None:
        return None
    if evidence.emotion is not None:
        raw = -evidence.emotion.mean / 2
    elif evidence.sentiment is not None:
        raw = -evidence.sentiment.mean
    elif evidence.nps is not None:
        raw = -evidence.nps.mean / 100
    elif evidence.csat is not None:
        raw = 1 - evidence.csat.mean / 100
    else:
        return None
    return max(0.0, min(1.0, raw))


class _Context:
    """What is known about each step: volume, value, evidence and event-log signals."""

    def __init__(
        self,
        journey: Journey,
        evidence: Mapping[str, StepEvidence],
        mined: MiningResult | None,
        value_by_step: Mapping[str, float] | None,
    ) -> None:
        self.evidence = evidence
        self.funnel: dict[str, FunnelStep] = {}
        if mined is not None and mined.funnel is not None:
            self.funnel = {step.step: step for step in mined.funnel.steps}
        self.values = value_by_step or {}
        self.stage_of = {step.id: stage.id for stage in journey.stages for step in stage.steps}

    def volume(self, step: str) -> tuple[float, EvidenceRef | None]:
        if step in self.funnel:
            cases = self.funnel[step].cases
            return cases, EvidenceRef(kind="event_log", ref=step, summary=f"{cases} cases")
        if step in self.evidence and self.evidence[step].items:
            items = self.evidence[step].items
            return items, EvidenceRef(kind="evidence", ref=step, summary=f"{items} items")
        return 1.0, EvidenceRef(kind="assumption", ref=step, summary="volume unknown: 1")

    def value(self, step: str) -> tuple[float, EvidenceRef | None]:
        if step in self.values:
            return max(0.0, self.values[step]), None
        return 1.0, EvidenceRef(kind="assumption", ref=step, summary="value unknown: 1")

    def signals(self, step: str) -> list[EvidenceRef]:
        refs = []
        found = self.evidence.get(step)
        if found is not None and found.pain:
            reasons = ", ".join(reason.value for reason in found.pain)
            refs.append(EvidenceRef(kind="evidence", ref=step, summary=f"pain: {reasons}"))
        funnel = self.funnel.get(step)
        if funnel is not None and funnel.drop_off:
            share = f"{funnel.drop_off_share:.0%}"
            refs.append(EvidenceRef(kind="event_log", ref=step, summary=f"{share} drop off here"))
        return refs

    def signal_negativity(self, step: str) -> float:
        """The worse of the evidence's negativity (if it flags pain) and the drop-off share."""
        found = self.evidence.get(step)
        negativity = 0.0
        if found is not None and found.pain:
            negativity = evidence_negativity(found) or 0.5
        funnel = self.funnel.get(step)
        if funnel is not None:
            negativity = max(negativity, funnel.drop_off_share)
        return negativity


@dataclass(frozen=True)
class _Unranked:
    """A priority item before its rank is known (ranking needs all of the stage's items)."""

    kind: PriorityKind
    id: str
    title: str
    stage: str
    step: str
    volume: float
    negativity: float
    value: float
    effort: float
    expected_impact: float
    evidence: list[EvidenceRef]

    def ranked(self, rank: int) -> PriorityItem:
        return PriorityItem(**vars(self), rank=rank)


def _item(
    context: _Context,
    kind: PriorityKind,
    key: str,
    title: str,
    step: str,
    negativity: float,
    effort: float | None,
    refs: list[EvidenceRef],
) -> _Unranked:
    volume, volume_ref = context.volume(step)
    value, value_ref = context.value(step)
    if effort is None:
        refs = [*refs, EvidenceRef(kind="assumption", ref=key, summary="effort unknown: 3")]
    effort = effort or UNKNOWN_EFFORT
    assumed = [ref for ref in (volume_ref, value_ref) if ref is not None]
    return _Unranked(
        kind=kind,
        id=key,
        title=title,
        stage=context.stage_of[step],
        step=step,
        volume=volume,
        negativity=negativity,
        value=value,
        effort=effort,
        expected_impact=volume * negativity * value / effort,
        evidence=[*refs, *assumed],
    )


def _open_opportunities(journey: Journey) -> list[Opportunity]:
    return [o for o in journey.opportunities if o.status not in CLOSED]


def _insight_refs(insight: Insight) -> list[EvidenceRef]:
    return [
        EvidenceRef(kind="insight", ref=insight.id, summary=f"severity {insight.severity}"),
        *(EvidenceRef(kind="note", ref=insight.id, summary=note.text) for note in insight.evidence),
    ]


def _pains(journey: Journey) -> dict[str, Insight]:
    return {i.id: i for i in journey.insights if i.kind == InsightKind.PAIN}


def _pain_items(journey: Journey, context: _Context) -> list[_Unranked]:
    """Pain insights no open or done opportunity takes care of (effort not yet known)."""
    handled = {
        i for o in journey.opportunities if o.status != OpportunityStatus.DISMISSED for i in o.fixes
    }
    items = []
    for insight in _pains(journey).values():
        if insight.id in handled or insight.step not in context.stage_of:
            continue
        items.append(
            _item(
                context,
                PriorityKind.PAIN_POINT,
                insight.id,
                insight.title,
                insight.step,
                insight.severity / 5,
                None,
                [*_insight_refs(insight), *context.signals(insight.step)],
            )
        )
    return items


def _signal_items(journey: Journey, context: _Context) -> list[_Unranked]:
    """Pain the data shows at steps where no pain insight is written down."""
    documented = {i.step for i in journey.insights if i.kind == InsightKind.PAIN}
    items = []
    for step in journey.steps():
        refs = context.signals(step.id)
        negativity = context.signal_negativity(step.id)
        if step.id in documented or not refs or negativity <= 0:
            continue
        items.append(
            _item(
                context,
                PriorityKind.PAIN_POINT,
                f"signal:{step.id}",
                f"Unaddressed pain at {step.name}",
                step.id,
                negativity,
                None,
                refs,
            )
        )
    return items


def combined_negativity(severities: list[int]) -> float:
    """Negativity of fixing several pains: 1 - prod(1 - severity / 5), so each one adds
    to it, a critical one alone gives 1, and it never passes 1."""
    remaining = 1.0
    for severity in severities:
        remaining *= 1 - severity / 5
    return 1 - remaining


def _opportunity_items(journey: Journey, context: _Context) -> list[_Unranked]:
    pains = _pains(journey)
    items = []
    for opportunity in _open_opportunities(journey):
        if opportunity.step not in context.stage_of:
            continue
        fixed = [pains[i] for i in opportunity.fixes if i in pains]
        if fixed:
            negativity = combined_negativity([i.severity for i in fixed])
        else:
            negativity = context.signal_negativity(opportunity.step)
        refs = [
            EvidenceRef(
                kind="opportunity", ref=opportunity.id, summary=f"status {opportunity.status}"
            ),
            *(ref for insight in fixed for ref in _insight_refs(insight)),
            *context.signals(opportunity.step),
        ]
        items.append(
            _item(
                context,
                PriorityKind.OPPORTUNITY,
                opportunity.id,
                opportunity.title,
                opportunity.step,
                negativity,
                opportunity.effort,
                refs,
            )
        )
    return items


def _ranked(items: list[_Unranked]) -> list[PriorityItem]:
    ordered = sorted(items, key=lambda i: (-i.expected_impact, _KIND_ORDER[i.kind], i.id))
    return [item.ranked(rank) for rank, item in enumerate(ordered, 1)]


def prioritise(
    journey: Journey,
    evidence: Mapping[str, StepEvidence],
    mined: MiningResult | None = None,
    value_by_step: Mapping[str, float] | None = None,
) -> dict[str, list[PriorityItem]]:
    """Stage id -> its pain points and opportunities, rank 1 first; every stage of the
    journey is a key, in map order (an empty list: nothing to do there)."""
    context = _Context(journey, evidence, mined, value_by_step)
    items = [
        *_pain_items(journey, context),
        *_signal_items(journey, context),
        *_opportunity_items(journey, context),
    ]
    by_stage: dict[str, list[_Unranked]] = {stage.id: [] for stage in journey.stages}
    for item in items:
        by_stage[item.stage].append(item)
    return {stage: _ranked(stage_items) for stage, stage_items in by_stage.items()}
