"""Suggested actions on the retail example: the five kinds, stable keys, no duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cxmap.model.journey import Insight, Journey, Persona
from cxmap.model.priorities import Action, ActionKind, ActionStatus, Kpi, KpiKind, KpiPoint
from cxmap.scoring.actions import action_id, suggest_actions
from tests.scoring.conftest import RETAIL_EVIDENCE as EVIDENCE

NOW = datetime(2025, 6, 1, tzinfo=UTC)
KPIS = [
    Kpi(
        id="cart-exit",
        name="Cart exit rate",
        kind=KpiKind.DROP_OFF,
        journey="online-retail-purchase",
        step="review-cart",
        target=15,
    ),
    Kpi(
        id="details-conversion",
        name="Details to payment",
        kind=KpiKind.CONVERSION,
        journey="online-retail-purchase",
        from_step="enter-details",
        to_step="pay-by-card",
    ),
    Kpi(id="other", name="Other journey", kind=KpiKind.NPS_AT_STEP, journey="bank", step="apply"),
]
POINTS = {
    "cart-exit": [
        KpiPoint(
            kpi="cart-exit",
            measured_at=NOW - timedelta(days=200),
            value=22,
            n=900,
            source="analysis",
        ),
    ],
    "details-conversion": [
        KpiPoint(
            kpi="details-conversion",
            measured_at=NOW - timedelta(days=10),
            value=91,
            n=780,
            source="analysis",
        ),
    ],
}
LONE_PERSONA = Persona(id="walk-in", name="Walk-in shopper")


def suggest(journey: Journey, existing: list[Action] | None = None) -> list[Action]:
    return suggest_actions(
        journey, EVIDENCE, [LONE_PERSONA], KPIS, existing or [], points=POINTS, now=NOW
    )


def keys_of(actions: list[Action], kind: ActionKind) -> list[str]:
    return [a.key for a in actions if a.kind == kind]


def test_define_customers_for_a_persona_without_segment_or_research(retail: Journey) -> None:
    actions = suggest(retail)
    # maya and tom have segments, goals and frustrations; the workspace persona has neither
    assert keys_of(actions, ActionKind.DEFINE_CUSTOMERS) == [
        "define_customers:segment:walk-in",
        "define_customers:research:walk-in",
    ]
    bare = retail.model_copy(update={"personas": []})
    alone = suggest_actions(bare, {}, [], [], [], now=NOW)
    assert keys_of(alone, ActionKind.DEFINE_CUSTOMERS) == ["define_customers:journey"]


def test_align_the_journey_with_pain_nobody_wrote_down(retail: Journey) -> None:
    actions = suggest(retail)
    # every pain insight of the example has an opportunity; view-product's evidence flags
    # pain (NPS) that no insight names
    assert keys_of(actions, ActionKind.ALIGN_JOURNEY) == ["align_journey:signal:view-product"]
    unfixed = Insight(id="no-stock", title="Size out of stock", step="view-product", severity=4)
    more = retail.model_copy(update={"insights": [*retail.insights, unfixed]})
    keys = keys_of(suggest(more), ActionKind.ALIGN_JOURNEY)
    # now view-product has an insight, but nothing fixes it yet
    assert keys == ["align_journey:insight:no-stock"]
    action = next(a for a in suggest(more) if a.key == "align_journey:insight:no-stock")
    assert (action.fixes, action.stage, action.step) == ("no-stock", "browse", "view-product")


def test_product_changes_from_the_top_of_each_stage(retail: Journey) -> None:
    # Without a funnel, checkout ranks delivery-cost-upfront (0.76, in progress) then
    # guest-checkout (0.6 / 3 = 0.2, proposed); delivery and returns have one proposed
    # opportunity each at rank 1. Accepted or started ones are already changes under way.
    actions = suggest(retail)
    assert keys_of(actions, ActionKind.PRODUCT_CHANGE) == [
        "product_change:guest-checkout",
        "product_change:proactive-delay-alerts",
        "product_change:refund-at-drop-off",
    ]
    guest = next(a for a in actions if a.key == "product_change:guest-checkout")
    assert (guest.owner, guest.fixes, guest.stage) == (
        "Checkout squad",
        "forced-account",
        "checkout",
    )


def test_define_metrics_for_steps_without_one(retail: Journey) -> None:
    keys = keys_of(suggest(retail), ActionKind.DEFINE_METRIC)
    unmeasured = [s.id for s in retail.steps() if not s.metrics]
    # enter-details has no metric on the map but a KPI reads it; pay-by-card too
    assert keys == [
        f"define_metric:{s}" for s in unmeasured if s not in {"enter-details", "pay-by-card"}
    ]
    assert "define_metric:review-cart" not in keys  # the map names a metric there


def test_measure_progress_for_stale_points_and_missing_targets(retail: Journey) -> None:
    # cart-exit was last measured 200 days ago (over 90); details-conversion has no target
    # but a fresh point; the other journey's KPI is not this journey's business
    assert keys_of(suggest(retail), ActionKind.MEASURE_PROGRESS) == [
        "measure_progress:points:cart-exit",
        "measure_progress:target:details-conversion",
    ]


def test_nothing_is_suggested_twice(retail: Journey) -> None:
    first = suggest(retail)
    assert len({a.key for a in first}) == len(first)
    assert suggest(retail, first) == []
    dismissed = [a.model_copy(update={"status": ActionStatus.DISMISSED}) for a in first[:3]]
    again = suggest(retail, dismissed)
    assert {a.key for a in again} == {a.key for a in first[3:]}
    # another journey's action with the same key does not hide this journey's
    elsewhere = [first[0].model_copy(update={"journey": "bank"})]
    assert suggest(retail, elsewhere)[0].key == first[0].key


def test_ids_are_stable_and_generated_actions_are_suggestions(retail: Journey) -> None:
    first, second = suggest(retail), suggest(retail)
    assert [a.id for a in first] == [a.id for a in second]
    assert first[0].id == action_id("online-retail-purchase", first[0].key)
    assert {(a.status, a.source, a.created_at) for a in first} == {
        (ActionStatus.SUGGESTED, "generated", NOW)
    }
    kinds = [a.kind for a in first]
    assert kinds == sorted(kinds, key=list(ActionKind).index)
