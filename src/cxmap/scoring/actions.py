"""Suggested actions, in the five kinds CX teams work in, generated from the journey's data.

- define customers: no persona at all; a persona without a segment rule (we cannot tell
  whose evidence is theirs); a persona with neither goals nor frustrations (not grounded
  in research);
- align the journey: pain the evidence flags at a step with no pain insight; a pain
  insight no opportunity fixes;
- product or service change: a proposed opportunity among the top two items of its stage
  in `prioritise`;
- define a key metric: a step with no metric on the map and no KPI bound to it;
- measure progress: a KPI of the journey without a target, or without a point in the
  last `stale_after`.

Each suggestion has a stable `key` (`kind:subject`) and an id derived from the journey and
the key, so running this again never suggests what is already there (accepted, edited or
dismissed), and the same data always gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import InsightKind, Journey, OpportunityStatus, Persona
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    Action,
    ActionKind,
    Kpi,
    KpiPoint,
    PriorityKind,
)
from cxmap.scoring.prioritise import prioritise

STALE_AFTER = timedelta(days=90)
#: Opportunities at these ranks of their stage are worth turning into a change now.
TOP_RANKS = 2


def action_id(journey: str, key: str) -> str:
    return "act-" + hashlib.sha256(f"{journey}\n{key}".encode()).hexdigest()[:16]


class _Draft:
    """An action before its id and timestamps: what the rules below yield."""

    def __init__(self, kind: ActionKind, subject: str, title: str, **fields: object) -> None:
        self.kind = kind
        self.key = f"{kind.value}:{subject}"
        self.title = title
        self.fields = fields


def _define_customers(journey: Journey, personas: Sequence[Persona]) -> Iterator[_Draft]:
    known = {p.id: p for p in [*journey.personas, *personas]}
    if not known:
        yield _Draft(
            ActionKind.DEFINE_CUSTOMERS,
            "journey",
            f"Define who takes the journey '{journey.title}'",
            description="No persona is linked: evidence cannot be read for a segment.",
        )
    for persona in known.values():
        if not persona.segment.strip():
            yield _Draft(
                ActionKind.DEFINE_CUSTOMERS,
                f"segment:{persona.id}",
                f"Define which customers {persona.name} covers",
                description="Without a segment rule no evidence can be attributed to it.",
            )
        if not persona.goals and not persona.frustrations:
            yield _Draft(
                ActionKind.DEFINE_CUSTOMERS,
                f"research:{persona.id}",
                f"Back {persona.name} with research: goals and frustrations",
            )


def _align_journey(journey: Journey, evidence: Mapping[str, StepEvidence]) -> Iterator[_Draft]:
    stage_of = {s.id: st.id for st in journey.stages for s in st.steps}
    pains = [i for i in journey.insights if i.kind == InsightKind.PAIN]
    documented = {i.step for i in pains}
    for step in journey.steps():
        found = evidence.get(step.id)
        if found is not None and found.pain and step.id not in documented:
            reasons = ", ".join(reason.value for reason in found.pain)
            yield _Draft(
                ActionKind.ALIGN_JOURNEY,
                f"signal:{step.id}",
                f"Record the pain at '{step.name}' as an insight",
                description=f"The evidence flags pain ({reasons}) that no insight names.",
                stage=stage_of[step.id],
                step=step.id,
            )
    fixed = {i for o in journey.opportunities for i in o.fixes}
    for insight in pains:
        if insight.id not in fixed:
            yield _Draft(
                ActionKind.ALIGN_JOURNEY,
                f"insight:{insight.id}",
                f"Decide how to fix: {insight.title}",
                description=f"Severity {insight.severity}; no opportunity fixes it yet.",
                stage=stage_of.get(insight.step),
                step=insight.step,
                fixes=insight.id,
            )


def _product_changes(
    journey: Journey, evidence: Mapping[str, StepEvidence], mined: MiningResult | None
) -> Iterator[_Draft]:
    opportunities = {o.id: o for o in journey.opportunities}
    pains = {i.id for i in journey.insights if i.kind == InsightKind.PAIN}
    for stage, items in prioritise(journey, evidence, mined).items():
        for item in items:
            if item.kind != PriorityKind.OPPORTUNITY or item.rank > TOP_RANKS:
                continue
            opportunity = opportunities[item.id]
            if opportunity.status != OpportunityStatus.PROPOSED:
                continue
            yield _Draft(
                ActionKind.PRODUCT_CHANGE,
                opportunity.id,
                opportunity.title,
                description=f"Rank {item.rank} in its stage, expected impact "
                f"{item.expected_impact:.3g}. {opportunity.description}".strip(),
                stage=stage,
                step=opportunity.step,
                owner=opportunity.owner,
                due=opportunity.due,
                fixes=next((i for i in opportunity.fixes if i in pains), None),
            )


def _define_metrics(journey: Journey, kpis: Sequence[Kpi]) -> Iterator[_Draft]:
    measured = {s for k in kpis for s in (k.step, k.from_step, k.to_step) if s is not None}
    for stage in journey.stages:
        for step in stage.steps:
            if not step.metrics and step.id not in measured:
                yield _Draft(
                    ActionKind.DEFINE_METRIC,
                    step.id,
                    f"Define a key metric for '{step.name}'",
                    stage=stage.id,
                    step=step.id,
                )


def _measure_progress(
    kpis: Sequence[Kpi],
    points: Mapping[str, Sequence[KpiPoint]],
    now: datetime,
    stale_after: timedelta,
) -> Iterator[_Draft]:
    for kpi in kpis:
        step = kpi.step or kpi.from_step
        if kpi.target is None:
            yield _Draft(
                ActionKind.MEASURE_PROGRESS,
                f"target:{kpi.id}",
                f"Set a target for {kpi.name}",
                step=step,
            )
        latest = max((p.measured_at for p in points.get(kpi.id, ())), default=None)
        if latest is None or now - latest > stale_after:
            when = "never" if latest is None else f"last on {latest.date().isoformat()}"
            yield _Draft(
                ActionKind.MEASURE_PROGRESS,
                f"points:{kpi.id}",
                f"Measure {kpi.name} again",
                description=f"Measured {when}.",
                step=step,
            )


def suggest_actions(
    journey: Journey,
    evidence: Mapping[str, StepEvidence],
    personas: Sequence[Persona],
    kpis: Sequence[Kpi],
    existing: Sequence[Action],
    *,
    mined: MiningResult | None = None,
    points: Mapping[str, Sequence[KpiPoint]] | None = None,
    now: datetime | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> list[Action]:
    """New suggestions for `journey`, kind by kind in `ActionKind` order, map order within.

    `personas` are the workspace personas the journey is for (its own are added); `kpis`
    those of the workspace (only the journey's count); `points` KPI id -> its points;
    `existing` the actions already kept, whose keys are not suggested again; `mined` feeds
    the priorities behind product changes.
    """
    now = now or datetime.now(UTC)
    own = [k for k in kpis if k.journey == journey.id]
    taken = {a.key for a in existing if a.journey == journey.id}
    drafts = [
        *_define_customers(journey, personas),
        *_align_journey(journey, evidence),
        *_product_changes(journey, evidence, mined),
        *_define_metrics(journey, own),
        *_measure_progress(own, points or {}, now, stale_after),
    ]
    actions = []
    for draft in drafts:
        if draft.key in taken:
            continue
        taken.add(draft.key)
        actions.append(
            Action.model_validate(
                {
                    "id": action_id(journey.id, draft.key),
                    "key": draft.key,
                    "kind": draft.kind,
                    "title": draft.title,
                    "journey": journey.id,
                    "created_at": now,
                    "updated_at": now,
                    **draft.fields,
                }
            )
        )
    return actions
